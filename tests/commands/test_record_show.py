"""`agentlint record schema` and `agentlint record example`: what an agent reads in any
repository, whether or not it holds a copy of agentlint's docs."""

from __future__ import annotations

import json

from agentlint.commands.validate_record import findings_for


def test_record_schema_prints_the_shipped_schema(tmp_path, monkeypatch, run):
    monkeypatch.chdir(tmp_path)  # not a repository, and no schemas/ folder here
    result = run("record", "schema")
    assert result.code == 0
    schema = json.loads(result.out)
    assert schema["$id"].endswith("review-record.schema.json")
    assert {"task", "scope", "rollback"} <= set(schema["required"])


def test_record_example_validates(tmp_path, monkeypatch, run):
    monkeypatch.chdir(tmp_path)
    result = run("record", "example")
    assert result.code == 0
    assert findings_for("example.yaml", result.out.encode()) == []


def test_record_example_invalid_fails_with_each_kind_of_problem(tmp_path, monkeypatch, run):
    monkeypatch.chdir(tmp_path)
    result = run("record", "example", "--invalid")
    assert result.code == 0
    codes = sorted({f.code for f in findings_for("bad.yaml", result.out.encode())})
    assert codes == ["AL102", "AL105"]


def test_agent_snippet_points_at_commands_not_repository_files():
    from pathlib import Path

    snippet = (Path(__file__).parents[2] / "docs" / "agents.md").read_text()
    assert "agentlint record example" in snippet and "agentlint record schema" in snippet
    assert "docs/examples/" not in snippet and "schemas/review-record" not in snippet
