"""The Bash reading on its own: bypasses, writes and reads, and command kinds."""

from __future__ import annotations

import shlex

import pytest

from agentlint.evidence.kinds import kind_of
from agentlint.guard import shell


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
    for _ in range(6):
        deep = f"bash -c {shlex.quote(deep)}"
    assert "too deeply" in shell.inspect(deep, "/r").bypasses[0]


def test_a_script_file_is_not_read() -> None:
    assert shell.inspect("bash ./release.sh", "/r") == shell.Inspection([], [], [])


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
