"""--select skips the checks, and the reading, that only unselected rules need: what the
selected rules find is exactly what a full check finds of them."""

from __future__ import annotations

import pytest

from agentlint import checks, rules
from agentlint.rules import family_selected
from tests.checks.test_weakened import CART, WEAKER
from tests.conftest import CLAUDE_TRAILER

SELECTORS = [
    "AL1",
    "AL101",
    "AL2",
    "AL205",
    "AL3",
    "AL303",
    "assertions-reduced",
    "AL4",
    "AL205,AL3,AL4",  # the pre-commit stage's hook
    "AL1,AL4",
    "AL10",
]


def test_every_rule_belongs_to_one_check() -> None:
    for code in rules.RULES:
        owners = [n for n, family in checks.FAMILIES.items() if code.startswith(family)]
        assert len(owners) == 1, (code, owners)
    assert set(checks.FAMILIES) == set(checks.CHECKS)


@pytest.mark.parametrize(
    ("family", "selectors", "expected"),
    [
        ("AL3", (), True),
        ("AL3", ("AL3",), True),
        ("AL3", ("AL303",), True),
        ("AL3", ("AL",), True),
        ("AL3", ("AL30",), True),
        ("AL3", ("AL205", "AL4"), False),
        ("AL1", ("AL205", "AL3", "AL4"), False),
        ("AL4", ("AL401",), True),
    ],
)
def test_a_family_is_selected_when_a_selector_can_pick_one_of_its_rules(
    family: str, selectors: tuple[str, ...], expected: bool
) -> None:
    assert family_selected(family, selectors) is expected


def _findings(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [line for line in result.lines if ": AL" in line]


def _selected(lines: list[str], selector: str) -> list[str]:
    picked = rules.parse_selectors(selector)
    return [line for line in lines if rules.selected(line.split(": ")[1].split()[0], picked)]


def _stage(repo) -> None:  # type: ignore[no-untyped-def]
    config = "limits:\n  max_files: 2\ncategories:\n  tests:\n    approvers: [alice@example.com]\n"
    repo.commit("base", files={".agentlint.yaml": config, "tests/test_cart.py": CART})
    repo.add("tests/test_cart.py", content=WEAKER)  # AL303
    repo.add(".github/workflows/ci.yml", content="on: push\n")  # AL2xx
    repo.add(".env", content="TOKEN=x\n")  # AL205
    repo.add("src/app.py", content="print(2)\n")  # and no record: AL101


def test_staged_selection_finds_what_the_full_check_finds(repo, run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _stage(repo)
    monkeypatch.setenv("CLAUDECODE", "1")
    full = _findings(run("check", "--staged"))
    families = {line.split(": ")[1][:3] for line in full}
    assert families == {"AL1", "AL2", "AL3", "AL4"}, full  # every check has something
    for selector in SELECTORS:
        result = run("check", "--staged", "--select", selector)
        assert _findings(result) == _selected(full, selector), selector


def test_range_selection_finds_what_the_full_check_finds(repo, run) -> None:  # type: ignore[no-untyped-def]
    _stage(repo)
    base = repo.git("rev-parse", "HEAD").strip()
    repo.commit(f"agent change\n\n{CLAUDE_TRAILER}")
    full = _findings(run("check", "--range", f"{base}..HEAD"))
    assert {line.split(": ")[1][:3] for line in full} == {"AL1", "AL2", "AL3", "AL4"}, full
    for selector in SELECTORS:
        result = run("check", "--range", f"{base}..HEAD", "--select", selector)
        assert _findings(result) == _selected(full, selector), selector


def test_a_malformed_record_is_read_only_where_its_rules_are_selected(
    repo, run, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The pre-commit stage (AL205,AL3,AL4) does not read the records; the commit-msg
    stage and CI, which run every rule, report the broken one."""
    repo.commit("base", files={"README.md": "x\n"})
    repo.add(".agentlint/records/change.yaml", content="version: [1\n")
    repo.add("src/app.py", content="print(2)\n")
    monkeypatch.setenv("CLAUDECODE", "1")
    partial = run("check", "--staged", "--select", "AL205,AL3,AL4")
    assert partial.code == 0 and not _findings(partial)
    whole = run("check", "--staged")
    assert whole.code in (1, 2) and "change.yaml" in whole.out + whole.err


def test_markdown_shows_the_records_whatever_is_selected(repo, run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests import records

    repo.commit("base", files={"README.md": "x\n"})
    repo.add("src/report/totals.py", content="TOTAL = 2\n")
    repo.add("tests/report/test_totals.py", content="def test_total():\n    assert 2\n")
    repo.add(records.RECORD_PATH, content=records.VALID_YAML)
    monkeypatch.setenv("CLAUDECODE", "1")
    full = run("check", "--staged", "--format", "markdown")
    selected = run("check", "--staged", "--format", "markdown", "--select", "AL4")
    task = "Invoice totals are off by one cent"
    assert task in full.out and task in selected.out  # the record's task, in both
    assert "1 warning" in full.out and "0 errors and 0 warnings" in selected.out


def test_the_unselected_work_is_not_done(repo, run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """With --select AL2,AL4 neither the record check nor the test-file reading runs, nor
    the look for the branch's record; with AL3 the record check does not."""
    from agentlint import pipeline
    from agentlint.record import locate

    _stage(repo)
    monkeypatch.setenv("CLAUDECODE", "1")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("called for an unselected rule")

    kept = (pipeline.test_files, pipeline._branch_record, locate.records)
    monkeypatch.setitem(checks.CHECKS, "record", refuse)
    monkeypatch.setattr(pipeline, "test_files", refuse)
    monkeypatch.setattr(pipeline, "_branch_record", refuse)
    monkeypatch.setattr(locate, "records", refuse)
    assert run("check", "--staged", "--select", "AL2,AL4").codes()
    pipeline.test_files, pipeline._branch_record, locate.records = kept
    assert "AL303" in run("check", "--staged", "--select", "AL3").codes()
