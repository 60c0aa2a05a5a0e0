"""Edit an agent's JSON settings the smallest way: add members to an object and items to
an array as text, so every byte the user wrote (order, spacing, comments that JSONC
settings allow) stays where it was. Only what is added is new.

`scan` reads the text once into spans (where each object's and array's value starts and
ends); `add` inserts one member or item before the closing brace or bracket, indented like
its siblings."""

from __future__ import annotations

import json
import re
from typing import Any, NamedTuple

WS = re.compile(r"(?:\s+|//[^\n]*|/\*.*?\*/)*", re.S)
STRING = re.compile(r'"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"')
SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null")


class Node(NamedTuple):
    start: int  # the opening brace or bracket (or the scalar's first character)
    end: int  # one past the closing brace or bracket
    members: dict[str, Node]  # an object's members
    items: list[Node]  # an array's items
    kind: str  # object | array | scalar


class BadJSON(ValueError):
    def __init__(self, message: str, at: int) -> None:
        super().__init__(message)
        self.at = at


def scan(text: str) -> Node:
    node, end = _value(text, _skip(text, 0))
    if _skip(text, end) != len(text):
        raise BadJSON("extra text after the JSON value", end)
    return node


def _skip(text: str, at: int) -> int:
    match = WS.match(text, at)
    return match.end() if match else at


def _value(text: str, at: int) -> tuple[Node, int]:
    if at >= len(text):
        raise BadJSON("the JSON ends too early", at)
    char = text[at]
    if char == "{":
        return _object(text, at)
    if char == "[":
        return _array(text, at)
    match = STRING.match(text, at) or SCALAR.match(text, at)
    if not match:
        raise BadJSON(f"unexpected {char!r}", at)
    return Node(at, match.end(), {}, [], "scalar"), match.end()


def _object(text: str, start: int) -> tuple[Node, int]:
    members: dict[str, Node] = {}
    at = _skip(text, start + 1)
    if text[at : at + 1] == "}":
        return Node(start, at + 1, members, [], "object"), at + 1
    while True:
        match = STRING.match(text, at)
        if not match:
            raise BadJSON("expected a member name", at)
        key = json.loads(match.group())
        at = _skip(text, match.end())
        if text[at : at + 1] != ":":
            raise BadJSON("expected `:`", at)
        value, at = _value(text, _skip(text, at + 1))
        members[key] = value
        at = _skip(text, at)
        if text[at : at + 1] == "}":
            return Node(start, at + 1, members, [], "object"), at + 1
        if text[at : at + 1] != ",":
            raise BadJSON("expected `,` or `}`", at)
        at = _skip(text, at + 1)


def _array(text: str, start: int) -> tuple[Node, int]:
    items: list[Node] = []
    at = _skip(text, start + 1)
    if text[at : at + 1] == "]":
        return Node(start, at + 1, {}, items, "array"), at + 1
    while True:
        value, at = _value(text, at)
        items.append(value)
        at = _skip(text, at)
        if text[at : at + 1] == "]":
            return Node(start, at + 1, {}, items, "array"), at + 1
        if text[at : at + 1] != ",":
            raise BadJSON("expected `,` or `]`", at)
        at = _skip(text, at + 1)


def add(text: str, node: Node, value: Any, key: str | None = None) -> str:
    """`text` with `value` added to the object `node` (as member `key`) or the array `node`,
    before its closing character, indented like its last sibling."""
    siblings = list(node.members.values()) if node.kind == "object" else node.items
    close = node.end - 1
    line_start = text.rfind("\n", 0, node.start) + 1
    outer = _indent(text, line_start)
    if siblings:
        last = siblings[-1]
        indent = _indent(text, text.rfind("\n", 0, last.start) + 1)
        inline = "\n" not in text[node.start : node.end]
        step = indent[len(outer) :] or "  "
        body = json.dumps(value, ensure_ascii=False) if inline else _dump(value, indent, step)
        name = f"{json.dumps(key, ensure_ascii=False)}: " if key is not None else ""
        gap = " " if inline else "\n" + indent
        return text[: last.end] + f",{gap}{name}{body}" + text[last.end :]
    step = "  "
    indent = outer + step
    body = _dump(value, indent, step)
    name = f"{json.dumps(key, ensure_ascii=False)}: " if key is not None else ""
    return text[: node.start + 1] + f"\n{indent}{name}{body}\n{outer}" + text[close:]


def _indent(text: str, line_start: int) -> str:
    match = re.match(r"[ \t]*", text[line_start:])
    return match.group() if match else ""


def _dump(value: Any, indent: str, step: str) -> str:
    spaces = len(step.expandtabs()) if step.strip() == "" else 2
    lines = json.dumps(value, indent=spaces, ensure_ascii=False).splitlines()
    return "\n".join([lines[0], *(indent + line for line in lines[1:])])


def ensure_path(text: str, keys: list[str]) -> tuple[str, Node]:
    """`text` with an object at `keys` (each missing one added empty), and that object."""
    if not text.strip():
        text = "{}\n"
    node = scan(text)
    for key in keys:
        if node.kind != "object":
            raise BadJSON(f"`{key}` is not inside an object", node.start)
        child = node.members.get(key)
        if child is None:
            text = add(text, node, {}, key)
            node = _walk(scan(text), keys[: keys.index(key) + 1])
        elif child.kind != "object":
            raise BadJSON(f"`{key}` is not a JSON object", child.start)
        else:
            node = child
    return text, node


def _walk(node: Node, keys: list[str]) -> Node:
    for key in keys:
        node = node.members[key]
    return node


def line_of(text: str, at: int) -> int:
    return text.count("\n", 0, at) + 1


def value_of(text: str, node: Node) -> Any:
    """The Python value of a scanned node (comments, which JSONC allows, are skipped)."""
    if node.kind == "object":
        return {k: value_of(text, v) for k, v in node.members.items()}
    if node.kind == "array":
        return [value_of(text, v) for v in node.items]
    return json.loads(text[node.start : node.end])
