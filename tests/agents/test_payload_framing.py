"""The guard reads its payload with agentlint.fastjson (issue 18). A misbehaving agent, or
whatever sits between it and the hook, may frame the JSON oddly to have the guard read
another tool call than the agent runs. Each framing below is either refused (the call is
denied: the guard fails closed) or read as the agents' own JSON readers read it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.agents.test_payloads import _denied_twice
from tests.conftest import Repo


def _edit(repo: Repo, path: str) -> dict[str, Any]:
    return {
        "session_id": "s-framing",
        "cwd": str(repo.path),
        "hook_event_name": "PreToolUse",
        "tool_name": "Edit",
        "tool_input": {"file_path": str(repo.path / path), "old_string": "a", "new_string": "b"},
    }


@pytest.mark.parametrize(
    "framing",
    [
        lambda text: "\ufeff" + text,  # a byte-order mark: not JSON text
        lambda text: text + "x",  # trailing data
        lambda text: text + text,  # two objects: which one runs?
        lambda text: text.replace('"Edit"', '"Edit" "Write"'),  # two values for one key
        lambda text: text[:-1],  # cut short
        lambda text: text.replace('"s-framing"', "NaN"),  # not a string where one must be
        lambda text: text.replace('"s-framing"', "9" * 5000),  # a number Python will not read
        lambda text: '{"a": ' * 100_000 + text + "}" * 100_000,  # nested past any limit
    ],
)
def test_an_oddly_framed_payload_is_denied(seeded: Repo, hook, framing) -> None:  # type: ignore[no-untyped-def]
    text = framing(json.dumps(_edit(seeded, "src/app.py")))
    result = hook("claude-code", text.encode("utf-8"))
    assert "Traceback" not in result.err and "internal error" not in result.err, result.err
    assert "cannot be read" in _denied_twice(result, "claude-code")


def test_a_key_given_twice_is_read_as_the_agents_read_it(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    """JavaScript's and Python's JSON readers both keep a repeated key's last value, so a
    payload naming a harmless file first and CI last is judged for CI."""
    text = json.dumps(_edit(seeded, "src/app.py"))
    ci = json.dumps(str(seeded.path / ".github/workflows/ci.yml"))
    text = text.replace('"old_string"', f'"file_path": {ci}, "old_string"')
    assert json.loads(text)["tool_input"]["file_path"].endswith("ci.yml")
    result = hook("claude-code", text.encode())
    decision = json.loads(result.out)["hookSpecificOutput"]
    assert decision["permissionDecision"] in ("ask", "deny"), decision
    assert "ci.yml" in decision["permissionDecisionReason"]


def test_tool_arguments_nested_past_any_limit_are_denied(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    """Copilot sends its tool's arguments as a JSON string inside the JSON payload."""
    payload = {"toolName": "edit", "toolArgs": "[" * 100_000 + "]" * 100_000, "cwd": "/x"}
    result = hook("copilot", json.dumps(payload).encode())
    assert "internal error" not in result.err, result.err
    assert "cannot be read" in _denied_twice(result, "copilot")
