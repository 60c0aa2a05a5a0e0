"""Facts only some checks need, read from git after the policy says they are needed:
which files .gitattributes marks, and what git says of approval commits' signatures."""

from __future__ import annotations

import os
from collections.abc import Iterable

from agentlint import attributes, git
from agentlint.change import parse
from agentlint.change.model import RecordBlob, Signature
from agentlint.errors import fail


def _object(rev: str, path: str) -> str:
    return f"{rev}:{path}" if rev != ":" else f":{path}"


def marked_paths(
    paths: Iterable[str], revs: Iterable[str], wanted: Iterable[str]
) -> dict[str, frozenset[str]]:
    """Attributes set on each path on either side of the change (the union: strictest)."""
    paths = list(paths)
    wanted = list(wanted)
    revs = [r for r in revs if r]
    if not paths or not wanted or not revs:
        return {}
    folders = attributes.folders(paths)
    names = {
        (rev, f): _object(rev, f"{f}/.gitattributes" if f else ".gitattributes")
        for rev in revs
        for f in folders
    }
    objects = git.parse_batch(
        git.cat_file_batch(list(names.values())).result(), list(names.values())
    )
    result: dict[str, frozenset[str]] = {}
    for rev in revs:
        files = {}
        for folder in folders:
            found = objects[names[(rev, folder)]]
            if found is not None and found.kind == "blob":
                files[folder] = parse.decode(found.content)
        for path, attrs in attributes.marked(paths, files, wanted).items():
            result[path] = result.get(path, frozenset()) | attrs
    return result


def read_records(
    wanted: Iterable[tuple[str, str | None]], before: str, after: str
) -> tuple[RecordBlob, ...]:
    """Each (path, named_by) read on both sides of the change, in one git call. A path
    that is not a blob there (missing, a folder, a submodule) reads as None."""
    wanted = list(wanted)
    sides = [rev for rev in (before, after) if rev]
    names = [_object(rev, path) for path, _ in wanted for rev in sides]
    if not names:
        return ()
    objects = git.parse_batch(git.cat_file_batch(names).result(), names)

    def blob(rev: str, path: str) -> bytes | None:
        if not rev:
            return None
        found = objects[_object(rev, path)]
        return found.content if found is not None and found.kind == "blob" else None

    return tuple(
        RecordBlob(path, named_by, blob(before, path), blob(after, path))
        for path, named_by in wanted
    )


def read_blob(rev: str, path: str) -> bytes | None:
    name = _object(rev, path)
    found = git.parse_batch(git.cat_file_batch([name]).result(), [name])[name]
    return found.content if found is not None and found.kind == "blob" else None


def signatures(shas: Iterable[str], allowed_signers: bytes) -> dict[str, Signature]:
    """git's verdict (%G?) and signer (%GS) for each commit, against these allowed signers."""
    shas = sorted(set(shas))
    if not shas:
        return {}
    import tempfile

    fd, path = tempfile.mkstemp(prefix="agentlint-signers-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(allowed_signers)
        out = git.run(
            "log",
            "--no-walk=unsorted",
            "-z",
            "--format=%H%x00%G?%x00%GS",
            *shas,
            "--",
            config=[f"gpg.ssh.allowedSignersFile={path}"],
        )
    finally:
        os.unlink(path)
    tokens = [t.lstrip(b"\n") for t in out.split(b"\0")]
    result: dict[str, Signature] = {}
    for i in range(0, len(tokens) - 2, 3):
        sha, status, signer = (parse.decode(t) for t in tokens[i : i + 3])
        result[sha] = Signature(status, signer)
    if set(result) != set(shas):
        raise fail(
            "git did not report a signature status for every approval commit",
            fix="check that git is 2.34 or newer and ssh-keygen is installed",
        )
    return result
