"""`agentlint validate-record FILE...`: records on their own, as the pre-commit hook sees them."""

from __future__ import annotations

import json

from tests import records


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text) if isinstance(text, str) else path.write_bytes(text)
    return str(path)


def test_valid_records_pass(tmp_path, run):
    a = _write(tmp_path, "a.yaml", records.VALID_YAML)
    b = _write(tmp_path, "b.json", records.text())
    result = run("validate-record", a, b)
    assert (result.code, result.out) == (0, "2 records valid.\n")


def test_every_problem_is_reported_with_line_and_field(tmp_path, run):
    data = records.base()
    data["agent"] = {"name": ""}
    data["commands"][0]["kind"] = "unit"
    data["rollback"] = {"plan": "n/a"}
    del data["task"]
    path = _write(tmp_path, "r.yaml", records.text(data))
    result = run("validate-record", path)
    assert result.code == 1
    assert result.lines[-1] == "1 of 1 record failed validation."
    out = result.out
    assert f"{path}:1: AL102 the file needs task; add task (" in out
    assert "AL102 agent.name: '' should be non-empty; respect the minLength of 1" in out
    assert "commands[0].kind: 'unit' is not allowed; use one of test, build, lint, other" in out
    assert "AL105 rollback.plan is not a plan: 'n/a' is a placeholder" in out


def test_unknown_key_suggests_the_close_one(tmp_path, run):
    path = _write(tmp_path, "r.yaml", records.VALID_YAML.replace("tools_used:", "tool_used:"))
    result = run("validate-record", path)
    assert "unknown key 'tool_used' in (top level)" in result.out
    assert "did you mean 'tools_used'?" in result.out


def test_unreadable_file_is_exit_2_and_others_are_still_checked(tmp_path, run):
    bad = _write(tmp_path, "bad.yaml", "version: [\n")
    result = run("validate-record", str(tmp_path / "missing.yaml"), bad)
    assert result.code == 2
    assert "cannot read" in result.err and "missing.yaml" in result.err
    assert f"{bad}:2: AL102 invalid YAML" in result.out


def test_invalid_utf8_and_tags_are_reported(tmp_path, run):
    a = _write(tmp_path, "a.yaml", b"task: \xff\xfe\n")
    b = _write(tmp_path, "b.yaml", "task: !!python/object:os.system echo\n")
    result = run("validate-record", a, b)
    assert result.code == 1
    assert "not valid UTF-8" in result.out
    assert "is not allowed" in result.out


def test_json_record_with_nan_or_duplicates(tmp_path, run):
    a = _write(tmp_path, "a.json", records.text().replace('"version": 1', '"version": NaN'))
    b = _write(tmp_path, "b.json", '{"version": 1, "version": 1}')
    result = run("validate-record", a, b)
    assert result.code == 1
    assert "AL102" in result.out and "duplicate key" in result.out


def test_valid_record_never_reaches_jsonschema(tmp_path, run, monkeypatch):
    """A valid record never reaches jsonschema (it costs 75 ms to import)."""
    from agentlint import schema

    monkeypatch.setenv("AGENTLINT_NO_CACHE", "1")
    monkeypatch.setattr(schema, "located", lambda *a, **k: (_ for _ in ()).throw(AssertionError))
    path = _write(tmp_path, "a.json", json.dumps(records.base()))
    assert run("validate-record", path).code == 0


def test_every_problem_at_once_in_yaml_words(tmp_path, run):
    path = _write(
        tmp_path,
        "r.yaml",
        "version: 1\nagent: claude\ncommands:\n  - run: pytest\n  - {}\nfiles: {read: x}\n",
    )
    result = run("validate-record", path)
    assert result.code == 1
    assert result.lines == [
        f"{path}:1: AL102 the file needs task, scope, plan, attempts, assumptions, rollback; "
        "add task, scope, plan, attempts, assumptions, rollback; the file takes version, task, "
        "agent, scope, plan, files, tools_used, commands, attempts, assumptions, rollback, cost",
        f"{path}:2: AL102 agent must be a mapping, not text; write agent as a mapping",
        f"{path}:4: AL102 commands[0] needs exit_status, kind; add exit_status, kind; "
        "commands[0] takes run, exit_status, kind, note",
        f"{path}:5: AL102 commands[1] needs run, exit_status, kind; add run, exit_status, kind; "
        "commands[1] takes run, exit_status, kind, note",
        f"{path}:6: AL102 files needs changed; add changed (Files the change adds, modifies, "
        "deletes or renames); files takes read, changed",
        f"{path}:6: AL102 files.read must be a list, not text; write files.read as a list",
        "1 of 1 record failed validation.",
    ]
