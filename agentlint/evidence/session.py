"""Gather the evidence of the agent session a commit is made in, for the commit hook: the
session's log, and which of the files it edited since its last commit are still changed
but left out of the commit being made (one `git status` call, only when there are such
files).

Which session: the agent's session id where the agent exports it to the commands it runs
(Claude Code's CLAUDE_CODE_SESSION_ID, Codex's CODEX_THREAD_ID, Gemini CLI's
GEMINI_SESSION_ID). Cursor and Copilot export none, only a marker that the command runs
under them (CURSOR_AGENT, COPILOT_AGENT_PROMPT in Copilot's cloud sandbox): their newest
log is taken, as `record draft` does.
"""

from __future__ import annotations

import os
import re

from agentlint import git
from agentlint.evidence import MARKER_ENV, SESSION_ENV
from agentlint.evidence import log as evidence
from agentlint.evidence.status import is_session_id
from agentlint.guard import workspace

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

ENV = SESSION_ENV["claude-code"]


def identify(env: Mapping[str, str]) -> tuple[str, str | None] | None:
    """The agent whose session this process runs in, and its session id when the agent
    exports one; None outside every agent agentlint knows."""
    for agent, name in SESSION_ENV.items():
        session = env.get(name, "")
        if is_session_id(session):
            return agent, session
    for agent, name in MARKER_ENV.items():
        if env.get(name):
            return agent, None
    return None


def load(staged: Iterable[str], env: Mapping[str, str], cwd: str) -> evidence.Evidence | None:
    found = identify(env)
    if found is None:
        return None
    root = workspace.find_root(cwd)
    if root is None:
        return None
    agent, session = found
    if session is None:
        newest = evidence.newest_log(root, agent)
        if newest is None:
            return None
        session, path = newest
    else:
        path = evidence.log_path(root, session)
    if not os.path.isfile(path):
        return None
    entries = tuple(evidence.read(path))
    edited = {
        p
        for e in entries[_since_last_commit(entries) :]
        if e.event == "post" and e.write
        for p in e.paths
        if not p.startswith("/")
    }
    candidates = sorted(edited - set(staged))
    source = os.path.relpath(path, root).replace(os.sep, "/")
    return evidence.Evidence(session, source, entries, _still_changed(candidates, root))


def _since_last_commit(entries: tuple[evidence.Entry, ...]) -> int:
    for i in range(len(entries) - 1, -1, -1):
        entry = entries[i]
        if entry.event == "post" and entry.command and is_commit(entry.command):
            return i + 1
    return 0


_COMMIT = re.compile(r"(?:-\S+\s+|-[Cc]\s+\S+\s+)*commit\b")


def is_commit(command: str) -> bool:
    from agentlint.guard.shell import simple_commands

    return any(
        w[0].rsplit("/", 1)[-1] == "git" and _COMMIT.match(" ".join(w[1:]))
        for w in simple_commands(command)
    )


def _still_changed(paths: list[str], root: str) -> frozenset[str]:
    if not paths:
        return frozenset()
    out = git.start(
        "-C", root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", *paths
    ).result()
    found = set()
    fields = out.split(b"\0")
    i = 0
    while i < len(fields):
        entry = fields[i]
        if len(entry) > 3:
            found.add(entry[3:].decode("utf-8", "surrogateescape"))
            if entry[:1] in (b"R", b"C"):
                i += 1  # the rename's source follows
        i += 1
    return frozenset(found & set(paths))
