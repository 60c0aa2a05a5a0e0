"""`path[:line]: CODE message`, one finding a line, sorted, then a one-line summary; or,
for a person at a terminal, the same findings grouped by file (`grouped`), with the advice
that several findings of a file share said once. Colour only when asked (`color`)."""

from __future__ import annotations

from agentlint.findings import Finding, sort_key
from agentlint.report import Summary
from agentlint.report.paths import quoted

SHORT = 12  # as the messages name commits (`commit 53234509403e`)
_SGR = {"bold": "1", "dim": "2", "error": "1;31", "warning": "1;33", "note": "1;36", "ok": "1;32"}


def _paint(text: str, style: str, color: bool) -> str:
    return f"\033[{_SGR[style]}m{text}\033[0m" if color else text


def _code(finding: Finding, color: bool) -> str:
    level = "" if finding.severity == "error" else f" [{finding.severity}]"
    return _paint(f"{finding.code}{level}", finding.severity, color)


def _commit(finding: Finding, color: bool) -> str:
    return _paint(f"({finding.commit[:SHORT]}) ", "dim", color) if finding.commit else ""


def _where(finding: Finding) -> str:
    where = quoted(finding.path) if finding.path else "-"
    return f"{where}:{finding.line}" if finding.line else where


def line(finding: Finding, color: bool = False) -> str:
    message = " ".join(finding.message.split())
    where = _paint(_where(finding), "bold", color)
    return f"{where}: {_code(finding, color)} {_commit(finding, color)}{message}"


def summary_line(summary: Summary, color: bool = False) -> str:
    commits = f"{summary.commits} commit{'s' * (summary.commits != 1)}"
    scope = f"{commits} ({summary.agent_commits} by agents)"
    if not summary.errors and not summary.warnings:
        return _paint(f"All checks passed: {scope}.", "ok", color)
    parts = [f"{summary.errors} error{'s' * (summary.errors != 1)}"]
    if summary.warnings:
        parts.append(f"{summary.warnings} warning{'s' * (summary.warnings != 1)}")
    style = "error" if summary.errors else "warning"
    return _paint(f"Found {' and '.join(parts)} in {scope}.", style, color)


def render(findings: list[Finding], summary: Summary, color: bool = False) -> str:
    lines = [line(f, color) for f in sorted(findings, key=sort_key)]
    return "\n".join([*lines, summary_line(summary, color)]) + "\n"


def _advice(message: str) -> tuple[str, str]:
    """A message's finding and its advice: the text after its last `; `."""
    what, sep, fix = message.rpartition("; ")
    return (what, fix) if sep else (message, "")


def render_grouped(findings: list[Finding], summary: Summary, color: bool = False) -> str:
    """Findings under a header per file; advice that two or more findings of the file
    share (the same rule, the same words) is said once, at the end of the group."""
    groups: dict[str, list[Finding]] = {}
    for finding in sorted(findings, key=sort_key):
        groups.setdefault(quoted(finding.path) if finding.path else "-", []).append(finding)
    out = []
    for path, group in groups.items():
        out.append(_paint(path, "bold", color))
        split = [(f, *_advice(" ".join(f.message.split()))) for f in group]
        counts: dict[tuple[str, str], int] = {}
        for f, _, fix in split:
            counts[(f.code, fix)] = counts.get((f.code, fix), 0) + 1
        shared = [key for key, n in counts.items() if n > 1 and key[1]]
        for f, what, fix in split:
            text = what if (f.code, fix) in shared else f"{what}; {fix}" if fix else what
            where = f"{f.line}: " if f.line else ""
            out.append(f"  {where}{_code(f, color)} {_commit(f, color)}{text}")
        out += [f"  {_paint(code, 'dim', color)} {fix}" for code, fix in shared]
        out.append("")
    return "\n".join([*out, summary_line(summary, color)]) + "\n"
