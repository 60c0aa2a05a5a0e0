"""Whether Approved-by and Reviewed-by trailers count, for one category's paths.

An approval covers exactly the commits that are its ancestors (its own commit included).
It counts only when the commit carrying it is not agent work (an agent can write any
trailer), the approver is authorised for the category, is neither an agent nor
the author or committer of a commit it covers (nor, with signed approvals, the holder of
the key that signed one), covers at least one change to the paths, and (when the policy
says so) is in a commit that git verifies as signed by the approver's own key. A path is
approved when every change to it is covered by an approval that counts.
"""

from __future__ import annotations

from agentlint import detect, structs
from agentlint.change.model import Change, Commit, Identity
from agentlint.change.parse import parse_identity, parse_signoff
from agentlint.policy.model import Category, Policy

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable


class Offer(structs.Struct):
    position: int  # the commit carrying the trailer
    commit: Commit
    text: str
    identity: Identity | None
    covers: frozenset[int] = frozenset()  # its ancestors in the change, itself included


class Verdict(structs.Struct):
    offer: Offer
    code: str | None  # None when the offer counts
    reason: str


def offers(change: Change, key: str) -> list[Offer]:
    found = []
    for n, commit in enumerate(change.commits):
        values = [t.value for t in commit.trailers if t.key.lower() == key]
        if values:
            from agentlint.change import history  # only where a trailer offers approval

            covers = history.ancestors(change.commits, [n])
            found += [Offer(n, commit, v, parse_signoff(v), covers) for v in values]
    return found


def _signer_email(signer: str) -> str:
    ident = parse_identity(signer)
    return (ident.email if ident else signer).strip().lower()


_SIGNATURE_STATES = {
    "N": "is not signed",
    "B": "has a bad signature",
    "U": "is signed by a key that is not in the allowed-signers file",
    "E": "has a signature git cannot check (is the key in the allowed-signers file?)",
    "X": "has an expired signature",
    "Y": "is signed by an expired key",
    "R": "is signed by a revoked key",
}


def _signature_problem(offer: Offer, email: str) -> str | None:
    commit = offer.commit
    if commit.sha is None:
        return "cannot be verified yet: the commit does not exist until it is made"
    signature = commit.signature
    if signature is None or signature.status != "G":
        return _SIGNATURE_STATES.get(signature.status if signature else "N", "is not verified")
    if _signer_email(signature.signer) != email:
        return f"is signed by {signature.signer}, not by the approver"
    return None


class Context(structs.Struct):
    """What an offer is judged against, for one path of one category."""

    policy: Policy
    category: Category
    commits: tuple[Commit, ...]  # every commit of the change
    touching: tuple[int, ...]  # the judged commits that touched the path, in order
    authorised: tuple[str, ...] | None  # None: any human may give it (reviews)
    signed: bool

    @property
    def last(self) -> int:
        return self.touching[-1]

    @classmethod
    def for_path(
        cls, change: Change, policy: Policy, touching: tuple[int, ...], category: Category
    ) -> Context:
        return cls(
            policy,
            category,
            change.commits,
            touching,
            policy.approvers_for(category),
            policy.require_signed,
        )

    def for_review(self) -> Context:
        return self._replace(authorised=self.category.reviewers or None)


def judge(offer: Offer, context: Context) -> Verdict:
    """One offer's verdict: None as the code when it counts (for the changes it covers)."""
    ident = offer.identity
    if ident is None:
        return Verdict(offer, "AL202", f"{offer.text!r} is not `Name <email>`")
    email = ident.email.lower()
    if detect.is_agent_identity(ident, context.policy):
        return Verdict(offer, "AL202", f"{ident} is an agent identity")
    carrier = _agent_carrier(offer.commit, context.policy)
    if carrier is not None:
        return Verdict(
            offer,
            "AL202",
            f"the approval by {ident} is written in {offer.commit.label}, which {carrier}, "
            "and an agent can write any trailer: the approver gives it in a commit of their "
            "own (`agentlint approve`)",
        )
    authorised = context.authorised
    if authorised is not None and email not in authorised:
        listed = ", ".join(authorised) if authorised else "nobody (no approvers are configured)"
        return Verdict(
            offer,
            "AL202",
            f"{ident} is not an approver of {context.category.name!r} (approvers: {listed})",
        )
    covered = [context.commits[n] for n in context.touching if n in offer.covers]
    people = {c.author.email.lower() for c in covered}
    people |= {c.committer.email.lower() for c in covered}
    if email in people:
        return Verdict(offer, "AL202", f"{ident} authored or committed the change it approves")
    if context.signed:
        own = _signed_by_approver(offer, email, covered)
        if own is not None:
            return Verdict(
                offer,
                "AL202",
                f"{own.label}, which it covers, is signed with the key of {ident}, "
                "so the approval is self-approval",
            )
        problem = _signature_problem(offer, email)
        if problem:
            return Verdict(
                offer, "AL206", f"the approval by {ident} in {offer.commit.label} {problem}"
            )
    if not covered:
        change = context.commits[context.last]
        return Verdict(
            offer,
            "AL203",
            f"the approval by {ident} in {offer.commit.label} does not cover the change in "
            f"{change.label}, which is not one of its ancestors",
        )
    return Verdict(offer, None, f"approved by {ident}")


def _agent_carrier(commit: Commit, policy: Policy) -> str | None:
    """How the commit carrying a sign-off is an agent's (it authored or committed it, or
    the commit is agent work by any detector), or None: its trailers are then the person's."""
    for role, identity in (("author", commit.author), ("committer", commit.committer)):
        if detect.is_agent_identity(identity, policy):
            return f"has the agent {identity} as its {role}"
    detector = detect.commit_detector(commit, policy)
    return f"is agent work ({detector})" if detector else None


def _signed_by_approver(offer: Offer, email: str, covered: Iterable[Commit]) -> Commit | None:
    """A covered commit signed with the approver's key: the same key as the approval, or
    a key the allowed-signers file lists for the approver's email."""
    own = offer.commit.signature
    key = own.key if own is not None and own.status == "G" else ""
    for commit in covered:
        signature = commit.signature
        if signature is None or signature.status == "N":
            continue
        if (key and signature.key == key) or _signer_email(signature.signer) == email:
            return commit
    return None


class Assessment(structs.Struct):
    """The verdicts on every offer for one path, and the changes left uncovered."""

    verdicts: list[Verdict]
    uncovered: tuple[int, ...]  # touching commits that no counting offer covers
    older: Verdict | None  # a valid approval given before an uncovered change (stale)


def assess(offered: Iterable[Offer], context: Context, also: Iterable[Verdict] = ()) -> Assessment:
    """Judge each offer; the path is approved when `uncovered` is empty. Verdicts in
    `also` (approvals, when reviews are assessed) cover changes too."""
    verdicts = [judge(o, context) for o in offered]
    counted = [v for v in (*verdicts, *also) if v.code is None]
    covered = set().union(*(v.offer.covers for v in counted))
    uncovered = tuple(n for n in context.touching if n not in covered)
    older = None
    if uncovered:
        from agentlint.change import history

        before = history.ancestors(context.commits, uncovered)
        older = next(
            (
                v
                for v in reversed(verdicts)
                if v.code in (None, "AL203") and v.offer.position in before
            ),
            None,
        )
    return Assessment(verdicts, uncovered, older)


def uncovered_reason(assessed: Assessment, context: Context) -> str:
    """Why a path is not approved although some offers counted or were only misplaced."""
    last = context.commits[assessed.uncovered[-1]]
    if assessed.older is not None:
        offer = assessed.older.offer
        return (
            f"the approval by {offer.identity} in {offer.commit.label} predates a later "
            f"change in {last.label} (an approval covers only its ancestors)"
        )
    return "; ".join(
        f"the approval by {v.offer.identity} in {v.offer.commit.label} does not cover "
        f"{last.label}, because that change is not one of its ancestors"
        for v in assessed.verdicts
        if v.code in (None, "AL203")
    )
