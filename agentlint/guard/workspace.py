"""Where a hook runs: the repository root, and paths made relative to it.

Claude Code sends absolute paths. The guard judges them as the repository-relative paths
the policy's patterns speak of; a path that leaves the repository is `outside`.
"""

from __future__ import annotations

import os

from agentlint import structs

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from agentlint.guard.reading import Walk

MAX_EXPANDED = 2000


class Place(structs.Struct):
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
        import glob  # only for a word with a wildcard: most calls have none

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


MAX_WALK = 20000  # files looked at by one recursive search


def walk(search: Walk, cwd: str, wanted: Callable[[str, str], bool] | None = None) -> Iterator[str]:
    """The files a recursive search of `search.folder` opens (bounded): `.git` is never
    entered; dot files only with `hidden`, or where an `include` glob names them with a
    leading dot; files and folders an `exclude` glob matches are skipped. With `wanted`
    (a folder and a name in, a bool out), only the files it keeps are looked at further:
    a cheap first sieve."""
    top = os.path.normpath(os.path.join(cwd, os.path.expanduser(search.folder)))
    try:
        top.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return  # no file system holds this name: nothing to open
    include = [p for g in search.include for p in braces(g)]
    exclude = [p for g in search.exclude for p in braces(g)]
    dotted = search.hidden or any(_names_dot(g) for g in include)
    if not os.path.isdir(top):
        if os.path.lexists(top):
            yield top
        return
    seen = 0
    for folder, dirs, files in os.walk(top, followlinks=search.follow):
        rel = os.path.relpath(folder, top).replace(os.sep, "/")
        rel = "" if rel == "." else rel + "/"
        dirs[:] = [
            d
            for d in dirs
            if d != ".git" and (dotted or d[0] != ".") and not _matches(exclude, d, rel + d)
        ]
        for name in files:
            seen += 1
            if seen > MAX_WALK:
                return
            if wanted is not None and not wanted(folder, name):
                continue
            if _matches(exclude, name, rel + name):
                continue
            if include and not _matches(include, name, rel + name):
                continue
            if name[0] == "." and not search.hidden and not (include and dotted):
                continue
            yield os.path.join(folder, name)


def _names_dot(glob: str) -> bool:
    return any(part.startswith(".") for part in glob.split("/"))


def _matches(globs: list[str], name: str, relative: str) -> bool:
    if not globs:
        return False
    import fnmatch  # only for searches with --include/--exclude globs

    for given in globs:
        pattern = given.strip("/")
        anywhere = "/" not in pattern or pattern.startswith("**/")
        if anywhere and fnmatch.fnmatchcase(name, pattern.removeprefix("**/")):
            return True
        if fnmatch.fnmatchcase(relative, pattern):
            return True
    return False


def braces(glob: str) -> list[str]:
    """`*.{ts,tsx}` as `*.ts` and `*.tsx`, as ripgrep's globs read braces (bounded)."""
    start = glob.find("{")
    end = glob.find("}", start + 1)
    if start < 0 or end < 0:
        return [glob]
    head, tail = glob[:start], glob[end + 1 :]
    return [x for alt in glob[start + 1 : end].split(",")[:32] for x in braces(head + alt + tail)][
        :256
    ]


def folds_case(root: str) -> bool:
    """Whether the file system under `root` ignores case: one probe of `.git` as `.GIT`."""
    try:
        return os.path.samefile(os.path.join(root, ".git"), os.path.join(root, ".GIT"))
    except (OSError, ValueError):  # a name no file system can hold
        return False
