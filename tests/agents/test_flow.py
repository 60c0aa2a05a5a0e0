"""For each agent, the whole loop in a real repository: its guard and evidence log through
`agentlint hook AGENT`, `record draft` from that agent's log, the commit, and `check`;
the record compared with the log at commit time (AL106), keyed by the agent's own session
id where it exports one (Codex, Gemini CLI) and by its newest log where it does not
(Cursor, Copilot)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.agents.conftest import SESSIONS, codex, copilot, cursor, gemini
from tests.conftest import Repo
from tests.guard.test_flow import _fill

Calls = Callable[[Repo], list[dict[str, Any]]]


def _copilot(repo: Repo) -> list[dict[str, Any]]:
    app = str(repo.path / "src" / "app.py")
    return [
        copilot(repo, "view", {"path": app}),
        copilot(repo, "edit", {"path": app, "old_str": "1", "new_str": "2"}),
        copilot(repo, "bash", {"command": "pytest -q"}),
        copilot(repo, "view", {"path": app}, "post"),
        copilot(repo, "edit", {"path": app}, "post"),
        copilot(repo, "bash", {"command": "pytest -q"}, "fail", text="<exited with exit code 1>"),
        copilot(repo, "bash", {"command": "pytest -q"}, "post", text="<exited with exit code 0>"),
    ]


def _cursor(repo: Repo) -> list[dict[str, Any]]:
    app = str(repo.path / "src" / "app.py")
    return [
        cursor(repo, "beforeReadFile", file_path=app, content="print(1)\n"),
        cursor(repo, "preToolUse", tool_name="StrReplace", tool_input={"path": app}),
        cursor(repo, "beforeShellExecution", command="pytest -q", cwd=str(repo.path)),
        cursor(repo, "postToolUse", tool_name="Read", tool_input={"path": app}),
        cursor(repo, "afterFileEdit", file_path=app, edits=[]),
        cursor(repo, "afterShellExecution", command="pytest -q", output="ok", exit_code=1),
        cursor(repo, "afterShellExecution", command="pytest -q", output="ok", exit_code=0),
    ]


def _codex(repo: Repo) -> list[dict[str, Any]]:
    patch = (
        "*** Begin Patch\n*** Update File: src/app.py\n@@\n-print(1)\n+print(2)\n*** End Patch\n"
    )
    return [
        codex(repo, "Bash", {"command": "cat src/app.py"}),
        codex(repo, "apply_patch", {"command": patch}),
        codex(repo, "Bash", {"command": "pytest -q"}),
        codex(repo, "apply_patch", {"command": patch}, "PostToolUse", tool_response="Done"),
        codex(repo, "Bash", {"command": "pytest -q"}, "PostToolUse", tool_response="Exit code: 1"),
        codex(repo, "Bash", {"command": "pytest -q"}, "PostToolUse", tool_response="Exit code: 0"),
    ]


def _gemini(repo: Repo) -> list[dict[str, Any]]:
    app = str(repo.path / "src" / "app.py")
    ran = {"command": "pytest -q"}
    return [
        gemini(repo, "read_file", {"absolute_path": app}),
        gemini(repo, "replace", {"file_path": app, "old_string": "1", "new_string": "2"}),
        gemini(repo, "run_shell_command", ran),
        gemini(repo, "read_file", {"absolute_path": app}, "AfterTool", tool_response={}),
        gemini(repo, "replace", {"file_path": app}, "AfterTool", tool_response={}),
        gemini(
            repo,
            "run_shell_command",
            ran,
            "AfterTool",
            tool_response={"llmContent": "Exit Code: 1"},
        ),
        gemini(
            repo,
            "run_shell_command",
            ran,
            "AfterTool",
            tool_response={"llmContent": "Exit Code: 0"},
        ),
    ]


AGENTS: dict[str, tuple[Calls, dict[str, str], str]] = {
    # the calls, the environment the agent gives the commands it runs, the commit's author
    "copilot": (
        _copilot,
        {"COPILOT_AGENT_PROMPT": "fix it"},
        "198982749+Copilot@users.noreply.github.com",
    ),
    "cursor": (_cursor, {"CURSOR_AGENT": "1"}, "cursoragent@cursor.com"),
    "codex": (_codex, {"CODEX_THREAD_ID": SESSIONS["codex"]}, "noreply@openai.com"),
    "gemini": (
        _gemini,
        {"GEMINI_CLI": "1", "GEMINI_SESSION_ID": SESSIONS["gemini"]},
        "gemini-cli[bot]@users.noreply.github.com",
    ),
}


def _session(agent: str, repo: Repo, hook, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    calls, env, email = AGENTS[agent]
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("GIT_AUTHOR_NAME", agent)
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", email)
    for payload in calls(repo):
        result = hook(agent, payload)
        assert result.code == 0 and result.out == "", (payload, result)
    repo.write("src/app.py", "print(2)\n")  # what the edit did
    repo.git("add", "src/app.py")


@pytest.mark.parametrize("agent", sorted(AGENTS))
def test_guard_log_draft_commit_check(agent: str, seeded: Repo, hook, run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _session(agent, seeded, hook, monkeypatch)
    result = run("record", "draft")
    assert result.code == 0, result
    [path] = result.lines
    text = (seeded.path / path).read_text()
    assert f"name: {agent}" in text
    assert "run: pytest -q\n    exit_status: 1\n    kind: test" in text
    assert "run: pytest -q\n    exit_status: 0\n    kind: test" in text
    assert "changed:\n    - src/app.py" in text
    if agent != "codex":  # Codex reads through its shell: no read is logged as such
        assert "read:\n    - src/app.py" in text
    (seeded.path / path).write_text(_fill(text))
    assert run("validate-record", path).code == 0
    seeded.git("add", path)
    msg = seeded.path / "MSG"
    msg.write_text(f"Make the app print 2\n\nAgent-Record: {path}\n")
    result = run("check", "--staged", "--message-file", str(msg))
    assert result.code == 0, result
    assert '"agent_commits": 1' in run("check", "--staged", "--format", "json").out
    seeded.git("commit", "-q", "-F", str(msg))
    assert run("check", "--commit", "HEAD").code == 0


@pytest.mark.parametrize("agent", sorted(AGENTS))
def test_a_claimed_pass_the_log_contradicts_is_al106(
    agent: str, seeded: Repo, hook, run, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    _session(agent, seeded, hook, monkeypatch)
    [path] = run("record", "draft").lines
    text = _fill((seeded.path / path).read_text())
    text = text.replace(
        "run: pytest -q\n    exit_status: 0", "run: pytest -q tests/\n    exit_status: 0"
    )
    (seeded.path / path).write_text(text)
    seeded.git("add", path)
    result = run("check", "--staged", "--select", "AL106")
    assert result.codes() == ["AL106"], result
    assert (
        "`pytest -q tests/` passed, but the session's evidence log never saw it run" in result.out
    )
    assert f".agentlint/runs/{_log_name(agent)}.jsonl" in result.out


def _log_name(agent: str) -> str:
    return SESSIONS[agent]


def test_the_newest_log_of_the_running_agent_is_taken(seeded: Repo, hook, run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Cursor exports no session id: its newest log is the session's, not another agent's."""
    _session("cursor", seeded, hook, monkeypatch)
    for payload in _codex(seeded)[3:]:  # a later Codex session in the same repository
        hook("codex", payload)
    monkeypatch.delenv("CODEX_THREAD_ID", raising=False)
    result = run("record", "draft")
    assert result.code == 0 and f"session {SESSIONS['cursor']}" in result.err
