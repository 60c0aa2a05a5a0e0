"""GitHub Copilot's adapter (the CLI and the cloud coding agent, `.github/hooks/*.json`).

Copilot sends two payload shapes, chosen by the event name in the hook file (GitHub's
hooks reference, "Hook event input payloads"):
- camelCase (`preToolUse`, `postToolUse`, `postToolUseFailure`): `sessionId` (absent in
  older versions), `cwd`, `toolName`, `toolArgs` (a JSON string in older versions, any
  value now), `toolResult: {resultType, textResultForLlm}` after the call, `error` after a
  failure. No field names the event: it is told from `toolResult` and `error`.
- the VS Code compatible shape (`PreToolUse`...): `hook_event_name`, `session_id`,
  `tool_name` (Claude Code's name for the tool: `Bash`, `Read`, `Edit`...), `tool_input`,
  `tool_result: {result_type, text_result_for_llm}`.

A decision is `{"permissionDecision": ..., "permissionDecisionReason": ...}` on stdout;
a `preToolUse` command hook that exits 2 (or crashes) denies the call whatever its JSON
says. Only a timeout fails open.
"""

from __future__ import annotations

from agentlint import regex
from agentlint.agents import payload
from agentlint.guard.action import Action

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

AGENT = "copilot"
FALLBACK_SESSION = "copilot"  # versions that send no session id share one log
FIX = (
    "run it as a Copilot hook (`agentlint setup copilot` writes .github/hooks/agentlint.json), "
    "which passes one event as JSON on stdin; if it was, report the payload: this Copilot "
    "version may send something agentlint does not know"
)
PHASES = {"PreToolUse": "before", "PostToolUse": "after", "PostToolUseFailure": "failure"}
PHASES |= {"preToolUse": "before", "postToolUse": "after", "postToolUseFailure": "failure"}
EXIT = r"(?i)exit(?:ed with exit)? code:?\s*(\d{1,3})"


def read(raw: bytes) -> Action | None:
    data = payload.load(raw, FIX)
    snake = "tool_name" in data or "hook_event_name" in data
    named = data.get("hook_event_name")
    if named is not None and named not in PHASES:
        return None  # another event (sessionStart...): nothing to judge or log
    tool = payload.tool_name(data.get("tool_name" if snake else "toolName"), FIX)
    result = data.get("tool_result" if snake else "toolResult")
    event = PHASES[named] if isinstance(named, str) else _event(data, result)
    if event is None:
        return None
    session_id = payload.session(
        payload.first(data, ("session_id", "sessionId"), FIX), FIX, fallback=FALLBACK_SESSION
    )
    arguments = payload.tool_input(data.get("tool_input" if snake else "toolArgs"), FIX)
    error = _error(data, result)
    return payload.action(
        AGENT,
        event,
        tool,
        arguments,
        session_id=session_id,
        cwd=payload.text(data, "cwd", FIX),
        fix=FIX,
        tool_use_id=payload.first(data, ("tool_use_id", "toolUseId"), FIX),
        exit_status=_status(event, result, error),
        error=error,
    )


def _event(data: dict[str, Any], result: Any) -> str | None:
    if isinstance(result, dict):
        kind = result.get("resultType", result.get("result_type"))
        if kind == "denied":
            return None  # refused before it ran: the guard logged its own refusal
        return "failure" if kind == "failure" else "after"
    return "failure" if "error" in data else "before"


def _text(result: Any) -> str:
    if not isinstance(result, dict):
        return ""
    value = result.get("textResultForLlm", result.get("text_result_for_llm"))
    return value if isinstance(value, str) else ""


def _error(data: dict[str, Any], result: Any) -> str | None:
    error = data.get("error")
    if isinstance(error, dict):
        error = error.get("message")
    if isinstance(error, str) and error.strip():
        return error
    return _text(result)[-300:] or None


def _status(event: str, result: Any, error: str | None) -> int:
    """A shell call's exit status: the `<exited with exit code N>` the bash tool ends its
    output with, else 0 after success and 1 after a failure."""
    text = _text(result)[-200:] or (error or "")[-200:]
    found = regex.compile(EXIT).findall(text) if "x" in text or "X" in text else []  # `exit` only
    if found:
        return min(int(found[-1]), 255)
    return 0 if event == "after" else 1


def render(decision: str, reason: str) -> tuple[str, str, int]:
    """Both output shapes carry the same decision: the camelCase one at the top level, the
    VS Code compatible one under hookSpecificOutput."""
    output = {
        "permissionDecision": decision,
        "permissionDecisionReason": reason,
        "hookSpecificOutput": {
            "hookEventName": "PreToolUse",
            "permissionDecision": decision,
            "permissionDecisionReason": reason,
        },
    }
    return payload.deny_twice(output, decision, reason)
