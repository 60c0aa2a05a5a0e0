"""Run the corpus through the same functions `agentlint check` uses, and score it."""

from __future__ import annotations

from typing import NamedTuple

from agentlint.weakened import compare, languages
from tests.weakened.corpus import Case


class Outcome(NamedTuple):
    case: Case
    codes: tuple[str, ...]

    @property
    def flagged(self) -> bool:
        return bool(self.codes)

    @property
    def correct(self) -> bool:
        if self.case.expected is None:
            return not self.codes
        return self.case.expected in self.codes


def run_case(case: Case) -> Outcome:
    files = []
    for path, (before, after) in case.files.items():
        old, new = languages.measure_pair(
            path,
            before.encode() if before is not None else None,
            path,
            after.encode() if after is not None else None,
        )
        files.append(compare.FileDiff(path, None, after is None, old, new))
    return Outcome(case, tuple(sorted({w.code for w in compare.compare(files)})))


class Score(NamedTuple):
    true_positives: int
    false_positives: int
    false_negatives: int
    weakened: int
    honest: int

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.weakened if self.weakened else 1.0


def score(outcomes: list[Outcome]) -> Score:
    """A weakened case counts as found only when its own rule reports it; an honest case
    with any finding is a false alarm."""
    tp = sum(1 for o in outcomes if o.case.expected and o.correct)
    fn = sum(1 for o in outcomes if o.case.expected and not o.correct)
    fp = sum(1 for o in outcomes if o.case.expected is None and o.flagged)
    weakened = sum(1 for o in outcomes if o.case.expected)
    return Score(tp, fp, fn, weakened, len(outcomes) - weakened)
