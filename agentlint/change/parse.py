"""Pure parsers for the NUL-separated output of git diff, git log and trailer lists.

Paths stay exactly as git stores them: bytes that are not UTF-8 survive as surrogate
escapes, and newlines or spaces in names are ordinary characters.
"""

from __future__ import annotations

from agentlint import structs
from agentlint.change.model import FileChange, Identity, Trailer
from agentlint.errors import fail

# The parsers read git's fields with string operations, not `re`: importing `re` (and the
# `enum` and `functools` it brings) costs a hook more than all of its own parsing.
# tests/change/test_parse_properties.py checks each against the regex it stands for.
_HEXDIGITS = b"0123456789abcdef"
_UPPER = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"

LOG_FIELDS = ("%H", "%P", "%an", "%ae", "%cn", "%ce", "%B", "%(trailers:only,unfold)")
LOG_FORMAT = "%x00".join(LOG_FIELDS)


def decode(raw: bytes) -> str:
    """Decode git output as UTF-8, keeping undecodable bytes as surrogate escapes."""
    return raw.decode("utf-8", "surrogateescape")


# A raw entry: status, old mode, new mode, paths, old id, new id. A numstat entry: lines
# added and deleted (None for a binary file). Plain tuples: a change of 1,000 files makes
# 2,000 of them, before the FileChanges they become.
TYPE_CHECKING = False
if TYPE_CHECKING:
    _Raw = tuple[str, str, str, tuple[str, ...], str | None, str | None]
    _Numstat = tuple[int | None, int | None]


def _parse_entries(tokens: list[bytes], i: int) -> tuple[list[_Raw], list[_Numstat], int]:
    """Read raw and numstat entries from tokens[i:] until something else starts."""
    raws: list[_Raw] = []
    stats: list[_Numstat] = []
    while i < len(tokens):
        token = tokens[i]
        if not token:
            i += 1
            continue
        raw = raw_fields(token)
        if raw and stats:
            raise _malformed("a raw entry after numstat entries")
        if raw:
            colons, modes, object_ids, letters = raw
            status = decode(letters)
            count = 2 if colons == 1 and status[0] in "RC" else 1
            paths = tuple(
                [p.decode("utf-8", "surrogateescape") for p in tokens[i + 1 : i + 1 + count]]
            )
            if len(paths) != count or not all(paths):
                raise _malformed("a diff entry is missing its path")
            old_id, new_id = object_ids[0], object_ids[-1]
            raws.append(
                (
                    status,
                    modes[0].decode("ascii"),
                    modes[-1].decode("ascii"),
                    paths,
                    old_id.decode("ascii") if old_id.strip(b"0") else None,
                    new_id.decode("ascii") if new_id.strip(b"0") else None,
                )
            )
            i += 1 + count
            continue
        stat = numstat_fields(token)
        if stat:
            added_text, deleted_text, path = stat
            added = None if added_text == b"-" else int(added_text)
            deleted = None if deleted_text == b"-" else int(deleted_text)
            stats.append((added, deleted))
            i += 3 if path == b"" else 1
            continue
        break
    return raws, stats, i


def _is_hex(word: bytes) -> bool:
    return bool(word) and not word.strip(_HEXDIGITS)


def is_object_id(word: bytes) -> bool:
    """A full SHA-1 or SHA-256 object id in lower-case hex."""
    return len(word) in (40, 64) and _is_hex(word)


def raw_fields(token: bytes) -> tuple[int, list[bytes], list[bytes], bytes] | None:
    """A `--raw` entry's colons, modes, object ids and status letters, or None when the
    token is not one: ":100644 100644 <id> <id> M" (a score may follow the letters) or,
    for a merge's combined diff, "::mode mode mode id id id MM". As the regex
    `\\n?(:+)((?:[0-7]{6} )+)((?:[0-9a-f]+ )+)([A-Z]+)([0-9]*)` reads it: the modes are
    the leading six-digit octal words, all but the last word before the status if need be."""
    body = token[1:] if token[:1] == b"\n" else token
    rest = body.lstrip(b":")
    colons = len(body) - len(rest)
    words = rest.split(b" ")
    if not colons or len(words) < 3:
        return None
    if len(words) == 5:  # the usual entry, two modes and two full ids, read in one go
        old_mode, new_mode, old_id, new_id, status = words
        if (
            len(old_mode) == len(new_mode) == 6
            and len(old_id) > 6  # so not a third mode
            and new_id
            and not (old_mode + new_mode).strip(b"01234567")
            and not (old_id + new_id).strip(_HEXDIGITS)
        ):
            letters = status.rstrip(b"0123456789")
            if not letters or letters.strip(_UPPER):
                return None
            return colons, [old_mode, new_mode], [old_id, new_id], letters
    letters = words[-1].rstrip(b"0123456789")
    if not letters or letters.strip(_UPPER):
        return None
    middle = words[:-1]
    if not all(_is_hex(word) for word in middle):
        return None
    modes = 0
    while (
        modes < len(middle) - 1 and len(middle[modes]) == 6 and not middle[modes].strip(b"01234567")
    ):
        modes += 1
    if not modes:
        return None
    return colons, middle[:modes], middle[modes:], letters


def numstat_fields(token: bytes) -> tuple[bytes, bytes, bytes] | None:
    """A `--numstat` entry's added and deleted counts (digits, or `-` for a binary file)
    and the path that follows (empty for a rename, whose two paths come as tokens), or None
    when the token is not one."""
    body = token[1:] if token[:1] == b"\n" else token
    fields = body.split(b"\t", 2)
    if len(fields) != 3:
        return None
    for count in fields[:2]:
        if count != b"-" and not (count and count.isdigit()):
            return None
    return fields[0], fields[1], fields[2]


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
    for n, (letters, old_mode, new_mode, paths, old_id, new_id) in enumerate(raws):
        added, deleted = stats[n] if stats else (0, 0)
        old = paths[0] if len(paths) == 2 else None
        status = letters[0] if len(letters) == 1 or letters[0] in "RC" else "M"
        files.append(
            FileChange(paths[-1], status, old, added, deleted, old_mode, new_mode, old_id, new_id)
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
        if len(meta) != width or not is_object_id(meta[0].strip(b"\n")):
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
    """`Name <email>` as git writes identities; None when it is not one. One pair of angle
    brackets, nothing but white space after it, and an `@` inside."""
    head, _, rest = value.partition("<")
    email, closed, tail = rest.partition(">")
    if not closed or ">" in head or "<" in email or tail.strip() or "@" not in email:
        return None
    return Identity(head.strip(), email.strip())


def bare_email(text: str) -> str | None:
    """`someone@host` or `<someone@host>` (either bracket may be missing): the address, or
    None. No white space, angle bracket or second `@` inside."""
    inner = text[1:] if text.startswith("<") else text
    inner = inner[:-1] if inner.endswith(">") else inner
    user, _, host = inner.partition("@")
    if not (user and host) or "@" in host or inner.split() != [inner]:
        return None
    return None if "<" in inner or ">" in inner else inner


def parse_signoff(value: str) -> Identity | None:
    """The identity in an `Approved-by:`/`Reviewed-by:` value: `Name <email>`, or a bare
    address (`alice@example.com`, `<alice@example.com>`), which git reads as a trailer too
    and which names the same person."""
    found = parse_identity(value)
    if found is not None:
        return found
    bare = bare_email(value.strip())
    return Identity(bare, bare) if bare else None


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
        if not is_object_id(token):
            raise _malformed("a merge record does not start with its id")
        raws, _, i = _parse_entries(tokens, i + 1)
        found[decode(token)] = tuple(p for raw in raws for p in raw[3])
    return found
