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


def _approval(
    value: str, sha: str = "b" * 40, signature: Signature | None = None, parent: str = "a" * 40
) -> Commit:
    return Commit(
        sha, (parent,), HANNAH, HANNAH, "approve", (Trailer("Approved-by", value),), (), signature
    )


def _verdict(approval: Commit, *, signed: bool = False, first: Commit = AGENT_CHANGE):
    change = Change("range", "0" * 40, approval.sha, (first, approval), ())
    context = approvals.Context.for_path(change, POLICY, (0,), CI)._replace(signed=signed)
    (offer,) = approvals.offers(change, "approved-by")
    return approvals.judge(offer, context)


def test_authorised_human_after_the_change_counts():
    assert _verdict(_approval("Alice <ALICE@example.com>")).code is None


def test_a_bare_address_is_that_approver():
    """`Approved-by: alice@example.com` is a trailer git reads; the address is Alice's."""
    assert _verdict(_approval("alice@example.com")).code is None
    assert _verdict(_approval("<alice@example.com>")).code is None
    assert _verdict(_approval("bob@example.com")).code == "AL202"
    assert _verdict(_approval("alice at example.com")).code == "AL202"


def test_each_way_an_offer_fails():
    assert _verdict(_approval("alice")).code == "AL202"
    assert _verdict(_approval("Bob <bob@example.com>")).code == "AL202"
    assert _verdict(_approval("Claude <noreply@anthropic.com>")).code == "AL202"
    own = Commit("a" * 40, (), Identity("Alice", "alice@example.com"), HANNAH, "x", (), ("p",))
    assert "authored or committed" in _verdict(_approval("A <alice@example.com>"), first=own).reason


def test_an_offer_before_the_last_change_is_stale():
    approval = _approval("Alice <alice@example.com>", parent="0" * 40)
    change = Change("range", None, None, (approval, AGENT_CHANGE._replace(parents=("b" * 40,))), ())
    context = approvals.Context.for_path(change, POLICY, (1,), CI)._replace(signed=False)
    (offer,) = approvals.offers(change, "approved-by")
    assert approvals.judge(offer, context).code == "AL203"
    assessed = approvals.assess([offer], context)
    assert assessed.uncovered == (1,) and assessed.older is not None


def _graph() -> tuple[Change, approvals.Context]:
    """0: a change; 1: a change on a sibling line; 2: an approval after 0 only; 3: a
    merge of 1 and 2; 4: an approval after the merge."""
    alice = "Alice <alice@example.com>"
    sha = [c * 40 for c in "abcde"]
    commits = (
        AGENT_CHANGE._replace(sha=sha[0]),
        AGENT_CHANGE._replace(sha=sha[1], parents=(sha[0],)),
        _approval(alice, sha=sha[2], parent=sha[0]),
        AGENT_CHANGE._replace(sha=sha[3], parents=(sha[1], sha[2]), paths=()),
        _approval(alice, sha=sha[4], parent=sha[3]),
    )
    change = Change("range", None, None, commits, ())
    context = approvals.Context.for_path(change, POLICY, (0, 1), CI)._replace(signed=False)
    return change, context


def test_an_approval_covers_exactly_its_ancestors():
    change, context = _graph()
    first, last = approvals.offers(change, "approved-by")
    assert first.covers == {0, 2} and last.covers == {0, 1, 2, 3, 4}
    partial = approvals.assess([first], context)
    assert partial.uncovered == (1,) and partial.older is None  # a sibling: not stale
    assert approvals.assess([first, last], context).uncovered == ()


def test_an_approval_on_a_parallel_line_covers_nothing():
    change, context = _graph()
    first, _ = approvals.offers(change, "approved-by")
    verdict = approvals.judge(first, context._replace(touching=(1,)))
    assert verdict.code == "AL203" and "not one of its ancestors" in verdict.reason


def test_the_approvers_key_on_a_covered_commit_is_self_approval():
    key = Signature("G", "alice@example.com", "SHA256:alice")
    own = AGENT_CHANGE._replace(signature=Signature("G", "alice@example.com", "SHA256:alice"))
    verdict = _verdict(_approval("A <alice@example.com>", signature=key), signed=True, first=own)
    assert verdict.code == "AL202" and "self-approval" in verdict.reason
    # the same key listed under another principal is still the approver's key
    alias = AGENT_CHANGE._replace(signature=Signature("G", "bot@example.com", "SHA256:alice"))
    verdict = _verdict(_approval("A <alice@example.com>", signature=key), signed=True, first=alias)
    assert verdict.code == "AL202"
    other = AGENT_CHANGE._replace(signature=Signature("G", "bot@example.com", "SHA256:bot"))
    verdict = _verdict(_approval("A <alice@example.com>", signature=key), signed=True, first=other)
    assert verdict.code is None


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
    assert review.authorised is None
    assert review.signed is True  # reviews need a signature too when approvals do
