"""The few facts of a call every adapter reads before the evidence log is needed: what a
session id may look like (it names the log's file), and a shell call's exit status."""

from __future__ import annotations

from agentlint import regex
from agentlint.structs import ASCII_LETTERS, DIGITS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_ALNUM = frozenset(ASCII_LETTERS + DIGITS)
_SESSION_CHARS = _ALNUM | frozenset("._-")


def is_session_id(value: str) -> bool:
    """A session id, which also names the evidence log's file: a letter or digit, then up
    to 127 letters, digits, `.`, `_` or `-` (the regex `[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\Z`,
    read without importing `re`)."""
    return 0 < len(value) <= 128 and value[0] in _ALNUM and _SESSION_CHARS.issuperset(value)


_EXIT_CODE_LINE = r"(?i)(?:exit(?:ed with)? code|exit status)\s*:?\s*(\d{1,3})\b"


def named_exit_code(text: str) -> int | None:
    """The exit code a shell call's output or error names (`Exit code: 2`, `exited with
    code 1`, `exit status 127`), at most 255; None when it names none."""
    if "x" not in text and "X" not in text:  # no `exit` (so no `re`: most calls name none)
        return None
    match = regex.compile(_EXIT_CODE_LINE).search(text)
    return min(int(match.group(1)), 255) if match else None


def exit_status(kind: str, response: Any, error: str | None) -> int | None:
    """A Bash call's exit status: 0 after PostToolUse (Claude Code sends failures to
    PostToolUseFailure), or the code its error names (1 when it names none)."""
    if kind == "PostToolUse":
        if isinstance(response, dict):
            for key in ("exit_code", "exitCode", "returnCode", "return_code"):
                value = response.get(key)
                if isinstance(value, int) and not isinstance(value, bool):
                    return value & 0xFF if value >= 0 else 1
            if response.get("interrupted") is True:
                return 130
        return 0
    named = named_exit_code(error or "")
    return 1 if named is None else named
