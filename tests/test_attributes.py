"""Which files .gitattributes marks, with git's precedence rules."""

from __future__ import annotations

from agentlint import attributes


def test_folders_include_root_and_every_ancestor():
    assert attributes.folders(["a/b/c.txt", "d.txt", "x\ny/z"]) == ["", "a", "a/b"]


def test_later_lines_and_deeper_files_win():
    files = {
        "": "*.pb.go linguist-generated\napi/** linguist-generated\n",
        "api": "keep.go -linguist-generated\n",
        "web": "gen/*.ts linguist-generated=true\n# gen/x.ts -linguist-generated\n",
    }
    paths = [
        "svc/a.pb.go",
        "api/x.go",
        "api/keep.go",
        "web/gen/a.ts",
        "web/other/gen/b.ts",
        "src/main.go",
    ]
    marked = attributes.marked(paths, files, ["linguist-generated"])
    assert marked == {
        p: frozenset({"linguist-generated"}) for p in ("svc/a.pb.go", "api/x.go", "web/gen/a.ts")
    }


def test_unrelated_attributes_macros_and_negations_are_ignored():
    files = {"": "[attr]gen linguist-generated\n*.txt text\n!x.txt linguist-generated\n"}
    assert attributes.marked(["x.txt"], files, ["linguist-generated"]) == {}
