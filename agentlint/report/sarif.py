"""SARIF 2.1.0 that validates against the OASIS schema and that GitHub code scanning takes:
rules with ids and descriptions, results with ruleId, a repository-relative location and
partialFingerprints that stay stable across runs."""

from __future__ import annotations

import hashlib
import json
import re
from urllib.parse import quote

from agentlint import __version__, resources
from agentlint.findings import Finding, sort_key
from agentlint.report import Summary
from agentlint.rules import RULES

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "note": "note"}
_SHA = re.compile(r"\b[0-9a-f]{7,64}\b")


def _uri(path: str) -> str:
    return quote(path.encode("utf-8", "surrogateescape"), safe="/")


def _help(code: str) -> str:
    try:
        return resources.read_text("docs", "rules", f"{code}.md")
    except OSError:
        return RULES[code].summary


def _rules() -> list[dict[str, object]]:
    return [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.summary},
            "help": {"text": _help(rule.code), "markdown": _help(rule.code)},
            "defaultConfiguration": {"level": "error"},
            "properties": {"tags": ["agentlint", rule.code[:3]]},
        }
        for rule in RULES.values()
    ]


def fingerprint(finding: Finding) -> str:
    stable = _SHA.sub("<sha>", finding.message)
    text = "\0".join((finding.code, finding.path or "", finding.category or "", stable))
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def _result(finding: Finding, index: dict[str, int]) -> dict[str, object]:
    region = {"startLine": finding.line or 1}
    result: dict[str, object] = {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {
                        "uri": _uri(finding.path or ".agentlint.yaml"),
                        "uriBaseId": "%SRCROOT%",
                    },
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {"agentlintFinding/v1": fingerprint(finding)},
    }
    properties = {
        k: v for k, v in (("commit", finding.commit), ("category", finding.category)) if v
    }
    if properties:
        result["properties"] = properties
    return result


def render(findings: list[Finding], summary: Summary) -> str:
    index = {code: n for n, code in enumerate(RULES)}
    run = {
        "tool": {
            "driver": {
                "name": "agentlint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": _rules(),
            }
        },
        "results": [_result(f, index) for f in sorted(findings, key=sort_key)],
        "properties": {"summary": summary._asdict()},
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2) + "\n"
