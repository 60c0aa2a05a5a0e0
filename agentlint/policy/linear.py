"""Match path and glob patterns in time linear in the text, whatever the pattern.

Path patterns (gitignore syntax, translated by pathspec) and globs (`*`, `?`) become
regular expressions. Python's engine backtracks, so `*a*a*a*a*b` against a long name of
`a`s takes minutes, and a review record's `scope.paths` is written by the agent being
checked. Here each such regex is read back into a small automaton and run by keeping the
set of states it can be in: time O(text x pattern), never exponential.

Python's own engine stays in use for the patterns that cannot backtrack badly: at most one
loop that can cross a `/`, and at most one loop in each `/`-separated part (a loop cannot
cross `/`, so each part's match ends at a known place). That covers nearly every real
pattern (`*.py`, `**/migrations/**`, `src/*/gen/`), so the hot path keeps its speed.

The regexes read here use only what agentlint's translators write: literal and escaped
characters, `.`, `[...]` classes, `*`/`+` loops on one character, the groups `(?:.+/)?`,
`(?:/.+)?` and `(?:/|$)`, and the anchors `^`, `$` and `\\Z`. Anything else is refused
when the policy or record is loaded (ValueError).
"""

from __future__ import annotations

from agentlint import regex as regexes
from agentlint import structs
from agentlint.structs import memo

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re
    from collections.abc import Callable
    from typing import TypeAlias

    from agentlint.policy.automaton import Automaton
    from agentlint.policy.model import Deferred, Literal

    Matcher: TypeAlias = re.Pattern[str] | Automaton | Literal | Deferred
    Test = Callable[[str], bool]

_GROUPS = {
    "(?:.+/)?": "lead",  # any leading folders
    "(?:/.+)?": "inner",  # any inner folders
    "(?:/|$)": "slash_or_end",
}


class Step(structs.Struct):
    kind: str  # "char", "lead", "inner", "slash_or_end", "end" ("$"), "end_z" ("\Z")
    test: Test | None = None
    loop: str = ""  # "", "*" or "+"
    crosses: bool = False  # whether a loop on it can consume "/"
    slash: bool = False  # a literal "/", which ends a part of the path


def any_char(_: str) -> bool:
    return True


def literal(char: str, ignorecase: bool = False) -> Test:
    if char == "/":
        return _SLASH
    if ignorecase and char.lower() != char.upper():
        return {char.lower(), char.upper()}.__contains__
    return char.__eq__


def _slash(char: str) -> bool:
    return char == "/"


_SLASH: Test = _slash


def _not_slash(char: str) -> bool:
    return char != "/"


def _digit(char: str) -> bool:
    return "0" <= char <= "9"


# the classes the translators write for `*`, `?` and `[0-9]`, tested without `re`
_CLASSES: dict[str, Test] = {"[^/]": _not_slash, "[0-9]": _digit}


def _class(source: str, ignorecase: bool = False) -> Test:
    known = _CLASSES.get(source)
    if known is not None:
        return known  # the same whatever the case
    compiled = regexes.compile(
        source, regexes.DOTALL | regexes.IGNORECASE if ignorecase else regexes.DOTALL
    )
    return memo(256)(lambda c: compiled.fullmatch(c) is not None)


def _class_end(regex: str, i: int) -> int:
    """Index just past the `[...]` class that starts at regex[i]."""
    j = i + 1
    if j < len(regex) and regex[j] == "^":
        j += 1
    if j < len(regex) and regex[j] == "]":
        j += 1
    while j < len(regex) and regex[j] != "]":
        j += 2 if regex[j] == "\\" else 1
    if j >= len(regex):
        raise ValueError(f"unclosed class in {regex!r}")
    return j + 1


def parse(regex: str, ignorecase: bool = False) -> list[Step]:
    """The steps of a regex written by agentlint's translators (ValueError otherwise)."""
    steps: list[Step] = []
    i = 1 if regex.startswith("^") else 0
    while i < len(regex):
        group = next((g for g in _GROUPS if regex.startswith(g, i)), None)
        if group:
            steps.append(Step(_GROUPS[group], crosses=True))
            i += len(group)
            continue
        char = regex[i]
        if char == "$":
            steps.append(Step("end"))
            i += 1
            continue
        if regex.startswith("\\Z", i):
            steps.append(Step("end_z"))
            i += 2
            continue
        if char == "\\" and i + 1 < len(regex) and not regex[i + 1].isalnum():
            test, crosses, i = literal(regex[i + 1], ignorecase), regex[i + 1] == "/", i + 2
        elif char == "[":
            end = _class_end(regex, i)
            test = _class(regex[i:end], ignorecase)
            crosses, i = test("/"), end
        elif char == ".":
            test, crosses, i = any_char, True, i + 1
        elif char in "()|?*+{}^$\\":
            raise ValueError(f"unsupported regex syntax at {i} in {regex!r}")
        else:
            test, crosses, i = literal(char, ignorecase), char == "/", i + 1
        loop = regex[i] if i < len(regex) and regex[i] in "*+" else ""
        if loop and i + 1 < len(regex) and regex[i + 1] in "*+?{":
            raise ValueError(f"unsupported regex syntax at {i + 1} in {regex!r}")
        steps.append(Step("char", test, loop, crosses, slash=test is _SLASH and not loop))
        i += bool(loop)
    return steps


def is_safe(steps: list[Step]) -> bool:
    """Whether Python's backtracking engine runs these steps in about linear time."""
    while steps and steps[-1].kind in ("end", "end_z", "slash_or_end"):
        steps = steps[:-1]
    if steps and steps[-1].loop == "*" and steps[-1].test is any_char:
        steps = steps[:-1]  # a trailing `.*` matches the rest at once
    crossing = sum(s.kind in ("lead", "inner") or (bool(s.loop) and s.crosses) for s in steps)
    if crossing > 1:
        return False
    loops_in_part = 0
    for step in steps:
        if step.kind in ("lead", "inner") or step.slash:
            loops_in_part = 0  # a "/" (or a group ending in one) starts a new part
        elif step.loop and not step.crosses:
            loops_in_part += 1
            if loops_in_part > 1:
                return False
    return True


@memo()
def is_fast(regex: str) -> bool:
    """Whether Python's engine may run this translated regex: it has at most one loop (no
    parse needed), or its loops cannot backtrack badly. ValueError for unknown syntax."""
    from agentlint.policy.model import has_one_loop

    return has_one_loop(regex) or is_safe(parse(regex))


@memo()
def compile_pattern(regex: str, ignorecase: bool = False) -> Matcher:
    """A matcher for a translated path or glob regex: Python's engine where it is safe,
    the automaton otherwise. ValueError for a regex no translator writes. With
    `ignorecase`, letters match whatever their case."""
    if is_fast(regex):
        return regexes.compile(
            regex, regexes.DOTALL | regexes.IGNORECASE if ignorecase else regexes.DOTALL
        )
    from agentlint.policy.automaton import Automaton

    return Automaton(parse(regex, ignorecase))
