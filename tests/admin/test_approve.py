"""`agentlint approve` in real repositories: what it shows, the commit it makes, and
every refusal."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import ALICE, CLAUDE_TRAILER, Repo

POLICY = (
    "categories:\n  ci:\n    approvers: [alice@example.com]\n"
    "  deploy:\n    approvers: [alice@example.com]\n"
)


@pytest.fixture
def branch(seeded: Repo, monkeypatch: pytest.MonkeyPatch) -> tuple[Repo, str]:
    """An agent's branch touching CI, on top of a policy naming Alice as approver."""
    seeded.commit("policy", files={".agentlint.yaml": POLICY})
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.commit(
        f"agent edits CI\n\n{CLAUDE_TRAILER}", files={".github/workflows/ci.yml": "on: push\n"}
    )
    monkeypatch.setenv("GIT_AUTHOR_NAME", ALICE[0])
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", ALICE[1])
    monkeypatch.setenv("GIT_COMMITTER_NAME", ALICE[0])
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", ALICE[1])
    return seeded, base


def test_approve_shows_pending_and_commits_the_trailer(branch, run) -> None:  # type: ignore[no-untyped-def]
    repo, base = branch
    assert run("check", "--range", f"{base}..HEAD", "--select", "AL2").codes() == ["AL201"]
    result = run("approve", "--range", f"{base}..HEAD")
    assert result.code == 0, result
    assert result.lines[0].startswith("ci: .github/workflows/ci.yml in ")
    assert f"agentlint: range {base[:12]}..HEAD (1 commit), judged by .agentlint.yaml" in (
        result.err
    )
    assert "created approval commit" in result.err
    message = repo.git("log", "-1", "--format=%B")
    assert message == f"Approve ci\n\nApproved-by: {ALICE[0]} <{ALICE[1]}>\n\n"
    assert repo.git("show", "--stat", "--format=", "HEAD") == ""  # empty commit
    assert run("check", "--range", f"{base}..HEAD", "--select", "AL2").code == 0


def test_dry_run_commits_nothing(branch, run) -> None:  # type: ignore[no-untyped-def]
    repo, base = branch
    before = repo.snapshot()
    result = run("approve", "--range", f"{base}..HEAD", "--dry-run")
    assert result.code == 0 and result.lines[-1] == f"Approved-by: {ALICE[0]} <{ALICE[1]}>"
    assert repo.snapshot() == before


def test_default_range_is_the_branch_since_its_upstream(branch, run) -> None:  # type: ignore[no-untyped-def]
    repo, base = branch
    repo.git("branch", "main-line", base)
    repo.git("branch", "--set-upstream-to=main-line")
    assert run("approve", "--dry-run").lines[0].startswith("ci: .github/workflows/ci.yml")


def test_no_base_is_a_clear_error(branch, run) -> None:  # type: ignore[no-untyped-def]
    repo, _ = branch
    repo.git("branch", "-m", "feature")
    result = run("approve")
    assert result.code == 2 and "--range origin/main..HEAD" in result.err


def test_nothing_pending(branch, run) -> None:  # type: ignore[no-untyped-def]
    repo, base = branch
    run("approve", "--range", f"{base}..HEAD")
    head = repo.git("rev-parse", "HEAD")
    result = run("approve", "--range", f"{base}..HEAD")
    assert result.code == 0 and "nothing is waiting" in result.err
    assert repo.git("rev-parse", "HEAD") == head


def test_explicit_category(branch, run) -> None:  # type: ignore[no-untyped-def]
    repo, base = branch
    assert run("approve", "--range", f"{base}..HEAD", "--category", "deploy").code == 0
    assert repo.git("log", "-1", "--format=%s").strip() == "Approve deploy"
    result = run("approve", "--range", f"{base}..HEAD", "--category", "nope")
    assert result.code == 2 and "no category 'nope'" in result.err


def test_refuses_someone_who_is_not_an_approver(branch, run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    repo, base = branch
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "bob@example.com")
    head = repo.git("rev-parse", "HEAD")
    result = run("approve", "--range", f"{base}..HEAD")
    assert result.code == 2 and "bob@example.com may not approve 'ci'" in result.err
    assert "alice@example.com" in result.err
    assert repo.git("rev-parse", "HEAD") == head


def test_refuses_an_agent_identity(branch, run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _, base = branch
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Claude")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "noreply@anthropic.com")
    result = run("approve", "--range", f"{base}..HEAD")
    assert result.code == 2 and "that identity is an agent's" in result.err


@pytest.mark.parametrize("var", ["CLAUDECODE", "CLAUDE_CODE_SESSION_ID", "CODEX_SANDBOX"])
def test_refuses_inside_an_agent_session(branch, run, monkeypatch, var: str) -> None:  # type: ignore[no-untyped-def]
    _, base = branch
    monkeypatch.setenv(var, "1")
    result = run("approve", "--range", f"{base}..HEAD")
    assert result.code == 2 and "inside an agent session" in result.err and var in result.err


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="needs ssh-keygen")
def test_signs_when_the_policy_requires_it(branch, run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    repo, base = branch
    key = tmp_path / "alice"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", ALICE[1], "-f", str(key)], check=True
    )
    public = (tmp_path / "alice.pub").read_text().split()
    signers = f'{ALICE[1]} namespaces="git" {public[0]} {public[1]}\n'
    policy = (
        POLICY
        + "approvals:\n  require_signed: true\n  allowed_signers: .agentlint/allowed_signers\n"
    )
    repo.commit(
        "signed policy", files={".agentlint.yaml": policy, ".agentlint/allowed_signers": signers}
    )
    base = repo.git("rev-parse", "HEAD").strip()
    repo.commit(
        f"agent edits CI\n\n{CLAUDE_TRAILER}",
        author=("Claude", "noreply@anthropic.com"),
        files={".github/workflows/ci.yml": "on: [push]\n"},
    )
    result = run("approve", "--range", f"{base}..HEAD")
    assert result.code == 2 and "commit signing" in result.err  # no signing key configured yet
    repo.git("config", "gpg.format", "ssh")
    repo.git("config", "user.signingkey", str(key))
    result = run("approve", "--range", f"{base}..HEAD")
    assert result.code == 0 and "signed approval commit" in result.err
    assert run("check", "--range", f"{base}..HEAD", "--select", "AL2").code == 0


def test_approver_cannot_approve_their_own_commits(seeded: Repo, run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The solo developer whose agent commits under their name: `approve` refuses with the
    fix, instead of making an approval that check then reports as AL202."""
    seeded.commit("policy", files={".agentlint.yaml": POLICY})
    base = seeded.git("rev-parse", "HEAD").strip()
    sha = seeded.commit(
        f"agent edits CI\n\n{CLAUDE_TRAILER}",
        author=ALICE,
        files={".github/workflows/ci.yml": "on: push\n"},
    )
    for key, value in zip(
        ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"),
        ALICE * 2,
        strict=True,
    ):
        monkeypatch.setenv(key, value)
    before = seeded.snapshot()
    result = run("approve", "--range", f"{base}..HEAD")
    assert result.code == 2
    assert f"you authored or committed {sha[:12]}" in result.err
    assert "agentlint setup claude" in result.err
    assert seeded.snapshot() == before


def test_an_approval_written_as_a_bare_address_counts(branch, run) -> None:  # type: ignore[no-untyped-def]
    repo, base = branch
    repo.commit("approve\n\nApproved-by: alice@example.com", author=ALICE)
    result = run("check", "--range", f"{base}..HEAD", "--select", "AL2")
    assert (result.code, result.codes()) == (0, [])


def test_self_approval_names_the_other_approvers(seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    policy = "categories:\n  ci:\n    approvers: [alice@example.com, bob@example.com]\n"
    seeded.commit("policy", files={".agentlint.yaml": policy})
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.commit(
        f"agent edits CI\n\n{CLAUDE_TRAILER}",
        author=ALICE,
        files={".github/workflows/ci.yml": "on: push\n"},
    )
    seeded.approve(ALICE)
    result = run("check", "--range", f"{base}..HEAD", "--select", "AL2")
    assert result.codes() == ["AL202"]
    assert "ask another approver (bob@example.com) to run `agentlint approve`" in result.out


def test_self_approval_with_no_other_approver_says_so(branch, run) -> None:  # type: ignore[no-untyped-def]
    repo, base = branch
    repo.git("commit", "--amend", "-q", "--no-edit", "--reset-author")  # Alice now authored it
    repo.approve(ALICE)
    result = run("check", "--range", f"{base}..HEAD", "--select", "AL2")
    assert result.codes() == ["AL202"]
    assert "no other approver is configured for 'ci'" in result.out
