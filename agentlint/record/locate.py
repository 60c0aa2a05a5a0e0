"""Which review records a change carries: those its commits name in an `Agent-Record:`
trailer, or else the record files it adds or updates under the policy's records folder.

A trailer names a path inside the repository's tree, never outside it: absolute paths,
`..` and `.` parts, and backslashes are refused before git is asked for anything.
"""

from __future__ import annotations

from agentlint import git, regex, structs
from agentlint.change.model import Change

TRAILER = "agent-record"
EXTENSIONS = (".yaml", ".yml", ".json")


class Wanted(structs.Struct):
    path: str
    named_by: str | None  # the commit label whose trailer named it


def bad_reason(value: str) -> str | None:
    """Why a trailer's value is not a path inside the repository, or None if it is."""
    if not value:
        return "it is empty"
    if value.startswith("/") or (len(value) > 1 and value[1] == ":"):
        return "it is an absolute path"
    if "\\" in value or "\0" in value:
        return "it contains a backslash or NUL"
    parts = value.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return "it has an empty, `.` or `..` part"
    if parts[0] == ".git":
        return "it points into .git"
    return None


def records(change: Change, judged: tuple[int, ...], folder: str) -> list[Wanted]:
    """The records to read. Trailers with a refused value name nothing here; the record
    check reports them (AL102)."""
    wanted: dict[str, Wanted] = {}
    named = False
    for n in judged:
        commit = change.commits[n]
        for trailer in commit.trailers:
            if trailer.key.lower() != TRAILER:
                continue
            named = True
            value = trailer.value.strip()
            if not bad_reason(value):
                wanted.setdefault(value, Wanted(value, commit.label))
    if named:
        return list(wanted.values())
    return [
        Wanted(f.path, None)
        for f in change.files
        if f.status != "D" and f.path.startswith(folder) and f.path.endswith(EXTENSIONS)
    ]


def default_path(folder: str) -> str:
    """The branch's record: `<folder><branch>.yaml` (`change.yaml` on a detached HEAD)."""
    code, out, _ = git.start("symbolic-ref", "--quiet", "--short", "HEAD", ok_codes=(0, 1)).wait()
    return folder + record_name(out.decode("utf-8", "replace").strip() if code == 0 else "")


def record_name(branch: str) -> str:
    """The file name of a branch's record: `fix/totals` -> `fix-totals.yaml`."""
    return (regex.compile(r"[^A-Za-z0-9._-]+").sub("-", branch).strip("-.") or "change") + ".yaml"
