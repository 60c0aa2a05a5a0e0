"""Real-shaped payloads of each agent, as its own documentation shows them, and a fixture
that feeds one to `agentlint hook AGENT` in-process."""

from __future__ import annotations

import io
import json
import sys
from typing import Any

import pytest

from agentlint.cli import main
from tests.conftest import Repo, Result

SESSIONS = {
    "claude-code": "7f3e9a52-1c4b-4d8e-9f21-0a6b5c3d2e10",
    "copilot": "c0p1l0t-5e55-4a1d-9b2c-3d4e5f6a7b8c",
    "cursor": "conv-8d2f6a1e-cc41-4b0e-9a7d-2f1b3c4d5e6f",
    "codex": "019a2b3c-4d5e-7f60-8a9b-0c1d2e3f4a5b",
    "gemini": "gem-2a8c5e1f-7b3d-4c9e-a0f1-6d2b4e8c1a3f",
}


def copilot(
    repo: Repo, tool: str, args: dict[str, Any], phase: str = "pre", **extra: Any
) -> dict[str, Any]:
    """The camelCase shape (GitHub's hooks reference), toolArgs as a JSON string."""
    data: dict[str, Any] = {
        "sessionId": SESSIONS["copilot"],
        "timestamp": 1704614600000,
        "cwd": str(repo.path),
        "toolName": tool,
        "toolArgs": json.dumps(args),
    }
    if phase == "post":
        data["toolResult"] = {"resultType": "success", "textResultForLlm": extra.pop("text", "ok")}
    elif phase == "fail":
        data["toolResult"] = {"resultType": "failure", "textResultForLlm": extra.pop("text", "")}
    data.update(extra)
    return data


def cursor(repo: Repo, event: str, **fields: Any) -> dict[str, Any]:
    """Cursor's shape: every event names itself and its conversation."""
    return {
        "hook_event_name": event,
        "conversation_id": SESSIONS["cursor"],
        "generation_id": "gen-4f1c2b3a",
        "workspace_roots": [str(repo.path)],
        "model": "claude-4.5-sonnet",
        "cursor_version": "2.1.0",
        **fields,
    }


def codex(
    repo: Repo, tool: str, tool_input: dict[str, Any], event: str = "PreToolUse", **extra: Any
) -> dict[str, Any]:
    return {
        "session_id": SESSIONS["codex"],
        "transcript_path": f"/home/dev/.codex/sessions/rollout-{SESSIONS['codex']}.jsonl",
        "cwd": str(repo.path),
        "hook_event_name": event,
        "model": "gpt-5-codex",
        "turn_id": "turn-3",
        "permission_mode": "default",
        "tool_name": tool,
        "tool_input": tool_input,
        "tool_use_id": "call_Xy12AbCd34",
        **extra,
    }


def gemini(
    repo: Repo, tool: str, tool_input: dict[str, Any], event: str = "BeforeTool", **extra: Any
) -> dict[str, Any]:
    return {
        "session_id": SESSIONS["gemini"],
        "transcript_path": f"/home/dev/.gemini/tmp/chats/session-{SESSIONS['gemini']}.json",
        "cwd": str(repo.path),
        "hook_event_name": event,
        "timestamp": "2026-11-30T19:00:00.000Z",
        "tool_name": tool,
        "tool_input": tool_input,
        **extra,
    }


@pytest.fixture
def hook(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Feed one payload (a dict, or raw bytes) to `agentlint hook AGENT` in-process."""

    def _hook(agent: str, payload: dict[str, Any] | bytes) -> Result:
        raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
        capsys.readouterr()
        code = main(["hook", agent])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _hook


def log_lines(repo: Repo, agent: str) -> list[dict[str, Any]]:
    path = repo.path / ".agentlint" / "runs" / f"{SESSIONS[agent]}.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines()]
