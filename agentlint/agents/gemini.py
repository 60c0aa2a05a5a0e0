"""Gemini CLI's adapter (`hooks.BeforeTool` and `hooks.AfterTool` in
`.gemini/settings.json`).

Gemini's hooks reference: every payload has `session_id`, `transcript_path`, `cwd`,
`hook_event_name` and `timestamp`; `BeforeTool` adds `tool_name` (`run_shell_command`,
`write_file`, `replace`, `read_file`..., MCP tools as `mcp__<server>__<tool>`) and
`tool_input`; `AfterTool` adds `tool_response: {llmContent, returnDisplay, error}`.

A decision is `{"decision": "allow"|"deny", "reason": ...}` (`block` is an alias of
`deny`); exit 2 blocks with stderr as the reason; any other failure is only a warning and
lets the call through. Gemini has no "ask" in a hook, so an ask is rendered as a deny that
says a human must make or approve the change.
"""

from __future__ import annotations

from agentlint.agents import payload
from agentlint.evidence.status import named_exit_code
from agentlint.guard.action import Action

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

AGENT = "gemini"
FIX = (
    "run it as a Gemini CLI hook (`agentlint setup gemini` writes .gemini/settings.json), "
    "which passes one event as JSON on stdin; if it was, report the payload: this Gemini CLI "
    "version may send something agentlint does not know"
)
PHASES = {"BeforeTool": "before", "AfterTool": "after"}


def read(raw: bytes) -> Action | None:
    data = payload.load(raw, FIX)
    name = payload.text(data, "hook_event_name", FIX, required=True)
    if name not in PHASES:
        return None
    response = data.get("tool_response")
    error = _error(response)
    event = "failure" if PHASES[name] == "after" and error else PHASES[name]
    return payload.action(
        AGENT,
        event,
        payload.tool_name(data.get("tool_name"), FIX),
        payload.tool_input(data.get("tool_input"), FIX),
        session_id=payload.session(payload.text(data, "session_id", FIX), FIX),
        cwd=payload.text(data, "cwd", FIX),
        fix=FIX,
        exit_status=_status(response, error),
        error=error,
    )


def _error(response: Any) -> str | None:
    if not isinstance(response, dict):
        return None
    error = response.get("error")
    if isinstance(error, dict):
        error = error.get("message")
    return error if isinstance(error, str) and error.strip() else None


def _status(response: Any, error: str | None) -> int:
    """A shell call's exit status, from the `Exit Code: N` line run_shell_command reports;
    0 when it names none after success, 1 after an error."""
    text = response.get("llmContent") if isinstance(response, dict) else None
    for source in (text if isinstance(text, str) else "", error or ""):
        named = named_exit_code(source[-2000:])
        if named is not None:
            return named
    return 1 if error else 0


def render(decision: str, reason: str) -> tuple[str, str, int]:
    if decision == "ask":
        decision = "deny"
        reason += (
            " (Gemini CLI cannot ask from a hook: make this change yourself, or approve it "
            "and run it outside the agent)"
        )
    return payload.deny_twice({"decision": decision, "reason": reason}, decision, reason)
