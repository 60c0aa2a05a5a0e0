"""Build real-world weakened-test cases from their pointers, and replay each as a commit.

A case is a folder with a `meta.json` (the format of ../shared/corpora/test-weakening-dev):
a label (`weakened`, `kinds`, `language`), the repository paths of the files the change
touched (`path`, `after_path`, `other_files`) and a `recipe`: the repository and, for each
side's file, the revision and path to read it from, plus line edits (`ops`) for sides made
by hand. No third-party code is stored here; the files are read from local bare mirrors.

`materialize.py CASES_DIR OUT_DIR [--mirrors DIR]` writes the files of every case whose
mirror is present; `--repos` lists the mirrors the cases need.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

PROJECT = Path(__file__).resolve().parents[3]


class Case(NamedTuple):
    name: str
    meta: dict[str, Any]

    @property
    def repo(self) -> str:
        return str(self.meta["recipe"]["repo"])

    @property
    def language(self) -> str:
        return str(self.meta["language"])


class MissingMirror(Exception):
    """The mirror of a case's repository, or an object in it, is not on this machine."""


def mirror_root(explicit: str | None = None) -> Path:
    """$AGENTLINT_MIRRORS, else ../.mirror next to the project's folder."""
    chosen = explicit or os.environ.get("AGENTLINT_MIRRORS")
    return Path(chosen) if chosen else PROJECT.parent / ".mirror"


def mirror(root: Path, repo: str) -> Path:
    return root / repo.replace("/", "+") / "repo"


def load_cases(folder: Path) -> list[Case]:
    """Every case under `folder` (a corpus root with `cases/`, or the cases folder)."""
    cases_dir = folder / "cases" if (folder / "cases").is_dir() else folder
    if not cases_dir.is_dir():
        return []
    out = []
    for entry in sorted(cases_dir.iterdir()):
        meta_file = entry / "meta.json"
        if meta_file.is_file():
            out.append(Case(entry.name, json.loads(meta_file.read_text(encoding="utf-8"))))
    return out


def apply_ops(base: bytes, ops: Sequence[dict[str, Any]]) -> bytes:
    """Replace line ranges [from, to) (0-based) with `insert`, last range first so the
    earlier line numbers stay valid."""
    lines = base.decode("utf-8", "surrogateescape").splitlines(keepends=True)
    for op in sorted(ops, key=lambda o: (o["from"], o["to"]), reverse=True):
        lines[op["from"] : op["to"]] = [op["insert"]] if op.get("insert") else []
    return "".join(lines).encode("utf-8", "surrogateescape")


def read_object(git_dir: Path, rev: str, path: str) -> bytes:
    done = subprocess.run(
        ["git", "--git-dir", str(git_dir), "cat-file", "blob", f"{rev}:{path}"],
        capture_output=True,
    )
    if done.returncode:
        raise MissingMirror(f"{rev}:{path} is not in {git_dir}")
    return done.stdout


def materialize(case: Case, root: Path) -> dict[str, bytes]:
    """The case's files by recipe name (`before.py`, `after-other-1.go`...)."""
    git_dir = mirror(root, case.repo)
    if not git_dir.is_dir():
        raise MissingMirror(f"no mirror of {case.repo} at {git_dir} (fetch github:{case.repo})")
    files = {}
    for entry in case.meta["recipe"]["files"]:
        data = read_object(git_dir, entry["rev"], entry["path"])
        if entry.get("ops"):
            data = apply_ops(data, entry["ops"])
        files[entry["file"]] = data
    return files


class Sides(NamedTuple):
    """The change as repository paths: contents before and after (None: absent)."""

    before: dict[str, bytes]
    after: dict[str, bytes]


def sides(case: Case, files: dict[str, bytes]) -> Sides:
    """Place each recipe file at its repository path on its side of the change."""
    meta = case.meta
    path = meta["path"]
    before: dict[str, bytes] = {}
    after: dict[str, bytes] = {}
    for name, data in files.items():
        if name.startswith("before.") or name == "before":
            before[path] = data
        elif name.startswith("after.") or name == "after":
            after[meta.get("after_path") or path] = data
    for other in meta.get("other_files") or []:
        if other.get("before_file") in files:
            before[other["path"]] = files[other["before_file"]]
        if other.get("after_file") in files:
            after[other.get("after_path") or other["path"]] = files[other["after_file"]]
    return Sides(before, after)


def write_case(case: Case, files: dict[str, bytes], out: Path) -> None:
    dest = out / case.name
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "meta.json").write_text(json.dumps(case.meta, indent=2) + "\n", encoding="utf-8")
    for name, data in files.items():
        (dest / name).write_bytes(data)


# -- replaying a case as a commit ---------------------------------------------------------

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Corpus",
    "GIT_AUTHOR_EMAIL": "corpus@example.com",
    "GIT_COMMITTER_NAME": "Corpus",
    "GIT_COMMITTER_EMAIL": "corpus@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}
AGENT_TRAILER = "Co-authored-by: Claude <noreply@anthropic.com>"


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def _write(repo: Path, path: str, data: bytes) -> None:
    target = repo / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def commit_change(repo: Path, change: Sides, message: str = "Change the tests") -> None:
    """A repository whose HEAD is an agent commit making `change` on top of a base commit
    holding the before side, so `agentlint check --commit HEAD` judges it as it would
    any agent commit (file classification included)."""
    repo.mkdir(parents=True, exist_ok=True)
    _git(repo, "init", "-q", "-b", "main")
    for path, data in change.before.items():
        _write(repo, path, data)
    (repo / "README.md").write_text("scratch repository for one corpus case\n")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Base")
    for path in change.before:
        if path not in change.after:
            _git(repo, "rm", "-q", "--", path)
    for path, data in change.after.items():
        _write(repo, path, data)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "--allow-empty", "-m", f"{message}\n\n{AGENT_TRAILER}")


def available(cases: list[Case], root: Path) -> tuple[list[Case], list[str]]:
    """The cases whose mirror is here, and the repositories whose mirror is not."""
    missing = sorted({c.repo for c in cases if not mirror(root, c.repo).is_dir()})
    return [c for c in cases if c.repo not in missing], missing


def iter_built(cases: list[Case], root: Path) -> Iterator[tuple[Case, Sides | str]]:
    """Each case with its sides, or why it could not be built."""
    for case in cases:
        try:
            yield case, sides(case, materialize(case, root))
        except MissingMirror as exc:
            yield case, str(exc)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", type=Path, help="a corpus folder, or its cases/ folder")
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--mirrors", help="where the bare mirrors are")
    parser.add_argument("--repos", action="store_true", help="list the repositories needed")
    args = parser.parse_args(argv)
    cases = load_cases(args.cases)
    if args.repos:
        print("\n".join(sorted({c.repo for c in cases})))
        return 0
    if args.out is None:
        parser.error("OUT is required unless --repos is given")
    root = mirror_root(args.mirrors)
    status = 0
    for case in cases:
        try:
            write_case(case, materialize(case, root), args.out)
        except MissingMirror as exc:
            print(f"skipped {case.name}: {exc}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    raise SystemExit(main())
