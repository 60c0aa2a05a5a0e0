"""JSON Schema validation against the schemas shipped in `schemas/`, never the network.

Every error comes back as a Problem naming the file, the line, the field and a fix.
"""

from __future__ import annotations

import difflib
import functools
import json
from typing import Any

from agentlint import resources
from agentlint.errors import Problem
from agentlint.yamlfile import Path


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.read_text("schemas", name))
    return data


def _validator(name: str) -> Any:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    schema = load_schema(name)
    resources_ = [
        (s["$id"], Resource.from_contents(s))
        for s in (load_schema(n) for n in resources.list_dir("schemas"))
        if "$id" in s
    ]
    registry: Registry[Any] = Registry().with_resources(resources_)
    return Draft202012Validator(schema, registry=registry)


def validate(data: Any, schema_name: str, *, source: str, lines: dict[Path, int]) -> list[Problem]:
    """Every way `data` fails the schema, as Problems sorted by line."""
    return [p for _, p in located(data, schema_name, source=source, lines=lines)]


def located(
    data: Any, schema_name: str, *, source: str, lines: dict[Path, int]
) -> list[tuple[Path, Problem]]:
    """Like validate, with the field each problem is about (for a missing key: the key)."""
    validator = _validator(schema_name)
    found: dict[tuple[str | None, str], tuple[Path, Problem]] = {}
    for error in validator.iter_errors(data):
        for leaf in _leaves(error):
            problem = _problem(leaf, source, lines)
            found.setdefault((problem.where, problem.what), (_field(leaf), problem))
    return sorted(found.values(), key=lambda fp: (_line_of(fp[1].where), fp[1].what))


def _field(error: Any) -> Path:
    path: Path = tuple(error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [k for k in error.validator_value if k not in error.instance]
        if missing:
            return (*path, missing[0])
    return path


def _leaves(error: Any) -> list[Any]:
    if error.validator in ("anyOf", "oneOf") and error.context:
        from jsonschema.exceptions import best_match

        return [best_match(error.context)]
    return [error]


def _line_of(where: str | None) -> int:
    tail = (where or "").rpartition(":")[2]
    return int(tail) if tail.isdigit() else 0


def field_name(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _line(path: Path, lines: dict[Path, int]) -> int:
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path, 1)


def _problem(error: Any, source: str, lines: dict[Path, int]) -> Problem:
    path: Path = tuple(error.absolute_path)
    kind = error.validator
    field = field_name(path)
    if kind == "additionalProperties":
        known = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(known))
        key = extra[0] if extra else "?"
        close = difflib.get_close_matches(key, known, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(known)}"
        return Problem(
            f"unknown key {key!r} in {field}",
            f"{source}:{_line((*path, key), lines)}",
            f"remove it ({hint})",
        )
    if "propertyNames" in error.schema_path:
        pattern = error.validator_value if kind == "pattern" else "the schema"
        return Problem(
            f"{field}: name {error.instance!r} is not allowed",
            f"{source}:{_line((*path, error.instance), lines)}",
            f"names must match {pattern}",
        )
    where = f"{source}:{_line(path, lines)}"
    if kind == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return Problem(
            f"{field}: {error.instance!r} is not allowed", where, f"use one of {allowed}"
        )
    if kind == "type":
        want = error.validator_value
        wants = want if isinstance(want, list) else [want]
        want_text = " or ".join(_yaml_type(w) for w in wants)
        return Problem(
            f"{field} must be {want_text}, not {_yaml_type(_json_type(error.instance))}",
            where,
            f"write {field} as {want_text}",
        )
    if kind == "required":
        missing = [k for k in error.validator_value if k not in error.instance]
        known = list(error.schema.get("properties", {}))
        about = error.schema.get("properties", {}).get(missing[0], {}).get("description", "")
        hint = f" ({about.rstrip('.')})" if len(missing) == 1 and about else ""
        subject = field if path else "the file"
        takes = f"; {subject} takes {', '.join(known)}" if len(known) > len(missing) else ""
        return Problem(
            f"{subject} needs {', '.join(missing)}",
            where,
            f"add {', '.join(missing)}{hint}{takes}",
        )
    if kind == "const":
        return Problem(
            f"{field} must be {error.validator_value!r}, not {error.instance!r}",
            where,
            f"write {field}: {error.validator_value!r}",
        )
    if kind == "pattern":
        email = "@" in str(error.validator_value)
        fix = (
            "write an email address such as alice@example.com"
            if email
            else error.schema.get("description")
            or f"write a value matching {error.validator_value}"
        )
        return Problem(f"{field}: {error.instance!r} is not valid", where, fix)
    if kind in ("minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"):
        return Problem(
            f"{field}: {error.message}", where, f"respect the {kind} of {error.validator_value}"
        )
    description = error.schema.get("description", "")
    fix = description or "see docs/configuration.md"
    return Problem(f"{field}: {error.message}", where, fix)


def _yaml_type(json_type: str) -> str:
    """A JSON Schema type in the words of YAML, which is what users write."""
    return {
        "array": "a list",
        "object": "a mapping",
        "string": "text",
        "integer": "a whole number",
        "number": "a number",
        "boolean": "true or false",
        "null": "empty",
    }.get(json_type, json_type)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    return {
        bool: "boolean",
        int: "integer",
        float: "number",
        str: "string",
        list: "array",
        dict: "object",
    }.get(type(value), type(value).__name__)
