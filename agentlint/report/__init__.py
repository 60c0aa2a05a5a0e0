"""Render findings as text, json, sarif, github workflow commands, GitLab Code Quality
JSON, or the Markdown review packet."""

from __future__ import annotations

from agentlint import structs
from agentlint.findings import Finding

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from agentlint.change.model import Change
    from agentlint.policy.model import Policy
    from agentlint.scope import Scope


class Summary(structs.Struct):
    errors: int
    warnings: int
    commits: int
    agent_commits: int


class Context(structs.Struct):
    """What the review packet shows beyond the findings: the change, its policy, and what
    the rules judged (None when no rule applied)."""

    change: Change
    policy: Policy
    scope: Scope | None


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
    if name == "gitlab":
        from agentlint.report import gitlab

        return gitlab.render
    from agentlint.report import text

    return text.render


def render(
    name: str,
    findings: list[Finding],
    summary: Summary,
    context: Context | None = None,
    *,
    color: bool = False,
) -> str:
    """The report in format `name`. A message can quote a name or an identity that is not
    valid UTF-8 (git keeps bytes): its undecodable bytes are shown as \\xNN escapes, so
    every format is valid text. Each format shows paths its own way (report/paths.py)."""
    from agentlint.report.paths import lossless

    shown = [f._replace(message=lossless(f.message)) for f in findings]
    if name == "markdown":
        from agentlint.report import markdown

        return markdown.render(shown, summary, context)
    if name in ("text", "grouped"):  # the formats a person reads in a terminal
        from agentlint.report import text

        layout = text.render_grouped if name == "grouped" else text.render
        return layout(shown, summary, color)
    return _formatter(name)(shown, summary)
