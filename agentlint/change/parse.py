"""Pure parsers for the NUL-separated output of git diff, git log and trailer lists.

Paths stay exactly as git stores them: bytes that are not UTF-8 survive as surrogate
escapes, and newlines or spaces in names are ordinary characters.
"""

from __future__ import annotations

import re

from agentlint import structs
from agentlint.change.model import FileChange, Identity, Trailer
from agentlint.errors import fail

# ":100644 100644 <sha> <sha> M" or, for a merge's combined diff, "::mode mode mode ... MM"
_RAW = re.compile(rb"\n?(:+)((?:[0-7]{6} )+)((?:[0-9a-f]+ )+)([A-Z]+)([0-9]*)")
_NUMSTAT = re.compile(rb"\n?([0-9]+|-)\t([0-9]+|-)\t(.*)", re.S)
_HEX = re.compile(rb"[0-9a-f]{40}(?:[0-9a-f]{24})?")
_IDENT = re.compile(r"\s*([^<>]*?)\s*<([^<>]*)>\s*")

LOG_FIELDS = ("%H", "%P", "%an", "%ae", "%cn", "%ce", "%B", "%(trailers:only,unfold)")
LOG_FORMAT = "%x00".join(LOG_FIELDS)


def decode(raw: bytes) -> str:
    """Decode git output as UTF-8, keeping undecodable bytes as surrogate escapes."""
    return raw.decode("utf-8", "surrogateescape")


class _Raw(structs.Struct):
    status: str
    old_mode: str
    new_mode: str
    paths: tuple[str, ...]
    old_id: str | None
    new_id: str | None


class _Numstat(structs.Struct):
    added: int | None
    deleted: int | None


def _parse_entries(tokens: list[bytes], i: int) -> tuple[list[_Raw], list[_Numstat], int]:
    """Read raw and numstat entries from tokens[i:] until something else starts."""
    raws: list[_Raw] = []
    stats: list[_Numstat] = []
    while i < len(tokens):
        token = tokens[i]
        if not token:
            i += 1
            continue
        raw = _RAW.fullmatch(token)
        if raw and stats:
            raise _malformed("a raw entry after numstat entries")
        if raw:
            status = decode(raw.group(4))
            combined = len(raw.group(1)) > 1
            count = 2 if not combined and status[0] in "RC" else 1
            modes = raw.group(2).split()
            paths = tuple(decode(p) for p in tokens[i + 1 : i + 1 + count])
            if len(paths) != count or not all(paths):
                raise _malformed("a diff entry is missing its path")
            ids = [_object_id(i) for i in raw.group(3).split()]
            raws.append(_Raw(status, decode(modes[0]), decode(modes[-1]), paths, ids[0], ids[-1]))
            i += 1 + count
            continue
        stat = _NUMSTAT.fullmatch(token)
        if stat:
            added = None if stat.group(1) == b"-" else int(stat.group(1))
            deleted = None if stat.group(2) == b"-" else int(stat.group(2))
            stats.append(_Numstat(added, deleted))
            i += 3 if stat.group(3) == b"" else 1
            continue
        break
    return raws, stats, i


def _object_id(raw: bytes) -> str | None:
    """A blob id from a raw diff line; None for git's all-zero "nothing here"."""
    return decode(raw) if raw.strip(b"0") else None


def _malformed(what: str) -> Exception:
    return fail(
        f"unexpected output from git ({what})",
        fix="check that git is 2.34 or newer; report this if it persists",
    )


def parse_diff(out: bytes) -> tuple[FileChange, ...]:
    """Parse `git diff -z --raw --numstat` output."""
    tokens = out.split(b"\0")
    raws, stats, i = _parse_entries(tokens, 0)
    if any(tokens[i:]):
        raise _malformed("trailing diff output")
    return _pair(raws, stats)


def _pair(raws: list[_Raw], stats: list[_Numstat]) -> tuple[FileChange, ...]:
    if stats and len(stats) != len(raws):
        raise _malformed("raw and numstat entries disagree")
    files = []
    for n, raw in enumerate(raws):
        stat = stats[n] if stats else _Numstat(0, 0)
        old = raw.paths[0] if len(raw.paths) == 2 else None
        status = raw.status[0] if len(raw.status) == 1 or raw.status[0] in "RC" else "M"
        files.append(
            FileChange(
                raw.paths[-1],
                status,
                old,
                stat.added,
                stat.deleted,
                raw.old_mode,
                raw.new_mode,
                raw.old_id,
                raw.new_id,
            )
        )
    return tuple(files)


class LogEntry(structs.Struct):
    sha: str
    parents: tuple[str, ...]
    author: Identity
    committer: Identity
    message: str
    trailers: tuple[Trailer, ...]
    files: tuple[FileChange, ...]


def parse_log(out: bytes) -> list[LogEntry]:
    """Parse `git log -z --format=LOG_FORMAT [--raw] [--numstat]` output."""
    tokens = out.split(b"\0")
    entries: list[LogEntry] = []
    i = 0
    width = len(LOG_FIELDS)
    while i < len(tokens):
        if not tokens[i].strip(b"\n"):
            i += 1
            continue
        meta = tokens[i : i + width]
        if len(meta) != width or not _HEX.fullmatch(meta[0].strip(b"\n")):
            raise _malformed("a commit record does not start with its id")
        raws, stats, i = _parse_entries(tokens, i + width)
        sha, parents, an, ae, cn, ce, body, trailers = (decode(t) for t in meta)
        entries.append(
            LogEntry(
                sha.strip(),
                tuple(parents.split()),
                Identity(an, ae),
                Identity(cn, ce),
                body,
                parse_trailers(trailers),
                _pair(raws, stats),
            )
        )
    return entries


def parse_trailers(text: str) -> tuple[Trailer, ...]:
    """Parse git's normalised trailer listing, one `Key: value` a line."""
    trailers = []
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            trailers.append(Trailer(key.strip(), value.strip()))
    return tuple(trailers)


def parse_identity(value: str) -> Identity | None:
    """`Name <email>` as git writes identities; None when it is not one."""
    match = _IDENT.fullmatch(value)
    if not match or "@" not in match.group(2):
        return None
    return Identity(match.group(1), match.group(2).strip())


_BARE_EMAIL = re.compile(r"\s*<?([^\s<>@]+@[^\s<>@]+)>?\s*")


def parse_signoff(value: str) -> Identity | None:
    """The identity in an `Approved-by:`/`Reviewed-by:` value: `Name <email>`, or a bare
    address (`alice@example.com`, `<alice@example.com>`), which git reads as a trailer too
    and which names the same person."""
    found = parse_identity(value)
    if found is not None:
        return found
    bare = _BARE_EMAIL.fullmatch(value)
    return Identity(bare.group(1), bare.group(1)) if bare else None


def parse_ident_line(value: str) -> Identity | None:
    """`Name <email> 1700000000 +0000` as `git var` prints it."""
    head, sep, _ = value.rpartition(">")
    return parse_identity(head + sep) if sep else None


def parse_remerge(out: bytes) -> dict[str, tuple[str, ...]]:
    """Parse `git log -z --format=%H --raw --diff-merges=remerge`: the paths each merge
    changes beyond git's own merge of its parents."""
    tokens = out.split(b"\0")
    found: dict[str, tuple[str, ...]] = {}
    i = 0
    while i < len(tokens):
        token = tokens[i].strip(b"\n")
        if not token:
            i += 1
            continue
        if not _HEX.fullmatch(token):
            raise _malformed("a merge record does not start with its id")
        raws, _, i = _parse_entries(tokens, i + 1)
        found[decode(token)] = tuple(p for raw in raws for p in raw.paths)
    return found
