"""`agentlint rules [CODE]`."""

from __future__ import annotations

import pytest

from agentlint.rules import RULES


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
    assert result.code == 2 and "unknown rule code" in result.err
