"""Score the built-in categories on real repository trees.

tests/realworld/paths/paths.tsv holds pointers (repository, revision, path) with the
category a careful admin expects (`none`: no category) and why. Each path is classified
the way `agentlint explain` does it (the same `describe` call, the built-in policy, the
repository's .gitattributes at that revision), read from a bare mirror in
`$AGENTLINT_MIRRORS` or `../.mirror/<owner>+<name>/repo` next to the project's folder.
A row is right when its expected category is among those that decide the path's posture.

Prints the share of paths in their expected category, a per-category confusion table and
every error; exits 1 when the share is under the target, 0 otherwise, and 0 with a clear
message when no mirror is here (as in CI).
"""

from __future__ import annotations

import argparse
import collections
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # run as a script or loaded by path: its sibling `mirrors`
import mirrors  # noqa: E402

TABLE = HERE / "paths" / "paths.tsv"
HELDOUT = HERE / "paths" / "heldout.tsv"  # labelled blind, on repositories not designed on
TARGET = 97.0


class Row(NamedTuple):
    repo: str
    rev: str
    path: str
    expected: str
    reason: str


class Result(NamedTuple):
    row: Row
    got: tuple[str, ...]  # the deciding categories, or ("none",)

    @property
    def right(self) -> bool:
        return self.row.expected in self.got


def read_table(path: Path) -> list[Row]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 5:
            raise SystemExit(f"{path}:{number}: expected 5 tab-separated fields")
        rows.append(Row(*fields))
    return rows


def present(git: Path, rev: str, paths: Sequence[str]) -> set[str]:
    """The paths that exist at `rev` in the mirror, submodules included (one ls-tree)."""
    out = subprocess.run(
        ["git", "--git-dir", str(git), "ls-tree", "-r", "-z", "--name-only", rev, "--", *paths],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8", "surrogateescape")
    return set(out.split("\0")) & set(paths)


def classify_rows(git: Path, rev: str, rows: Sequence[Row]) -> Iterator[Result]:
    """Each row as `agentlint explain` sees it, with the built-in policy at `rev`."""
    from agentlint.commands import explain
    from agentlint.policy.load import load_policy

    policy = load_policy(None, source="built-in policy")
    previous = os.environ.get("GIT_DIR")
    os.environ["GIT_DIR"] = str(git)  # agentlint's git wrapper reads the mirror
    try:
        described = explain.describe([r.path for r in rows], policy, [rev])
    finally:
        if previous is None:
            os.environ.pop("GIT_DIR", None)
        else:
            os.environ["GIT_DIR"] = previous
    for row, seen in zip(rows, described, strict=True):
        yield Result(row, tuple(m.category.name for m in seen.decisive) or ("none",))


def score(rows: Sequence[Row], root: Path) -> tuple[list[Result], list[str], list[Row]]:
    """(results, repositories without a mirror, rows whose path is not at their rev)."""
    results: list[Result] = []
    absent: list[str] = []
    missing: list[Row] = []
    by_source: dict[tuple[str, str], list[Row]] = collections.defaultdict(list)
    for row in rows:
        by_source[(row.repo, row.rev)].append(row)
    for (repo, rev), group in sorted(by_source.items()):
        git = mirrors.git_dir(root, repo)
        if git is None:
            absent.append(repo)
            continue
        found = present(git, rev, [r.path for r in group])
        missing += [r for r in group if r.path not in found]
        results += classify_rows(git, rev, [r for r in group if r.path in found])
    return results, absent, missing


def report(results: Sequence[Result], absent: Sequence[str], missing: Sequence[Row]) -> float:
    """Print the figures; return the share of right rows in percent."""
    right = sum(r.right for r in results)
    share = 100.0 * right / len(results) if results else 0.0
    repos = len({r.row.repo for r in results})
    print(f"paths: {right}/{len(results)} in the expected category ({share:.1f}%), {repos} repos")
    print(f"{'expected':<14} {'paths':>5} {'right':>5}  taken for")
    by_expected: dict[str, list[Result]] = collections.defaultdict(list)
    for result in results:
        by_expected[result.row.expected].append(result)
    for name, group in sorted(by_expected.items()):
        wrong = collections.Counter("+".join(r.got) for r in group if not r.right)
        taken = ", ".join(f"{k} {v}" for k, v in wrong.most_common()) or "-"
        print(f"{name:<14} {len(group):>5} {sum(r.right for r in group):>5}  {taken}")
    errors = [r for r in results if not r.right]
    if errors:
        print("errors:")
    for r in errors:
        print(f"  {r.row.repo} {r.row.path}: expected {r.row.expected}, got {'+'.join(r.got)}")
        print(f"      ({r.row.reason})")
    for row in missing:
        print(f"  not at {row.rev[:12]} in {row.repo}: {row.path}")
    if absent:
        print(f"skipped {len(absent)} repositories without a mirror: {', '.join(sorted(absent))}")
    return share


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", type=Path, action="append", help="default: both tables")
    parser.add_argument("--target", type=float, default=TARGET)
    args, _ = parser.parse_known_args(argv)  # nox passes its posargs to every scorer
    tables = args.table or [TABLE, HELDOUT]
    rows = [row for table in tables for row in read_table(table)]
    root = mirrors.root()
    if not root.is_dir():
        print(f"score_paths: skipped: no mirrors in {root} (fetch them, or set AGENTLINT_MIRRORS)")
        return 0
    results, absent, missing = score(rows, root)
    if not results:
        print(f"score_paths: skipped: none of the {len(rows)} paths' repositories is mirrored")
        return 0
    if len(tables) > 1:
        for table in tables:
            mine = {(r.repo, r.path) for r in read_table(table)}
            part = [r for r in results if (r.row.repo, r.row.path) in mine]
            right = sum(r.right for r in part)
            print(f"{table.name}: {right}/{len(part)} ({100.0 * right / max(len(part), 1):.1f}%)")
    share = report(results, absent, missing)
    if missing:
        print(f"score_paths: {len(missing)} labelled paths are not in their mirror")
        return 1
    if share < args.target:
        print(f"score_paths: {share:.1f}% is under the {args.target:.0f}% target")
        return 1
    print(f"score_paths: target {args.target:.0f}% met")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[1]))
    sys.exit(main())
