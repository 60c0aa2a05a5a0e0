"""Property-based tests of the hook's parsers through the real entry point: any payload
and any Bash command give allow, ask or deny (exit 0 or 2), never a traceback; a
PreToolUse the guard cannot read is always denied; the evidence log stays valid JSON."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agentlint.guard import shell
from tests.conftest import Repo
from tests.guard.conftest import SESSION, log_lines

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=20),
    st.sampled_from([".env", "/etc/passwd", "../x", ".github/workflows/ci.yml", "", "mcp__a__b"]),
)
values = st.recursive(
    leaves,
    lambda kids: st.one_of(
        st.lists(kids, max_size=3), st.dictionaries(st.text(max_size=10), kids, max_size=3)
    ),
    max_leaves=10,
)
TOOLS = [
    "Edit",
    "Write",
    "MultiEdit",
    "NotebookEdit",
    "Read",
    "Grep",
    "Glob",
    "LS",
    "Bash",
    "WebFetch",
    "mcp__s__t",
    "Task",
]
KEYS = ["file_path", "notebook_path", "path", "command", "url", "pattern", "content"]
words = st.sampled_from(
    [
        "git",
        "commit",
        "-n",
        "--no-verify",
        "push",
        ">",
        ">>",
        "|",
        "&&",
        ";",
        "'",
        '"',
        "$(",
        ")",
        "`",
        "rm",
        "-rf",
        ".env",
        "cat",
        "sed",
        "-i",
        "HUSKY=0",
        "SKIP=agentlint",
        "<<EOF",
        "EOF",
        "\n",
        "cd",
        "..",
        "bash",
        "-c",
        "tee",
        "core.hooksPath",
        "\\",
        "*",
        "src/a.py",
        "eval",
        "2>",
    ]
)
commands = st.lists(st.one_of(words, st.text(max_size=6)), max_size=14).map(" ".join)


@st.composite
def payloads(draw: st.DrawFn) -> dict[str, Any]:
    tool_input = draw(
        st.dictionaries(st.sampled_from(KEYS), st.one_of(values, commands), max_size=3)
    )
    data: dict[str, Any] = {
        "session_id": draw(st.one_of(st.just(SESSION), st.text(max_size=8))),
        "hook_event_name": draw(
            st.sampled_from(["PreToolUse", "PostToolUse", "PostToolUseFailure"])
        ),
        "tool_name": draw(st.one_of(st.sampled_from(TOOLS), st.text(max_size=8))),
        "tool_input": draw(st.one_of(st.just(tool_input), values)),
    }
    for key in draw(st.lists(st.sampled_from(list(data)), max_size=2, unique=True)):
        del data[key]
    if draw(st.booleans()):
        data["error"] = draw(values)
    return data


@SETTINGS
@given(payload=payloads())
def test_any_payload_gets_a_decision_never_a_traceback(
    seeded: Repo, hook, payload: dict[str, Any]
) -> None:  # type: ignore[no-untyped-def]
    payload.setdefault("cwd", str(seeded.path))
    result = hook(payload)
    assert result.code in (0, 2), result
    assert "Traceback" not in result.err and "internal error" not in result.err, result
    if result.out:
        output = json.loads(result.out)["hookSpecificOutput"]
        assert output["permissionDecision"] in ("ask", "deny")
        assert (result.code == 2) == (output["permissionDecision"] == "deny")
    assert all(isinstance(line, dict) for line in log_lines(seeded))


@SETTINGS
@given(raw=st.binary(max_size=200))
def test_any_bytes_are_refused_or_ignored(seeded: Repo, hook, raw: bytes) -> None:  # type: ignore[no-untyped-def]
    result = hook(raw)
    assert result.code in (0, 2) and "Traceback" not in result.err
    if result.code == 0:
        assert result.out == ""  # only a readable non-tool event is let through


@settings(max_examples=300, deadline=None)
@given(command=commands)
def test_shell_inspection_never_raises(command: str) -> None:
    found = shell.inspect(command, "/repo")
    assert all(isinstance(w, str) and isinstance(c, str) for w, c in found.writes + found.reads)


@settings(max_examples=200, deadline=None)
@given(prefix=commands, suffix=commands)
def test_a_no_verify_commit_is_caught_wherever_it_sits(prefix: str, suffix: str) -> None:
    command = f"{prefix}\ngit commit --no-verify -m x\n{suffix}"
    if "<<" in prefix or "\\" in prefix:
        return  # a here-document or a line continuation may swallow the line
    if any(opener in prefix for opener in ("$(", "`", "<(", ">(")):
        return  # so may a substitution left open: `" $( "` quotes the line inside it
    found = shell.inspect(command, "/repo")
    quoted = prefix.count("'") % 2 or prefix.count('"') % 2
    assert found.bypasses or quoted
