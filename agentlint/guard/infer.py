"""What an unknown tool call touches, judged by what its input contains: a path, a
command, or a patch. Adapters use it for tools they do not know by name, so a new tool
(or another agent's tool arriving at this agent's hook) is never allowed blindly.

- A field named like a path (`file_path`, `path`, `filePath`, `target_file`, `paths`...)
  is a file the call touches. It is a write unless the tool's name says it only reads:
  a tool that might write is judged as writing.
- A field named like a command (`command`, `cmd`, `commandLine`, `script`) makes the call
  a shell call.
- Any string that holds a patch makes the files the patch touches writes.
Unknown fields are otherwise ignored."""

from __future__ import annotations

from agentlint import regex, structs
from agentlint.guard import patch
from agentlint.guard.action import Access

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

# compiled when a call first needs them: a patch (Codex's apply_patch) needs none
PATH_KEYS = (
    r"(?i)^(?:(?:file|notebook|target|source|src|dest|destination|old|new|from|to|absolute"
    r"|relative)_?(?:path|file|name)?|path|paths|files?|filenames?|filepath|target|dir"
    r"|directory|folder|uri|location)s?$"
)
COMMAND_KEYS = r"(?i)^(?:command|cmd|command_?line|script|shell_?command)$"
# a tool reads only when every word of its name says so (`read_file`, `viewImage`,
# `list_dir`, `get_file_contents`); any other word (`fetch_and_store`, `get_or_create`)
# might write, and a tool that might write is judged as writing
READ_WORDS = {"read", "view", "cat", "list", "ls", "get", "grep", "search", "find", "glob"}
READ_WORDS |= {"open", "show", "fetch", "stat", "lookup", "inspect", "head", "tail", "peek"}
READ_WORDS |= {"file", "files", "dir", "directory", "folder", "content", "contents", "text"}
READ_WORDS |= {"many", "multiple", "image", "notebook", "path", "paths", "info", "tree"}
READ_WORDS |= {"metadata", "lines", "one", "all", "by", "name", "in", "of"}
WORD = r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+"
MAX_DEPTH = 4
MAX_ITEMS = 1000


class Inferred(structs.Struct):
    kind: str  # read | write | shell | other
    paths: tuple[Access, ...]
    command: str | None


def infer(tool: str, tool_input: dict[str, Any]) -> Inferred:
    write: bool | None = None  # whether a named path is a write: asked of the tool's name
    paths: list[Access] = []
    command: str | None = None
    for key, value in _fields(tool_input, 0):
        texts = value if isinstance(value, list) else [value]
        patches = [t for t in texts if isinstance(t, str) and patch.is_patch(t)]
        if patches:
            paths += [Access(t.path, True) for text in patches for t in patch.touched(text)]
        elif regex.compile(COMMAND_KEYS).match(key):
            if isinstance(value, str):
                command = value if command is None else f"{command}\n{value}"
            elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                command = _joined(value)
        elif regex.compile(PATH_KEYS).match(key) and isinstance(value, str) and value.strip():
            write = (not reads_only(tool)) if write is None else write
            paths.append(Access(value, write))
    if command is not None:
        return Inferred("shell", tuple(paths), command)
    if paths:
        return Inferred("write" if any(p.write for p in paths) else "read", tuple(paths), None)
    return Inferred("other", (), None)


def _fields(data: Any, depth: int) -> Iterator[tuple[str, Any]]:
    """(key, value) pairs at any depth (bounded); list items keep their list's key."""
    if depth > MAX_DEPTH or not isinstance(data, dict):
        return
    for n, (key, value) in enumerate(data.items()):
        if n > MAX_ITEMS:
            return
        if isinstance(value, dict):
            yield from _fields(value, depth + 1)
        elif isinstance(value, list) and not (
            regex.compile(COMMAND_KEYS).match(str(key)) and all(isinstance(v, str) for v in value)
        ):
            for item in value[:MAX_ITEMS]:
                if isinstance(item, dict):
                    yield from _fields(item, depth + 1)
                else:
                    yield str(key), item
        else:
            yield str(key), value


def _joined(argv: list[str]) -> str:
    """An argv list as one shell line (`["bash", "-lc", "x"]` is `x` run by bash)."""
    import shlex

    return " ".join(shlex.quote(a) for a in argv)


def reads_only(tool: str) -> bool:
    """Whether the tool's name says, word by word, that it only reads. An MCP tool is
    named by its last part (`mcp__server__read_file`): the server's name says nothing."""
    name = tool.rsplit("__", 1)[-1]
    words = [w.lower() for w in regex.compile(WORD).findall(name)]
    return bool(words) and all(w in READ_WORDS for w in words)
