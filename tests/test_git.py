"""Cost grows with the change, not the history: a fixed number of git calls per mode."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agentlint import git
from tests.conftest import CLAUDE_TRAILER


def _git_calls(run, monkeypatch, tmp_path, *argv: str) -> int:
    trace = tmp_path / "trace"
    trace.unlink(missing_ok=True)
    monkeypatch.setenv("GIT_TRACE", str(trace))
    run(*argv)
    monkeypatch.delenv("GIT_TRACE")
    return sum(" trace: built-in: git " in line for line in trace.read_text().splitlines())


@pytest.mark.parametrize("agent", [False, True])
def test_range_git_calls_do_not_depend_on_commit_count(seeded, run, monkeypatch, tmp_path, agent):
    trailer = f"\n\n{CLAUDE_TRAILER}" if agent else ""
    base = seeded.git("rev-parse", "HEAD").strip()
    counts = []
    for total in (3, 40):
        for n in range(total):
            seeded.commit(f"c{n}{trailer}", files={f"src/m{n}.py": f"{total}\n"})
        counts.append(_git_calls(run, monkeypatch, tmp_path, "check", "--range", f"{base}..HEAD"))
    assert counts[0] == counts[1] <= 7


def test_staged_human_change_uses_three_git_calls(seeded, run, monkeypatch, tmp_path):
    for n in range(10):
        seeded.add(f"src/new{n}.py")
    assert _git_calls(run, monkeypatch, tmp_path, "check", "--staged") == 3


def test_agent_commit_with_record_uses_four_git_calls(seeded, run, monkeypatch, tmp_path):
    """diff, var and cat-file together; interpret-trailers for the message; the same
    cat-file, asked again, for both .gitattributes files, the record and the test file."""
    from tests import records

    seeded.write("src/report/totals.py", "T = 1\n")
    seeded.write("tests/report/test_totals.py", "assert 1\n")
    seeded.add(records.RECORD_PATH, content=records.VALID_YAML)
    message = tmp_path / "msg"
    message.write_text(f"Fix totals\n\n{CLAUDE_TRAILER}\n")
    argv = ("check", "--staged", "--message-file", str(message))
    assert run(*argv).code == 0
    assert _git_calls(run, monkeypatch, tmp_path, *argv) == 4


@pytest.mark.parametrize(
    ("listing", "expected"),
    [
        ("", False),
        ("core.bare=false\ncore.ignorecase=true\nuser.name=x", True),
        ("core.ignorecase=Yes", True),
        ("core.ignorecase=on", True),
        ("core.ignorecase=1", True),
        ("core.ignorecase", True),  # a key with no value is true
        ("core.ignorecase=false", False),
        ("core.ignorecase=true\ncore.ignorecase=false", False),  # the last one wins
        ("core.ignoreCase=true", True),
        ("GIT_AUTHOR_IDENT=core.ignorecase=true <x> 1 +0000", False),
    ],
)
def test_ignorecase_from_var_listing(listing: str, expected: bool) -> None:
    assert git.ignorecase_in(listing) is expected


def test_ignorecase_asks_the_repository(seeded) -> None:  # type: ignore[no-untyped-def]
    assert git.ignorecase() is False
    seeded.git("config", "core.ignorecase", "on")
    assert git.ignorecase() is True


def test_gitattributes_marks_cost_one_check_attr_call(seeded, run, monkeypatch, tmp_path):
    """git is asked about attributes only when a .gitattributes names one a category uses;
    the index answers when it holds the same .gitattributes as the tree."""
    seeded.commit("marks", files={".gitattributes": "*.png binary\n"})
    seeded.add("src/gen/a.py", "src/b.py")
    monkeypatch.setenv("CLAUDECODE", "1")
    plain = _git_calls(run, monkeypatch, tmp_path, "check", "--staged")
    seeded.git("reset", "-q")
    seeded.commit(
        "marks", files={".gitattributes": "[attr]gen linguist-generated\nsrc/gen/* gen\n"}
    )
    seeded.add("src/gen/a.py", "src/b.py", content="y\n")
    assert _git_calls(run, monkeypatch, tmp_path, "check", "--staged") == plain + 1
    # the change edits .gitattributes: the side before it needs a temporary index
    seeded.add(".gitattributes", content="")
    assert _git_calls(run, monkeypatch, tmp_path, "check", "--staged") == plain + 3


# --- the cat-file session: one process, asked in rounds -----------------------------------


def _one_shot(names):  # type: ignore[no-untyped-def]
    return git.parse_batch(git.cat_file_batch(names).result(), names)


def test_a_session_answers_each_round_as_a_cat_file_of_its_own(seeded, monkeypatch):
    monkeypatch.chdir(seeded.path)
    seeded.add("src/big.py", content="x = 1\n" * 60_000)  # larger than a pipe's buffer
    head = seeded.git("rev-parse", "HEAD").strip()
    rounds = [
        ["HEAD", "HEAD:.agentlint.yaml", "MERGE_HEAD"],
        [":src/big.py", "HEAD:nope", head, "a" * 40, "HEAD:src"],
        ["HEAD:src", ":src/big.py"],
    ]
    session = git.BatchSession()
    try:
        for names in rounds:
            assert session.ask(names) == _one_shot(names)
        # a name git reads only with -z is left to a cat-file of its own
        assert session.ask(["HEAD:a\nb"]) is None
        assert session.ask(["HEAD:a\r"]) is None
        assert session.ask(["HEAD"]) == _one_shot(["HEAD"])  # and the session goes on
    finally:
        session.close()
    session.close()  # twice is harmless
    assert session.ask(["HEAD"]) is None  # a closed session serves nothing


def test_a_session_outside_a_repository_fails_as_git_says(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    session = git.BatchSession()
    assert session.send(["HEAD"])
    with pytest.raises(git.GitError, match="not inside a git repository"):
        session.receive()
    session.close()


def test_a_session_whose_git_is_killed_fails_rather_than_waits(seeded, monkeypatch):
    import os
    import signal

    monkeypatch.chdir(seeded.path)
    session = git.BatchSession()
    assert session.ask(["HEAD"]) is not None
    assert session._child is not None
    os.kill(session._child.pid, signal.SIGKILL)
    with pytest.raises(git.GitError, match="failed"):
        session.ask(["HEAD"])
    session.close()


def test_a_session_without_git_says_git_is_missing(seeded, monkeypatch):
    monkeypatch.chdir(seeded.path)
    monkeypatch.setenv("PATH", str(seeded.path / "nowhere"))
    session = git.BatchSession()
    assert not session.send(["HEAD"])  # nothing started: the caller's one-shot call says why
    with pytest.raises(git.GitError, match="not found"):
        _one_shot(["HEAD"])


def test_a_reply_that_does_not_match_the_names_is_an_error(seeded, monkeypatch):
    monkeypatch.chdir(seeded.path)
    session = git.BatchSession()
    try:
        assert session.send([seeded.git("rev-parse", "HEAD").strip()])
        session._sent = ["b" * 40]  # as if git answered for another object
        with pytest.raises(git.AgentlintError, match="does not match what was asked"):
            session.receive()
    finally:
        session.close()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.lists(
            st.sampled_from(
                ["HEAD", "HEAD:.agentlint.yaml", ":src/a.py", "HEAD:src", "HEAD:gone", "b" * 40]
            ),
            min_size=1,
            max_size=6,
        ),
        min_size=1,
        max_size=4,
    )
)
def test_session_rounds_match_one_shot_calls(seeded, monkeypatch, rounds):
    monkeypatch.chdir(seeded.path)
    seeded.add("src/a.py", content="a = 1\n")
    session = git.BatchSession()
    try:
        for names in rounds:
            unique = list(dict.fromkeys(names))
            assert session.ask(unique) == _one_shot(unique)
    finally:
        session.close()


def test_output_beyond_the_replies_asked_for_is_an_error(seeded, monkeypatch):
    """As a one-shot call leaves no byte over, a session's last round leaves none: bytes
    git sends beyond its replies are reported when the session closes."""
    monkeypatch.chdir(seeded.path)
    session = git.BatchSession()
    assert session.ask(["HEAD"]) is not None
    session._out = b"stray"
    with pytest.raises(git.AgentlintError, match="does not match what was asked"):
        session.close()
    session = git.BatchSession()
    assert session.send(["HEAD"])
    session._sent = []  # as if the round were read: its replies are still on the pipe
    with pytest.raises(git.AgentlintError, match="does not match what was asked"):
        session.close()
    session = git.BatchSession()
    assert session.send(["HEAD"])
    session.close()  # a round left unread by an error elsewhere is not a second error


def test_an_ended_session_serves_no_more_rounds_and_closes_cleanly(seeded, monkeypatch):
    monkeypatch.chdir(seeded.path)
    session = git.BatchSession()
    assert session.ask(["HEAD"]) is not None
    session.end()  # git exits now, while the caller works on
    assert session.ask(["HEAD"]) is None  # the caller then starts a cat-file of its own
    session.close()
    pending = git.BatchSession()
    assert pending.send(["HEAD"])
    pending.end()  # a round is still to be read: its input stays open
    assert pending.receive()["HEAD"] is not None
    pending.close()


# --- the spawn wrapper, against a stand-in for git -----------------------------------------

FAKE_GIT = """#!{python}
import os, signal, sys
mode = sys.argv[1]
data = sys.stdin.buffer.read() if mode != "ignore-stdin" else b""
sys.stderr.buffer.write(b"\\xff not utf-8 \\xfe" * int(sys.argv[3]))
sys.stderr.buffer.flush()
sys.stdout.buffer.write(data * int(sys.argv[2]))
sys.stdout.buffer.flush()
if mode == "killed":
    os.kill(os.getpid(), signal.SIGKILL)
sys.exit(int(sys.argv[4]))
"""


@pytest.fixture
def fake_git(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    import os
    import sys

    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "git"
    script.write_text(FAKE_GIT.format(python=sys.executable))
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}:{os.environ['PATH']}")
    return script


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.sampled_from(["echo", "ignore-stdin", "killed"]),
    st.sampled_from([0, 1, 300_000]),  # stdin larger than a pipe holds, both ways
    st.integers(0, 3),
    st.sampled_from([0, 1, 50_000]),
    st.sampled_from([0, 1, 128]),
)
def test_the_spawn_wrapper_reads_and_writes_together_and_reports_how_git_ended(
    fake_git, mode, size, copies, noise, code
):
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    pending = git.start(mode, str(copies), str(noise), str(code), stdin=data)
    got, out, err = pending.wait()
    assert got == (-9 if mode == "killed" else code)
    assert out == (b"" if mode == "ignore-stdin" else data * copies)
    assert err == b"\xff not utf-8 \xfe" * noise
    if got != 0:
        with pytest.raises(git.GitError) as raised:
            pending.result()
        assert raised.value.returncode == got
        assert ("\ufffd" in raised.value.stderr) == bool(noise)  # undecodable bytes replaced
