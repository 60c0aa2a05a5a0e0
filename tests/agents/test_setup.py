"""`agentlint setup AGENT` for every agent: the hook added on every event, the user's
settings kept byte for byte (their lines, order, spacing and JSONC comments), idempotent,
--dry-run, malformed files untouched, and the installed command failing closed when
agentlint is missing."""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.agents.conftest import codex, copilot, cursor, gemini
from tests.conftest import Repo

FILES = {
    "claude": ".claude/settings.json",
    "copilot": ".github/hooks/agentlint.json",
    "cursor": ".cursor/hooks.json",
    "codex": ".codex/hooks.json",
    "gemini": ".gemini/settings.json",
}
# the user's own settings, written the way people write them
EXISTING = {
    "claude": (
        '{\n    "model": "opus",\n'
        '    "hooks": {"Stop": [{"hooks": [{"type": "command", "command": "notify"}]}]}\n}\n'
    ),
    "copilot": (
        '{\n  "version": 1,\n  "hooks": {\n'
        '    "sessionStart": [{"type": "command", "bash": "./start.sh"}]\n  }\n}\n'
    ),
    "cursor": (
        '{"version": 1, "hooks": {"stop": [{"command": "./audit.sh"}], '
        '"preToolUse": [{"command": "./mine.sh", "matcher": "Shell"}]}}'
    ),
    "codex": (
        '{\n\t"hooks": {\n'
        '\t\t"Stop": [{"hooks": [{"type": "command", "command": "say done"}]}]\n\t}\n}\n'
    ),
    "gemini": (
        '{\n  // the team\'s settings\n  "general": {"vimMode": true},\n  /* hooks */\n'
        '  "hooks": {\n    "BeforeTool": []\n  }\n}\n'
    ),
}
EVENTS = {
    "claude": ("PreToolUse", "PostToolUse", "PostToolUseFailure"),
    "copilot": ("preToolUse", "postToolUse", "postToolUseFailure"),
    "cursor": (
        "preToolUse",
        "beforeShellExecution",
        "beforeReadFile",
        "beforeMCPExecution",
        "afterFileEdit",
        "afterShellExecution",
    ),
    "codex": ("PreToolUse", "PostToolUse"),
    "gemini": ("BeforeTool", "AfterTool"),
}


def _only_added(old: str, new: str) -> bool:
    """Whether `new` is `old` with text inserted and nothing removed or changed."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return all(op in ("equal", "insert") for op, *_ in matcher.get_opcodes())


def _strip_comments(text: str) -> str:
    from agentlint.agents import jsonedit

    return json.dumps(jsonedit.value_of(text, jsonedit.scan(text)))


def _hooks(repo: Repo, agent: str) -> dict:  # type: ignore[type-arg]
    return json.loads(_strip_comments((repo.path / FILES[agent]).read_text()))["hooks"]


@pytest.mark.parametrize("agent", sorted(FILES))
def test_setup_adds_the_hook_to_every_event_of_a_new_file(agent: str, seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    result = run("setup", agent)
    assert result.code == 0 and "added agentlint's hooks" in result.err
    hooks = _hooks(seeded, agent)
    name = "claude-code" if agent == "claude" else agent
    for event in EVENTS[agent]:
        assert f"agentlint hook {name} || exit 2" in json.dumps(hooks[event]), event
    if agent == "cursor":
        assert all(e["failClosed"] is True for entries in hooks.values() for e in entries)


@pytest.mark.parametrize("agent", sorted(FILES))
def test_setup_keeps_every_byte_and_is_idempotent(agent: str, seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    seeded.write(FILES[agent], EXISTING[agent])
    assert run("setup", agent).code == 0
    after = (seeded.path / FILES[agent]).read_text()
    assert _only_added(EXISTING[agent], after), after
    again = run("setup", agent)
    assert again.code == 0 and "nothing to change" in again.err
    assert (seeded.path / FILES[agent]).read_text() == after


def test_the_users_hooks_stay_first_and_untouched(seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    seeded.write(FILES["cursor"], EXISTING["cursor"])
    run("setup", "cursor")
    hooks = _hooks(seeded, "cursor")
    assert hooks["stop"] == [{"command": "./audit.sh"}]
    assert hooks["preToolUse"][0] == {"command": "./mine.sh", "matcher": "Shell"}
    assert len(hooks["preToolUse"]) == 2
    seeded.write(FILES["gemini"], EXISTING["gemini"])
    run("setup", "gemini")
    text = (seeded.path / FILES["gemini"]).read_text()
    assert "// the team's settings" in text and "/* hooks */" in text
    assert text.startswith('{\n  // the team\'s settings\n  "general": {"vimMode": true},')


@pytest.mark.parametrize("agent", sorted(FILES))
def test_dry_run_shows_a_diff_and_writes_nothing(agent: str, seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    seeded.write(FILES[agent], EXISTING[agent])
    seeded.git("add", "-A")
    before = seeded.snapshot()
    result = run("setup", agent, "--dry-run")
    assert result.code == 0
    assert result.lines[:2] == [f"--- a/{FILES[agent]}", f"+++ b/{FILES[agent]}"]
    assert any(line.startswith("+") and "agentlint hook" in line for line in result.lines)
    assert seeded.snapshot() == before


@pytest.mark.parametrize("agent", sorted(FILES))
def test_malformed_settings_are_an_error_and_untouched(agent: str, seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    for bad in (
        '{"hooks": {"x": [1,]}',
        '{"hooks": []}',
        "[1]",
        '{"hooks": {"' + EVENTS[agent][0] + '": {}}}',
    ):
        seeded.write(FILES[agent], bad)
        result = run("setup", agent)
        assert result.code == 2 and "nothing was changed" in result.err, (bad, result)
        assert (seeded.path / FILES[agent]).read_text() == bad


def _installed(repo: Repo, agent: str) -> str:
    hooks = _hooks(repo, agent)
    first = hooks[EVENTS[agent][0]][0]
    return str(first.get("bash") or first.get("command") or first["hooks"][0]["command"])


PAYLOADS = {
    "copilot": lambda r: copilot(r, "edit", {"path": str(r.path / ".env")}),
    "cursor": lambda r: cursor(
        r, "preToolUse", tool_name="Write", tool_input={"file_path": ".env"}
    ),
    "codex": lambda r: codex(
        r, "apply_patch", {"command": "*** Begin Patch\n*** Add File: .env\n+x\n*** End Patch\n"}
    ),
    "gemini": lambda r: gemini(r, "write_file", {"file_path": ".env", "content": "x"}),
}


@pytest.mark.parametrize("agent", sorted(PAYLOADS))
def test_the_installed_command_blocks_and_fails_closed(
    agent: str, seeded: Repo, run, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Run the command setup wrote the way the agent does (a shell, JSON on stdin), with
    agentlint on PATH and without it: exit 2 both times."""
    run("setup", agent)
    command = _installed(seeded, agent)
    installed = f"{os.path.dirname(sys.executable)}{os.pathsep}{os.environ['PATH']}"
    bare = tmp_path / "bin"
    bare.mkdir()
    os.symlink(str(shutil.which("git")), bare / "git")
    for path, said in ((installed, "`.env`"), (str(bare), "not found")):
        proc = subprocess.run(
            [str(shutil.which("sh")), "-c", command],
            input=json.dumps(PAYLOADS[agent](seeded)),
            capture_output=True,
            text=True,
            env={**os.environ, "PATH": path},
            check=False,
        )
        assert proc.returncode == 2 and said in proc.stderr, proc


def test_codex_identity_and_toml_hooks(seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    import tomllib

    seeded.write(
        ".codex/config.toml", 'model = "gpt-5-codex"\n\n[mcp_servers.docs]\ncommand = "docs-mcp"\n'
    )
    before = (seeded.path / ".codex/config.toml").read_text()
    assert run("setup", "codex", "--settings", ".codex/config.toml").code == 0
    text = (seeded.path / ".codex/config.toml").read_text()
    assert before in text and not (seeded.path / ".codex/hooks.json").exists()
    data = tomllib.loads(text)
    assert data["shell_environment_policy"]["set"]["GIT_AUTHOR_EMAIL"] == "noreply@openai.com"
    assert data["mcp_servers"]["docs"]["command"] == "docs-mcp"
    assert data["hooks"]["PreToolUse"][0]["hooks"][0]["command"] == "agentlint hook codex || exit 2"
    assert "nothing to change" in run("setup", "codex", "--settings", ".codex/config.toml").err


def test_codex_keeps_the_users_shell_environment_and_no_identity(seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    mine = '[shell_environment_policy]\ninherit = "core"\n'
    seeded.write(".codex/config.toml", mine)
    run("setup", "codex")
    assert (seeded.path / ".codex/config.toml").read_text() == mine
    seeded.write(".codex/config.toml", "")
    (seeded.path / ".codex/hooks.json").unlink()
    run("setup", "codex", "--no-identity")
    assert (seeded.path / ".codex/config.toml").read_text() == ""


def test_codex_toml_that_cannot_take_the_tables_is_refused(seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    bad = "hooks = { PreToolUse = [] }\n"
    seeded.write(".codex/config.toml", bad)
    result = run("setup", "codex", "--settings", ".codex/config.toml", "--no-identity")
    assert result.code == 2 and "invalid TOML" in result.err and ".codex/hooks.json" in result.err
    assert (seeded.path / ".codex/config.toml").read_text() == bad


def test_copilot_setup_steps(seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    result = run("setup", "copilot")
    assert "--steps" in result.err
    assert run("setup", "copilot", "--steps").code == 0
    steps = (seeded.path / ".github/workflows/copilot-setup-steps.yml").read_text()
    assert "copilot-setup-steps:" in steps and "pipx install" in steps and "AGENTLINT_SPEC" in steps
