"""Which files `.gitattributes` marks with an attribute (such as linguist-generated), as
git itself reads them: macros (`[attr]`), quoted patterns, precedence and all.

git answers for an index (`git check-attr --cached`). To ask about a tree, agentlint gives
git a temporary index holding that tree's `.gitattributes` files and nothing else, because
`check-attr --source` needs git 2.40 and agentlint supports 2.34. When the tree and the
real index hold the same `.gitattributes` files (the usual case), the real index answers.

git is not asked at all when no `.gitattributes` above a path names a wanted attribute:
then nothing in the repository can set it (a macro names it where it is defined, in the
top-level file). Attribute files outside the repository (`$GIT_DIR/info/attributes`,
`core.attributesFile`) are applied by git when it is asked, and are not otherwise read.
"""

from __future__ import annotations

import os

from agentlint import git

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

FILE = ".gitattributes"
OFF = frozenset({"unspecified", "unset", "false"})
# the temporary index stays one file outside the repository: no shared split-index file
# written into .git, and no fsmonitor hook run
KEEP_OUT = ("core.splitIndex=false", "core.fsmonitor=false")


def folders(paths: Iterable[str]) -> list[str]:
    """Every folder whose .gitattributes could apply to the paths ('' is the root): what
    posixpath.dirname finds, level by level, of git's paths (no empty component). A folder
    already found has its parents found too, so most paths of a large change stop at
    their first."""
    found = {""}
    for path in paths:
        end = path.rfind("/")
        while end > 0:
            parent = path[:end]
            if parent in found:
                break
            found.add(parent)
            end = path.rfind("/", 0, end)
    return sorted(found)


def file_in(folder: str) -> str:
    return f"{folder}/{FILE}" if folder else FILE


def mentions(contents: Iterable[bytes], wanted: Iterable[str]) -> bool:
    """Whether any of these .gitattributes texts names a wanted attribute at all."""
    names = [w.encode() for w in wanted]
    return any(name in text for text in contents for name in names)


def ask(
    paths: Iterable[str], wanted: Iterable[str], top: str, index: str | None = None
) -> git.Pending:
    """Start `git check-attr --cached` for the paths, against `index` (None: the real one)."""
    stdin = b"".join(p.encode("utf-8", "surrogateescape") + b"\0" for p in paths)
    env = {"GIT_INDEX_FILE": index} if index else None
    return git.start(
        "check-attr", "--cached", "-z", "--stdin", *sorted(wanted), stdin=stdin, cwd=top, env=env
    )


def parse(out: bytes) -> dict[str, frozenset[str]]:
    """{path: attributes set on it} from `check-attr -z` output (path, attribute, state)."""
    tokens = out.split(b"\0")
    if len(tokens) % 3 != 1 or tokens[-1]:
        from agentlint.errors import fail

        raise fail(
            "unexpected output from `git check-attr`",
            fix="check that git is 2.34 or newer; report this if it persists",
        )
    result: dict[str, set[str]] = {}
    for i in range(0, len(tokens) - 1, 3):
        path, attr, state = (t.decode("utf-8", "surrogateescape") for t in tokens[i : i + 3])
        if state not in OFF:  # set, true or any other value, as GitHub's linguist reads it
            result.setdefault(path, set()).add(attr)
    return {path: frozenset(attrs) for path, attrs in result.items()}


class TemporaryIndex:
    """An index file outside the repository holding only some .gitattributes blobs."""

    def __init__(self, blobs: Mapping[str, str]) -> None:
        import tempfile  # only here: tempfile and shutil cost the hot path a few ms

        self._dir = tempfile.mkdtemp(prefix="agentlint-attrs-")
        self.path = os.path.join(self._dir, "index")
        info = b"".join(
            f"100644 {sha}\t".encode() + file_in(folder).encode("utf-8", "surrogateescape") + b"\0"
            for folder, sha in sorted(blobs.items())
        )
        try:
            git.start(
                "update-index",
                "-z",
                "--index-info",
                stdin=info,
                env={"GIT_INDEX_FILE": self.path},
                config=KEEP_OUT,
            ).result()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        import shutil

        shutil.rmtree(self._dir, ignore_errors=True)
