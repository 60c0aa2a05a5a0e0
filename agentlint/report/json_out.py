"""The JSON report, as schemas/output.schema.json describes it."""

from __future__ import annotations

import json

from agentlint.findings import Finding, sort_key
from agentlint.report import Summary
from agentlint.report.paths import lossless
from agentlint.rules import RULES


def as_dict(finding: Finding) -> dict[str, object]:
    return {
        "code": finding.code,
        "name": RULES[finding.code].name,
        "severity": finding.severity,
        "message": finding.message,
        "path": lossless(finding.path) if finding.path is not None else None,
        "line": finding.line,
        "commit": finding.commit,
        "category": finding.category,
    }


def render(findings: list[Finding], summary: Summary) -> str:
    document = {
        "version": 1,
        "findings": [as_dict(f) for f in sorted(findings, key=sort_key)],
        "summary": summary._asdict(),
    }
    return json.dumps(document, indent=2) + "\n"  # ASCII: valid in any locale
