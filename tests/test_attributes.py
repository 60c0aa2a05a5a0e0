"""Which files .gitattributes marks: git's own answer, for the index and for any tree."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agentlint import attributes
from agentlint.change import extras

WANTED = ["linguist-generated"]
FILES = {
    ".gitattributes": "*.pb.go linguist-generated\napi/** linguist-generated\n",
    "api/.gitattributes": "keep.go -linguist-generated\n",
    "web/.gitattributes": "gen/*.ts linguist-generated=true\n# gen/x.ts -linguist-generated\n",
}
PATHS = ["svc/a.pb.go", "api/x.go", "api/keep.go", "web/gen/a.ts", "web/other/gen/b.ts", "src/m.go"]


def _marked(repo, paths, sides, top=None):
    names = extras.attribute_names(paths, sides)
    objects = extras.fetch(names.values())
    return extras.marked_paths(paths, sides, names, objects, WANTED, top=top)


def test_folders_include_root_and_every_ancestor():
    assert attributes.folders(["a/b/c.txt", "d.txt", "x\ny/z"]) == ["", "a", "a/b", "x\ny"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(st.text(alphabet="ab.\n é", min_size=1, max_size=3), min_size=1, max_size=4).map(
            "/".join
        ),
        max_size=12,
    )
)
def test_folders_are_every_dirname_of_git_paths(paths):
    """The same folders as posixpath.dirname taken level by level, in any order of paths
    (git's paths have no empty component)."""
    import posixpath

    expected = {""}
    for path in paths:
        parent = posixpath.dirname(path)
        while parent:
            expected.add(parent)
            parent = posixpath.dirname(parent)
    assert attributes.folders(paths) == sorted(expected)
    assert attributes.folders(reversed(paths)) == sorted(expected)


def test_later_lines_and_deeper_files_win(seeded):
    seeded.commit("attrs", files=FILES)
    on = frozenset(WANTED)
    expected = {"svc/a.pb.go": on, "api/x.go": on, "web/gen/a.ts": on}
    assert _marked(seeded, PATHS, ["HEAD"]) == expected
    assert _marked(seeded, PATHS, [":"]) == expected


def test_a_tree_that_differs_from_the_index_is_read_from_the_tree(seeded):
    first = seeded.commit("attrs", files=FILES)
    seeded.commit("unmark", files={".gitattributes": "", "web/.gitattributes": ""})
    assert _marked(seeded, PATHS, ["HEAD"]) == {}
    assert set(_marked(seeded, PATHS, [first])) == {"svc/a.pb.go", "api/x.go", "web/gen/a.ts"}
    assert set(_marked(seeded, PATHS, ["HEAD", first])) == set(_marked(seeded, PATHS, [first]))
    seeded.add(".gitattributes", content="src/*.go linguist-generated\n")
    assert set(_marked(seeded, PATHS, [":"])) == {"src/m.go"}


def test_attributes_in_folders_with_odd_names(seeded):
    odd = "we\nird \udcff"
    seeded.commit("attrs", files={})
    seeded.write(
        f"{odd}/.gitattributes".encode("utf-8", "surrogateescape"), "*.c linguist-generated\n"
    )
    seeded.git("add", "-A")
    seeded.commit("odd")
    assert _marked(seeded, [f"{odd}/x.c", "x.c"], ["HEAD"]) == {f"{odd}/x.c": frozenset(WANTED)}


def test_git_is_not_asked_when_no_file_names_the_attribute(seeded, monkeypatch):
    seeded.commit("attrs", files={".gitattributes": "*.png binary\n"})
    monkeypatch.setattr(attributes, "ask", None)  # any call would fail
    assert _marked(seeded, PATHS, ["HEAD", ":"]) == {}


def test_a_subfolder_is_the_same_as_the_top(seeded, monkeypatch):
    seeded.commit("attrs", files=FILES)
    monkeypatch.chdir(seeded.path / "api")
    assert set(_marked(seeded, PATHS, ["HEAD"])) == {"svc/a.pb.go", "api/x.go", "web/gen/a.ts"}


@pytest.mark.parametrize(
    "out,expected",
    [
        (b"", {}),
        (b"a\0linguist-generated\0set\0", {"a": {"linguist-generated"}}),
        (
            b"a\0linguist-generated\0yes\0b\0linguist-generated\0false\0",
            {"a": {"linguist-generated"}},
        ),
        (b"a\0x\0unset\0b\0x\0unspecified\0", {}),
    ],
)
def test_parse(out, expected):
    assert attributes.parse(out) == {k: frozenset(v) for k, v in expected.items()}


def test_parse_refuses_what_git_does_not_write():
    from agentlint.errors import AgentlintError

    with pytest.raises(AgentlintError, match="unexpected output from `git check-attr`"):
        attributes.parse(b"a\0x\0")


def test_the_temporary_index_writes_nothing_into_the_repository(seeded):
    first = seeded.commit("attrs", files=FILES)
    seeded.commit("unmark", files={".gitattributes": ""})
    seeded.git("config", "core.splitIndex", "true")
    seeded.git("update-index", "--split-index")
    before = sorted(p.name for p in (seeded.path / ".git").iterdir())
    snapshot = seeded.snapshot()
    assert "svc/a.pb.go" in _marked(seeded, PATHS, [first])
    assert sorted(p.name for p in (seeded.path / ".git").iterdir()) == before
    assert seeded.snapshot() == snapshot
