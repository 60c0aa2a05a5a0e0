"""The PreToolUse decision: allow, ask or deny one tool call, under the same policy that
judges the commit. Pure: the call's facts and the policy in, a verdict out.

- Edits to `block` paths, to the `policy` category (agentlint's config, the agent's own
  settings), to git's own files and to the evidence log are denied.
- Edits to `approval` paths are asked or denied, as `guard.approval` says.
- Reads of the `secrets` category are denied, inside the repository or out of it.
- Tools outside `record.tools.allow` are denied, as AL107 would report them.
- Known ways around the checks in a Bash command are denied.
"""

from __future__ import annotations

from agentlint import classify, structs
from agentlint.guard.workspace import Place
from agentlint.policy.model import Category, Policy, regex
from agentlint.report.paths import quoted

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

EVIDENCE_DIR = ".agentlint/runs/"
RANK = {"allow": 0, "ask": 1, "deny": 2}


class Target(structs.Struct):
    place: Place
    write: bool


class Verdict(structs.Struct):
    decision: str  # allow | ask | deny
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return " ".join(f"agentlint: {r}" for r in self.reasons)


def judge(
    tool_names: Sequence[str],
    targets: Sequence[Target],
    bypasses: Sequence[str],
    policy: Policy,
    attributes: dict[str, frozenset[str]],
    *,
    unknown: Sequence[str] = (),
    refused: Sequence[str] = (),
) -> Verdict:
    found: list[tuple[str, str]] = [("deny", r) for r in dict.fromkeys(refused)]
    for reason in dict.fromkeys(unknown):
        found.append(
            (
                policy.guard.approval,
                f"{reason}. Run the change as edits agentlint can see, or ask a human.",
            )
        )
    tool = _tool(tool_names, policy)
    if tool:
        found.append(("deny", tool))
    for reason in dict.fromkeys(bypasses):
        found.append(
            (
                "deny",
                f"the command is refused because {reason}. agentlint's hooks must run on "
                "every commit and push: commit normally and fix what they report.",
            )
        )
    for target in dict.fromkeys(targets):
        decided = _target(target, policy, attributes.get(target.place.relative or "", frozenset()))
        if decided:
            found.append(decided)
    if not found:
        return Verdict("allow", ())
    worst = max(RANK[d] for d, _ in found)
    decision = next(d for d in RANK if RANK[d] == worst)
    return Verdict(decision, tuple(dict.fromkeys(r for d, r in found if d == decision)))


def _tool(names: Sequence[str], policy: Policy) -> str | None:
    allowed = [regex(r) for _, r in policy.record.tools]
    if any(r.match(name.lower()) for name in names for r in allowed):
        return None
    shown = names[1] if len(names) > 1 and names[0] == "WebFetch" else names[0]
    return (
        f"the tool `{shown}` is not in the policy's tool allowlist (record.tools.allow). Do "
        f"without it, or ask the policy's owners to add `{shown}` to record.tools.extend_allow "
        "in .agentlint.yaml."
    )


def _target(target: Target, policy: Policy, attrs: frozenset[str]) -> tuple[str, str] | None:
    place = target.place
    path = place.relative if place.relative is not None else place.absolute.lstrip("/\\")
    shown = quoted(place.relative if place.relative is not None else place.absolute)
    found = classify.matches(path, policy, attrs)
    secret = next((m.category for m in found if m.category.name == "secrets"), None)
    if not target.write:
        if secret is None:
            return None
        return (
            "deny",
            f"`{shown}` is in the `secrets` category ({secret.description}); agents may not "
            "read secrets. If the task needs a value from it, ask the user for it; a search can "
            "leave it out (`grep --exclude`, `rg -g '!PATH'`, or search other folders).",
        )
    if place.relative is None:
        return _outside(shown, policy, secret)
    if ".git" in path.split("/"):
        return (
            "deny",
            f"`{shown}` is inside .git/, where git's hooks and settings live; an agent may "
            "not change them.",
        )
    if path in (".agentlint", EVIDENCE_DIR.rstrip("/")) or path.startswith(EVIDENCE_DIR):
        return (
            "deny",
            f"`{shown}` is agentlint's evidence log, which only its hooks write.",
        )
    if path.rsplit("/", 1)[-1] == ".gitattributes" and not found:
        return _attributes(shown, policy)
    return _posture(shown, found, policy)


def _attributes(shown: str, policy: Policy) -> tuple[str, str] | None:
    """A .gitattributes file decides which paths are in the categories that read git
    attributes (`generated`): changing it changes what the guard protects next."""
    marked = [c.name for c in policy.categories if c.attributes]
    if not marked:
        return None
    names = ", ".join(f"`{n}`" for n in marked)
    return (
        policy.guard.approval,
        f"`{shown}` decides which paths are in {names} (git attributes such as "
        "linguist-generated), so changing it changes what is protected. Ask a human to "
        "make or approve this change.",
    )


def _outside(shown: str, policy: Policy, secret: Category | None) -> tuple[str, str] | None:
    if secret is not None:
        return ("deny", f"`{shown}` is in the `secrets` category; agents may not write secrets.")
    decision = policy.guard.outside_repo
    if decision == "allow":
        return None
    return (
        decision,
        f"`{shown}` is outside the repository, and the policy (guard.outside_repo) says "
        f"{decision}. Work inside the repository, or ask the user to make this change.",
    )


def _posture(shown: str, found: list[classify.Match], policy: Policy) -> tuple[str, str] | None:
    own = next((m.category for m in found if m.category.name == "policy"), None)
    if own is not None:
        return (
            "deny",
            f"`{shown}` is in the `policy` category ({own.description}): an agent may not "
            "change the rules that check it. Tell the user what should change and let a "
            "human make the change.",
        )
    posture, decisive = classify.winning(found)
    names = ", ".join(f"`{m.category.name}`" for m in decisive)
    if posture == "block":
        return (
            "deny",
            f"`{shown}` is in {names} ({decisive[0].category.description}), which agent "
            "changes may not touch. Leave it alone: tell the user what should change there "
            "and let a human make the change.",
        )
    if posture == "approval":
        return (
            policy.guard.approval,
            f"`{shown}` is in {names}, which needs a human's approval. Ask a human to approve "
            f"the change to {names} before you edit it; they record it with an `Approved-by:` "
            "trailer in a commit after yours (`agentlint approve`).",
        )
    return None
