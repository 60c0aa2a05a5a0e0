"""Recognise agent commits and agent identities. Pure functions of a commit and a policy."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from agentlint.change.model import Commit, Identity, Trailer
from agentlint.change.parse import parse_identity
from agentlint.policy.model import Detector, Policy, has_one_loop, message_regex, regex


@functools.lru_cache(maxsize=8)
def _combined(detectors: tuple[Detector, ...], field: str) -> re.Pattern[str] | None:
    """One regex for a field of every detector, a named group each (d0, d1...); None when
    a glob needs the linear matcher, and each is then tried on its own."""
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
    return re.compile("|".join(parts), re.DOTALL) if parts else re.compile("(?!)")


def _which(detectors: tuple[Detector, ...], field: str, value: str) -> str | None:
    pattern = _combined(detectors, field)
    if pattern is None:
        return next(
            (d.name for d in detectors for p in getattr(d, field) if regex(p).match(value.lower())),
            None,
        )
    match = pattern.match(value.lower())
    if match is None or match.lastgroup is None:
        return None
    return detectors[int(match.lastgroup[1:])].name


def identity_detector(identity: Identity, detectors: Iterable[Detector]) -> str | None:
    """The detector that recognises this identity as an agent: email first, then name."""
    found = tuple(detectors)
    return _which(found, "emails", identity.email) or _which(found, "names", identity.name)


def is_agent_identity(identity: Identity, policy: Policy) -> bool:
    return identity_detector(identity, policy.detectors) is not None


def co_authors(commit: Commit) -> list[Identity]:
    found = (parse_identity(t.value) for t in commit.trailers if t.key.lower() == "co-authored-by")
    return [i for i in found if i is not None]


def commit_detector(commit: Commit, policy: Policy) -> str | None:
    """Why this commit is an agent commit (a detector name), or None for a human one."""
    identities = [commit.author, commit.committer, *co_authors(commit)]
    for identity in identities:
        name = identity_detector(identity, policy.detectors)
        if name:
            return name
    for detector in policy.detectors:
        if _trailer_matches(detector, commit) or _message_matches(detector, commit.message):
            return detector.name
        if any(var in commit.env_markers for var in detector.env):
            return detector.name
    return None


def _trailer_matches(detector: Detector, commit: Commit) -> bool:
    for key, value in detector.trailers:
        for trailer in commit.trailers:
            if trailer.key.lower() == key and (
                value is None or regex(value).match(trailer.value.lower())
            ):
                return True
    return False


def _message_matches(detector: Detector, message: str) -> bool:
    return any(message_regex(p).search(message) for p in detector.messages)


def message_detector(message: str, trailers: Iterable[Trailer], policy: Policy) -> str | None:
    """Agent markers in a free-standing message, such as a PR title and body."""
    pseudo = Commit(None, (), Identity("", ""), Identity("", ""), message, tuple(trailers), ())
    return commit_detector(pseudo, policy)
