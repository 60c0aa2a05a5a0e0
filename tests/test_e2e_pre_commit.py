"""The hooks through the real `pre-commit try-repo`, against a real repository.

pre-commit builds a virtualenv and pip-installs this project into it, so these tests
need the packages agentlint depends on. The nox `e2e` session provides them from a local
wheelhouse (PIP_NO_INDEX + PIP_FIND_LINKS), so the tests themselves reach no network.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests import records
from tests.conftest import CLAUDE_TRAILER

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not os.environ.get("AGENTLINT_E2E"),
        reason="run with `nox -s e2e` (needs a wheelhouse for pre-commit)",
    ),
]


def _try_repo(repo, hook: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.path.parent / "pre-commit-home")}
    exe = shutil.which("pre-commit") or "pre-commit"
    return subprocess.run(
        [exe, "try-repo", str(ROOT), hook, "--verbose", *args],
        cwd=repo.path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_staged_hook_blocks_agent_secret(seeded, monkeypatch):
    seeded.add(".env")
    monkeypatch.setenv("CLAUDECODE", "1")
    result = _try_repo(seeded, "agentlint-staged")
    assert result.returncode == 1, result.stdout + result.stderr
    assert ".env: AL205" in result.stdout


def test_staged_hook_passes_human_change(seeded):
    seeded.add("src/new.py")
    result = _try_repo(seeded, "agentlint-staged")
    assert result.returncode == 0, result.stdout + result.stderr


def test_commit_msg_hook_reads_the_message(seeded, tmp_path):
    seeded.commit(
        "policy",
        files={
            ".agentlint.yaml": "categories:\n  ci:\n    approvers: [alice@example.com]\n"
            "enforce: all\n"
        },
    )
    seeded.add(".github/workflows/ci.yml")
    record = records.base()
    record["scope"]["paths"] = [".github/workflows/"]
    record["files"]["changed"] = [".github/workflows/ci.yml"]
    record["rollback"]["categories"] = {"ci": "Restore the previous workflow file."}
    seeded.add(records.RECORD_PATH, content=records.text(record))
    msg = tmp_path / "COMMIT_EDITMSG"
    msg.write_text(f"edit CI\n\n{CLAUDE_TRAILER}\n")
    pending = _try_repo(
        seeded, "agentlint", "--hook-stage", "commit-msg", "--commit-msg-filename", str(msg)
    )
    # locally the approval is pending: the hook passes and, being verbose, says who approves
    assert pending.returncode == 0, pending.stdout + pending.stderr
    assert "AL201 [warning]" in pending.stdout
    assert "pending: needs an approval from one of alice@example.com before merge" in (
        pending.stdout
    )
    # the agent's own approval is no approval: an agent can write any trailer
    msg.write_text(f"edit CI\n\n{CLAUDE_TRAILER}\nApproved-by: Alice <alice@example.com>\n")
    forged = _try_repo(
        seeded, "agentlint", "--hook-stage", "commit-msg", "--commit-msg-filename", str(msg)
    )
    assert forged.returncode == 1, forged.stdout + forged.stderr
    assert "AL202 the approval by Alice <alice@example.com> is written in" in forged.stdout
    # a person's commit (judged under `enforce: all`) carries an approval that counts
    msg.write_text("edit CI\n\nApproved-by: Alice <alice@example.com>\n")
    passing = _try_repo(
        seeded, "agentlint", "--hook-stage", "commit-msg", "--commit-msg-filename", str(msg)
    )
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "AL201" not in passing.stdout


def test_pre_push_hook_checks_the_pushed_range(seeded):
    base = seeded.git("rev-parse", "HEAD").strip()
    head = seeded.commit(f"agent\n\n{CLAUDE_TRAILER}", files={"id_rsa": "KEY\n"})
    result = _try_repo(
        seeded, "agentlint-push", "--hook-stage", "pre-push", "--from-ref", base, "--to-ref", head
    )
    assert result.returncode == 1 and "id_rsa: AL205" in result.stdout


def test_validate_config_hook(seeded):
    seeded.add(".agentlint.yaml", content="enforce: sometimes\n")
    result = _try_repo(seeded, "agentlint-validate-config", "--all-files")
    assert result.returncode == 1  # pre-commit reports any failing hook as 1
    assert "enforce: 'sometimes' is not allowed" in result.stdout


def test_validate_record_hook(seeded):
    seeded.add(records.RECORD_PATH, content=records.text(rollback={"plan": "TODO"}))
    seeded.add(".agentlint/records/good.yaml", content=records.VALID_YAML)
    result = _try_repo(seeded, "agentlint-validate-record", "--all-files")
    assert result.returncode == 1
    assert f"{records.RECORD_PATH}:" in result.stdout and "AL105" in result.stdout
    assert "good.yaml" not in result.stdout.split("1 of 2")[0]
