"""Claude Code's settings, edited the way `agentlint setup claude` needs: add agentlint's
hooks (and optionally permissions.deny rules) and keep everything else as it was."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

COMMAND = "agentlint hook claude-code || exit 2"  # a missing agentlint blocks, not allows
MARK = "agentlint hook claude-code"
EVENTS = ("PreToolUse", "PostToolUse", "PostToolUseFailure")
TIMEOUT = 30


def has_hook(settings: dict[str, Any], event: str) -> bool:
    groups = settings.get("hooks", {}).get(event, [])
    return any(
        MARK in str(hook.get("command", ""))
        for group in groups
        if isinstance(group, dict)
        for hook in group.get("hooks", [])
        if isinstance(hook, dict)
    )


def add_hooks(settings: dict[str, Any]) -> dict[str, Any]:
    """The settings with agentlint's hook on every event that lacks it."""
    out = copy.deepcopy(settings)
    hooks = out.setdefault("hooks", {})
    for event in EVENTS:
        if has_hook(out, event):
            continue
        hooks.setdefault(event, []).append(
            {
                "matcher": "*",
                "hooks": [{"type": "command", "command": COMMAND, "timeout": TIMEOUT}],
            }
        )
    return out


def deny_rules(block_patterns: Iterable[str], secret_patterns: Iterable[str]) -> list[str]:
    """permissions.deny rules for block-posture patterns (no edits) and secrets (no reads
    either). gitignore patterns become Claude Code's path globs; negations are skipped."""
    rules = []
    for pattern in block_patterns:
        glob = _glob(pattern)
        if glob:
            rules += [f"Edit({glob})", f"Write({glob})"]
    for pattern in secret_patterns:
        glob = _glob(pattern)
        if glob:
            rules.append(f"Read({glob})")
    return list(dict.fromkeys(rules))


def _glob(pattern: str) -> str | None:
    if pattern.startswith("!") or not pattern.strip():
        return None
    folder = pattern.endswith("/")
    body = pattern.strip("/")
    anchored = pattern.startswith("/") or "/" in body
    glob = f"./{body}" if anchored else f"**/{body}"
    return f"{glob}/**" if folder else glob


def add_deny(settings: dict[str, Any], rules: list[str]) -> dict[str, Any]:
    out = copy.deepcopy(settings)
    permissions = out.setdefault("permissions", {})
    deny = permissions.setdefault("deny", [])
    deny += [r for r in rules if r not in deny]
    return out
