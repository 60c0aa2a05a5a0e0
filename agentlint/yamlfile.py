"""Load YAML (or JSON, which is YAML) into plain data, remembering each value's line.

ruamel.yaml's round-trip loader is used for its line marks; it builds only plain maps,
lists and scalars, never Python objects. Duplicate keys are an error. Size, nesting depth
and the number of values after alias expansion are bounded, so a crafted file cannot
exhaust memory or time. Anything that is not JSON data (tags, dates, binary) is an error.
"""

from __future__ import annotations

import math

from agentlint import structs
from agentlint.errors import AgentlintError, Problem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

Path = tuple[str | int, ...]

MAX_BYTES = 1 << 20
MAX_VALUES = 100_000
MAX_DEPTH = 64


class Loaded(structs.Struct):
    data: Any
    lines: dict[Path, int]


def load(text: bytes, *, source: str, max_bytes: int = MAX_BYTES) -> Loaded:
    """Parse `text`; raise AgentlintError naming `source` and the line on any problem."""
    if len(text) > max_bytes:
        raise AgentlintError(
            Problem(
                f"file is too large ({len(text)} bytes; the limit is {max_bytes})",
                source,
                "keep it small: it is configuration, not data",
            )
        )
    try:
        decoded = text.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = text[: exc.start].count(b"\n") + 1
        raise AgentlintError(
            Problem(
                f"file is not valid UTF-8 (byte {exc.start})",
                f"{source}:{line}",
                "save the file as UTF-8",
            )
        ) from None
    tree = _parse(decoded, source)
    lines: dict[Path, int] = {}
    data = _Converter(source, lines).convert(tree, (), 0, 1)
    return Loaded(data, lines)


def _parse(decoded: str, source: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    try:
        return yaml.load(decoded)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{source}:{mark.line + 1}" if mark else source
        what = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        if what.startswith("found duplicate key"):
            name = _duplicate_name(what)
            raise AgentlintError(
                Problem(
                    f"duplicate key {name}",
                    where,
                    f"keep one {name}: a later one would hide it",
                )
            ) from None
        raise AgentlintError(Problem(f"invalid YAML: {what}", where, "fix the syntax")) from None
    except (YAMLError, ValueError, TypeError) as exc:
        what = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise AgentlintError(Problem(f"invalid YAML: {what}", source, "fix the YAML")) from None
    except (IndexError, KeyError, AttributeError) as exc:  # ruamel.yaml fails on some input
        raise AgentlintError(
            Problem(
                f"the YAML parser cannot read this file ({type(exc).__name__})",
                source,
                "simplify the YAML: quote odd scalars such as `+_`",
            )
        ) from None
    except RecursionError:
        raise AgentlintError(
            Problem(
                "YAML is nested too deeply",
                source,
                f"keep nesting under {MAX_DEPTH} levels",
            )
        ) from None


def _duplicate_name(text: str) -> str:
    start = text.find('"')
    end = text.find('"', start + 1)
    return text[start : end + 1] if 0 <= start < end else "(see the file)"


class _Converter:
    def __init__(self, source: str, lines: dict[Path, int]) -> None:
        self.source = source
        self.lines = lines
        self.count = 0

    def _error(self, what: str, line: int, fix: str) -> AgentlintError:
        return AgentlintError(Problem(what, f"{self.source}:{line}", fix))

    def convert(self, node: Any, path: Path, depth: int, line: int) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise self._error(
                f"file expands to more than {MAX_VALUES} values (aliases?)",
                line,
                "remove the aliases or shrink the file",
            )
        if depth > MAX_DEPTH:
            raise self._error("nested too deeply", line, f"keep under {MAX_DEPTH} levels")
        self.lines.setdefault(path, line)
        if getattr(node, "tag", None) is not None and _has_custom_tag(node):
            raise self._error(
                f"YAML tag {node.tag.value!r} is not allowed",
                line,
                "remove the tag; only plain data is accepted",
            )
        if isinstance(node, dict):
            return self._mapping(node, path, depth)
        if isinstance(node, list):
            return [
                self.convert(item, (*path, i), depth + 1, _item_line(node, i, line))
                for i, item in enumerate(node)
            ]
        return self._scalar(node, line)

    def _mapping(self, node: dict[Any, Any], path: Path, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in node.items():
            line = _key_line(node, key, self.lines.get(path, 1))
            if not isinstance(key, str):
                raise self._error(f"key {key!r} is not a string", line, "quote the key")
            out[key] = self.convert(value, (*path, key), depth + 1, line)
        return out

    def _scalar(self, node: Any, line: int) -> Any:
        if node is None or isinstance(node, (bool, str)):
            return str(node) if isinstance(node, str) else node
        if isinstance(node, int):
            return int(node)
        if isinstance(node, float):
            if not math.isfinite(node):
                raise self._error("numbers must be finite", line, "use a finite number")
            return float(node)
        raise self._error(
            f"value of type {type(node).__name__} is not plain data",
            line,
            "quote it as a string",
        )


def _has_custom_tag(node: Any) -> bool:
    tag = getattr(node, "tag", None)
    value = getattr(tag, "value", None)
    text = str(value or "")
    return bool(text) and (
        not text.startswith("tag:yaml.org,2002:") or text.startswith("tag:yaml.org,2002:python")
    )


def _key_line(node: Any, key: Any, default: int) -> int:
    try:
        return int(node.lc.key(key)[0]) + 1
    except (AttributeError, KeyError, TypeError):
        return default


def _item_line(node: Any, index: int, default: int) -> int:
    try:
        return int(node.lc.item(index)[0]) + 1
    except (AttributeError, KeyError, TypeError, IndexError):
        return default
