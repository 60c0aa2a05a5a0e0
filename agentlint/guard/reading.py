"""What reading a shell command finds, as plain data: the guard's decision uses these for
every call, and only a shell call needs the reading itself (agentlint.guard.shell)."""

from __future__ import annotations

from agentlint import structs


class Walk(structs.Struct):
    """A recursive read of a folder: every file under it that the search would open."""

    folder: str
    cwd: str
    hidden: bool  # dot files and folders are read
    include: tuple[str, ...]  # only names matching one of these globs (none: all)
    exclude: tuple[str, ...]  # names and folders matching one of these are skipped
    write: bool = False  # `find -delete`, `find -exec rm {} +`
    follow: bool = False  # links to folders are entered (`grep -R`, `rg -L`)


class Patch(structs.Struct):
    """A patch that a command applies: from a file, or given inline (a here-document)."""

    source: str | None  # the patch file as written
    text: str | None
    cwd: str
    strip: int | None  # -pN; None when the tool's default applies


class Inspection(structs.Struct):
    bypasses: list[str]  # reasons
    writes: list[tuple[str, str]]  # (word, cwd)
    reads: list[tuple[str, str]]
    mentions: list[tuple[str, str]]  # words that are reads if they name an existing file
    walks: list[Walk]
    patches: list[Patch]
    unknown: list[str]  # writes whose files cannot be known: reasons


def empty() -> Inspection:
    return Inspection([], [], [], [], [], [], [])
