"""A small on-disk cache of compiled policies, keyed by a hash of their text.

Loading a policy from scratch costs ruamel.yaml, jsonschema, packaging and pathspec
imports (about 150 ms); a hook runs on every commit, so the compiled result is kept under
the user's cache directory. A corrupt or unwritable cache is ignored, never trusted: the
key covers the config bytes, agentlint's version and its policy code.
Set AGENTLINT_NO_CACHE=1 to bypass it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from agentlint import __version__

_KEEP = 64


def directory() -> Path | None:
    if os.environ.get("AGENTLINT_NO_CACHE"):
        return None
    explicit = os.environ.get("AGENTLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "agentlint"


def key(text: bytes | None) -> str:
    digest = hashlib.sha256(f"{__version__}\0".encode())
    here = Path(__file__).parent
    for source in sorted(here.glob("*.py")):
        stat = source.stat()
        digest.update(f"{source.name}:{stat.st_mtime_ns}:{stat.st_size}\0".encode())
    digest.update(b"\0none" if text is None else b"\0text\0" + text)
    return digest.hexdigest()


def read(cache_key: str) -> dict[str, Any] | None:
    folder = directory()
    if folder is None:
        return None
    try:
        data = json.loads((folder / f"policy-{cache_key}.json").read_bytes())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("key") == cache_key else None


def write(cache_key: str, compiled: dict[str, Any]) -> None:
    folder = directory()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".policy-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({**compiled, "key": cache_key}, handle)
        os.replace(tmp, folder / f"policy-{cache_key}.json")
        _prune(folder)
    except OSError:
        return


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("policy-*.json"), key=lambda p: p.stat().st_mtime)
    for old in entries[:-_KEEP]:
        old.unlink(missing_ok=True)
