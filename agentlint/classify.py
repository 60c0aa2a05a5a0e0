"""Sort paths into categories. Pure: a path, its attributes and the policy in, matches out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from agentlint.policy.model import Category, Pattern, Policy


class Match(NamedTuple):
    category: Category
    reason: str  # the pattern text, or "gitattributes: <attr>"


def decide(patterns: Iterable[Pattern], path: str) -> str | None:
    """gitignore semantics: the last matching pattern decides; a `!` pattern un-matches."""
    decided = None
    for pattern in patterns:
        if pattern.matches(path):
            decided = pattern.text if pattern.include else None
    return decided


def matches(path: str, policy: Policy, attributes: frozenset[str] = frozenset()) -> list[Match]:
    """Every category the path falls in, with the pattern that put it there."""
    found = []
    for category in policy.categories:
        reason = decide(category.paths, path)
        if reason is None:
            attr = next((a for a in category.attributes if a in attributes), None)
            reason = f"gitattributes: {attr}" if attr else None
        if reason is not None and decide(category.exclude, path) is None:
            found.append(Match(category, reason))
    return found


def winning(found: list[Match]) -> tuple[str, list[Match]]:
    """The strictest posture among the matches, and the matches that have it."""
    if not found:
        return "allow", []
    top = max(m.category.rank for m in found)
    decisive = [m for m in found if m.category.rank == top]
    return decisive[0].category.posture, decisive
