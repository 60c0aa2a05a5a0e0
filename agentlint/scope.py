"""What the rules judge in a change: which commits, which paths, in which categories."""

from __future__ import annotations

from agentlint import detect, structs
from agentlint.change.model import Change
from agentlint.policy.model import Policy

TYPE_CHECKING = False
if TYPE_CHECKING:
    from agentlint.classify import Match


class Scope(structs.Struct):
    agents: dict[int, str]  # commit index -> the detector that recognised it
    pr_agent: str | None  # detector that recognised the PR title/body, if any
    judged: tuple[int, ...]  # commit indexes the rules apply to
    touches: dict[str, tuple[int, ...]]  # judged path -> judged commits touching it, in order
    postures: dict[str, tuple[str, list[Match]]]  # judged path -> winning posture


def agent_commits(change: Change, policy: Policy) -> tuple[dict[int, str], str | None]:
    agents = {}
    for n, commit in enumerate(change.commits):
        name = detect.commit_detector(commit, policy)
        if name:
            agents[n] = name
    pr_agent = None
    if change.pr_message:
        pr_agent = detect.message_detector(change.pr_message, change.pr_trailers, policy)
    return agents, pr_agent


def judged_commits(
    change: Change, policy: Policy, agents: dict[int, str], pr_agent: str | None
) -> tuple[int, ...]:
    """The commits the rules apply to: agent commits, or all with `enforce: all` or when
    the PR title/body marks the whole range as agent work."""
    if policy.enforce == "all" or pr_agent is not None:
        return tuple(range(len(change.commits)))
    return tuple(sorted(agents))


def touched(change: Change, judged: tuple[int, ...]) -> dict[str, tuple[int, ...]]:
    touches: dict[str, list[int]] = {}
    for n in judged:
        for path in change.commits[n].paths:
            touches.setdefault(path, []).append(n)
    return {path: tuple(ns) for path, ns in touches.items()}


def build(
    change: Change,
    policy: Policy,
    agents: dict[int, str],
    pr_agent: str | None,
    touches: dict[str, tuple[int, ...]],
) -> Scope:
    """The scope, from detection and touched paths already worked out (see check.run)."""
    from agentlint import classify

    judged = tuple(sorted({n for ns in touches.values() for n in ns}))
    postures = {}
    index = classify.literal_index(policy) if classify.is_many(touches) else None
    for path in touches:
        attributes = change.attributes.get(path, frozenset())
        postures[path] = classify.winning(classify.matches(path, policy, attributes, index))
    return Scope(agents, pr_agent, judged, touches, postures)
