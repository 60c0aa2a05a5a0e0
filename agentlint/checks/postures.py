"""Apply each judged path's winning posture: block (AL205), review (AL204) and approval
(AL201, AL202, AL203, AL206). The `record` posture is checked with the review record."""

from __future__ import annotations

from agentlint.change.model import Change
from agentlint.checks import approvals
from agentlint.classify import Match
from agentlint.findings import Finding
from agentlint.policy.model import Category, Policy
from agentlint.scope import Scope


def check_postures(change: Change, policy: Policy, scope: Scope) -> list[Finding]:
    findings: list[Finding] = []
    for path, (posture, decisive) in scope.postures.items():
        if posture == "block":
            findings.append(_blocked(change, scope, path, decisive[0]))
        elif posture in ("approval", "review"):
            for match in decisive:
                findings += _gate(change, policy, scope, path, match, posture)
    findings += _pr_approvals(change)
    return findings


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
    change: Change, policy: Policy, scope: Scope, path: str, match: Match, posture: str
) -> list[Finding]:
    context = approvals.Context.for_path(change, policy, scope.touches[path], match.category)
    verdicts = [approvals.judge(o, context) for o in approvals.offers(change, "approved-by")]
    if posture == "review":
        return _review(change, path, context, verdicts)
    return _approval(change, path, match, context, verdicts)


def _approval(
    change: Change,
    path: str,
    match: Match,
    context: approvals.Context,
    verdicts: list[approvals.Verdict],
) -> list[Finding]:
    policy, category = context.policy, context.category
    if any(v.code is None for v in verdicts):  # approved: say only which others did not count
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
    unverifiable = change.mode == "staged" and policy.require_signed  # CI verifies it
    if not verdicts:
        how = _how_to_approve(policy, category, unverifiable)
        return [
            _finding(
                "AL201",
                f"changed without an approval for category {category.name!r} "
                f"(pattern {match.reason!r}); {how}",
                path,
                category,
                change.commits[context.last].sha,
                "warning" if unverifiable else "error",
            )
        ]
    return [
        _finding(
            v.code or "AL202",
            f"{v.reason}, so {category.name!r} is not approved; {_fix(v.code, policy, category)}",
            path,
            category,
            v.offer.commit.sha,
            "warning" if unverifiable and v.code == "AL206" else "error",
        )
        for v in verdicts
    ]


def _review(
    change: Change, path: str, context: approvals.Context, verdicts: list[approvals.Verdict]
) -> list[Finding]:
    if any(v.code is None for v in verdicts):  # an approval also satisfies a review
        return []
    review = context.for_review()
    reviews = [approvals.judge(o, review) for o in approvals.offers(change, "reviewed-by")]
    if any(v.code is None for v in reviews):
        return []
    category = context.category
    why = "; ".join(f"{v.reason}, so it does not count" for v in reviews)
    who = ", ".join(category.reviewers) if category.reviewers else "a human who is not the author"
    text = (
        f"changed without a valid review for category {category.name!r}"
        + (f" ({why})" if why else "")
        + f"; add `Reviewed-by: Name <email>` from {who} in a commit after the change"
    )
    return [_finding("AL204", text, path, category, change.commits[context.last].sha, "error")]


def _how_to_approve(policy: Policy, category: Category, staged: bool) -> str:
    approvers = policy.approvers_for(category)
    if not approvers:
        return (
            f"no approvers are configured: list them under categories.{category.name}"
            ".approvers in .agentlint.yaml, then have one add `Approved-by: Name <email>`"
        )
    who = ", ".join(approvers)
    how = (
        "in a signed commit after the change"
        if policy.require_signed
        else ("in this commit's message or a later commit")
    )
    later = "; CI verifies the signature" if staged else ""
    return f"have an approver ({who}) add `Approved-by: Name <email>` {how}{later}"


def _fix(code: str | None, policy: Policy, category: Category) -> str:
    if code == "AL203":
        return "approve again in a commit after the last change to these paths"
    if code == "AL206":
        return (
            f"the approver signs a commit carrying the approval with a key listed for their "
            f"email in {policy.allowed_signers}"
        )
    return _how_to_approve(policy, category, False)


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
