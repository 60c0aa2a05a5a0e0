"""Property tests of every adapter's parser through the real `agentlint hook AGENT`: any
payload of the agent's shape (random fields, types and values) gets a decision or is
ignored, never a traceback; a before-event that cannot be read is always denied, twice;
the evidence log stays valid JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.agents.conftest import SESSIONS
from tests.conftest import Repo

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=12),
    st.sampled_from([".env", "/etc/passwd", "../x", ".cursor/hooks.json", "", "git commit -n"]),
    st.just("*** Begin Patch\n*** Update File: .env\n*** End Patch\n"),
)
values = st.recursive(
    leaves,
    lambda kids: st.one_of(
        st.lists(kids, max_size=3), st.dictionaries(st.text(max_size=8), kids, max_size=3)
    ),
    max_leaves=8,
)
KEYS = ["file_path", "path", "absolute_path", "command", "url", "paths", "input", "content"]
arguments = st.dictionaries(st.sampled_from(KEYS), values, max_size=3)
TOOLS = {
    "copilot": ["bash", "view", "create", "edit", "str_replace_editor", "apply_patch", "task"],
    "cursor": ["Shell", "Write", "StrReplace", "Edit", "Delete", "Read", "Grep", "MCP:x"],
    "codex": ["Bash", "apply_patch", "mcp__a__b", "update_plan"],
    "gemini": ["run_shell_command", "write_file", "replace", "read_file", "read_many_files"],
}
EVENTS = {
    "copilot": [None, "PreToolUse", "PostToolUse", "PostToolUseFailure", "sessionStart"],
    "cursor": [
        *("preToolUse", "beforeShellExecution", "beforeReadFile", "beforeMCPExecution"),
        *("afterFileEdit", "afterShellExecution", "postToolUse", "stop"),
    ],
    "codex": ["PreToolUse", "PostToolUse", "Stop", None],
    "gemini": ["BeforeTool", "AfterTool", "SessionStart"],
}


@st.composite
def payloads(draw: st.DrawFn, agent: str, cwd: str) -> dict[str, Any]:
    tool = draw(st.one_of(st.sampled_from(TOOLS[agent]), st.text(max_size=6), values))
    args = draw(st.one_of(arguments, arguments.map(json.dumps), values))
    event = draw(st.sampled_from(EVENTS[agent]))
    session = draw(st.one_of(st.just(SESSIONS[agent]), st.text(max_size=6), values))
    if agent == "copilot" and event is None:
        data = {"sessionId": session, "toolName": tool, "toolArgs": args, "cwd": cwd}
        if draw(st.booleans()):
            data["toolResult"] = draw(values)
    elif agent == "cursor":
        data = {"hook_event_name": event, "conversation_id": session, "tool_name": tool}
        data |= {"tool_input": args, "workspace_roots": [cwd], "command": draw(values)}
        data["file_path"] = draw(values)
    else:
        data = {"hook_event_name": event, "session_id": session, "tool_name": tool}
        data |= {"tool_input": args, "cwd": cwd}
        if draw(st.booleans()):
            data["tool_response"] = draw(values)
    for key in draw(st.lists(st.sampled_from(sorted(data)), max_size=2, unique=True)):
        del data[key]
    return data


def _decision(agent: str, out: dict[str, Any]) -> str:
    return str(
        {
            "copilot": out.get("permissionDecision"),
            "cursor": out.get("permission"),
            "codex": out.get("hookSpecificOutput", {}).get("permissionDecision"),
            "gemini": out.get("decision"),
        }[agent]
    )


def _check(agent: str, result, seeded: Repo) -> None:  # type: ignore[no-untyped-def]
    assert result.code in (0, 2), result
    assert "Traceback" not in result.err and "internal error" not in result.err, result
    if result.out:
        decision = _decision(agent, json.loads(result.out))
        assert decision in ("ask", "deny")
        assert (result.code == 2) == (decision == "deny")
        assert result.code == 0 or result.err.strip()  # a deny always says why on stderr
    for log in (seeded.path / ".agentlint" / "runs").glob("*.jsonl"):
        for line in log.read_text().splitlines():
            assert json.loads(line)["agent"] in (agent, "claude-code")


@pytest.mark.parametrize("agent", sorted(TOOLS))
def test_any_payload_gets_a_decision_never_a_traceback(agent: str, seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    @SETTINGS
    @given(data=st.data())
    def inner(data: st.DataObject) -> None:
        payload = data.draw(payloads(agent, str(seeded.path)))
        _check(agent, hook(agent, payload), seeded)

    inner()


@pytest.mark.parametrize("agent", sorted(TOOLS))
def test_any_bytes_are_refused_or_ignored(agent: str, seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    @SETTINGS
    @given(raw=st.binary(max_size=120))
    def inner(raw: bytes) -> None:
        result = hook(agent, raw)
        _check(agent, result, seeded)
        if result.code == 0:
            assert result.out == ""

    inner()


@pytest.mark.parametrize("agent", sorted(TOOLS))
def test_an_unreadable_before_event_is_always_denied(agent: str, seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    before = {
        "copilot": None,
        "cursor": "preToolUse",
        "codex": "PreToolUse",
        "gemini": "BeforeTool",
    }

    @SETTINGS
    @given(args=st.one_of(st.integers(), st.lists(st.integers(), max_size=2), st.just("{x")))
    def inner(args: Any) -> None:
        if agent == "copilot":
            payload: dict[str, Any] = {
                "toolName": "edit",
                "toolArgs": args,
                "cwd": str(seeded.path),
            }
        else:
            payload = {
                "hook_event_name": before[agent],
                "session_id": "s",
                "conversation_id": "c",
                "cwd": str(seeded.path),
                "tool_name": TOOLS[agent][1],
                "tool_input": args,
            }
        result = hook(agent, payload)
        assert result.code == 2 and "cannot be read" in result.err, result
        assert _decision(agent, json.loads(result.out)) == "deny"

    inner()


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=6)),
    lambda kids: st.one_of(
        st.lists(kids, max_size=3), st.dictionaries(st.text(max_size=6), kids, max_size=3)
    ),
    max_leaves=10,
)
settings_objects = st.dictionaries(
    st.sampled_from(["hooks", "version", "env", "model", "x"]), json_values, max_size=4
)


@pytest.mark.parametrize("agent", ["claude", "cursor", "gemini"])
def test_setup_on_any_settings_keeps_them_or_refuses(agent: str, seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    """Any settings file, in any layout: setup exits 0 with the old text kept and the hooks
    added, or exits 2 and leaves it alone; never a traceback."""
    import difflib

    from tests.agents.test_setup import FILES

    @SETTINGS
    @given(
        data=settings_objects, indent=st.sampled_from([None, 0, 2, "\t"]), raw=st.text(max_size=30)
    )
    def inner(data: dict[str, Any], indent: Any, raw: str) -> None:
        text = raw if raw.startswith("!") else json.dumps(data, indent=indent)
        seeded.write(FILES[agent], text)
        result = run("setup", agent)
        assert result.code in (0, 2) and "Traceback" not in result.err, result
        after = (seeded.path / FILES[agent]).read_text()
        if result.code == 2:
            assert after == text
            return
        ops = difflib.SequenceMatcher(None, text, after, autojunk=False).get_opcodes()
        assert all(op in ("equal", "insert") for op, *_ in ops)
        assert "agentlint hook" in json.dumps(json.loads(after)["hooks"])

    inner()
