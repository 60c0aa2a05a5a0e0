"""An agent that tries to get around the checks. Each test is one attempt that must fail."""

from __future__ import annotations

import pytest

from tests.conftest import ALICE, BOB, CLAUDE_TRAILER, HUMAN

POLICY = "categories:\n  ci:\n    approvers: [alice@example.com]\n"


pytestmark = pytest.mark.core_rules  # changes here carry no review record


def _setup(repo, policy: str = POLICY) -> str:
    return repo.commit("policy", files={".agentlint.yaml": policy, "README.md": "x\n"})


def test_agent_adds_itself_as_approver_in_the_same_range(repo, run):
    base = _setup(repo)
    repo.commit(
        f"agent\n\n{CLAUDE_TRAILER}",
        files={
            ".agentlint.yaml": POLICY.replace("alice@example.com", "bob@example.com"),
            ".github/workflows/ci.yml": "on: push\n",
        },
    )
    repo.approve(BOB)
    result = run("check", "--range", f"{base}..HEAD")
    assert result.code == 1
    assert "Bob Builder <bob@example.com> is not an approver of 'ci'" in result.out


def test_agent_deletes_the_policy(repo, run):
    base = _setup(repo)
    repo.git("rm", "-q", ".agentlint.yaml")
    repo.commit(f"agent drops the policy\n\n{CLAUDE_TRAILER}")
    result = run("check", "--range", f"{base}..HEAD")
    assert result.lines[0].startswith(".agentlint.yaml: AL201")


def test_agent_unhooks_pre_commit_and_its_own_guard(repo, run):
    base = _setup(repo)
    repo.commit(
        f"agent\n\n{CLAUDE_TRAILER}",
        files={".pre-commit-config.yaml": "repos: []\n", ".claude/settings.json": "{}\n"},
    )
    assert run("check", "--range", f"{base}..HEAD").codes() == ["AL201", "AL201"]


def test_lookalike_trailer_key_is_not_an_approval(repo, run):
    base = _setup(repo)
    repo.commit(f"agent\n\n{CLAUDE_TRAILER}", files={".github/workflows/ci.yml": "on: x\n"})
    repo.commit("approve\n\nApproved\u2010by: Alice <alice@example.com>")  # a Unicode hyphen
    assert run("check", "--range", f"{base}..HEAD").codes() == ["AL201"]


def test_lookalike_approver_email_is_not_authorised(repo, run):
    base = _setup(repo)
    repo.commit(f"agent\n\n{CLAUDE_TRAILER}", files={".github/workflows/ci.yml": "on: x\n"})
    repo.commit("approve\n\nApproved-by: Alice <alice@exam\u0440le.com>")  # Cyrillic r
    assert run("check", "--range", f"{base}..HEAD").codes() == ["AL202"]


def test_approval_hidden_in_the_body_is_not_a_trailer(repo, run):
    base = _setup(repo)
    repo.commit(f"agent\n\n{CLAUDE_TRAILER}", files={".github/workflows/ci.yml": "on: x\n"})
    repo.commit("approve\n\nApproved-by: Alice <alice@example.com>\nthis paragraph is prose")
    assert run("check", "--range", f"{base}..HEAD").codes() == ["AL201"]


def test_agent_wearing_a_human_identity_is_still_caught_by_its_trailer(repo, run):
    base = _setup(repo)
    repo.commit(
        "harmless\n\nCo-authored-by: Claude <NoReply@Anthropic.COM>",
        author=ALICE,
        files={".env": "X\n"},
    )
    assert run("check", "--range", f"{base}..HEAD").codes() == ["AL205"]


def test_agent_sets_committer_to_the_approver(repo, run):
    base = _setup(repo)
    repo.commit(
        f"agent\n\n{CLAUDE_TRAILER}\nApproved-by: Alice <alice@example.com>",
        author=HUMAN,
        committer=ALICE,
        files={".github/workflows/ci.yml": "on: x\n"},
    )
    result = run("check", "--range", f"{base}..HEAD")
    assert result.codes() == ["AL202"] and "which is agent work (claude-code)" in result.out
    repo.approve()  # Alice approves in a commit of her own: she committed the change
    result = run("check", "--range", f"{base}..HEAD")
    assert result.codes() == ["AL202", "AL202"] and "authored or committed" in result.out


def test_reverting_a_blocked_file_in_a_later_commit_does_not_hide_it(repo, run):
    base = _setup(repo)
    repo.commit(f"agent\n\n{CLAUDE_TRAILER}", files={"prod.pem": "KEY\n"})
    repo.git("rm", "-q", "prod.pem")
    repo.commit("human cleanup")
    assert run("check", "--range", f"{base}..HEAD").codes() == ["AL205"]


def test_agent_unmarking_generated_files_does_not_unprotect_them(repo, run):
    base = repo.commit(
        "attrs", files={".gitattributes": "client/** linguist-generated\n", "client/api.ts": "1\n"}
    )
    repo.commit(f"agent\n\n{CLAUDE_TRAILER}", files={".gitattributes": "", "client/api.ts": "2\n"})
    codes = run("check", "--range", f"{base}..HEAD").codes()
    assert codes == ["AL201", "AL201"]  # .gitattributes (policy) and client/api.ts (generated)


def test_nothing_in_a_commit_message_switches_a_rule_off(repo, run):
    base = _setup(repo)
    repo.commit(
        f"agent\n\n{CLAUDE_TRAILER}\nagentlint: disable=AL205\nNo-Verify: true\nSkip-Checks: true",
        files={".env": "X\n"},
    )
    assert run("check", "--range", f"{base}..HEAD").codes() == ["AL205"]
