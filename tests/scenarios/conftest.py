"""A week with agentlint, played through the real hooks: agentlint is installed as README's
Install section says (pip from the repository URL at a tag), the hooks are installed by
`pre-commit install` from `.pre-commit-config.yaml` with `repo:` and `rev:`, and every commit
and push is a real `git commit`/`git push` that runs them.

pre-commit and pip build environments, so these need the wheels of agentlint's dependencies:
`nox -s e2e` builds a wheelhouse and runs them offline (PIP_NO_INDEX). They skip without one.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
TAG = "v0.1.0"
HOOK_IDS = (
    "agentlint",
    "agentlint-staged",
    "agentlint-push",
    "agentlint-validate-config",
    "agentlint-validate-record",
)


def _wheelhouse() -> str:
    found = os.environ.get("AGENTLINT_WHEELHOUSE") or os.environ.get("PIP_FIND_LINKS")
    if not os.environ.get("AGENTLINT_E2E") or not found or not shutil.which("pre-commit"):
        pytest.skip("the week's scenarios run through `nox -s e2e` (needs a wheelhouse)")
    return found


def _offline(wheelhouse: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "CLAUDE"))}
    env.update(PIP_NO_INDEX="1", PIP_FIND_LINKS=wheelhouse, GIT_CONFIG_NOSYSTEM="1")
    env.pop("CI", None)
    env.update(extra)
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


class Installed:
    """agentlint's repository at a tag, and agentlint installed from it as README says."""

    def __init__(self, url: str, bin_dir: Path, home: Path, wheelhouse: str) -> None:
        self.url, self.bin_dir, self.home, self.wheelhouse = url, bin_dir, home, wheelhouse


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    wheelhouse = _wheelhouse()
    top = tmp_path_factory.mktemp("agentlint-release")
    source = top / "agentlint"
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, (os.fsdecode(n) for n in listed)):
        if (ROOT / name).is_file() and not name.startswith(".venv"):
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    env = _offline(wheelhouse, GIT_CONFIG_GLOBAL=os.devnull)
    who = ["-c", "user.name=Release", "-c", "user.email=release@example.com"]
    for args in (
        ["git", "init", "-q"],
        ["git", "add", "-A"],
        ["git", *who, "commit", "-q", "-m", "release"],
        ["git", "tag", TAG],
    ):
        assert _run(args, source, env).returncode == 0
    url = source.as_uri()  # file:///...: <agentlint-repo-url>
    venv = top / "venv"
    assert _run([sys.executable, "-m", "venv", str(venv)], top, env).returncode == 0
    command = _readme_install_command(url)
    done = _run([str(venv / "bin" / "python"), *command[1:]], top, env)
    assert done.returncode == 0, done.stdout
    return Installed(url, venv / "bin", tmp_path_factory.mktemp("pre-commit-home"), wheelhouse)


def _readme_install_command(url: str) -> list[str]:
    """README's pip command, exactly as written, with its placeholders filled in."""
    readme = (ROOT / "README.md").read_text()
    install = readme.split("## Install", 1)[1].split("\n## ", 1)[0]
    line = next(
        x for x in install.splitlines() if x.startswith('python -m pip install "git+<agentlint')
    )
    line = line.replace("<agentlint-repo-url>", url).replace("<tag>", TAG)
    return [part.strip('"') for part in re.findall(r'"[^"]*"|\S+', line)]


CLAUDE_ENV = {  # what `agentlint setup claude` puts in .claude/settings.json's env
    "GIT_AUTHOR_NAME": "Claude",
    "GIT_AUTHOR_EMAIL": "noreply@anthropic.com",
    "GIT_COMMITTER_NAME": "Claude",
    "GIT_COMMITTER_EMAIL": "noreply@anthropic.com",
}


class Project:
    """A small Flask project in a real repository, with a bare `origin`."""

    def __init__(self, path: Path, installed: Installed, owner: tuple[str, str]) -> None:
        self.path, self.installed, self.owner = path, installed, owner
        self.gitconfig = path.parent / "gitconfig"
        self.gitconfig.write_text(
            f"[user]\n\tname = {owner[0]}\n\temail = {owner[1]}\n"
            "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n"
        )
        self.claude_env: dict[str, str] = dict(CLAUDE_ENV)

    def env(
        self, *, agent: bool = False, who: tuple[str, str] | None = None, **extra: str
    ) -> dict[str, str]:
        env = _offline(
            self.installed.wheelhouse,
            HOME=str(self.path.parent),
            GIT_CONFIG_GLOBAL=str(self.gitconfig),
            PRE_COMMIT_HOME=str(self.installed.home),
            PATH=f"{self.installed.bin_dir}{os.pathsep}{os.environ['PATH']}",
            AGENTLINT_CACHE_DIR=str(self.path.parent / "cache"),
        )
        if agent:  # Claude Code runs git with its settings' env, and sets CLAUDECODE
            env.update(self.claude_env, CLAUDECODE="1")
        if who:
            env.update(
                GIT_AUTHOR_NAME=who[0],
                GIT_AUTHOR_EMAIL=who[1],
                GIT_COMMITTER_NAME=who[0],
                GIT_COMMITTER_EMAIL=who[1],
            )
        env.update(extra)
        return env

    def run(self, *args: str, **how: Any) -> subprocess.CompletedProcess[str]:
        return _run(list(args), self.path, self.env(**how))

    def git(self, *args: str, **how: Any) -> subprocess.CompletedProcess[str]:
        return self.run("git", *args, **how)

    def agentlint(self, *args: str, **how: Any) -> subprocess.CompletedProcess[str]:
        return self.run("agentlint", *args, **how)  # the one README's Install put on PATH

    def write(self, name: str, text: str) -> None:
        target = self.path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)

    def commit(self, message: str, *paths: str, **how: Any) -> subprocess.CompletedProcess[str]:
        self.git("add", "-A", *paths)
        return self.git("commit", "-m", message, **how)

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").stdout.strip()

    def use_hooks(self) -> None:
        """`.pre-commit-config.yaml` as README's Hooks section writes it, and installed."""
        hooks = "".join(f"      - id: {h}\n" for h in HOOK_IDS)
        self.write(
            ".pre-commit-config.yaml",
            f"repos:\n  - repo: {self.installed.url}\n    rev: {TAG}\n    hooks:\n{hooks}",
        )
        readme = (ROOT / "README.md").read_text()
        install = next(x for x in readme.splitlines() if x.startswith("pre-commit install "))
        done = self.run(*install.split())
        assert done.returncode == 0, done.stdout


APP = """from flask import Flask

app = Flask(__name__)


def total(items):
    return sum(items)
"""
TESTS = """from app import total


def test_total():
    assert total([1, 2]) == 3
"""


@pytest.fixture
def project(tmp_path: Path, installed: Installed) -> Iterator[Project]:
    path = tmp_path / "shop"
    path.mkdir()
    made = Project(path, installed, ("Sam Solo", "sam@example.com"))
    origin = tmp_path / "origin.git"
    assert made.run("git", "init", "-q", "--bare", str(origin)).returncode == 0
    made.git("init", "-q")
    made.git("remote", "add", "origin", str(origin))
    made.write("app.py", APP)
    made.write("tests/test_app.py", TESTS)
    made.write("requirements.txt", "flask==3.0.0\n")
    assert made.commit("Flask shop").returncode == 0
    yield made
