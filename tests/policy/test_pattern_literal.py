"""The literal pre-check in Pattern.matches must never change a verdict: a path it rejects
is a path the pattern's regex does not match."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from agentlint.policy import builtin
from agentlint.policy.compile import patterns
from agentlint.policy.model import Pattern, regex, required_literal


def _slow(pattern: Pattern, path: str) -> bool:
    compiled = regex(pattern.regex)
    return compiled.match(path) is not None or compiled.match(path + "/") is not None


def _compiled(texts: list[str]) -> list[Pattern]:
    return [Pattern(*p) for p in patterns(texts, [], lambda i: "x")]


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet="ab./*?[]!-\\ ", min_size=1, max_size=10),
    st.lists(st.text(alphabet="ab./- ", min_size=1, max_size=10), min_size=1, max_size=5),
)
def test_literal_check_agrees_with_the_regex(text, paths):
    for pattern in _compiled([text]):
        for path in paths:
            assert pattern.matches(path) == _slow(pattern, path), (text, path)


BUILTIN = [p for c in builtin.CATEGORIES.values() for p in c.get("paths", [])]
PATHS = [
    "Dockerfile",
    "src/Dockerfile.prod",
    ".github/workflows/ci.yml",
    ".github/workflows",
    "deploy/k8s/app.yaml",
    "db/migrate/2024_add.rb",
    "V12__init.sql",
    "src/payments/stripe.py",
    "services/auth_service.py",
    "package.json",
    "web/package-lock.json",
    "config/.env.production",
    "src/app.py",
    "a/b/c/d.txt",
]


def test_builtin_patterns_agree_with_their_regexes():
    for pattern in _compiled(BUILTIN + builtin.SOURCE_PATTERNS):
        for path in PATHS:
            assert pattern.matches(path) == _slow(pattern, path), (pattern.text, path)


def test_required_literals():
    assert required_literal("*.tf") == ".tf"
    assert required_literal("/docs/") == "docs"
    assert required_literal("**/a/b") == "a/b"
    assert required_literal("V[0-9]*__*.sql") == ".sql"
    assert required_literal("foo\\ ") == ""  # escapes: always ask the regex


def _category(texts: list[str]):  # type: ignore[no-untyped-def]
    from agentlint.policy.model import Category, literal_filter

    compiled = tuple(_compiled(texts))
    needs = literal_filter([p.text for p in compiled])
    return Category(
        "c", "", "approval", "x", compiled, (), (), (), (), None, tuple(needs) if needs else None
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="aB./*?[]!-", min_size=1, max_size=8), min_size=1, max_size=6),
    st.lists(st.text(alphabet="abAB./- ", min_size=1, max_size=10), min_size=1, max_size=5),
    st.booleans(),
)
def test_category_literal_filter_never_changes_a_verdict(texts, paths, ignorecase):
    """One search for a category's literals stands in for a call per pattern: it must
    reject only paths that no pattern would match, case-folded or not."""
    from agentlint.classify import decide, decide_paths

    category = _category(texts)
    for path in paths:
        assert decide_paths(category, path, ignorecase) == decide(
            category.paths, path, ignorecase
        ), (texts, path, ignorecase)


def test_builtin_categories_have_literal_filters():
    from agentlint.policy.load import load_policy

    policy = load_policy(None, source="built-in policy")
    assert all(c.needs for c in policy.categories), [
        c.name for c in policy.categories if not c.needs
    ]
