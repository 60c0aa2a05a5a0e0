"""What a check returns: one Finding per problem, with a stable rule code."""

from __future__ import annotations

from agentlint import structs


class Finding(structs.Struct):
    code: str
    message: str
    path: str | None
    line: int | None = None
    commit: str | None = None
    category: str | None = None
    severity: str = "error"


def sort_key(finding: Finding) -> tuple[str, int, str, str]:
    return (finding.path or "", finding.line or 0, finding.code, finding.message)
