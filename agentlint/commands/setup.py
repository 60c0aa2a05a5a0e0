"""`agentlint setup claude`: add agentlint's hooks to .claude/settings.json, and give the
agent its own git identity for the commits it makes (unless --no-identity).

Everything already in the file is kept, running it twice changes nothing, and --dry-run
shows the change as a diff without writing. --deny-rules also adds permissions.deny rules
for the policy's block-posture paths, as defence in depth.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from agentlint.agents import claude_settings
from agentlint.errors import fail
from agentlint.guard import workspace

DEFAULT = os.path.join(".claude", "settings.json")


def _read(path: str) -> tuple[str, dict[str, Any]]:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        return "", {}
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"cannot read the settings: {exc}", where=path) from None
    try:
        data = json.loads(text) if text.strip() else {}
    except ValueError as exc:
        line = getattr(exc, "lineno", 1)
        raise fail(
            f"the settings are not valid JSON ({exc})",
            where=f"{path}:{line}",
            fix="fix the JSON, then run this again; nothing was changed",
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("hooks", {}), dict):
        raise fail(
            "the settings are not a JSON object with a `hooks` object",
            where=path,
            fix="fix the file, then run this again; nothing was changed",
        )
    return text, data


def _rules() -> list[str]:
    from agentlint.change import extras
    from agentlint.policy.load import CONFIG_NAME, load_policy

    text = extras.read_blob("HEAD", CONFIG_NAME)
    policy = load_policy(text, source=f"{CONFIG_NAME} (at HEAD)" if text else "built-in policy")
    blocked = [p.text for c in policy.categories if c.posture == "block" for p in c.paths]
    secret = policy.category("secrets")
    return claude_settings.deny_rules(blocked, [p.text for p in secret.paths] if secret else [])


def run(args: argparse.Namespace) -> int:
    root = workspace.find_root(os.getcwd())
    if root is None and not args.settings:
        raise fail(
            "not inside a git repository", fix="run it from the repository, or pass --settings"
        )
    path = args.settings or os.path.join(root or "", DEFAULT)
    text, data = _read(path)
    new = claude_settings.add_hooks(data)
    if not args.no_identity:
        new = claude_settings.add_identity(new)
    if args.deny_rules:
        new = claude_settings.add_deny(new, _rules())
    shown = os.path.relpath(path) if not os.path.isabs(args.settings or "") else path
    if new == data and text:
        print(
            f"agentlint: {shown} already has agentlint's hooks; nothing to change", file=sys.stderr
        )
        return 0
    new_text = json.dumps(new, indent=2, ensure_ascii=False) + "\n"
    if args.dry_run:
        import difflib

        sys.stdout.writelines(
            difflib.unified_diff(
                text.splitlines(keepends=True),
                new_text.splitlines(keepends=True),
                f"a/{shown}",
                f"b/{shown}",
            )
        )
        return 0
    _write(path, new_text)
    print(
        f"agentlint: added agentlint's hooks to {shown}"
        + (
            ""
            if args.no_identity
            else ", and the agent's own git identity (Claude "
            "<noreply@anthropic.com>) for the commits it makes"
        )
        + "; commit it so every session uses them (it is a `policy` path: a human "
        "approves the change)",
        file=sys.stderr,
    )
    return 0


def _write(path: str, text: str) -> None:
    import tempfile

    folder = os.path.dirname(path) or "."
    try:
        os.makedirs(folder, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".settings-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        if os.path.exists(path):
            os.chmod(temp, os.stat(path).st_mode & 0o777)
        os.replace(temp, path)
    except OSError as exc:
        raise fail(f"cannot write the settings: {exc.strerror}", where=path) from None
