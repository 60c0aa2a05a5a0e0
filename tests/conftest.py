"""Fixtures that build real git repositories, isolated from the user's git config."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from agentlint.cli import main

HUMAN = ("Hannah Human", "hannah@example.com")
ALICE = ("Alice Approver", "alice@example.com")
BOB = ("Bob Builder", "bob@example.com")
CLAUDE_TRAILER = "Co-authored-by: Claude <noreply@anthropic.com>"
_SCRUB = (
    "CLAUDECODE",
    "CLAUDE_CODE_SESSION_ID",
    "CLAUDE_PROJECT_DIR",
    "CLAUDE_CODE_ENTRYPOINT",
    "CODEX_THREAD_ID",
    "CODEX_SANDBOX",
    "CURSOR_AGENT",
    "GEMINI_SESSION_ID",
    "GEMINI_CLI",
    "GEMINI_PROJECT_DIR",
    "COPILOT_AGENT_PROMPT",
    "CURSOR_PROJECT_DIR",
    "PRE_COMMIT_FROM_REF",
    "PRE_COMMIT_TO_REF",
    "PRE_COMMIT_REMOTE_NAME",
    "PRE_COMMIT_LOCAL_BRANCH",
    "PRE_COMMIT_REMOTE_BRANCH",
    "PRE_COMMIT_REMOTE_URL",
    "PRE_COMMIT",
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "AGENTLINT_NO_CACHE",
    "CI",  # check --staged with nothing staged checks the branch in CI
    "GIT_AUTHOR_NAME",
    "GIT_AUTHOR_EMAIL",
    "GIT_COMMITTER_NAME",
    "GIT_COMMITTER_EMAIL",
)


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    config = home / "gitconfig"
    config.write_text(
        f"[user]\n\tname = {HUMAN[0]}\n\temail = {HUMAN[1]}\n"
        "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n"
        '[protocol "file"]\n\tallow = always\n'
    )
    for var in _SCRUB:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("AGENTLINT_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("LC_ALL", "C.UTF-8")


class Repo:
    """A real git repository with helpers to write files, commit and run agentlint."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def git(self, *args: str, env: dict[str, str] | None = None, input: bytes | None = None) -> str:
        result = subprocess.run(
            ["git", *args],
            cwd=self.path,
            capture_output=True,
            input=input,
            env={**os.environ, **(env or {})},
            check=False,
        )
        if result.returncode != 0:
            raise AssertionError(f"git {args} failed: {result.stderr.decode()}")
        return result.stdout.decode("utf-8", "surrogateescape")

    def write(self, path: str | bytes, content: str | bytes = "x\n") -> None:
        target = self.path / os.fsdecode(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode() if isinstance(content, str) else content)

    def add(self, *paths: str | bytes, content: str | bytes = "x\n") -> None:
        for path in paths:
            self.write(path, content)
        self.git("add", "-A")

    def commit(
        self,
        message: str = "change",
        *,
        author: tuple[str, str] = HUMAN,
        committer: tuple[str, str] | None = None,
        files: dict[str, str] | None = None,
        extra: list[str] | None = None,
    ) -> str:
        for path, content in (files or {}).items():
            self.write(path, content)
        self.git("add", "-A")
        committer = committer or author
        env = {
            "GIT_AUTHOR_NAME": author[0],
            "GIT_AUTHOR_EMAIL": author[1],
            "GIT_COMMITTER_NAME": committer[0],
            "GIT_COMMITTER_EMAIL": committer[1],
        }
        self.git("commit", "-q", "--allow-empty", "-m", message, *(extra or []), env=env)
        return self.git("rev-parse", "HEAD").strip()

    def approve(self, who: tuple[str, str] = ALICE, extra: list[str] | None = None) -> str:
        return self.commit(f"approve\n\nApproved-by: {who[0]} <{who[1]}>", author=who, extra=extra)

    def snapshot(self) -> tuple[str, str, str]:
        """The working tree, index and history, to prove a command changed none of them."""
        status = self.git(
            "status",
            "--porcelain=v2",
            "--untracked-files=all",
            "-z",
            env={"GIT_OPTIONAL_LOCKS": "0"},
        )
        index = self.git("ls-files", "--stage", "-z")
        refs = self.git("for-each-ref", "--format=%(refname) %(objectname)")
        return status, index, refs


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Repo]:
    path = tmp_path / "repo"
    path.mkdir()
    monkeypatch.chdir(path)
    r = Repo(path)
    r.git("init", "-q")
    yield r


@pytest.fixture
def seeded(repo: Repo) -> Repo:
    """A repository with one human commit, so HEAD exists."""
    repo.commit("initial", files={"README.md": "hello\n", "src/app.py": "print(1)\n"})
    return repo


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()

    def codes(self) -> list[str]:
        return [line.split(": ")[1].split()[0] for line in self.lines[:-1] if ": AL" in line]

    def __repr__(self) -> str:
        return f"Result({self.code}, out={self.out!r}, err={self.err!r})"


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """agentlint in-process. In modules marked `core_rules` (tests of postures, approvals,
    detection and size, whose changes carry no review record), `check` runs only the
    core rules (AL2xx, AL4xx); tests/checks/test_families.py shows that they find the same
    with the other checks skipped."""
    core = request.node.get_closest_marker("core_rules") is not None

    def _run(*argv: str) -> Result:
        if core and argv[:1] == ("check",) and "--select" not in argv:
            argv = (*argv, "--select", "AL2,AL4")
        capsys.readouterr()
        code = main(list(argv))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the weakened-test corpus figures when the corpus ran."""
    from tests.weakened.test_corpus import SCORES

    for name, text in SCORES.items():
        terminalreporter.write_line(f"{name}: {text}")
