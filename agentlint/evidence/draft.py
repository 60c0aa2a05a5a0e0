"""A review record drafted from what a session's evidence log saw: the files read, the
commands with their exit statuses, the failed attempts, the tools. What only the agent
can say (the task, the plan, the assumptions, the rollback) stays marked `<FILL IN: ...>`,
so the record cannot pass until the agent has written it."""

from __future__ import annotations

from typing import Any

from agentlint.evidence.kinds import kind_of
from agentlint.evidence.log import Entry
from agentlint.record import template

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

SEARCH_TOOLS = ("Read", "NotebookRead", "Grep", "Glob", "LS")


def build(
    entries: Sequence[Entry],
    changed: list[str],
    agent: str | None,
    categories: list[str],
) -> dict[str, Any]:
    data = template.build(changed, agent, categories)
    ran = [e for e in entries if e.event in ("post", "failure")]
    data["files"]["read"] = _read(ran, set(changed))
    data["commands"] = [_command(e) for e in ran if e.kind == "shell" and e.command]
    data["attempts"] = _attempts(entries)
    used = list(dict.fromkeys(e.tool for e in ran if e.tool))
    data["tools_used"] = used
    data["scope"]["tools"] = list(used)  # what the task allowed: the agent confirms it
    return data


def _read(entries: Iterable[Entry], changed: set[str]) -> list[str]:
    read = [
        p
        for e in entries
        if (e.tool in SEARCH_TOOLS or e.kind in ("read", "search")) and e.event == "post"
        for p in e.paths
        if _is_repo_path(p)
    ]
    return list(dict.fromkeys(read))


def _is_repo_path(path: str) -> bool:
    parts = path.split("/")
    return (
        bool(path) and not path.startswith("/") and "" not in parts and not {".", ".."} & set(parts)
    )


def _command(entry: Entry) -> dict[str, Any]:
    status = (
        entry.exit_status if entry.exit_status is not None else (0 if entry.event == "post" else 1)
    )
    command: dict[str, Any] = {
        "run": entry.command,
        "exit_status": status,
        "kind": kind_of(entry.command or ""),
    }
    if len(entry.command or "") >= 2000:
        command["note"] = "cut short in the evidence log; write the full command"
    return command


def _attempts(entries: Sequence[Entry]) -> list[dict[str, str]]:
    attempts = []
    for i, entry in enumerate(entries):
        if entry.event == "failure":
            what = f"`{entry.command}`" if entry.command else _call(entry)
            outcome = (
                f"exited {entry.exit_status}"
                if entry.exit_status is not None
                else f"failed: {entry.error or 'no error given'}"
            )
            if entry.command and any(
                e.command == entry.command and e.event == "post" for e in entries[i + 1 :]
            ):
                outcome += "; a later run of the same command succeeded"
        elif entry.event == "denied":
            what, outcome = _call(entry), f"agentlint's guard refused it: {entry.error}"
        else:
            continue
        attempts.append(
            {
                "tried": what,
                "outcome": outcome,
                "learned": template.marker("what this taught you, and what you did instead"),
            }
        )
    return attempts


def _call(entry: Entry) -> str:
    if entry.command:
        return f"{entry.tool}: `{entry.command}`"
    return f"{entry.tool} {', '.join(entry.paths)}".strip()


def merge_into(record: Any, drafted: dict[str, Any]) -> dict[str, int]:
    """Add what `drafted` saw to an existing `record` (a round-trip YAML mapping, edited in
    place so the agent's words and comments stay): files, commands, attempts and tools that
    it does not list yet. What the agent wrote (task, plan, rollback...) is kept as it is.
    Returns how many entries each list gained."""
    added: dict[str, int] = {}
    files = record.setdefault("files", {})
    for key in ("changed", "read"):
        added[f"files.{key}"] = _extend(files.setdefault(key, []), drafted["files"][key])
    for key in ("commands", "attempts", "tools_used"):
        added[key] = _extend(record.setdefault(key, []), drafted[key])
    scope = record.setdefault("scope", {})
    _extend(scope.setdefault("tools", []), drafted["scope"]["tools"])
    return added


def _extend(have: list[Any], more: Iterable[Any]) -> int:
    """Append each item of `more` that `have` lacks; how many were appended."""
    before = len(have)
    for item in more:
        if item not in have:
            have.append(item)
    return len(have) - before
