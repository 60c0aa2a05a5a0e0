"""`path[:line]: CODE message`, one finding a line, sorted, then a one-line summary."""

from __future__ import annotations

from agentlint.findings import Finding, sort_key
from agentlint.report import Summary
from agentlint.report.paths import quoted


SHORT = 12  # as the messages name commits (`commit 53234509403e`)


def line(finding: Finding) -> str:
    where = quoted(finding.path) if finding.path else "-"
    if finding.line:
        where += f":{finding.line}"
    level = "" if finding.severity == "error" else f"[{finding.severity}] "
    message = " ".join(finding.message.split())
    commit = f"({finding.commit[:SHORT]}) " if finding.commit else ""
    return f"{where}: {finding.code} {level}{commit}{message}"


def summary_line(summary: Summary) -> str:
    commits = f"{summary.commits} commit{'s' * (summary.commits != 1)}"
    scope = f"{commits} ({summary.agent_commits} by agents)"
    if not summary.errors and not summary.warnings:
        return f"All checks passed: {scope}."
    parts = [f"{summary.errors} error{'s' * (summary.errors != 1)}"]
    if summary.warnings:
        parts.append(f"{summary.warnings} warning{'s' * (summary.warnings != 1)}")
    return f"Found {' and '.join(parts)} in {scope}."


def render(findings: list[Finding], summary: Summary) -> str:
    lines = [line(f) for f in sorted(findings, key=sort_key)]
    return "\n".join([*lines, summary_line(summary)]) + "\n"
