"""Whether Approved-by and Reviewed-by trailers count, for one category's paths.

An approval counts only when the approver is authorised for the category, is neither an
agent nor the author or committer of a commit it covers, sits at or after the last commit
that touched the paths, and (when the policy says so) is in a commit that git verifies
as signed by the approver's own key.
"""

from __future__ import annotations

from typing import NamedTuple

from agentlint import detect
from agentlint.change.model import Change, Commit, Identity
from agentlint.change.parse import parse_identity
from agentlint.policy.model import Category, Policy


class Offer(NamedTuple):
    position: int  # the commit carrying the trailer
    commit: Commit
    text: str
    identity: Identity | None


class Verdict(NamedTuple):
    offer: Offer
    code: str | None  # None when the offer counts
    reason: str


def offers(change: Change, key: str) -> list[Offer]:
    found = []
    for n, commit in enumerate(change.commits):
        for trailer in commit.trailers:
            if trailer.key.lower() == key:
                found.append(Offer(n, commit, trailer.value, parse_identity(trailer.value)))
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


class Context(NamedTuple):
    """What an offer is judged against, for one path of one category."""

    policy: Policy
    category: Category
    covered: tuple[Commit, ...]  # the judged commits that touched the path
    last: int  # index of the last of them
    authorised: tuple[str, ...] | None  # None: any human may give it (reviews)
    signed: bool

    @classmethod
    def for_path(
        cls, change: Change, policy: Policy, touching: tuple[int, ...], category: Category
    ) -> Context:
        covered = tuple(change.commits[n] for n in touching)
        return cls(
            policy,
            category,
            covered,
            touching[-1],
            policy.approvers_for(category),
            policy.require_signed,
        )

    def for_review(self) -> Context:
        return self._replace(authorised=self.category.reviewers or None, signed=False)


def judge(offer: Offer, context: Context) -> Verdict:
    """One offer's verdict: None as the code when it counts."""
    ident = offer.identity
    if ident is None:
        return Verdict(offer, "AL202", f"{offer.text!r} is not `Name <email>`")
    email = ident.email.lower()
    if detect.is_agent_identity(ident, context.policy):
        return Verdict(offer, "AL202", f"{ident} is an agent identity")
    authorised = context.authorised
    if authorised is not None and email not in authorised:
        listed = ", ".join(authorised) if authorised else "nobody (no approvers are configured)"
        return Verdict(
            offer,
            "AL202",
            f"{ident} is not an approver of {context.category.name!r} (approvers: {listed})",
        )
    people = {c.author.email.lower() for c in context.covered}
    people |= {c.committer.email.lower() for c in context.covered}
    if email in people:
        return Verdict(offer, "AL202", f"{ident} authored or committed the change it approves")
    if offer.position < context.last:
        return Verdict(
            offer,
            "AL203",
            f"the approval by {ident} in {offer.commit.label} "
            "predates a later change to these paths",
        )
    if context.signed:
        problem = _signature_problem(offer, email)
        if problem:
            return Verdict(
                offer, "AL206", f"the approval by {ident} in {offer.commit.label} {problem}"
            )
    return Verdict(offer, None, f"approved by {ident}")
