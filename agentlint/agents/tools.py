"""The coding agents' own tools, by the names each agent gives them: what kind of call each
is, which input field names its file (or holds its command or patch), and the Claude Code
name a policy's tool allowlist may know it by. An adapter reads a known tool from this
table and judges any other tool by what its input holds (agentlint.guard.infer), so a
tool that might write is never allowed blindly.

Sources, each agent's own documentation: Copilot's hooks reference (tool names for hook
matching, and its table of Claude tool names); Cursor's hooks page (`Shell`, `Read`,
`Write`, `StrReplace`, `Delete`, `Grep`, `Task`, `MCP:<tool>`); Codex's hooks page
(`Bash`, `apply_patch` with the patch in `tool_input.command`, `mcp__<server>__<tool>`);
Gemini CLI's tools reference (`run_shell_command`, `write_file`, `replace`, `read_file`).
"""

from __future__ import annotations

from agentlint import structs

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


# The fields that may name the file a known tool reads or writes: each agent spells it its
# own way, and versions differ. Every one present is judged.
FILE_KEYS = ("file_path", "path", "filePath", "absolute_path", "target_file", "notebook_path")


class Tool(structs.Struct):
    kind: str  # read | write | edit | delete | shell | search | web | subagent | patch | other
    alias: str  # the Claude Code tool a policy's allowlist may know it by
    keys: tuple[str, ...] = FILE_KEYS  # the file (or, for a shell, the command) fields


SHELL = ("command", "cmd", "commandLine")
TOOLS: dict[str, Tool] = {
    # GitHub Copilot (CLI and cloud agent)
    "bash": Tool("shell", "Bash", SHELL),
    "powershell": Tool("shell", "Bash", SHELL),
    "view": Tool("read", "Read"),
    "create": Tool("write", "Write"),
    "edit": Tool("edit", "Edit"),
    "str_replace_editor": Tool("edit", "Edit"),  # its `command` is view/create/str_replace
    "apply_patch": Tool("patch", "Edit", ("command", "input", "patch")),
    "task": Tool("subagent", "Task", ()),
    "glob": Tool("search", "Glob"),
    "grep": Tool("search", "Grep"),
    "rg": Tool("search", "Grep"),
    "web_fetch": Tool("web", "WebFetch", ()),
    "web_search": Tool("web", "WebSearch", ()),
    "ask_user": Tool("other", "AskUserQuestion", ()),
    "update_todo": Tool("other", "TodoWrite", ()),
    "report_intent": Tool("other", "TodoWrite", ()),
    # Cursor
    "Shell": Tool("shell", "Bash", SHELL),
    "Write": Tool("write", "Write"),
    "StrReplace": Tool("edit", "Edit"),
    "Edit": Tool("edit", "Edit"),
    "MultiEdit": Tool("edit", "Edit"),
    "Delete": Tool("delete", "Edit"),
    "Read": Tool("read", "Read"),
    "Grep": Tool("search", "Grep"),
    "Glob": Tool("search", "Glob"),
    "LS": Tool("search", "LS"),
    "Task": Tool("subagent", "Task", ()),
    "WebFetch": Tool("web", "WebFetch", ()),
    "WebSearch": Tool("web", "WebSearch", ()),
    "TodoWrite": Tool("other", "TodoWrite", ()),
    # OpenAI Codex
    "Bash": Tool("shell", "Bash", SHELL),
    "shell": Tool("shell", "Bash", SHELL),
    "exec_command": Tool("shell", "Bash", SHELL),
    "update_plan": Tool("other", "TodoWrite", ()),
    # Gemini CLI
    "run_shell_command": Tool("shell", "Bash", SHELL),
    "write_file": Tool("write", "Write"),
    "replace": Tool("edit", "Edit"),
    "read_file": Tool("read", "Read"),
    "read_many_files": Tool("read", "Read", ("paths", "file_paths", "include")),
    "list_directory": Tool("search", "LS", ("path", "dir_path")),
    "glob_search": Tool("search", "Glob", ("path", "dir_path")),
    "search_file_content": Tool("search", "Grep", ("path", "dir_path")),
    "grep_search": Tool("search", "Grep", ("path", "dir_path")),
    "google_web_search": Tool("web", "WebSearch", ()),
    "write_todos": Tool("other", "TodoWrite", ()),
}
# How the allowlist may also know a call of each kind when the tool is not known by name.
WRITES = {"write", "edit", "delete", "patch"}


def known(tool: str) -> Tool | None:
    return TOOLS.get(tool)


def file_field(tool_input: dict[str, Any], keys: tuple[str, ...]) -> tuple[str, Any] | None:
    """The first of `keys` present in the input, with its value."""
    found = file_fields(tool_input, keys)
    return found[0] if found else None


def file_fields(tool_input: dict[str, Any], keys: tuple[str, ...]) -> list[tuple[str, Any]]:
    """Every one of `keys` present in the input, with its value: a call that names its
    file twice (`path` and `file_path`) is judged by both, whichever the tool reads."""
    return [(k, tool_input[k]) for k in keys if tool_input.get(k) is not None]
