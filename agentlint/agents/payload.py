"""What every adapter does with its agent's payload, in one place: read one JSON object
strictly enough to fail closed, and turn one tool call (the agent's tool name and input)
into the neutral action the guard judges. Tools the agent documents are read from
agentlint.agents.tools; any other tool is judged by what its input holds."""

from __future__ import annotations

from agentlint import fastjson
from agentlint.agents import tools
from agentlint.errors import AgentlintError, fail
from agentlint.evidence.status import is_session_id
from agentlint.guard.action import Access, Action, AfterError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MAX_INPUT = 64 << 20
MAX_TOOL = 256


def load(raw: bytes, fix: str) -> dict[str, Any]:
    """The payload's JSON object, or an error that says what is wrong with it."""
    if len(raw) > MAX_INPUT:
        raise fail("the hook input is larger than 64 MiB", fix=fix)
    try:
        data = fastjson.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise fail(f"the hook input is not JSON ({exc})", fix=fix) from None
    except RecursionError:
        raise fail("the hook input is nested too deeply to be a tool call", fix=fix) from None
    if not isinstance(data, dict):
        raise fail("the hook input is not a JSON object", fix=fix)
    return data


def text(data: dict[str, Any], key: str, fix: str, *, required: bool = False) -> str | None:
    """A string field; a present field of another type (or a missing required one) is an
    error."""
    value = data.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value):
        state = "missing" if value is None else "not a non-empty string"
        raise fail(f"{key} is {state}", fix=fix)
    return value


def first(data: dict[str, Any], keys: tuple[str, ...], fix: str) -> str | None:
    """The first of `keys` that is present, as a string."""
    for key in keys:
        if data.get(key) is not None:
            return text(data, key, fix)
    return None


def tool_name(value: Any, fix: str) -> str:
    if not isinstance(value, str) or not value or len(value) > MAX_TOOL:
        raise fail("the tool name is missing or not a short string", fix=fix)
    if any(ord(c) < 32 for c in value):
        raise fail(f"the tool name {value[:80]!r} holds control characters", fix=fix)
    return value


def session(value: str | None, fix: str, *, fallback: str | None = None) -> str:
    """The session id, also the evidence log's file name. An agent whose payload carries
    none (older Copilot versions) logs under `fallback`."""
    if value is None and fallback is not None:
        return fallback
    if value is None or not is_session_id(value):
        shown = "missing" if value is None else f"{value[:80]!r}, not a session id"
        raise fail(f"the session id is {shown} (letters, digits, `.`, `_`, `-`)", fix=fix)
    return value


def tool_input(value: Any, fix: str) -> dict[str, Any]:
    """The tool's arguments: an object, or a JSON string holding one (Copilot's toolArgs,
    Cursor's MCP tool_input). Absent arguments are an empty object."""
    if value is None:
        return {}
    if isinstance(value, str):
        if not value.strip():
            return {}
        try:
            value = fastjson.loads(value)
        except (ValueError, RecursionError):
            raise fail("the tool's arguments are a string that is not JSON", fix=fix) from None
    if not isinstance(value, dict):
        raise fail("the tool's arguments are not a JSON object", fix=fix)
    return value


def action(
    agent: str,
    event: str,
    tool: str,
    arguments: dict[str, Any],
    *,
    session_id: str,
    cwd: str | None,
    fix: str,
    tool_use_id: str | None = None,
    exit_status: int | None = None,
    error: str | None = None,
) -> Action:
    """The neutral action for one call. After the call, a malformed payload is an
    AfterError: nothing is left to refuse."""
    try:
        kind, paths, command, alias = _facts(tool, arguments, fix)
    except AgentlintError as exc:
        if event == "before":
            raise
        raise AfterError(*exc.problems) from None
    names = [tool, *([alias] if alias and alias != tool else [])]
    if kind == "shell":
        names.append(f"Bash({command or ''})")
    host = _host(arguments) if alias == "WebFetch" else None
    if host is not None:
        names.append(f"WebFetch(domain:{host})")
    return Action(
        agent,
        event,
        kind,
        tool,
        session_id,
        cwd,
        paths,
        command,
        tuple(names),
        tool,
        tool_use_id,
        exit_status if kind == "shell" and event != "before" else None,
        error if event == "failure" else None,
    )


def _facts(
    tool: str, arguments: dict[str, Any], fix: str
) -> tuple[str, tuple[Access, ...], str | None, str | None]:
    """kind, paths, command and the Claude Code name of one call."""
    known = tools.known(tool)
    if known is None or known.kind == "patch":
        from agentlint.guard.infer import infer

        found = infer(tool, arguments)
        if known is not None:
            if not any(a.write for a in found.paths):
                raise fail(f"{tool} call whose patch names no file it writes", fix=fix)
            return "write", found.paths, None, known.alias
        mcp = tool.startswith(("mcp__", "MCP:", "mcp_")) and found.command is None
        return ("mcp" if mcp else found.kind), found.paths, found.command, None
    if known.kind == "shell":
        return "shell", (), _command(tool, arguments, known.keys, fix), known.alias
    kind = known.kind
    if tool == "str_replace_editor" and arguments.get("command") == "view":
        kind = "read"
    if kind in ("subagent", "web", "other") or not known.keys:
        return kind, (), None, known.alias
    fields = tools.file_fields(arguments, known.keys)
    if not fields:
        if kind == "search":
            return kind, (), None, known.alias  # searching the working folder
        if kind in tools.WRITES:  # an edit given as a patch (Copilot's apply_patch as `Edit`)
            from agentlint.guard.infer import infer

            inferred = infer(tool, arguments).paths
            if inferred:
                return kind, tuple(Access(a.path, True) for a in inferred), None, known.alias
        raise fail(f"{tool} call without a file ({', '.join(known.keys[:3])})", fix=fix)
    named: list[str] = []
    for key, value in fields:
        values = value if isinstance(value, list) else [value]
        if not values or not all(isinstance(v, str) and v.strip() for v in values):
            raise fail(f"{tool} call whose {key} is not a file path", fix=fix)
        named += values
    write = kind in tools.WRITES
    return kind, tuple(Access(v, write) for v in dict.fromkeys(named)), None, known.alias


def _command(tool: str, arguments: dict[str, Any], keys: tuple[str, ...], fix: str) -> str:
    for key in keys:
        value = arguments.get(key)
        if isinstance(value, str) and value.strip():
            return value
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            import shlex

            return " ".join(shlex.quote(v) for v in value)
        if value is not None:
            raise fail(f"{tool} call whose {key} is not a command line", fix=fix)
    raise fail(f"{tool} call without a command", fix=fix)


def _host(arguments: dict[str, Any]) -> str | None:
    url = arguments.get("url")
    if not isinstance(url, str):
        return None
    try:
        from urllib.parse import urlsplit  # only for a web call: 2 ms to import

        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def exit_code(value: Any) -> int | None:
    """An exit code field as the log keeps it (0-255), or None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value & 0xFF if value >= 0 else 1
    return None


def deny_twice(output: dict[str, Any], decision: str, reason: str) -> tuple[str, str, int]:
    """stdout, stderr and exit code: the agent's own JSON decision, and for a deny also exit
    2 with the reason on stderr, so a version that ignores one still blocks."""
    out = fastjson.dumps(output) + "\n"
    if decision == "deny":
        return out, reason + "\n", 2
    return out, "", 0
