"""`agentlint check` in each mode: staged, commit, range, and the pre-push environment."""

from __future__ import annotations

import json

import pytest

from tests.conftest import CLAUDE_TRAILER

CI_APPROVERS = "categories:\n  ci:\n    approvers: [alice@example.com]\n"


pytestmark = pytest.mark.core_rules  # changes here carry no review record


# --- staged (pre-commit and commit-msg stages) -------------------------------------------


def test_staged_agent_env_marks_commit_being_made(seeded, run, monkeypatch):
    seeded.add(".github/workflows/ci.yml")
    assert run("check", "--staged").code == 0  # a human at the keyboard
    monkeypatch.setenv("CLAUDECODE", "1")
    result = run("check", "--staged")
    assert result.code == 0  # the approval is pending until a later commit; CI enforces it
    assert result.codes() == ["AL201"]
    assert "AL201 [warning]" in result.lines[0]
    assert result.lines[-1] == "Found 0 errors and 1 warning in 1 commit (1 by agents)."


def test_pending_approval_blocks_locally_when_the_policy_says_so(seeded, run, monkeypatch):
    seeded.commit("policy", files={".agentlint.yaml": "approvals:\n  local: block\n"})
    seeded.add(".github/workflows/ci.yml")
    monkeypatch.setenv("CLAUDECODE", "1")
    result = run("check", "--staged")
    assert result.code == 1 and result.codes() == ["AL201"]
    assert "pending" not in result.out
    assert "no approvers are configured" in result.out


def test_default_source_is_staged(seeded, run, monkeypatch):
    monkeypatch.setenv("CLAUDECODE", "1")
    seeded.add(".env")
    assert run("check").codes() == ["AL205"]


@pytest.fixture
def staged_ci(seeded):
    """A policy naming Alice as CI approver, and a staged change to a workflow."""
    seeded.commit("config", files={".agentlint.yaml": CI_APPROVERS})
    seeded.add(".github/workflows/ci.yml")
    return seeded


def _codes(run, tmp_path, text: str) -> list[str]:
    msg = tmp_path / "COMMIT_EDITMSG"
    msg.write_text(text)
    return run("check", "--staged", "--message-file", str(msg)).codes()


APPROVAL = "Approved-by: Alice <alice@example.com>"


@pytest.fixture
def staged_ci_all(seeded):
    """As staged_ci, with `enforce: all`: a person's own commit is judged, so an approval
    in the message of the commit being made can count."""
    seeded.commit("config", files={".agentlint.yaml": CI_APPROVERS + "enforce: all\n"})
    seeded.add(".github/workflows/ci.yml")
    return seeded


def test_commit_msg_stage_reads_the_approval_in_a_persons_commit(staged_ci_all, run, tmp_path):
    assert _codes(run, tmp_path, "edit CI\n") == ["AL201"]
    assert _codes(run, tmp_path, f"edit CI\n\n{APPROVAL}\n") == []


def test_commit_msg_stage_rejects_an_approval_the_agent_writes(staged_ci, run, tmp_path):
    assert _codes(run, tmp_path, f"edit CI\n\n{CLAUDE_TRAILER}\n") == ["AL201"]
    msg = tmp_path / "COMMIT_EDITMSG"
    msg.write_text(f"edit CI\n\n{CLAUDE_TRAILER}\n{APPROVAL}\n")
    result = run("check", "--staged", "--message-file", str(msg))
    assert (result.code, result.codes()) == (1, ["AL202"]), result
    assert "an agent can write any trailer" in result.out
    assert "the commit being made, which is agent work (claude-code)" in result.out


def test_commit_msg_approval_in_comment_does_not_count(staged_ci_all, run, tmp_path):
    text = f"edit CI\n\n# {APPROVAL}\n# Please enter the commit message for your changes.\n"
    assert _codes(run, tmp_path, text) == ["AL201"]


def test_commit_msg_text_below_scissors_is_cut(staged_ci_all, run, tmp_path):
    text = f"edit CI\n\n# ------------------------ >8 ------------------------\n{APPROVAL}\n"
    assert _codes(run, tmp_path, text) == ["AL201"]


def test_commit_msg_respects_core_comment_char(staged_ci_all, run, tmp_path):
    staged_ci_all.git("config", "core.commentChar", ";")
    assert _codes(run, tmp_path, f"edit CI\n\n; {APPROVAL}\n") == ["AL201"]
    assert _codes(run, tmp_path, f"edit CI\n\n{APPROVAL}\n") == []


def test_staged_self_approval_by_committer_does_not_count(staged_ci_all, run, tmp_path):
    staged_ci_all.git("config", "user.email", "alice@example.com")
    assert _codes(run, tmp_path, f"edit CI\n\n{APPROVAL}\n") == ["AL202"]


def test_message_file_as_positional_argument(seeded, run, tmp_path):
    # pre-commit appends the message file name at the commit-msg stage
    seeded.add(".env")
    msg = tmp_path / "MSG"
    msg.write_text(f"add env\n\n{CLAUDE_TRAILER}\n")
    assert run("check", "--staged", str(msg)).codes() == ["AL205"]


def test_staged_in_empty_repository(repo, run, monkeypatch):
    monkeypatch.setenv("CLAUDECODE", "1")
    repo.add("src/main.py")
    result = run("check", "--staged")
    assert (result.code, result.lines) == (0, ["All checks passed: 1 commit (1 by agents)."])
    repo.add(".env")
    assert run("check", "--staged").codes() == ["AL205"]


def test_staged_policy_is_read_from_head_not_index(seeded, run, monkeypatch):
    monkeypatch.setenv("CLAUDECODE", "1")
    seeded.add(".agentlint.yaml", content="categories:\n  secrets:\n    enabled: false\n")
    seeded.add(".env")
    result = run("check", "--staged")
    assert sorted(result.codes()) == ["AL201", "AL205"]  # the policy change itself is gated


def test_staged_keeps_inherited_index_file(seeded, run, monkeypatch, tmp_path):
    monkeypatch.setenv("CLAUDECODE", "1")
    alt = tmp_path / "alt-index"
    seeded.git("read-tree", "HEAD", env={"GIT_INDEX_FILE": str(alt)})
    seeded.write(".env", "A=1\n")
    seeded.git("add", ".env", env={"GIT_INDEX_FILE": str(alt)})
    assert run("check", "--staged").code == 0  # the normal index has nothing staged
    monkeypatch.setenv("GIT_INDEX_FILE", str(alt))
    assert run("check", "--staged").codes() == ["AL205"]


# --- commit mode ---------------------------------------------------------------------------


def test_commit_mode_judges_one_commit(seeded, run):
    sha = seeded.commit(f"agent\n\n{CLAUDE_TRAILER}", files={".env": "X=1\n"})
    seeded.commit("human later", files={"README.md": "more\n"})
    assert run("check", "--commit", sha).codes() == ["AL205"]
    assert run("check", "--commit", "HEAD").code == 0


def test_commit_mode_root_commit(repo, run):
    repo.commit(f"root\n\n{CLAUDE_TRAILER}", files={".env": "X=1\n", "a.py": "1\n"})
    result = run("check", "--commit", "HEAD")
    assert result.codes() == ["AL205"]


def test_commit_mode_merge_compares_first_parent(seeded, run):
    seeded.git("checkout", "-q", "-b", "side")
    seeded.commit("side work", files={"docs/a.md": "a\n"})
    seeded.git("checkout", "-q", "main")
    seeded.commit("main work", files={"docs/b.md": "b\n"})
    seeded.git("merge", "-q", "--no-ff", "side", "-m", f"merge\n\n{CLAUDE_TRAILER}")
    result = run("check", "--commit", "HEAD", "--format", "json")
    assert result.code == 0
    assert "merge commit; it is compared against its first parent" in result.err


def test_commit_mode_reads_policy_from_parent(seeded, run):
    seeded.commit(
        f"agent loosens policy and adds env\n\n{CLAUDE_TRAILER}",
        files={".agentlint.yaml": "categories:\n  secrets:\n    posture: allow\n", ".env": "X=1\n"},
    )
    assert sorted(run("check", "--commit", "HEAD").codes()) == ["AL201", "AL205"]


def test_commit_mode_rejects_message_file(seeded, run, tmp_path):
    result = run("check", "--commit", "HEAD", "--message-file", str(tmp_path / "m"))
    assert result.code == 2 and "goes with --staged or --range" in result.err


# --- range mode ----------------------------------------------------------------------------


def test_range_policy_is_read_from_base(seeded, run):
    base = seeded.commit("config", files={".agentlint.yaml": CI_APPROVERS})
    seeded.commit(
        f"agent disables CI gate\n\n{CLAUDE_TRAILER}",
        files={
            ".agentlint.yaml": "categories:\n  ci:\n    posture: allow\n"
            "  policy:\n    posture: allow\n",
            ".github/workflows/ci.yml": "on: push\n",
        },
    )
    result = run("check", "--range", f"{base}..HEAD")
    assert sorted(result.codes()) == ["AL201", "AL201"]
    assert {line.split(":")[0] for line in result.lines[:-1]} == {
        ".agentlint.yaml",
        ".github/workflows/ci.yml",
    }


def test_range_three_dots_and_default_head(seeded, run):
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.commit(f"agent\n\n{CLAUDE_TRAILER}", files={".env": "X\n"})
    assert run("check", "--range", f"{base}...HEAD").codes() == ["AL205"]
    assert run("check", "--range", f"{base}..").codes() == ["AL205"]


def test_range_empty_is_exit_2_unless_allowed(seeded, run):
    assert run("check", "--range", "HEAD..HEAD").code == 2
    result = run("check", "--range", "HEAD..HEAD", "--allow-empty")
    assert (result.code, result.lines) == (0, ["All checks passed: 0 commits (0 by agents)."])


def test_range_rename_counts_both_sides(seeded, run):
    seeded.commit("workflow", files={".github/workflows/ci.yml": "on: push\n" * 20})
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.git("mv", ".github/workflows/ci.yml", "ci-disabled.yml")
    seeded.commit(f"agent moves CI away\n\n{CLAUDE_TRAILER}")
    result = run("check", "--range", f"{base}..HEAD", "--format", "json")
    paths = {f["path"] for f in json.loads(result.out)["findings"]}
    assert paths == {".github/workflows/ci.yml"}


def test_range_deletion_counts(seeded, run):
    seeded.commit("workflow", files={".github/workflows/ci.yml": "on: push\n"})
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.git("rm", "-q", ".github/workflows/ci.yml")
    seeded.commit(f"agent deletes CI\n\n{CLAUDE_TRAILER}")
    assert run("check", "--range", f"{base}..HEAD").codes() == ["AL201"]


def test_range_with_merge_commit_attributes_only_resolution(seeded, run):
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.git("checkout", "-q", "-b", "feature")
    seeded.commit(f"agent feature\n\n{CLAUDE_TRAILER}", files={"src/feature.py": "1\n"})
    seeded.git("checkout", "-q", "main")
    seeded.commit("human CI", files={".github/workflows/ci.yml": "on: push\n"})
    seeded.git("checkout", "-q", "feature")
    seeded.git("merge", "-q", "--no-ff", "main", "-m", f"merge main\n\n{CLAUDE_TRAILER}")
    result = run("check", "--range", f"{base}..HEAD")
    assert result.code == 0, result  # the merge only brings in the human's change


def test_pr_body_with_agent_marker_makes_range_agent_work(seeded, run, tmp_path):
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.commit("edit CI", files={".github/workflows/ci.yml": "on: push\n"})
    body = tmp_path / "pr.md"
    body.write_text("Fix CI\n\nGenerated with [Claude Code](https://claude.com/claude-code)\n")
    assert run("check", "--range", f"{base}..HEAD").code == 0
    assert run("check", "--range", f"{base}..HEAD", "--message-file", str(body)).codes() == [
        "AL201"
    ]


def test_pr_body_approval_does_not_count(seeded, run, tmp_path):
    seeded.commit("config", files={".agentlint.yaml": CI_APPROVERS})
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.commit(f"agent\n\n{CLAUDE_TRAILER}", files={".github/workflows/ci.yml": "on: push\n"})
    body = tmp_path / "pr.md"
    body.write_text("Fix CI\n\nApproved-by: Alice <alice@example.com>\n")
    result = run("check", "--range", f"{base}..HEAD", "--message-file", str(body))
    assert sorted(result.codes()) == ["AL201", "AL202"]
    assert "pull-request: AL202 [warning]" in result.out  # not CI's temporary file
    assert str(tmp_path) not in result.out
    sarif = run(
        "check", "--range", f"{base}..HEAD", "--message-file", str(body), "--format", "sarif"
    )
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for r in json.loads(sarif.out)["runs"][0]["results"]
        for loc in r["locations"]
    }
    assert "pull-request" in uris and not any(u.startswith(("/", "file:")) for u in uris)


# --- pre-push: pre-commit's environment ------------------------------------------------------


def test_pre_push_range_from_environment(seeded, run, monkeypatch):
    base = seeded.git("rev-parse", "HEAD").strip()
    head = seeded.commit(f"agent\n\n{CLAUDE_TRAILER}", files={".env": "X\n"})
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", base)
    monkeypatch.setenv("PRE_COMMIT_TO_REF", head)
    result = run("check")
    assert result.codes() == ["AL205"]
    assert result.lines[-1].endswith("1 commit (1 by agents).")


def test_pre_push_first_push_checks_whole_branch(repo, run, monkeypatch):
    repo.commit(f"root\n\n{CLAUDE_TRAILER}", files={".env": "X\n"})
    repo.commit("more", files={"a.py": "1\n"})
    monkeypatch.setenv("PRE_COMMIT_REMOTE_NAME", "origin")
    monkeypatch.setenv("PRE_COMMIT_LOCAL_BRANCH", "refs/heads/main")
    result = run("check")
    assert result.codes() == ["AL205"]
    assert result.lines[-1].endswith("2 commits (1 by agents).")


def test_explicit_flag_beats_environment(seeded, run, monkeypatch):
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", "nonexistent")
    monkeypatch.setenv("PRE_COMMIT_TO_REF", "HEAD")
    assert run("check", "--staged").code == 0


@pytest.mark.parametrize("spec", ["main", "..HEAD", ""])
def test_bad_range_spec_is_usage_error(seeded, run, spec):
    result = run("check", "--range", spec)
    assert result.code == 2
    assert "is not BASE..HEAD" in result.err


# --- core.ignorecase: a case-insensitive checkout matches patterns whatever the case ---


def test_staged_case_variant_is_blocked_only_with_ignorecase(seeded, run, monkeypatch):
    monkeypatch.setenv("CLAUDECODE", "1")
    seeded.add(".ENV", "certs/SERVER.PEM")
    assert run("check", "--staged").code == 0  # case-sensitive: another file
    seeded.git("config", "core.ignorecase", "true")
    result = run("check", "--staged")
    assert result.codes() == ["AL205", "AL205"]
    assert ".ENV: AL205" in result.out and "certs/SERVER.PEM: AL205" in result.out


def test_commit_case_variant_is_blocked_only_with_ignorecase(seeded, run):
    seeded.commit(f"add settings\n\n{CLAUDE_TRAILER}", files={".Env.Local": "TOKEN=1\n"})
    assert run("check", "--commit", "HEAD").codes() == []
    seeded.git("config", "core.ignorecase", "yes")
    assert run("check", "--commit", "HEAD").codes() == ["AL205"]


# --- where findings point ----------------------------------------------------------------


def test_al101_names_the_branchs_existing_record_to_update(seeded, run, monkeypatch):
    from tests import records

    seeded.git("checkout", "-q", "-b", "fix-totals")  # its record: fix-totals.yaml
    seeded.commit(
        f"first\n\n{CLAUDE_TRAILER}",
        files={"src/report/totals.py": "A\n", records.RECORD_PATH: records.text()},
    )
    seeded.add("src/report/totals.py", content="B\n")
    seeded.add("src/report/rates.py", content="C\n")
    monkeypatch.setenv("CLAUDECODE", "1")
    result = run("check", "--staged", "--select", "AL101")
    assert result.code == 1, result
    assert result.lines[0] == (
        f"{records.RECORD_PATH}: AL101 this agent commit does not update the branch's review "
        f"record; update `{records.RECORD_PATH}` (add src/report/rates.py, "
        "src/report/totals.py to files.changed) and stage it"
    )
    seeded.git("checkout", "-q", "-b", "other")  # a branch with no record of its own
    result = run("check", "--staged", "--select", "AL101")
    assert "`agentlint record new` starts it" in result.out, result


def test_range_text_names_the_commit_of_every_finding(seeded, run):
    base = seeded.git("rev-parse", "HEAD").strip()
    first = seeded.commit(f"a\n\n{CLAUDE_TRAILER}", files={".env": "K=1\n"})
    second = seeded.commit(f"b\n\n{CLAUDE_TRAILER}", files={".github/workflows/ci.yml": "x\n"})
    result = run("check", "--range", f"{base}..HEAD", "--select", "AL1,AL2")
    assert result.code == 1
    shown = {line.split(": ", 1)[0]: line for line in result.lines[:-1]}
    assert f"AL205 ({first[:12]})" in shown[".env"]
    assert f"AL201 ({second[:12]})" in shown[".github/workflows/ci.yml"]
    assert f"AL101 ({second[:12]})" in shown[".agentlint/records/"]
    data = json.loads(run("check", "--range", f"{base}..HEAD", "--format", "json").out)
    assert all(f["commit"] in (first, second) for f in data["findings"])
