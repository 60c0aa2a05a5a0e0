"""The shape of a range's history, as plain data: which commit each difference is
charged to, and which commits are ancestors of which. No git, no I/O.

A merge is charged with what it changes beyond git's own merge of its parents (git's
remerge diff), so an honest merge of main adds nothing, while a merge that restores an
old file or drops one is charged with it. Every path of the net diff is charged to at
least one commit: a difference no commit shows (it came in from outside the range) is
charged to the merges that brought history in.
"""

from __future__ import annotations

from agentlint.change.model import Commit, FileChange

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence


def charge(
    commits: Sequence[Commit],
    remerged: Mapping[str, tuple[str, ...]],
    files: Iterable[FileChange],
) -> tuple[Commit, ...]:
    """`commits` with each merge's paths set, and every net-diff path charged somewhere.

    `remerged` holds the remerge diff of each two-parent merge. An octopus merge, which
    git cannot re-merge, is charged with the whole net diff (it fails closed)."""
    net = [p for f in files for p in f.paths]
    out = [_merge_paths(c, remerged, net) for c in commits]
    charged = {p for c in out for p in c.paths}
    missing = tuple(p for p in dict.fromkeys(net) if p not in charged)
    if not missing:
        return tuple(out)
    for n in _importers(out):
        out[n] = out[n]._replace(paths=(*out[n].paths, *missing))
    return tuple(out)


def _merge_paths(commit: Commit, remerged: Mapping[str, tuple[str, ...]], net: list[str]) -> Commit:
    if len(commit.parents) < 2:
        return commit
    if len(commit.parents) == 2:
        return commit._replace(paths=remerged.get(commit.sha or "", ()))
    return commit._replace(paths=tuple(dict.fromkeys(net)))


def _importers(commits: Sequence[Commit]) -> list[int]:
    """The commits a difference from outside the range is charged to: the merges with a
    parent outside the range, else every merge, else the last commit."""
    inside = {c.sha for c in commits}
    merges = [n for n, c in enumerate(commits) if len(c.parents) > 1]
    outer = [n for n in merges if any(p not in inside for p in commits[n].parents)]
    return outer or merges or ([len(commits) - 1] if commits else [])


def ancestors(commits: Sequence[Commit], starts: Iterable[int]) -> frozenset[int]:
    """Indexes of `starts` and of every commit of `commits` reachable from them through
    parents (a commit is its own ancestor here)."""
    index = {c.sha: n for n, c in enumerate(commits) if c.sha}
    seen: set[int] = set()
    todo = list(starts)
    while todo:
        n = todo.pop()
        if n in seen:
            continue
        seen.add(n)
        todo += [index[p] for p in commits[n].parents if p in index]
    return frozenset(seen)
