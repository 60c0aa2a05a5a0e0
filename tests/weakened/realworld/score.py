"""Score agentlint's weakened-test rules on real labelled changes.

Each case is replayed as an agent commit in a scratch repository and judged by
`agentlint check --commit HEAD`, the real pipeline: gathering, file classification, the
`tests` category, measurement and comparison. A case is flagged when any AL301-AL307
finding is reported, except on a file that another case of the same commit labels (each
case is one commit's change to one file: that file's findings are judged by its own
case). Precision and recall are given overall, per language and per kind.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from tests.weakened.realworld import materialize

WEAKENED_CODES = frozenset(f"AL30{n}" for n in range(1, 8))
LANGUAGE_GROUPS = {"javascript": "js/ts", "typescript": "js/ts"}


class Finding(NamedTuple):
    code: str
    path: str
    line: int | None
    message: str


class Outcome(NamedTuple):
    case: materialize.Case
    findings: tuple[Finding, ...]
    error: str | None = None  # agentlint did not answer (exit 2)

    @property
    def flagged(self) -> bool:
        return bool(self.findings) or self.error is not None

    @property
    def weakened(self) -> bool:
        return bool(self.case.meta["weakened"])


def judge(repo: Path) -> tuple[list[Finding], str | None]:
    """agentlint's weakened-test findings on HEAD of `repo`, through `agentlint.cli.main`."""
    from agentlint import cli

    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(repo)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = cli.main(["check", "--commit", "HEAD", "--format", "json"])
    finally:
        os.chdir(cwd)
    if status == 2:
        return [], err.getvalue().strip() or "exit 2"
    report = json.loads(out.getvalue())
    return [
        Finding(f["code"], f["path"], f["line"], f["message"])
        for f in report["findings"]
        if f["code"] in WEAKENED_CODES
    ], None


def run(
    case: materialize.Case,
    change: materialize.Sides,
    workdir: Path,
    elsewhere: frozenset[str] = frozenset(),
) -> Outcome:
    """Replay and judge one case; findings on the paths `elsewhere` (labelled by another
    case of the same commit) are that case's, not this one's."""
    repo = workdir / case.name
    materialize.commit_change(repo, change)
    findings, error = judge(repo)
    return Outcome(case, tuple(f for f in findings if f.path not in elsewhere), error)


def _own_paths(case: materialize.Case) -> set[str]:
    return {case.meta["path"], case.meta.get("after_path") or case.meta["path"]}


def labelled_elsewhere(cases: list[materialize.Case]) -> dict[str, frozenset[str]]:
    """For each case, the files that other cases of the same commit label."""
    by_commit: dict[str, list[materialize.Case]] = {}
    for case in cases:
        by_commit.setdefault(str(case.meta["source"]), []).append(case)
    out = {}
    for case in cases:
        mine = _own_paths(case)
        others = {
            p for c in by_commit[str(case.meta["source"])] if c is not case for p in _own_paths(c)
        }
        out[case.name] = frozenset(others - mine)
    return out


def run_all(
    cases: Iterable[materialize.Case], root: Path
) -> tuple[list[Outcome], list[tuple[materialize.Case, str]]]:
    outcomes, skipped = [], []
    cases = list(cases)
    elsewhere = labelled_elsewhere(cases)
    saved = {k: os.environ.get(k) for k in (*materialize.GIT_ENV, "AGENTLINT_NO_CACHE")}
    os.environ.update(materialize.GIT_ENV)
    os.environ["AGENTLINT_NO_CACHE"] = "1"
    try:
        with tempfile.TemporaryDirectory(prefix="agentlint-realworld-") as tmp:
            for case, built in materialize.iter_built(cases, root):
                if isinstance(built, str):
                    skipped.append((case, built))
                else:
                    outcomes.append(run(case, built, Path(tmp), elsewhere[case.name]))
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return outcomes, skipped


class Score(NamedTuple):
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def render(self, label: str) -> str:
        cases = self.tp + self.fp + self.fn + self.tn
        return (
            f"  {label:<22} {cases:>4} cases  precision {self.precision:6.1%}  "
            f"recall {self.recall:6.1%}  (tp {self.tp}, fp {self.fp}, fn {self.fn}, tn {self.tn})"
        )


def score(outcomes: Iterable[Outcome]) -> Score:
    tp = fp = fn = tn = 0
    for o in outcomes:
        if o.weakened:
            tp, fn = (tp + 1, fn) if o.flagged else (tp, fn + 1)
        else:
            fp, tn = (fp + 1, tn) if o.flagged else (fp, tn + 1)
    return Score(tp, fp, fn, tn)


def by_language(outcomes: list[Outcome]) -> dict[str, list[Outcome]]:
    groups: dict[str, list[Outcome]] = {}
    for o in outcomes:
        language = o.case.language
        groups.setdefault(language, []).append(o)
        if language in LANGUAGE_GROUPS:
            groups.setdefault(LANGUAGE_GROUPS[language], []).append(o)
    return dict(sorted(groups.items()))


def kind_recall(outcomes: list[Outcome]) -> dict[str, tuple[int, int]]:
    """For each weakening kind: (found, cases with that kind)."""
    kinds: dict[str, tuple[int, int]] = {}
    for o in outcomes:
        for kind in o.case.meta.get("kinds") or []:
            found, total = kinds.get(kind, (0, 0))
            kinds[kind] = (found + o.flagged, total + 1)
    return dict(sorted(kinds.items()))


def report(title: str, outcomes: list[Outcome]) -> list[str]:
    lines = [f"{title}:", score(outcomes).render("overall")]
    for language, group in by_language(outcomes).items():
        lines.append(score(group).render(language))
    lines.append("  recall per kind:")
    for kind, (found, total) in kind_recall(outcomes).items():
        lines.append(f"    {kind:<20} {found}/{total}")
    misses = [o for o in outcomes if o.weakened and not o.flagged]
    alarms = [o for o in outcomes if not o.weakened and o.flagged]
    lines.append(f"  misses ({len(misses)}):")
    lines += [f"    {o.case.name} [{', '.join(o.case.meta.get('kinds') or [])}]" for o in misses]
    lines.append(f"  false alarms ({len(alarms)}):")
    for o in alarms:
        first = o.findings[0] if o.findings else None
        said = f"{first.code} {first.path}:{first.line} {first.message}" if first else o.error
        lines.append(f"    {o.case.name}: {said}"[:300])
    errors = [o for o in outcomes if o.error]
    if errors:
        lines.append(f"  agentlint could not judge ({len(errors)}):")
        lines += [f"    {o.case.name}: {o.error}"[:300] for o in errors]
    return lines
