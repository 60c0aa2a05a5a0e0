"""AL101-AL108: the review record, checked against the real change in real repositories."""

from __future__ import annotations

import json

import pytest

from tests import records
from tests.conftest import CLAUDE_TRAILER
from tests.records import RECORD_PATH

CHANGED = {"src/report/totals.py": "TOTAL = 2\n", "tests/report/test_totals.py": "assert 1\n"}


@pytest.fixture
def agent(seeded, monkeypatch):
    """The seeded repository, with agentlint told an agent is committing."""
    monkeypatch.setenv("CLAUDECODE", "1")
    return seeded


def stage(repo, record: str | None = records.VALID_YAML, files=None, path=RECORD_PATH):
    for name, content in (CHANGED if files is None else files).items():
        repo.write(name, content)
    if record is not None:
        repo.write(path, record)
    repo.git("add", "-A")


def check(run, *extra):
    return run("check", "--staged", *extra)


def config(repo, text: str) -> None:
    repo.commit("policy", files={".agentlint.yaml": text})


# --- AL101 record-missing ----------------------------------------------------------------


def test_valid_record_matching_the_change_passes(agent, run):
    stage(agent)
    result = check(run)
    assert (result.code, result.codes()) == (0, []), result
    assert result.lines[-1] == "All checks passed: 1 commit (1 by agents)."


def test_agent_change_without_record_is_al101(agent, run):
    stage(agent, record=None)
    result = check(run)
    assert result.code == 1
    assert result.codes() == ["AL101"]
    assert result.lines[0].startswith(".agentlint/records/: AL101 this agent change has no review")
    assert "agentlint record new" in result.lines[0]


def test_human_change_needs_no_record(seeded, run):
    stage(seeded, record=None)
    assert check(run).code == 0


def test_enforce_all_makes_human_changes_need_a_record(seeded, run):
    config(seeded, "enforce: all\n")
    stage(seeded, record=None)
    assert check(run).codes() == ["AL101"]


def test_require_protected_needs_a_record_only_for_protected_paths(agent, run):
    config(agent, "record:\n  require: protected\n")
    agent.commit("unrelated", files={"docs/a.md": "a\n"})
    stage(agent, record=None, files={"docs/a.md": "b\n"})
    assert check(run).code == 0
    stage(agent, record=None, files={"Dockerfile": "FROM scratch\n"})
    result = check(run, "--select", "AL1")
    assert result.codes() == ["AL101"]
    assert "(it touches 'Dockerfile')" in result.lines[0]


def test_record_found_through_trailer_anywhere_in_the_tree(agent, run, tmp_path):
    stage(agent, path="notes/record.yaml")
    message = tmp_path / "msg"
    message.write_text("Fix totals\n\nAgent-Record: notes/record.yaml\n")
    assert check(run, "--message-file", str(message)).code == 0
    # without the trailer, a file outside the records folder is not a record
    assert check(run).codes()[0] == "AL101"


def test_trailer_naming_a_missing_file_is_al101(agent, run, tmp_path):
    stage(agent)
    message = tmp_path / "msg"
    message.write_text("Fix\n\nAgent-Record: .agentlint/records/other.yaml\n")
    result = check(run, "--message-file", str(message))
    assert result.codes() == ["AL101"]
    assert result.lines[0].startswith(".agentlint/records/other.yaml: AL101 `Agent-Record:")


@pytest.mark.parametrize(
    "value",
    ["../outside.yaml", "/etc/passwd", ".agentlint/../../x.yaml", ".git/config", "a\\b.yaml"],
)
def test_trailer_pointing_outside_the_tree_is_refused(agent, run, tmp_path, value):
    stage(agent)
    message = tmp_path / "msg"
    message.write_text(f"Fix\n\nAgent-Record: {value}\n")
    result = check(run, "--message-file", str(message))
    assert result.code == 1
    assert "AL102" in result.codes()
    assert "is refused" in result.out


# --- AL102 record-invalid ----------------------------------------------------------------


def test_schema_errors_are_al102_with_line_and_field(agent, run):
    bad = records.VALID_YAML.replace(
        "exit_status: 0\n    kind: lint", "exit_status: ok\n    kind: lint"
    )
    stage(agent, record=bad)
    result = check(run)
    assert result.codes() == ["AL102"]
    assert result.lines[0].startswith(f"{RECORD_PATH}:27: AL102 commands[2].exit_status must be")


def test_invalid_yaml_is_al102_and_skips_cross_checks(agent, run):
    stage(agent, record="version: 1\ntask: [unclosed\n", files={"other.py": "x = 1\n"})
    result = check(run)
    assert result.codes() == ["AL102"]
    assert "invalid YAML" in result.out


def test_duplicate_keys_are_al102(agent, run):
    stage(agent, record=records.VALID_YAML + "version: 1\n")
    result = check(run)
    assert result.codes() == ["AL102"]
    assert "duplicate key" in result.out


def test_alias_bomb_is_al102_not_a_hang(agent, run):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for n in range(1, 9):
        bomb += (
            f"{'b' * n}: &{'b' * n} [{', '.join(['*' + ('b' * (n - 1) if n > 1 else 'a')] * 10)}]\n"
        )
    stage(agent, record=bomb)
    result = check(run)
    assert result.codes() == ["AL102"]
    assert "more than 100000 values" in result.out


def test_record_that_is_not_a_mapping_is_al102(agent, run):
    stage(agent, record="- just\n- a list\n")
    assert "must be a mapping" in check(run).out


def test_symlinked_record_cannot_read_outside_the_repository(agent, run, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text(records.VALID_YAML)
    stage(agent, record=None)
    link = agent.path / RECORD_PATH
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(secret)
    agent.git("add", "-A")
    result = check(run)
    assert result.codes() == ["AL102"]  # git stores the link's target text, not the file
    assert "must be a mapping" in result.out


def test_missing_rollback_is_al105_not_al102(agent, run):
    stage(agent, record=records.text(rollback=None))
    result = check(run)
    assert result.codes() == ["AL105"]
    assert "the file needs rollback" in result.out


# --- AL103 record-files-mismatch ---------------------------------------------------------


def test_undeclared_change_is_al103(agent, run):
    stage(agent, files={**CHANGED, "src/report/extra.py": "x = 1\n"})
    result = check(run)
    assert result.codes() == ["AL103"]
    assert result.lines[0].startswith("src/report/extra.py: AL103 added but not listed")


def test_declared_file_that_did_not_change_is_al103(agent, run):
    data = records.base()
    data["files"]["changed"].append("src/report/ghost.py")
    stage(agent, record=records.text(data))
    result = check(run)
    assert result.codes() == ["AL103"]
    assert "files.changed lists 'src/report/ghost.py', which the change does not touch" in (
        result.out
    )
    assert result.lines[0].startswith(f"{RECORD_PATH}:")


def test_rename_matches_either_side(agent, run):
    agent.commit("base", files={"src/report/old.py": "a = 1\n" * 20})
    agent.git("mv", "src/report/old.py", "src/report/new.py")
    for side in ("src/report/old.py", "src/report/new.py"):
        data = records.base()
        data["files"]["changed"] = [*CHANGED, side]
        stage(agent, record=records.text(data))
        assert check(run).codes() == [], side


def test_deleted_file_must_be_declared(agent, run):
    agent.commit("base", files={"src/report/gone.py": "a = 1\n"})
    (agent.path / "src/report/gone.py").unlink()
    stage(agent)
    result = check(run)
    assert result.codes() == ["AL103"]
    assert "deleted but not listed" in result.out


def test_updated_record_only_answers_for_what_it_newly_declares(agent, run):
    """A branch record lists files from earlier commits; they need not change again."""
    stage(agent)
    agent.commit("first", extra=["--no-verify"], author=("Claude", "noreply@anthropic.com"))
    data = records.base()
    data["files"]["changed"].append("src/report/more.py")
    stage(agent, record=records.text(data), files={"src/report/more.py": "y = 2\n"})
    assert check(run).codes() == []
    data["files"]["changed"].append("src/report/never.py")
    stage(agent, record=records.text(data), files={})
    assert check(run).codes() == ["AL103"]


# --- AL104 record-out-of-scope -----------------------------------------------------------


def test_change_outside_scope_is_al104(agent, run):
    data = records.base()
    data["files"]["changed"].append("src/app.py")
    stage(agent, record=records.text(data), files={**CHANGED, "src/app.py": "print(2)\n"})
    result = check(run)
    assert result.codes() == ["AL104"]
    assert result.lines[0].startswith("src/app.py: AL104 outside the record's scope.paths")


def test_scope_negation_takes_a_path_out(agent, run):
    data = records.base()
    data["scope"]["paths"].append("!tests/report/test_totals.py")
    stage(agent, record=records.text(data))
    assert check(run).codes() == ["AL104"]


def test_invalid_scope_pattern_is_al102(agent, run):
    data = records.base()
    data["scope"]["paths"].append("!")
    stage(agent, record=records.text(data))
    result = check(run)
    assert result.codes() == ["AL102"]
    assert "scope.paths: invalid pattern '!'" in result.out


# --- AL105 record-rollback-missing -------------------------------------------------------


@pytest.mark.parametrize("plan", ["TODO", "TBD", "n/a", "Revert if needed.", "git revert", "  -  "])
def test_placeholder_rollback_is_al105(agent, run, plan):
    stage(agent, record=records.text(rollback={"plan": plan}))
    result = check(run)
    assert result.codes() == ["AL105"]
    assert "rollback.plan is not a plan" in result.out


def test_protected_category_needs_its_own_rollback(agent, run):
    files = {**CHANGED, "migrations/0002_totals.py": "op = 1\n"}
    data = records.base()
    data["files"]["changed"] = list(files)
    data["scope"]["paths"].append("migrations/")
    stage(agent, record=records.text(data), files=files)
    result = check(run, "--select", "AL1")
    assert result.codes() == ["AL105"]
    assert "rollback.categories has no 'migrations' entry" in result.out
    data["rollback"]["categories"] = {"migrations": "Revert the commit and deploy."}
    stage(agent, record=records.text(data), files=files)
    result = check(run, "--select", "AL1")
    assert result.codes() == ["AL105"]
    assert "does not say how migrations is rolled back: write the steps, so that it " in result.out
    assert 'mentions one of "down", "downgrade"' in result.out
    assert "(?i)" not in result.out
    data["rollback"]["categories"] = {"migrations": "Run `./manage.py migrate report 0001`."}
    stage(agent, record=records.text(data), files=files)
    assert check(run, "--select", "AL1").codes() == []


# --- AL106 record-check-missing ----------------------------------------------------------


def test_source_change_without_a_passing_test_is_al106(agent, run):
    stage(agent, record=records.text(commands=[]))
    result = check(run)
    assert result.codes() == ["AL106"]
    assert "record check 'tests'" in result.out
    assert "lists no test command" in result.out


def test_last_test_run_failing_is_al106(agent, run):
    commands = [
        {"run": "pytest", "exit_status": 0, "kind": "test"},
        {"run": "pytest", "exit_status": 2, "kind": "test"},
    ]
    stage(agent, record=records.text(commands=commands))
    result = check(run)
    assert result.codes() == ["AL106"]
    assert "exited 2" in result.out


@pytest.mark.parametrize(
    "command", ["pytest || true", "pytest; echo done", "pytest | tee log", "pytest & wait"]
)
def test_command_that_masks_failure_is_al106(agent, run, command):
    stage(agent, record=records.text(commands=[{"run": command, "exit_status": 0, "kind": "test"}]))
    result = check(run)
    assert result.codes() == ["AL106"]
    assert "can hide a failure" in result.out


def test_and_chains_are_fine(agent, run):
    commands = [{"run": "cd src && pytest -q", "exit_status": 0, "kind": "test"}]
    stage(agent, record=records.text(commands=commands))
    assert check(run).codes() == []


def test_docs_only_change_needs_no_test_run(agent, run):
    data = records.base()
    data.update(commands=[], scope={"paths": ["docs/"]})
    data["files"]["changed"] = ["docs/guide.md"]
    stage(agent, record=records.text(data), files={"docs/guide.md": "# Guide\n"})
    assert check(run).codes() == []


def test_policy_check_for_paths_requires_a_matching_command(agent, run):
    config(
        agent,
        "record:\n  checks:\n    report-tests:\n      paths: [src/report/]\n"
        "      command: 'pytest tests/report/test_totals.py*'\n",
    )
    stage(agent)
    result = check(run)
    assert result.codes() == ["AL106"]
    assert "record check 'report-tests'" in result.out
    assert "matching `pytest tests/report/test_totals.py*`" in result.out
    commands = [{"run": "pytest tests/report/test_totals.py -q", "exit_status": 0, "kind": "test"}]
    stage(agent, record=records.text(commands=commands))
    assert check(run).codes() == []


def test_builtin_test_check_can_be_switched_off(agent, run):
    config(agent, "record:\n  checks:\n    tests:\n      enabled: false\n")
    stage(agent, record=records.text(commands=[]))
    assert check(run).codes() == []


# --- AL107 record-tool-not-allowed -------------------------------------------------------


def test_network_and_mcp_tools_need_the_allowlist(agent, run):
    data = records.base()
    data["scope"]["tools"] = ["Read", "Edit", "Bash", "WebFetch", "mcp__github__*"]
    data["tools_used"] = ["Read", "WebFetch", "mcp__github__create_issue"]
    stage(agent, record=records.text(data))
    result = check(run)
    assert result.codes() == ["AL107"] * 4
    assert "tool 'WebFetch' is not in the policy's allowlist" in result.out
    config(agent, "record:\n  tools:\n    extend_allow: [WebFetch, 'mcp__github__*']\n")
    stage(agent, record=records.text(data))
    assert check(run).codes() == []


def test_tool_used_outside_the_records_own_scope_is_al107(agent, run):
    data = records.base()
    data["tools_used"] = ["Read", "Edit", "Bash", "Write"]
    stage(agent, record=records.text(data))
    result = check(run)
    assert result.codes() == ["AL107"]
    assert "tool 'Write' was used but is not in the record's scope.tools" in result.out


# --- AL108 record-budget-exceeded --------------------------------------------------------


def test_cost_over_budget_is_al108(agent, run):
    config(agent, "record:\n  budget:\n    usd: 1.0\n    minutes: 30\n")
    stage(agent)
    result = check(run)
    assert result.codes() == ["AL108"]
    assert "cost.usd is 1.25 US dollars, over the policy's budget of 1" in result.out


def test_budget_the_record_does_not_report_is_al108(agent, run):
    config(agent, "record:\n  budget:\n    tokens: 1000000\n")
    stage(agent, record=records.text(cost=None))
    result = check(run)
    assert result.codes() == ["AL108"]
    assert "does not report cost.tokens" in result.out


def test_default_budget_caps_files_read(agent, run):
    data = records.base()
    data["files"]["read"] = [f"src/f{n}.py" for n in range(301)]
    stage(agent, record=records.text(data))
    assert check(run).codes() == ["AL108"]


# --- modes -------------------------------------------------------------------------------


def _agent_commit(repo, message="work", **kwargs):
    return repo.commit(f"{message}\n\n{CLAUDE_TRAILER}", **kwargs)


def test_range_checks_the_union_of_the_branch_against_the_record(seeded, run):
    base = seeded.git("rev-parse", "HEAD").strip()
    first = records.base()
    first["files"]["changed"] = ["src/report/totals.py"]
    _agent_commit(
        seeded,
        files={"src/report/totals.py": "T = 1\n", RECORD_PATH: records.text(first)},
    )
    _agent_commit(
        seeded,
        files={"tests/report/test_totals.py": "assert 1\n", RECORD_PATH: records.VALID_YAML},
    )
    assert run("check", "--range", f"{base}..HEAD").codes() == []
    _agent_commit(seeded, files={"src/report/late.py": "x = 1\n"})
    result = run("check", "--range", f"{base}..HEAD")
    assert result.codes() == ["AL103"]
    assert result.lines[0].startswith("src/report/late.py: AL103")


def test_commit_mode_reads_the_record_at_that_commit(seeded, run):
    sha = _agent_commit(seeded, files={**CHANGED, RECORD_PATH: records.VALID_YAML})
    assert run("check", "--commit", sha).codes() == []
    seeded.commit("human edit", files={RECORD_PATH: "broken: [\n"})
    assert run("check", "--commit", sha).codes() == []  # still the record at `sha`


def test_json_record_and_json_output(agent, run):
    stage(agent, record=None)
    agent.write(".agentlint/records/task.json", records.text(rollback={"plan": "TBD"}))
    agent.git("add", "-A")
    result = check(run, "--format", "json")
    report = json.loads(result.out)
    assert [f["code"] for f in report["findings"]] == ["AL105"]
    assert report["findings"][0]["path"] == ".agentlint/records/task.json"
    assert report["findings"][0]["line"] is not None


def test_severity_can_lower_a_record_rule(agent, run):
    config(agent, "severity:\n  AL101: warning\n")
    stage(agent, record=None)
    result = check(run)
    assert (result.code, result.codes()) == (0, ["AL101"])


# --- the cache ---------------------------------------------------------------------------


def test_second_check_uses_the_cache_and_a_damaged_entry_is_ignored(agent, run, monkeypatch):
    import os

    from agentlint import yamlfile

    stage(agent, record=records.text(rollback={"plan": "TODO"}))
    first = check(run)
    assert first.codes() == ["AL105"]
    cache_dir = os.environ["AGENTLINT_CACHE_DIR"]
    entries = [n for n in os.listdir(cache_dir) if n.startswith("record-")]
    assert len(entries) == 1
    real = yamlfile.load
    monkeypatch.setattr(yamlfile, "load", lambda *a, **k: pytest.fail("cache not used"))
    assert check(run).out == first.out
    import marshal

    from agentlint import cache

    key = entries[0][len("record-") :].rsplit(".", 1)[0]
    with open(os.path.join(cache_dir, entries[0]), "wb") as handle:
        handle.write(marshal.dumps({"key": key, "format": cache.FORMAT, "data": 1}))
    monkeypatch.setattr(yamlfile, "load", real)
    assert check(run).out == first.out


def test_each_named_record_must_exist_even_when_another_does(agent, run, tmp_path):
    stage(agent)
    message = tmp_path / "msg"
    message.write_text(
        f"Fix\n\nAgent-Record: {RECORD_PATH}\nAgent-Record: .agentlint/records/gone.yaml\n"
    )
    result = check(run, "--message-file", str(message))
    assert result.codes() == ["AL101"]
    assert result.lines[0].startswith(".agentlint/records/gone.yaml: AL101")


def test_change_cannot_allow_its_own_tools_or_drop_its_own_checks(seeded, run):
    """The policy comes from BASE: loosening it in the change does not help the change."""
    base = seeded.git("rev-parse", "HEAD").strip()
    data = records.base()
    data["commands"] = []
    data["tools_used"] = ["Read", "WebFetch"]
    data["scope"]["tools"] = ["Read", "WebFetch"]
    data["files"]["changed"] = [*CHANGED, ".agentlint.yaml"]
    data["scope"]["paths"].append("/.agentlint.yaml")
    data["rollback"]["categories"] = {"policy": "Restore the previous .agentlint.yaml values."}
    loosened = (
        "record:\n  tools:\n    extend_allow: [WebFetch]\n"
        "  checks:\n    tests:\n      enabled: false\n"
    )
    _agent_commit(
        seeded,
        files={**CHANGED, ".agentlint.yaml": loosened, RECORD_PATH: records.text(data)},
    )
    result = run("check", "--range", f"{base}..HEAD", "--select", "AL1")
    assert sorted(set(result.codes())) == ["AL106", "AL107"]
