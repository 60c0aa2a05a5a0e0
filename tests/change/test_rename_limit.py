"""Past gather.RENAME_LIMIT files, git's inexact rename search is skipped: the files read
as deletions and additions, and every path still counts (docs/concepts.md)."""

from __future__ import annotations

import pytest

from agentlint.change import gather, parse

pytestmark = pytest.mark.core_rules  # changes here carry no review record


def _text(n: int) -> str:
    return "".join(f"line {i} of module {n}, long enough to be similar\n" for i in range(12))


def _move(repo, count: int, edited: bool = True, renamed: bool = True) -> None:
    """Commit `count` files and a CI workflow, then stage all of them moved (and edited;
    and renamed: git pairs files that keep their name cheaply, before the limit applies)."""
    files = {f"src/m{n}.py": _text(n) for n in range(count)}
    files[".github/workflows/ci.yml"] = _text(-1)
    repo.commit("base", files=files)
    for path, text in files.items():
        repo.git("rm", "-q", path)
        new = path.replace("src/", "lib/").replace("ci.yml", "build.yml")
        new = new.replace("/m", "/n") if renamed else new
        repo.write(new, text.replace("line 3 ", "LINE 3 ") if edited else text)
    repo.git("add", "-A")


def _staged_diff():
    return parse.parse_diff(gather.git.run("diff", "--cached", *gather.DIFF_ARGS))


def test_within_the_limit_edited_moves_are_renames(repo):
    _move(repo, 20)
    files = _staged_diff()
    assert {f.status for f in files} == {"R"}
    assert ("src/m0.py", "lib/n0.py") in {(f.old_path, f.path) for f in files}


def test_past_the_limit_edited_moves_are_deletions_and_additions(repo):
    _move(repo, gather.RENAME_LIMIT + 1)
    files = _staged_diff()
    assert {f.status for f in files} == {"A", "D"}
    paths = {p for f in files for p in f.paths}
    assert {".github/workflows/ci.yml", ".github/workflows/build.yml"} <= paths


def test_past_the_limit_exact_moves_are_still_renames(repo):
    _move(repo, gather.RENAME_LIMIT + 1, edited=False)
    assert {f.status for f in _staged_diff()} == {"R"}


def test_past_the_limit_moves_that_keep_their_names_are_still_renames(repo):
    _move(repo, gather.RENAME_LIMIT + 1, renamed=False)
    assert {f.status for f in _staged_diff()} == {"R"}


def test_past_the_limit_both_workflow_paths_still_need_approval(repo, run, monkeypatch):
    _move(repo, gather.RENAME_LIMIT + 1)
    monkeypatch.setenv("CLAUDECODE", "1")
    result = run("check", "--staged")
    assert ".github/workflows/ci.yml" in result.out
    assert ".github/workflows/build.yml" in result.out
