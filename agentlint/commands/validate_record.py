"""`agentlint validate-record FILE...`: check record files on their own, as the
pre-commit hook does: safe parsing, the schema, and what can be judged without a change
(fill-in markers left by `agentlint record new`, placeholder rollback plans)."""

from __future__ import annotations

import argparse
import sys

from agentlint.findings import Finding, sort_key

MAX_READ = 4 * 1024 * 1024  # the loader reports anything over its own, smaller limit


def findings_for(path: str, text: bytes) -> list[Finding]:
    """What is wrong with the record file `path` holding `text`."""
    from agentlint.checks.record import problem_finding, rollback_findings
    from agentlint.record import load

    loaded = load.load(text, path)
    found = [problem_finding("AL102", path, p) for p in loaded.problems]
    return found + rollback_findings(loaded)


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_READ)
    except OSError as exc:
        print(f"agentlint: error: cannot read {path}: {exc.strerror}", file=sys.stderr)
        return None


def run(args: argparse.Namespace) -> int:
    from agentlint.report.text import line

    unreadable = 0
    bad = 0
    for path in args.files:
        text = _read(path)
        if text is None:
            unreadable += 1
            continue
        found = sorted(findings_for(path, text), key=sort_key)
        bad += bool(found)
        for finding in found:
            print(line(finding))
    total = len(args.files)
    noun = f"{total} record{'s' * (total != 1)}"
    if unreadable:
        print(f"agentlint: {unreadable} of {noun} could not be read", file=sys.stderr)
        return 2
    if bad:
        print(f"{bad} of {noun} failed validation.")
        return 1
    print(f"{noun.capitalize()} valid.")
    return 0
