"""Load a review record: parse it safely, validate it against the schema, compile its scope.

The result depends only on the record's bytes, so it is cached by their SHA-256 (see
agentlint.cache): the validate-record hook at the pre-commit stage warms the cache for
the check at the commit-msg stage, which then imports neither ruamel.yaml nor jsonschema.
On a cache miss, the fast validator (record.fastschema) accepts a valid record without
importing jsonschema; any other verdict comes from jsonschema itself.
"""

from __future__ import annotations

from agentlint import structs
from agentlint.errors import AgentlintError, Problem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from agentlint.yamlfile import Path

SCHEMA = "review-record.schema.json"
MAX_RECORD_BYTES = 512 * 1024
FILL_IN = "<FILL IN"  # the marker `agentlint record new` leaves for the agent


class Loaded(structs.Struct):
    """A record as read. `data` is None when it does not parse."""

    source: str
    data: Any
    lines: dict[Path, int]
    problems: tuple[Problem, ...]  # parse and schema problems (AL102)
    rollback: tuple[Problem, ...]  # schema problems in `rollback` (AL105)
    scope: tuple[tuple[str, str, bool], ...]  # compiled scope.paths: (text, regex, include)

    @property
    def usable(self) -> bool:
        """Whether the cross-checks can trust the data (only the rollback may be wrong)."""
        return self.data is not None and not self.problems

    def line(self, *path: str | int) -> int:
        key: Path = tuple(path)
        while key and key not in self.lines:
            key = key[:-1]
        return self.lines.get(key, 1)


def load(text: bytes, source: str, blob_id: str | None = None) -> Loaded:
    """The record in `text`, named `source` in messages; never raises for bad content.
    `blob_id` is git's id for the text when it came from git (see blob_id())."""
    from agentlint import cache

    cache_key = cache.key(cache.content_id(text, blob_id or git_blob_id(text)))
    cached = cache.read(cache_key, "record")
    if cached is not None:
        try:
            return _from_cache(cached, source)
        except (KeyError, TypeError, ValueError, IndexError):
            pass  # a damaged entry is ignored, never trusted
    loaded = _load(text, source)
    cache.write(cache_key, _to_cache(loaded), "record")
    return loaded


def git_blob_id(text: bytes) -> str:
    """git's SHA-1 blob id of `text`, as `git hash-object` computes it, so a record
    validated from disk (validate-record) and read from git (check) share a cache entry."""
    import hashlib

    return hashlib.sha1(b"blob %d\0" % len(text) + text, usedforsecurity=False).hexdigest()


def _load(text: bytes, source: str) -> Loaded:
    from agentlint import yamlfile

    try:
        parsed = yamlfile.load(text, source=source, max_bytes=MAX_RECORD_BYTES)
    except AgentlintError as exc:
        return Loaded(source, None, {}, tuple(exc.problems), (), ())
    data, lines = parsed.data, parsed.lines
    if not isinstance(data, dict):
        problem = Problem(
            "a review record must be a mapping of keys",
            f"{source}:1",
            "start from `agentlint record new`, or see docs/review-record.md",
        )
        return Loaded(source, None, lines, (problem,), (), ())
    problems, rollback = _validate(data, source, lines)
    unfilled = list(_unfilled(data, (), source, lines))
    problems += [p for p in unfilled if not p.what.startswith("rollback")]
    rollback += [p for p in unfilled if p.what.startswith("rollback")]
    scope, more = _scope(data, source, lines) if not problems else ((), [])
    return Loaded(source, data, lines, (*problems, *more), tuple(rollback), scope)


def _unfilled(value: Any, path: Path, source: str, lines: dict[Path, int]) -> Any:
    """Every value still holding the template's fill-in marker."""
    if isinstance(value, str) and FILL_IN in value:
        from agentlint.schema import field_name

        yield Problem(
            f"{field_name(path)} is not filled in ({value.strip()[:80]!r})",
            f"{source}:{lines.get(path, 1)}",
            "replace the marker with what really happened",
        )
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _unfilled(item, (*path, key), source, lines)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _unfilled(item, (*path, i), source, lines)


def _validate(
    data: dict[str, Any], source: str, lines: dict[Path, int]
) -> tuple[list[Problem], list[Problem]]:
    from agentlint import schema
    from agentlint.record import fastschema

    record_schema = schema.load_schema(SCHEMA)
    if fastschema.supports(record_schema) and fastschema.is_valid(data, record_schema):
        return [], []
    problems: list[Problem] = []
    rollback: list[Problem] = []
    for field, problem in schema.located(data, SCHEMA, source=source, lines=lines):
        (rollback if field[:1] == ("rollback",) else problems).append(problem)
    return problems, rollback


def _scope(
    data: dict[str, Any], source: str, lines: dict[Path, int]
) -> tuple[tuple[tuple[str, str, bool], ...], list[Problem]]:
    from agentlint.policy.compile import patterns

    problems: list[Problem] = []

    def where(i: int) -> str:
        return f"{source}:{lines.get(('scope', 'paths', i), 1)}"

    compiled = patterns(list(data["scope"]["paths"]), problems, where)
    problems = [p._replace(what=f"scope.paths: {p.what}") for p in problems]
    return tuple((str(t), str(r), bool(i)) for t, r, i, _ in compiled), problems


def _to_cache(loaded: Loaded) -> dict[str, Any]:
    return {
        "data": loaded.data,
        "lines": [[list(k), v] for k, v in loaded.lines.items()],
        "problems": [list(p) for p in loaded.problems],
        "rollback": [list(p) for p in loaded.rollback],
        "scope": [list(s) for s in loaded.scope],
    }


def _from_cache(cached: dict[str, Any], source: str) -> Loaded:
    """Problems name the file they were found in; the cache may have seen another name."""

    def problem(items: list[Any]) -> Problem:
        what, where, fix = items
        return Problem(str(what), _rename(where, source), fix)

    return Loaded(
        source,
        cached["data"],
        {tuple(k): int(v) for k, v in cached["lines"]},
        tuple(problem(p) for p in cached["problems"]),
        tuple(problem(p) for p in cached["rollback"]),
        tuple((str(t), str(r), bool(i)) for t, r, i in cached["scope"]),
    )


def _rename(where: str | None, new: str) -> str | None:
    if where is None:
        return None
    _, _, line = where.rpartition(":")
    return f"{new}:{line}" if line.isdigit() else new
