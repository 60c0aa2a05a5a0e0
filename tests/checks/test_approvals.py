"""approvals.judge is a pure function of an offer and its context: tested without git."""

from __future__ import annotations

from agentlint.change.model import Change, Commit, Identity, Signature, Trailer
from agentlint.checks import approvals
from agentlint.policy.load import compile_text
from agentlint.policy.model import build

POLICY = build(
    compile_text(
        b"categories:\n  ci:\n    approvers: [alice@example.com]\n"
        b"approvals:\n  require_signed: true\n  allowed_signers: s\n",
        source="c.yaml",
    ),
    "c.yaml",
)
CI = POLICY.category("ci")
HANNAH = Identity("Hannah", "hannah@example.com")
AGENT_CHANGE = Commit("a" * 40, (), HANNAH, HANNAH, "agent", (), (".github/workflows/x.yml",))


def _approval(value: str, sha: str = "b" * 40, signature: Signature | None = None) -> Commit:
    return Commit(
        sha, (), HANNAH, HANNAH, "approve", (Trailer("Approved-by", value),), (), signature
    )


def _verdict(approval: Commit, *, signed: bool = False, first: Commit = AGENT_CHANGE):
    change = Change("range", "0" * 40, approval.sha, (first, approval), ())
    context = approvals.Context.for_path(change, POLICY, (0,), CI)._replace(signed=signed)
    (offer,) = approvals.offers(change, "approved-by")
    return approvals.judge(offer, context)


def test_authorised_human_after_the_change_counts():
    assert _verdict(_approval("Alice <ALICE@example.com>")).code is None


def test_each_way_an_offer_fails():
    assert _verdict(_approval("alice")).code == "AL202"
    assert _verdict(_approval("Bob <bob@example.com>")).code == "AL202"
    assert _verdict(_approval("Claude <noreply@anthropic.com>")).code == "AL202"
    own = Commit("a" * 40, (), Identity("Alice", "alice@example.com"), HANNAH, "x", (), ("p",))
    assert "authored or committed" in _verdict(_approval("A <alice@example.com>"), first=own).reason


def test_an_offer_before_the_last_change_is_stale():
    change = Change("range", None, None, (_approval("Alice <alice@example.com>"), AGENT_CHANGE), ())
    context = approvals.Context.for_path(change, POLICY, (1,), CI)
    (offer,) = approvals.offers(change, "approved-by")
    assert approvals.judge(offer, context).code == "AL203"


def test_signature_must_be_good_and_the_approvers():
    good = Signature("G", "alice@example.com")
    assert _verdict(_approval("A <alice@example.com>", signature=good), signed=True).code is None
    for signature, text in [
        (None, "is not signed"),
        (Signature("B", ""), "bad signature"),
        (Signature("U", "x"), "not in the allowed-signers file"),
        (Signature("G", "Mallory <mallory@example.com>"), "not by the approver"),
    ]:
        verdict = _verdict(_approval("A <alice@example.com>", signature=signature), signed=True)
        assert (verdict.code, text in verdict.reason) == ("AL206", True)


def test_review_context_accepts_any_human_when_no_reviewers_are_listed():
    change = Change("range", None, None, (AGENT_CHANGE,), ())
    review = approvals.Context.for_path(change, POLICY, (0,), CI).for_review()
    assert review.authorised is None and review.signed is False
