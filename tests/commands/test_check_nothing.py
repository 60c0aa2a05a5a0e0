"""Checking nothing never reads as a pass: empty and reversed ranges, nothing staged, and
the hooks run in CI on `pre-commit run --all-files`."""

from __future__ import annotations

import pytest

from tests.conftest import CLAUDE_TRAILER, Repo


@pytest.fixture
def branch(seeded: Repo) -> tuple[Repo, str]:
    """main, and a feature branch whose agent commit touches CI without an approval."""
    seeded.git("branch", "-M", "main")
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.git("checkout", "-q", "-b", "feature")
    seeded.commit(
        f"agent CI\n\n{CLAUDE_TRAILER}", files={".github/workflows/ci.yml": "on: [push]\n"}
    )
    return seeded, base


def test_reversed_range_is_exit_2(branch, run) -> None:  # type: ignore[no-untyped-def]
    result = run("check", "--range", "HEAD..main")
    assert result.code == 2
    assert "--range HEAD..main holds no commits (is it reversed" in result.err
    assert "--allow-empty" in result.err
    assert result.out == ""


def test_allow_empty_accepts_it_and_says_so(branch, run) -> None:  # type: ignore[no-untyped-def]
    result = run("check", "--range", "HEAD..main", "--allow-empty")
    assert result.code == 0
    assert "nothing to check" in result.err


def test_nothing_staged_says_nothing_was_checked(branch, run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("CI", raising=False)
    result = run("check", "--staged", "--select", "AL2")
    assert result.code == 0
    assert "agentlint: note: nothing to check: nothing is staged" in result.err


def test_in_ci_nothing_staged_checks_the_branch(branch, run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CI", "true")
    result = run("check", "--staged", "--select", "AL2")
    assert result.code == 1
    assert result.codes() == ["AL201"]
    assert result.lines[-1] == "Found 1 error in 1 commit (1 by agents)."


def test_branch_flag_checks_the_branch_since_main(branch, run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("CI", raising=False)
    for name in ("PRE_COMMIT_FROM_REF", "PRE_COMMIT_TO_REF", "PRE_COMMIT_REMOTE_NAME"):
        monkeypatch.delenv(name, raising=False)
    result = run("check", "--branch", "--select", "AL2")
    assert result.code == 1 and result.codes() == ["AL201"]


def test_branch_flag_prefers_the_pushed_range(branch, run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    repo, _ = branch
    head = repo.git("rev-parse", "HEAD").strip()
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", head)
    monkeypatch.setenv("PRE_COMMIT_TO_REF", head)  # nothing new is pushed
    result = run("check", "--branch", "--select", "AL2")
    assert result.code == 0
    assert "nothing to check" in result.err


def test_on_the_default_branch_there_is_nothing_of_its_own(branch, run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    repo, _ = branch
    repo.git("checkout", "-q", "main")
    monkeypatch.setenv("CI", "true")
    result = run("check", "--staged")
    assert result.code == 0
    assert "has no commits of its own" in result.err


def test_in_ci_without_a_base_branch_is_exit_2(repo: Repo, run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    repo.git("checkout", "-q", "-b", "lonely")
    repo.commit("first", files={"a.txt": "a\n"})
    monkeypatch.setenv("CI", "true")
    result = run("check", "--staged")
    assert result.code == 2
    assert "there is no range to check" in result.err
    assert "agentlint check --range origin/main..HEAD" in result.err


def test_empty_approval_commit_is_still_checked(branch, run, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The commit-msg stage of an empty commit (an approval) has a message to judge."""
    monkeypatch.setenv("CI", "true")
    message = tmp_path / "MSG"
    message.write_text("Approve ci\n\nApproved-by: Alice Approver <alice@example.com>\n")
    result = run("check", "--staged", "--message-file", str(message))
    assert result.code == 0
    assert "nothing to check" not in result.err
