"""Sorting paths into categories: gitignore semantics, excludes, attributes, strictness."""

from __future__ import annotations

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
