"""The Bash reading on its own: bypasses, writes and reads, and command kinds."""

from __future__ import annotations

import posixpath
import shlex

import pytest

from agentlint.evidence.kinds import kind_of
from agentlint.guard import lex, shell, unified


@pytest.mark.parametrize(
    "command,writes,reads",
    [
        ("dd if=.env of=out/copy.txt", ["out/copy.txt"], [".env"]),
        ("perl -pi -e 's/a/b/' deploy/app.yaml", ["deploy/app.yaml"], []),
        ("chmod +x .git/hooks/pre-commit", [".git/hooks/pre-commit"], []),
        ("cp -t backup/ a.txt b.txt", ["backup/"], ["a.txt", "b.txt"]),
        ("git -C sub rm old.py", ["old.py"], []),
        ("truncate -s 0 log.txt", ["log.txt"], []),
        ("sort < .env > sorted.txt", ["sorted.txt"], [".env"]),
        ("grep -e KEY -r config/.env", [], ["config/.env"]),
        ("sudo -u root tee /etc/hosts", ["/etc/hosts"], []),
        ("echo x 2> err.log", ["err.log"], []),
        ("ls >&2", [], []),
    ],
)
def test_writes_and_reads(command: str, writes: list[str], reads: list[str]) -> None:
    found = shell.inspect(command, "/r")
    assert [w for w, _ in found.writes] == writes
    assert [r for r, _ in found.reads] == reads


def test_git_dash_c_and_cd_move_the_working_folder() -> None:
    found = shell.inspect("cd a && git -C b rm x && cd .. && rm y", "/r")
    assert found.writes == [("x", "/r/a/b"), ("y", "/r")]


def test_eval_and_nested_shells_are_read() -> None:
    assert shell.inspect("eval 'git commit -n -m x'", "/r").bypasses
    assert shell.inspect("sh -c \"bash -c 'git push --no-verify'\"", "/r").bypasses
    deep = "git commit -n"
    for _ in range(8):
        deep = f"bash -c {shlex.quote(deep)}"
    assert "too deeply" in shell.inspect(deep, "/r").bypasses[0]


def test_a_script_file_is_read_as_the_shell_would_run_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "release.sh").write_text("#!/bin/sh\ngit push --no-verify\n")
    for command in ("bash ./release.sh", "sh release.sh", "./release.sh", "bash < release.sh"):
        found = shell.inspect(command, str(tmp_path))
        reads = [posixpath.normpath(r) for r, _ in found.reads]
        assert found.bypasses and set(reads) == {"release.sh"}, command
    assert shell.inspect("bash ./absent.sh", str(tmp_path)).bypasses == []


@pytest.mark.parametrize(
    "command,kind",
    [
        ("pytest -q", "test"),
        ("cd api && python3 -m pytest tests/", "test"),
        ("PYTHONPATH=src pytest", "test"),
        ("npm run test:unit -- --watch=false", "test"),
        ("go test ./...", "test"),
        ("cargo test --all", "test"),
        ("./gradlew clean test", "test"),
        ("mvn -q verify", "test"),
        ("bundle exec rspec", "test"),
        ("ruff check . && mypy src", "lint"),
        ("npx eslint src", "other"),
        ("pre-commit run --all-files", "lint"),
        ("cargo clippy", "lint"),
        ("make", "build"),
        ("npm run build", "build"),
        ("make lint test", "test"),
        ("git status", "other"),
        ("ls && make", "build"),
        ("", "other"),
        ("env", "other"),
    ],
)
def test_command_kinds(command: str, kind: str) -> None:
    assert kind_of(command) == kind


@pytest.mark.parametrize(
    "command,words",
    [
        ("$'git' commit", ["git", "commit"]),
        ("$'\\x67\\151t' commit", ["git", "commit"]),
        ("$'g\\'it'", ["g'it"]),
        ("echo '$'x", ["echo", "$x"]),
        ("echo \"$'x'\"", ["echo", "$'x'"]),
        ('$"git" commit', ["git", "commit"]),
        ('g"i"t \\commit', ["git", "commit"]),
    ],
)
def test_quoting_is_removed_as_bash_removes_it(command: str, words: list[str]) -> None:
    assert shell.simple_commands(command) == [words]


def test_here_documents_are_kept_as_standard_input() -> None:
    text, bodies = lex.heredocs("cat <<'A' > x\nhello\nA\nbash <<-B\n\tgit commit -n\n\tB")
    assert bodies == ["hello", "\tgit commit -n"]
    assert "hello" not in text and lex.strip_heredocs("a <<E\nb\nE") == "a <<E"


@pytest.mark.parametrize(
    "name,text",
    [
        ("git diff", "diff --git a/x.py b/y.py\nrename from x.py\nrename to y.py\n"),
        ("unified", "--- a/x.py\t2024-01-01\n+++ b/y.py\t2024-01-01\n@@ -1 +1 @@\n"),
        ("quoted", 'diff --git "a/caf\\303\\251" "b/caf\\303\\251"\n'),
        ("context", "*** a/x.py\n--- b/y.py\n***************\n*** 1,2 ****\n"),
    ],
)
def test_patch_headers_name_every_file(name: str, text: str) -> None:
    found = unified.touched(text)
    assert found and all(unified.stripped(n, 1) for n in found), (name, found)
    assert "/dev/null" not in unified.touched("--- /dev/null\n+++ b/new.txt\n")
    assert unified.stripped("a/b/c", 1) == "b/c" and unified.stripped("a", 1) == ""
