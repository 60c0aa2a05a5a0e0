"""Cursor's adapter (`.cursor/hooks.json`).

Every payload names its event in `hook_event_name` and its session in `conversation_id`
(Cursor's hooks page). The events agentlint reads:
- `preToolUse`: `tool_name` (`Shell`, `Read`, `Write`, `StrReplace`, `Delete`, `Grep`,
  `Task`, `MCP:<tool>`...), `tool_input`, `tool_use_id`, `cwd`;
- `beforeShellExecution`: `command`, `cwd`; `beforeReadFile`: `file_path`;
  `beforeMCPExecution`: `tool_name`, `tool_input` (a JSON string);
- after the call: `postToolUse`, `postToolUseFailure`, `afterShellExecution`
  (`command`, `output`), `afterFileEdit` (`file_path`, `edits`), `afterMCPExecution`.
The folder comes from `cwd`, else the first of `workspace_roots`.

A decision is `{"permission": "allow"|"deny"|"ask", "user_message", "agent_message"}`;
exit 2 blocks too. Any other failure lets the call through unless the hook has
`failClosed: true`, which `agentlint setup cursor` always sets.
"""

from __future__ import annotations

from agentlint.agents import payload
from agentlint.guard.action import Action

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

AGENT = "cursor"
FALLBACK_SESSION = "cursor"
FIX = (
    "run it as a Cursor hook (`agentlint setup cursor` writes .cursor/hooks.json), which "
    "passes one event as JSON on stdin; if it was, report the payload: this Cursor version "
    "may send something agentlint does not know"
)
BEFORE = {"preToolUse", "beforeShellExecution", "beforeReadFile", "beforeMCPExecution"}
AFTER = {"postToolUse", "afterShellExecution", "afterFileEdit", "afterMCPExecution"}
EVENTS = BEFORE | AFTER | {"postToolUseFailure"}


def read(raw: bytes) -> Action | None:
    data = payload.load(raw, FIX)
    name = payload.text(data, "hook_event_name", FIX, required=True)
    if name not in EVENTS:
        return None
    event = "before" if name in BEFORE else "failure" if name == "postToolUseFailure" else "after"
    tool, arguments = _call(name, data)
    error = _error(data) if event == "failure" else None
    return payload.action(
        AGENT,
        event,
        tool,
        arguments,
        session_id=payload.session(
            payload.text(data, "conversation_id", FIX), FIX, fallback=FALLBACK_SESSION
        ),
        cwd=_cwd(data),
        fix=FIX,
        tool_use_id=payload.text(data, "tool_use_id", FIX),
        exit_status=_status(data, event),
        error=error,
    )


def _call(name: str, data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The tool and its arguments, for the events that name no tool."""
    if name in ("beforeShellExecution", "afterShellExecution"):
        return "Shell", {"command": payload.text(data, "command", FIX, required=True)}
    if name == "beforeReadFile":
        return "Read", {"file_path": payload.text(data, "file_path", FIX, required=True)}
    if name == "afterFileEdit":
        return "Edit", {"file_path": payload.text(data, "file_path", FIX, required=True)}
    tool = payload.tool_name(data.get("tool_name"), FIX)
    if name in ("beforeMCPExecution", "afterMCPExecution") and not tool.startswith("MCP:"):
        tool = f"MCP:{tool}"
    return tool, payload.tool_input(data.get("tool_input"), FIX)


def _cwd(data: dict[str, Any]) -> str | None:
    cwd = payload.text(data, "cwd", FIX)
    roots = data.get("workspace_roots")
    if not cwd and isinstance(roots, list) and roots and isinstance(roots[0], str):
        return roots[0]
    return cwd or None


def _error(data: dict[str, Any]) -> str:
    for key in ("error_message", "error"):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return "the tool call failed"


def _status(data: dict[str, Any], event: str) -> int | None:
    """A shell call's exit status when the payload carries one; Cursor's documented
    afterShellExecution carries none, so the log then records the run without one."""
    for key in ("exit_code", "exitCode", "return_code"):
        found = payload.exit_code(data.get(key))
        if found is not None:
            return found
    return 1 if event == "failure" else None


def render(decision: str, reason: str) -> tuple[str, str, int]:
    output = {"permission": decision, "user_message": reason, "agent_message": reason}
    return payload.deny_twice(output, decision, reason)
