"""The rule codes agentlint reports. Codes are stable and never reused."""

from __future__ import annotations

from typing import NamedTuple


class Rule(NamedTuple):
    code: str
    name: str
    summary: str


RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        Rule("AL101", "record-missing", "an agent change has no review record"),
        Rule(
            "AL102",
            "record-invalid",
            "the record does not parse or does not match the schema",
        ),
        Rule(
            "AL103",
            "record-files-mismatch",
            "the record's changed files differ from the real diff",
        ),
        Rule(
            "AL104",
            "record-out-of-scope",
            "a changed path is outside the record's allowed paths",
        ),
        Rule(
            "AL105",
            "record-rollback-missing",
            "the rollback plan is missing, empty or a placeholder",
        ),
        Rule(
            "AL106",
            "record-check-missing",
            "a check that the policy requires for the touched paths was not run, or did not pass",
        ),
        Rule(
            "AL107",
            "record-tool-not-allowed",
            "the record lists a tool (network, MCP...) outside the policy's allowlist",
        ),
        Rule(
            "AL108",
            "record-budget-exceeded",
            "the record's cost or size is over the policy's budget",
        ),
        Rule(
            "AL201",
            "protected-path-unapproved",
            "an approval-posture path changed with no valid approval",
        ),
        Rule(
            "AL202",
            "approval-not-authorised",
            "an approval came from someone the policy does not authorise "
            "(including the agent or the author)",
        ),
        Rule("AL203", "approval-stale", "an approved path changed again after the approval"),
        Rule("AL204", "review-missing", "a review-posture path changed with no valid Reviewed-by"),
        Rule("AL205", "blocked-path", "an agent change touched a block-posture path"),
        Rule(
            "AL206",
            "approval-unsigned",
            "the policy requires signed approvals and the signature is missing or bad",
        ),
        Rule("AL301", "test-file-deleted", "a test file was deleted without replacement"),
        Rule(
            "AL302",
            "test-removed",
            "a test disappeared and its checks did not move elsewhere",
        ),
        Rule("AL303", "assertions-reduced", "a test checks less than before"),
        Rule("AL304", "test-skipped", "a skip, xfail or ignore marker was added"),
        Rule(
            "AL305",
            "test-focused",
            "a focus marker (`.only`, `fit`, `fdescribe`) was added",
        ),
        Rule("AL306", "assertion-tautological", "an assertion that cannot fail was added"),
        Rule("AL307", "failure-swallowed", "an assertion's failure is caught and ignored"),
        Rule(
            "AL401",
            "change-too-large",
            "the change touches more files or lines than the policy allows",
        ),
    )
}


def parse_selectors(text: str) -> tuple[str, ...]:
    """`--select AL205,AL3` as prefixes; anything that is not a code prefix is an error,
    so a typo cannot silently select nothing."""
    from agentlint.errors import fail

    selectors = tuple(s.strip().upper() for s in text.split(",") if s.strip())
    for selector in selectors:
        digits = selector[2:]
        is_prefix = selector.startswith("AL") and len(digits) <= 3
        if not (is_prefix and (digits.isdigit() or not digits)):
            raise fail(
                f"--select {selector!r} is not a rule code or prefix",
                fix="use codes such as AL205, or prefixes such as AL2 (see `agentlint rules`)",
            )
    return selectors


def selected(code: str, selectors: tuple[str, ...]) -> bool:
    """Whether `code` is picked by --select style prefixes (empty: everything)."""
    return not selectors or any(code.startswith(s) for s in selectors)
