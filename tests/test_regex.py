"""agentlint.regex: patterns built from cached engine code are `re.compile`'s patterns, a
damaged or foreign cache is never trusted, and a warm cache spares a process `re`."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agentlint import cache, regex


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An empty cache folder and a module that has built nothing yet."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("AGENTLINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("AGENTLINT_NO_CACHE", raising=False)
    regex.compile.cache_clear()  # type: ignore[attr-defined]
    monkeypatch.setattr(regex, "_programs", None)
    monkeypatch.setattr(regex, "_fresh", {})
    monkeypatch.setattr(regex, "_used", set())
    return folder


def _restart(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a new process finds the module: nothing built, the cache not yet read."""
    regex.compile.cache_clear()  # type: ignore[attr-defined]
    monkeypatch.setattr(regex, "_programs", None)
    monkeypatch.setattr(regex, "_fresh", {})
    monkeypatch.setattr(regex, "_used", set())


def _entry(folder: Path) -> Path:
    (found,) = folder.glob("regex-*")
    return found


def test_the_flags_are_re_s() -> None:
    assert regex.IGNORECASE == re.IGNORECASE
    assert regex.MULTILINE == regex.M == re.MULTILINE
    assert regex.DOTALL == regex.S == re.DOTALL
    assert regex.VERBOSE == regex.X == re.VERBOSE


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=16))
def test_escape_is_re_escape(text: str) -> None:
    assert regex.escape(text) == re.escape(text)


def test_a_pattern_is_built_once_per_process(fresh: Path) -> None:
    for source in (r"a+b", rb"a+b"):
        pattern = regex.compile(source)
        assert pattern is regex.compile(source)
        assert pattern == re.compile(source)
    assert regex.compile("a", regex.M) is not regex.compile("a")


def test_the_cache_round_trip_gives_equal_patterns(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = [
        (r"(?P<key>[A-Za-z_]\w*)\s*=\s*(?P<value>.*)$", regex.M),
        (r"//[^\n]*|/\*.*?\*/", regex.S),
        (r"(?i)\bskip(?:If)?\b", 0),
        (rb"(?m)^import[ \t]+pytest", 0),
        (r"(?<![\w$])(?:it|test)(?![\w$])\.only", 0),
    ]
    first = [regex.compile(s, f) for s, f in sources]
    assert set(regex._fresh) == {(s, f) for s, f in sources}
    regex.save()
    assert not regex._fresh  # kept
    _restart(monkeypatch)
    second = [regex.compile(s, f) for s, f in sources]
    assert not regex._fresh  # nothing compiled afresh: all built from the cache
    assert regex._used == {(s, f) for s, f in sources}
    for a, b, (source, flags) in zip(first, second, sources, strict=True):
        assert a == b == re.compile(source, flags)
        assert (b.pattern, b.flags, b.groups, b.groupindex) == (
            a.pattern,
            a.flags,
            a.groups,
            a.groupindex,
        )
    named = second[0].match("total = 2")
    assert named is not None and named.group("key", "value") == ("total", "2")


def test_nothing_compiled_nothing_written(fresh: Path) -> None:
    regex.save()
    assert not fresh.exists()


def test_without_a_cache_nothing_is_written(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AGENTLINT_NO_CACHE", "1")
    assert regex.compile("no-cache") == re.compile("no-cache")
    assert not regex._fresh  # no program worked out for a cache that is not there
    regex.save()
    assert not fresh.exists()


def _poison(folder: Path, programs: dict[object, object], python: str = sys.version) -> None:
    entry = _entry(folder)
    data = marshal.loads(entry.read_bytes())
    data["programs"] = programs
    data["python"] = python
    entry.write_bytes(marshal.dumps(data))


@pytest.mark.parametrize(
    "damage",
    [
        "source",  # the program of another pattern, filed under this one
        "code",  # code the engine rejects
        "shape",  # not the engine's arguments at all
        "python",  # written by another interpreter
        "bytes",  # not marshal data
    ],
)
def test_a_damaged_or_foreign_entry_is_compiled_afresh(
    fresh: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    key = (r"ab+c", 0)
    regex.compile(*key)
    regex.compile(r"x*", 0)
    regex.save()
    data = marshal.loads(_entry(fresh).read_bytes())
    program = data["programs"][key]
    other = data["programs"][(r"x*", 0)]
    if damage == "source":
        _poison(fresh, {key: other})
    elif damage == "code":
        _poison(fresh, {key: (program[0], program[1], [99999, 3, 1], *program[3:])})
    elif damage == "shape":
        _poison(fresh, {key: "ab+c"})
    elif damage == "python":
        _poison(fresh, {key: other}, python="2.7.18 (elsewhere)")
    else:
        _entry(fresh).write_bytes(b"\x00not marshal")
    _restart(monkeypatch)
    pattern = regex.compile(*key)
    assert pattern == re.compile(*key)
    assert pattern.fullmatch("abbbc") and not pattern.fullmatch("x")
    assert key in regex._fresh  # compiled by `re`, and kept right at the next save
    regex.save()
    _restart(monkeypatch)
    assert regex.compile(*key) == re.compile(*key) and not regex._fresh


def test_a_pattern_re_rejects_is_re_s_error(fresh: Path) -> None:
    with pytest.raises(re.error):
        regex.compile(r"(unclosed")
    assert not regex._fresh


def test_past_the_cap_only_what_was_used_is_kept(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(4):
        regex.compile(f"old{n}")
    regex.save()
    _restart(monkeypatch)
    monkeypatch.setattr(regex, "_CAP", 4)
    regex.compile("old0")  # used: from the cache
    regex.compile("new")  # fresh
    regex.save()
    kept = marshal.loads(_entry(fresh).read_bytes())["programs"]
    assert set(kept) == {("old0", 0), ("new", 0)}


def test_one_process_keeps_at_most_the_cap_of_new_programs(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Names from a hostile file can make a pattern each: past the cap they are compiled
    by `re` as always, and neither kept in memory nor written."""
    monkeypatch.setattr(regex, "_CAP", 5)
    for n in range(12):
        assert regex.compile(f"name{n}\\b").search(f"a name{n} b")
    assert len(regex._fresh) == 5
    regex.save()
    assert len(marshal.loads(_entry(fresh).read_bytes())["programs"]) == 5


def test_an_unwritable_cache_loses_only_speed(fresh: Path) -> None:
    fresh.write_text("a file where the folder should be")
    assert regex.compile("q+") == re.compile("q+")
    regex.save()  # no error
    assert fresh.read_text() == "a file where the folder should be"


# regex sources from a small grammar: what the extractors write (classes, groups, named
# groups, alternations, lazy and greedy loops, look-arounds, anchors, backreferences)
_ATOMS = st.sampled_from(
    ["a", "b", r"\.", ".", r"\w", r"\s", r"\d", "[a-c]", "[^/]", r"[\w$]", r"\b", "^", "$", r"\Z"]
)


@st.composite
def _sources(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.integers(0, 7 if depth < 2 else 0))
        if kind <= 2:
            piece = draw(_ATOMS)
        else:
            inner = draw(_sources(depth + 1))
            piece = {
                3: f"(?:{inner})",
                4: f"({inner})",
                5: f"(?P<g{depth}{len(parts)}>{inner})",
                6: f"(?<![\\w.]){inner}",
                7: f"(?:{inner}|{draw(_sources(depth + 1))})",
            }[kind]
        piece += draw(st.sampled_from(["", "", "*", "+?", "?", "{1,3}"]))
        parts.append(piece)
    return "".join(parts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_sources(), st.sampled_from([0, regex.S, regex.M, regex.IGNORECASE, regex.S | regex.M]))
def test_the_kept_program_builds_re_s_own_pattern(source: str, flags: int) -> None:
    try:
        expected = re.compile(source, flags)
    except re.error:
        return
    program = regex._program(source, flags, expected)
    assert program is not None
    built = regex._engine().compile(*program)
    assert built == expected
    assert (built.groups, built.groupindex) == (expected.groups, expected.groupindex)
    marshal.loads(marshal.dumps(program))  # what the cache holds survives it
    for text in ("", "a.b", "ab_c$d", "A\nb 12", "aab/ba"):
        found, wanted = built.search(text), expected.search(text)
        assert (found and (found.span(), found.groups())) == (
            wanted and (wanted.span(), wanted.groups())
        )


EVERY = """
import re, sys
from agentlint import regex
for m in ("scan", "collect", "compare", "js", "python", "golang", "gorows", "java", "rust"):
    __import__("agentlint.weakened." + m)
kept = dict(regex._fresh)
assert len(kept) >= 60, len(kept)
for (source, flags), program in kept.items():
    assert regex._engine().compile(*program) == re.compile(source, flags), source
print(len(kept))
"""


def test_every_pattern_of_the_extractors_is_kept_equal(tmp_path: Path) -> None:
    """Each static pattern of the test extractors goes through the cache: importing them
    keeps a program for each, and every one rebuilds to `re`'s pattern."""
    env = {**os.environ, "AGENTLINT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("AGENTLINT_NO_CACHE", None)
    done = subprocess.run([sys.executable, "-c", EVERY], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) >= 60


SCRIPT = """
import sys
from agentlint import regex
patterns = [regex.compile(s, f) for s, f in [(r"[A-Za-z_]\\w*", 0), (r"^x$", regex.M)]]
assert patterns[0].findall("a1 b2") == ["a1", "b2"]
assert patterns[1].search("y\\nx\\n")
regex.save()
print("re" in sys.modules)
"""


def test_a_warm_cache_spares_a_new_process_re(tmp_path: Path) -> None:
    env = {**os.environ, "AGENTLINT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("AGENTLINT_NO_CACHE", None)
    run = [sys.executable, "-c", SCRIPT]
    cold = subprocess.run(run, capture_output=True, text=True, env=env, check=True)
    warm = subprocess.run(run, capture_output=True, text=True, env=env, check=True)
    assert cold.stdout.strip() == "True"  # the first compiled them with `re`
    assert warm.stdout.strip() == "False"  # the second built them from the cache


def test_the_console_script_keeps_what_it_compiled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """cli.entry saves before it leaves with os._exit (which skips atexit)."""
    folder = tmp_path / "entry-cache"
    monkeypatch.setenv("AGENTLINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("AGENTLINT_NO_CACHE", raising=False)
    script = (
        "from agentlint import regex\nregex.compile('kept-by-entry')\n"
        "from agentlint.cli import entry\nentry()\n"
    )
    done = subprocess.run([sys.executable, "-c", script, "rules"], capture_output=True)
    assert done.returncode == 0, done.stderr
    data = cache.read(regex.cache_key(), "regex")
    assert data is not None and ("kept-by-entry", 0) in data["programs"]


PLANTED = """
import sys
from agentlint import regex
print(bool(regex.compile(r"expect\\(").search("expect(x)")))
regex.save()
"""


def test_ci_builds_nothing_from_a_planted_program(tmp_path: Path) -> None:
    """A misbehaving agent plants, under a detector's pattern, the code of a pattern that
    never matches. Locally that blinds the pattern (docs/threat-model.md); with the cache
    off, as CI runs, the planted file is not even read."""
    folder = tmp_path / "cache"
    env = {**os.environ, "AGENTLINT_CACHE_DIR": str(folder)}
    env.pop("AGENTLINT_NO_CACHE", None)
    run = [sys.executable, "-c", PLANTED]
    first = subprocess.run(run, capture_output=True, text=True, env=env, check=True)
    assert first.stdout.strip() == "True"
    (entry,) = folder.glob("regex-*")
    data = marshal.loads(entry.read_bytes())
    never = regex._program(r"(?!)", 0, re.compile(r"(?!)"))
    assert never is not None
    key = (r"expect\(", 0)
    data["programs"][key] = (key[0], *never[1:])
    entry.write_bytes(marshal.dumps(data))
    local = subprocess.run(run, capture_output=True, text=True, env=env, check=True)
    assert local.stdout.strip() == "False"  # the local cache is a convenience, not a control
    ci = subprocess.run(
        run, capture_output=True, text=True, env={**env, "AGENTLINT_NO_CACHE": "1"}, check=True
    )
    assert ci.stdout.strip() == "True"
