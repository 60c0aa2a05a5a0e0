"""Where each agent reads its hooks, and the entry agentlint adds there, as each agent's
documentation gives the format. `install` adds agentlint's hook to every event that lacks
it, as text (agentlint.agents.jsonedit), so the user's settings stay byte for byte.

Every command ends in `|| exit 2`: when agentlint is missing, the shell's own "command not
found" would be an ordinary failure, which Cursor (without failClosed), Gemini CLI and
Codex treat as "let the call through". Exit 2 blocks in all of them.
"""

from __future__ import annotations

import os
from typing import Any, NamedTuple

from agentlint.agents import jsonedit

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable


def command(agent: str) -> str:
    return f"agentlint hook {agent} || exit 2"


class Spec(NamedTuple):
    agent: str  # the `agentlint hook` name
    label: str  # the agent, as people call it
    path: str  # the settings file, relative to the repository
    events: tuple[str, ...]
    entry: Callable[[str], dict[str, Any]]  # the hook entry for one event
    new: str  # the text a new file starts as


def _grouped(timeout: int, matcher: str | None) -> Callable[[str], dict[str, Any]]:
    def entry(agent: str) -> dict[str, Any]:
        hook = {"type": "command", "command": command(agent), "timeout": timeout}
        return {**({"matcher": matcher} if matcher is not None else {}), "hooks": [hook]}

    return entry


def _copilot(agent: str) -> dict[str, Any]:
    return {
        "type": "command",
        "bash": command(agent),
        "powershell": f"agentlint hook {agent}; if ($LASTEXITCODE -ne 0) {{ exit 2 }}",
        "timeoutSec": 30,
    }


def _cursor(agent: str) -> dict[str, Any]:
    return {"command": command(agent), "failClosed": True, "timeout": 30}


def _gemini(agent: str) -> dict[str, Any]:
    hook = {"type": "command", "name": "agentlint", "command": command(agent), "timeout": 30000}
    return {"matcher": ".*", "hooks": [hook]}


CURSOR_EVENTS: tuple[str, ...] = ("preToolUse", "beforeShellExecution", "beforeReadFile")
CURSOR_EVENTS += ("beforeMCPExecution", "afterFileEdit", "afterShellExecution")
SPECS = {
    "claude": Spec(
        "claude-code",
        "Claude Code",
        os.path.join(".claude", "settings.json"),
        ("PreToolUse", "PostToolUse", "PostToolUseFailure"),
        _grouped(30, "*"),
        "{}\n",
    ),
    "copilot": Spec(
        "copilot",
        "GitHub Copilot",
        os.path.join(".github", "hooks", "agentlint.json"),
        ("preToolUse", "postToolUse", "postToolUseFailure"),
        _copilot,
        '{\n  "version": 1\n}\n',
    ),
    "cursor": Spec(
        "cursor",
        "Cursor",
        os.path.join(".cursor", "hooks.json"),
        CURSOR_EVENTS,
        _cursor,
        '{\n  "version": 1\n}\n',
    ),
    "codex": Spec(
        "codex",
        "Codex",
        os.path.join(".codex", "hooks.json"),
        ("PreToolUse", "PostToolUse"),
        _grouped(30, None),
        "{}\n",
    ),
    "gemini": Spec(
        "gemini",
        "Gemini CLI",
        os.path.join(".gemini", "settings.json"),
        ("BeforeTool", "AfterTool"),
        _gemini,
        "{}\n",
    ),
}
SPECS["claude-code"] = SPECS["claude"]


def mentions(value: Any, mark: str) -> bool:
    """Whether any string inside `value` holds `mark`."""
    if isinstance(value, str):
        return mark in value
    if isinstance(value, dict):
        return any(mentions(v, mark) for v in value.values())
    if isinstance(value, list):
        return any(mentions(v, mark) for v in value)
    return False


def hooked(data: Any, spec: Spec) -> list[str]:
    """The events whose hooks run agentlint, in settings already parsed."""
    hooks = data.get("hooks") if isinstance(data, dict) else None
    if not isinstance(hooks, dict):
        return []
    mark = f"agentlint hook {spec.agent}"
    return [e for e in spec.events if mentions(hooks.get(e), mark)]


def install(text: str, data: Any, spec: Spec) -> str:
    """`text` with agentlint's hook on every event of `spec` that lacks it."""
    done = set(hooked(data, spec))
    text = text if text.strip() else spec.new
    for event in spec.events:
        if event in done:
            continue
        text, hooks = jsonedit.ensure_path(text, ["hooks"])
        current = hooks.members.get(event)
        if current is None:
            text = jsonedit.add(text, hooks, [spec.entry(spec.agent)], event)
        elif current.kind != "array":
            raise jsonedit.BadJSON(f"hooks.{event} is not a JSON array", current.start)
        else:
            text = jsonedit.add(text, current, spec.entry(spec.agent))
    return text


def set_members(text: str, keys: list[str], values: dict[str, Any]) -> str:
    """`text` with each of `values` set in the object at `keys` where it is not set yet."""
    text, node = jsonedit.ensure_path(text, keys)
    for key, value in values.items():
        if key not in node.members:
            text = jsonedit.add(text, node, value, key)
            text, node = jsonedit.ensure_path(text, keys)
    return text


def append_items(text: str, keys: list[str], key: str, items: list[Any]) -> str:
    """`text` with `items` appended to the array at keys.key (made when missing), skipping
    those already there."""
    import json

    text, node = jsonedit.ensure_path(text, keys)
    if key not in node.members:
        text = jsonedit.add(text, node, [], key)
        text, node = jsonedit.ensure_path(text, keys)
    array = node.members[key]
    if array.kind != "array":
        raise jsonedit.BadJSON(f"{'.'.join([*keys, key])} is not a JSON array", array.start)
    have = [json.loads(text[i.start : i.end]) for i in array.items if i.kind == "scalar"]
    for item in items:
        if item in have:
            continue
        text = jsonedit.add(text, array, item)
        text, node = jsonedit.ensure_path(text, keys)
        array = node.members[key]
    return text


# Codex gives the commands it runs the environment that `[shell_environment_policy]` in
# config.toml sets: there, the agent gets its own git identity. The block goes before the
# first table, as dotted keys, so nothing the user wrote moves or is re-serialised.
CODEX_CONFIG = os.path.join(".codex", "config.toml")
CODEX_IDENTITY = {
    "GIT_AUTHOR_NAME": "Codex",
    "GIT_AUTHOR_EMAIL": "noreply@openai.com",
    "GIT_COMMITTER_NAME": "Codex",
    "GIT_COMMITTER_EMAIL": "noreply@openai.com",
}


def codex_identity(text: str) -> str:
    """config.toml with the agent's own git identity, unless it already configures the
    shell environment (then the user's choice stands)."""
    if "shell_environment_policy" in text:
        return text
    import json

    lines = [
        "# agentlint: Codex commits under its own name, so a human can approve its work",
        *(f"shell_environment_policy.set.{k} = {json.dumps(v)}" for k, v in CODEX_IDENTITY.items()),
    ]
    return "\n".join(lines) + "\n" + ("\n" + text if text else "")


def codex_toml_hooks(text: str) -> str:
    """config.toml with agentlint's hooks appended as `[[hooks.EVENT]]` tables (the same
    schema as hooks.json), unless it already runs them."""
    if "agentlint hook codex" in text:
        return text
    import json

    blocks = [
        f'[[hooks.{event}]]\n[[hooks.{event}.hooks]]\ntype = "command"\n'
        f"command = {json.dumps(command('codex'))}\ntimeout = 30\n"
        for event in SPECS["codex"].events
    ]
    joined = "\n".join(blocks)
    return (
        (text + ("\n" if text and not text.endswith("\n") else "") + "\n" + joined)
        if text
        else joined
    )
