"""agentlint never writes to the working tree, the index or the history."""

from __future__ import annotations

import os

import pytest

from tests.conftest import CLAUDE_TRAILER

COMMANDS = [
    ("check",),
    ("check", "--staged"),
    ("check", "--commit", "HEAD"),
    ("check", "--range", "HEAD~2..HEAD"),
    ("check", "--format", "sarif"),
    ("check", "--format", "json"),
    ("check", "--format", "github"),
    ("explain", ".env", "src/app.py"),
    ("validate-config",),
    ("rules",),
    ("rules", "AL201"),
]


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_command_changes_nothing(seeded, run, argv, monkeypatch):
    seeded.commit("policy", files={".agentlint.yaml": "enforce: all\n"})
    seeded.commit(f"agent\n\n{CLAUDE_TRAILER}", files={".env": "X\n", "src/app.py": "2\n"})
    seeded.write("src/app.py", "dirty work tree\n")
    seeded.add("staged.txt")
    seeded.write("untracked.txt", "u\n")
    monkeypatch.setenv("CLAUDECODE", "1")
    index = seeded.path / ".git" / "index"
    seeded.snapshot()  # let any refresh by the test's own git happen now
    before = index.read_bytes(), os.stat(index).st_mtime_ns, seeded.snapshot()
    run(*argv)
    after = index.read_bytes(), os.stat(index).st_mtime_ns, seeded.snapshot()
    assert before == after
    assert not list((seeded.path / ".git").glob("*.lock"))
