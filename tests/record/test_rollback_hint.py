"""AL105's words for a category's rollback hint: what the plan must mention, not a regex."""

from __future__ import annotations

import re

import pytest

from agentlint.policy import builtin
from agentlint.record.rollback import hint_words


def test_word_list_hint_is_said_in_words():
    assert hint_words(r"(?i)\b(down|lock ?file)") == 'mentions one of "down", "lock file"'


def test_other_expressions_are_quoted_as_they_are():
    assert hint_words(r"down_revision\s*=") == r"matches the pattern down_revision\s*="
    assert hint_words("(a|b+)") == "matches the pattern (a|b+)"


@pytest.mark.parametrize(
    "name", [n for n, c in builtin.DEFAULTS["categories"].items() if c.get("rollback_hint")]
)
def test_every_builtin_hint_reads_as_words_that_satisfy_it(name):
    hint = builtin.DEFAULTS["categories"][name]["rollback_hint"]
    said = hint_words(hint)
    assert said.startswith("mentions one of ")
    for word in re.findall(r'"([^"]+)"', said):
        assert re.search(hint, f"Step: {word} it."), word
