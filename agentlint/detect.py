"""Recognise agent commits and agent identities. Pure functions of a commit and a policy.

Detection is lenient where it costs nothing: a `Co-authored-by:` or vendor line anywhere
in the message counts, not only in git's final trailer block, and an identity need not be
in angle brackets. Approvals are not read here: they stay strict (git's trailers only).

Every identity is judged by the first detector that matches it, in policy order: the
agents (built-in, then the policy's own), known automation, then any other `[bot]`,
which is taken for an agent so that an unknown bot fails closed.
"""

from __future__ import annotations

from agentlint import regex as regexes
from agentlint import structs
from agentlint.change.model import Commit, Identity, Trailer
from agentlint.change.parse import bare_email, parse_identity
from agentlint.policy.model import (
    Detector,
    Literal,
    Policy,
    has_one_loop,
    literal_regex,
    message_regex,
    regex,
)
from agentlint.structs import memo

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re
    from collections.abc import Iterable

AGENT = "agent"
AUTOMATION = "automation"
HUMAN = "human"
UNKNOWN_BOT = "unknown-bot"
CO_AUTHOR_KEYS = ("co-authored-by",)


class Verdict(structs.Struct):
    """What a commit is: `agent`, `automation` or `human`, and the detector and
    identity (or marker) that decided it."""

    kind: str
    detector: str | None = None
    who: str | None = None


class _Index(structs.Struct):
    """A policy's detectors, compiled for matching many commits."""

    detectors: tuple[Detector, ...]
    emails: re.Pattern[str] | tuple[tuple[int, Literal], ...] | None  # see _combined
    names: re.Pattern[str] | tuple[tuple[int, Literal], ...] | None
    keys: dict[str, list[tuple[int, str | None]]]  # trailer key -> (detector, value regex)
    line_keys: tuple[str, ...]  # the keys a `Key: value` line anywhere in a message may have


@memo(8)
def _index(detectors: tuple[Detector, ...]) -> _Index:
    keys: dict[str, list[tuple[int, str | None]]] = {}
    for n, detector in enumerate(detectors):
        for key, value in detector.trailers:
            keys.setdefault(key, []).append((n, value))
    return _Index(
        detectors,
        _combined(detectors, "emails"),
        _combined(detectors, "names"),
        keys,
        tuple(sorted({*CO_AUTHOR_KEYS, *keys}, key=len, reverse=True)),
    )


@memo(8)
def _messages(detectors: tuple[Detector, ...]) -> tuple[tuple[int, re.Pattern[str]], ...]:
    """The detectors' message regexes, agents' first; compiled only for a message."""
    found = [(n, message_regex(p)) for n, d in enumerate(detectors) for p in d.messages]
    found.sort(key=lambda item: detectors[item[0]].kind != AGENT)
    return tuple(found)


def _literals(detector: Detector, field: str) -> tuple[Literal | None, ...]:
    """literal_regex() of each of the detector's `field` globs: from the policy cache."""
    known = detector.email_literals if field == "emails" else detector.name_literals
    if known is not None and len(known) == len(getattr(detector, field)):
        return known
    return tuple(literal_regex(p) for p in getattr(detector, field))


def _combined(
    detectors: tuple[Detector, ...], field: str
) -> re.Pattern[str] | tuple[tuple[int, Literal], ...] | None:
    """How a field of every detector is matched: literal pieces in detector order when
    every glob is literal but for `*` (the built-in ones are), else one regex with a
    named group each (d0, d1...); None when a glob needs the linear matcher, and each is
    then tried on its own (see _first)."""
    literals = [(n, lit) for n, d in enumerate(detectors) for lit in _literals(d, field)]
    if all(lit is not None for _, lit in literals):
        return tuple((n, lit) for n, lit in literals if lit is not None)
    globs = [p for d in detectors for p in getattr(d, field)]
    if not all(has_one_loop(p) for p in globs):
        from agentlint.policy import linear

        if not all(linear.is_fast(p) for p in globs):
            return None
    parts = [
        f"(?P<d{n}>{'|'.join(f'(?:{p})' for p in getattr(d, field))})"
        for n, d in enumerate(detectors)
        if getattr(d, field)
    ]
    return regexes.compile("|".join(parts), regexes.DOTALL) if parts else regexes.compile("(?!)")


def _first(index: _Index, field: str, value: str) -> int | None:
    """The index of the first detector whose `field` globs match `value`."""
    if not value:
        return None
    pattern = getattr(index, field)
    if isinstance(pattern, tuple):
        lowered = value.lower()
        return next((n for n, lit in pattern if lit.match(lowered)), None)
    if pattern is None:  # a glob that only the linear matcher runs safely
        return next(
            (
                n
                for n, d in enumerate(index.detectors)
                for p in getattr(d, field)
                if regex(p).match(value.lower())
            ),
            None,
        )
    match = pattern.match(value.lower())
    if match is None or match.lastgroup is None:
        return None
    return int(match.lastgroup[1:])


def identity_match(identity: Identity, detectors: Iterable[Detector]) -> Detector | None:
    """The first detector, in policy order, that matches the identity's email or name."""
    index = _index(tuple(detectors))
    return _identity_match(identity, index)


def _identity_match(identity: Identity, index: _Index) -> Detector | None:
    hits = [
        n
        for n in (_first(index, "emails", identity.email), _first(index, "names", identity.name))
        if n is not None
    ]
    return index.detectors[min(hits)] if hits else None


def identity_detector(identity: Identity, detectors: Iterable[Detector]) -> str | None:
    """The detector that recognises this identity as an agent or a bot (None: a person)."""
    match = identity_match(identity, detectors)
    return match.name if match else None


def is_agent_identity(identity: Identity, policy: Policy) -> bool:
    """An agent's or a bot's identity: never a person who can approve or review."""
    return identity_detector(identity, policy.detectors) is not None


def loose_identity(value: str) -> Identity | None:
    """`Name <email>`, or leniently `Name email` (no angle brackets); None without an email."""
    strict = parse_identity(value)
    if strict is not None:
        return strict
    head, _, last = value.strip().rpartition(" ")
    email = bare_email(last)
    return Identity(head.strip(), email) if email else None


def message_key_lines(message: str, keys: tuple[str, ...]) -> list[tuple[str, str]]:
    """Each line of `message` that reads `Key: value` for one of `keys` (lower-case), as
    (key, value): case does not matter, and spaces and tabs around either are dropped.
    What `^[ \\t]*(key|...)[ \\t]*:[ \\t]*(.*?)[ \\t]*$` finds with re.M and re.I,
    read without importing `re` (tests/test_no_regex_parsers.py checks they agree)."""
    found = []
    for line in message.split("\n"):
        key, colon, value = line.partition(":")
        if colon and key.strip(" \t").lower() in keys:
            found.append((key.strip(" \t"), value.strip(" \t")))
    return found


def _key_lines(commit: Commit, index: _Index) -> list[tuple[str, str]]:
    """The `Key: value` lines of the commit that a detector reads: git's trailers (values
    unfolded) and any such line in the message (a squash body, a paragraph after the
    trailers), keys lower-cased."""
    lines = [(t.key.lower(), t.value) for t in commit.trailers]
    if ":" in commit.message:
        lines += [(k.lower(), v) for k, v in message_key_lines(commit.message, index.line_keys)]
    return lines


def co_authors(commit: Commit) -> list[Identity]:
    """The co-authors git's trailers name (strictly: only git's own trailers)."""
    found = (parse_identity(t.value) for t in commit.trailers if t.key.lower() == "co-authored-by")
    return [i for i in found if i is not None]


def commit_verdict(commit: Commit, policy: Policy) -> Verdict:
    """Whether the commit is agent work, automation or a person's, and why."""
    index = _index(policy.detectors)
    automation: Verdict | None = None
    for identity in (commit.author, commit.committer):
        match = _identity_match(identity, index)
        if match and match.kind == AGENT:
            return Verdict(AGENT, match.name, str(identity))
        if match and automation is None:
            automation = Verdict(AUTOMATION, match.name, str(identity))
    lines = _key_lines(commit, index)
    for key, value in lines:
        co_author = loose_identity(value) if key in CO_AUTHOR_KEYS else None
        match = _identity_match(co_author, index) if co_author else None
        if match and match.kind == AGENT:  # an automation co-author leaves a person's commit
            return Verdict(AGENT, match.name, f"{key}: {value}")
    marker = _marker(commit, lines, index)
    return marker or automation or Verdict(HUMAN)


def _marker(commit: Commit, lines: list[tuple[str, str]], index: _Index) -> Verdict | None:
    """The trailer-like line, message marker or environment variable that a detector knows
    (agents' markers before automation's)."""
    found = [
        (n, f"{key}: {text}")
        for key, text in lines
        for n, value in index.keys.get(key, ())
        if value is None or regex(value).match(text.lower())
    ]
    found += [
        (n, var)
        for n, d in enumerate(index.detectors)
        for var in d.env
        if var in commit.env_markers
    ]
    for n, pattern in _messages(index.detectors) if commit.message.strip() else ():
        match = pattern.search(commit.message)
        if match:
            found.append((n, match.group(0)))
            break
    if not found:
        return None
    found.sort(key=lambda item: (index.detectors[item[0]].kind != AGENT, item[0]))
    n, why = found[0]
    detector = index.detectors[n]
    return Verdict(detector.kind, detector.name, why)


def commit_detector(commit: Commit, policy: Policy) -> str | None:
    """Why this commit counts as agent work (a detector name), or None. Automation counts
    only when the policy says so (`agents.automation_is_agent`)."""
    verdict = commit_verdict(commit, policy)
    if verdict.kind == AGENT or (verdict.kind == AUTOMATION and policy.automation_is_agent):
        return verdict.detector
    return None


def unknown_bot_hint(who: str) -> str:
    """How to classify a bot that was taken for an agent only because it is unknown."""
    name = who.split(" <", 1)[0].strip() or who
    return (
        f"{who} is a bot agentlint does not know, so it is taken for an agent; if it is "
        "ordinary automation, say so in .agentlint.yaml: `agents: {detectors: [{name: "
        f"my-bot, kind: automation, names: [{name!r}]}}]}}`"
    )


def unknown_bots(change_commits: Iterable[Commit], policy: Policy) -> list[str]:
    """The identities of commits that are agent work only as unknown bots."""
    found = []
    for commit in change_commits:
        verdict = commit_verdict(commit, policy)
        if verdict.detector == UNKNOWN_BOT and verdict.who and verdict.who not in found:
            found.append(verdict.who)
    return found


def message_detector(message: str, trailers: Iterable[Trailer], policy: Policy) -> str | None:
    """Agent markers in a free-standing message, such as a PR title and body."""
    pseudo = Commit(None, (), Identity("", ""), Identity("", ""), message, tuple(trailers), ())
    return commit_detector(pseudo, policy)
