"""OpenAI Codex CLI's adapter (`.codex/hooks.json`, or `[hooks]` in `.codex/config.toml`).

Codex's hooks page: every payload has `session_id`, `cwd`, `hook_event_name`, and for tool
events `tool_name` (`Bash` for shell calls, `apply_patch` for file edits, MCP tools as
`mcp__<server>__<tool>`), `tool_input` and `tool_use_id`; `PostToolUse` adds
`tool_response`. `apply_patch` carries the whole patch in `tool_input.command`: every file
it adds, updates, deletes or moves (both sides) is judged (agentlint.guard.patch).

A decision is `hookSpecificOutput.permissionDecision`. Codex honours only `deny` there
(`allow` and `ask` are parsed but fail open), so an `ask` is rendered as a deny that says a
human must make or approve the change. Exit 2 blocks with the reason taken from stderr;
Codex treats an exit 2 with empty stderr as a failed hook, so the reason is never empty.
Codex runs a project hook only after a person has reviewed and trusted it (`/hooks`).
"""

from __future__ import annotations

from agentlint.agents import payload
from agentlint.evidence.status import named_exit_code
from agentlint.guard.action import Action

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

AGENT = "codex"
FIX = (
    "run it as a Codex hook (`agentlint setup codex` writes .codex/hooks.json), which passes "
    "one event as JSON on stdin; if it was, report the payload: this Codex version may send "
    "something agentlint does not know"
)
PHASES = {"PreToolUse": "before", "PostToolUse": "after", "PostToolUseFailure": "failure"}


def read(raw: bytes) -> Action | None:
    data = payload.load(raw, FIX)
    name = payload.text(data, "hook_event_name", FIX)
    if name is None:  # no event name: told apart as older Claude-style payloads are
        name = "PostToolUse" if "tool_response" in data else "PreToolUse"
    if name not in PHASES:
        return None
    event = PHASES[name]
    response = data.get("tool_response")
    status = _status(response) if event == "after" else 1
    error = payload.text(data, "error", FIX) if event == "failure" else None
    return payload.action(
        AGENT,
        event,
        payload.tool_name(data.get("tool_name"), FIX),
        payload.tool_input(data.get("tool_input"), FIX),
        session_id=payload.session(payload.text(data, "session_id", FIX), FIX),
        cwd=payload.text(data, "cwd", FIX),
        fix=FIX,
        tool_use_id=payload.text(data, "tool_use_id", FIX),
        exit_status=status,
        error=error or ("the tool call failed" if event == "failure" else None),
    )


def _status(response: Any) -> int:
    """A shell call's exit status: an exit code field, or the `Exit code: N` line Codex
    puts in a shell call's output; 0 when it names none."""
    if isinstance(response, dict):
        for key in ("exit_code", "exitCode", "returncode"):
            found = payload.exit_code(response.get(key))
            if found is not None:
                return found
        response = response.get("output", response.get("stdout", ""))
    if isinstance(response, str):
        named = named_exit_code(response[:400])
        if named is not None:
            return named
    return 0


def render(decision: str, reason: str) -> tuple[str, str, int]:
    if decision == "ask":
        decision = "deny"
        reason += (
            " (Codex cannot ask: make this change yourself, or approve it and run it outside "
            "the agent)"
        )
    output = {
        "hookSpecificOutput": {
            "hookEventName": "PreToolUse",
            "permissionDecision": decision,
            "permissionDecisionReason": reason,
        }
    }
    return payload.deny_twice(output, decision, reason)
