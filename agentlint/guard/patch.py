"""The files a patch touches, read from its text: Codex's `apply_patch` format and unified
diffs (`git diff`, `diff -u`). Both sides of a move count. Pure and linear: a patch is
read line by line, and its hunks are never applied or trusted.

A patch is untrusted input: a name that is empty or not a relative path the patch could
write is kept as it is, so the guard judges it (an absolute path is outside the
repository, `..` leaves it)."""

from __future__ import annotations

from agentlint import structs

CODEX_BEGIN = "*** Begin Patch"
CODEX_HEADERS = {
    "*** Add File: ": "add",
    "*** Update File: ": "update",
    "*** Delete File: ": "delete",
    "*** Move to: ": "move",
}


class Touched(structs.Struct):
    path: str
    op: str  # add | update | delete | move (the destination of a move)


def is_patch(text: str) -> bool:
    """Whether `text` holds a patch in a format agentlint reads."""
    head = text.lstrip()[:4096]
    return (
        head.startswith(CODEX_BEGIN)
        or "\n*** Begin Patch" in head
        or head.startswith(("diff --git ", "--- "))
        or "\ndiff --git " in text
        or ("\n--- " in text and "\n+++ " in text)
    )


def touched(text: str) -> list[Touched]:
    """Every file the patch writes, in order, without repeats."""
    found: dict[tuple[str, str], None] = {}
    lines = text.splitlines()
    if any(line.strip() == CODEX_BEGIN for line in lines[:50]) or "\n*** Begin Patch" in text:
        for line in lines:
            for prefix, op in CODEX_HEADERS.items():
                if line.startswith(prefix):
                    found[(line[len(prefix) :].strip(), op)] = None
    _unified(lines, found)
    return [Touched(path, op) for path, op in found if path]


def _unified(lines: list[str], found: dict[tuple[str, str], None]) -> None:
    for i, line in enumerate(lines):
        if line.startswith("diff --git "):
            for side in _git_sides(line[len("diff --git ") :]):
                found[(side, "update")] = None
        elif line.startswith(("rename from ", "copy from ")):
            found[(line.split(" ", 2)[2], "delete" if line[0] == "r" else "update")] = None
        elif line.startswith(("rename to ", "copy to ")):
            found[(line.split(" ", 2)[2], "move")] = None
        elif line.startswith("--- ") and i + 1 < len(lines) and lines[i + 1].startswith("+++ "):
            old, new = _side(line[4:]), _side(lines[i + 1][4:])
            if new is None and old is not None:
                found[(old, "delete")] = None
            elif new is not None:
                found[(new, "add" if old is None else "update")] = None
                if old is not None and old != new:
                    found[(old, "delete")] = None


def _side(text: str) -> str | None:
    """A `---`/`+++` name without its `a/`/`b/` prefix or timestamp; None for /dev/null."""
    name = text.split("\t", 1)[0].rstrip()
    if name.startswith('"') and name.endswith('"') and len(name) > 1:
        name = name[1:-1]
    if name == "/dev/null":
        return None
    return name[2:] if name.startswith(("a/", "b/")) else name


def _git_sides(rest: str) -> list[str]:
    """The two names of `diff --git a/X b/Y` (X and Y may hold spaces when equal)."""
    if rest.startswith("a/") and " b/" in rest:
        half = (len(rest) - 1) // 2
        if rest[:half][2:] == rest[half + 1 :][2:]:
            return [rest[:half][2:]]
        old, _, new = rest.partition(" b/")
        return [old[2:], new]
    return []
