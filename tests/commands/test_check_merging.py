"""The commit-msg stage of a merge (MERGE_HEAD present) judges only what the merge changes
beyond git's own merge of its parents, as range mode does: merging main into an agent's
branch does not charge main's changes to the agent."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import CLAUDE_TRAILER, Repo

POLICY = "categories:\n  ci:\n    approvers: [alice@example.com]\n"


@pytest.fixture
def merging(seeded: Repo, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """An agent branch, and main moved on with a human's CI and app changes; the agent is
    merging main in (`git merge --no-commit`), inside an agent session."""
    seeded.git("branch", "-M", "main")
    seeded.commit("policy", files={".agentlint.yaml": POLICY, "app.py": "a = 1\nb = 2\n"})
    seeded.git("checkout", "-q", "-b", "agent")
    seeded.commit(f"agent work\n\n{CLAUDE_TRAILER}", files={"agent.py": "a = 10\n"})
    seeded.git("checkout", "-q", "main")
    seeded.commit(
        "human edits CI and app",
        files={".github/workflows/ci.yml": "on: push\n", "app.py": "a = 1\nb = 20\n"},
    )
    seeded.git("checkout", "-q", "agent")
    seeded.git("merge", "-q", "--no-commit", "--no-ff", "main")
    monkeypatch.setenv("CLAUDECODE", "1")
    return seeded


def _check(repo: Repo, run, tmp_path):  # type: ignore[no-untyped-def]
    message = tmp_path / "MERGE_MSG"
    message.write_text(f"Merge branch 'main' into agent\n\n{CLAUDE_TRAILER}\n")
    return run("check", "--staged", "--message-file", str(message), "--select", "AL2")


def test_merging_main_in_charges_nothing_of_mains(merging, run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert (merging.path / ".git" / "MERGE_HEAD").exists()
    result = _check(merging, run, tmp_path)
    assert (result.code, result.codes()) == (0, []), result
    # the same merge once committed, in range mode, agrees
    merging.git("commit", "-q", "--no-edit")
    base = merging.git("rev-parse", "HEAD~1~1").strip()
    assert run("check", "--range", f"{base}..HEAD", "--select", "AL2").codes() == []


def test_an_edit_slipped_into_the_merge_is_charged(merging, run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    merging.add(".github/workflows/ci.yml", content="on: [push, pull_request]\n")
    result = _check(merging, run, tmp_path)
    assert result.codes() == ["AL201"]
    assert result.out.startswith(".github/workflows/ci.yml: AL201 [warning]")


def test_a_conflict_resolution_is_the_merges_own(seeded: Repo, run, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seeded.git("branch", "-M", "main")
    seeded.commit("policy", files={".agentlint.yaml": POLICY, ".github/workflows/ci.yml": "a\n"})
    seeded.git("checkout", "-q", "-b", "agent")
    seeded.commit(f"agent\n\n{CLAUDE_TRAILER}", files={".github/workflows/ci.yml": "agent\n"})
    seeded.git("checkout", "-q", "main")
    seeded.commit("human", files={".github/workflows/ci.yml": "human\n"})
    seeded.git("checkout", "-q", "agent")
    conflict = subprocess.run(
        ["git", "merge", "-q", "--no-commit", "main"], cwd=seeded.path, capture_output=True
    )
    assert conflict.returncode == 1  # a conflict, resolved by hand below
    seeded.add(".github/workflows/ci.yml", content="resolved\n")
    monkeypatch.setenv("CLAUDECODE", "1")
    assert _check(seeded, run, tmp_path).codes() == ["AL201"]
