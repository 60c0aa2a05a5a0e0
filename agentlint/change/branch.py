"""Where the current branch starts: its merge-base with its upstream, or with the usual
default branches. For checks run with no range of their own (CI running the hooks on
`--all-files`, a pre-push hook run by hand) and for `agentlint approve`."""

from __future__ import annotations

from agentlint import git, structs

CANDIDATES = ("@{upstream}", "origin/HEAD", "origin/main", "origin/master", "main", "master")


class Start(structs.Struct):
    base: str  # the merge-base commit
    against: str  # the branch it was found against
    head: str  # HEAD's commit


def find_start() -> Start | None:
    """The merge-base of HEAD with the first candidate branch that exists and is not HEAD
    itself; when HEAD is a candidate's tip (or behind it), its base is HEAD: nothing of the
    branch's own to check. None when no candidate exists."""
    head = git.run("rev-parse", "--verify", "--quiet", "HEAD^{commit}").decode().strip()
    fallback = None
    for candidate in CANDIDATES:
        code, out, _ = git.start("merge-base", "HEAD", candidate, ok_codes=(0, 1, 128)).wait()
        base = out.decode().strip()
        if code != 0 or not base:
            continue
        if base != head:
            return Start(base, candidate, head)
        fallback = fallback or Start(base, candidate, head)
    return fallback
