"""The records a change is made of. Plain immutable data; no git, no I/O."""

from __future__ import annotations

from agentlint import structs

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Literal

    from agentlint.evidence.log import Evidence

    Mode = Literal["staged", "commit", "range"]


class Identity(structs.Struct):
    name: str
    email: str

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class Trailer(structs.Struct):
    key: str
    value: str


class Signature(structs.Struct):
    """What git says of a commit's signature: %G? status, %GS signer and %GK key."""

    status: str
    signer: str
    key: str = ""


class Commit(structs.Struct):
    """One commit, or (sha None) the commit being made at the commit-msg stage."""

    sha: str | None
    parents: tuple[str, ...]
    author: Identity
    committer: Identity
    message: str
    trailers: tuple[Trailer, ...]
    paths: tuple[str, ...]
    signature: Signature | None = None
    env_markers: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"commit {self.sha[:12]}" if self.sha else "the commit being made"


class FileChange(structs.Struct):
    """One entry of the net diff. `old_path` is set for renames and copies."""

    path: str
    status: str
    old_path: str | None = None
    added: int | None = 0
    deleted: int | None = 0
    old_mode: str = "000000"
    new_mode: str = "000000"
    old_id: str | None = None  # git's object id before and after (None: absent, or unknown)
    new_id: str | None = None

    @property
    def is_binary(self) -> bool:
        return self.added is None

    @property
    def paths(self) -> tuple[str, ...]:
        return (self.old_path, self.path) if self.old_path else (self.path,)


class RecordBlob(structs.Struct):
    """A review record file on both sides of the change (None: not in that tree)."""

    path: str
    named_by: str | None  # label of the commit whose Agent-Record trailer names it
    before: bytes | None
    after: bytes | None
    after_id: str | None = None  # git's blob id of `after`


class TestFile(structs.Struct):
    """A test file on both sides of the change (None: not in that tree, or binary)."""

    path: str  # after the change (the old path when deleted)
    old_path: str | None  # before a rename or copy
    deleted: bool
    before: bytes | None
    after: bytes | None


class Change(structs.Struct):
    """What is checked: the commits (oldest first) and the net diff they make."""

    mode: Mode
    base: str | None
    head: str | None
    commits: tuple[Commit, ...]
    files: tuple[FileChange, ...]
    pr_message: str | None = None
    pr_trailers: tuple[Trailer, ...] = ()
    attributes: dict[str, frozenset[str]] = {}  # noqa: RUF012 - read-only by convention
    records: tuple[RecordBlob, ...] = ()
    tests: tuple[TestFile, ...] = ()
    evidence: Evidence | None = None  # the agent session's log, when the hook runs in one
    # the files of the tree after the change that hold one of some texts, by name suffix
    # (see extras.files_holding): asked only where a finding is about to be raised
    holding: Callable[..., dict[str, bytes]] | None = None

    @property
    def paths(self) -> tuple[str, ...]:
        """Every path the net diff touches, both sides of renames included."""
        return tuple(p for f in self.files for p in f.paths)
