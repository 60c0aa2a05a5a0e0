"""Facts only some checks need, read from git after the policy says they are needed:
which files .gitattributes marks, and what git says of approval commits' signatures."""

from __future__ import annotations

import os

from agentlint import attributes, git
from agentlint.change import parse
from agentlint.change.model import FileChange, RecordBlob, Signature, TestFile
from agentlint.errors import fail

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from agentlint.record.locate import Wanted


def _object(rev: str, path: str) -> str:
    return f"{rev}:{path}" if rev != ":" else f":{path}"


SESSION_MAX = 64  # more names than this get a cat-file of their own, which buffers its output


def fetch(
    names: Iterable[str],
    meanwhile: Callable[[], None] | None = None,
    session: git.BatchSession | None = None,
) -> dict[str, git.BatchObject | None]:
    """Objects by `rev:path` name, in one `git cat-file --batch` call: the `session`
    already running where it can serve them; `meanwhile` runs while git reads them."""
    names = list(dict.fromkeys(names))
    if not names:
        return {}
    if session is not None and len(names) <= SESSION_MAX:
        found = session.ask(names)
        if found is not None:
            return found
    pending = git.cat_file_batch(names)
    if meanwhile is not None:
        meanwhile()
    return git.parse_batch(pending.result(), names)


def attribute_names(paths: Iterable[str], revs: Iterable[str]) -> dict[tuple[str, str], str]:
    """The .gitattributes objects that can mark `paths`, on each side of the change and in
    the index (which answers for a side that holds the same files)."""
    folders = attributes.folders(list(paths))
    sides = dict.fromkeys([*revs, ":"])
    return {(rev, f): _object(rev, attributes.file_in(f)) for rev in sides if rev for f in folders}


def marked_paths(
    paths: Iterable[str],
    sides: Iterable[str],
    names: dict[tuple[str, str], str],
    objects: dict[str, git.BatchObject | None],
    wanted: Iterable[str],
    *,
    top: str | None = None,
) -> dict[str, frozenset[str]]:
    """The attributes git sets on each path on any of `sides` (the union: strictest).
    `top` is the work tree's top folder, found with git when not given."""
    paths, wanted = [p for p in paths if _is_bytes(p)], sorted(wanted)
    sides = [s for s in sides if s]
    blobs: dict[str, dict[str, str]] = {}
    texts = []
    for (side, folder), name in names.items():
        found = objects.get(name)
        if found is not None and found.kind == "blob":
            blobs.setdefault(side, {})[folder] = found.sha
            if side in sides:
                texts.append(found.content)
    if not paths or not wanted or not attributes.mentions(texts, wanted):
        return {}
    top = top or _top()
    index = blobs.get(":", {})
    groups = {tuple(sorted(blobs.get(side, {}).items())) for side in sides}
    temporary = [attributes.TemporaryIndex(dict(g)) for g in groups if dict(g) != index]
    try:
        calls = [attributes.ask(paths, wanted, top, t.path) for t in temporary]
        if len(temporary) < len(groups):
            calls.append(attributes.ask(paths, wanted, top))
        result: dict[str, frozenset[str]] = {}
        for call in calls:
            for path, attrs in attributes.parse(call.result()).items():
                result[path] = result.get(path, frozenset()) | attrs
    finally:
        for t in temporary:
            t.close()
    return result


def _is_bytes(path: str) -> bool:
    """Whether the path stands for bytes git could store (a lone surrogate from a JSON
    payload does not, so no attribute can be set on it)."""
    try:
        path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return False
    return True


def _top() -> str:
    """The work tree's top folder: the working folder when it holds `.git` (as where
    pre-commit and CI run), else git says."""
    here = os.getcwd()
    if os.path.exists(os.path.join(here, ".git")) and not (
        os.environ.get("GIT_DIR") or os.environ.get("GIT_WORK_TREE")
    ):
        return here
    cdup = parse.decode(git.run("rev-parse", "--show-cdup")).strip()
    return os.path.abspath(cdup) if cdup else here


def record_names(wanted: Iterable[Wanted], before: str, after: str) -> list[str]:
    return [_object(rev, w.path) for w in wanted for rev in (before, after) if rev]


def read_records(
    wanted: Iterable[Wanted],
    before: str,
    after: str,
    objects: dict[str, git.BatchObject | None],
) -> tuple[RecordBlob, ...]:
    """Each (path, named_by) on both sides of the change, from fetched `objects`. A path
    that is not a blob there (missing, a folder, a submodule) reads as None."""

    def blob(rev: str, path: str) -> git.BatchObject | None:
        found = objects.get(_object(rev, path)) if rev else None
        return found if found is not None and found.kind == "blob" else None

    out = []
    for path, named_by in ((w.path, w.named_by) for w in wanted):
        old, new = blob(before, path), blob(after, path)
        out.append(
            RecordBlob(
                path,
                named_by,
                old.content if old else None,
                new.content if new else None,
                new.sha if new else None,
            )
        )
    return tuple(out)


def _sides(f: FileChange, before: str, after: str) -> tuple[str | None, str | None]:
    """The object names of a file on each side: git's blob ids from the diff where it gave
    them (a name git cannot misread), else `rev:path`. None: not on that side."""
    old = None
    if before and f.status != "A":
        old = f.old_id or _object(before, f.old_path or f.path)
    new = (f.new_id or _object(after, f.path)) if f.status != "D" else None
    return old, new


def test_names(files: Iterable[FileChange], before: str, after: str) -> list[str]:
    """The objects of test files on each side (a rename is read from its old path)."""
    return [name for f in files for name in _sides(f, before, after) if name]


def read_tests(
    files: Iterable[FileChange],
    before: str,
    after: str,
    objects: dict[str, git.BatchObject | None],
) -> tuple[TestFile, ...]:
    def blob(name: str | None) -> bytes | None:
        found = objects.get(name) if name else None
        return found.content if found is not None and found.kind == "blob" else None

    out = []
    for f in files:
        old, new = _sides(f, before, after)
        out.append(TestFile(f.path, f.old_path, f.status == "D", blob(old), blob(new)))
    return tuple(out)


def read_blob(rev: str, path: str) -> bytes | None:
    name = _object(rev, path)
    found = fetch([name])[name]
    return found.content if found is not None and found.kind == "blob" else None


def signatures(shas: Iterable[str], allowed_signers: bytes) -> dict[str, Signature]:
    """git's verdict (%G?), signer (%GS) and key (%GK) for each commit, against these
    allowed signers."""
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
            "--format=%H%x00%G?%x00%GS%x00%GK",
            *shas,
            "--",
            config=[f"gpg.ssh.allowedSignersFile={path}"],
        )
    finally:
        os.unlink(path)
    tokens = [t.lstrip(b"\n") for t in out.split(b"\0")]
    result: dict[str, Signature] = {}
    for i in range(0, len(tokens) - 3, 4):
        sha, status, signer, key = (parse.decode(t) for t in tokens[i : i + 4])
        result[sha] = Signature(status, signer, key)
    if set(result) != set(shas):
        raise fail(
            "git did not report a signature status for every approval commit",
            fix="check that git is 2.34 or newer and ssh-keygen is installed",
        )
    return result


def files_holding(
    rev: str,
    texts: Iterable[str],
    suffixes: Iterable[str],
    *,
    near: Iterable[str] = (),
    most: int = 16,
) -> dict[str, bytes]:
    """The files at `rev` (":" for the index) whose names end in one of `suffixes` and
    that hold one of `texts` on a line, with their contents: one `git grep -l` for the
    names and one `git cat-file --batch` for the contents, of `most` files at the most,
    those in the folders of `near` first. Asked only where a finding is about to be
    raised, so a clean change never pays for it."""
    texts = [t for t in dict.fromkeys(texts) if t.strip()]
    if not texts or not rev:
        return {}
    patterns = [arg for t in texts for arg in ("-e", t)]
    where = ["--cached"] if rev == ":" else [rev]
    specs = [f":(top)*{s}" for s in dict.fromkeys(suffixes)]
    out = git.start(
        "grep",
        "-l",
        "-z",
        "-I",
        "-F",
        "--full-name",
        *patterns,
        *where,
        "--",
        *specs,
        ok_codes=(0, 1),
    ).result()
    prefix = "" if rev == ":" else f"{rev}:"
    paths = [p.removeprefix(prefix) for p in out.decode("utf-8", "surrogateescape").split("\0")]
    folders = {os.path.dirname(p) for p in near}
    paths = sorted((p for p in paths if p), key=lambda p: os.path.dirname(p) not in folders)
    names = {_object(rev, p): p for p in paths[:most]}
    return {
        names[name]: found.content
        for name, found in fetch(names).items()
        if found is not None and found.kind == "blob"
    }
