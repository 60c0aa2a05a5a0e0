"""Output formats: text, json (against schemas/output.schema.json), SARIF (against the
official OASIS 2.1.0 schema) and GitHub workflow commands with the annotation caps."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from agentlint import resources
from agentlint.findings import Finding
from agentlint.report import Summary, github, render
from tests.conftest import CLAUDE_TRAILER

ROOT = Path(__file__).resolve().parents[2]  # the repository; shared/ sits beside it
SARIF_SCHEMA = ROOT.parent / "shared" / "data" / "sarif-schema-2.1.0.json"


pytestmark = pytest.mark.core_rules  # changes here carry no review record


@pytest.fixture
def findings_repo(seeded):
    seeded.commit(
        "policy",
        files={".agentlint.yaml": "limits:\n  max_files: 2\nseverity:\n  AL401: warning\n"},
    )
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.commit(
        f"agent\n\n{CLAUDE_TRAILER}",
        files={".env": "X\n", "odd name\n.pem": "K\n", ".github/workflows/ci.yml": "on: push\n"},
    )
    return base


def test_json_report_matches_output_schema(findings_repo, run):
    result = run("check", "--range", f"{findings_repo}..HEAD", "--format", "json")
    assert result.code == 1
    report = json.loads(result.out)
    schema = json.loads(resources.read_text("schemas", "output.schema.json"))
    jsonschema.Draft202012Validator(schema).validate(report)
    assert report["summary"] == {"errors": 3, "warnings": 1, "commits": 1, "agent_commits": 1}
    assert [(f["path"], f["code"]) for f in report["findings"]] == [
        (".agentlint.yaml", "AL401"),
        (".env", "AL205"),
        (".github/workflows/ci.yml", "AL201"),
        ("odd name\n.pem", "AL205"),
    ]
    first = report["findings"][2]
    assert set(first) == {
        "code",
        "name",
        "severity",
        "message",
        "path",
        "line",
        "commit",
        "category",
    }
    assert first["name"] == "protected-path-unapproved" and first["line"] is None


def test_json_report_when_clean(seeded, run):
    report = json.loads(run("check", "--format", "json").out)
    assert report == {
        "version": 1,
        "findings": [],
        "summary": {"errors": 0, "warnings": 0, "commits": 1, "agent_commits": 0},
    }


@pytest.mark.skipif(  # CI always has shared/ beside the clone: there, a missing copy fails
    not SARIF_SCHEMA.exists() and not os.environ.get("CI"),
    reason="needs ../shared/data/sarif-schema-2.1.0.json",
)
def test_sarif_validates_against_oasis_schema(findings_repo, run):
    result = run("check", "--range", f"{findings_repo}..HEAD", "--format", "sarif")
    assert result.code == 1
    sarif = json.loads(result.out)
    schema = json.loads(SARIF_SCHEMA.read_text())
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    validator.validate(sarif)
    run_ = sarif["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    for res in run_["results"]:  # what GitHub code scanning needs of each result
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        location = res["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert location["region"]["startLine"] >= 1
        assert len(res["partialFingerprints"]["agentlintFinding/v1"]) == 64
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run_["results"]
    }
    assert uris == {".env", "odd%20name%0A.pem", ".github/workflows/ci.yml", ".agentlint.yaml"}
    assert {r["level"] for r in run_["results"]} == {"error", "warning"}


def test_sarif_fingerprints_are_stable_across_commits(findings_repo, seeded, run):
    first = json.loads(run("check", "--range", f"{findings_repo}..HEAD", "--format", "sarif").out)
    seeded.commit("unrelated", files={"docs/x.md": "x\n"})
    second = json.loads(run("check", "--range", f"{findings_repo}..HEAD", "--format", "sarif").out)

    def prints(doc):
        return sorted(
            r["partialFingerprints"]["agentlintFinding/v1"] for r in doc["runs"][0]["results"]
        )

    assert prints(first) == prints(second)


def test_output_file(findings_repo, run, tmp_path):
    out = tmp_path / "report.sarif"
    result = run("check", "--range", f"{findings_repo}..HEAD", "--format", "sarif", "-o", str(out))
    assert result.code == 1
    assert result.lines == [
        f"Found 3 errors and 1 warning in 1 commit (1 by agents). Report written to {out}."
    ]
    assert json.loads(out.read_text())["version"] == "2.1.0"


def test_statistics_counts_each_rule(findings_repo, run):
    result = run("check", "--range", f"{findings_repo}..HEAD", "--statistics")
    assert result.code == 1
    codes = [line.split("\t")[1] for line in result.lines[:-1]]
    full = run("check", "--range", f"{findings_repo}..HEAD")
    assert sorted(codes) == sorted(set(full.codes()))
    counts = {line.split("\t")[1]: int(line.split("\t")[0]) for line in result.lines[:-1]}
    assert counts == {c: full.codes().count(c) for c in counts}
    assert result.lines[-1] == full.lines[-1]


def test_statistics_is_text_only(findings_repo, run):
    result = run("check", "--range", f"{findings_repo}..HEAD", "--statistics", "--format", "json")
    assert result.code == 2 and "--statistics counts findings as text" in result.err


def test_github_format_escapes(findings_repo, run):
    result = run("check", "--range", f"{findings_repo}..HEAD", "--format", "github")
    assert result.code == 1
    assert (
        "::error file=odd name%0A.pem,title=AL205 blocked-path::agents may not touch this path"
    ) in result.out
    assert "::warning file=.agentlint.yaml,title=AL401 change-too-large::" in result.out
    assert result.lines[-1] == "Found 3 errors and 1 warning in 1 commit (1 by agents)."


def test_github_format_respects_cap_and_counts_overflow():
    findings = [Finding("AL205", f"blocked {n}", f"secrets/{n:02}.pem") for n in range(13)]
    findings += [Finding("AL202", "w, with: commas", "a.yml", 3, severity="warning")]
    out = github.render(findings, Summary(13, 1, 1, 1)).splitlines()
    errors = [line for line in out if line.startswith("::error ")]
    assert len(errors) == 10
    assert (
        out[10]
        == "::warning file=a.yml,line=3,title=AL202 approval-not-authorised::w, with: commas"
    )
    assert [line.split(":")[0] for line in out[11:14]] == [
        "secrets/10.pem",
        "secrets/11.pem",
        "secrets/12.pem",
    ]
    assert out[14] == (
        "agentlint: 3 of 14 findings were not annotated (GitHub shows 10 per "
        "level per step); they are listed above"
    )


def test_github_property_escaping():
    finding = Finding("AL205", "100% bad\nnext", "a,b:c%d.env", 7)
    assert github.command(finding) == (
        "::error file=a%2Cb%3Ac%25d.env,line=7,title=AL205 blocked-path::100%25 bad%0Anext"
    )


def test_text_report_is_sorted_and_quotes_odd_paths():
    findings = [
        Finding("AL205", "m", "b.env"),
        Finding("AL205", "m", "a\tb.env"),
        Finding("AL401", "too big", ".agentlint.yaml"),
        Finding("AL202", "w", "x.yml", 2, severity="warning"),
    ]
    out = render("text", findings, Summary(3, 1, 2, 1)).splitlines()
    assert out == [
        ".agentlint.yaml: AL401 too big",
        '"a\\tb.env": AL205 m',
        "b.env: AL205 m",
        "x.yml:2: AL202 [warning] w",
        "Found 3 errors and 1 warning in 2 commits (1 by agents).",
    ]
