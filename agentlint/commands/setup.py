"""`agentlint setup AGENT`: add agentlint's hooks to the agent's own hook file, and give
the agent its own git identity for the commits it makes where its settings allow
(Claude Code's `env`; Codex's `[shell_environment_policy]`), unless --no-identity.

- claude (claude-code): .claude/settings.json; --deny-rules adds permissions.deny rules
  for the policy's block-posture paths, as defence in depth;
- copilot: .github/hooks/agentlint.json (the CLI and the cloud agent read it); --steps
  also writes .github/workflows/copilot-setup-steps.yml, which installs agentlint in the
  cloud agent's sandbox before it starts (printed when not written);
- cursor: .cursor/hooks.json, every entry with `failClosed: true`;
- codex: .codex/hooks.json, or `[hooks]` appended to a config.toml given with --settings;
- gemini: .gemini/settings.json (hooks.BeforeTool and hooks.AfterTool).

The edit is made as text: every byte already in the file stays, running it twice changes
nothing, and --dry-run shows the change as a diff without writing.
"""

from __future__ import annotations

import argparse
import os
import sys

from agentlint.agents import jsonedit, settings
from agentlint.errors import fail
from agentlint.guard import workspace

STEPS = os.path.join(".github", "workflows", "copilot-setup-steps.yml")
STEPS_TEXT = """\
# Copilot's cloud agent runs this job before it starts: agentlint must be installed for
# the hooks in .github/hooks/agentlint.json, which refuse every tool call without it.
name: Copilot setup steps
on:
  workflow_dispatch:
  push:
    paths: [.github/workflows/copilot-setup-steps.yml]
  pull_request:
    paths: [.github/workflows/copilot-setup-steps.yml]
jobs:
  copilot-setup-steps:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      # pin agentlint to a tag of its repository: the PyPI name is another tool
      - run: pipx install "${AGENTLINT_SPEC:-git+https://github.com/OWNER/agentlint@vX.Y.Z}"
"""


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except FileNotFoundError:
        return ""
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"cannot read the settings: {exc}", where=path) from None


def _parsed(text: str, path: str) -> object:
    if not text.strip():
        return {}
    try:
        node = jsonedit.scan(text)
    except jsonedit.BadJSON as exc:
        raise fail(
            f"the settings are not valid JSON ({exc})",
            where=f"{path}:{jsonedit.line_of(text, exc.at)}",
            fix="fix the JSON, then run this again; nothing was changed",
        ) from None
    data = jsonedit.value_of(text, node)
    if not isinstance(data, dict) or not isinstance(data.get("hooks", {}), dict):
        raise fail(
            "the settings are not a JSON object with a `hooks` object",
            where=path,
            fix="fix the file, then run this again; nothing was changed",
        )
    return data


def _rules() -> list[str]:
    from agentlint.agents import claude_settings
    from agentlint.change import extras
    from agentlint.policy.load import CONFIG_NAME, load_policy

    text = extras.read_blob("HEAD", CONFIG_NAME)
    policy = load_policy(text, source=f"{CONFIG_NAME} (at HEAD)" if text else "built-in policy")
    blocked = [p.text for c in policy.categories if c.posture == "block" for p in c.paths]
    secret = policy.category("secrets")
    return claude_settings.deny_rules(blocked, [p.text for p in secret.paths] if secret else [])


def _edit(args: argparse.Namespace, spec: settings.Spec, path: str, text: str) -> str:
    """The new text of the hook file."""
    from agentlint.agents import claude_settings

    if path.endswith(".toml"):
        new = settings.codex_toml_hooks(text)
        _check_toml(new, path)
        return new
    data = _parsed(text, path)
    try:
        new = settings.install(text, data, spec)
        if spec.agent == "claude-code" and not args.no_identity:
            env = {**claude_settings.IDENTITY}
            given = data.get("env") if isinstance(data, dict) else None
            if not (isinstance(given, dict) and "GIT_CONFIG_COUNT" in given):
                env.update(claude_settings.NO_SIGNING)
            new = settings.set_members(new, ["env"], env)
        if spec.agent == "claude-code" and getattr(args, "deny_rules", False):
            new = settings.append_items(new, ["permissions"], "deny", _rules())
    except jsonedit.BadJSON as exc:
        raise fail(
            f"cannot add agentlint's hooks: {exc}",
            where=f"{path}:{jsonedit.line_of(text, exc.at)}",
            fix="fix the file, then run this again; nothing was changed",
        ) from None
    return new


def _check_toml(text: str, path: str) -> None:
    try:
        import tomllib
    except ImportError:  # Python 3.10: Codex itself will say
        return
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise fail(
            f"appending agentlint's hooks would make invalid TOML ({exc})",
            where=path,
            fix="use .codex/hooks.json instead (`agentlint setup codex` without --settings)",
        ) from None


def _changes(args: argparse.Namespace, root: str | None) -> list[tuple[str, str, str]]:
    """(path, old text, new text) of each file setup writes."""
    spec = settings.SPECS[args.setup_command]
    path = args.settings or os.path.join(root or "", spec.path)
    text = _read(path)
    out = [(path, text, _edit(args, spec, path, text))]
    if spec.agent == "codex" and not args.no_identity and root is not None:
        config = os.path.join(root, settings.CODEX_CONFIG)
        if os.path.abspath(config) == os.path.abspath(path):
            out[0] = (path, text, settings.codex_identity(out[0][2]))
            _check_toml(out[0][2], path)
        else:
            old = _read(config)
            new = settings.codex_identity(old)
            _check_toml(new, config)
            out.append((config, old, new))
    if spec.agent == "copilot" and getattr(args, "steps", False) and root is not None:
        steps = os.path.join(root, STEPS)
        old = _read(steps)
        out.append((steps, old, old or STEPS_TEXT))
    return out


def run(args: argparse.Namespace) -> int:
    root = workspace.find_root(os.getcwd())
    if root is None and not args.settings:
        raise fail(
            "not inside a git repository", fix="run it from the repository, or pass --settings"
        )
    spec = settings.SPECS[args.setup_command]
    changes = [c for c in _changes(args, root) if c[1] != c[2]]
    if not changes:
        print(
            f"agentlint: {spec.label} already has agentlint's hooks; nothing to change",
            file=sys.stderr,
        )
        return 0
    if args.dry_run:
        import difflib

        for path, old, new in changes:
            shown = os.path.relpath(path)
            for line in difflib.unified_diff(
                old.splitlines(keepends=True),
                new.splitlines(keepends=True),
                f"a/{shown}",
                f"b/{shown}",
            ):
                end = "" if line.endswith("\n") else "\n\\ No newline at end of file\n"
                sys.stdout.write(line + end)
        return 0
    for path, _, new in changes:
        _write(path, new)
    _report(spec, args, [os.path.relpath(p) for p, _, _ in changes])
    return 0


def _report(spec: settings.Spec, args: argparse.Namespace, paths: list[str]) -> None:
    notes = {
        "claude-code": ""
        if args.no_identity
        else (
            ", and the agent's own git identity (Claude <noreply@anthropic.com>) for the "
            "commits it makes"
        ),
        "codex": ""
        if args.no_identity
        else (
            ", and the agent's own git identity (Codex <noreply@openai.com>) for the commits "
            "it makes; Codex runs a project hook only once you trust it: run `/hooks` in "
            "Codex and trust agentlint's"
        ),
        "cursor": " (failClosed: a hook that cannot run refuses the call)",
        "copilot": ""
        if getattr(args, "steps", False)
        else (
            "; Copilot's cloud agent needs agentlint installed before it starts: "
            "`agentlint setup copilot --steps` writes .github/workflows/copilot-setup-steps.yml"
        ),
        "gemini": "",
    }
    print(
        f"agentlint: added agentlint's hooks to {', '.join(paths)}{notes[spec.agent]}; commit "
        "it so every session uses them (it is a `policy` path: a human approves the change)",
        file=sys.stderr,
    )


def _write(path: str, text: str) -> None:
    import tempfile

    folder = os.path.dirname(path) or "."
    try:
        os.makedirs(folder, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".settings-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        if os.path.exists(path):
            os.chmod(temp, os.stat(path).st_mode & 0o777)
        else:
            os.chmod(temp, 0o644)
        os.replace(temp, path)
    except OSError as exc:
        raise fail(f"cannot write the settings: {exc.strerror}", where=path) from None
