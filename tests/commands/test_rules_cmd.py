"""`agentlint rules [CODE]`."""

from __future__ import annotations

import pytest

from agentlint.rules import RULES
from tests.conftest import CLAUDE_TRAILER


def test_rules_lists_every_code(run):
    result = run("rules")
    assert result.code == 0
    assert [line.split()[0] for line in result.lines] == list(RULES)


@pytest.mark.parametrize("code", list(RULES))
def test_rules_explains_each_code(run, code):
    result = run("rules", code.lower())
    assert result.code == 0
    assert result.lines[0] == f"# {code} {RULES[code].name}"
    for heading in ("## What it does", "## Why it matters", "## Example", "## How to fix"):
        assert heading in result.out


def test_rules_unknown_code(run):
    result = run("rules", "AL999")
    assert result.code == 2
    assert result.err == (
        "agentlint: error: unknown rule code or name 'AL999', "
        "fix: run `agentlint rules` for the list\n"
    )


@pytest.mark.parametrize("code", list(RULES))
def test_rules_accepts_each_name(run, code):
    result = run("rules", RULES[code].name.upper())
    assert result.code == 0
    assert result.lines[0] == f"# {code} {RULES[code].name}"


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("AL330", "AL303"),  # two digits swapped
        ("al3O4", "AL304"),  # a letter for a digit
        ("AL2O5", "AL205"),  # a letter O for a zero
        ("test-skiped", "test-skipped"),
        ("assertion-reduced", "assertions-reduced"),
    ],
)
def test_rules_suggests_the_closest(run, typo, meant):
    result = run("rules", typo)
    assert result.code == 2
    assert f"did you mean {meant}?" in result.err


def test_rules_suggests_nothing_far_away(run):
    assert "did you mean" not in run("rules", "lint-everything").err


def test_select_rejects_an_unknown_code_with_a_suggestion(seeded, run):
    result = run("check", "--staged", "--select", "AL205,AL330")
    assert result.code == 2
    assert result.out == ""
    assert "--select 'AL330' is not a rule code, prefix or name, did you mean AL303?" in result.err


@pytest.mark.parametrize("selector", ["AL9", "AL41", "XL2", "A", "pytest"])
def test_select_rejects_what_selects_nothing(seeded, run, selector):
    result = run("check", "--staged", "--select", selector)
    assert result.code == 2 and "is not a rule code, prefix or name" in result.err


def test_select_takes_names_codes_and_prefixes(seeded, run):
    seeded.commit(f"agent\n\n{CLAUDE_TRAILER}", files={".env": "KEY=1\n"})
    assert run("check", "--commit", "HEAD", "--select", "blocked-path").codes() == ["AL205"]
    assert run("check", "--commit", "HEAD", "--select", "al20").codes() == ["AL205"]
    assert run("check", "--commit", "HEAD", "--select", "test-skipped").code == 0
