"""What a test file is reduced to. Plain immutable data, the same for every language."""

from __future__ import annotations

from agentlint import structs

EXACT, STRONG, WEAK = 3, 2, 1  # equality; a looser comparison; truthiness or not-None
GUARD = "if "  # starts the signature and form of a check that runs only when a condition holds
GUARDED = 0  # the strength of such a check: weaker than any check that always runs


class Check(structs.Struct):
    """One assertion, as often as it runs (parametrized cases, table rows, loops)."""

    sig: str  # normalised text: equal for the same assertion reformatted or moved
    strength: int  # EXACT (equality), STRONG (a looser comparison), WEAK (truthiness...)
    line: int
    text: str  # the source line, for messages
    times: int = 1
    shape: str = ""  # what it checks with values and local names left out ("": the sig)

    @property
    def form(self) -> str:
        return self.shape or self.sig


class Test(structs.Struct):
    name: str  # qualified within the file: Class.test_x, "describe > it"
    line: int
    checks: tuple[Check, ...]
    body: int = 0  # hash of the body's normalised text: equal for exact duplicates (0: unknown)
    idle: bool = False  # nothing in it can fail: an empty body, or only checks that cannot fail


class Event(structs.Struct):
    """A marker that weakens by being added: skip, focus, tautology, swallowed."""

    kind: str  # "skip" | "focus" | "tautology" | "swallowed"
    owner: str  # the test, class, describe block or "<module>" it applies to
    line: int
    text: str
    key: str  # what makes two events the same across a move


class Parsed(structs.Struct):
    tests: tuple[Test, ...] = ()
    events: tuple[Event, ...] = ()
    error: tuple[int, str] | None = None  # (line, what) when the file cannot be measured
    absent: bool = False  # the file is not there on this side of the change
    windowed: bool = False  # tests outside the changed lines were not read (see js.measure)


def source_line(lines: list[str], line: int) -> str:
    text = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    return text if len(text) <= 100 else text[:97] + "..."
