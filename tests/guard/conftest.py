"""Run `agentlint hook claude-code` the way Claude Code does: one JSON event on stdin."""

from __future__ import annotations

import io
import json
import sys
from typing import Any

import pytest

from agentlint.cli import main
from tests.conftest import Repo, Result

SESSION = "7f3e9a52-1c4b-4d8e-9f21-0a6b5c3d2e10"


def event(
    repo: Repo, tool: str, tool_input: dict[str, Any], kind: str = "PreToolUse", **extra: Any
) -> dict[str, Any]:
    """A payload shaped like Claude Code 2.x sends it, with the fields agentlint ignores."""
    data: dict[str, Any] = {
        "session_id": SESSION,
        "prompt_id": "0d6f8a3e-5b1c-4e2f-8a9d-7c6b5a4e3d21",
        "transcript_path": f"/home/dev/.claude/projects/-repo/{SESSION}.jsonl",
        "cwd": str(repo.path),
        "permission_mode": "default",
        "effort": "medium",
        "hook_event_name": kind,
        "tool_name": tool,
        "tool_input": tool_input,
        "tool_use_id": "toolu_01ABCDEFGHJKLMNPQRSTUVWX",
    }
    data.update(extra)
    return data


@pytest.fixture
def hook(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Feed one payload (a dict, or raw bytes) to the hook command in-process."""

    def _hook(payload: dict[str, Any] | bytes) -> Result:
        raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
        capsys.readouterr()
        code = main(["hook", "claude-code"])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _hook


def decision(result: Result) -> str | None:
    """The permissionDecision the hook printed, if any."""
    if not result.out.strip():
        return None
    output = json.loads(result.out)
    assert output["hookSpecificOutput"]["hookEventName"] == "PreToolUse"
    return str(output["hookSpecificOutput"]["permissionDecision"])


def log_lines(repo: Repo, session: str = SESSION) -> list[dict[str, Any]]:
    path = repo.path / ".agentlint" / "runs" / f"{session}.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines()]
