"""Where the scorers find bare mirrors of public repositories: `$AGENTLINT_MIRRORS`, else
`../.mirror/<owner>+<name>/repo` next to the project's folder (some snapshots are clones
with a work tree, whose git directory is `repo/.git`)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def root() -> Path:
    given = os.environ.get("AGENTLINT_MIRRORS")
    return Path(given) if given else PROJECT.parent / ".mirror"


def git_dir(mirrors: Path, repo: str) -> Path | None:
    """The git directory of `repo`'s mirror under `mirrors`, or None when it is absent."""
    base = mirrors / repo.replace("/", "+") / "repo"
    for candidate in (base / ".git", base):
        if (candidate / "HEAD").is_file():
            return candidate
    return None
