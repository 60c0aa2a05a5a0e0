"""Read one Claude Code hook event from its JSON, strictly enough to fail closed.

Fields the guard needs are checked; unknown fields are ignored, and fields that later
Claude Code versions added (`tool_use_id`, `hook_event_name`, `cwd`) are optional. Very old
versions send no `hook_event_name`: the event is told from `tool_response` or `error`.
"""

from __future__ import annotations

import json
import re
from typing import Any, NamedTuple

from agentlint.errors import fail

EVENTS = ("PreToolUse", "PostToolUse", "PostToolUseFailure")
SESSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}\Z")
TOOL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.:-]{0,255}\Z")
MAX_INPUT = 64 << 20
FIX = (
    "run it as a Claude Code hook, which passes one event as a JSON object on stdin; if it "
    "was, report the payload: this Claude Code version may send something agentlint does "
    "not know"
)


class Event(NamedTuple):
    kind: str  # one of EVENTS, or another hook event, which agentlint ignores
    session_id: str
    cwd: str | None
    tool: str
    tool_input: dict[str, Any]
    tool_use_id: str | None
    response: Any  # PostToolUse's tool_response
    error: str | None  # PostToolUseFailure's error
    interrupted: bool


def parse_event(raw: bytes) -> Event:
    """The event in `raw`, or an error that says what is wrong with it."""
    if len(raw) > MAX_INPUT:
        raise fail("the hook input is larger than 64 MiB", fix=FIX)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise fail(f"the hook input is not JSON ({exc})", fix=FIX) from None
    if not isinstance(data, dict):
        raise fail("the hook input is not a JSON object", fix=FIX)
    kind = _kind(data)
    if kind not in EVENTS:
        return Event(kind, "", None, "", {}, None, None, None, False)
    tool = _string(data, "tool_name", required=True) or ""
    if not TOOL.match(tool):
        raise fail(f"tool_name {tool[:80]!r} is not a tool name", fix=FIX)
    tool_input = data.get("tool_input", {})
    if not isinstance(tool_input, dict):
        raise fail("tool_input is not a JSON object", fix=FIX)
    session = _string(data, "session_id", required=True) or ""
    if not SESSION.match(session):
        raise fail(
            f"session_id {session[:80]!r} is not a session id (letters, digits, `.`, `_`, `-`)",
            fix=FIX,
        )
    error = data.get("error")
    return Event(
        kind,
        session,
        _string(data, "cwd"),
        tool,
        tool_input,
        _string(data, "tool_use_id"),
        data.get("tool_response"),
        error if isinstance(error, str) else (None if error is None else json.dumps(error)),
        data.get("is_interrupt") is True,
    )


def _kind(data: dict[str, Any]) -> str:
    kind = data.get("hook_event_name")
    if kind is None:
        if "error" in data:
            return "PostToolUseFailure"
        return "PostToolUse" if "tool_response" in data else "PreToolUse"
    if not isinstance(kind, str):
        raise fail("hook_event_name is not a string", fix=FIX)
    return kind


def _string(data: dict[str, Any], key: str, *, required: bool = False) -> str | None:
    value = data.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value):
        state = "missing" if value is None else "not a non-empty string"
        raise fail(f"{key} is {state}", fix=FIX)
    return value


def text_field(tool_input: dict[str, Any], key: str) -> str | None:
    """A string field of tool_input; a present field of another type is malformed."""
    value = tool_input.get(key)
    if value is None or isinstance(value, str):
        return value
    raise fail(f"tool_input.{key} is not a string", fix=FIX)
