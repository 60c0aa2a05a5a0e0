"""history.charge and history.ancestors are pure functions of commits: tested without git."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agentlint import git
from agentlint.change import gather, history, parse
from agentlint.change.model import Commit, FileChange, Identity
from agentlint.errors import AgentlintError

WHO = Identity("H", "h@example.com")
OUT = "0" * 40  # a commit outside the range (on main)


def _commit(sha: str, parents: tuple[str, ...], paths: tuple[str, ...] = ()) -> Commit:
    return Commit(
        sha * 40, tuple(p if len(p) == 40 else p * 40 for p in parents), WHO, WHO, "m", (), paths
    )


def test_a_merge_is_charged_with_its_remerge_diff_only():
    commits = (_commit("a", (OUT,), ("src/a.py",)), _commit("b", ("a", OUT), ("stale",)))
    charged = history.charge(commits, {"b" * 40: (".github/workflows/ci.yml",)}, ())
    assert charged[0].paths == ("src/a.py",)
    assert charged[1].paths == (".github/workflows/ci.yml",)


def test_a_net_difference_no_commit_shows_goes_to_the_merges_that_import_history():
    commits = (
        _commit("a", (OUT,), ("src/a.py",)),
        _commit("c", ("a",), ()),
        _commit("b", ("c", OUT)),  # imports history from outside the range
        _commit("d", ("b", "c")),  # an inner merge
    )
    files = (FileChange("src/a.py", "M"), FileChange("conftest.py", "D"))
    charged = history.charge(commits, {}, files)
    assert [c.paths for c in charged] == [("src/a.py",), (), ("conftest.py",), ()]


def test_without_importing_merges_every_merge_then_the_last_commit_is_charged():
    inner = (_commit("a", (OUT,)), _commit("c", (OUT,)), _commit("d", ("a", "c")))
    files = (FileChange("x", "A"),)
    assert [c.paths for c in history.charge(inner, {}, files)] == [(), (), ("x",)]
    linear = (_commit("a", (OUT,)), _commit("c", ("a",)))
    assert [c.paths for c in history.charge(linear, {}, files)] == [(), ("x",)]


def test_an_octopus_merge_is_charged_with_the_whole_net_diff():
    commits = (_commit("a", (OUT,), ("a",)), _commit("b", ("a", OUT, "1" * 40)))
    files = (FileChange("a", "M"), FileChange("new", "R", "old"))
    assert history.charge(commits, {}, files)[1].paths == ("a", "old", "new")


def test_ancestors_follow_parents_inside_the_range_only():
    commits = (
        _commit("a", (OUT,)),
        _commit("b", ("a",)),
        _commit("c", ("a",)),
        _commit("d", ("b", "c")),
    )
    assert history.ancestors(commits, [3]) == {0, 1, 2, 3}
    assert history.ancestors(commits, [1]) == {0, 1}
    assert history.ancestors(commits, [1, 2]) == {0, 1, 2}
    assert history.ancestors(commits, []) == frozenset()


def test_parse_remerge_reads_each_merge_and_its_paths():
    raw = b":100644 100644 " + b"1" * 40 + b" " + b"2" * 40 + b" M"
    out = b"\0".join([b"a" * 40, b"\n" + raw, b"ci.yml", b"b" * 40, b"\n" + b"c" * 40, b""])
    assert parse.parse_remerge(out) == {"a" * 40: ("ci.yml",), "b" * 40: (), "c" * 40: ()}


def test_parse_remerge_fails_closed_on_anything_else():
    with pytest.raises(AgentlintError):
        parse.parse_remerge(b"diff: warning: Skipping remerge-diff for octopus merges.\n\0")


def test_a_git_without_remerge_diff_is_a_clear_error(repo):
    repo.commit("one")
    pending = git.start("log", "--diff-merges=no-such-remerge", "-1")  # what git < 2.36 says
    with pytest.raises(AgentlintError) as caught:
        gather._remerged(pending)
    assert "git 2.36 or newer" in str(caught.value)
    assert gather._remerged(None) == {}


def test_a_range_with_merges_costs_one_more_git_call_whatever_its_length(
    seeded, run, monkeypatch, tmp_path
):
    from tests.test_git import _git_calls

    base = seeded.git("rev-parse", "HEAD").strip()
    counts = []
    for total in (3, 12):
        for n in range(total):
            seeded.git("checkout", "-q", "-b", f"side-{total}-{n}")
            seeded.commit(f"side {n}", files={f"side/{total}-{n}.py": "x\n"})
            seeded.git("checkout", "-q", "main")
            seeded.commit(f"main {n}", files={f"src/{total}-{n}.py": "y\n"})
            seeded.git("merge", "-q", "--no-ff", "-m", f"merge {n}", f"side-{total}-{n}")
        counts.append(_git_calls(run, monkeypatch, tmp_path, "check", "--range", f"{base}..HEAD"))
    assert counts[0] == counts[1] <= 8


@st.composite
def _ranges(draw):  # type: ignore[no-untyped-def]
    """A random range: commits oldest first, each with one to three parents among the
    earlier commits or outside the range, some paths, and a random net diff."""
    names = st.sampled_from(["a", "b", "ci.yml", "conftest.py", "t/x.py"])
    commits = []
    for n in range(draw(st.integers(1, 8))):
        sha = f"{n + 1:040x}"
        earlier = [c.sha for c in commits] + [OUT]
        parents = tuple(draw(st.lists(st.sampled_from(earlier), min_size=1, max_size=3)))
        paths = tuple(draw(st.lists(names, max_size=2)))
        commits.append(Commit(sha, parents, WHO, WHO, "m", (), paths))
    remerged = {c.sha: tuple(draw(st.lists(names, max_size=2))) for c in commits}
    files = tuple(FileChange(p, "M") for p in draw(st.lists(names, max_size=4)))
    return tuple(commits), remerged, files


@settings(max_examples=200, deadline=None)
@given(_ranges())
def test_every_net_diff_path_is_charged_to_a_commit(case):  # type: ignore[no-untyped-def]
    commits, remerged, files = case
    charged = history.charge(commits, remerged, files)
    assert [c.sha for c in charged] == [c.sha for c in commits]
    every = {p for c in charged for p in c.paths}
    assert all(p in every for f in files for p in f.paths)
    for before, after in zip(commits, charged, strict=True):
        if len(before.parents) == 1:  # ordinary commits keep their own diff first
            assert after.paths[: len(before.paths)] == before.paths


@settings(max_examples=200, deadline=None)
@given(_ranges(), st.data())
def test_ancestors_are_closed_under_parents(case, data):  # type: ignore[no-untyped-def]
    commits = case[0]
    start = data.draw(st.integers(0, len(commits) - 1))
    found = history.ancestors(commits, [start])
    index = {c.sha: n for n, c in enumerate(commits)}
    assert start in found
    for n in found:
        assert all(index[p] in found for p in commits[n].parents if p in index)
