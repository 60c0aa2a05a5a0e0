"""AL201-AL204 in range mode, against real repositories."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ALICE, BOB, CLAUDE_TRAILER, HUMAN

CI_APPROVERS = "categories:\n  ci:\n    approvers: [alice@example.com]\n"


pytestmark = pytest.mark.core_rules  # changes here carry no review record


def _base(repo, config: str = CI_APPROVERS) -> str:
    return repo.commit("base", files={".agentlint.yaml": config, "README.md": "hi\n"})


def _agent_ci(repo, name: str = "ci.yml") -> str:
    return repo.commit(
        f"agent edits CI\n\n{CLAUDE_TRAILER}", files={f".github/workflows/{name}": "on: push\n"}
    )


def test_protected_path_without_approval_is_al201(repo, run):
    base = _base(repo)
    sha = _agent_ci(repo)
    result = run("check", "--range", f"{base}..HEAD")
    assert result.code == 1
    assert result.lines[
        0
    ].startswith(  # range mode names the commit of every finding
        f".github/workflows/ci.yml: AL201 ({sha[:12]}) changed without an approval for "
        "category 'ci'"
    )
    assert "alice@example.com" in result.lines[0]
    assert result.lines[-1] == "Found 1 error in 1 commit (1 by agents)."
    report = json.loads(run("check", "--range", f"{base}..HEAD", "--format", "json").out)
    assert report["findings"][0]["commit"] == sha
    assert report["findings"][0]["category"] == "ci"


def test_valid_approval_after_change_passes(repo, run):
    base = _base(repo)
    _agent_ci(repo)
    repo.approve()
    result = run("check", "--range", f"{base}..HEAD")
    assert (result.code, result.lines) == (0, ["All checks passed: 2 commits (1 by agents)."])


def test_approval_in_the_agents_own_commit_does_not_count(repo, run):
    base = _base(repo)
    repo.commit(
        f"agent edits CI\n\n{CLAUDE_TRAILER}\nApproved-by: Alice <alice@example.com>",
        files={".github/workflows/ci.yml": "on: push\n"},
    )
    result = run("check", "--range", f"{base}..HEAD")
    assert (result.code, result.codes()) == (1, ["AL202"]), result
    assert "an agent can write any trailer" in result.out
    repo.approve()  # the same approval in Alice's own commit counts
    assert run("check", "--range", f"{base}..HEAD").code == 0


def test_approval_in_a_persons_commit_of_the_change_counts(repo, run):
    base = _base(repo, CI_APPROVERS + "enforce: all\n")
    repo.commit(
        "Hannah edits CI\n\nApproved-by: Alice <alice@example.com>",
        author=HUMAN,
        files={".github/workflows/ci.yml": "on: push\n"},
    )
    assert run("check", "--range", f"{base}..HEAD").code == 0


@pytest.mark.parametrize(
    "who",
    [
        {"author": ("Claude", "noreply@anthropic.com")},
        {"committer": ("Claude", "noreply@anthropic.com")},
        {"author": ("copilot-swe-agent[bot]", "198982749+Copilot@users.noreply.github.com")},
        {"committer": ("renovate-like[bot]", "1+unknown[bot]@users.noreply.github.com")},
    ],
)
def test_approval_forged_in_an_agent_identitys_commit_does_not_count(repo, run, who):
    base = _base(repo)
    repo.commit(  # no trailer marks it: the identity alone makes it the agent's
        "edit CI\n\nApproved-by: Alice <alice@example.com>",
        files={".github/workflows/ci.yml": "on: push\n"},
        **who,
    )
    result = run("check", "--range", f"{base}..HEAD")
    assert (result.code, result.codes()) == (1, ["AL202"]), result
    assert "has the agent" in result.out


def test_review_forged_in_the_agents_commit_does_not_count(repo, run):
    base = _base(repo, "categories:\n  dependencies:\n    posture: review\n")
    repo.commit(
        f"bump\n\n{CLAUDE_TRAILER}\nReviewed-by: Bob <bob@example.com>",
        files={"package.json": "{}\n"},
    )
    result = run("check", "--range", f"{base}..HEAD", "--select", "AL2")
    assert result.code == 1 and "AL204" in result.codes(), result


def test_human_change_is_not_judged_by_default(repo, run):
    base = _base(repo)
    repo.commit("human edits CI", files={".github/workflows/ci.yml": "on: push\n"})
    assert run("check", "--range", f"{base}..HEAD").code == 0


def test_enforce_all_judges_human_changes(repo, run):
    base = _base(repo, CI_APPROVERS + "enforce: all\n")
    repo.commit("human edits CI", files={".github/workflows/ci.yml": "on: push\n"})
    result = run("check", "--range", f"{base}..HEAD")
    assert result.code == 1
    assert result.codes() == ["AL201"]


def test_unauthorised_approval_is_al202_error(repo, run):
    base = _base(repo)
    _agent_ci(repo)
    repo.approve(BOB)
    result = run("check", "--range", f"{base}..HEAD")
    assert result.code == 1
    assert result.codes() == ["AL202"]
    assert "Bob Builder <bob@example.com> is not an approver of 'ci'" in result.out


def test_unauthorised_approval_beside_valid_one_is_warning(repo, run):
    base = _base(repo)
    _agent_ci(repo)
    repo.approve(BOB)
    repo.approve(ALICE)
    result = run("check", "--range", f"{base}..HEAD")
    assert result.code == 0
    assert result.codes() == ["AL202"]
    assert "[warning]" in result.lines[0]
    assert result.lines[-1] == "Found 0 errors and 1 warning in 3 commits (1 by agents)."


def test_agent_cannot_approve(repo, run):
    base = _base(repo, "categories:\n  ci:\n    approvers: [noreply@anthropic.com]\n")
    _agent_ci(repo)
    repo.commit("approve\n\nApproved-by: Claude <noreply@anthropic.com>")
    result = run("check", "--range", f"{base}..HEAD")
    assert result.code == 1
    assert "is an agent identity" in result.out


def test_author_cannot_approve_own_change(repo, run):
    base = _base(repo)
    repo.commit(
        f"alice and the agent edit CI\n\n{CLAUDE_TRAILER}",
        author=ALICE,
        files={".github/workflows/ci.yml": "on: push\n"},
    )
    repo.approve(ALICE)
    result = run("check", "--range", f"{base}..HEAD")
    assert result.code == 1
    assert "authored or committed the change it approves" in result.out


def test_committer_cannot_approve(repo, run):
    base = _base(repo)
    repo.commit(
        f"agent edits CI\n\n{CLAUDE_TRAILER}",
        author=HUMAN,
        committer=ALICE,
        files={".github/workflows/ci.yml": "on: push\n"},
    )
    repo.approve(ALICE)
    assert run("check", "--range", f"{base}..HEAD").codes() == ["AL202"]


def test_stale_approval_is_al203(repo, run):
    base = _base(repo)
    _agent_ci(repo)
    repo.approve()
    repo.commit(
        f"agent edits CI again\n\n{CLAUDE_TRAILER}",
        files={".github/workflows/ci.yml": "on: [push, pull_request]\n"},
    )
    result = run("check", "--range", f"{base}..HEAD")
    assert result.code == 1
    assert result.codes() == ["AL203"]
    assert "predates a later change" in result.out


def test_approval_covers_only_paths_changed_before_it(repo, run):
    base = _base(repo)
    _agent_ci(repo, "a.yml")
    repo.approve()
    _agent_ci(repo, "b.yml")
    result = run("check", "--range", f"{base}..HEAD")
    assert result.code == 1
    assert [line.split(":")[0] for line in result.lines[:-1]] == [".github/workflows/b.yml"]


def test_malformed_approval_is_al202(repo, run):
    base = _base(repo)
    _agent_ci(repo)
    repo.commit("approve\n\nApproved-by: alice")
    result = run("check", "--range", f"{base}..HEAD")
    assert result.codes() == ["AL202"]
    assert "is not `Name <email>`" in result.out


def test_approval_in_commit_message_comment_does_not_count(repo, run):
    # a `#` line is a trailer only if git says so; it never is
    base = _base(repo)
    _agent_ci(repo)
    repo.git(
        "commit",
        "-q",
        "--allow-empty",
        "--cleanup=verbatim",
        "-m",
        "approve\n\n# Approved-by: Alice <alice@example.com>",
    )
    assert run("check", "--range", f"{base}..HEAD").codes() == ["AL201"]


def test_no_approvers_configured_says_how_to_configure(repo, run):
    base = _base(repo, "enforce: agents\n")
    _agent_ci(repo)
    result = run("check", "--range", f"{base}..HEAD")
    assert result.codes() == ["AL201"]
    assert "categories.ci.approvers" in result.out


def test_default_approvers_apply_to_categories_without_their_own(repo, run):
    base = _base(repo, "approvals:\n  approvers: [alice@example.com]\n")
    repo.commit(f"agent edits deps\n\n{CLAUDE_TRAILER}", files={"package.json": "{}\n"})
    repo.approve()
    assert run("check", "--range", f"{base}..HEAD").code == 0


def test_review_posture_needs_reviewed_by(repo, run):
    config = "categories:\n  dependencies:\n    posture: review\n"
    base = _base(repo, config)
    repo.commit(f"agent bumps deps\n\n{CLAUDE_TRAILER}", files={"package.json": "{}\n"})
    result = run("check", "--range", f"{base}..HEAD")
    assert result.codes() == ["AL204"]
    repo.commit("review\n\nReviewed-by: Bob Builder <bob@example.com>", author=BOB)
    assert run("check", "--range", f"{base}..HEAD").code == 0


def test_review_by_author_or_agent_does_not_count(repo, run):
    config = "categories:\n  dependencies:\n    posture: review\n"
    base = _base(repo, config)
    repo.commit(f"agent bumps deps\n\n{CLAUDE_TRAILER}", files={"package.json": "{}\n"})
    repo.commit(
        "review\n\nReviewed-by: Hannah Human <hannah@example.com>\n"
        "Reviewed-by: Claude <noreply@anthropic.com>"
    )
    result = run("check", "--range", f"{base}..HEAD")
    assert result.codes() == ["AL204"]
    assert "authored or committed" in result.out and "agent identity" in result.out


def test_listed_reviewers_only(repo, run):
    config = (
        "categories:\n  dependencies:\n    posture: review\n    reviewers: [alice@example.com]\n"
    )
    base = _base(repo, config)
    repo.commit(f"agent bumps deps\n\n{CLAUDE_TRAILER}", files={"package.json": "{}\n"})
    repo.commit("review\n\nReviewed-by: Bob Builder <bob@example.com>", author=BOB)
    assert run("check", "--range", f"{base}..HEAD").codes() == ["AL204"]
    repo.commit("review\n\nReviewed-by: Alice <alice@example.com>", author=BOB)
    assert run("check", "--range", f"{base}..HEAD").code == 0


def test_approval_satisfies_review_posture(repo, run):
    config = (
        "categories:\n  dependencies:\n    posture: review\n    approvers: [alice@example.com]\n"
    )
    base = _base(repo, config)
    repo.commit(f"agent bumps deps\n\n{CLAUDE_TRAILER}", files={"package.json": "{}\n"})
    repo.approve()
    assert run("check", "--range", f"{base}..HEAD").code == 0


def test_blocked_path_is_al205_and_approval_does_not_help(repo, run):
    base = _base(repo, "approvals:\n  approvers: [alice@example.com]\n")
    repo.commit(f"agent adds env\n\n{CLAUDE_TRAILER}", files={".env": "TOKEN=1\n"})
    repo.approve()
    result = run("check", "--range", f"{base}..HEAD")
    assert result.code == 1
    assert result.codes() == ["AL205"]
    assert "rotate the secret" in result.out


def test_blocked_path_touched_then_removed_still_reported(repo, run):
    base = _base(repo)
    repo.commit(f"agent adds key\n\n{CLAUDE_TRAILER}", files={"deploy.pem": "KEY\n"})
    repo.git("rm", "-q", "deploy.pem")
    repo.commit(f"agent removes key\n\n{CLAUDE_TRAILER}")
    result = run("check", "--range", f"{base}..HEAD")
    assert result.codes() == ["AL205"]


def test_env_example_is_excluded_from_secrets(repo, run):
    base = _base(repo)
    repo.commit(f"agent documents env\n\n{CLAUDE_TRAILER}", files={".env.example": "TOKEN=\n"})
    assert run("check", "--range", f"{base}..HEAD").code == 0


def test_strictest_posture_wins_when_categories_overlap(repo, run):
    config = "categories:\n  scripts:\n    paths: ['*.yml']\n    posture: review\n"
    base = _base(repo, config)
    repo.commit(f"agent\n\n{CLAUDE_TRAILER}", files={".github/workflows/x.yml": "on: push\n"})
    repo.commit("review\n\nReviewed-by: Bob <bob@example.com>", author=BOB)
    assert run("check", "--range", f"{base}..HEAD").codes() == ["AL201"]


def test_path_in_two_approval_categories_needs_both(repo, run):
    config = (
        "categories:\n  ci:\n    approvers: [alice@example.com]\n"
        "  deploy:\n    approvers: [bob@example.com]\n"
        "    extend_paths: ['.github/workflows/deploy*']\n"
    )
    base = _base(repo, config)
    repo.commit(f"agent\n\n{CLAUDE_TRAILER}", files={".github/workflows/deploy.yml": "on: push\n"})
    repo.approve(ALICE)
    result = run("check", "--range", f"{base}..HEAD")
    assert result.code == 1 and "'deploy' is not approved" in result.out
    repo.approve(BOB)
    assert run("check", "--range", f"{base}..HEAD").code == 0
