"""`agentlint record new`: a pre-filled record for the staged change, never overwriting."""

from __future__ import annotations

from agentlint import yamlfile


def test_writes_a_prefilled_record_that_is_not_yet_valid(seeded, run, monkeypatch):
    monkeypatch.setenv("CLAUDECODE", "1")
    seeded.write("src/report/totals.py", "T = 1\n")
    seeded.write("migrations/0002.py", "op = 1\n")
    seeded.git("add", "-A")
    before = seeded.snapshot()
    result = run("record", "new")
    assert result.code == 0, result
    assert result.out == ".agentlint/records/main.yaml\n"
    _, index, refs = seeded.snapshot()
    assert (index, refs) == before[1:]  # the index is untouched; only a new file exists
    text = (seeded.path / ".agentlint/records/main.yaml").read_text()
    assert text.startswith("# agentlint review record")
    data = yamlfile.load(text.encode(), source="r").data
    assert data["agent"] == {"name": "claude-code"}
    assert data["files"]["changed"] == ["migrations/0002.py", "src/report/totals.py"]
    assert data["scope"]["paths"] == ["migrations/", "src/report/"]
    assert "migrations" in data["rollback"]["categories"]
    check = run("validate-record", ".agentlint/records/main.yaml")
    assert check.code == 1
    assert "task is not filled in" in check.out


def test_never_overwrites_without_force(seeded, run):
    seeded.write(".agentlint/records/main.yaml", "mine\n")
    result = run("record", "new")
    assert result.code == 2
    assert "already exists" in result.err
    assert (seeded.path / ".agentlint/records/main.yaml").read_text() == "mine\n"
    assert run("record", "new", "--force").code == 0
    assert "version: 1" in (seeded.path / ".agentlint/records/main.yaml").read_text()


def test_output_and_agent_options(seeded, run):
    seeded.add("a.py")
    result = run("record", "new", "-o", "notes/r.yaml", "--agent", "aider")
    assert result.code == 0
    data = yamlfile.load((seeded.path / "notes/r.yaml").read_bytes(), source="r").data
    assert data["agent"]["name"] == "aider"
    assert data["scope"]["paths"] == ["/a.py"]


def test_outside_a_repository_is_a_clear_error(tmp_path, run, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("record", "new")
    assert result.code == 2
    assert "agentlint: error:" in result.err
