"""What the scanner-based extractors (JS/TS, Go, Java, Rust) collect from one file: tests,
markers, and a check per assertion, with tautologies and swallowed failures recorded."""

from __future__ import annotations

from agentlint import regex, structs
from agentlint.weakened.model import (
    EXACT,
    GUARD,
    GUARDED,
    STRONG,
    Check,
    Event,
    Parsed,
    Test,
    source_line,
)
from agentlint.weakened.scan import Tokens, digest, equality_strength, is_equality, shape, squash

_COMMENTS = regex.compile(r"//[^\n]*|/\*.*?\*/", regex.S)


class Collector:
    def __init__(self, tokens: Tokens) -> None:
        self.t = tokens
        self.lines = tokens.text.splitlines()
        self.tests: list[Test] = []
        self.events: list[Event] = []
        self.swallow: list[tuple[int, int]] = []  # token ranges whose failures are caught

    def event(self, kind: str, owner: str, index: int, key: str) -> None:
        line = self.t.line(index)
        self.events.append(Event(kind, owner, line, source_line(self.lines, line), key))

    def check(
        self,
        owner: str,
        index: int,
        end: int,
        strength: int,
        mult: int,
        start: int | None = None,
        *,
        sig: str | None = None,
        canon: str | None = None,
    ) -> Check | None:
        """The check at token `index`, its signature the text from `start` (the token's
        own start by default) to offset `end` unless given (`sig`), or `canon` when the
        extractor spells it in one way for equivalent forms; None, and an event, for a
        tautology."""
        t = self.t
        sig = canon or sig
        if sig is None:
            text = t.text[t.starts[index] if start is None else start : end]
            sig = squash(_COMMENTS.sub("", text) if start is not None else text)
        if strength == 0:
            self.event("tautology", owner, index, sig)
            return None
        if any(a <= index <= b for a, b in self.swallow):
            self.event("swallowed", owner, index, sig)
        line = t.line(index)
        form = shape(sig)
        if strength == STRONG and is_equality(form):
            strength = equality_strength(sig) if form.startswith("eq(") else EXACT
        return Check(sig, strength, line, source_line(self.lines, line), mult, form)

    def parsed(self) -> Parsed:
        return Parsed(tuple(self.tests), tuple(self.events))


class Summary(structs.Struct):
    """What a helper (a function of the file that is not a test) checks and skips."""

    checks: tuple[Check, ...]
    skips: tuple[str, ...]
    foreign: bool = False  # defined in another file of the change (called by its path)


def body_digest(t: Tokens, opener: int) -> int:
    """A hash of a bracket group's text, whitespace removed."""
    close = t.partner[opener]
    return digest(t.text[t.starts[opener] : t.ends[close]]) if close > 0 else 0


def same_args(args: list[str], first: int) -> bool:
    """Whether the arguments at `first` and `first + 1` are the same text."""
    return len(args) > first + 1 and args[first] == args[first + 1] and args[first] != ""


def guarded(check: Check) -> Check:
    """A check that runs only when a condition holds: another check, and a weak one (an
    unconditional check moved under a new `if` is lost)."""
    if check.sig.startswith(GUARD):
        return check
    return check._replace(sig=GUARD + check.sig, shape=GUARD + check.form, strength=GUARDED)


def covered_tokens(start: int, stop: int, spans: list[tuple[int, int]]) -> set[int]:
    """The tokens in (start, stop) that lie strictly inside one of `spans`, found in
    linear time (a body may hold thousands of branches)."""
    change = [0] * (stop - start + 2)
    for a, b in spans:
        lo, hi = max(a + 1, start), min(b, stop)
        if lo < hi:
            change[lo - start] += 1
            change[hi - start] -= 1
    out, depth = set(), 0
    for n in range(len(change)):
        depth += change[n]
        if depth > 0:
            out.add(start + n)
    return out
