"""Sort paths into categories. Pure: a path, its attributes and the policy in, matches out."""

from __future__ import annotations

from collections.abc import Iterable

from agentlint import structs
from agentlint.policy.model import Category, Pattern, Policy, fold, folded


class Match(structs.Struct):
    category: Category
    reason: str  # the pattern text, or "gitattributes: <attr>"


def decide(patterns: Iterable[Pattern], path: str, ignorecase: bool = False) -> str | None:
    """gitignore semantics: the last matching pattern decides; a `!` pattern un-matches.
    With `ignorecase` (git's core.ignorecase) case does not matter."""
    decided = None
    folded = fold(path) if ignorecase else path
    for pattern in patterns:
        if pattern.matches(folded, ignorecase):
            decided = pattern.text if pattern.include else None
    return decided


def _decide_paths(category: Category, path: str, ignorecase: bool) -> str | None:
    """`decide` for the category's paths, after a substring test for each literal they
    need: most paths contain none of them, and then no pattern needs asking."""
    needs = category.needs
    if needs is not None:
        probe = path
        if ignorecase:
            probe, needs = fold(path), folded(needs)
        for literal in needs:
            if literal in probe:
                break
        else:
            return None
    return decide(category.paths, path, ignorecase)


def matches(path: str, policy: Policy, attributes: frozenset[str] = frozenset()) -> list[Match]:
    """Every category the path falls in, with the pattern that put it there."""
    found = []
    ignorecase = policy.ignorecase
    for category in policy.categories:
        reason = _decide_paths(category, path, ignorecase)
        if reason is None:
            attr = next((a for a in category.attributes if a in attributes), None)
            reason = f"gitattributes: {attr}" if attr else None
        if reason is not None and decide(category.exclude, path, ignorecase) is None:
            found.append(Match(category, reason))
    return found


def winning(found: list[Match]) -> tuple[str, list[Match]]:
    """The strictest posture among the matches, and the matches that have it."""
    if not found:
        return "allow", []
    top = max(m.category.rank for m in found)
    decisive = [m for m in found if m.category.rank == top]
    return decisive[0].category.posture, decisive


def differs_by_case(paths: Iterable[str], policy: Policy) -> bool:
    """Whether any path falls in other categories when case does not matter: only then
    does git's core.ignorecase need asking (most paths match the same either way)."""
    folded = policy._replace(ignorecase=True)
    unfolded = policy._replace(ignorecase=False)
    for path in paths:
        sensitive = {m.category.name for m in matches(path, unfolded)}
        if sensitive != {m.category.name for m in matches(path, folded)}:
            return True
    return False


def with_case(policy: Policy, paths: Iterable[str], ignorecase: bool | None = None) -> Policy:
    """The policy with core.ignorecase applied: `ignorecase` when the caller read it
    already, else asked of git only when some path's categories depend on it."""
    if ignorecase is None:
        from agentlint import git

        ignorecase = differs_by_case(paths, policy) and git.ignorecase()
    return policy._replace(ignorecase=ignorecase)
