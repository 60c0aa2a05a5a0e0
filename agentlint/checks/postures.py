"""Apply each judged path's winning posture: block (AL205), review (AL204) and approval
(AL201, AL202, AL203, AL206). The `record` posture is checked with the review record."""

from __future__ import annotations

from agentlint import structs
from agentlint.change.model import Change, Identity
from agentlint.checks import approvals
from agentlint.classify import Match
from agentlint.findings import Finding
from agentlint.policy.model import Category, Policy
from agentlint.scope import Scope

TYPE_CHECKING = False
if TYPE_CHECKING:
    from agentlint.checks.approvals import Offer


def check_postures(change: Change, policy: Policy, scope: Scope) -> list[Finding]:
    findings: list[Finding] = []
    offered = Offered(
        approvals.offers(change, "approved-by"), approvals.offers(change, "reviewed-by")
    )
    for path, (posture, decisive) in scope.postures.items():
        if posture == "block":
            findings.append(_blocked(change, scope, path, decisive[0]))
        elif posture in ("approval", "review"):
            for match in decisive:
                findings += _gate(change, policy, scope, path, match, posture, offered)
    findings += _pr_approvals(change)
    return findings


class Offered(structs.Struct):
    approvals: list[Offer]
    reviews: list[Offer]


def _blocked(change: Change, scope: Scope, path: str, match: Match) -> Finding:
    first = change.commits[scope.touches[path][0]]
    extra = " (and rotate the secret if it was real)" if match.category.name == "secrets" else ""
    return Finding(
        "AL205",
        f"agents may not touch this path (category {match.category.name!r}, "
        f"pattern {match.reason!r}); remove it from the change{extra}",
        path,
        commit=first.sha,
        category=match.category.name,
    )


def _gate(
    change: Change,
    policy: Policy,
    scope: Scope,
    path: str,
    match: Match,
    posture: str,
    offered: Offered,
) -> list[Finding]:
    context = approvals.Context.for_path(change, policy, scope.touches[path], match.category)
    assessed = approvals.assess(offered.approvals, context)
    if posture == "review":
        return _review(change, path, context, assessed, offered.reviews)
    return _approval(change, path, match, context, assessed)


def _approval(
    change: Change,
    path: str,
    match: Match,
    context: approvals.Context,
    assessed: approvals.Assessment,
) -> list[Finding]:
    policy, category = context.policy, context.category
    verdicts = assessed.verdicts
    if not assessed.uncovered:  # approved: say only which others did not count
        return [
            _finding(
                "AL202",
                f"{v.reason}; it does not count",
                path,
                category,
                v.offer.commit.sha,
                "warning",
            )
            for v in verdicts
            if v.code == "AL202"
        ]
    pending = policy.is_pending(change.mode)  # the approval comes later; CI enforces it
    severity = "warning" if pending else "error"
    last = change.commits[assessed.uncovered[-1]]
    if assessed.older is not None:
        fix = pending_note(policy, category) if pending else _fix("AL203", policy, category)
        return [
            _finding(
                "AL203",
                f"{approvals.uncovered_reason(assessed, context)}; {fix}",
                path,
                category,
                last.sha,
                severity,
            )
        ]
    if not verdicts or all(v.code in (None, "AL203") for v in verdicts):
        how = pending_note(policy, category) if pending else _how_to_approve(policy, category)
        why = approvals.uncovered_reason(assessed, context) if verdicts else ""
        return [
            _finding(
                "AL201",
                f"changed without an approval for category {category.name!r} "
                f"(pattern {match.reason!r}) in {last.label}{'; ' + why if why else ''}; {how}",
                path,
                category,
                last.sha,
                severity,
            )
        ]
    return [
        _finding(
            v.code,
            f"{v.reason}, so {category.name!r} is not approved; "
            f"{_fix(v.code, policy, category, v.offer.identity)}",
            path,
            category,
            v.offer.commit.sha,
            "warning" if pending and v.code == "AL206" else "error",
        )
        for v in verdicts
        if v.code is not None
    ]


def _review(
    change: Change,
    path: str,
    context: approvals.Context,
    assessed: approvals.Assessment,
    offered: list[approvals.Offer],
) -> list[Finding]:
    if not assessed.uncovered:  # an approval also satisfies a review
        return []
    review = approvals.assess(offered, context.for_review(), also=assessed.verdicts)
    if not review.uncovered:
        return []
    category = context.category
    why = "; ".join(
        f"{v.reason}, so it does not count"
        for v in review.verdicts
        if v.code not in (None, "AL203")
    )
    if any(v.code in (None, "AL203") for v in review.verdicts):
        why = "; ".join(filter(None, [why, approvals.uncovered_reason(review, context)]))
    who = ", ".join(category.reviewers) if category.reviewers else "a human who is not the author"
    signed = " in a signed commit" if context.signed else ""
    text = (
        f"changed without a valid review for category {category.name!r}"
        + (f" ({why})" if why else "")
        + f"; add `Reviewed-by: Name <email>` from {who}{signed} in a commit after the change"
    )
    pending = context.policy.is_pending(change.mode)
    if pending:
        text += f"; pending: {who} reviews it before merge, and CI enforces it"
    last = change.commits[review.uncovered[-1]]
    return [_finding("AL204", text, path, category, last.sha, "warning" if pending else "error")]


def _how_to_approve(policy: Policy, category: Category) -> str:
    approvers = policy.approvers_for(category)
    if not approvers:
        return (
            f"no approvers are configured: list them under categories.{category.name}"
            ".approvers in .agentlint.yaml, then have one add `Approved-by: Name <email>`"
        )
    who = ", ".join(approvers)
    how = "in a signed commit after the change" if policy.require_signed else "in a later commit"
    return f"have an approver ({who}) run `agentlint approve` (an `Approved-by:` {how})"


def pending_note(policy: Policy, category: Category) -> str:
    """What happens next for a finding that is pending at a local stage."""
    approvers = policy.approvers_for(category)
    if not approvers:
        return (
            f"pending: it needs an approval before merge, but no approvers are configured: "
            f"list them under categories.{category.name}.approvers in .agentlint.yaml"
        )
    signed = " (signed)" if policy.require_signed else ""
    return (
        f"pending: needs an approval{signed} from one of {', '.join(approvers)} before merge; "
        "an approver runs `agentlint approve` after this commit, and CI enforces it"
    )


def _fix(code: str | None, policy: Policy, category: Category, who: Identity | None = None) -> str:
    if code == "AL202" and who is not None:
        others = [a for a in policy.approvers_for(category) if a != who.email.lower()]
        if not others:
            return (
                f"no other approver is configured for {category.name!r}: list one under "
                f"categories.{category.name}.approvers (or approvals.approvers) in "
                ".agentlint.yaml"
            )
        return f"ask another approver ({', '.join(others)}) to run `agentlint approve`"
    if code == "AL203":
        return "approve again in a commit after the last change to these paths"
    if code == "AL206":
        return (
            f"the approver signs a commit carrying the approval with a key listed for their "
            f"email in {policy.allowed_signers}"
        )
    return _how_to_approve(policy, category)


def _finding(
    code: str, message: str, path: str, category: Category, sha: str | None, severity: str
) -> Finding:
    return Finding(code, message, path, commit=sha, category=category.name, severity=severity)


def _pr_approvals(change: Change) -> list[Finding]:
    return [
        Finding(
            "AL202",
            f"`Approved-by: {t.value}` in the PR title or body does not count; "
            "approvals must be in commits (a squash merge would rewrite them)",
            None,
            severity="warning",
        )
        for t in change.pr_trailers
        if t.key.lower() == "approved-by"
    ]
