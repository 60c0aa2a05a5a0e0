"""The evidence log: one JSON line per tool call, under `.agentlint/runs/<session>.jsonl`.

A line holds the tool, the paths it touched, the command (redacted and cut short), its
exit status or a short error, `tool_use_id` and a UTC timestamp: never file contents,
output or environment values. Lines are appended with one `write` under an exclusive
lock, so hooks running side by side cannot interleave them, and a log stops growing at
MAX_BYTES with one `log-full` line saying so. The folder carries its own `.gitignore`.
"""

from __future__ import annotations

import os

from agentlint import structs

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

FOLDER = ".agentlint/runs"
MAX_BYTES = 4 << 20
MAX_PATHS = 100
MAX_ERROR = 300
# characters JSON leaves raw that line-based readers (Python's splitlines, JavaScript) break on
LINE_BREAKS = {c: f"\\u{c:04x}" for c in (0x85, 0x2028, 0x2029)}


class Entry(structs.Struct):
    """One line of the log, as read back."""

    event: str  # post | failure | denied | log-full
    tool: str
    paths: tuple[str, ...]
    write: bool
    command: str | None
    exit_status: int | None
    error: str | None
    tool_use_id: str | None
    ts: str
    kind: str = ""  # the action's kind (shell, read, edit...); lines before it had none
    agent: str = ""


class Evidence(structs.Struct):
    """A session's log, as the commit hook compares a review record with it."""

    session: str
    source: str  # the log's path, relative to the repository root
    entries: tuple[Entry, ...]
    unstaged: frozenset[str]  # edited since the session's last commit, and left out of it


def log_path(root: str, session: str) -> str:
    return os.path.join(root, FOLDER, f"{session}.jsonl")


def newest_log(root: str, agent: str | None = None) -> tuple[str, str] | None:
    """The session id and path of the newest log (of `agent`'s sessions, by the agent its
    first line names), or None."""
    try:
        logs = [e for e in os.scandir(os.path.join(root, FOLDER)) if e.name.endswith(".jsonl")]
    except OSError:
        return None
    for entry in sorted(logs, key=lambda e: e.stat().st_mtime_ns, reverse=True):
        if entry.is_file() and (agent is None or _agent_of(entry.path) == agent):
            return entry.name[: -len(".jsonl")], entry.path
    return None


def _agent_of(path: str) -> str | None:
    import json  # here and below: a commit with no evidence log never needs it

    try:
        with open(path, "rb") as handle:
            data = json.loads(handle.readline() or b"{}")
    except (OSError, ValueError):
        return None
    return str(data.get("agent", "claude-code")) if isinstance(data, dict) else None


def line_for(
    event: str,
    tool: str,
    paths: list[str],
    *,
    write: bool,
    command: str | None,
    exit_status: int | None,
    error: str | None,
    tool_use_id: str | None,
    ts: str,
    agent: str = "claude-code",
    kind: str | None = None,
) -> bytes:
    """One log line: the facts of a call, with secrets masked and sizes bounded."""
    from agentlint.evidence.redact import command_text, redact

    data: dict[str, Any] = {"v": 1, "ts": ts, "agent": agent, "event": event, "tool": tool}
    if kind:
        data["kind"] = kind
    if tool_use_id:
        data["tool_use_id"] = tool_use_id[:200]
    if paths:
        data["paths"] = [p[:1024] for p in paths[:MAX_PATHS]]
        data["write"] = write
    if command is not None:
        data["command"], cut = command_text(command)
        if cut:
            data["truncated"] = True
    if exit_status is not None:
        data["exit_status"] = exit_status
    if error:
        data["error"] = redact(error.strip().splitlines()[0] if error.strip() else "")[:MAX_ERROR]
    from agentlint import fastjson

    text = fastjson.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.translate(LINE_BREAKS) + "\n"  # one entry is one line for any reader
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate from the payload: JSON escapes say it
        return (fastjson.dumps(data, separators=(",", ":")) + "\n").encode()


def append(path: str, line: bytes) -> bool:
    """Append one line atomically; False when the log is full (it then says so once)."""
    folder = os.path.dirname(path)
    _ensure_folder(folder)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        _lock(fd)
        size = os.fstat(fd).st_size
        if size >= MAX_BYTES:
            return False
        fits = size + len(line) <= MAX_BYTES
        _write_all(fd, line if fits else b'{"v":1,"event":"log-full","tool":""}\n')
        return fits
    finally:
        os.close(fd)  # closing releases the lock


def _ensure_folder(folder: str) -> None:
    ignore = os.path.join(folder, ".gitignore")
    if os.path.exists(ignore):
        return
    os.makedirs(folder, exist_ok=True)
    try:
        fd = os.open(ignore, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return
    with os.fdopen(fd, "w") as handle:
        handle.write("# agentlint's evidence logs: local to this machine, never committed\n*\n")


def _lock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: O_APPEND still keeps one write together
        return
    fcntl.flock(fd, fcntl.LOCK_EX)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def read(path: str) -> Iterator[Entry]:
    """The log's entries in order. A line that does not parse is skipped: the log is
    evidence to compare with, never a reason to trust a claim."""
    import json

    with open(path, "rb") as handle:
        for raw in handle:
            try:
                data = json.loads(raw)
            except ValueError:
                continue
            if isinstance(data, dict):
                entry = _entry(data)
                if entry is not None:
                    yield entry


def _entry(data: dict[str, Any]) -> Entry | None:
    try:
        paths = tuple(str(p) for p in data.get("paths", ()))
        status = data.get("exit_status")
        return Entry(
            str(data["event"]),
            str(data.get("tool", "")),
            paths,
            bool(data.get("write", False)),
            data.get("command") if isinstance(data.get("command"), str) else None,
            status if isinstance(status, int) and not isinstance(status, bool) else None,
            data.get("error") if isinstance(data.get("error"), str) else None,
            data.get("tool_use_id") if isinstance(data.get("tool_use_id"), str) else None,
            str(data.get("ts", "")),
            _kind(data),
            str(data.get("agent", "claude-code")),
        )
    except (KeyError, TypeError):
        return None


def _kind(data: dict[str, Any]) -> str:
    kind = data.get("kind")
    if isinstance(kind, str):
        return kind
    return "shell" if data.get("tool") == "Bash" else ""
