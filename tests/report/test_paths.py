"""Paths shown safely in every format."""

from __future__ import annotations

import pytest

from agentlint.report import paths


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("plain/file.py", "plain/file.py"),
        ("with space.py", "with space.py"),
        ("tab\there", '"tab\\there"'),
        ("new\nline", '"new\\nline"'),
        ('quote"d', '"quote\\"d"'),
        ("back\\slash", '"back\\\\slash"'),
        ("caf\u00e9", "caf\u00e9"),
        ("\udcff.env", '"\\377.env"'),
        ("bell\x07", '"bell\\a"'),
        ("esc\x1b", '"esc\\033"'),
    ],
)
def test_quoted_like_git(path, shown):
    assert paths.quoted(path) == shown


def test_lossless_keeps_bad_bytes_visible():
    assert paths.lossless("\udcff\udcfe.env") == "\\xff\\xfe.env"
    assert paths.lossless("caf\u00e9") == "caf\u00e9"
