"""Claude Code's adapter: read one hook event from its JSON, strictly enough to fail closed,
as the neutral action the guard judges; and render the guard's decision as Claude Code
reads it.

Fields the guard needs are checked; unknown fields are ignored, and fields that later
Claude Code versions added (`tool_use_id`, `hook_event_name`, `cwd`) are optional. Very old
versions send no `hook_event_name`: the event is told from `tool_response` or `error`.
"""

from __future__ import annotations

from agentlint import fastjson, structs
from agentlint.agents import payload, tools
from agentlint.errors import AgentlintError, fail
from agentlint.evidence.status import exit_status, is_session_id
from agentlint.guard.action import Access, Action, AfterError, Search
from agentlint.structs import ASCII_LETTERS, DIGITS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

EVENTS = ("PreToolUse", "PostToolUse", "PostToolUseFailure")
_TOOL_START = frozenset(ASCII_LETTERS + DIGITS + "_")
_TOOL_CHARS = _TOOL_START | frozenset(".:-")


def is_tool_name(tool: str) -> bool:
    """A tool name as Claude Code sends them (`Edit`, `mcp__github__create_issue`): a
    letter, digit or `_`, then up to 255 of those or `.`, `:`, `-` (the regex
    `[A-Za-z0-9_][A-Za-z0-9_.:-]{0,255}\\Z`, read without importing `re`)."""
    return 0 < len(tool) <= 256 and tool[0] in _TOOL_START and _TOOL_CHARS.issuperset(tool)


FIX = (
    "run it as a Claude Code hook, which passes one event as a JSON object on stdin; if it "
    "was, report the payload: this Claude Code version may send something agentlint does "
    "not know"
)


class Event(structs.Struct):
    kind: str  # one of EVENTS, or another hook event, which agentlint ignores
    session_id: str
    cwd: str | None
    tool: str
    tool_input: dict[str, Any]
    tool_use_id: str | None
    response: Any  # PostToolUse's tool_response
    error: str | None  # PostToolUseFailure's error
    interrupted: bool


def parse_event(data: dict[str, Any]) -> Event:
    """The event in the payload's object, or an error that says what is wrong with it."""
    kind = _kind(data)
    if kind not in EVENTS:
        return Event(kind, "", None, "", {}, None, None, None, False)
    tool = payload.text(data, "tool_name", FIX, required=True) or ""
    if not is_tool_name(tool):
        raise fail(f"tool_name {tool[:80]!r} is not a tool name", fix=FIX)
    tool_input = data.get("tool_input", {})
    if not isinstance(tool_input, dict):
        raise fail("tool_input is not a JSON object", fix=FIX)
    session = payload.text(data, "session_id", FIX, required=True) or ""
    if not is_session_id(session):
        raise fail(
            f"session_id {session[:80]!r} is not a session id (letters, digits, `.`, `_`, `-`)",
            fix=FIX,
        )
    error = data.get("error")
    return Event(
        kind,
        session,
        payload.text(data, "cwd", FIX),
        tool,
        tool_input,
        payload.text(data, "tool_use_id", FIX),
        data.get("tool_response"),
        error if isinstance(error, str) else (None if error is None else fastjson.dumps(error)),
        data.get("is_interrupt") is True,
    )


def _kind(data: dict[str, Any]) -> str:
    kind = data.get("hook_event_name")
    if kind is None:
        if "error" in data:
            return "PostToolUseFailure"
        return "PostToolUse" if "tool_response" in data else "PreToolUse"
    if not isinstance(kind, str):
        raise fail("hook_event_name is not a string", fix=FIX)
    return kind


def text_field(tool_input: dict[str, Any], key: str) -> str | None:
    """A string field of tool_input; a present field of another type is malformed."""
    value = tool_input.get(key)
    if value is None or isinstance(value, str):
        return value
    raise fail(f"tool_input.{key} is not a string", fix=FIX)


# What a tool call touches, and the names it goes by in the policy's tool allowlist.
WRITERS = {"Write": "file_path", "Edit": "file_path", "MultiEdit": "file_path"}
WRITERS["NotebookEdit"] = "notebook_path"
READERS = {"Read": "file_path", "NotebookRead": "notebook_path", "LS": "path"}
SEARCHERS = {"Grep": "path", "Glob": "path"}  # a folder (default: cwd), or one file


def accesses(event: Event) -> list[Access]:
    """The paths the call reads or writes (Bash is inspected separately)."""
    for table, write in ((WRITERS, True), (READERS, False), (SEARCHERS, False)):
        key = table.get(event.tool)
        if key is None:
            continue
        # Claude Code's own field, and every other one another agent running this hook
        # (Copilot's `path`...) may name the file by: each one present is judged
        keys = [key, *(k for k, _ in tools.file_fields(event.tool_input, tools.FILE_KEYS))]
        paths = [p for k in dict.fromkeys(keys) if (p := text_field(event.tool_input, k))]
        if not paths and table is SEARCHERS:
            return []  # searching the working folder: nothing named to judge
        if not paths:
            raise fail(f"{event.tool} call without tool_input.{key}", fix=FIX)
        return [Access(p, write) for p in paths]
    return []


def searches(event: Event) -> list[Search]:
    """The folder walks of a search: Grep with a `glob` opens the files it names, dot
    files included (ripgrep's globs override its hidden-file rule). Glob only lists
    names, so it reads nothing."""
    if event.tool == "Grep":
        glob = text_field(event.tool_input, "glob")
        if not glob:
            return []
        return [Search(text_field(event.tool_input, "path") or ".", (glob,), True)]
    return []


def domain(event: Event) -> str | None:
    """The host a WebFetch call reaches ("" when its URL has none)."""
    if event.tool != "WebFetch":
        return None
    url = text_field(event.tool_input, "url") or ""
    try:
        from urllib.parse import urlsplit  # only for a web call: 2 ms to import

        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def allowlist_names(event: Event) -> list[str]:
    """The names the call can be allowed by: the tool itself, and the permission-rule form
    `WebFetch(domain:HOST)` or `Bash(COMMAND)` for narrower entries."""
    names = [event.tool]
    host = domain(event)
    if host is not None:
        names.append(f"WebFetch(domain:{host})")
    if event.tool == "Bash":
        command = text_field(event.tool_input, "command") or ""
        names.append(f"Bash({command})")
    return names


def record_name(event: Event) -> str:
    """The name the review record lists the tool under."""
    host = domain(event)
    return f"WebFetch(domain:{host})" if host else event.tool


KINDS = {"Bash": "shell", "WebFetch": "web", "WebSearch": "web", "Task": "subagent"}
KINDS |= {"Agent": "subagent"}
# Claude Code's own tools that touch no file: judged by the allowlist alone
PLAIN = {"TodoWrite", "TodoRead", "BashOutput", "KillShell", "TaskOutput", "TaskStop"}
PLAIN |= {"EnterPlanMode", "ExitPlanMode", "AskUserQuestion", "Skill", "SlashCommand", "LSP"}
PHASES = {"PreToolUse": "before", "PostToolUse": "after", "PostToolUseFailure": "failure"}


def action(event: Event) -> Action:
    """The neutral action for one event of EVENTS. A tool Claude Code does not have (an
    MCP tool, or another agent's tool arriving at this hook) is judged by what its input
    holds: a path, a command or a patch (agentlint.guard.infer)."""
    phase = PHASES[event.kind]
    if _is_foreign(event.tool):  # another agent's tool, arriving at this agent's hook
        return payload.action(
            "claude-code",
            phase,
            event.tool,
            event.tool_input,
            session_id=event.session_id,
            cwd=event.cwd,
            fix=FIX,
            tool_use_id=event.tool_use_id,
            exit_status=exit_status(event.kind, event.response, event.error),
            error=event.error,
        )
    found = tuple(accesses(event))
    kind = KINDS.get(event.tool)
    command = text_field(event.tool_input, "command") if event.tool == "Bash" else None
    if kind is None:
        if found:
            kind = "edit" if found[0].write else "read"
        elif event.tool in PLAIN or event.tool in SEARCHERS:
            kind = "other"
        else:
            from agentlint.guard.infer import infer

            inferred = infer(event.tool, event.tool_input)
            found, command = inferred.paths, inferred.command
            kind = "mcp" if event.tool.startswith("mcp__") and not command else inferred.kind
    status = (
        exit_status(event.kind, event.response, event.error)
        if kind == "shell" and phase != "before"
        else None
    )
    return Action(
        "claude-code",
        phase,
        kind,
        event.tool,
        event.session_id,
        event.cwd,
        found,
        command,
        tuple(allowlist_names(event)),
        record_name(event),
        event.tool_use_id,
        status,
        event.error if phase == "failure" else None,
        tuple(searches(event)) if phase == "before" else (),
    )


def _is_foreign(tool: str) -> bool:
    """A tool Claude Code does not have but another agent documents (Cursor's `Shell`,
    `StrReplace`, `Delete`; Codex's `apply_patch`; Gemini's `write_file`...)."""
    claude = tool in WRITERS or tool in READERS or tool in SEARCHERS or tool in KINDS
    return not claude and tool not in PLAIN and tools.known(tool) is not None


def _other_agent(data: dict[str, Any]) -> str | None:
    """The adapter for a payload another agent sends to Claude Code's hook file (Copilot
    and Cursor read .claude/settings.json, Gemini CLI migrates it), told by its shape."""
    name = data.get("hook_event_name")
    if "toolName" in data or "toolArgs" in data:
        return "copilot"
    if name in ("BeforeTool", "AfterTool"):
        return "gemini"
    if (
        isinstance(name, str)
        and name[:1].islower()
        and ("conversation_id" in data or name in CURSOR)
    ):
        return "cursor"
    return None


# Cursor's camelCase tool events (its hooks page)
CURSOR = {"preToolUse", "postToolUse", "postToolUseFailure", "beforeShellExecution"}
CURSOR |= {"afterShellExecution", "beforeReadFile", "afterFileEdit", "beforeMCPExecution"}
CURSOR |= {"afterMCPExecution"}


def read(raw: bytes) -> Action | None:
    """The action in one hook input, or None for an event agentlint ignores. Another
    agent's payload is read by that agent's adapter: it runs this hook too."""
    data = payload.load(raw, FIX)
    other = _other_agent(data)
    if other is not None:
        import importlib

        adapter = importlib.import_module(f"agentlint.agents.{other}")
        found: Action | None = adapter.read(raw)
        return found
    event = parse_event(data)
    if event.kind not in EVENTS:
        return None
    if event.kind == "PreToolUse":
        return action(event)
    try:
        return action(event)
    except AgentlintError as exc:
        raise AfterError(*exc.problems) from None


def render(decision: str, reason: str) -> tuple[str, str, int]:
    """stdout, stderr and the exit code for a PreToolUse decision other than allow. A deny
    is said twice: the JSON decision, and exit 2 with the reason on stderr, which every
    Claude Code version honours."""
    output = {
        "hookSpecificOutput": {
            "hookEventName": "PreToolUse",
            "permissionDecision": decision,
            "permissionDecisionReason": reason,
        }
    }
    text = fastjson.dumps(output) + "\n"
    if decision == "deny":
        return text, reason + "\n", 2
    return text, "", 0
