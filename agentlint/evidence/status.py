"""The few facts of a call every adapter reads before the evidence log is needed: what a
session id may look like (it names the log's file), and a shell call's exit status."""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SESSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}\Z")  # also the log's file name
EXIT_CODE = re.compile(r"(?i)(?:exit(?:ed with)? code|exit status)\s*:?\s*(\d{1,3})\b")


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
    match = EXIT_CODE.search(error or "")
    return min(int(match.group(1)), 255) if match else 1
