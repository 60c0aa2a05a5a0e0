"""The commit message as git stores it: comments, scissors and blank lines."""

from __future__ import annotations

from agentlint import message


def test_clean_drops_comments_scissors_and_extra_blank_lines():
    text = (
        "Subject  \n\n\n\nBody\n# comment\nTrailer: x\n"
        "# ------------------------ >8 ------------------------\nApproved-by: A <a@b.c>\n"
    )
    assert message.clean(text) == "Subject\n\nBody\nTrailer: x\n"


def test_clean_with_custom_comment_char_keeps_hashes():
    assert message.clean("# not a comment\n; comment\n", ";") == "# not a comment\n"


def test_clean_splits_on_newlines_only():
    assert message.clean("a\u2028# b\n") == "a\u2028# b\n"


def test_clean_empty():
    assert message.clean("# only comments\n\n") == ""


def test_comment_char_from_git_var():
    assert message.comment_char("core.commentchar=;\nx=y\n") == ";"
    assert message.comment_char("core.commentchar=auto\n") == "#"
    assert message.comment_char("") == "#"
