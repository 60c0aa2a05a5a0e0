"""The record `agentlint record new` writes: what agentlint knows filled in, the rest
marked `<FILL IN: ...>` so neither validate-record nor check accepts it until the agent
has written it."""

from __future__ import annotations

import posixpath
from typing import Any

from agentlint.record.load import FILL_IN

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

HEADER = """\
agentlint review record (schema: review-record.schema.json, version 1).
Keep it up to date as you work, and commit it with the change it describes.
Replace every <FILL IN: ...> marker; `agentlint validate-record FILE` checks it.
files.changed must list exactly the files the change touches; scope.paths the files the
task allows; commands every command you ran, with its exit status."""


def marker(what: str) -> str:
    return f"{FILL_IN}: {what}>"


def scope_for(paths: Iterable[str]) -> list[str]:
    """The narrowest folders (gitignore patterns) holding `paths`; top-level files as-is."""
    out: list[str] = []
    for path in sorted(set(paths)):
        folder = posixpath.dirname(path)
        pattern = f"{folder}/" if folder else f"/{path}"
        if pattern not in out:
            out.append(pattern)
    return out


def build(changed: list[str], agent: str | None, categories: list[str]) -> dict[str, Any]:
    """Plain data for a new record of a change touching `changed`."""
    rollback: dict[str, Any] = {
        "plan": marker("how to undo the whole change, and what to check while doing it")
    }
    if categories:
        rollback["categories"] = {
            name: marker(f"how the {name} part is rolled back") for name in categories
        }
    return {
        "version": 1,
        "task": marker("the original task, quoted as it was given"),
        "agent": {"name": agent or marker("your agent: claude-code, codex, copilot...")},
        "scope": {
            "paths": scope_for(changed) or [marker("gitignore patterns the task allows")],
            "tools": [],
        },
        "plan": [marker("the plan made before editing, one step an item")],
        "files": {"read": [], "changed": list(changed)},
        "tools_used": [],
        "commands": [],
        "attempts": [],
        "assumptions": [],
        "rollback": rollback,
    }
