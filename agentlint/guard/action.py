"""One tool call, whatever agent made it: the neutral action every adapter reads its
agent's payload into, and the only thing the guard and the evidence log look at."""

from __future__ import annotations

from agentlint import structs
from agentlint.errors import AgentlintError

EVENTS = ("before", "after", "failure")
KINDS = ("read", "write", "edit", "delete", "shell", "mcp", "web", "subagent", "other")


class Access(structs.Struct):
    path: str  # as the agent gave it: absolute, or relative to the action's cwd
    write: bool


class Search(structs.Struct):
    """A search tool's walk of a folder (Grep with a glob, Glob): the files it opens or
    names, judged like a recursive shell search."""

    folder: str  # as the agent gave it, or the action's cwd
    include: tuple[str, ...]  # only names matching one of these globs (none: all)
    hidden: bool  # dot files are opened even where no glob names them


class Action(structs.Struct):
    agent: str  # the adapter's name: claude-code, copilot, cursor, codex, gemini
    event: str  # one of EVENTS
    kind: str  # one of KINDS
    tool: str  # the agent's own name for the tool
    session: str
    cwd: str | None
    paths: tuple[Access, ...]  # every file named, both sides of a move, a patch's files
    command: str | None  # a shell call's command line
    names: tuple[str, ...]  # the names the policy's tool allowlist may know the call by
    record_name: str  # the name the review record lists the tool under
    tool_use_id: str | None = None
    exit_status: int | None = None  # after a shell call
    error: str | None = None  # after a failed call
    searches: tuple[Search, ...] = ()


class AfterError(AgentlintError):
    """A malformed payload of an event after the call: nothing is left to refuse, so it is
    reported and not logged."""
