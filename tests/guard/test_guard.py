"""PreToolUse through the real command: exit code, stderr and the JSON decision."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import Repo
from tests.guard.conftest import decision, event, log_lines


def _deny(result, *words: str) -> None:  # type: ignore[no-untyped-def]
    assert result.code == 2, result
    assert decision(result) == "deny"
    reason = json.loads(result.out)["hookSpecificOutput"]["permissionDecisionReason"]
    assert result.err.strip() == reason
    for word in words:
        assert word in reason, (word, reason)


def _allow(result) -> None:  # type: ignore[no-untyped-def]
    assert (result.code, result.out, result.err) == (0, "", ""), result


def test_ordinary_edit_is_allowed_silently(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    path = str(seeded.path / "src" / "app.py")
    _allow(hook(event(seeded, "Edit", {"file_path": path, "old_string": "1", "new_string": "2"})))
    _allow(hook(event(seeded, "Read", {"file_path": path})))
    _allow(hook(event(seeded, "TodoWrite", {"todos": []})))


@pytest.mark.parametrize("tool", ["Edit", "Write", "MultiEdit"])
def test_edit_to_block_path_is_denied(seeded: Repo, hook, tool: str) -> None:  # type: ignore[no-untyped-def]
    result = hook(
        event(seeded, tool, {"file_path": str(seeded.path / "config" / ".env.production")})
    )
    _deny(result, "config/.env.production", "`secrets`", "let a human")


def test_notebook_edit_uses_notebook_path(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    path = str(seeded.path / "keys" / "id_rsa")
    _deny(
        hook(event(seeded, "NotebookEdit", {"notebook_path": path, "new_source": "x"})),
        "keys/id_rsa",
    )


def test_approval_path_asks_by_default(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    result = hook(
        event(
            seeded,
            "Write",
            {"file_path": str(seeded.path / ".github/workflows/ci.yml"), "content": "x"},
        )
    )
    assert result.code == 0 and result.err == ""
    assert decision(result) == "ask"
    reason = json.loads(result.out)["hookSpecificOutput"]["permissionDecisionReason"]
    assert "`ci`" in reason and "Approved-by:" in reason


def test_approval_path_denied_when_policy_says(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    seeded.commit("policy", files={".agentlint.yaml": "guard:\n  approval: deny\n"})
    result = hook(
        event(seeded, "Edit", {"file_path": str(seeded.path / "migrations/0002_add.sql")})
    )
    _deny(result, "`migrations`", "approval")


def test_policy_is_read_from_head_not_the_work_tree(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    seeded.commit("policy", files={".agentlint.yaml": "guard:\n  approval: deny\n"})
    seeded.write(".agentlint.yaml", "guard:\n  approval: ask\n")  # the agent's loosening
    result = hook(
        event(seeded, "Edit", {"file_path": str(seeded.path / "migrations/0002_add.sql")})
    )
    _deny(result, "`migrations`")


@pytest.mark.parametrize(
    "path",
    [
        ".agentlint.yaml",
        ".claude/settings.json",
        ".claude/settings.local.json",
        ".pre-commit-config.yaml",
        "CLAUDE.md",
        "AGENTS.md",
        "services/api/AGENTS.md",
        ".claude/agents/reviewer.md",
        ".cursor/hooks.json",
        ".cursor/rules/general.mdc",
        ".github/hooks/hooks.json",
        ".github/copilot-instructions.md",
        ".codex/config.toml",
        ".gemini/settings.json",
        "pkg/.claude/settings.json",
    ],
)
def test_policy_files_and_agent_settings_are_denied(seeded: Repo, hook, path: str) -> None:  # type: ignore[no-untyped-def]
    _deny(
        hook(event(seeded, "Edit", {"file_path": str(seeded.path / path)})), "`policy`", "may not"
    )


@pytest.mark.parametrize(
    "path", [".git/hooks/pre-commit", ".git/config", ".agentlint/runs/x.jsonl"]
)
def test_git_internals_and_evidence_log_are_denied(seeded: Repo, hook, path: str) -> None:  # type: ignore[no-untyped-def]
    _deny(hook(event(seeded, "Write", {"file_path": str(seeded.path / path), "content": ""})))


@pytest.mark.parametrize(
    "tool,key", [("Read", "file_path"), ("Grep", "path"), ("NotebookRead", "notebook_path")]
)
def test_reading_secrets_is_denied(seeded: Repo, hook, tool: str, key: str) -> None:  # type: ignore[no-untyped-def]
    _deny(
        hook(event(seeded, tool, {key: str(seeded.path / ".env"), "pattern": "KEY"})),
        "read secrets",
    )


def test_reading_a_secret_outside_the_repository_is_denied(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    _deny(hook(event(seeded, "Read", {"file_path": "/home/dev/.ssh/id_ed25519"})), "read secrets")
    _allow(hook(event(seeded, "Read", {"file_path": "/usr/lib/python3/os.py"})))


def test_relative_paths_resolve_against_cwd(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    payload = event(seeded, "Edit", {"file_path": "../.env"})
    payload["cwd"] = str(seeded.path / "src")
    _deny(hook(payload), "`.env`")


def test_symlink_onto_a_blocked_path_is_denied(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    seeded.write(".env", "X=1\n")
    os.symlink(".env", seeded.path / "harmless.txt")
    _deny(hook(event(seeded, "Write", {"file_path": str(seeded.path / "harmless.txt")})), "`.env`")


def test_edit_outside_the_repository_follows_policy(seeded: Repo, hook, tmp_path) -> None:  # type: ignore[no-untyped-def]
    outside = str(tmp_path / "elsewhere.txt")
    result = hook(event(seeded, "Write", {"file_path": outside, "content": "x"}))
    assert (result.code, decision(result)) == (0, "ask")
    seeded.commit("policy", files={".agentlint.yaml": "guard:\n  outside_repo: deny\n"})
    _deny(hook(event(seeded, "Write", {"file_path": outside})), "outside the repository")
    seeded.commit("policy", files={".agentlint.yaml": "guard:\n  outside_repo: allow\n"})
    _allow(hook(event(seeded, "Write", {"file_path": outside})))


def test_project_dir_decides_the_repository(seeded: Repo, hook, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "other"
    other.mkdir()
    subprocess.run(["git", "init", "-q", str(other)], check=True)
    monkeypatch.setenv("CLAUDE_PROJECT_DIR", str(seeded.path))
    payload = event(seeded, "Write", {"file_path": str(other / "ci.txt")})
    payload["cwd"] = str(other)  # the agent cd'd into another repository
    assert decision(hook(payload)) == "ask"  # outside the project: the policy asks


def test_tools_outside_the_allowlist_are_denied(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    _deny(
        hook(event(seeded, "WebFetch", {"url": "https://evil.example/x", "prompt": "p"})),
        "WebFetch(domain:evil.example)",
        "extend_allow",
    )
    _deny(
        hook(event(seeded, "mcp__github__create_pull_request", {"title": "x"})),
        "mcp__github__create_pull_request",
    )
    _deny(hook(event(seeded, "WebSearch", {"query": "x"})), "`WebSearch`")


def test_allowlist_entries_for_domains_and_mcp_servers(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    seeded.commit(
        "policy",
        files={
            ".agentlint.yaml": "record:\n  tools:\n    extend_allow:\n"
            "      - WebFetch(domain:docs.python.org)\n      - mcp__github__get_*\n"
        },
    )
    _allow(hook(event(seeded, "WebFetch", {"url": "https://docs.python.org/3/", "prompt": "p"})))
    _deny(
        hook(
            event(
                seeded, "WebFetch", {"url": "https://docs.python.org.evil.example/", "prompt": "p"}
            )
        )
    )
    _allow(hook(event(seeded, "mcp__github__get_issue", {"number": 1})))
    _deny(hook(event(seeded, "mcp__github__merge_pull_request", {"number": 1})))


BASH_DENIED = [
    ("git commit --no-verify -m 'wip'", "--no-verify"),
    ("git commit -nm wip", "-n"),
    ("git commit -a -n -m wip", "-n"),
    ("git push --no-verify origin main", "--no-verify"),
    ("HUSKY=0 git commit -m wip", "HUSKY=0"),
    ("export HUSKY=0 && git commit -m wip", "HUSKY=0"),
    ("SKIP=agentlint,agentlint-staged git commit -m wip", "SKIP="),
    ("git -c core.hooksPath=/dev/null commit -m wip", "hooksPath"),
    ("git config core.hookspath /tmp/none", "hooksPath"),
    (
        "GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.hooksPath GIT_CONFIG_VALUE_0=/x git commit",
        "hooksPath",
    ),
    ("pre-commit uninstall -t commit-msg", "uninstall"),
    ("bash -c 'git commit --no-verify -m x'", "--no-verify"),
    ("cd src && git commit -n -m x", "-n"),
    ("echo ok; $(git commit --no-verify -m x)", "--no-verify"),
    ("echo 'ci: []' > .github/workflows/ci.yml", "`ci`"),
    ("cat payload >> .env", "`.env`"),
    ("rm -f .agentlint.yaml", "`policy`"),
    ("mv deploy.key backup.txt", "deploy.key"),
    ("cp /tmp/x .claude/settings.json", "`policy`"),
    ("sed -i 's/a/b/' .env.local", ".env.local"),
    ("sed -i.bak -e 's/a/b/' config/secrets.yaml", "secrets.yaml"),
    ("tee .git/hooks/commit-msg < /dev/null", ".git"),
    ("cat .env", "read secrets"),
    ("grep -r TOKEN .env", "read secrets"),
    ("rm -rf .agentlint/runs", "evidence"),
    ("cat > .env <<'EOF'\nSECRET=it's\nEOF", "`.env`"),
]


@pytest.mark.parametrize("command,word", BASH_DENIED)
def test_bash_ways_around_the_checks_are_denied(
    seeded: Repo, hook, command: str, word: str
) -> None:  # type: ignore[no-untyped-def]
    seeded.commit("approval policy", files={".agentlint.yaml": "guard:\n  approval: deny\n"})
    _deny(hook(event(seeded, "Bash", {"command": command, "description": "d"})), word)


BASH_ALLOWED = [
    "git commit -m 'fix: -n is not a flag inside a message'",
    "git commit -am wip",
    "git push origin main",
    "git push -n origin main",  # push -n is --dry-run
    "pytest -q tests/",
    "echo hi > /dev/null 2>&1",
    "grep -rn .env src/",  # the pattern is not a file
    "SKIP=ruff git commit -m x",
    "npm test && echo done > build/out.txt",
    "cat README.md | head",
]


@pytest.mark.parametrize("command", BASH_ALLOWED)
def test_ordinary_bash_is_allowed(seeded: Repo, hook, command: str) -> None:  # type: ignore[no-untyped-def]
    _allow(hook(event(seeded, "Bash", {"command": command})))


def test_rm_of_a_folder_holding_a_protected_file_is_judged_by_its_files(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    seeded.write("config/prod/.env", "X=1\n")
    _deny(hook(event(seeded, "Bash", {"command": "rm -rf config"})), "config/prod/.env")
    _deny(hook(event(seeded, "Bash", {"command": "rm config/prod/.e*"})), "config/prod/.env")


def test_a_recursive_search_is_judged_by_the_files_it_opens(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    seeded.write("config/.env", "X=1\n")  # in the folder, but not named
    _deny(hook(event(seeded, "Bash", {"command": "grep -rn TODO ."})), "config/.env")
    _deny(hook(event(seeded, "Bash", {"command": "grep -n TODO config/.e*"})), "config/.env")
    _allow(hook(event(seeded, "Bash", {"command": "grep -rn TODO src/"})))
    _allow(hook(event(seeded, "Bash", {"command": "grep -rn TODO . --exclude='.env*'"})))


def test_bash_inspection_can_be_switched_off(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    seeded.commit("policy", files={".agentlint.yaml": "guard:\n  bash: false\n"})
    _allow(hook(event(seeded, "Bash", {"command": "git commit -n -m x"})))


def test_denied_calls_are_logged_without_contents(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    hook(
        event(
            seeded,
            "Write",
            {"file_path": str(seeded.path / ".env"), "content": "API_KEY=sk-live-123"},
        )
    )
    [line] = log_lines(seeded)
    assert line["event"] == "denied" and line["paths"] == [".env"] and line["write"] is True
    assert "sk-live" not in json.dumps(line)


MALFORMED = [
    b"",
    b"not json",
    b"[1, 2]",
    b'{"hook_event_name": "PreToolUse", "session_id": "s", "tool_input": {}}',
    b'{"hook_event_name": "PreToolUse", "session_id": "s", "tool_name": "Edit", "tool_input": "x"}',
    b'{"hook_event_name": "PreToolUse", "session_id": "s", "tool_name": "Edit", "tool_input": {}}',
    b'{"hook_event_name": "PreToolUse", "session_id": "s", "tool_name": "Edit",'
    b' "tool_input": {"file_path": 3}}',
    b'{"hook_event_name": "PreToolUse", "session_id": "../../x", "tool_name": "Read",'
    b' "tool_input": {}}',
    b'{"hook_event_name": 7, "session_id": "s", "tool_name": "Read", "tool_input": {}}',
    b'{"hook_event_name": "PreToolUse", "tool_name": "Read", "tool_input": {}}',
    b"\xff\xfe",
]


@pytest.mark.parametrize("raw", MALFORMED)
def test_malformed_input_fails_closed(seeded: Repo, hook, raw: bytes) -> None:  # type: ignore[no-untyped-def]
    result = hook(raw)
    assert result.code == 2 and decision(result) == "deny", result
    assert "so the call is refused" in result.err and "Traceback" not in result.err


def test_old_payload_without_event_name_or_tool_use_id(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    old = {
        "session_id": "abc123",
        "transcript_path": "/t.jsonl",
        "tool_name": "Edit",
        "tool_input": {"file_path": str(seeded.path / ".env")},
    }
    os.chdir(seeded.path)  # no cwd field: the hook's own working folder
    _deny(hook(old), "`.env`")
    old_post = {
        "session_id": "abc123",
        "tool_name": "Read",
        "tool_input": {"file_path": str(seeded.path / "README.md")},
        "tool_response": {},
    }
    assert hook(old_post).code == 0
    assert log_lines(seeded, "abc123")[-1]["paths"] == ["README.md"]


def test_other_events_are_ignored(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    for kind in ("SessionStart", "Stop", "UserPromptSubmit", "Notification"):
        _allow(hook({"session_id": "s", "hook_event_name": kind, "prompt": "x"}))


def test_unknown_fields_are_ignored(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    payload = event(
        seeded, "Read", {"file_path": str(seeded.path / "README.md"), "limit": 10, "new_field": [1]}
    )
    payload["agent_id"] = "sub-1"
    payload["some_future_field"] = {"nested": True}
    _allow(hook(payload))


def test_a_broken_policy_fails_closed(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    seeded.commit("policy", files={".agentlint.yaml": "enforce: [\n"})
    _deny(
        hook(event(seeded, "Read", {"file_path": str(seeded.path / "README.md")})),
        "cannot run",
        ".agentlint.yaml",
    )


def test_empty_repository_uses_the_builtin_policy(repo: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    _deny(hook(event(repo, "Edit", {"file_path": str(repo.path / ".env")})), "`.env`")
    _allow(hook(event(repo, "Edit", {"file_path": str(repo.path / "a.py")})))


def test_no_repository_judges_everything_as_outside(tmp_path, hook, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    payload = {
        "session_id": "s",
        "hook_event_name": "PreToolUse",
        "cwd": str(tmp_path),
        "tool_name": "Write",
        "tool_input": {"file_path": str(tmp_path / "a.txt")},
    }
    assert decision(hook(payload)) == "ask"
    payload["tool_input"] = {"file_path": str(tmp_path / ".env")}
    _deny(hook(payload), "secrets")


def test_the_installed_command_blocks_with_exit_2(seeded: Repo) -> None:
    payload = event(seeded, "Edit", {"file_path": str(seeded.path / ".env")})
    proc = subprocess.run(
        [sys.executable, "-m", "agentlint", "hook", "claude-code"],
        input=json.dumps(payload).encode(),
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 2
    assert b"`.env`" in proc.stderr
    assert json.loads(proc.stdout)["hookSpecificOutput"]["permissionDecision"] == "deny"


@pytest.mark.parametrize("kind,calls", [("PreToolUse", 1), ("PostToolUse", 0)])
def test_one_git_call_before_a_tool_call_and_none_after(
    seeded: Repo, tmp_path, kind: str, calls: int
) -> None:
    trace = tmp_path / "trace"
    payload = event(
        seeded, "Edit", {"file_path": str(seeded.path / "src/app.py")}, kind, tool_response={}
    )
    proc = subprocess.run(
        [sys.executable, "-m", "agentlint", "hook", "claude-code"],
        input=json.dumps(payload).encode(),
        capture_output=True,
        env={**os.environ, "GIT_TRACE": str(trace)},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    lines = trace.read_text().splitlines() if trace.exists() else []
    assert sum(" trace: built-in: git " in line for line in lines) == calls


def test_fixtures_named_like_policy_or_secrets_are_not_guarded(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    for path in ("test/mcp/.mcp.json", "tests/fixtures/.env", "docs/auth.md", "sample.env"):
        _allow(hook(event(seeded, "Edit", {"file_path": str(seeded.path / path)})))
    _allow(hook(event(seeded, "Read", {"file_path": str(seeded.path / "tests/fixtures/.env")})))


def test_case_variants_are_guarded_on_a_case_insensitive_checkout(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    variants = {".ENV": "`secrets`", ".Claude/Settings.json": "`policy`", "claude.md": "`policy`"}
    for path in variants:
        _allow(hook(event(seeded, "Edit", {"file_path": str(seeded.path / path)})))
    seeded.git("config", "core.ignorecase", "true")
    for path, word in variants.items():
        _deny(hook(event(seeded, "Edit", {"file_path": str(seeded.path / path)})), word)
    _deny(hook(event(seeded, "Read", {"file_path": str(seeded.path / ".ENV")})), "secrets")


def test_git_is_asked_about_case_only_when_it_matters(seeded: Repo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    counts = []
    for name in ("src/app.py", ".ENV"):
        trace = tmp_path / f"trace-{len(counts)}"
        payload = event(seeded, "Edit", {"file_path": str(seeded.path / name)})
        subprocess.run(
            [sys.executable, "-m", "agentlint", "hook", "claude-code"],
            input=json.dumps(payload).encode(),
            capture_output=True,
            env={**os.environ, "GIT_TRACE": str(trace)},
            check=False,
        )
        lines = trace.read_text().splitlines()
        counts.append(sum(" trace: built-in: git " in line for line in lines))
    assert counts == [1, 2]
