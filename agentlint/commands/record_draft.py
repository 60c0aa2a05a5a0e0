"""`agentlint record draft [--session ID]`: a review record drafted from an agent
session's evidence log and the staged change.

The session is --session, else the one the agent running this exports
($CLAUDE_CODE_SESSION_ID, $CODEX_THREAD_ID, $GEMINI_SESSION_ID), else that agent's newest
log (Cursor and Copilot export no session id), else the newest log. Like
`record new`, it writes one file and touches nothing else. When the branch already has
its record (a session before this one wrote it), the draft is merged into it: what this
session saw is added, and what the agent wrote is kept.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from agentlint.errors import fail
from agentlint.evidence import log as evidence
from agentlint.evidence import session as session_env
from agentlint.evidence.status import is_session_id
from agentlint.guard import workspace


def find_log(root: str, session: str | None, agent: str | None = None) -> tuple[str, str]:
    """The session id and the path of its evidence log: `session`'s, else the newest of
    `agent`'s logs, else the newest log."""
    if session:
        if not is_session_id(session):
            raise fail(f"{session!r} is not a session id", fix="pass the id the agent shows")
        path = evidence.log_path(root, session)
        if not os.path.isfile(path):
            raise fail(
                f"no evidence log for session {session}",
                where=os.path.relpath(path, root),
                fix="install the hooks with `agentlint setup claude` (or copilot, cursor, "
                "codex, gemini), or pass another --session",
            )
        return session, path
    newest = (agent and evidence.newest_log(root, agent)) or evidence.newest_log(root)
    if not newest:
        raise fail(
            "there is no evidence log to draft from",
            where=evidence.FOLDER,
            fix="run the agent with agentlint's hooks (`agentlint setup claude`, or copilot, "
            "cursor, codex, gemini), "
            "or start a record with `agentlint record new`",
        )
    return newest


def run(args: argparse.Namespace) -> int:
    from agentlint.commands.record_new import facts, write
    from agentlint.evidence import draft

    root = workspace.find_root(os.getcwd())
    if root is None:
        raise fail("not inside a git repository", fix="run agentlint from inside a repository")
    running = session_env.identify(os.environ)
    session, log = find_log(
        root, args.session or (running[1] if running else None), running[0] if running else None
    )
    entries = list(evidence.read(log))
    changed, agent, categories, policy = facts("")
    relative, path, existing = _destination(args, policy.record.dir)
    logged = next((e.agent for e in entries if e.agent), None)
    data = draft.build(entries, changed, args.agent or agent or logged or "claude-code", categories)
    commands = len(data["commands"])
    if existing is not None:
        added = draft.merge_into(existing, data)
        write_merged(path, relative, existing)
        print(relative)
        gained = ", ".join(f"{n} {key}" for key, n in added.items() if n) or "nothing new"
        print(
            f"agentlint: merged session {session} ({len(entries)} tool calls) into the "
            f"branch's record {relative}: {gained}; update task, plan, assumptions and "
            f"rollback for this session's work, then `agentlint validate-record {relative}` "
            f"and `git add {relative}`",
            file=sys.stderr,
        )
    else:
        write(path, data)
        print(relative)
        print(
            f"agentlint: drafted a review record from session {session} ({len(entries)} tool "
            f"calls, {commands} command{'s' * (commands != 1)}) and {len(changed)} staged "
            f"file{'s' * (len(changed) != 1)}; fill in every <FILL IN: ...> marker (task, "
            f"plan, assumptions, rollback, what each attempt taught you), then "
            f"`agentlint validate-record {relative}` and `git add {relative}`",
            file=sys.stderr,
        )
    if any(e.event == "log-full" for e in entries):
        print(
            "agentlint: warning: the evidence log reached its size limit; calls after that "
            "are not in the draft",
            file=sys.stderr,
        )
    return 0


def _destination(args: argparse.Namespace, folder: str) -> tuple[str, str, Any]:
    """Where the draft goes, and the record already there (parsed for round-trip editing),
    or None. --force replaces an existing file instead of merging into it."""
    from agentlint.commands.record_new import destination

    if args.force:
        return (*destination(args, folder), None)
    forced = argparse.Namespace(**{**vars(args), "force": True})
    relative, path = destination(forced, folder)
    if not os.path.lexists(path):
        return relative, path, None
    return relative, path, _read_existing(path, relative)


def _read_existing(path: str, relative: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        with open(path, encoding="utf-8") as handle:
            data = YAML(typ="rt", pure=True).load(handle)
    except (OSError, UnicodeDecodeError, YAMLError) as exc:
        raise fail(
            f"cannot merge into {relative}: {exc}",
            where=relative,
            fix="fix the file (agentlint validate-record names the problem), "
            "or pass --force to replace it",
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("files", {}), dict):
        raise fail(
            f"cannot merge into {relative}: it is not a review record",
            where=relative,
            fix="pass --output for another file, or --force to replace it",
        )
    return data


def write_merged(path: str, relative: str, document: Any) -> None:
    """Write the merged record back through a temporary file, so a failure loses nothing."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt", pure=True)
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100
    tmp = f"{path}.agentlint-tmp"
    try:
        with open(tmp, "w", encoding="utf-8") as handle:
            yaml.dump(document, handle)
        os.replace(tmp, path)
    except OSError as exc:
        raise fail(f"cannot write the record: {exc.strerror}", where=relative) from None
