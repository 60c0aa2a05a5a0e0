"""The labeled corpus: every case right, and precision and recall reported and held."""

from __future__ import annotations

import pytest

from tests.weakened.corpus import CORPUS, Case
from tests.weakened.evaluate import run_case, score

SCORES: dict[str, str] = {}  # printed at the end of the test run (tests/conftest.py)


def test_corpus_is_big_enough_and_balanced():
    weakened = [c for c in CORPUS if c.expected]
    assert len(CORPUS) >= 60
    assert 0.4 <= len(weakened) / len(CORPUS) <= 0.65
    assert len({c.name for c in CORPUS}) == len(CORPUS)
    for c in CORPUS:  # every case really changes something
        assert any(before != after for before, after in c.files.values()), c.name
    assert {c.expected for c in weakened} == {f"AL30{n}" for n in range(1, 8)}


@pytest.mark.parametrize("case", CORPUS, ids=[c.name for c in CORPUS])
def test_case(case: Case):
    outcome = run_case(case)
    if case.expected is None:
        assert outcome.codes == (), f"false alarm on an honest change: {outcome.codes}"
    else:
        assert case.expected in outcome.codes, f"missed: reported {outcome.codes}"


def test_precision_and_recall():
    result = score([run_case(c) for c in CORPUS])
    SCORES["weakened-test corpus"] = (
        f"{len(CORPUS)} cases ({result.weakened} weakened, {result.honest} honest): "
        f"precision {result.precision:.1%}, recall {result.recall:.1%}, "
        f"{result.false_positives} false alarm(s), {result.false_negatives} miss(es)"
    )
    assert result.precision >= 0.95
    assert result.recall >= 0.95
