"""Cost grows with the change, not the history: a fixed number of git calls per mode."""

from __future__ import annotations

import pytest

from agentlint import git
from tests.conftest import CLAUDE_TRAILER


def _git_calls(run, monkeypatch, tmp_path, *argv: str) -> int:
    trace = tmp_path / "trace"
    trace.unlink(missing_ok=True)
    monkeypatch.setenv("GIT_TRACE", str(trace))
    run(*argv)
    monkeypatch.delenv("GIT_TRACE")
    return sum(" trace: built-in: git " in line for line in trace.read_text().splitlines())


@pytest.mark.parametrize("agent", [False, True])
def test_range_git_calls_do_not_depend_on_commit_count(seeded, run, monkeypatch, tmp_path, agent):
    trailer = f"\n\n{CLAUDE_TRAILER}" if agent else ""
    base = seeded.git("rev-parse", "HEAD").strip()
    counts = []
    for total in (3, 40):
        for n in range(total):
            seeded.commit(f"c{n}{trailer}", files={f"src/m{n}.py": f"{total}\n"})
        counts.append(_git_calls(run, monkeypatch, tmp_path, "check", "--range", f"{base}..HEAD"))
    assert counts[0] == counts[1] <= 7


def test_staged_human_change_uses_three_git_calls(seeded, run, monkeypatch, tmp_path):
    for n in range(10):
        seeded.add(f"src/new{n}.py")
    assert _git_calls(run, monkeypatch, tmp_path, "check", "--staged") == 3


def test_agent_commit_with_record_uses_five_git_calls(seeded, run, monkeypatch, tmp_path):
    """diff, var and cat-file together; interpret-trailers for the message; then one more
    cat-file for both .gitattributes files and the record."""
    from tests import records

    seeded.write("src/report/totals.py", "T = 1\n")
    seeded.write("tests/report/test_totals.py", "assert 1\n")
    seeded.add(records.RECORD_PATH, content=records.VALID_YAML)
    message = tmp_path / "msg"
    message.write_text(f"Fix totals\n\n{CLAUDE_TRAILER}\n")
    argv = ("check", "--staged", "--message-file", str(message))
    assert run(*argv).code == 0
    assert _git_calls(run, monkeypatch, tmp_path, *argv) == 5


@pytest.mark.parametrize(
    ("listing", "expected"),
    [
        ("", False),
        ("core.bare=false\ncore.ignorecase=true\nuser.name=x", True),
        ("core.ignorecase=Yes", True),
        ("core.ignorecase=on", True),
        ("core.ignorecase=1", True),
        ("core.ignorecase", True),  # a key with no value is true
        ("core.ignorecase=false", False),
        ("core.ignorecase=true\ncore.ignorecase=false", False),  # the last one wins
        ("core.ignoreCase=true", True),
        ("GIT_AUTHOR_IDENT=core.ignorecase=true <x> 1 +0000", False),
    ],
)
def test_ignorecase_from_var_listing(listing: str, expected: bool) -> None:
    assert git.ignorecase_in(listing) is expected


def test_ignorecase_asks_the_repository(seeded) -> None:  # type: ignore[no-untyped-def]
    assert git.ignorecase() is False
    seeded.git("config", "core.ignorecase", "on")
    assert git.ignorecase() is True


def test_gitattributes_marks_cost_one_check_attr_call(seeded, run, monkeypatch, tmp_path):
    """git is asked about attributes only when a .gitattributes names one a category uses;
    the index answers when it holds the same .gitattributes as the tree."""
    seeded.commit("marks", files={".gitattributes": "*.png binary\n"})
    seeded.add("src/gen/a.py", "src/b.py")
    monkeypatch.setenv("CLAUDECODE", "1")
    plain = _git_calls(run, monkeypatch, tmp_path, "check", "--staged")
    seeded.git("reset", "-q")
    seeded.commit(
        "marks", files={".gitattributes": "[attr]gen linguist-generated\nsrc/gen/* gen\n"}
    )
    seeded.add("src/gen/a.py", "src/b.py", content="y\n")
    assert _git_calls(run, monkeypatch, tmp_path, "check", "--staged") == plain + 1
    # the change edits .gitattributes: the side before it needs a temporary index
    seeded.add(".gitattributes", content="")
    assert _git_calls(run, monkeypatch, tmp_path, "check", "--staged") == plain + 3
