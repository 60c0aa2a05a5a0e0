"""`git commit --amend` at the commit-msg and pre-commit stages: the amended commit is
judged as a whole against HEAD's parent, under the policy in force before HEAD. Real
repositories, real git hooks running agentlint, real amends."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agentlint.change import amend
from tests import records
from tests.conftest import CLAUDE_TRAILER

AGENT_MSG = f"fix totals\n\n{CLAUDE_TRAILER}"


# --- reading git's command line ------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["git", "commit", "--amend", "--no-edit"], True),
        (["git", "commit", "-q", "--amend", "-m", "x"], True),
        (["/usr/bin/git", "-C", "repo", "-c", "a.b=c", "commit", "--amen"], True),
        (["git", "commit", "--am"], True),
        (["git", "commit", "-am", "--amend"], False),  # a message, not the option
        (["git", "commit", "-m", "--amend"], False),
        (["git", "commit", "-mfix", "--amend"], True),
        (["git", "commit", "--amend", "--no-amend"], False),
        (["git", "commit", "--", "--amend"], False),  # a path
        (["git", "commit", "--a"], False),  # ambiguous: git refuses it
        (["git", "commit", "-m", "x"], False),
        (["git", "merge", "--amend"], False),
        (["git"], False),
        (["git", "-C"], False),
        (["git", "ca", "--no-edit"], True),  # alias.ca = commit --amend
        (["git", "cm", "-m", "x"], False),  # alias.cm = commit
        (["git", "sh"], False),  # alias.sh = !git commit --amend (a shell alias)
    ],
)
def test_is_amend_argv(argv, expected):
    aliases = {"ca": "commit --amend", "cm": "commit", "sh": "!git commit --amend", "e": ""}
    assert amend.is_amend_argv(argv, aliases) is expected


def test_aliases_in_git_var_listing():
    listing = "alias.ca=commit --amend\nuser.name=A\nalias.x\nGIT_EDITOR=vi\n"
    assert amend.aliases_in(listing) == {"ca": "commit --amend"}


@given(st.lists(st.text(max_size=12), max_size=8), st.dictionaries(st.text(), st.text()))
def test_is_amend_argv_never_raises(argv, aliases):
    assert amend.is_amend_argv(["git", *argv], aliases) in (True, False)


def test_hook_runner_walks_up_to_the_nearest_git():
    procs = {
        "/proc/%d/stat": b"%d (python (x) y) S 300 1",
        "/proc/300/cmdline": b"sh\0.git/hooks/commit-msg\0",
        "/proc/300/stat": b"300 (sh) S 200 1",
        "/proc/200/cmdline": b"git\0commit\0--amend\0",
    }
    import os

    pid = os.getpid()
    table = {
        k.replace("%d", str(pid)): v.replace(b"%d", str(pid).encode()) for k, v in procs.items()
    }
    assert amend.hook_runner(table.get) == ["git", "commit", "--amend"]
    assert amend.hook_runner(lambda path: None) is None  # no /proc
    table[f"/proc/{pid}/stat"] = b"1 (init) S 1 1"
    assert amend.hook_runner(table.get) is None
    table[f"/proc/{pid}/stat"] = b"garbage"
    assert amend.hook_runner(table.get) is None


def test_hook_runner_outside_git_is_none():
    assert amend.hook_runner() is None  # pytest was not started by git


# --- real amends through a real commit-msg hook --------------------------------------------


def _install_hooks(repo) -> None:
    hooks = repo.path / ".git" / "hooks"
    for stage, args in (
        ("commit-msg", '--staged --message-file "$1"'),
        ("pre-commit", "--staged --select AL205,AL3,AL4"),
    ):
        script = hooks / stage
        script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m agentlint check {args}\n')
        script.chmod(0o755)


def _git(repo, *args: str, agent: bool = True) -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, **({"CLAUDECODE": "1"} if agent else {})}
    return subprocess.run(  # git sends its hooks' output to stderr: read both
        ["git", *args],
        cwd=repo.path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )


def _record(*changed: str) -> str:
    record = records.base()
    record["files"]["changed"] = list(changed)
    return records.text(record)


@pytest.fixture
def agent_commit(seeded):
    """An agent commit that carries its record, and agentlint's hooks installed after it."""
    seeded.commit(
        AGENT_MSG,
        files={
            "src/report/totals.py": "TOTAL = 1\n",
            records.RECORD_PATH: _record("src/report/totals.py"),
        },
    )
    _install_hooks(seeded)
    return seeded


@pytest.mark.parametrize(
    "how", [["--amend", "--no-edit"], ["--amend", "-m", AGENT_MSG], ["-q", "--amen", "--no-edit"]]
)
def test_amending_an_agent_commit_that_carries_its_record_passes(agent_commit, how):
    agent_commit.write("src/report/totals.py", "TOTAL = 2\n")
    agent_commit.git("add", "-A")
    result = _git(agent_commit, "commit", *how)
    assert result.returncode == 0, result.stdout
    assert "AL101" not in result.stdout
    # the amend replaced the commit: one commit on top of the seed, with the new content
    assert agent_commit.git("rev-list", "--count", "HEAD").strip() == "2"


def test_an_aliased_amend_is_an_amend(agent_commit):
    agent_commit.git("config", "alias.fix", "commit --amend --no-edit")
    agent_commit.write("src/report/totals.py", "TOTAL = 3\n")
    agent_commit.git("add", "-A")
    result = _git(agent_commit, "fix")
    assert result.returncode == 0, result.stdout


def test_a_new_commit_on_top_still_needs_its_record_updated(agent_commit):
    agent_commit.write("src/report/totals.py", "TOTAL = 2\n")
    agent_commit.git("add", "-A")
    result = _git(agent_commit, "commit", "-m", AGENT_MSG)
    assert result.returncode == 1, result.stdout
    assert "AL101" in result.stdout
    assert agent_commit.git("rev-list", "--count", "HEAD").strip() == "2"  # refused


def test_an_amend_cannot_slip_in_a_file_its_record_does_not_list(agent_commit):
    agent_commit.write("src/report/other.py", "X = 1\n")
    agent_commit.git("add", "-A")
    result = _git(agent_commit, "commit", "--amend", "--no-edit")
    assert result.returncode == 1, result.stdout
    assert "src/report/other.py" in result.stdout and "AL103" in result.stdout


def test_an_amend_cannot_slip_in_a_blocked_path(agent_commit):
    agent_commit.write(".env", "KEY=1\n")
    agent_commit.git("add", "-A")
    result = _git(agent_commit, "commit", "--amend", "--no-edit")
    assert result.returncode == 1 and ".env: AL205" in result.stdout, result.stdout


def test_an_amend_is_judged_by_the_policy_before_the_amended_commit(seeded):
    """The agent loosens the policy in one commit, then amends a secret into it: the
    policy at HEAD (its own) must not judge the amend."""
    seeded.commit(
        AGENT_MSG, files={".agentlint.yaml": "categories:\n  secrets:\n    posture: allow\n"}
    )
    _install_hooks(seeded)
    seeded.write(".env", "KEY=1\n")
    seeded.git("add", "-A")
    result = _git(seeded, "commit", "--amend", "--no-edit")
    assert result.returncode == 1, result.stdout
    assert ".env: AL205" in result.stdout


def test_an_amend_does_not_charge_the_commits_before_it(seeded):
    seeded.commit(AGENT_MSG, files={".github/workflows/ci.yml": "on: push\n"})
    seeded.commit(
        AGENT_MSG,
        files={"src/report/totals.py": "A\n", records.RECORD_PATH: _record("src/report/totals.py")},
    )
    _install_hooks(seeded)
    seeded.write("src/report/totals.py", "B\n")
    seeded.git("add", "-A")
    result = _git(seeded, "commit", "--amend", "--no-edit")
    assert result.returncode == 0, result.stdout
    assert "ci.yml" not in result.stdout  # HEAD^'s workflow change was judged when it was made


def test_a_person_amending_the_agents_commit_keeps_it_agent_work(agent_commit):
    """The author stays the agent's commit's (git sets GIT_AUTHOR_* for the hooks), and the
    message keeps its trailer: a forged approval added by the amend does not count."""
    agent_commit.write(".github/workflows/ci.yml", "on: push\n")
    agent_commit.git("add", "-A")
    message = f"{AGENT_MSG}\nApproved-by: Alice <alice@example.com>"
    result = _git(agent_commit, "commit", "--amend", "-m", message, agent=False)
    assert result.returncode == 1, result.stdout
    assert "AL202" in result.stdout and "agent work" in result.stdout


def test_amending_a_root_commit(repo):
    repo.commit(
        AGENT_MSG,
        files={"src/report/totals.py": "A\n", records.RECORD_PATH: _record("src/report/totals.py")},
    )
    _install_hooks(repo)
    repo.write("src/report/totals.py", "B\n")
    repo.git("add", "-A")
    result = _git(repo, "commit", "--amend", "--no-edit")
    assert result.returncode == 0, result.stdout
    repo.write(".env", "K=1\n")
    repo.git("add", "-A")
    result = _git(repo, "commit", "--amend", "--no-edit")
    assert result.returncode == 1 and ".env: AL205" in result.stdout


def test_amending_a_merge_judges_only_its_resolutions(seeded):
    seeded.git("checkout", "-q", "-b", "side")
    seeded.commit("main's CI", files={".github/workflows/ci.yml": "on: push\n"})
    seeded.git("checkout", "-q", "main")
    seeded.commit(
        AGENT_MSG,
        files={"src/report/totals.py": "A\n", records.RECORD_PATH: _record("src/report/totals.py")},
    )
    seeded.git("merge", "-q", "--no-ff", "-m", f"merge\n\n{CLAUDE_TRAILER}", "side")
    _install_hooks(seeded)
    result = _git(seeded, "commit", "--amend", "--no-edit")
    assert result.returncode == 0, result.stdout
    assert "ci.yml" not in result.stdout  # the side branch's change is not the merge's own


def test_without_proc_the_runner_comes_from_one_ps_listing():
    import os

    pid = os.getpid()
    listing = (
        f"    1     0 /sbin/launchd\n  200     1 git commit --amend -m fix typo\n"
        f"  300   200 /bin/sh .git/hooks/commit-msg .git/COMMIT_EDITMSG\n"
        f"{pid:>5}   300 python -m agentlint check --staged\n"
    ).encode()
    no_proc = lambda path: None  # noqa: E731 (macOS, the BSDs)
    runner = amend.hook_runner(no_proc, lambda: listing)
    assert runner == ["git", "commit", "--amend", "-m", "fix", "typo"]
    assert amend.is_amend_argv(runner)
    plain = listing.replace(b"git commit --amend -m fix typo", b"git commit -m fix typo")
    assert not amend.is_amend_argv(amend.hook_runner(no_proc, lambda: plain) or [])
    assert amend.hook_runner(no_proc, lambda: None) is None  # ps failed: nothing known
    assert amend.hook_runner(no_proc, lambda: b"garbage\n") is None
    by_hand = f"  300     1 -zsh\n{pid:>5}   300 agentlint check\n".encode()
    assert amend.hook_runner(no_proc, lambda: by_hand) is None


def test_the_real_ps_lists_this_process_and_its_parent():
    import os
    import shutil

    if shutil.which("ps") is None:
        pytest.skip("no ps here")
    listing = amend._ps()
    assert listing is not None
    rows = {line.split(None, 2)[0]: line for line in listing.decode().splitlines() if line.strip()}
    assert str(os.getpid()) in rows and str(os.getppid()) in rows
    assert amend._from_ps(os.getpid(), listing) is None  # pytest was not started by git
