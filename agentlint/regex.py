"""Regular expressions compiled once per machine, not once per process.

`re.compile` parses a pattern and generates the regex engine's code in Python. The
weakened-test extractors hold about 80 patterns: compiling them cost every commit that
touches a test file 7 ms, and importing `re` (with `enum` under it) 8 ms more, against a
hook budget of about 20 ms. The engine itself (`_sre`, built into the interpreter) builds
a pattern from that code in microseconds. So the code of each pattern is kept in
agentlint's cache directory, beside the compiled policies (agentlint.cache), under the
interpreter's exact version and the engine's magic number. A pattern found there is
built without importing `re`; one that is not is compiled by `re`, and its code is kept
when the process ends (save(), called by the console script).

A program is kept only when the pattern it builds equals the one `re.compile` returns
(patterns compare by source, flags and code), so an interpreter whose `re` works
otherwise only loses the speed. An entry that does not load, or was made for another
source, is compiled afresh. Like every cache entry it only saves work: CI starts without
one, and AGENTLINT_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import sys

from agentlint import cache
from agentlint.structs import memo

TYPE_CHECKING = False
if TYPE_CHECKING:
    from re import Pattern
    from typing import Any, AnyStr

# the flags, with the values `re` gives them (tests/test_regex.py compares)
IGNORECASE = 2
MULTILINE = M = 8
DOTALL = S = 16
VERBOSE = X = 64

# Programs a process keeps for the cache, and the cache's size past which only those a
# process used are kept: about 0.9 KB each, and every hook that builds a pattern reads
# the whole file (the extractors' own patterns are about 80).
_CAP = 256

_programs: dict[tuple[Any, int], tuple[Any, ...]] | None = None  # read from the cache
_fresh: dict[tuple[Any, int], tuple[Any, ...]] = {}  # compiled by `re` in this process
_used: set[tuple[Any, int]] = set()
_keep = False  # whether there is a cache to keep programs in (known once it is read)


@memo(2048)  # patterns built in this process, for the next call
def compile(source: AnyStr, flags: int = 0) -> Pattern[AnyStr]:
    """`re.compile(source, flags)`, built from the cached program when there is one."""
    key = (source, int(flags))
    pattern: Pattern[AnyStr] | None = _built(key)
    if pattern is None:
        import re

        pattern = re.compile(source, flags)
        # a file whose names make thousands of patterns keeps the first _CAP of them
        keep = _keep and len(_fresh) < _CAP
        program = _program(source, key[1], pattern) if keep else None
        if program is not None:
            _fresh[key] = program
    return pattern


def escape(text: str) -> str:
    """`re.escape(text)`, without importing `re`."""
    return text.translate(_ESCAPES)


_ESCAPES = {ord(c): "\\" + c for c in "()[]{}?*+-|^$\\.&~# \t\n\r\v\f"}


def _engine() -> Any:
    """The regex engine, `_sre` (built in, without stubs): imported when a pattern is first
    built, so that a hook that builds none does not initialise it."""
    import _sre  # type: ignore[import-not-found]

    return _sre


def cache_key() -> str:
    """The interpreter's exact version and the engine's magic number and code size."""
    _sre = _engine()
    return f"py{sys.hexversion:x}-{_sre.MAGIC}-{_sre.CODESIZE}"


def _built(key: tuple[Any, int]) -> Any:
    global _programs, _keep
    if _programs is None:
        _keep = cache.directory() is not None  # none (CI): work out no program at all
        data = cache.read(cache_key(), "regex")
        found = data.get("programs") if data and data.get("python") == sys.version else None
        _programs = found if isinstance(found, dict) else {}
    program = _programs.get(key)
    if program is None:
        return None
    try:
        if not isinstance(program, tuple) or program[0] != key[0]:
            raise ValueError(program)
        pattern = _engine().compile(*program)
    except Exception:  # a damaged entry, whatever the engine makes of it, is compiled afresh
        del _programs[key]
        return None
    _used.add(key)
    return pattern


def _program(source: Any, flags: int, pattern: Any) -> tuple[Any, ...] | None:
    """The arguments `re` gives `_sre.compile` for `source`, as `re._compiler.compile`
    (`sre_compile.compile` before Python 3.11) computes them; None unless they build a
    pattern equal to `pattern`."""
    try:
        if sys.version_info >= (3, 11):
            from re import _compiler as compiler  # type: ignore[attr-defined]
            from re import _parser as parser  # type: ignore[attr-defined]
        else:  # pragma: no cover (3.10)
            import sre_compile as compiler
            import sre_parse as parser
        tree = parser.parse(source, flags)
        code = [int(c) for c in compiler._code(tree, flags)]
        groups = tree.state.groupdict
        names: list[str | None] = [None] * tree.state.groups
        for name, index in groups.items():
            names[index] = name
        program = (
            source,
            int(flags | tree.state.flags),
            code,
            tree.state.groups - 1,
            dict(groups),
            tuple(names),
        )
        same: bool = _engine().compile(*program) == pattern
    except Exception:  # another interpreter's internals: keep nothing, lose only speed
        return None
    return program if same else None


def save() -> None:
    """Keep the programs compiled in this process in the cache (a no-op when none was)."""
    if not _fresh:
        return
    programs = {**(_programs or {}), **_fresh}
    if len(programs) > _CAP:
        programs = {k: v for k, v in programs.items() if k in _used or k in _fresh}
    _fresh.clear()
    try:
        cache.write(cache_key(), {"programs": programs, "python": sys.version}, "regex")
    except ValueError:  # a pattern marshal cannot hold (a str subclass): keep none
        return
