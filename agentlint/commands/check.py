"""`agentlint check`: run the pipeline on the change the flags select, and report. The
policy is read from the change's base, never from the change (see `agentlint.pipeline`)."""

from __future__ import annotations

import argparse
import sys

from agentlint import rules
from agentlint.errors import fail
from agentlint.findings import Finding
from agentlint.pipeline import evaluate, nothing_checked, review_context
from agentlint.report import render, summarise


def statistics(findings: list[Finding]) -> str:
    """`--statistics`: how many findings of each rule, most first, as ruff prints them."""
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.code] = counts.get(finding.code, 0) + 1
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return "".join(f"{n:>5}\t{code}\t{rules.RULES[code].name}\n" for code, n in rows)


def run(args: argparse.Namespace) -> int:
    selectors = rules.parse_selectors(args.select)
    if getattr(args, "statistics", False) and args.format != "text":
        raise fail(
            f"--statistics counts findings as text, not {args.format}",
            fix="drop --format, or drop --statistics",
        )
    change, policy, found, agents = evaluate(args)
    findings = [f for f in found if rules.selected(f.code, selectors)]
    summary = summarise(findings, len(change.commits), agents)
    empty = nothing_checked(change, bool(args.message_file or args.message_file_arg))
    if empty:
        print(f"agentlint: note: nothing to check: {empty}", file=sys.stderr)
    context = review_context(change, policy) if args.format == "markdown" else None
    report = render(args.format, findings, summary, context)
    if getattr(args, "statistics", False):
        from agentlint.report.text import summary_line

        report = statistics(findings) + summary_line(summary) + "\n"
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as handle:
                handle.write(report)
        except OSError as exc:
            raise fail(
                f"cannot write the report: {exc.strerror}",
                where=args.output,
                fix="pass a writable path to --output",
            ) from None
        from agentlint.report.text import summary_line

        print(f"{summary_line(summary)} Report written to {args.output}.")
    else:
        sys.stdout.write(report)
    return 1 if summary.errors else 0
