"""The evidence log: what PostToolUse and PostToolUseFailure write, and what they never do."""

from __future__ import annotations

import json
import multiprocessing
import os

import pytest

from agentlint.evidence import log as evidence
from agentlint.evidence.redact import redact
from agentlint.evidence.status import exit_status
from tests.conftest import Repo
from tests.guard.conftest import SESSION, event, log_lines


def test_post_events_append_one_line_each(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    read = event(
        seeded,
        "Read",
        {"file_path": str(seeded.path / "src/app.py")},
        "PostToolUse",
        tool_response={"file": {"content": "print(1)"}},
    )
    ran = event(
        seeded,
        "Bash",
        {"command": "pytest -q"},
        "PostToolUse",
        tool_response={"stdout": "1 passed", "stderr": "", "interrupted": False},
    )
    failed = event(
        seeded,
        "Bash",
        {"command": "pytest -q -x"},
        "PostToolUseFailure",
        error="Exit code 3\nE   assert 1 == 2",
        is_interrupt=False,
    )
    edit_failed = event(
        seeded,
        "Edit",
        {"file_path": str(seeded.path / "src/app.py")},
        "PostToolUseFailure",
        error="String to replace not found in file.",
    )
    for payload in (read, ran, failed, edit_failed):
        assert hook(payload).code == 0
    lines = log_lines(seeded)
    assert [(e["event"], e["tool"]) for e in lines] == [
        ("post", "Read"),
        ("post", "Bash"),
        ("failure", "Bash"),
        ("failure", "Edit"),
    ]
    assert lines[0]["paths"] == ["src/app.py"] and lines[0]["write"] is False
    assert lines[1]["exit_status"] == 0 and lines[2]["exit_status"] == 3
    assert (
        lines[3]["error"] == "String to replace not found in file."
        and "exit_status" not in lines[3]
    )
    assert all(
        e["tool_use_id"] == "toolu_01ABCDEFGHJKLMNPQRSTUVWX" and e["ts"].endswith("Z")
        for e in lines
    )
    text = json.dumps(lines)
    assert "print(1)" not in text and "1 passed" not in text and "assert 1 == 2" not in text


def test_the_log_folder_is_git_ignored(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    hook(event(seeded, "Bash", {"command": "ls"}, "PostToolUse", tool_response={}))
    assert log_lines(seeded)
    assert seeded.git("status", "--porcelain", "--untracked-files=all") == ""


def test_secrets_in_commands_are_masked(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    command = (
        "API_TOKEN=hunter2 curl -H 'Authorization: Bearer abc.def' "
        "https://user:pa55@example.com --password=s3cret ghp_abcdefghijklmnopqrstuvwxyz0123"
    )
    hook(event(seeded, "Bash", {"command": command}, "PostToolUse", tool_response={}))
    logged = log_lines(seeded)[0]["command"]
    for secret in ("hunter2", "abc.def", "pa55", "s3cret", "ghp_abc"):
        assert secret not in logged, logged
    assert logged.startswith("API_TOKEN=*** curl")


def test_long_commands_are_cut(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    hook(
        event(
            seeded, "Bash", {"command": "echo " + "word " * 1000}, "PostToolUse", tool_response={}
        )
    )
    line = log_lines(seeded)[0]
    assert len(line["command"]) == 2000 and line["truncated"] is True


@pytest.mark.parametrize(
    "response,error,kind,status",
    [
        ({"stdout": ""}, None, "PostToolUse", 0),
        ({"exit_code": 4}, None, "PostToolUse", 4),
        ({"interrupted": True}, None, "PostToolUse", 130),
        ("Process exited with code 0", None, "PostToolUse", 0),
        (None, "Exit code 127\nbash: nope: command not found", "PostToolUseFailure", 127),
        (None, "Command timed out", "PostToolUseFailure", 1),
        (None, "exit status: 300", "PostToolUseFailure", 255),
    ],
)
def test_exit_status(response, error, kind: str, status: int) -> None:  # type: ignore[no-untyped-def]
    assert exit_status(kind, response, error) == status


def test_no_repository_means_no_log(tmp_path, hook, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    payload = {
        "session_id": "s",
        "hook_event_name": "PostToolUse",
        "cwd": str(tmp_path),
        "tool_name": "Bash",
        "tool_input": {"command": "ls"},
        "tool_response": {},
    }
    assert hook(payload).code == 0
    assert not (tmp_path / ".agentlint").exists()


def test_malformed_post_event_is_reported_not_logged(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    payload = event(seeded, "Edit", {"file_path": 12}, "PostToolUse", tool_response={})
    result = hook(payload)
    assert result.code == 2 and "evidence log was not written" in result.err
    assert log_lines(seeded) == []


def test_unwritable_log_is_a_clear_error(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    (seeded.path / ".agentlint").mkdir()
    (seeded.path / ".agentlint" / "runs").write_text("a file, not a folder")
    result = hook(event(seeded, "Bash", {"command": "ls"}, "PostToolUse", tool_response={}))
    assert result.code == 2 and "evidence" in result.err and "Traceback" not in result.err


def test_the_log_is_bounded(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(evidence, "MAX_BYTES", 1000)
    path = str(tmp_path / "runs" / "s.jsonl")
    line = evidence.line_for(
        "post",
        "Bash",
        [],
        write=False,
        command="x" * 100,
        exit_status=0,
        error=None,
        tool_use_id=None,
        ts="t",
    )
    written = [evidence.append(path, line) for _ in range(20)]
    assert written.count(True) == 1000 // len(line)
    assert written[-1] is False
    entries = list(evidence.read(path))
    assert entries[-1].event == "log-full"
    assert os.path.getsize(path) < 1000 + 100


def _writer(path: str, n: int, worker: int) -> None:
    for i in range(n):
        line = evidence.line_for(
            "post",
            "Bash",
            [f"src/{worker}/{i}.py"],
            write=True,
            command=f"echo {worker}-{i} " + "y" * (i * 37 % 3000),
            exit_status=0,
            error=None,
            tool_use_id=f"toolu_{worker}_{i}",
            ts="2026-11-23T00:00:00Z",
        )
        evidence.append(path, line)


def test_concurrent_writers_never_corrupt_the_log(tmp_path) -> None:
    path = str(tmp_path / "runs" / f"{SESSION}.jsonl")
    workers, each = 8, 150
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    processes = [context.Process(target=_writer, args=(path, each, w)) for w in range(workers)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
        assert process.exitcode == 0
    with open(path, "rb") as handle:
        raw = handle.read().splitlines()
    assert len(raw) == workers * each
    seen = {json.loads(line)["tool_use_id"] for line in raw}  # every line parses
    assert seen == {f"toolu_{w}_{i}" for w in range(workers) for i in range(each)}


def test_unparsable_lines_are_skipped_on_read(tmp_path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_bytes(
        b'{"v":1,"event":"post","tool":"Read","paths":["a"]}\nnot json\n[1]\n{"tool":"x"}\n'
    )
    assert [e.tool for e in evidence.read(str(path))] == ["Read"]


def test_redaction_keeps_ordinary_commands() -> None:
    for command in (
        "pytest -q tests/test_app.py",
        "git show 3f2a9c1e0b7d4a6f8e5c2b1a0d9e8f7c6b5a4d3e",
        "npm run build -- --prod",
    ):
        assert redact(command) == command


def test_unicode_line_breaks_in_a_payload_stay_inside_one_log_line() -> None:
    """JSON leaves U+0085, U+2028 and U+2029 raw, and line-based readers (Python's
    splitlines, JavaScript) break on them: the log escapes them."""
    line = evidence.line_for(
        "post",
        "tool\u2028name",
        ["a\x85b.py"],
        write=True,
        command="echo \u2029",
        exit_status=0,
        error=None,
        tool_use_id=None,
        ts="2026-11-30T00:00:00Z",
    ).decode()
    assert len(line.splitlines()) == 1
    entry = json.loads(line)
    assert (entry["tool"], entry["paths"]) == ("tool\u2028name", ["a\x85b.py"])
