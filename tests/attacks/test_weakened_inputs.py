"""Hostile inputs to the weakened-test rules (issue 12, item 6): each is measured in time,
with the right answer (the one real check the change drops is found), and one of them
through `agentlint check` in a real repository."""

from __future__ import annotations

import time

import pytest

from agentlint.weakened import compare, languages
from tests.attacks.weakened_inputs import INPUTS
from tests.conftest import CLAUDE_TRAILER

BOUND = 45.0  # seconds; each takes a few at most on a loaded machine, minutes before the fix


def _judge(path: str, before: str, after: str) -> list[compare.Weakening]:
    sides = languages.measure_pair(path, before.encode(), path, after.encode())
    return compare.compare([compare.FileDiff(path, None, False, *sides)])


@pytest.mark.parametrize("label", list(INPUTS))
def test_each_hostile_input_is_judged_right_in_time(label):
    path, make = INPUTS[label]
    before, after = make()
    start = time.perf_counter()
    found = _judge(path, before, after)
    elapsed = time.perf_counter() - start
    assert [w.code for w in found] == ["AL303"], label
    assert elapsed < BOUND, f"{label}: {elapsed:.1f}s"
    assert not _judge(path, before, before)  # and the unchanged file is quiet


def test_cost_grows_linearly_with_the_number_of_tests():
    from tests.attacks.weakened_inputs import many_tests_go

    def cost(n: int) -> float:
        before, after = many_tests_go(n)
        start = time.perf_counter()
        _judge("many_test.go", before, after)
        return time.perf_counter() - start

    small, large = min(cost(1000) for _ in range(2)), min(cost(4000) for _ in range(2))
    assert large < small * 4 * 2.5, (small, large)  # quadratic would be 16x


def test_a_helper_chain_through_agentlint_check(repo, run, monkeypatch):
    from tests.attacks.weakened_inputs import helper_chain_python

    before, after = helper_chain_python(300)
    repo.commit("base", files={"tests/test_chain.py": before})
    repo.commit(f"agent\n\n{CLAUDE_TRAILER}", files={"tests/test_chain.py": after})
    result = run("check", "--commit", "HEAD", "--select", "AL3")
    assert result.code == 1, result
    assert result.codes() == ["AL303"]
    assert "test_chain" in result.out and "assert x == 1" in result.out
