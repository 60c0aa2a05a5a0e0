"""The NUL-separated parsers fail closed on anything they do not understand."""

from __future__ import annotations

import pytest

from agentlint import git
from agentlint.change import parse
from agentlint.change.model import Identity, Trailer
from agentlint.errors import AgentlintError

SHA = "a" * 40
RAW_M = b":100644 100644 " + b"1" * 40 + b" " + b"2" * 40 + b" M"
RAW_R = b":100644 100644 " + b"1" * 40 + b" " + b"2" * 40 + b" R087"


def test_parse_diff_pairs_raw_and_numstat_with_renames_and_binaries():
    out = b"\0".join(
        [
            RAW_M,
            b"a.py",
            RAW_R,
            b"old name",
            b"new\nname",
            b"3\t1\ta.py",
            b"-\t-\t",
            b"old name",
            b"new\nname",
            b"",
        ]
    )
    files = parse.parse_diff(out)
    assert [(f.status, f.path, f.old_path, f.added, f.is_binary) for f in files] == [
        ("M", "a.py", None, 3, False),
        ("R", "new\nname", "old name", None, True),
    ]
    assert files[1].paths == ("old name", "new\nname")


def test_parse_diff_keeps_undecodable_bytes():
    files = parse.parse_diff(b"\0".join([RAW_M, b"\xff.env", b""]))
    assert files[0].path == "\udcff.env"


@pytest.mark.parametrize("out", [b"garbage\0", RAW_M + b"\0", b"1\t2\ta\0" + RAW_M + b"\0x\0"])
def test_parse_diff_rejects_malformed_output(out):
    with pytest.raises(AgentlintError, match="unexpected output from git"):
        parse.parse_diff(out)


def test_parse_log_requires_each_record_to_start_with_a_commit_id():
    fields = [SHA, "", "A", "a@x", "C", "c@x", "msg\n", "Approved-by: B <b@x>\n"]
    entries = parse.parse_log("\0".join(fields).encode())
    assert entries[0].trailers == (Trailer("Approved-by", "B <b@x>"),)
    with pytest.raises(AgentlintError):
        parse.parse_log("\0".join(["nothex", *fields[1:]]).encode())
    with pytest.raises(AgentlintError):
        parse.parse_log("\0".join(fields[:5]).encode())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Alice <alice@example.com>", Identity("Alice", "alice@example.com")),
        ("  Alice Smith   <a@b.c>  ", Identity("Alice Smith", "a@b.c")),
        ("<a@b.c>", Identity("", "a@b.c")),
        ("alice", None),
        ("Alice <not-an-email>", None),
        ("Alice <a@b.c> extra", None),
        ("A <a@b.c> <d@e.f>", None),
    ],
)
def test_parse_identity(text, expected):
    assert parse.parse_identity(text) == expected


def test_parse_trailers_skips_lines_without_a_key():
    assert parse.parse_trailers("Key: v\nno separator\n: empty key\nK2:v2\n") == (
        Trailer("Key", "v"),
        Trailer("K2", "v2"),
    )


def test_parse_batch_handles_missing_and_names_with_spaces():
    out = b"HEAD:a b missing\n" + SHA.encode() + b" blob 3\nabc\n" + b"x ambiguous\n"
    found = git.parse_batch(out, ["HEAD:a b", "HEAD:c", "x"])
    assert found["HEAD:a b"] is None and found["x"] is None
    assert found["HEAD:c"] == git.BatchObject(SHA, "blob", b"abc")
