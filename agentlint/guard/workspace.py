"""Where a hook runs: the repository root, and paths made relative to it.

Claude Code sends absolute paths. The guard judges them as the repository-relative paths
the policy's patterns speak of; a path that leaves the repository is `outside`.
"""

from __future__ import annotations

import glob
import os
from typing import NamedTuple

MAX_EXPANDED = 2000


class Place(NamedTuple):
    relative: str | None  # repository-relative with `/`; None when outside the repository
    absolute: str


def find_root(*starts: str | None) -> str | None:
    """The work tree holding the first start folder that is in one (a `.git` folder or
    file marks it), without asking git: the guard runs before every tool call."""
    for start in starts:
        if not start:
            continue
        folder = os.path.abspath(start)
        while True:
            if os.path.lexists(os.path.join(folder, ".git")):
                return folder
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
    return None


def places(path: str, cwd: str, root: str | None) -> list[Place]:
    """The path as written, and where symbolic links really lead, when that differs."""
    absolute = os.path.normpath(os.path.join(cwd, os.path.expanduser(path)))
    found = [_place(absolute, root)]
    try:
        real = os.path.realpath(absolute)
    except (OSError, ValueError):
        real = absolute
    if real != absolute and root is not None:
        real_root = os.path.realpath(root)
        found.append(_place(real, real_root if real.startswith(real_root + os.sep) else root))
    return found


def _place(absolute: str, root: str | None) -> Place:
    if root is None:
        return Place(None, absolute)
    rel = os.path.relpath(absolute, root).replace(os.sep, "/")
    if rel == ".." or rel.startswith("../") or os.path.isabs(rel):
        return Place(None, absolute)
    return Place(rel, absolute)


def expand(path: str, cwd: str, *, walk: bool) -> list[str]:
    """A shell word as the files it may stand for: glob matches and, with `walk`, the
    files inside a folder (bounded); the word itself always comes first. Only writes walk:
    `rm -rf dir` deletes what is inside, while `grep -r x .` is judged by its words."""
    full = os.path.join(cwd, os.path.expanduser(path))
    out = [path]
    if any(c in path for c in "*?["):
        out += glob.glob(full, recursive=False)[:MAX_EXPANDED]
    if not walk:
        return out
    folders = [p for p in [*out[1:], full] if os.path.isdir(p) and not os.path.islink(p)]
    for folder in folders:
        for top, dirs, files in os.walk(folder):
            dirs[:] = [d for d in dirs if d != ".git"]
            out += [os.path.join(top, f) for f in files]
            if len(out) > MAX_EXPANDED:
                return out[:MAX_EXPANDED]
    return out
