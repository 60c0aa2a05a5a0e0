"""GitLab Code Quality JSON against the schema written from GitLab's documented format
(tests/data/gitlab-codequality.schema.json says where it comes from)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from agentlint.findings import Finding
from agentlint.report import Summary, render

SCHEMA = json.loads(
    (Path(__file__).parents[1] / "data" / "gitlab-codequality.schema.json").read_text()
)


def test_each_issue_has_a_location_a_severity_and_its_own_fingerprint() -> None:
    findings = [
        Finding("AL101", "no record", None),
        Finding("AL205", "blocked", ".env", commit="a" * 40),
        Finding("AL205", "blocked", ".env", commit="b" * 40),  # same text: same fingerprint
        Finding("AL401", "too large", "odd\udcffname", 3, severity="warning"),
        Finding("AL304", "skip added", "tests/test_a.py", 7, severity="note"),
    ]
    issues = json.loads(render("gitlab", findings, Summary(3, 1, 2, 2)))
    jsonschema.Draft202012Validator(SCHEMA).validate(issues)
    assert len({i["fingerprint"] for i in issues}) == 5
    assert [i["severity"] for i in issues] == ["major", "major", "major", "minor", "info"]
    assert issues[0]["location"] == {"path": ".agentlint.yaml", "lines": {"begin": 1}}
    assert issues[3]["location"]["path"] == "odd\\xffname"
    assert issues[1]["check_name"] == "AL205 blocked-path"


def test_no_findings_is_an_empty_report() -> None:
    assert json.loads(render("gitlab", [], Summary(0, 0, 1, 0))) == []


def test_the_schema_refuses_what_gitlab_cannot_read() -> None:
    bad = [
        {
            "description": "x",
            "check_name": "c",
            "fingerprint": "f",
            "severity": "error",
            "location": {"path": "/abs", "lines": {"begin": 0}},
        }
    ]
    errors = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(bad))
    assert len(errors) >= 2
