"""`agentlint rules [CODE]`: the rule codes, or one rule's full page."""

from __future__ import annotations

import argparse

from agentlint import resources
from agentlint.errors import fail
from agentlint.rules import RULES


def run(args: argparse.Namespace) -> int:
    if args.code is None:
        for rule in RULES.values():
            print(f"{rule.code}  {rule.name:<28} {rule.summary}")
        return 0
    code = args.code.upper()
    if code not in RULES:
        raise fail(f"unknown rule code {args.code!r}", fix="run `agentlint rules` for the list")
    print(resources.read_text("docs", "rules", f"{code}.md"), end="")
    return 0
