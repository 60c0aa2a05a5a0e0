"""`agentlint record draft [--session ID]`: a review record drafted from a Claude Code
session's evidence log and the staged change.

The session is --session, else $CLAUDE_CODE_SESSION_ID, else the newest log. Like
`record new`, it writes one new file and touches nothing else.
"""

from __future__ import annotations

import argparse
import os
import sys

from agentlint.claude import evidence, payload, workspace
from agentlint.errors import fail


def find_log(root: str, session: str | None) -> tuple[str, str]:
    """The session id and the path of its evidence log."""
    folder = os.path.join(root, evidence.FOLDER)
    if session:
        if not payload.SESSION.match(session):
            raise fail(f"{session!r} is not a session id", fix="pass the id Claude Code shows")
        path = evidence.log_path(root, session)
        if not os.path.isfile(path):
            raise fail(
                f"no evidence log for session {session}",
                where=os.path.relpath(path, root),
                fix="install the hooks with `agentlint setup claude`, or pass another --session",
            )
        return session, path
    try:
        logs = [e for e in os.scandir(folder) if e.name.endswith(".jsonl") and e.is_file()]
    except OSError:
        logs = []
    if not logs:
        raise fail(
            "there is no evidence log to draft from",
            where=evidence.FOLDER,
            fix="run Claude Code with agentlint's hooks (`agentlint setup claude`), "
            "or start a record with `agentlint record new`",
        )
    newest = max(logs, key=lambda e: e.stat().st_mtime_ns)
    return newest.name[: -len(".jsonl")], newest.path


def run(args: argparse.Namespace) -> int:
    from agentlint.claude import draft
    from agentlint.commands.record_new import destination, facts, write

    root = workspace.find_root(os.getcwd())
    if root is None:
        raise fail("not inside a git repository", fix="run agentlint from inside a repository")
    session, log = find_log(root, args.session or os.environ.get("CLAUDE_CODE_SESSION_ID"))
    entries = list(evidence.read(log))
    changed, agent, categories, policy = facts("")
    relative, path = destination(args, policy.record.dir)
    data = draft.build(entries, changed, args.agent or agent or "claude-code", categories)
    write(path, data)
    print(relative)
    commands = len(data["commands"])
    print(
        f"agentlint: drafted a review record from session {session} ({len(entries)} tool "
        f"calls, {commands} command{'s' * (commands != 1)}) and {len(changed)} staged "
        f"file{'s' * (len(changed) != 1)}; fill in every <FILL IN: ...> marker (task, plan, "
        f"assumptions, rollback, what each attempt taught you), then "
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
