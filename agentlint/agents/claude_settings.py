"""What Claude Code's settings hold for agentlint: its hooks (the entry itself is
agentlint.agents.settings'), the agent's own git identity in `env`, and permissions.deny
rules for block-posture paths (`setup claude --deny-rules`)."""

from __future__ import annotations

from typing import Any

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

MARK = "agentlint hook claude-code"
EVENTS = ("PreToolUse", "PostToolUse", "PostToolUseFailure")


def has_hook(settings: dict[str, Any], event: str) -> bool:
    groups = settings.get("hooks", {}).get(event, [])
    return any(
        MARK in str(hook.get("command", ""))
        for group in groups
        if isinstance(group, dict)
        for hook in group.get("hooks", [])
        if isinstance(hook, dict)
    )


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
