"""GitLab Code Quality JSON: a list of issues (description, check_name, fingerprint,
severity, location path and begin line), which GitLab shows in the merge request widget
and the diff. Findings about the change as a whole point at the record or policy file,
as in SARIF, so that every issue has a location."""

from __future__ import annotations

import hashlib
import json

from agentlint.findings import Finding, sort_key
from agentlint.report import Summary
from agentlint.report.paths import lossless
from agentlint.report.sarif import fingerprint
from agentlint.rules import RULES

_SEVERITY = {"error": "major", "warning": "minor", "note": "info"}


def issue(finding: Finding) -> dict[str, object]:
    rule = RULES[finding.code]
    return {
        "type": "issue",
        "description": f"{finding.code} {finding.message}",
        "check_name": f"{finding.code} {rule.name}",
        "fingerprint": fingerprint(finding),
        "severity": _SEVERITY[finding.severity],
        "categories": ["Security" if finding.code.startswith("AL2") else "Bug Risk"],
        "location": {
            "path": lossless(finding.path or ".agentlint.yaml"),
            "lines": {"begin": finding.line or 1},
        },
    }


def render(findings: list[Finding], summary: Summary) -> str:
    issues, seen = [], set()
    for finding in sorted(findings, key=sort_key):
        entry = issue(finding)
        while entry["fingerprint"] in seen:  # GitLab needs each fingerprint once
            entry["fingerprint"] = hashlib.sha256(str(entry["fingerprint"]).encode()).hexdigest()
        seen.add(entry["fingerprint"])
        issues.append(entry)
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
