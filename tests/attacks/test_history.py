"""History and approval attacks on `agentlint check --range`: merges that revert or
delete what no commit shows, approvals borrowed through ancestry, forged reviews and
signed self-approval through an email alias. Each attack runs through the real CLI
against a real repository and must fail the check; each honest twin must pass."""

from __future__ import annotations

import shutil

import pytest

from tests.checks.test_signed_approvals import _key
from tests.conftest import ALICE, CLAUDE_TRAILER, HUMAN

AGENT = ("Claude", "noreply@anthropic.com")
CI = ".github/workflows/ci.yml"
POLICY = "categories:\n  ci:\n    approvers: [alice@example.com]\n"
SIGNED = "approvals:\n  require_signed: true\n  allowed_signers: .agentlint/allowed_signers\n"
TEST_V1 = "def test_one():\n    assert 1 + 1 == 2\n"
needs_ssh = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="needs ssh-keygen")


def _env(who: tuple[str, str]) -> dict[str, str]:
    return {
        "GIT_AUTHOR_NAME": who[0],
        "GIT_AUTHOR_EMAIL": who[1],
        "GIT_COMMITTER_NAME": who[0],
        "GIT_COMMITTER_EMAIL": who[1],
    }


def _sign(key: str | None) -> list[str]:
    return ["-c", "gpg.format=ssh", "-c", f"user.signingkey={key}"] if key else []


def _forge_merge(repo, tree_from: str, parents: list[str], message: str, who=AGENT) -> str:
    """A merge commit made with plumbing, as an agent can: any tree, any parents."""
    tree = repo.git("rev-parse", f"{tree_from}^{{tree}}").strip()
    args = [arg for p in parents for arg in ("-p", p)]
    sha = repo.git("commit-tree", tree, *args, "-m", message, env=_env(who)).strip()
    repo.git("reset", "-q", "--hard", sha)
    return sha


def _merge(repo, rev: str, who=AGENT, key: str | None = None, message: str = "merge") -> str:
    repo.git(
        *_sign(key),
        "merge",
        "-q",
        "--no-ff",
        *(["-S"] if key else []),
        "-m",
        message,
        rev,
        env=_env(who),
    )
    return repo.git("rev-parse", "HEAD").strip()


def _commit(repo, message: str, key: str | None, who: tuple[str, str]) -> str:
    """Commit what is staged (or nothing), signed with `key` when one is given."""
    sign = ["-S"] if key else []
    repo.git(*_sign(key), "commit", "-q", "--allow-empty", *sign, "-m", message, env=_env(who))
    return repo.git("rev-parse", "HEAD").strip()


def _approve(repo, key: str | None = None, who=ALICE, key_word: str = "Approved-by") -> str:
    return _commit(repo, f"approve\n\n{key_word}: {ALICE[0]} <{ALICE[1]}>", key, who)


def _agent(repo, files: dict[str, str], key: str | None = None, who=AGENT) -> str:
    for path, content in files.items():
        repo.write(path, content)
    repo.git("add", "-A")
    return _commit(repo, f"agent work\n\n{CLAUDE_TRAILER}", key, who)


def _check(run, spec: str, select: str = "AL2,AL3,AL4"):
    return run("check", "--range", spec, "--select", select)


# --- item 2: a merge that reverts or deletes what no commit shows -----------------------


def _old_and_new(repo, policy: str = POLICY) -> tuple[str, str]:
    """main: an old commit with the old CI workflow and no conftest.py or tests, then the
    current one (BASE) that hardens CI and adds the test harness and a test."""
    old = repo.commit(
        "old", files={".agentlint.yaml": policy, CI: "on: push\njobs: {}\n", "README.md": "x\n"}
    )
    base = repo.commit(
        "harden CI, add tests",
        files={
            CI: "on: push\njobs: {test: {runs-on: ubuntu-latest}}\n",
            "conftest.py": "import pytest\n",
            "tests/test_one.py": TEST_V1,
        },
    )
    return old, base


def test_merge_with_an_old_commit_restores_an_old_ci_workflow(repo, run):
    old, base = _old_and_new(repo)
    _agent(repo, {"src/app.py": "print(1)\n"})
    repo.git("checkout", "-q", old, "--", CI)
    repo.git("commit", "-q", "-m", "tmp")
    tree = repo.git("rev-parse", "HEAD").strip()
    head = _forge_merge(repo, tree, ["HEAD~1", old], f"merge\n\n{CLAUDE_TRAILER}")
    result = _check(run, f"{base}..HEAD")
    assert result.code == 1, result
    assert result.lines[0].startswith(f"{CI}: AL201"), result
    json_out = run("check", "--range", f"{base}..HEAD", "--select", "AL2", "--format", "json")
    assert '"commit": "' + head + '"' in json_out.out.replace(': "', ': "')


def test_merge_with_an_old_commit_deletes_the_harness_and_a_test(repo, run):
    old, base = _old_and_new(repo)
    _agent(repo, {"src/app.py": "print(1)\n"})
    repo.git("rm", "-q", "conftest.py", "tests/test_one.py")
    repo.git("commit", "-q", "-m", "tmp")
    tree = repo.git("rev-parse", "HEAD").strip()
    _forge_merge(repo, tree, ["HEAD~1", old], f"merge\n\n{CLAUDE_TRAILER}")
    result = _check(run, f"{base}..HEAD")
    assert result.code == 1, result
    assert "conftest.py: AL201" in result.out
    assert "tests/test_one.py: AL301" in result.out


def test_merge_revert_by_an_unmarked_identity_is_judged_with_enforce_all(repo, run):
    old, base = _old_and_new(repo, POLICY + "enforce: all\n")
    _agent(repo, {"src/app.py": "print(1)\n"})
    repo.git("checkout", "-q", old, "--", CI)
    repo.git("commit", "-q", "-m", "tmp")
    tree = repo.git("rev-parse", "HEAD").strip()
    _forge_merge(repo, tree, ["HEAD~1", old], "Merge branch 'main'", who=HUMAN)
    result = _check(run, f"{base}..HEAD")
    assert result.code == 1, result
    assert result.codes() == ["AL201"]
    assert result.lines[0].startswith(f"{CI}: AL201")


def test_merge_that_keeps_its_side_over_mains_change_is_charged(repo, run):
    """`git merge -s ours main`: main's hardening of CI silently dropped by the merge."""
    fork = repo.commit("fork", files={".agentlint.yaml": POLICY, CI: "on: push\n"})
    repo.git("checkout", "-q", "-b", "agent")
    _agent(repo, {"src/app.py": "print(1)\n"})
    repo.git("checkout", "-q", "main")
    base = repo.commit("main hardens CI", files={CI: "on: push\njobs: {}\n"})
    repo.git("checkout", "-q", "agent")
    repo.git(
        "merge", "-q", "-s", "ours", "-m", f"merge\n\n{CLAUDE_TRAILER}", "main", env=_env(AGENT)
    )
    assert fork
    result = _check(run, f"{base}..HEAD")
    assert result.code == 1, result
    assert result.lines[0].startswith(f"{CI}: AL201")


def test_legitimate_merge_of_main_stays_quiet(repo, run):
    fork = repo.commit(
        "fork",
        files={".agentlint.yaml": POLICY, CI: "on: push\n", "tests/test_one.py": TEST_V1},
    )
    repo.git("checkout", "-q", "-b", "agent")
    _agent(repo, {"src/app.py": "print(1)\n"})
    repo.git("checkout", "-q", "main")
    repo.commit("main changes CI and drops a test", files={CI: "on: [push]\n"})
    repo.git("rm", "-q", "tests/test_one.py")
    base = repo.commit("main drops a test")
    repo.git("checkout", "-q", "agent")
    _merge(repo, "main", message=f"Merge main\n\n{CLAUDE_TRAILER}")
    _agent(repo, {"src/app.py": "print(2)\n"})
    assert fork
    result = _check(run, f"{base}..HEAD")
    assert (result.code, result.codes()) == (0, []), result
    result = _check(run, f"{fork}..HEAD")  # main's own commits are in this range: judged as theirs
    assert (result.code, result.codes()) == (0, []), result


# --- item 3: approvals cover their ancestors, nothing else ------------------------------


@pytest.fixture(params=["unsigned", "signed"])
def setup(request, repo, tmp_path):
    """The policy (with signed approvals in the `signed` case), and Alice's key."""
    if request.param == "signed":
        if shutil.which("ssh-keygen") is None:
            pytest.skip("needs ssh-keygen")
        key, line = _key(tmp_path, "alice", ALICE[1])
        base = repo.commit(
            "policy",
            files={".agentlint.yaml": POLICY + SIGNED, ".agentlint/allowed_signers": line},
        )
        return repo, base, key
    return repo, repo.commit("policy", files={".agentlint.yaml": POLICY}), None


def test_approval_does_not_cover_a_later_change_on_a_sibling_branch(setup, run):
    repo, base, key = setup
    _agent(repo, {CI: "on: push\n"})
    repo.git("checkout", "-q", "-b", "sibling")
    _agent(repo, {CI: "on: [push, pull_request]\n"})
    repo.git("checkout", "-q", "main")
    _approve(repo, key)  # approves the first change only
    repo.git("checkout", "-q", "sibling")
    _merge(repo, "main", message=f"merge\n\n{CLAUDE_TRAILER}")
    result = _check(run, f"{base}..HEAD")
    assert result.code == 1, result
    assert result.codes() == ["AL201"], result
    assert "that change is not one of its ancestors" in result.out
    # honest: the approval comes after the merge and covers both changes
    _approve(repo, key)
    assert _check(run, f"{base}..HEAD").code == 0


def test_approval_borrowed_from_another_branch_by_a_merge(setup, run):
    repo, base, key = setup
    repo.git("checkout", "-q", "-b", "other")
    _approve(repo, key)  # Alice approves something else on another branch
    repo.git("checkout", "-q", "main")
    _agent(repo, {CI: "on: push\n"})
    _merge(repo, "other", message=f"merge\n\n{CLAUDE_TRAILER}")
    result = _check(run, f"{base}..HEAD")
    assert result.code == 1, result
    assert result.codes() == ["AL201"], result
    assert "not an ancestor" in result.out or "does not cover" in result.out


def test_approval_before_the_branch_point_on_a_merged_branch(setup, run):
    """The other branch holds an approval made before the agent's change and is merged
    after it: the log lists the approval later, but it covers nothing of the change."""
    repo, base, key = setup
    _agent(repo, {CI: "on: push\n"})
    repo.git("checkout", "-q", "-b", "other", base)
    _approve(repo, key)
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-ff", "-m", "merge", "other", env=_env(HUMAN))
    result = _check(run, f"{base}..HEAD")
    assert result.code == 1, result
    assert result.codes() == ["AL201"], result


def test_criss_cross_merges(setup, run):
    repo, base, key = setup
    repo.git("checkout", "-q", "-b", "q")
    approval = _approve(repo, key)  # before the change, on a parallel line
    repo.git("checkout", "-q", "main")
    change = _agent(repo, {CI: "on: push\n"})
    _merge(repo, "q", message=f"merge q\n\n{CLAUDE_TRAILER}")  # P2 = merge(change, approval)
    p2 = repo.git("rev-parse", "HEAD").strip()
    repo.git("checkout", "-q", "q")
    _merge(repo, change, message=f"merge main\n\n{CLAUDE_TRAILER}")  # Q2 = merge(approval, change)
    repo.git("checkout", "-q", "main")
    _merge(repo, "q", message=f"criss-cross\n\n{CLAUDE_TRAILER}")
    assert approval and p2
    result = _check(run, f"{base}..HEAD")
    assert result.code == 1, result
    assert result.codes() == ["AL201"], result
    # honest: an approval on top of the criss-cross covers the change
    _approve(repo, key)
    assert _check(run, f"{base}..HEAD").code == 0


# --- item 5: a review posture honours require_signed -------------------------------------


REVIEW = "categories:\n  dependencies:\n    posture: review\n" + SIGNED


@needs_ssh
def test_made_up_review_does_not_satisfy_require_signed(repo, run, tmp_path):
    key, line = _key(tmp_path, "alice", ALICE[1])
    base = repo.commit(
        "policy", files={".agentlint.yaml": REVIEW, ".agentlint/allowed_signers": line}
    )
    _agent(repo, {"package.json": "{}\n"})
    _approve(repo, None, key_word="Reviewed-by")  # unsigned: anyone could have written it
    result = _check(run, f"{base}..HEAD")
    assert result.code == 1, result
    assert result.codes() == ["AL204"], result
    assert "is not signed" in result.out
    _approve(repo, key, key_word="Reviewed-by")
    assert _check(run, f"{base}..HEAD").code == 0


# --- item 9: signed self-approval through an email alias ---------------------------------


@needs_ssh
def test_approver_key_signing_the_agent_commit_is_self_approval(repo, run, tmp_path):
    key, line = _key(tmp_path, "alice", ALICE[1])
    base = repo.commit(
        "policy", files={".agentlint.yaml": POLICY + SIGNED, ".agentlint/allowed_signers": line}
    )
    # the agent runs with Alice's unlocked key but commits as another address
    _agent(repo, {CI: "on: push\n"}, key=key, who=("Alice's bot", "alice+bot@example.com"))
    _approve(repo, key)
    result = _check(run, f"{base}..HEAD")
    assert result.code == 1, result
    assert result.codes() == ["AL202"], result
    assert "signed" in result.out


@needs_ssh
def test_approval_of_a_commit_signed_by_another_key_still_counts(repo, run, tmp_path):
    key, line = _key(tmp_path, "alice", ALICE[1])
    bot_key, bot_line = _key(tmp_path, "bot", "bot@example.com")
    base = repo.commit(
        "policy",
        files={".agentlint.yaml": POLICY + SIGNED, ".agentlint/allowed_signers": line + bot_line},
    )
    _agent(repo, {CI: "on: push\n"}, key=bot_key, who=("Bot", "bot@example.com"))
    _approve(repo, key)
    result = _check(run, f"{base}..HEAD")
    assert (result.code, result.codes()) == (0, []), result


@needs_ssh
def test_agent_commit_carrying_the_approval_under_the_approvers_key_is_self_approval(
    repo, run, tmp_path
):
    key, line = _key(tmp_path, "alice", ALICE[1])
    base = repo.commit(
        "policy", files={".agentlint.yaml": POLICY + SIGNED, ".agentlint/allowed_signers": line}
    )
    repo.add(CI, content="on: push\n")
    message = f"agent work\n\n{CLAUDE_TRAILER}\nApproved-by: {ALICE[0]} <{ALICE[1]}>"
    _commit(repo, message, key, ("Alice's bot", "alice+bot@example.com"))
    result = _check(run, f"{base}..HEAD")
    assert result.code == 1, result
    assert result.codes() == ["AL202"], result


def test_a_branch_that_merges_main_twice_stays_quiet(repo, run):
    """git frees a shown commit's parents, so merges must be re-merged newest first: an
    older merge shown first would make the newer one's merge base wrong and charge it
    with main's changes."""
    fork = repo.commit("fork", files={".agentlint.yaml": POLICY, CI: "on: push\n"})
    repo.git("checkout", "-q", "-b", "agent")
    for n in range(3):
        _agent(repo, {f"src/app{n}.py": f"print({n})\n"})
        repo.git("checkout", "-q", "main")
        base = repo.commit(f"main {n}", files={CI: f"on: push\n# {n}\n", f"lib{n}.py": "x\n"})
        repo.git("checkout", "-q", "agent")
        _merge(repo, "main", message=f"Merge main\n\n{CLAUDE_TRAILER}")
    assert fork
    result = _check(run, f"{base}..HEAD")
    assert (result.code, result.codes()) == (0, []), result


@needs_ssh
def test_a_review_in_the_commit_being_made_is_pending_until_ci_verifies_it(repo, run, tmp_path):
    _, line = _key(tmp_path, "alice", ALICE[1])
    policy = REVIEW + "enforce: all\n"  # a person's commit: an agent's cannot carry a review
    repo.commit("policy", files={".agentlint.yaml": policy, ".agentlint/allowed_signers": line})
    repo.add("package.json", content="{}\n")
    message = tmp_path / "MSG"
    message.write_text(f"bump\n\nReviewed-by: {ALICE[0]} <{ALICE[1]}>\n")
    result = run("check", "--staged", "--message-file", str(message), "--select", "AL2")
    assert (result.code, result.codes()) == (0, ["AL204"]), result
    assert "[warning]" in result.out and "cannot be verified yet" in result.out


def test_a_borrowed_approval_does_not_accept_a_weakened_test(repo, run):
    policy = POLICY + "  tests:\n    approvers: [alice@example.com]\n"
    base = repo.commit("policy", files={".agentlint.yaml": policy, "tests/test_one.py": TEST_V1})
    repo.git("checkout", "-q", "-b", "other")
    _approve(repo)  # Alice approves something on another branch
    repo.git("checkout", "-q", "main")
    _agent(repo, {"tests/test_one.py": "def test_one():\n    pass\n"})
    _merge(repo, "other", message=f"merge\n\n{CLAUDE_TRAILER}")
    result = _check(run, f"{base}..HEAD", select="AL3")
    assert result.code == 1, result
    assert result.codes() == ["AL303"], result
    assert "that change is not one of its ancestors" in result.out
    _approve(repo)  # at the tip, the approval covers the weakening
    assert _check(run, f"{base}..HEAD", select="AL3").code == 0


def test_a_review_on_a_sibling_branch_does_not_cover_the_change(repo, run):
    base = repo.commit("policy", files={".agentlint.yaml": REVIEW.split("approvals:")[0]})
    repo.git("checkout", "-q", "-b", "other")
    _approve(repo, key_word="Reviewed-by")
    repo.git("checkout", "-q", "main")
    _agent(repo, {"package.json": "{}\n"})
    _merge(repo, "other", message=f"merge\n\n{CLAUDE_TRAILER}")
    result = _check(run, f"{base}..HEAD")
    assert (result.code, result.codes()) == (1, ["AL204"]), result
    assert "that change is not one of its ancestors" in result.out
    assert "so it does not count" not in result.out
    _approve(repo, key_word="Reviewed-by")
    assert _check(run, f"{base}..HEAD").code == 0
