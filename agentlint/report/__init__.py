"""Render findings as text, json, sarif or github workflow commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from agentlint.findings import Finding


class Summary(NamedTuple):
    errors: int
    warnings: int
    commits: int
    agent_commits: int


def summarise(findings: list[Finding], commits: int, agent_commits: int) -> Summary:
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    return Summary(errors, warnings, commits, agent_commits)


def _formatter(name: str) -> Callable[[list[Finding], Summary], str]:
    if name == "json":
        from agentlint.report import json_out

        return json_out.render
    if name == "sarif":
        from agentlint.report import sarif

        return sarif.render
    if name == "github":
        from agentlint.report import github

        return github.render
    from agentlint.report import text

    return text.render


def render(name: str, findings: list[Finding], summary: Summary) -> str:
    """The report in format `name`. A message can quote a name or an identity that is not
    valid UTF-8 (git keeps bytes): its undecodable bytes are shown as \\xNN escapes, so
    every format is valid text. Each format shows paths its own way (report/paths.py)."""
    from agentlint.report.paths import lossless

    shown = [f._replace(message=lossless(f.message)) for f in findings]
    return _formatter(name)(shown, summary)
