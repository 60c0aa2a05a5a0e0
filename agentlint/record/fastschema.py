"""A fast yes/no JSON Schema check for the keywords agentlint's own schemas use.

jsonschema costs about 75 ms to import, more than a whole hook run may take, so a record
is first checked here. This validator can only say "valid": when it says anything else,
or meets a keyword it does not know, the caller asks jsonschema, which stays the
reference for every verdict that reports a problem. tests/record/test_fastschema.py
proves the two agree on valid and invalid records alike.
"""

from __future__ import annotations

import functools
import re
from typing import Any

ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "title", "description", "$comment"})
KNOWN = ANNOTATIONS | {
    "$ref",
    "type",
    "const",
    "enum",
    "required",
    "properties",
    "additionalProperties",
    "propertyNames",
    "maxProperties",
    "items",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
}


class Unsupported(Exception):
    """The schema uses a keyword this validator does not implement."""


def supports(schema: dict[str, Any]) -> bool:
    """Whether every keyword in `schema` is one this validator implements."""
    try:
        _walk(schema)
    except Unsupported:
        return False
    return True


def _walk(node: Any) -> None:
    if isinstance(node, bool):
        return
    if not isinstance(node, dict):
        raise Unsupported(repr(node))
    unknown = set(node) - KNOWN
    if unknown:
        raise Unsupported(", ".join(sorted(unknown)))
    ref = node.get("$ref")
    if ref is not None and not str(ref).startswith("#/$defs/"):
        raise Unsupported(ref)
    for key in ("properties", "$defs"):
        for child in node.get(key, {}).values():
            _walk(child)
    for key in ("additionalProperties", "items", "propertyNames"):
        if key in node:
            _walk(node[key])


@functools.cache
def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text)


def is_valid(instance: Any, schema: dict[str, Any]) -> bool:
    """True only if `instance` is valid against `schema` (see the module's docstring)."""
    return _valid(instance, schema, schema)


def _is_type(value: Any, kind: str) -> bool:
    if kind == "object":
        return isinstance(value, dict)
    if kind == "array":
        return isinstance(value, list)
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "null":
        return value is None
    if isinstance(value, bool):
        return False
    if kind == "integer":
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if kind == "number":
        return isinstance(value, (int, float))
    return False


def _same(a: Any, b: Any) -> bool:
    """JSON equality: true and 1 differ, 1 and 1.0 do not."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (list, dict)) or isinstance(b, (list, dict)):
        return False  # not used by agentlint's schemas; leave it to jsonschema
    if _number(a) and _number(b):
        return bool(a == b)
    return type(a) is type(b) and a == b


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _valid(value: Any, node: Any, root: dict[str, Any]) -> bool:
    if node is True:
        return True
    if node is False:
        return False
    ref = node.get("$ref")
    if ref is not None and not _valid(value, root["$defs"][ref[len("#/$defs/") :]], root):
        return False
    kind = node.get("type")
    if kind is not None:
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(_is_type(value, k) for k in kinds):
            return False
    if "const" in node and not _same(value, node["const"]):
        return False
    if "enum" in node and not any(_same(value, option) for option in node["enum"]):
        return False
    if isinstance(value, str):
        if len(value) < node.get("minLength", 0) or len(value) > node.get("maxLength", len(value)):
            return False
        if "pattern" in node and _pattern(node["pattern"]).search(value) is None:
            return False
    elif _number(value):
        if "minimum" in node and value < node["minimum"]:
            return False
        if "maximum" in node and value > node["maximum"]:
            return False
    elif isinstance(value, list):
        if len(value) < node.get("minItems", 0) or len(value) > node.get("maxItems", len(value)):
            return False
        if node.get("uniqueItems") and not _unique(value):
            return False
        items = node.get("items")
        if items is not None and not all(_valid(v, items, root) for v in value):
            return False
    elif isinstance(value, dict):
        return _valid_object(value, node, root)
    return True


def _valid_object(value: dict[str, Any], node: dict[str, Any], root: dict[str, Any]) -> bool:
    if any(key not in value for key in node.get("required", ())):
        return False
    if len(value) > node.get("maxProperties", len(value)):
        return False
    names = node.get("propertyNames")
    if names is not None and not all(_valid(k, names, root) for k in value):
        return False
    properties = node.get("properties", {})
    extra = node.get("additionalProperties", True)
    return all(_valid(item, properties.get(key, extra), root) for key, item in value.items())


def _unique(items: list[Any]) -> bool:
    if all(isinstance(i, str) for i in items):
        return len(set(items)) == len(items)
    return False  # rare; leave it to jsonschema
