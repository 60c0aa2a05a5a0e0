"""The Action's reports, through its real steps (tests/attacks/replay.py): the packet in
the job summary, SARIF uploaded only where it exists and code scanning is available, and
no step that looks for a file outside the workspace with hashFiles()."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.attacks import replay
from tests.conftest import CLAUDE_TRAILER, Repo


def _run(repo: Repo, tmp_path: Path, *, private: bool, **inputs: str) -> replay.Outcome:
    base = repo.git("rev-parse", "HEAD~1").strip()
    runner_temp = tmp_path / "runner-temp"
    venv_bin = runner_temp / "agentlint-venv" / "bin"
    venv_bin.mkdir(parents=True, exist_ok=True)
    python = venv_bin / "python"  # the installed agentlint: this test's own
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    python.chmod(0o755)
    return replay.run_action(
        workspace=repo.path,
        runner_temp=runner_temp,
        python_dir=Path(sys.executable).parent,
        env=dict(os.environ),
        event={
            "repository.private": private,
            "pull_request.base.sha": base,
            "pull_request.title": "Add settings",
            "pull_request.body": "",
        },
        inputs=inputs,
        start="check",
    )


@pytest.fixture
def agent_pr(seeded: Repo) -> Repo:
    seeded.commit(f"add settings\n\n{CLAUDE_TRAILER}", files={".env": "KEY=1\n"})
    return seeded


def test_action_writes_the_packet_and_uploads_sarif_in_a_public_repository(
    agent_pr: Repo, tmp_path: Path
) -> None:
    outcome = _run(agent_pr, tmp_path, private=False)
    assert outcome.status == 1, outcome.log
    assert outcome.summary.startswith("## agentlint: fail\n")
    assert "| `secrets` | block | 1 | nobody: agents may not | blocked |" in outcome.summary
    (sarif,) = outcome.uploads
    assert json.loads(Path(sarif).read_text())["runs"][0]["results"]


def test_action_uploads_sarif_in_a_private_repository_only_when_asked(
    agent_pr: Repo, tmp_path: Path
) -> None:
    assert _run(agent_pr, tmp_path, private=True).uploads == []
    assert len(_run(agent_pr, tmp_path / "2", private=True, sarif="true").uploads) == 1
    never = _run(agent_pr, tmp_path / "3", private=False, sarif="false")
    assert never.uploads == [] and never.summary.startswith("## agentlint: fail")


def test_action_summary_on_a_clean_pull_request(seeded: Repo, tmp_path: Path) -> None:
    seeded.commit("docs", files={"docs/a.md": "x\n"})
    outcome = _run(seeded, tmp_path, private=False)
    assert outcome.status == 0, outcome.log
    assert outcome.summary.startswith("## agentlint: pass\n")
    assert len(outcome.uploads) == 1  # an empty SARIF clears old alerts


def _calls(text: str) -> list[str]:
    return re.findall(r"hashFiles\(([^)]*)\)", text)


def test_no_action_step_looks_outside_the_workspace_with_hash_files() -> None:
    action: Any = replay.load(replay.ROOT / "action.yml")
    context = {"runner.temp": "/runner-temp", "github.workspace": "/ws", "github.action_path": "/a"}
    for step in action["runs"]["steps"]:
        for text in [str(v) for v in step.values() if isinstance(v, str)]:
            for args in _calls(text):
                for arg in [a.strip() for a in args.split(",") if a.strip()]:
                    assert "runner.temp" not in arg and "action_path" not in arg, text
                    assert not arg.strip("'").startswith("/"), text
    old = "${{ hashFiles(format('{0}/agentlint.sarif', runner.temp)) }}"
    assert replay.substitute(old, context, "/ws") == ""  # what GitHub did: always skipped


def test_the_documented_comment_step_is_valid_and_least_privileged() -> None:
    import subprocess

    docs = (replay.ROOT / "docs" / "ci.md").read_text()
    blocks = re.findall(r"```yaml\n(.*?)```", docs, re.S)
    block = next(b for b in blocks if "Post the review packet" in b)
    workflow: Any = replay.YAML(typ="safe").load(block)
    assert workflow["permissions"] == {
        "contents": "read",
        "security-events": "write",
        "pull-requests": "write",
    }
    step = workflow["jobs"]["agentlint"]["steps"][-1]
    assert "${{" not in step["run"] and "head.repo.full_name == github.repository" in step["if"]
    subprocess.run(["bash", "-n"], input=step["run"], text=True, check=True)


def test_gitlab_job_publishes_the_code_quality_report_and_the_packet() -> None:
    jobs: Any = replay.load(replay.ROOT / "ci" / "gitlab-ci.yml")
    job = jobs["agentlint"]
    exported = dict(
        line.removeprefix("- ").split()[1].split("=", 1)
        for line in job["script"]
        if line.startswith("export AGENTLINT_") and "=" in line and "$(" not in line
    )
    artifacts = job["artifacts"]
    assert artifacts["reports"]["codequality"] == exported["AGENTLINT_CODEQUALITY"]
    assert exported["AGENTLINT_MARKDOWN"] in artifacts["paths"] and artifacts["expose_as"]
    assert artifacts["when"] == "always"
    baseline = jobs["agentlint-baseline"]
    assert baseline["artifacts"]["reports"]["codequality"] == exported["AGENTLINT_CODEQUALITY"]
    assert baseline["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
