"""A small on-disk cache of compiled policies and validated review records.

Loading a policy or a record from scratch costs ruamel.yaml, jsonschema, packaging and
pathspec imports (well over 100 ms); a hook runs on every commit, so the result is kept
under the user's cache directory. The key covers the file's content (git's blob id, or a
SHA-256 of the bytes), agentlint's version, its code and its schemas. A corrupt or
unreadable entry is ignored, never trusted. Set AGENTLINT_NO_CACHE=1 to bypass it.

Entries are in `marshal` form, which Python reads several times faster than JSON and
without importing `json`; each carries FORMAT, and its file name the marshal version of
the interpreter that wrote it. An entry that does not load, is not a dict, or carries
another key or format is ignored and rebuilt.

The cache only saves work: CI starts without one, and computes every verdict afresh.
"""

from __future__ import annotations

import marshal
import os

from agentlint import __version__
from agentlint.structs import memo

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_KEEP = 64
FORMAT = 2  # the layout of an entry: a dict with "key", "format" and the compiled data
# (2: each path pattern carries the literal it requires)
_SUFFIX = f".m{marshal.version}"


def directory() -> str | None:
    if os.environ.get("AGENTLINT_NO_CACHE"):
        return None
    explicit = os.environ.get("AGENTLINT_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "agentlint")


@memo()
def code_stamp() -> str:
    """Names, sizes and times of agentlint's code and schemas: any edit changes it."""
    here = os.path.dirname(os.path.abspath(__file__))
    folders = [here, os.path.join(here, "schemas"), os.path.join(os.path.dirname(here), "schemas")]
    folders += [os.path.join(here, d) for d in ("policy", "record")]
    parts = []
    for folder in folders:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith((".py", ".json")):
                stat = entry.stat()
                parts.append(f"{entry.path}:{stat.st_mtime_ns}:{stat.st_size}")
    return ";".join(parts)


def _digest(text: str) -> str:
    """A polynomial hash of `text` modulo a Mersenne prime: the same in every process
    (unlike hash()), computed in C, and without importing zlib or hashlib for it."""
    number = int.from_bytes(text.encode("utf-8", "surrogateescape"), "big") % 0x1FFFFFFFFFFFFFFF
    return f"{number:015x}"


def key(content_id: str) -> str:
    """The cache key for a config whose content is identified by `content_id`."""
    return f"{__version__}-{_digest(code_stamp())}-{content_id}"


def content_id(text: bytes | None, blob_id: str | None = None) -> str:
    """git's blob id when there is one; else a SHA-256 of the bytes; 'builtin' for none."""
    if text is None:
        return "builtin"
    if blob_id:
        return f"git-{blob_id}"
    import hashlib

    return f"sha256-{hashlib.sha256(text).hexdigest()}"


_LAST = "last-"  # pointer files: the key of the policy last loaded in a folder
_recalled: dict[str, str | None] = {}


def _pointer(folder: str, where: str) -> str:
    return os.path.join(folder, f"{_LAST}{_digest(where)}")


def recall(where: str) -> str | None:
    """The cache key of the policy last loaded from the folder `where` (a hint for reading
    it ahead: whoever uses it still compares keys), or None."""
    folder = directory()
    if folder is None:
        return None
    try:
        with open(_pointer(folder, where), "rb") as handle:
            found: str | None = handle.read(512).decode("ascii")
    except (OSError, UnicodeDecodeError):
        found = None
    _recalled[where] = found
    return found


def remember(where: str, cache_key: str) -> None:
    """Note `cache_key` as the policy loaded from `where`, unless it is noted already."""
    folder = directory()
    if folder is None:
        return
    if where not in _recalled:
        recall(where)
    if _recalled.get(where) == cache_key:
        return
    try:
        with open(_pointer(folder, where), "w", encoding="ascii") as handle:
            handle.write(cache_key)
    except (OSError, UnicodeEncodeError):
        return
    _recalled[where] = cache_key


def _path(folder: str, kind: str, cache_key: str) -> str:
    return os.path.join(folder, f"{kind}-{cache_key}{_SUFFIX}")


def read(cache_key: str, kind: str = "policy") -> dict[str, Any] | None:
    folder = directory()
    if folder is None:
        return None
    try:
        with open(_path(folder, kind, cache_key), "rb") as handle:
            data = marshal.loads(handle.read())
    except (OSError, ValueError, EOFError, TypeError):  # missing, truncated or damaged
        return None
    if not isinstance(data, dict) or data.get("key") != cache_key:
        return None
    return data if data.get("format") == FORMAT else None


def write(cache_key: str, compiled: dict[str, Any], kind: str = "policy") -> None:
    folder = directory()
    if folder is None:
        return
    import tempfile

    try:
        content = marshal.dumps({**compiled, "key": cache_key, "format": FORMAT})
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{kind}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(tmp, _path(folder, kind, cache_key))
        _prune(folder, kind)
    except OSError:
        return


def _prune(folder: str, kind: str) -> None:
    """Keep the newest _KEEP entries of `kind` (older formats' files too: `.json`), and
    the newest _KEEP pointer files."""
    import contextlib  # here, after a cache miss, rather than on every hook's path

    names = os.listdir(folder)
    entries = [
        os.path.join(folder, n)
        for n in names
        if n.startswith(f"{kind}-") and not n.endswith(".tmp")
    ]
    entries.sort(key=os.path.getmtime)
    pointers = sorted(
        (os.path.join(folder, n) for n in names if n.startswith(_LAST)), key=os.path.getmtime
    )
    for old in entries[:-_KEEP] + pointers[:-_KEEP]:
        with contextlib.suppress(OSError):
            os.unlink(old)
