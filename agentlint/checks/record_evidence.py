"""The review record against the agent session's evidence log (AL103, AL106).

The commit hook runs inside a Claude Code session ($CLAUDE_CODE_SESSION_ID) whose log the
guard's hooks wrote. A record that claims a passing test, lint or build command the log
never saw pass, or a session edit left out of both the commit and the record, is a
finding: the log is what the agent did, the record is what it says it did.
"""

from __future__ import annotations

from agentlint.evidence.log import Entry, Evidence
from agentlint.evidence.redact import MAX_COMMAND, redact
from agentlint.findings import Finding
from agentlint.record.load import Loaded

CHECKED_KINDS = ("test", "lint", "build")


def check_evidence(
    records: list[Loaded], evidence: Evidence, earlier: list[Loaded]
) -> list[Finding]:
    """`earlier`: the same records before the change. A command they already claimed
    comes from an earlier session, whose log this one does not have: it is judged only
    if this session ran it too and its last run here failed."""
    before = {normalise(c["run"]) for r in earlier for c in r.data.get("commands", [])}
    return _claimed_runs(records, evidence, before) + _left_out(records, evidence)


def normalise(command: str) -> str:
    return " ".join(redact(command).split())[:MAX_COMMAND]


def _runs(entries: tuple[Entry, ...], claimed: str) -> list[Entry]:
    out = []
    for entry in entries:
        if entry.kind != "shell" or not entry.command or entry.event not in ("post", "failure"):
            continue
        logged = " ".join(entry.command.split())
        cut = len(entry.command) >= MAX_COMMAND
        if logged == claimed or (cut and claimed.startswith(logged)):
            out.append(entry)
    return out


def _claimed_runs(records: list[Loaded], evidence: Evidence, before: set[str]) -> list[Finding]:
    findings, seen = [], set()
    for record in records:
        for i, command in enumerate(record.data["commands"]):
            claimed = normalise(command["run"])
            if command["exit_status"] != 0 or command["kind"] not in CHECKED_KINDS:
                continue
            if claimed in seen:
                continue  # one finding a command
            seen.add(claimed)
            runs = _runs(evidence.entries, claimed)
            if not runs and claimed in before:
                continue  # claimed in an earlier session, and not run in this one
            if not runs:
                problem = "but the session's evidence log never saw it run"
            elif runs[-1].exit_status not in (0, None) or runs[-1].event == "failure":
                status = runs[-1].exit_status if runs[-1].exit_status is not None else "non-zero"
                problem = f"but its last run in the session's evidence log exited {status}"
            else:
                continue
            findings.append(
                Finding(
                    "AL106",
                    f"the record says `{command['run']}` passed, {problem} "
                    f"({evidence.source}); run it, and record what it really returned",
                    record.source,
                    record.line("commands", i),
                )
            )
    return findings


def _left_out(records: list[Loaded], evidence: Evidence) -> list[Finding]:
    listed = {p for r in records for p in r.data["files"]["changed"]}
    return [
        Finding(
            "AL103",
            f"the session's evidence log ({evidence.source}) shows the agent edited this "
            "file, but the edit is neither in this commit nor in the record's files.changed; "
            "stage it and list it, or undo it",
            path,
        )
        for path in sorted(evidence.unstaged - listed)
    ]
