"""Attack: the change under review tries to run its own code in the CI job that judges it.

The agent's branch carries a `pip/` and a `venv/` package, a fake `agentlint/` package
(whose `resources.path` points at a script that passes), `sitecustomize.py`,
`usercustomize.py` and `.pth` files, and the job's environment is poisoned the way an
earlier step could poison it (`PYTHONPATH` and `PYTHONUSERBASE` into the checkout, a
planted cache). Each trick, if it ran, leaves a marker. The recipes' real steps are
replayed (tests/attacks/replay.py reads them from action.yml and ci/gitlab-ci.yml), and
the verdict must stay: exit 1 with the real finding, and no marker.

Installing agentlint for real needs its dependencies: the nox `tests` and `e2e` sessions
build a wheelhouse and set AGENTLINT_WHEELHOUSE, and every install here is offline
(PIP_NO_INDEX). Without a wheelhouse these tests skip and say why.
"""

from __future__ import annotations

import glob
import json
import marshal
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from tests.attacks import replay
from tests.conftest import CLAUDE_TRAILER, HUMAN, Repo

pytestmark = pytest.mark.slow

PY = f"python{sys.version_info[0]}.{sys.version_info[1]}"
MARK = "import os; open(os.path.join(os.environ.get('ATTACK_MARKERS', '/tmp'), {name!r}), 'w')"
PASS = "print('All checks passed: 1 commit (0 by agents).')"

HOSTILE = {
    "pip/__init__.py": MARK.format(name="pip") + "\n",
    # a fake pip that "installs" a fake agentlint next to the interpreter, then passes
    "pip/__main__.py": (
        "import os, stat, sys\n"
        "shim = os.path.join(os.path.dirname(sys.executable), 'agentlint')\n"
        f"open(shim, 'w').write('#!/bin/sh\\necho \"{PASS[7:-2]}\"\\n')\n"
        "os.chmod(shim, 0o755)\n"
    ),
    "venv/__init__.py": MARK.format(name="venv") + "\n",
    "venv/__main__.py": "",
    "agentlint/__init__.py": MARK.format(name="agentlint") + "\n",
    "agentlint/__main__.py": f"{PASS}\n",
    "agentlint/cli.py": f"def main(argv=None):\n    {PASS}\n    return 0\n",
    "agentlint/resources.py": (
        "import os\ndef path(*parts):\n    return os.path.join(os.getcwd(), 'passing-ci.sh')\n"
    ),
    "passing-ci.sh": 'touch "$ATTACK_MARKERS/script"\necho passed\nexit 0\n',
    "sitecustomize.py": MARK.format(name="sitecustomize") + "\n",
    "usercustomize.py": MARK.format(name="usercustomize") + "\n",
    "evil.pth": MARK.format(name="root-pth") + "\n",
    f".userbase/lib/{PY}/site-packages/evil.pth": MARK.format(name="user-pth") + "\n",
}


@pytest.fixture(scope="session")
def wheelhouse() -> Path:
    given = os.environ.get("AGENTLINT_WHEELHOUSE")
    if not given or not glob.glob(os.path.join(given, "hatchling-*.whl")):
        pytest.skip(
            "the CI-recipe attacks install agentlint offline: run them through `nox -s tests` "
            "(or set AGENTLINT_WHEELHOUSE to a folder of wheels for agentlint's dependencies "
            "and hatchling)"
        )
    return Path(given)


class Setup(NamedTuple):
    workspace: Repo
    base: str
    env: dict[str, str]
    python_dir: Path
    markers: Path
    tmp: Path


def _git_env(home: Path) -> dict[str, str]:
    config = home / "gitconfig"
    config.write_text(
        f"[user]\n\tname = {HUMAN[0]}\n\temail = {HUMAN[1]}\n"
        "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n"
        '[protocol "file"]\n\tallow = always\n'
    )
    return {
        "HOME": str(home),
        "GIT_CONFIG_GLOBAL": str(config),
        "GIT_CONFIG_NOSYSTEM": "1",
        "LC_ALL": "C.UTF-8",
    }


def _clean_environ() -> dict[str, str]:
    drop = ("PYTHON", "PIP_", "AGENTLINT_", "VIRTUAL_ENV", "GIT_", "CLAUDE", "PRE_COMMIT")
    return {k: v for k, v in os.environ.items() if not k.startswith(drop)}


def _hostile_setup(tmp: Path, wheelhouse: Path) -> Setup:
    home, markers = tmp / "home", tmp / "markers"
    home.mkdir()
    markers.mkdir()
    env = {**_clean_environ(), **_git_env(home)}
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        for name in [k for k in os.environ if k not in env]:
            patch.delenv(name)
        upstream = Repo(tmp / "upstream")
        upstream.path.mkdir()
        upstream.git("init", "-q")
        upstream.commit("initial", files={"README.md": "hello\n", "src/app.py": "print(1)\n"})
        base = upstream.git("rev-parse", "HEAD").strip()
        subprocess.run(["git", "clone", "-q", str(upstream.path), str(tmp / "ws")], check=True)
        workspace = Repo(tmp / "ws")
        workspace.git("checkout", "-q", "-b", "agent-branch")
        files = {".env": "KEY=1\n", **HOSTILE}
        workspace.commit(f"add settings\n\n{CLAUDE_TRAILER}", files=files)
    python_dir = tmp / "toolcache"  # stands in for actions/setup-python or the job's image
    python_dir.mkdir()
    for name in ("python", "python3"):
        (python_dir / name).symlink_to(getattr(sys, "_base_executable", sys.executable))
    env.update(
        # offline installs from the wheelhouse only
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(wheelhouse),
        PIP_CONFIG_FILE=os.devnull,
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        # what an earlier step of the job could have written to $GITHUB_ENV
        PYTHONPATH=str(workspace.path),
        PYTHONUSERBASE=str(workspace.path / ".userbase"),
        ATTACK_MARKERS=str(markers),
    )
    return Setup(workspace, base, env, python_dir, markers, tmp)


def _event(setup: Setup) -> dict[str, Any]:
    return {
        "repository.private": False,
        "pull_request.base.sha": setup.base,
        "pull_request.title": "Add settings",
        "pull_request.body": "Routine change.",
    }


def test_the_tricks_are_live(tmp_path: Path, wheelhouse: Path) -> None:
    """Without isolation each trick runs: the attack tests below are not vacuous."""
    setup = _hostile_setup(tmp_path, wheelhouse)
    python = str(setup.python_dir / "python")
    for module in ("pip", "venv", "agentlint"):
        subprocess.run(
            [python, "-c", f"import {module}"],
            cwd=setup.workspace.path,
            env={**setup.env, "PYTHONPATH": ""},
            check=True,
        )
    subprocess.run([python, "-c", "pass"], cwd=tmp_path, env=setup.env, check=True)
    assert sorted(os.listdir(setup.markers)) == [
        "agentlint",
        "pip",
        "sitecustomize",
        "user-pth",
        "usercustomize",
        "venv",
    ]


@pytest.fixture(scope="module")
def github_run(
    tmp_path_factory: pytest.TempPathFactory, wheelhouse: Path
) -> Iterator[tuple[Setup, replay.Outcome]]:
    setup = _hostile_setup(tmp_path_factory.mktemp("github"), wheelhouse)
    runner_temp = setup.tmp / "runner-temp"
    runner_temp.mkdir()
    outcome = replay.run_action(
        workspace=setup.workspace.path,
        runner_temp=runner_temp,
        python_dir=setup.python_dir,
        env=setup.env,
        event=_event(setup),
    )
    yield setup, outcome


def test_action_verdict_holds_in_a_hostile_workspace(
    github_run: tuple[Setup, replay.Outcome],
) -> None:
    setup, outcome = github_run
    assert outcome.status == 1, outcome.log
    assert "::error file=.env" in outcome.log and "AL205" in outcome.log, outcome.log
    assert os.listdir(setup.markers) == [], outcome.log
    assert outcome.summary.startswith("## agentlint: fail\n")  # the packet, in the summary
    assert outcome.uploads == [str(setup.tmp / "runner-temp" / "agentlint.sarif")]


def _poison(cache: Path) -> int:
    """Make every cached policy lenient: no agent is recognised, every path is allowed."""
    count = 0
    for path in cache.glob("policy-*"):  # marshal entries (agentlint/cache.py)
        data: dict[str, Any] = marshal.loads(path.read_bytes())
        data["detectors"] = []
        for category in data["categories"]:
            category["posture"] = "allow"
        path.write_bytes(marshal.dumps(data))
        count += 1
    return count


def test_action_ignores_a_planted_cache(github_run: tuple[Setup, replay.Outcome]) -> None:
    """Code that ran earlier on the runner, with the very agentlint the job installed,
    fills and poisons the cache, and points AGENTLINT_CACHE_DIR at it. The job ignores it."""
    setup, _ = github_run
    runner_temp = setup.tmp / "runner-temp"
    installed = glob.glob(str(runner_temp / "**" / "bin" / "agentlint"), recursive=True)
    assert len(installed) == 1, installed
    planted = setup.tmp / "planted-cache"
    env = {**setup.env, "AGENTLINT_CACHE_DIR": str(planted), "PYTHONPATH": ""}
    argv = [installed[0], "check", "--range", f"{setup.base}..HEAD"]
    first = subprocess.run(argv, cwd=setup.workspace.path, env=env, capture_output=True, text=True)
    assert first.returncode == 1, first.stdout + first.stderr
    assert _poison(planted) >= 1
    lenient = subprocess.run(argv, cwd=setup.workspace.path, env=env, capture_output=True)
    assert lenient.returncode == 0, "the planted cache should fool a run that trusts the cache"
    outcome = replay.run_action(
        workspace=setup.workspace.path,
        runner_temp=runner_temp,
        python_dir=setup.python_dir,
        env={**setup.env, "AGENTLINT_CACHE_DIR": str(planted)},
        event=_event(setup),
        start="check",
    )
    assert outcome.status == 1 and "AL205" in outcome.log, outcome.log
    assert os.listdir(setup.markers) == [], outcome.log


def test_gitlab_job_verdict_holds_in_a_hostile_workspace(tmp_path: Path, wheelhouse: Path) -> None:
    setup = _hostile_setup(tmp_path, wheelhouse)
    env = {
        **setup.env,
        "AGENTLINT_SPEC": str(replay.ROOT),  # a pinned source, as a user pins a tag
        "CI_PIPELINE_SOURCE": "merge_request_event",
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": setup.base,
        "CI_MERGE_REQUEST_TITLE": "Add settings",
        "CI_MERGE_REQUEST_DESCRIPTION": "Routine change.",
        "CI_PROJECT_DIR": str(setup.workspace.path),
        "TMPDIR": str(tmp_path),
    }
    outcome = replay.run_gitlab_job(
        workspace=setup.workspace.path, python_dir=setup.python_dir, env=env
    )
    assert outcome.status == 1, outcome.log
    assert ".env: AL205" in outcome.log, outcome.log
    assert os.listdir(setup.markers) == [], outcome.log
    reports = setup.workspace.path
    issues = json.loads((reports / "gl-code-quality-report.json").read_text())
    assert ("AL205 blocked-path", ".env") in {
        (i["check_name"], i["location"]["path"]) for i in issues
    }
    assert (reports / "gl-agentlint.md").read_text().startswith("## agentlint: fail\n")


def test_action_refuses_to_run_from_the_checkout_it_judges(tmp_path: Path) -> None:
    """`uses: ./` would install and run the change's own agentlint: the job stops first."""
    workspace = tmp_path / "ws"
    (workspace / "vendor" / "agentlint").mkdir(parents=True)
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    python_dir = tmp_path / "bin"
    python_dir.mkdir()
    outcome = replay.run_action(
        workspace=workspace,
        runner_temp=runner_temp,
        python_dir=python_dir,
        env={"PATH": os.environ["PATH"], "HOME": str(tmp_path)},
        event={"pull_request.base.sha": "0" * 40, "repository.private": False},
        action_path=workspace / "vendor" / "agentlint",
    )
    assert outcome.status == 2, outcome.log
    assert "not from the checkout it judges" in outcome.log
    assert not (runner_temp / "agentlint-venv").exists()
