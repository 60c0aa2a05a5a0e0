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


# Claude Code's own identity, as its Co-authored-by trailer names it. Set through the
# settings' `env`, the commits the agent makes are its own (author and committer), so the
# human who runs it can approve them; and the agent does not sign with the human's key.
IDENTITY = {
    "GIT_AUTHOR_NAME": "Claude",
    "GIT_AUTHOR_EMAIL": "noreply@anthropic.com",
    "GIT_COMMITTER_NAME": "Claude",
    "GIT_COMMITTER_EMAIL": "noreply@anthropic.com",
}
NO_SIGNING = {
    "GIT_CONFIG_COUNT": "1",
    "GIT_CONFIG_KEY_0": "commit.gpgsign",
    "GIT_CONFIG_VALUE_0": "false",
}


def identity_problem(settings: dict[str, Any]) -> str | None:
    """Why the agent would commit under someone else's name, or None when its settings give
    it its own identity."""
    env = settings.get("env")
    if not isinstance(env, dict):
        return "the settings have no `env` giving the agent its own git identity"
    for key in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"):
        if not str(env.get(key, "")).strip():
            return f"the settings' `env` does not set {key}"
    return None


def add_identity(settings: dict[str, Any]) -> dict[str, Any]:
    """The settings with the agent's own git identity in `env`, keeping any value the user
    set. Signing is turned off for the agent only when the user has no git config of their
    own in `env` (GIT_CONFIG_COUNT), so no setting of theirs is overwritten."""
    out = copy.deepcopy(settings)
    env = out.setdefault("env", {})
    for key, value in IDENTITY.items():
        env.setdefault(key, value)
    if "GIT_CONFIG_COUNT" not in env:
        env.update(NO_SIGNING)
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
