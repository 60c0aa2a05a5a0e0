"""`agentlint rules [CODE]`: the rule codes, or one rule's full page."""

from __future__ import annotations

import argparse

from agentlint import resources, rules
from agentlint.errors import fail


def run(args: argparse.Namespace) -> int:
    if args.code is None:
        for rule in rules.RULES.values():
            print(f"{rule.code}  {rule.name:<28} {rule.summary}")
        return 0
    code = rules.code_for(args.code)
    if code is None:
        raise fail(
            f"unknown rule code or name {args.code!r}{rules.did_you_mean(args.code)}",
            fix="run `agentlint rules` for the list",
        )
    print(resources.read_text("docs", "rules", f"{code}.md"), end="")
    return 0
