"""`agentlint check`: run the pipeline on the change the flags select, and report. The
policy is read from the change's base, never from the change (see `agentlint.pipeline`)."""

from __future__ import annotations

import os
import sys

from agentlint import rules
from agentlint.errors import fail
from agentlint.findings import Finding
from agentlint.pipeline import evaluate, nothing_checked, review_context
from agentlint.report import render, summarise

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Mapping


def statistics(findings: list[Finding]) -> str:
    """`--statistics`: how many findings of each rule, most first, as ruff prints them."""
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.code] = counts.get(finding.code, 0) + 1
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return "".join(f"{n:>5}\t{code}\t{rules.RULES[code].name}\n" for code, n in rows)


def output_style(
    fmt: str | None, color: str, to_file: bool, isatty: bool, env: Mapping[str, str]
) -> tuple[str, bool]:
    """The format and whether to colour: a person at a terminal gets findings grouped by
    file, in colour unless NO_COLOR is set (https://no-color.org); pipes, files, hooks and
    CI get the one-line text format, plain. `--color always` colours a pipe too (not a
    file written with -o)."""
    terminal = isatty and not to_file
    fmt = fmt or ("grouped" if terminal else "text")
    if fmt not in ("text", "grouped") or to_file or color == "never":
        return fmt, False
    return fmt, color == "always" or (terminal and not env.get("NO_COLOR"))


def run(args: argparse.Namespace) -> int:
    selectors = rules.parse_selectors(args.select)
    args.format, color = output_style(
        getattr(args, "format", None),
        getattr(args, "color", "auto"),
        bool(args.output),
        sys.stdout.isatty(),
        os.environ,
    )
    if getattr(args, "statistics", False) and args.format not in ("text", "grouped"):
        raise fail(
            f"--statistics counts findings as text, not {args.format}",
            fix="drop --format, or drop --statistics",
        )
    # a review's markdown shows the records and evidence whatever the rules selected
    change, policy, found, agents = evaluate(args, () if args.format == "markdown" else selectors)
    findings = [f for f in found if rules.selected(f.code, selectors)]
    summary = summarise(findings, len(change.commits), agents)
    empty = nothing_checked(change, bool(args.message_file or args.message_file_arg))
    if empty:
        print(f"agentlint: note: nothing to check: {empty}", file=sys.stderr)
    context = review_context(change, policy) if args.format == "markdown" else None
    report = render(args.format, findings, summary, context, color=color)
    if getattr(args, "statistics", False):
        from agentlint.report.text import summary_line

        report = statistics(findings) + summary_line(summary, color) + "\n"
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
