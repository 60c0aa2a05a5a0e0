"""`agentlint doctor`'s checks of the coding agents other than Claude Code, one block per
agent that is set up in the repository:

- configured: the agent's hook file runs `agentlint hook AGENT` on every event setup adds;
- enabled or trusted, where the agent has such a switch: Copilot's `disableAllHooks`,
  Gemini CLI's `hooks.disabled`, `hooksConfig` (`enabled`, `disabled`) and the older
  `tools.enableHooks`, Codex's `[features] hooks` and
  its trust (a project hook runs only once a person has trusted it), and a Cursor hook
  without `failClosed: true`, which lets every call through when agentlint cannot run;
- seen: the evidence log holds a call from that agent, so "configured but never called"
  shows.
"""

from __future__ import annotations

import glob
import json
import os
from typing import Any

from agentlint.agents import settings
from agentlint.commands.doctor import Result

# files that say an agent is used here, besides its hook file
SIGNS = {
    "copilot": (".github/copilot-instructions.md", ".github/hooks", ".github/copilot"),
    "cursor": (".cursor", ".cursorrules"),
    "codex": (".codex",),
    "gemini": (".gemini", "GEMINI.md"),
}


def check(top: str) -> list[Result]:
    seen = _seen(top)
    out: list[Result] = []
    for agent, signs in SIGNS.items():
        spec = settings.SPECS[agent]
        if not any(os.path.exists(os.path.join(top, s)) for s in signs):
            out.append(Result(None, agent, f"{spec.label} is not set up here"))
            continue
        out += CHECKS[agent](top, spec)
        out.append(_called(agent, spec.label, seen))
    return out + _on_path(top, out)


def _on_path(top: str, results: list[Result]) -> list[Result]:
    """Whether the agents set up here can run agentlint (Claude Code's block says it for
    itself)."""
    import shutil

    claude = os.path.isdir(os.path.join(top, ".claude")) or os.path.isfile(
        os.path.join(top, "CLAUDE.md")
    )
    used = sorted({r.topic for r in results if r.ok is not None})
    if claude or not used or shutil.which("agentlint") is not None:
        return []
    return [
        Result(
            False,
            "agents",
            f"`agentlint` is not on PATH, so the hooks of {', '.join(used)} refuse every tool call",
            "install agentlint where the agents run: pipx install from its repository URL "
            "at a tag (the PyPI name `agentlint` is an unrelated tool)",
        )
    ]


def _load(path: str) -> dict[str, Any]:
    from agentlint.agents import jsonedit

    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        data = jsonedit.value_of(text, jsonedit.scan(text))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _configured(spec: settings.Spec, files: list[str], top: str) -> tuple[Result, list[Any]]:
    datas = [d for d in (_load(f) for f in files) if d]
    hooked = {e for d in datas for e in settings.hooked(d, spec)}
    missing = [e for e in spec.events if e not in hooked]
    if missing:
        where = spec.path if not files else ", ".join(os.path.relpath(f, top) for f in files)
        return Result(
            False,
            spec.agent,
            f"{spec.label}'s {', '.join(missing)} hooks do not run agentlint ({where})",
            f"agentlint setup {spec.agent}",
        ), datas
    return Result(
        True, spec.agent, f"{spec.label}'s hooks run `agentlint hook {spec.agent}`"
    ), datas


def _copilot(top: str, spec: settings.Spec) -> list[Result]:
    files = sorted(glob.glob(os.path.join(top, ".github", "hooks", "*.json")))
    result, datas = _configured(spec, files, top)
    out = [result]
    repo_settings = [
        _load(os.path.join(top, ".github", "copilot", n))
        for n in ("settings.json", "settings.local.json")
    ]
    off = [d for d in [*datas, *repo_settings] if d.get("disableAllHooks")]
    if off:
        out.append(
            Result(
                False,
                spec.agent,
                "`disableAllHooks: true` switches Copilot's hooks off, agentlint's with them",
                "remove disableAllHooks from .github/hooks/*.json and "
                ".github/copilot/settings*.json",
            )
        )
    steps = os.path.join(top, ".github", "workflows", "copilot-setup-steps.yml")
    if not os.path.isfile(steps) or "agentlint" not in _text(steps):
        out.append(
            Result(
                False,
                spec.agent,
                "copilot-setup-steps.yml does not install agentlint, so Copilot's cloud agent "
                "refuses every tool call (or runs without the guard where its hooks are absent)",
                "agentlint setup copilot --steps",
            )
        )
    return out


def _cursor(top: str, spec: settings.Spec) -> list[Result]:
    path = os.path.join(top, spec.path)
    result, datas = _configured(spec, [path] if os.path.exists(path) else [], top)
    out = [result]
    hooks = datas[0].get("hooks", {}) if datas and isinstance(datas[0].get("hooks"), dict) else {}
    open_ = sorted(
        event
        for event, entries in hooks.items()
        for entry in (entries if isinstance(entries, list) else [])
        if isinstance(entry, dict)
        and settings.mentions(entry, "agentlint hook")
        and entry.get("failClosed") is not True
    )
    if open_:
        out.append(
            Result(
                False,
                spec.agent,
                f"agentlint's {', '.join(open_)} hooks lack `failClosed: true`: when agentlint "
                "cannot run (missing, crashed, timed out), Cursor lets the call through",
                'add "failClosed": true to each agentlint entry in .cursor/hooks.json',
            )
        )
    return out


def _codex(top: str, spec: settings.Spec) -> list[Result]:
    path = os.path.join(top, spec.path)
    config = os.path.join(top, settings.CODEX_CONFIG)
    files = [path] if os.path.exists(path) else []
    result, _ = _configured(spec, files, top)
    if not result.ok and "agentlint hook codex" in _text(config):
        result = Result(True, spec.agent, "Codex's hooks run `agentlint hook codex` (config.toml)")
    out = [result]
    local = _toml(config)
    features = _object(local, "features")
    if features.get("hooks") is False or features.get("codex_hooks") is False:
        out.append(
            Result(
                False,
                spec.agent,
                "`[features] hooks = false` switches Codex's hooks off",
                "remove it from .codex/config.toml",
            )
        )
    out.append(_codex_trust(top))
    env = (
        local.get("shell_environment_policy", {}).get("set", {})
        if isinstance(local.get("shell_environment_policy"), dict)
        else {}
    )
    if isinstance(env, dict) and str(env.get("GIT_AUTHOR_EMAIL", "")).strip():
        out.append(Result(True, spec.agent, f"Codex commits as {env['GIT_AUTHOR_EMAIL']}"))
    else:
        out.append(
            Result(
                False,
                spec.agent,
                "Codex commits under your name, so you cannot approve its work (an approver "
                "cannot approve their own commits)",
                "agentlint setup codex",
            )
        )
    return out


def _codex_trust(top: str) -> Result:
    """Codex loads a project's .codex/ layer only when the project is trusted, and runs a
    hook only once its definition is trusted (both recorded in the user's ~/.codex)."""
    home = os.environ.get("CODEX_HOME") or os.path.join(os.path.expanduser("~"), ".codex")
    projects = _toml(os.path.join(home, "config.toml")).get("projects", {})
    entry = projects.get(top) if isinstance(projects, dict) else None
    level = entry.get("trust_level") if isinstance(entry, dict) else None
    fix = "open the project in Codex, trust it, and trust agentlint's hook with `/hooks`"
    if level == "trusted":
        return Result(
            True,
            "codex",
            "Codex trusts this project; it still runs each hook only once you have trusted it "
            "with `/hooks` (not visible from here)",
        )
    return Result(
        False,
        "codex",
        "Codex does not trust this project, so it skips .codex/hooks.json and runs no "
        "agentlint hook",
        fix,
    )


def _gemini(top: str, spec: settings.Spec) -> list[Result]:
    path = os.path.join(top, spec.path)
    result, datas = _configured(spec, [path] if os.path.exists(path) else [], top)
    out = [result]
    data: dict[str, Any] = datas[0] if datas else {}
    hooks = _object(data, "hooks")
    disabled = hooks.get("disabled")
    config = _object(data, "hooksConfig")
    if (
        disabled is True
        or (isinstance(disabled, list) and settings.mentions(disabled, "agentlint"))
        or hooks.get("enabled") is False
        or config.get("enabled") is False
        or _object(data, "tools").get("enableHooks") is False
        or (
            isinstance(config.get("disabled"), list)
            and settings.mentions(config["disabled"], "agentlint")
        )
    ):
        out.append(
            Result(
                False,
                spec.agent,
                "Gemini CLI's settings switch agentlint's hook off (hooks.disabled, or hooks "
                "turned off)",
                "remove it from .gemini/settings.json",
            )
        )
    return out


def called(agent: str, label: str, top: str) -> Result:
    return _called(agent, label, _seen(top))


def _called(agent: str, label: str, seen: dict[str, str]) -> Result:
    topic = "claude" if agent == "claude-code" else agent
    if agent in seen:
        return Result(True, topic, f"the evidence log shows {label}'s calls (last {seen[agent]})")
    return Result(
        None,
        topic,
        f"configured but never called: no evidence log holds a call from {label} yet "
        "(run a session; if it still shows none, the agent is not running the hook)",
    )


def _seen(top: str) -> dict[str, str]:
    """Each agent's newest logged call time, from the first line of each log."""
    from agentlint.evidence import log as evidence

    found: dict[str, str] = {}
    for path in glob.glob(os.path.join(top, evidence.FOLDER, "*.jsonl")):
        try:
            with open(path, "rb") as handle:
                lines = handle.read().splitlines()
        except OSError:
            continue
        for raw in lines[-1:] + lines[:1]:
            try:
                data = json.loads(raw)
            except ValueError:
                continue
            if isinstance(data, dict):
                agent = str(data.get("agent", "claude-code"))
                found[agent] = max(found.get(agent, ""), str(data.get("ts", "")))
    return found


def _object(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _text(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError:
        return ""


def _toml(path: str) -> dict[str, Any]:
    try:
        import tomllib
    except ImportError:
        return {}
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return {}


CHECKS = {"copilot": _copilot, "cursor": _cursor, "codex": _codex, "gemini": _gemini}
