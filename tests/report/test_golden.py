"""Golden files: every output format for four changes a reviewer meets (a human's change, an
agent's change with a full record, one without a record, and one whose approvals are
missing or stale), through the real CLI on real repositories. Commit dates are pinned, so
the commit ids, and so the files, are the same on every run.

After an intended change of output, rewrite them with AGENTLINT_UPDATE_GOLDEN=1 and read
the diff: text and json are a public contract and must not move.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from tests import records
from tests.conftest import ALICE, CLAUDE_TRAILER, Repo

GOLDEN = Path(__file__).parent / "golden"
SCHEMA = Path(__file__).parents[1] / "data" / "gitlab-codequality.schema.json"
FORMATS = {"text": "txt", "json": "json", "github": "github", "gitlab": "gitlab.json"}
FORMATS["markdown"] = "md"


def _record(*changed: str, **changes: object) -> str:
    data = records.base()
    data["files"] = records.files(*changed, read=("src/report/totals.py",))
    data["scope"]["paths"] = sorted({p.rsplit("/", 1)[0] + "/" for p in changed})
    return records.text(data, **changes)


def human(repo: Repo) -> None:
    repo.commit("docs and a fix", files={"docs/guide.md": "# Guide\n", "src/app.py": "print(2)\n"})


def agent_with_record(repo: Repo) -> None:
    changed = ("src/report/totals.py", "tests/report/test_totals.py")
    repo.commit(
        f"round half-even\n\n{CLAUDE_TRAILER}",
        files={
            changed[0]: "def total(x):\n    return round(x, 2)\n",
            changed[1]: "def test_total():\n    assert total(1.005) == 1.0\n",
            records.RECORD_PATH: _record(*changed),
        },
    )


def agent_without_record(repo: Repo) -> None:
    repo.commit(
        f"round half-even\n\n{CLAUDE_TRAILER}",
        files={"src/report/totals.py": "def total(x):\n    return round(x, 2)\n"},
    )


def approvals_pending(repo: Repo) -> None:
    policy = (
        "categories:\n  ci:\n    approvers: [alice@example.com]\n"
        "  migrations:\n    approvers: [alice@example.com, bob@example.com]\n"
    )
    repo.commit("policy", files={".agentlint.yaml": policy})
    repo.git("tag", "base")
    changed = (".github/workflows/ci.yml", "db/migrations/0001_init.sql", "deploy/app.yaml")
    rollback = {
        "plan": "Revert both commits; the migration has a down step.",
        "categories": {
            "ci": "Restore the previous workflow.",
            "migrations": "Run 0001 down.",
            "deploy": "Apply the previous manifest.",
        },
    }
    record = _record(*changed, rollback=rollback)
    repo.commit(
        f"ci and schema\n\n{CLAUDE_TRAILER}",
        files={changed[0]: "on: push\n", records.RECORD_PATH: record},
    )
    repo.approve(ALICE)
    repo.commit(
        f"ci again, and a migration\n\n{CLAUDE_TRAILER}",
        files={
            changed[0]: "on: [push, pull_request]\n",
            changed[1]: "create table t (id int);\n",
            changed[2]: "replicas: 2\n",
        },
    )


SCENARIOS: dict[str, Callable[[Repo], None]] = {
    "human": human,
    "agent-with-record": agent_with_record,
    "agent-without-record": agent_without_record,
    "approvals-pending": approvals_pending,
}


@pytest.fixture
def pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):
        monkeypatch.setenv(var, "2026-01-05T10:00:00+00:00")


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_golden_outputs(scenario: str, pinned: None, seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    SCENARIOS[scenario](seeded)
    tags = seeded.git("tag", "--list", "base").strip()
    base = "base" if tags else seeded.git("rev-list", "--max-parents=0", "HEAD").strip()
    update = os.environ.get("AGENTLINT_UPDATE_GOLDEN")
    for name, ext in FORMATS.items():
        result = run("check", "--range", f"{base}..HEAD", "--format", name)
        assert result.code in (0, 1), result
        assert result.err == "", result
        golden = GOLDEN / f"{scenario}.{ext}"
        if update:
            golden.parent.mkdir(exist_ok=True)
            golden.write_text(result.out)
        assert result.out == golden.read_text(), f"{golden} differs; see the module docstring"
        if name == "gitlab":
            schema = json.loads(SCHEMA.read_text())
            jsonschema.Draft202012Validator(schema).validate(json.loads(result.out))
