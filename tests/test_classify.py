"""Sorting paths into categories: gitignore semantics, excludes, attributes, strictness."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agentlint import classify
from agentlint.policy.load import compile_text
from agentlint.policy.model import build


def _policy(text: str):
    return build(compile_text(f"extends: none\n{text}".encode(), source="c.yaml"), "c.yaml")


POLICY = _policy(
    "categories:\n"
    "  yaml:\n    paths: ['*.yml', '!docs/**']\n    posture: review\n"
    "  ci:\n    paths: [.github/]\n    exclude: ['*.md', '!.github/critical.md']\n"
    "    posture: approval\n"
    "  gen:\n    paths: [gen/]\n    attributes: [linguist-generated]\n    posture: approval\n"
    "  keys:\n    paths: ['*.pem']\n    posture: block\n"
)


def _names(path: str, attrs: frozenset[str] = frozenset()) -> list[str]:
    return [m.category.name for m in classify.matches(path, POLICY, attrs)]


def test_negated_path_pattern_takes_a_file_out():
    assert _names("ci.yml") == ["yaml"]
    assert _names("docs/site.yml") == []


def test_exclude_with_its_own_negation():
    assert _names(".github/README.md") == []
    assert _names(".github/critical.md") == ["ci"]
    assert _names(".github/workflows/x.yml") == ["yaml", "ci"]


def test_attribute_puts_a_file_in_a_category():
    assert _names("src/api.ts") == []
    assert _names("src/api.ts", frozenset({"linguist-generated"})) == ["gen"]


def test_reason_is_the_deciding_pattern():
    match = classify.matches(".github/workflows/x.yml", POLICY)[1]
    assert (match.category.name, match.reason) == ("ci", ".github/")
    generated = classify.matches("x.ts", POLICY, frozenset({"linguist-generated"}))[0]
    assert generated.reason == "gitattributes: linguist-generated"


def test_strictest_posture_wins():
    posture, decisive = classify.winning(classify.matches(".github/key.pem", POLICY))
    assert posture == "block" and [m.category.name for m in decisive] == ["keys"]
    assert classify.winning([]) == ("allow", [])


def test_folder_pattern_matches_a_gitlink_and_newlines_are_characters():
    assert _names("gen") == ["gen"]
    assert _names("a\nb.pem") == ["keys"]


# --- the literal index: a fast path that must agree with asking every pattern ---------

BUILTIN = build(compile_text(None, source="built-in"), "built-in")
_LITERALS = sorted({lit for c in BUILTIN.categories for lit in c.needs or ()})
_segment = st.one_of(
    st.sampled_from(_LITERALS),
    st.sampled_from(["src", "pkg", "Docs", "a.py", "x", ".ENV", "Test", "CI"]),
    st.text(alphabet="abAB./_-*é\n", min_size=1, max_size=6),
)
_paths = st.lists(_segment, min_size=1, max_size=4).map("/".join)
_attrs = st.frozensets(st.sampled_from(["linguist-generated", "linguist-vendored", "x"]))


def _reference(path: str, policy, attrs: frozenset[str]) -> list[tuple[str, str]]:
    """Every category asked with every pattern: no literal filter at all."""
    found = []
    for category in policy.categories:
        reason = classify.decide(category.paths, path, policy.ignorecase)
        if reason is None:
            attr = next((a for a in category.attributes if a in attrs), None)
            reason = f"gitattributes: {attr}" if attr else None
        if (
            reason is not None
            and classify.decide(category.exclude, path, policy.ignorecase) is None
        ):
            found.append((category.name, reason))
    return found


@settings(max_examples=400, deadline=None)
@given(
    st.lists(_paths, min_size=1, max_size=30),
    _attrs,
    st.booleans(),
    st.sampled_from([None, POLICY]),
)
def test_the_literal_index_sorts_paths_as_every_pattern_does(paths, attrs, ignorecase, policy):
    policy = (policy or BUILTIN)._replace(ignorecase=ignorecase)
    index = classify.literal_index(policy)
    for path in paths:
        expected = _reference(path, policy, attrs)
        for found in (
            classify.matches(path, policy, attrs),
            classify.matches(path, policy, attrs, index),
        ):
            assert [(m.category.name, m.reason) for m in found] == expected, path
    small = paths[: classify.INDEX_FROM]  # sorted without an index; repeated, with one
    many = small * (classify.INDEX_FROM + 1)
    assert classify.differs_by_case(many, policy) == classify.differs_by_case(small, policy)


def test_an_index_of_the_other_case_mode_is_refused():
    index = classify.literal_index(BUILTIN._replace(ignorecase=True))
    with pytest.raises(ValueError, match="other case mode"):
        classify.matches("a.py", BUILTIN._replace(ignorecase=False), index=index)


def test_the_index_is_used_for_many_paths_only():
    assert not classify.is_many(["a"] * classify.INDEX_FROM)
    assert classify.is_many(["a"] * (classify.INDEX_FROM + 1))


def _differs_by_asking_every_category(paths: list[str], policy) -> bool:
    folded, unfolded = policy._replace(ignorecase=True), policy._replace(ignorecase=False)
    return any(
        {m.category.name for m in classify.matches(p, unfolded)}
        != {m.category.name for m in classify.matches(p, folded)}
        for p in paths
    )


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        _paths.map(str.lower)
        | _paths
        | st.text(alphabet="abdkosfile/.-_DKFM\u017f\u212a", min_size=1, max_size=20)
        | st.sampled_from(
            ["dockerfile", "src/dockerfile", "makefile", "codeowners", ".github/codeowners"]
        ),
        min_size=1,
        max_size=5,
    ),
    st.sampled_from([None, POLICY]),
)
def test_case_is_asked_of_the_categories_it_can_change(paths, policy):
    """differs_by_case asks only the categories with an upper-case or non-ASCII pattern
    about a lower-case ASCII path; the answer is the one asking every category gives."""
    policy = policy or BUILTIN
    assert classify.differs_by_case(paths, policy) == _differs_by_asking_every_category(
        paths, policy
    )


def test_a_lower_case_name_that_a_pattern_spells_in_capitals_differs_by_case():
    assert classify.differs_by_case(["src/dockerfile"], BUILTIN)
    assert not classify.differs_by_case([".github/workflows/ci.yml"], BUILTIN)
