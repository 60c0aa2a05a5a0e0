"""What a Claude Code tool call touches: the files it reads or writes, and the names it
goes by in the policy's tool allowlist. Pure: the event in, facts out."""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import urlsplit

from agentlint.claude.payload import FIX, Event, text_field
from agentlint.errors import fail

WRITERS = {"Write": "file_path", "Edit": "file_path", "MultiEdit": "file_path"}
WRITERS["NotebookEdit"] = "notebook_path"
READERS = {"Read": "file_path", "NotebookRead": "notebook_path", "LS": "path"}
SEARCHERS = {"Grep": "path", "Glob": "path"}  # a folder (default: cwd), or one file


class Access(NamedTuple):
    path: str  # as the agent gave it: absolute, or relative to the event's cwd
    write: bool


def accesses(event: Event) -> list[Access]:
    """The paths the call reads or writes (Bash is inspected separately)."""
    for table, write in ((WRITERS, True), (READERS, False), (SEARCHERS, False)):
        key = table.get(event.tool)
        if key is None:
            continue
        path = text_field(event.tool_input, key)
        if path is None and table is SEARCHERS:
            return []  # searching the working folder: nothing named to judge
        if not path:
            raise fail(f"{event.tool} call without tool_input.{key}", fix=FIX)
        return [Access(path, write)]
    return []


def domain(event: Event) -> str | None:
    """The host a WebFetch call reaches ("" when its URL has none)."""
    if event.tool != "WebFetch":
        return None
    url = text_field(event.tool_input, "url") or ""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def allowlist_names(event: Event) -> list[str]:
    """The names the call can be allowed by: the tool itself, and the permission-rule form
    `WebFetch(domain:HOST)` or `Bash(COMMAND)` for narrower entries."""
    names = [event.tool]
    host = domain(event)
    if host is not None:
        names.append(f"WebFetch(domain:{host})")
    if event.tool == "Bash":
        command = text_field(event.tool_input, "command") or ""
        names.append(f"Bash({command})")
    return names


def record_name(event: Event) -> str:
    """The name the review record lists the tool under."""
    host = domain(event)
    return f"WebFetch(domain:{host})" if host else event.tool
