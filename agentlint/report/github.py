"""GitHub Actions workflow commands.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step (and 50 per
job). Errors are annotated first; what the cap leaves out is still printed as plain log
lines, and the last line says how many were left out.
"""

from __future__ import annotations

from agentlint.findings import Finding, sort_key
from agentlint.report import Summary
from agentlint.report.paths import lossless
from agentlint.report.text import line, summary_line
from agentlint.rules import RULES

PER_LEVEL = 10
_COMMAND = {"error": "error", "warning": "warning", "note": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding) -> str:
    props = []
    if finding.path:
        props.append(f"file={_property(lossless(finding.path))}")
        if finding.line:
            props.append(f"line={finding.line}")
    props.append(f"title={_property(f'{finding.code} {RULES[finding.code].name}')}")
    return f"::{_COMMAND[finding.severity]} {','.join(props)}::{_data(finding.message)}"


def render(findings: list[Finding], summary: Summary) -> str:
    ordered = sorted(
        findings, key=lambda f: (-["note", "warning", "error"].index(f.severity), sort_key(f))
    )
    used = {"error": 0, "warning": 0, "note": 0}
    out, left = [], []
    for finding in ordered:
        if used[finding.severity] < PER_LEVEL:
            used[finding.severity] += 1
            out.append(command(finding))
        else:
            left.append(finding)
    out += [line(f) for f in left]
    if left:
        out.append(
            f"agentlint: {len(left)} of {len(findings)} findings were not annotated "
            f"(GitHub shows {PER_LEVEL} per level per step); they are listed above"
        )
    out.append(summary_line(summary))
    return "\n".join(out) + "\n"
