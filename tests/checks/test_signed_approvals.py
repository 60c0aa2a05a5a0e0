"""Signed approvals (AL206), verified by git against the policy's allowed-signers file,
with real SSH keys made by ssh-keygen."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import ALICE, CLAUDE_TRAILER

pytestmark = [
    pytest.mark.core_rules,
    pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="needs ssh-keygen"),
]

SIGNED_CONFIG = (
    "categories:\n  ci:\n    approvers: [alice@example.com]\n"
    "approvals:\n  require_signed: true\n  allowed_signers: .agentlint/allowed_signers\n"
)


def _key(tmp_path, name: str, email: str) -> tuple[str, str]:
    path = tmp_path / f"key-{name}"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", email, "-f", str(path)], check=True
    )
    public = (tmp_path / f"key-{name}.pub").read_text().split()
    return str(path), f'{email} namespaces="git" {public[0]} {public[1]}\n'


@pytest.fixture
def keys(tmp_path):
    return {
        "alice": _key(tmp_path, "alice", "alice@example.com"),
        "mallory": _key(tmp_path, "mallory", "mallory@example.com"),
    }


def _signed(key: str) -> list[str]:
    return ["-S", "-c", "gpg.format=ssh", "-c", f"user.signingkey={key}"]


def _approve(repo, key: str | None, who=ALICE) -> None:
    env = {
        "GIT_AUTHOR_NAME": who[0],
        "GIT_AUTHOR_EMAIL": who[1],
        "GIT_COMMITTER_NAME": who[0],
        "GIT_COMMITTER_EMAIL": who[1],
    }
    args = ["-c", "gpg.format=ssh", "-c", f"user.signingkey={key}"] if key else []
    repo.git(
        *args,
        "commit",
        "-q",
        "--allow-empty",
        *(["-S"] if key else []),
        "-m",
        f"approve\n\nApproved-by: {ALICE[0]} <{ALICE[1]}>",
        env=env,
    )


@pytest.fixture
def signed_repo(seeded, keys):
    seeded.commit(
        "policy",
        files={".agentlint.yaml": SIGNED_CONFIG, ".agentlint/allowed_signers": keys["alice"][1]},
    )
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.commit(
        f"agent edits CI\n\n{CLAUDE_TRAILER}", files={".github/workflows/ci.yml": "on: push\n"}
    )
    return seeded, base


def test_approval_signed_by_approver_counts(signed_repo, keys, run):
    repo, base = signed_repo
    _approve(repo, keys["alice"][0])
    result = run("check", "--range", f"{base}..HEAD")
    assert result.code == 0, result


def test_unsigned_approval_is_al206(signed_repo, run):
    repo, base = signed_repo
    _approve(repo, None)
    result = run("check", "--range", f"{base}..HEAD")
    assert result.code == 1
    assert result.codes() == ["AL206"]
    assert "is not signed" in result.out


def test_approval_signed_with_another_key_is_al206(signed_repo, keys, run):
    repo, base = signed_repo
    _approve(repo, keys["mallory"][0])  # the agent forges Alice's trailer with its own key
    result = run("check", "--range", f"{base}..HEAD")
    assert result.codes() == ["AL206"]
    assert "not in the allowed-signers file" in result.out


def test_signature_of_other_listed_signer_is_not_the_approvers(seeded, keys, run):
    signers = keys["alice"][1] + keys["mallory"][1]
    seeded.commit(
        "policy", files={".agentlint.yaml": SIGNED_CONFIG, ".agentlint/allowed_signers": signers}
    )
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.commit(f"agent\n\n{CLAUDE_TRAILER}", files={".github/workflows/ci.yml": "on: x\n"})
    _approve(seeded, keys["mallory"][0])
    result = run("check", "--range", f"{base}..HEAD")
    assert result.codes() == ["AL206"]
    assert "signed by mallory@example.com, not by the approver" in result.out


def test_agent_adding_its_key_in_the_change_does_not_help(signed_repo, keys, run):
    repo, base = signed_repo
    repo.commit(
        f"agent trusts itself\n\n{CLAUDE_TRAILER}",
        files={
            ".agentlint/allowed_signers": keys["alice"][1]
            + keys["mallory"][1].replace("mallory@example.com", "alice@example.com")
        },
    )
    _approve(repo, keys["mallory"][0])
    result = run("check", "--range", f"{base}..HEAD")
    assert result.code == 1
    # the forged signature does not count, and the signers file itself is a policy path
    assert sorted(result.codes()) == ["AL202", "AL206"]
    assert result.lines[0].startswith(".agentlint/allowed_signers: AL202")
    assert "is signed by a key that is not in the allowed-signers file" in result.lines[1]


def test_missing_allowed_signers_at_base_is_exit_2(seeded, keys, run):
    seeded.commit("policy", files={".agentlint.yaml": SIGNED_CONFIG})
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.commit(f"agent\n\n{CLAUDE_TRAILER}", files={".github/workflows/ci.yml": "on: x\n"})
    _approve(seeded, keys["alice"][0])
    result = run("check", "--range", f"{base}..HEAD")
    assert result.code == 2
    assert "approvals.allowed_signers names '.agentlint/allowed_signers'" in result.err


def test_require_signed_without_signers_file_is_config_error(seeded, run):
    seeded.commit("policy", files={".agentlint.yaml": "approvals:\n  require_signed: true\n"})
    result = run("check", "--staged")
    assert result.code == 2 and "allowed_signers is not set" in result.err


def test_staged_with_require_signed_warns_instead_of_blocking(signed_repo, run, tmp_path):
    repo, _ = signed_repo
    repo.commit("judge everyone", files={".agentlint.yaml": SIGNED_CONFIG + "enforce: all\n"})
    repo.add(".github/workflows/other.yml")
    msg = tmp_path / "MSG"  # a person's own commit (an agent's could not carry an approval)
    msg.write_text("more CI\n\nApproved-by: Alice <alice@example.com>\n")
    result = run("check", "--staged", "--message-file", str(msg))
    assert result.code == 0
    assert result.codes() == ["AL206"]
    assert "[warning]" in result.out and "cannot be verified yet" in result.out
