"""The whole loop in a real repository: guard → evidence log → `record draft` → commit →
`check`, and the record compared with the log (AL103, AL106)."""

from __future__ import annotations

import re
from itertools import count

import pytest

from tests.conftest import Repo
from tests.guard.conftest import SESSION, event

AGENT_ENV = {"CLAUDECODE": "1", "CLAUDE_CODE_SESSION_ID": SESSION}
_answers = count(1)


def _fill(text: str) -> str:
    return re.sub(
        r"'?<FILL IN: [^>]*>'?",
        lambda _: (
            f"'Step {next(_answers)}: revert commit abc123 with git revert, then rerun pytest -q'"
        ),
        text,
    )


def _session(repo: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    """An agent's session: read, edit, a failing and then a passing test run."""
    app = str(repo.path / "src" / "app.py")
    calls = [
        event(repo, "Read", {"file_path": app}),
        event(repo, "Edit", {"file_path": app, "old_string": "1", "new_string": "2"}),
        event(repo, "Bash", {"command": "pytest -q"}),
    ]
    for call in calls:
        assert hook(call).code == 0 and hook(call).out == ""
    hook(event(repo, "Read", {"file_path": app}, "PostToolUse", tool_response={}))
    repo.write("src/app.py", "print(2)\n")  # what the Edit did
    hook(event(repo, "Edit", {"file_path": app}, "PostToolUse", tool_response={}))
    hook(event(repo, "Bash", {"command": "pytest -q"}, "PostToolUseFailure", error="Exit code 1"))
    hook(
        event(repo, "Bash", {"command": "pytest -q"}, "PostToolUse", tool_response={"stdout": "ok"})
    )
    repo.git("add", "src/app.py")


def _agent_wrote(repo: Repo, hook, path: str, content: str) -> None:  # type: ignore[no-untyped-def]
    repo.write(path, content)
    payload = event(repo, "Write", {"file_path": str(repo.path / path)}, "PostToolUse")
    hook({**payload, "tool_response": {}})


def _draft(repo: Repo, run) -> str:  # type: ignore[no-untyped-def]
    result = run("record", "draft")
    assert result.code == 0, result
    [path] = result.lines
    return path


@pytest.fixture
def agent(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in AGENT_ENV.items():
        monkeypatch.setenv(key, value)


def test_guard_log_draft_commit_check(seeded: Repo, hook, run, agent) -> None:  # type: ignore[no-untyped-def]
    _session(seeded, hook)
    path = _draft(seeded, run)
    text = (seeded.path / path).read_text()
    assert "run: pytest -q\n    exit_status: 1\n    kind: test" in text
    assert "run: pytest -q\n    exit_status: 0\n    kind: test" in text
    assert "a later run of the same command succeeded" in text
    assert "read:\n    - src/app.py" in text and "changed:\n    - src/app.py" in text
    assert "tools_used:\n  - Read\n  - Edit\n  - Bash" in text
    assert run("validate-record", path).code == 1  # the agent's part is still to write
    (seeded.path / path).write_text(_fill(text))
    assert run("validate-record", path).code == 0
    seeded.git("add", path)
    msg = seeded.path / "MSG"
    msg.write_text("Make the app print 2\n")
    result = run("check", "--staged", "--message-file", str(msg))
    assert result.code == 0, result
    seeded.git(
        "commit",
        "-q",
        "-F",
        str(msg),
        env={"GIT_AUTHOR_NAME": "Claude", "GIT_AUTHOR_EMAIL": "noreply@anthropic.com"},
    )
    assert run("check", "--commit", "HEAD").code == 0


def test_a_passing_test_the_log_never_saw_is_al106(seeded: Repo, hook, run, agent) -> None:  # type: ignore[no-untyped-def]
    _session(seeded, hook)
    path = _draft(seeded, run)
    text = _fill((seeded.path / path).read_text())
    text = text.replace(
        "run: pytest -q\n    exit_status: 0", "run: pytest -q tests/\n    exit_status: 0"
    )
    (seeded.path / path).write_text(text)
    seeded.git("add", path)
    result = run("check", "--staged", "--select", "AL103,AL106")
    assert result.code == 1
    assert result.codes() == ["AL106"]
    assert (
        "`pytest -q tests/` passed, but the session's evidence log never saw it run" in result.out
    )


def test_a_claimed_pass_whose_last_run_failed_is_al106(seeded: Repo, hook, run, agent) -> None:  # type: ignore[no-untyped-def]
    _session(seeded, hook)
    hook(event(seeded, "Bash", {"command": "pytest -q"}, "PostToolUseFailure", error="Exit code 2"))
    path = _draft(seeded, run)
    text = _fill((seeded.path / path).read_text())
    text = text.replace("run: pytest -q\n    exit_status: 2", "run: pytest -q\n    exit_status: 0")
    (seeded.path / path).write_text(text)
    seeded.git("add", path)
    result = run("check", "--staged", "--select", "AL106")
    assert result.codes() == ["AL106"]
    assert "last run in the session's evidence log exited 2" in result.out


def test_an_edit_left_out_of_commit_and_record_is_al103(seeded: Repo, hook, run, agent) -> None:  # type: ignore[no-untyped-def]
    _session(seeded, hook)
    _agent_wrote(seeded, hook, "README.md", "changed by the agent\n")
    path = _draft(seeded, run)
    (seeded.path / path).write_text(_fill((seeded.path / path).read_text()))
    seeded.git("add", path)
    result = run("check", "--staged", "--select", "AL103,AL106")
    assert result.codes() == ["AL103"]
    assert result.lines[0].startswith("README.md: AL103")
    seeded.git("checkout", "--", "README.md")  # undone: nothing left out
    assert run("check", "--staged", "--select", "AL103,AL106").code == 0


def test_edits_before_the_sessions_last_commit_do_not_count(seeded: Repo, hook, run, agent) -> None:  # type: ignore[no-untyped-def]
    _agent_wrote(seeded, hook, "README.md", "edited, then committed separately\n")
    hook(
        event(
            seeded,
            "Bash",
            {"command": "git add README.md && git commit -m docs"},
            "PostToolUse",
            tool_response={},
        )
    )
    seeded.write("README.md", "then changed by a human after the commit\n")
    _session(seeded, hook)
    path = _draft(seeded, run)
    (seeded.path / path).write_text(_fill((seeded.path / path).read_text()))
    seeded.git("add", path)
    assert run("check", "--staged", "--select", "AL103,AL106").code == 0


def test_without_a_session_the_log_is_not_consulted(
    seeded: Repo, hook, run, agent, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    _session(seeded, hook)
    path = _draft(seeded, run)
    text = _fill((seeded.path / path).read_text()).replace(
        "run: pytest -q\n    exit_status: 0", "run: tox\n    exit_status: 0"
    )
    (seeded.path / path).write_text(text)
    seeded.git("add", path)
    assert run("check", "--staged", "--select", "AL106").code == 1
    monkeypatch.setenv("CLAUDE_CODE_SESSION_ID", "another-session")  # no log for it
    assert run("check", "--staged", "--select", "AL106").code == 0
    monkeypatch.delenv("CLAUDE_CODE_SESSION_ID")
    assert run("check", "--staged", "--select", "AL106").code == 0


def test_record_draft_errors(seeded: Repo, run, hook) -> None:  # type: ignore[no-untyped-def]
    result = run("record", "draft")
    assert (
        result.code == 2
        and "no evidence log" in result.err
        and "agentlint setup claude" in result.err
    )
    result = run("record", "draft", "--session", "../etc")
    assert result.code == 2 and "not a session id" in result.err
    result = run("record", "draft", "--session", "missing")
    assert result.code == 2 and "no evidence log for session missing" in result.err
    _session(seeded, hook)
    path = _draft(seeded, run)
    (seeded.path / path).write_text("task: [unclosed\n")
    result = run("record", "draft", "--session", SESSION)
    assert result.code == 2 and f"cannot merge into {path}" in result.err
    assert "--force" in result.err
    assert (seeded.path / path).read_text() == "task: [unclosed\n"  # nothing lost
    (seeded.path / path).write_text("- a list\n")
    result = run("record", "draft", "--session", SESSION)
    assert result.code == 2 and "it is not a review record" in result.err
    assert run("record", "draft", "--session", SESSION, "--force").lines == [path]


def _commit_as_agent(repo: Repo, path: str) -> None:
    repo.git("add", path)
    repo.git(
        "commit",
        "-q",
        "-m",
        "agent work",
        env={"GIT_AUTHOR_NAME": "Claude", "GIT_AUTHOR_EMAIL": "noreply@anthropic.com"},
    )


def _second_session(repo: Repo, hook, monkeypatch, command: str, status: int) -> None:  # type: ignore[no-untyped-def]
    """Another session on the same branch: it edits, and runs `command`."""
    second = "0a1b2c3d-4e5f-4a6b-8c7d-9e8f7a6b5c4d"
    monkeypatch.setenv("CLAUDE_CODE_SESSION_ID", second)
    app = str(repo.path / "src" / "app.py")
    repo.write("src/app.py", "print(3)\n")
    hook({**event(repo, "Edit", {"file_path": app}, "PostToolUse"), "session_id": second})
    kind = "PostToolUse" if status == 0 else "PostToolUseFailure"
    extra = {"tool_response": {}} if status == 0 else {"error": f"Exit code {status}"}
    ran = event(repo, "Bash", {"command": command}, kind, **extra)
    hook({**ran, "session_id": second})
    repo.git("add", "src/app.py")


def test_a_branch_record_grows_across_sessions(seeded: Repo, hook, run, agent, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _session(seeded, hook)
    path = _draft(seeded, run)
    first = _fill((seeded.path / path).read_text())
    first = first.replace(
        "commands:\n",
        "commands:\n  - run: API_KEY=*** make lint\n    exit_status: 0\n    kind: lint\n",
        1,
    )
    (seeded.path / path).write_text(first)
    _commit_as_agent(seeded, path)

    _second_session(seeded, hook, monkeypatch, "pytest -q tests/test_app.py", 0)
    result = run("record", "draft")
    assert result.code == 0 and result.lines == [path]
    assert "merged session 0a1b2c3d" in result.err
    assert "1 commands" in result.err and "already exists" not in result.err
    merged = (seeded.path / path).read_text()
    assert merged.startswith(first[: first.index("commands:")])  # the agent's words stay
    assert "run: API_KEY=*** make lint" in merged and "run: pytest -q\n" in merged
    assert merged.index("make lint") < merged.index("pytest -q tests/test_app.py")
    again = run("record", "draft")  # drafting twice in a session adds nothing twice
    assert again.code == 0 and "nothing new" in again.err
    assert (seeded.path / path).read_text() == merged
    seeded.git("add", path)
    # the first session's runs (the redacted one too) are not in this session's log
    assert run("check", "--staged", "--select", "AL103,AL106").code == 0, run("check", "--staged")


def test_an_earlier_claim_this_session_saw_fail_is_al106(
    seeded: Repo, hook, run, agent, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    _session(seeded, hook)
    path = _draft(seeded, run)
    (seeded.path / path).write_text(_fill((seeded.path / path).read_text()))
    _commit_as_agent(seeded, path)
    _second_session(seeded, hook, monkeypatch, "pytest -q", 1)  # now it fails
    assert run("record", "draft").code == 0
    merged = (seeded.path / path).read_text()
    assert "exited 1" in merged  # this session's failed attempt, for the agent to explain
    (seeded.path / path).write_text(_fill(merged))
    seeded.git("add", path)
    result = run("check", "--staged", "--select", "AL106")
    assert result.code == 1
    assert "the record says `pytest -q` passed, but its last run" in result.out


def test_record_draft_picks_the_newest_log(seeded: Repo, hook, run) -> None:  # type: ignore[no-untyped-def]
    old = event(seeded, "Bash", {"command": "make old"}, "PostToolUse", tool_response={})
    old["session_id"] = "older-session"
    hook(old)
    _session(seeded, hook)
    runs = seeded.path / ".agentlint" / "runs"
    import os

    os.utime(runs / "older-session.jsonl", (1, 1))
    result = run("record", "draft")
    assert f"session {SESSION}" in result.err
    assert "make old" not in (seeded.path / result.lines[0]).read_text()
