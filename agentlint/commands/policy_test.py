"""`agentlint policy test [DIR] [--starter]`: replay every case file in DIR (default
.agentlint/policy-tests/) against the policy being written, and report each case as
passed or failed, like a test runner, with the findings that differ.

Exit 0 when every case passes, 1 when one fails, 2 when a case file or the policy cannot
be read.
"""

from __future__ import annotations

import argparse
import os

from agentlint import resources
from agentlint.errors import AgentlintError, Problem, fail
from agentlint.guard import workspace
from agentlint.policy.load import CONFIG_NAME
from agentlint.policytest import cases, replay
from agentlint.report.paths import lossless, quoted

DEFAULT_DIR = os.path.join(".agentlint", "policy-tests")


def case_files(folder: str) -> list[str]:
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith((".yaml", ".yml")))
    except OSError as exc:
        raise fail(
            f"cannot read the case folder: {exc.strerror}",
            where=folder,
            fix="pass a folder of case files, or --starter for agentlint's own set",
        ) from None
    if not names:
        raise fail("no case files (*.yaml) here", where=folder, fix="add one, or use --starter")
    return [os.path.join(folder, n) for n in names]


def starter_folder() -> str:
    return str(resources.path("docs", "policy-tests"))


def run(args: argparse.Namespace) -> int:
    root = workspace.find_root(os.getcwd())
    folder = (
        starter_folder() if args.starter else args.dir or os.path.join(root or ".", DEFAULT_DIR)
    )
    if not args.starter and not args.dir and not os.path.isdir(folder):
        raise fail(
            f"there is no {DEFAULT_DIR}/ folder of cases",
            fix="`agentlint init` writes the starter set there; "
            "or run `agentlint policy test --starter`",
        )
    loaded: list[cases.Case] = []
    problems: list[Problem] = []
    for path in case_files(folder):
        try:
            with open(path, "rb") as handle:
                loaded.append(cases.parse_case(handle.read(), os.path.relpath(path)))
        except AgentlintError as exc:
            problems += exc.problems
    if problems:
        raise AgentlintError(*problems)
    policy = replay.policy_files(args.config, root)
    shown = args.config or ("the built-in policy" if not policy else CONFIG_NAME)
    plural = "s" * (len(loaded) != 1)
    print(f"policy: {shown}; {len(loaded)} case{plural} from {os.path.relpath(folder)}")
    failed = 0
    for case in loaded:
        outcome = replay.replay(case, policy)
        print(
            f"{'PASS' if outcome.passed else 'FAIL'} {os.path.basename(case.source)}: {case.name}"
        )
        if not outcome.passed:
            failed += 1
            _explain(outcome)
    print(f"{len(loaded) - failed} passed, {failed} failed")
    return 1 if failed else 0


def _explain(outcome: replay.Outcome) -> None:
    for expect in outcome.missing:
        print(f"  - expected {expect}: not reported")
    for finding in outcome.unwanted:
        shown = quoted(finding.path or "?")
        print(f"  + unexpected {finding.code} at {shown}: {lossless(finding.message)}")
    reported = [f for f in outcome.findings if f not in outcome.unwanted]
    if reported:
        print("    reported:")
        for finding in reported:
            print(
                f"      {quoted(finding.path or '?')}: {finding.code} {lossless(finding.message)}"
            )
    else:
        print("    reported: nothing")
