"""Each agent's real-shaped payloads (current and older shapes, and malformed ones) through
the real `agentlint hook AGENT`: the exit code, stderr and the agent's own JSON decision.
A refusal is said twice: the JSON and exit 2 with the reason on stderr."""

from __future__ import annotations

import json

import pytest

from tests.agents.conftest import SESSIONS, codex, copilot, cursor, gemini, log_lines
from tests.conftest import Repo

PATCH = """*** Begin Patch
*** Update File: src/app.py
@@
-print(1)
+print(2)
*** Update File: src/util.py
*** Move to: .github/workflows/ci.yml
@@
-a
+b
*** End Patch
"""


def _raw(**fields: object) -> bytes:
    return json.dumps(fields).encode()


def _denied_twice(result, agent: str) -> str:  # type: ignore[no-untyped-def]
    """The reason, after checking both refusals agree."""
    assert result.code == 2, result
    out = json.loads(result.out)
    reason = {
        "copilot": lambda: out["permissionDecisionReason"],
        "cursor": lambda: out["agent_message"],
        "codex": lambda: out["hookSpecificOutput"]["permissionDecisionReason"],
        "gemini": lambda: out["reason"],
        "claude-code": lambda: out["hookSpecificOutput"]["permissionDecisionReason"],
    }[agent]()
    decision = {
        "copilot": lambda: out["permissionDecision"],
        "cursor": lambda: out["permission"],
        "codex": lambda: out["hookSpecificOutput"]["permissionDecision"],
        "gemini": lambda: out["decision"],
        "claude-code": lambda: out["hookSpecificOutput"]["permissionDecision"],
    }[agent]()
    assert decision == "deny"
    assert result.err.strip() == reason.strip() and reason
    return str(reason)


# --- GitHub Copilot ------------------------------------------------------------------


def test_copilot_edit_of_a_secret_is_denied_twice(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    result = hook("copilot", copilot(seeded, "edit", {"path": str(seeded.path / ".env")}))
    assert "`.env`" in _denied_twice(result, "copilot")
    assert json.loads(result.out)["hookSpecificOutput"]["permissionDecision"] == "deny"


def test_copilot_bash_no_verify_and_older_payload_without_session(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    payload = copilot(seeded, "bash", {"command": "git commit --no-verify -m x"})
    del payload["sessionId"]  # older versions send none
    assert "--no-verify" in _denied_twice(hook("copilot", payload), "copilot")
    assert (seeded.path / ".agentlint" / "runs" / "copilot.jsonl").exists()


def test_copilot_tool_args_as_an_object_and_a_plain_edit(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    payload = copilot(seeded, "create", {})
    payload["toolArgs"] = {"path": str(seeded.path / "src" / "new.py"), "file_text": "x = 1\n"}
    result = hook("copilot", payload)
    assert (result.code, result.out, result.err) == (0, "", "")


def test_copilot_approval_path_asks(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    result = hook(
        "copilot",
        copilot(
            seeded,
            "str_replace_editor",
            {"command": "str_replace", "path": ".github/workflows/ci.yml"},
        ),
    )
    assert result.code == 0 and json.loads(result.out)["permissionDecision"] == "ask"


def test_copilot_apply_patch_names_every_file(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    result = hook("copilot", copilot(seeded, "apply_patch", {"input": PATCH}))
    assert (
        result.code == 0
        and ".github/workflows/ci.yml" in json.loads(result.out)["permissionDecisionReason"]
    )


def test_copilot_vscode_shape_uses_claude_names_and_other_keys(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    payload = {
        "hook_event_name": "PreToolUse",
        "session_id": SESSIONS["copilot"],
        "timestamp": "2026-11-30T19:00:00Z",
        "cwd": str(seeded.path),
        "tool_name": "Read",
        "tool_input": {"path": str(seeded.path / ".env")},
    }
    assert "secrets" in _denied_twice(hook("copilot", payload), "copilot")
    payload["tool_input"] = {"path": "src/app.py"}
    assert hook("copilot", payload).code == 0


def test_copilot_after_calls_are_logged_with_exit_status(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    hook(
        "copilot",
        copilot(
            seeded,
            "bash",
            {"command": "pytest -q"},
            "fail",
            text="1 failed\n<exited with exit code 1>",
        ),
    )
    hook(
        "copilot",
        copilot(
            seeded, "bash", {"command": "pytest -q"}, "post", text="ok\n<exited with exit code 0>"
        ),
    )
    hook("copilot", copilot(seeded, "view", {"path": "src/app.py"}, "post"))
    denied = copilot(seeded, "bash", {"command": "ls"}, "post")
    denied["toolResult"]["resultType"] = "denied"
    assert hook("copilot", denied).code == 0
    lines = log_lines(seeded, "copilot")
    assert [
        (line["event"], line["tool"], line.get("exit_status"), line["agent"], line["kind"])
        for line in lines
    ] == [
        ("failure", "bash", 1, "copilot", "shell"),
        ("post", "bash", 0, "copilot", "shell"),
        ("post", "view", None, "copilot", "read"),
    ]


@pytest.mark.parametrize(
    ("payload", "said"),
    [
        (b"", "not JSON"),
        (b"[]", "not a JSON object"),
        (b'{"cwd": "/x", "toolArgs": "{}"}', "tool name"),
        (b'{"toolName": "bash", "toolArgs": "{not json"}', "not JSON"),
        (b'{"toolName": "bash", "toolArgs": "[1]"}', "not a JSON object"),
        (b'{"toolName": "bash", "toolArgs": "{}"}', "without a command"),
        (b'{"toolName": "edit", "toolArgs": "{\\"path\\": 3}"}', "not a file path"),
        (b'{"toolName": "edit", "toolArgs": "{}", "sessionId": "../../etc"}', "session id"),
    ],
)
def test_copilot_malformed_is_denied(seeded: Repo, hook, payload: bytes, said: str) -> None:  # type: ignore[no-untyped-def]
    reason = _denied_twice(hook("copilot", payload), "copilot")
    assert "cannot be read" in reason and said in reason


# --- Cursor --------------------------------------------------------------------------


def test_cursor_str_replace_on_a_secret_is_denied_as_a_secret(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    payload = cursor(
        seeded,
        "preToolUse",
        tool_name="StrReplace",
        tool_use_id="tu_1",
        tool_input={
            "path": str(seeded.path / "config" / ".env.production"),
            "old_string": "a",
            "new_string": "b",
        },
    )
    reason = _denied_twice(hook("cursor", payload), "cursor")
    assert "`secrets`" in reason and "allowlist" not in reason


def test_cursor_edits_of_ordinary_files_are_allowed_by_kind(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    for tool in ("StrReplace", "Write", "Delete", "Edit"):
        payload = cursor(
            seeded, "preToolUse", tool_name=tool, tool_input={"file_path": "src/app.py"}
        )
        result = hook("cursor", payload)
        assert (result.code, result.out) == (0, ""), (tool, result)


def test_cursor_delete_of_its_own_hooks_is_denied(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    payload = cursor(
        seeded, "preToolUse", tool_name="Delete", tool_input={"path": ".cursor/hooks.json"}
    )
    assert "`policy`" in _denied_twice(hook("cursor", payload), "cursor")


def test_cursor_shell_events(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    older = cursor(
        seeded, "beforeShellExecution", command="git commit --no-verify -m x", cwd=str(seeded.path)
    )
    assert "--no-verify" in _denied_twice(hook("cursor", older), "cursor")
    newer = cursor(seeded, "preToolUse", tool_name="Shell", tool_input={"command": "cat .env"})
    assert "secrets" in _denied_twice(hook("cursor", newer), "cursor")
    fine = cursor(seeded, "beforeShellExecution", command="ls -la", cwd=str(seeded.path))
    assert hook("cursor", fine).code == 0


def test_cursor_read_and_mcp_events(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    read = cursor(seeded, "beforeReadFile", file_path=str(seeded.path / ".env"), content="TOKEN=x")
    assert "secrets" in _denied_twice(hook("cursor", read), "cursor")
    mcp = cursor(
        seeded,
        "beforeMCPExecution",
        tool_name="query",
        tool_input='{"sql": "select 1"}',
        command="npx db-mcp",
    )
    assert "`MCP:query` is not in the policy's tool allowlist" in _denied_twice(
        hook("cursor", mcp), "cursor"
    )


def test_cursor_after_events_are_logged(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    hook(
        "cursor",
        cursor(
            seeded,
            "afterFileEdit",
            file_path=str(seeded.path / "src/app.py"),
            edits=[{"old_string": "1", "new_string": "2"}],
        ),
    )
    hook(
        "cursor",
        cursor(seeded, "afterShellExecution", command="pytest -q", output="ok", duration=120),
    )
    hook("cursor", cursor(seeded, "stop", status="completed", loop_count=0))
    lines = log_lines(seeded, "cursor")
    assert [
        (line["event"], line["tool"], line.get("paths"), line.get("exit_status")) for line in lines
    ] == [
        ("post", "Edit", ["src/app.py"], None),
        ("post", "Shell", None, None),  # Cursor reports no exit status
    ]


@pytest.mark.parametrize(
    ("payload", "said"),
    [
        (b"{", "not JSON"),
        (b'{"conversation_id": "c"}', "hook_event_name is missing"),
        (b'{"hook_event_name": "preToolUse", "conversation_id": "c"}', "tool name"),
        (
            b'{"hook_event_name": "beforeShellExecution", "conversation_id": "c"}',
            "command is missing",
        ),
        (
            b'{"hook_event_name": "beforeReadFile", "conversation_id": "c", "file_path": 7}',
            "file_path",
        ),
        (
            b'{"hook_event_name": "preToolUse", "tool_name": "Write", "tool_input": {}}',
            "without a file",
        ),
    ],
)
def test_cursor_malformed_is_denied(seeded: Repo, hook, payload: bytes, said: str) -> None:  # type: ignore[no-untyped-def]
    reason = _denied_twice(hook("cursor", payload), "cursor")
    assert said in reason


# --- Codex ---------------------------------------------------------------------------


def test_codex_apply_patch_onto_a_workflow_is_denied_not_asked(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    reason = _denied_twice(hook("codex", codex(seeded, "apply_patch", {"command": PATCH})), "codex")
    assert ".github/workflows/ci.yml" in reason and "Codex cannot ask" in reason


def test_codex_older_apply_patch_as_an_argv_list(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    payload = codex(
        seeded, "apply_patch", {"command": ["apply_patch", PATCH.replace("src/util.py", ".env")]}
    )
    assert "`.env`" in _denied_twice(hook("codex", payload), "codex")


def test_codex_bash_and_plain_patch(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    assert "--no-verify" in _denied_twice(
        hook("codex", codex(seeded, "Bash", {"command": "git push --no-verify"})), "codex"
    )
    ok = "*** Begin Patch\n*** Add File: src/new.py\n+x = 1\n*** End Patch\n"
    assert hook("codex", codex(seeded, "apply_patch", {"command": ok})).code == 0
    assert hook("codex", codex(seeded, "Bash", {"command": "pytest -q"})).code == 0


def test_codex_mcp_tool_outside_the_allowlist(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    reason = _denied_twice(
        hook("codex", codex(seeded, "mcp__github__create_issue", {"title": "x"})), "codex"
    )
    assert "allowlist" in reason


def test_codex_post_tool_use_logs_exit_status(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    hook(
        "codex",
        codex(
            seeded,
            "Bash",
            {"command": "pytest -q"},
            "PostToolUse",
            tool_response="Exit code: 1\nWall time: 2s\nOutput:\n1 failed",
        ),
    )
    hook(
        "codex",
        codex(
            seeded,
            "Bash",
            {"command": "pytest -q"},
            "PostToolUse",
            tool_response={"exit_code": 0, "output": "ok"},
        ),
    )
    hook(
        "codex",
        codex(seeded, "apply_patch", {"command": PATCH}, "PostToolUse", tool_response="Success"),
    )
    lines = log_lines(seeded, "codex")
    assert [(line["tool"], line.get("exit_status")) for line in lines] == [
        ("Bash", 1),
        ("Bash", 0),
        ("apply_patch", None),
    ]
    assert lines[2]["paths"] == ["src/app.py", "src/util.py", ".github/workflows/ci.yml"]


@pytest.mark.parametrize(
    ("payload", "said"),
    [
        (b"null", "not a JSON object"),
        (
            _raw(hook_event_name="PreToolUse", tool_name="Bash", tool_input={"command": "ls"}),
            "session id",
        ),
        (
            _raw(
                hook_event_name="PreToolUse",
                session_id="s",
                tool_name="apply_patch",
                tool_input={"command": "no patch"},
            ),
            "names no file",
        ),
        (
            _raw(
                hook_event_name="PreToolUse",
                session_id="s",
                tool_name="Bash",
                tool_input={"command": 5},
            ),
            "not a command line",
        ),
        (b'{"hook_event_name": 3, "session_id": "s"}', "hook_event_name"),
    ],
)
def test_codex_malformed_is_denied_with_a_reason(
    seeded: Repo, hook, payload: bytes, said: str
) -> None:  # type: ignore[no-untyped-def]
    reason = _denied_twice(hook("codex", payload), "codex")
    assert said in reason


# --- Gemini CLI ----------------------------------------------------------------------


def test_gemini_write_to_its_own_settings_is_denied(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    payload = gemini(
        seeded,
        "write_file",
        {
            "file_path": str(seeded.path / ".gemini" / "settings.json"),
            "content": '{"hooks": {"disabled": ["agentlint"]}}',
        },
    )
    assert "`policy`" in _denied_twice(hook("gemini", payload), "gemini")


def test_gemini_tools_by_kind(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    assert "secrets" in _denied_twice(
        hook("gemini", gemini(seeded, "read_file", {"absolute_path": str(seeded.path / ".env")})),
        "gemini",
    )
    assert "--no-verify" in _denied_twice(
        hook("gemini", gemini(seeded, "run_shell_command", {"command": "git commit -n -m x"})),
        "gemini",
    )
    asked = _denied_twice(
        hook(
            "gemini",
            gemini(
                seeded,
                "replace",
                {"file_path": "package.json", "old_string": "1", "new_string": "2"},
            ),
        ),
        "gemini",
    )
    assert "Gemini CLI cannot ask" in asked
    for tool, args in (
        ("replace", {"file_path": "src/app.py"}),
        ("read_many_files", {"paths": ["src/app.py"]}),
        ("list_directory", {"path": "src"}),
    ):
        assert hook("gemini", gemini(seeded, tool, args)).code == 0, tool
    assert "allowlist" in _denied_twice(
        hook("gemini", gemini(seeded, "save_memory", {"fact": "x"})), "gemini"
    )


def test_gemini_after_tool_logs_exit_status_and_failures(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    ran = {"command": "pytest -q"}
    hook(
        "gemini",
        gemini(
            seeded,
            "run_shell_command",
            ran,
            "AfterTool",
            tool_response={
                "llmContent": "Command: pytest -q\nOutput: 1 failed\nExit Code: 1",
                "returnDisplay": "",
            },
        ),
    )
    hook(
        "gemini",
        gemini(
            seeded,
            "run_shell_command",
            ran,
            "AfterTool",
            tool_response={
                "llmContent": "Output: ok\nError: (none)\nExit Code: 0",
                "returnDisplay": "",
            },
        ),
    )
    hook(
        "gemini",
        gemini(
            seeded,
            "write_file",
            {"file_path": "src/app.py"},
            "AfterTool",
            tool_response={"llmContent": "", "error": {"message": "permission denied"}},
        ),
    )
    assert hook("gemini", gemini(seeded, "x", {}, "SessionStart")).code == 0
    lines = log_lines(seeded, "gemini")
    assert [(line["event"], line.get("exit_status"), line.get("error")) for line in lines] == [
        ("post", 1, None),
        ("post", 0, None),
        ("failure", None, "permission denied"),
    ]


@pytest.mark.parametrize(
    ("payload", "said"),
    [
        (b"\xff", "not JSON"),
        (_raw(hook_event_name="BeforeTool", session_id="s"), "tool name"),
        (
            _raw(
                hook_event_name="BeforeTool", session_id="s", tool_name="write_file", tool_input=[]
            ),
            "not a JSON object",
        ),
        (
            _raw(
                hook_event_name="BeforeTool", session_id="s", tool_name="write_file", tool_input={}
            ),
            "without a file",
        ),
    ],
)
def test_gemini_malformed_is_denied(seeded: Repo, hook, payload: bytes, said: str) -> None:  # type: ignore[no-untyped-def]
    assert said in _denied_twice(hook("gemini", payload), "gemini")


def test_malformed_after_events_are_reported_not_logged(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    payload = gemini(seeded, "write_file", {}, "AfterTool", tool_response={})
    result = hook("gemini", payload)
    assert result.code == 2 and result.out == "" and "evidence log was not written" in result.err
    assert log_lines(seeded, "gemini") == []


# --- Claude Code's hook file, run by the other agents --------------------------------


@pytest.mark.parametrize(
    ("payload", "said"),
    [
        ("copilot", "--no-verify"),
        ("cursor", "`secrets`"),
        ("gemini", "`policy`"),
        ("codex", ".github/workflows/ci.yml"),
    ],
)
def test_claude_code_hook_reads_every_agents_payload(
    seeded: Repo, hook, payload: str, said: str
) -> None:  # type: ignore[no-untyped-def]
    payloads = {
        "copilot": copilot(seeded, "bash", {"command": "git commit --no-verify"}),
        "cursor": cursor(seeded, "preToolUse", tool_name="StrReplace", tool_input={"path": ".env"}),
        "gemini": gemini(seeded, "replace", {"file_path": ".gemini/settings.json"}),
        "codex": codex(seeded, "apply_patch", {"command": PATCH}),
    }
    result = hook("claude-code", payloads[payload])
    if payload == "codex":  # Claude Code asks for an approval path
        assert (
            result.code == 0
            and said in json.loads(result.out)["hookSpecificOutput"]["permissionDecisionReason"]
        )
        return
    assert said in _denied_twice(result, "claude-code")


def test_claude_code_hook_knows_other_agents_tools_by_kind(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    base = {"session_id": "s1", "hook_event_name": "PreToolUse", "cwd": str(seeded.path)}
    for tool, tool_input in (
        ("StrReplace", {"path": "src/app.py"}),
        ("Shell", {"command": "ls"}),
        ("write_file", {"file_path": "src/a.py"}),
        ("Delete", {"path": "src/app.py"}),
    ):
        result = hook("claude-code", {**base, "tool_name": tool, "tool_input": tool_input})
        assert (result.code, result.out) == (0, ""), tool
    result = hook(
        "claude-code", {**base, "tool_name": "Delete", "tool_input": {"path": "CLAUDE.md"}}
    )
    assert "`policy`" in _denied_twice(result, "claude-code")
    result = hook(
        "claude-code", {**base, "tool_name": "Read", "tool_input": {"path": ".env"}}
    )  # Copilot's key
    assert "secrets" in _denied_twice(result, "claude-code")


def test_deleting_a_folder_is_judged_by_what_it_holds(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    seeded.write(".github/hooks/agentlint.json", "{}\n")
    payload = cursor(seeded, "preToolUse", tool_name="Delete", tool_input={"path": ".github"})
    assert "`.github/hooks/agentlint.json`" in _denied_twice(hook("cursor", payload), "cursor")


def test_a_file_named_twice_is_judged_by_both_names(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    """The tool reads one field and agentlint cannot know which: both are judged."""
    both = {"file_path": "src/app.py", "path": str(seeded.path / ".env")}
    assert "`.env`" in _denied_twice(hook("copilot", copilot(seeded, "edit", both)), "copilot")
    cursor_call = cursor(seeded, "preToolUse", tool_name="Write", tool_input=both)
    assert "`.env`" in _denied_twice(hook("cursor", cursor_call), "cursor")
    claude = {
        "session_id": "s1",
        "hook_event_name": "PreToolUse",
        "cwd": str(seeded.path),
        "tool_name": "Write",
        "tool_input": both,
    }
    assert "`.env`" in _denied_twice(hook("claude-code", claude), "claude-code")


def test_gemini_read_many_files_include_globs_are_judged(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    call = gemini(seeded, "read_many_files", {"paths": ["src/"], "include": ["**/.env"]})
    assert "secrets" in _denied_twice(hook("gemini", call), "gemini")
