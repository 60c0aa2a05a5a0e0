"""The linear matcher agrees with Python's engine, and stays fast where it backtracks."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agentlint.policy import linear
from agentlint.policy.automaton import Automaton
from agentlint.policy.compile import command_regex, glob_regex, patterns

PIECES = [
    "a",
    "b",
    "/",
    "*",
    "**",
    "?",
    "[ab]",
    "[!a]",
    "[a-b]",
    "[0-9]",
    "\\*",
    " ",
    ".",
    "\n",
    "é",
    "1",
]
globs = st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join)
paths = st.text(alphabet="ab/.\n é*19", max_size=14)


def _translated(pattern: str) -> list[str]:
    problems: list[object] = []
    return [source for _, source, _, _ in patterns([pattern], problems, lambda i: "x")]


@settings(max_examples=400, deadline=None)
@given(st.one_of(globs, globs.map(lambda g: "!" + g), globs.map(lambda g: g + "/")), paths)
def test_the_automaton_agrees_with_python_on_path_patterns(pattern, path):
    for source in _translated(pattern):
        automaton = Automaton(linear.parse(source))
        compiled = re.compile(source, re.DOTALL)
        for text in (path, path + "/"):
            assert bool(automaton.match(text)) == bool(compiled.match(text)), (source, text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab*?.[]\\ ", max_size=8), st.text(alphabet="ab.[] \n", max_size=12))
def test_the_automaton_agrees_with_python_on_globs(glob, value):
    for source in (glob_regex(glob), command_regex(glob)):
        automaton = Automaton(linear.parse(source))
        assert bool(automaton.match(value)) == bool(re.compile(source, re.DOTALL).match(value))


@pytest.mark.parametrize(
    "pattern,safe",
    [
        ("*.py", True),
        ("**/migrations/**", True),
        ("src/*/gen/", True),
        (".github/workflows/", True),
        ("/deploy/**/*.yaml", True),
        ("*a*b", False),
        ("a/**/b/**/c", False),
        ("**/a*b*c", False),
        ("*[!a]*[!a]*b", False),
        ("a/*b/*c/d*", True),
    ],
)
def test_which_patterns_python_runs(pattern, safe):
    (source,) = _translated(pattern)
    assert linear.is_safe(linear.parse(source)) is safe


@pytest.mark.parametrize("source", ["a(b)", "a|b", "a{2}", "a**", "\\d", "[ab"])
def test_regexes_no_translator_writes_are_refused(source):
    with pytest.raises(ValueError):
        linear.parse(source)


@pytest.mark.parametrize(
    "pattern,text,positive",
    [
        ("*a*a*a*a*a*a*b", "a" * 20_000, "a" * 20_000 + "b"),
        ("a*" * 30 + "b", "a" * 20_000, "a" * 20_000 + "b"),
        ("*[!a]" * 10 + "*b", "x" * 20_000, "x" * 20_000 + "b"),
        ("/".join(["a", "**"] * 20) + "/x", "a/" * 10_000, "a/" * 10_000 + "x"),
        ("**/" + "*a" * 20 + "*b/**", "a/" * 5_000 + "a" * 10_000, "a/" * 5_000 + "a" * 40 + "b/c"),
    ],
)
def test_hostile_patterns_take_linear_time(pattern, text, positive):
    (source,) = _translated(pattern)
    matcher = linear.compile_pattern(source)
    start = time.perf_counter()
    assert matcher.match(text) is None
    assert matcher.match(positive) is not None
    assert time.perf_counter() - start < 5.0  # exponential would be years


@pytest.mark.parametrize(
    "source,one",
    [
        (glob_regex("*+claude[bot]@users.noreply.github.com"), True),
        (glob_regex("*claude*"), True),
        (glob_regex("*a*b"), False),
        ("\\\\*a*", False),  # an escaped backslash, then two loops
        ("a\\*b\\+c", True),  # escaped, not loops
    ],
)
def test_one_loop_needs_no_parse(source, one):
    from agentlint.policy.model import has_one_loop

    assert has_one_loop(source) is one


@settings(max_examples=300, deadline=None)
@given(st.one_of(globs, globs.map(lambda g: g + "/")), st.lists(paths, max_size=6))
def test_a_deferred_pattern_answers_as_python_before_and_after_it_moves_to_re(pattern, texts):
    from agentlint.policy import model

    for source in _translated(pattern):
        compiled = re.compile(source, re.DOTALL)
        deferred = model.Deferred(source)
        model._spent[0] = model.AUTOMATON_BUDGET - 3  # three matches left to the automaton
        for text in [*texts, *texts]:
            assert bool(deferred.match(text)) == bool(compiled.match(text)), (source, text)
    model._spent[0] = 0


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(globs, globs.map(lambda g: g + "/"), st.sampled_from(["S*", "K/**", "I?"])),
    st.lists(
        st.text(alphabet="abAB/.\n sk\u017f\u212a\u0131\u0130\u00e91", max_size=10), max_size=6
    ),
)
def test_a_case_insensitive_deferred_pattern_answers_as_python(pattern, texts):
    """With core.ignorecase: ASCII case by the automaton, Unicode's (the long s is an `s`,
    the Kelvin sign a `k`) by Python's engine."""
    from agentlint.policy import model

    for source in _translated(pattern):
        compiled = re.compile(source, re.DOTALL | re.IGNORECASE)
        matcher = model.regex.__wrapped__(source, True)
        for text in [*texts, *(t.lower() for t in texts)]:
            assert bool(matcher.match(text)) == bool(compiled.match(text)), (source, text)
    model._spent[0] = 0


def test_the_usual_classes_need_no_regex():
    assert linear._class("[^/]")("a") and not linear._class("[^/]")("/")
    assert linear._class("[0-9]")("7") and not linear._class("[0-9]")("a")
    assert linear._class("[0-9]", True) is linear._class("[0-9]")
    assert linear._class("[a-c]")("b") and not linear._class("[a-c]")("/")
