"""`agentlint setup claude`: add the hooks, keep the rest, idempotent, --dry-run."""

from __future__ import annotations

import json

from tests.conftest import Repo

EXISTING = {
    "model": "opus",
    "permissions": {"allow": ["Bash(npm test:*)"], "deny": ["Read(./secret-plans.md)"]},
    "hooks": {
        "PreToolUse": [
            {"matcher": "Bash", "hooks": [{"type": "command", "command": "./my-guard.sh"}]}
        ],
        "Stop": [{"hooks": [{"type": "command", "command": "notify-send done"}]}],
    },
}


def _settings(repo: Repo) -> dict:  # type: ignore[type-arg]
    return json.loads((repo.path / ".claude" / "settings.json").read_text())


def test_setup_adds_every_hook(seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    result = run("setup", "claude")
    assert result.code == 0 and "added agentlint's hooks" in result.err
    hooks = _settings(seeded)["hooks"]
    for name in ("PreToolUse", "PostToolUse", "PostToolUseFailure"):
        [group] = hooks[name]
        assert group["matcher"] == "*"
        assert group["hooks"] == [
            {"type": "command", "command": "agentlint hook claude-code || exit 2", "timeout": 30}
        ]


def test_setup_keeps_existing_settings_and_is_idempotent(seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    seeded.write(".claude/settings.json", json.dumps(EXISTING, indent=4))
    assert run("setup", "claude").code == 0
    first = _settings(seeded)
    assert first["model"] == "opus" and first["permissions"] == EXISTING["permissions"]
    assert first["hooks"]["Stop"] == EXISTING["hooks"]["Stop"]
    assert first["hooks"]["PreToolUse"][0] == EXISTING["hooks"]["PreToolUse"][0]
    assert len(first["hooks"]["PreToolUse"]) == 2
    before = (seeded.path / ".claude" / "settings.json").read_text()
    result = run("setup", "claude")
    assert result.code == 0 and "nothing to change" in result.err
    assert (seeded.path / ".claude" / "settings.json").read_text() == before


def test_dry_run_shows_a_diff_and_writes_nothing(seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    seeded.write(".claude/settings.json", json.dumps(EXISTING, indent=2) + "\n")
    before = seeded.snapshot()
    result = run("setup", "claude", "--dry-run")
    assert result.code == 0
    assert result.lines[:2] == ["--- a/.claude/settings.json", "+++ b/.claude/settings.json"]
    assert any(
        line.startswith("+") and "agentlint hook claude-code" in line for line in result.lines
    )
    assert not any(line.startswith("-") and "model" in line for line in result.lines)
    assert seeded.snapshot() == before


def test_deny_rules_cover_block_paths(seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    seeded.write(".claude/settings.json", json.dumps(EXISTING))
    assert run("setup", "claude", "--deny-rules").code == 0
    deny = _settings(seeded)["permissions"]["deny"]
    assert deny[0] == "Read(./secret-plans.md)"
    for rule in ("Edit(**/.env)", "Write(**/*.pem)", "Read(**/.env)", "Read(**/.secrets/**)"):
        assert rule in deny, rule
    assert len(deny) == len(set(deny))
    assert run("setup", "claude", "--deny-rules").err.endswith("nothing to change\n")


def test_malformed_settings_are_an_error_and_untouched(seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    seeded.write(".claude/settings.json", '{\n  "hooks": {,\n}')
    result = run("setup", "claude")
    assert result.code == 2
    assert ".claude/settings.json:2" in result.err and "nothing was changed" in result.err
    assert (seeded.path / ".claude" / "settings.json").read_text() == '{\n  "hooks": {,\n}'
    seeded.write(".claude/settings.json", '{"hooks": []}')
    assert run("setup", "claude").code == 2


def test_setup_outside_a_repository(tmp_path, run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = run("setup", "claude")
    assert result.code == 2 and "not inside a git repository" in result.err
    target = tmp_path / "settings.json"
    assert run("setup", "claude", "--settings", str(target)).code == 0
    assert "PreToolUse" in json.loads(target.read_text())["hooks"]


def test_the_installed_command_blocks_and_fails_closed(seeded: Repo, run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Run the command setup wrote the way Claude Code does (a shell, JSON on stdin)."""
    import os
    import shutil
    import subprocess
    import sys

    run("setup", "claude")
    command = _settings(seeded)["hooks"]["PreToolUse"][0]["hooks"][0]["command"]
    payload = {
        "session_id": "s1",
        "hook_event_name": "PreToolUse",
        "cwd": str(seeded.path),
        "tool_name": "Edit",
        "tool_input": {"file_path": str(seeded.path / ".env")},
    }
    installed = f"{os.path.dirname(sys.executable)}{os.pathsep}{os.environ['PATH']}"
    bare = tmp_path / "bin"  # a PATH with git but without agentlint
    bare.mkdir()
    os.symlink(str(shutil.which("git")), bare / "git")
    for path, said in ((installed, "`.env`"), (str(bare), "not found")):
        proc = subprocess.run(
            [str(shutil.which("sh")), "-c", command],
            input=json.dumps(payload),
            capture_output=True,
            text=True,
            env={**os.environ, "PATH": path},
            check=False,
        )
        assert proc.returncode == 2 and said in proc.stderr, proc


def test_setup_gives_the_agent_its_own_identity(seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    assert run("setup", "claude").code == 0
    env = _settings(seeded)["env"]
    assert env == {
        "GIT_AUTHOR_NAME": "Claude",
        "GIT_AUTHOR_EMAIL": "noreply@anthropic.com",
        "GIT_COMMITTER_NAME": "Claude",
        "GIT_COMMITTER_EMAIL": "noreply@anthropic.com",
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": "commit.gpgsign",
        "GIT_CONFIG_VALUE_0": "false",
    }


def test_setup_keeps_the_users_own_env(seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    own = {"GIT_AUTHOR_EMAIL": "bot@example.com", "GIT_CONFIG_COUNT": "2", "FOO": "bar"}
    seeded.write(".claude/settings.json", json.dumps({"env": own}))
    assert run("setup", "claude").code == 0
    env = _settings(seeded)["env"]
    assert {k: env[k] for k in own} == own
    assert env["GIT_COMMITTER_EMAIL"] == "noreply@anthropic.com"
    assert "GIT_CONFIG_KEY_0" not in env  # the user's git config in env is theirs


def test_no_identity_leaves_env_alone(seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    assert run("setup", "claude", "--no-identity").code == 0
    assert "env" not in _settings(seeded)


def test_solo_developer_approves_the_agents_work(seeded: Repo, run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The one approver runs Claude Code under their own login: with the identity that
    `setup claude` gives the agent, its commits are the agent's, and their approval holds."""
    owner = ("Hannah Human", "hannah@example.com")
    assert run("setup", "claude").code == 0  # as `init` writes it: the admin approves
    agent_env = _settings(seeded)["env"]
    seeded.commit(
        "adopt agentlint", files={".agentlint.yaml": f"approvals:\n  approvers: [{owner[1]}]\n"}
    )
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.write(".github/workflows/ci.yml", "on: push\n")
    seeded.git("add", ".github/workflows/ci.yml")
    seeded.git("commit", "-q", "-m", "agent edits CI", env=agent_env)
    author = seeded.git("log", "-1", "--format=%an <%ae> / %cn <%ce>").strip()
    assert author == "Claude <noreply@anthropic.com> / Claude <noreply@anthropic.com>"
    assert run("check", "--range", f"{base}..HEAD", "--select", "AL2").codes() == ["AL201"]
    for key, value in zip(
        ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"),
        owner * 2,
        strict=True,
    ):
        monkeypatch.setenv(key, value)
    assert run("approve", "--range", f"{base}..HEAD").code == 0
    assert run("check", "--range", f"{base}..HEAD", "--select", "AL2").code == 0
