"""The rule codes agentlint reports. Codes are stable and never reused."""

from __future__ import annotations

from agentlint import structs


class Rule(structs.Struct):
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


def code_for(token: str) -> str | None:
    """The rule code that `token` names (a code such as AL303 or a name such as
    assertions-reduced, any case), or None."""
    upper = token.strip().upper()
    if upper in RULES:
        return upper
    lower = token.strip().lower()
    return next((r.code for r in RULES.values() if r.name == lower), None)


def did_you_mean(token: str) -> str:
    """`, did you mean X?` for the closest rule code or name, or nothing. Typing slips are
    counted as git counts them for its own suggestions: an edit, or two letters swapped."""
    word = token.strip()
    words = [*RULES, *(r.name for r in RULES.values())]
    scored = sorted((_distance(word.upper() if w in RULES else word.lower(), w), w) for w in words)
    best, choice = scored[0]
    return f", did you mean {choice}?" if best <= max(1, len(choice) // 4) else ""


def _distance(a: str, b: str) -> int:
    """Edits between `a` and `b`, a swap of neighbours counting as one (optimal string
    alignment)."""
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, rows[-2][j - 2] + 1)
            row.append(cost)
        rows.append(row)
    return rows[-1][-1]


def parse_selectors(text: str) -> tuple[str, ...]:
    """`--select AL205,AL3,test-skipped`: codes, prefixes of codes, or rule names. Anything
    that selects no rule is an error, so a typo cannot silently select nothing."""
    from agentlint.errors import fail

    selectors: list[str] = []
    for token in (s.strip() for s in text.split(",")):
        if not token:
            continue
        code = code_for(token)
        upper = token.upper()
        is_prefix = upper.startswith("AL") and len(upper) < 5
        if code is None and is_prefix and any(c.startswith(upper) for c in RULES):
            code = upper  # a prefix such as AL2 or AL30
        if code is None:
            raise fail(
                f"--select {token!r} is not a rule code, prefix or name{did_you_mean(token)}",
                fix="use codes such as AL205, prefixes such as AL2, or names such as "
                "test-skipped (see `agentlint rules`)",
            )
        selectors.append(code)
    return tuple(selectors)


def selected(code: str, selectors: tuple[str, ...]) -> bool:
    """Whether `code` is picked by --select style prefixes (empty: everything)."""
    return not selectors or any(code.startswith(s) for s in selectors)


def family_selected(family: str, selectors: tuple[str, ...]) -> bool:
    """Whether --select style prefixes pick any rule of `family` (a prefix such as AL3):
    a check whose family none picks need not run."""
    return not selectors or any(s.startswith(family) or family.startswith(s) for s in selectors)
