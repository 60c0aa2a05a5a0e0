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

import functools
import re
from collections.abc import Callable
from typing import NamedTuple, Union

Test = Callable[[str], bool]

_GROUPS = {
    "(?:.+/)?": "lead",  # any leading folders
    "(?:/.+)?": "inner",  # any inner folders
    "(?:/|$)": "slash_or_end",
}


class _Step(NamedTuple):
    kind: str  # "char", "lead", "inner", "slash_or_end", "end" ("$"), "end_z" ("\Z")
    test: Test | None = None
    loop: str = ""  # "", "*" or "+"
    crosses: bool = False  # whether a loop on it can consume "/"
    slash: bool = False  # a literal "/", which ends a part of the path


def _any(_: str) -> bool:
    return True


def _literal(char: str) -> Test:
    return _SLASH if char == "/" else char.__eq__


def _slash(char: str) -> bool:
    return char == "/"


_SLASH: Test = _slash


def _class(source: str) -> Test:
    compiled = re.compile(source, re.DOTALL)
    return functools.lru_cache(maxsize=256)(lambda c: compiled.fullmatch(c) is not None)


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


def parse(regex: str) -> list[_Step]:
    """The steps of a regex written by agentlint's translators (ValueError otherwise)."""
    steps: list[_Step] = []
    i = 1 if regex.startswith("^") else 0
    while i < len(regex):
        group = next((g for g in _GROUPS if regex.startswith(g, i)), None)
        if group:
            steps.append(_Step(_GROUPS[group], crosses=True))
            i += len(group)
            continue
        char = regex[i]
        if char == "$":
            steps.append(_Step("end"))
            i += 1
            continue
        if regex.startswith("\\Z", i):
            steps.append(_Step("end_z"))
            i += 2
            continue
        if char == "\\" and i + 1 < len(regex) and not regex[i + 1].isalnum():
            test, crosses, i = _literal(regex[i + 1]), regex[i + 1] == "/", i + 2
        elif char == "[":
            end = _class_end(regex, i)
            test = _class(regex[i:end])
            crosses, i = test("/"), end
        elif char == ".":
            test, crosses, i = _any, True, i + 1
        elif char in "()|?*+{}^$\\":
            raise ValueError(f"unsupported regex syntax at {i} in {regex!r}")
        else:
            test, crosses, i = _literal(char), char == "/", i + 1
        loop = regex[i] if i < len(regex) and regex[i] in "*+" else ""
        if loop and i + 1 < len(regex) and regex[i + 1] in "*+?{":
            raise ValueError(f"unsupported regex syntax at {i + 1} in {regex!r}")
        steps.append(_Step("char", test, loop, crosses, slash=test is _SLASH and not loop))
        i += bool(loop)
    return steps


def is_safe(steps: list[_Step]) -> bool:
    """Whether Python's backtracking engine runs these steps in about linear time."""
    while steps and steps[-1].kind in ("end", "end_z", "slash_or_end"):
        steps = steps[:-1]
    if steps and steps[-1].loop == "*" and steps[-1].test is _any:
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


class Automaton:
    """A Thompson automaton over the steps, run by state sets: linear in the text."""

    def __init__(self, steps: list[_Step]) -> None:
        # node: (kind, test, successors); kinds: "char", "split", "end", "end_z", "accept"
        self.nodes: list[tuple[str, Test | None, list[int]]] = []
        self.start = self._chain(steps)
        self._prepare()

    def _add(self, kind: str, test: Test | None = None) -> int:
        self.nodes.append((kind, test, []))
        return len(self.nodes) - 1

    def _link(self, node: int, target: int) -> None:
        self.nodes[node][2].append(target)

    def _chain(self, steps: list[_Step]) -> int:
        accept = self._add("accept")
        nxt = accept
        for step in reversed(steps):
            nxt = self._step(step, nxt, accept)
        return nxt

    def _char(self, test: Test, loop: str, nxt: int) -> int:
        node = self._add("char", test)
        if loop == "":
            self._link(node, nxt)
            return node
        split = self._add("split")
        self._link(node, split)
        self._link(split, node)
        self._link(split, nxt)
        if loop == "+":
            return node
        entry = self._add("split")
        self._link(entry, node)
        self._link(entry, nxt)
        return entry

    def _step(self, step: _Step, nxt: int, accept: int) -> int:
        if step.kind == "char":
            assert step.test is not None
            return self._char(step.test, step.loop, nxt)
        if step.kind in ("end", "end_z"):
            node = self._add(step.kind)
            self._link(node, nxt)
            return node
        if step.kind == "slash_or_end":
            entry = self._add("split")
            self._link(entry, self._char(_literal("/"), "", nxt))
            end = self._add("end")
            self._link(end, nxt)
            self._link(entry, end)
            return entry
        # lead: (.+/)? ; inner: (/.+)?
        entry = self._add("split")
        if step.kind == "lead":
            body = self._char(_any, "+", self._char(_literal("/"), "", nxt))
        else:
            body = self._char(_literal("/"), "", self._char(_any, "+", nxt))
        self._link(entry, body)
        self._link(entry, nxt)
        return entry

    def _prepare(self) -> None:
        """Bit masks: each node's closure over moves that consume nothing (stopping at end
        checks, which depend on the position), and which nodes test characters."""
        count = len(self.nodes)
        self._reach = [0] * count
        for node in range(count):
            seen, stack = 0, [node]
            while stack:
                n = stack.pop()
                if seen >> n & 1:
                    continue
                seen |= 1 << n
                kind, _, successors = self.nodes[n]
                if kind not in ("char", "end", "end_z"):
                    stack.extend(successors)
            self._reach[node] = seen
        self._after = [0] * count  # a char node's successors' closure
        for node, (kind, _, successors) in enumerate(self.nodes):
            for succ in successors:
                if kind == "char":
                    self._after[node] |= self._reach[succ]
        self._accept = sum(1 << n for n, (k, _, _) in enumerate(self.nodes) if k == "accept")
        self._chars = [(n, t) for n, (k, t, _) in enumerate(self.nodes) if k == "char" and t]
        self._ends = [(n, k) for n, (k, _, _) in enumerate(self.nodes) if k in ("end", "end_z")]
        self._by_char: dict[str, int] = {}
        self._moves: dict[tuple[int, str], int] = {}

    def _mask(self, char: str) -> int:
        mask = self._by_char.get(char)
        if mask is None:
            mask = sum(1 << n for n, test in self._chars if test(char))
            if len(self._by_char) < 4096:
                self._by_char[char] = mask
        return mask

    def _pass_ends(self, states: int, text: str, pos: int) -> int:
        """Follow end checks that hold at `pos`: `\\Z` at the end, `$` also before a final
        newline (Python's rule)."""
        at_end = pos == len(text)
        newline = pos == len(text) - 1 and text[pos] == "\n"
        changed = True
        while changed:
            changed = False
            for node, kind in self._ends:
                if states >> node & 1 and (at_end or (kind == "end" and newline)):
                    for succ in self.nodes[node][2]:
                        if not states >> succ & 1 or self._reach[succ] & ~states:
                            states |= self._reach[succ]
                            changed = True
        return states

    def _move(self, states: int, char: str) -> int:
        """The states after reading `char`, remembered (a lazily built DFA, bounded)."""
        key = (states, char)
        moved = self._moves.get(key)
        if moved is None:
            active, moved = states & self._mask(char), 0
            while active:
                low = active & -active
                moved |= self._after[low.bit_length() - 1]
                active ^= low
            if len(self._moves) < 65536:
                self._moves[key] = moved
        return moved

    def match(self, text: str) -> bool | None:
        """True when the automaton accepts a prefix of the text (as `re.match`), else None."""
        states = self._reach[self.start]
        last = len(text) - 1
        for pos, char in enumerate(text):
            if pos >= last:
                states = self._pass_ends(states, text, pos)
            if states & self._accept:
                return True
            states = self._move(states, char)
            if not states:
                return None
        states = self._pass_ends(states, text, len(text))
        return True if states & self._accept else None


Matcher = Union[re.Pattern[str], "Automaton"]


@functools.cache
def is_fast(regex: str) -> bool:
    """Whether Python's engine may run this translated regex: it has at most one loop (no
    parse needed), or its loops cannot backtrack badly. ValueError for unknown syntax."""
    from agentlint.policy.model import has_one_loop

    return has_one_loop(regex) or is_safe(parse(regex))


@functools.cache
def compile_pattern(regex: str) -> Matcher:
    """A matcher for a translated path or glob regex: Python's engine where it is safe,
    the automaton otherwise. ValueError for a regex no translator writes."""
    if is_fast(regex):
        return re.compile(regex, re.DOTALL)
    return Automaton(parse(regex))
