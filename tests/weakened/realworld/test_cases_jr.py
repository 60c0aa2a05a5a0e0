"""The Java and Rust real-world cases are well-formed, and check_cases_jr.py catches broken ones.

Only the fields are checked here (no mirrors in the normal run); `python3 check_cases_jr.py`
also resolves every recipe against the bare mirrors."""

import copy
import importlib.util
import json
import pathlib
from collections.abc import Callable
from typing import Any

import pytest

HERE = pathlib.Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("check_cases_jr", HERE / "check_cases_jr.py")
assert _spec and _spec.loader
check_cases_jr = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_cases_jr)

CASES = sorted(c for c in (HERE / "cases").iterdir() if c.name.startswith(("java-", "rs-")))
SHA = "0123456789abcdef0123456789abcdef01234567"
GOOD = {
    "language": "rust",
    "path": "tests/a.rs",
    "source": f"tokio-rs/tokio@{SHA}",
    "weakened": True,
    "kinds": ["skip-added"],
    "synthetic": False,
    "why": "Adds #[ignore] to the existing test a.",
    "recipe": {
        "repo": "tokio-rs/tokio",
        "files": [
            {"file": "before.rs", "rev": f"{SHA}^", "path": "tests/a.rs"},
            {"file": "after.rs", "rev": SHA, "path": "tests/a.rs"},
        ],
    },
}


def test_at_least_thirty_cases_per_language_all_valid() -> None:
    langs = [json.loads((c / "meta.json").read_text())["language"] for c in CASES]
    assert langs.count("java") >= 30
    assert langs.count("rust") >= 30
    bad = {c.name: check_cases_jr.check_case(c, None) for c in CASES}
    assert {k: v for k, v in bad.items() if v} == {}


def test_both_labels_present_per_language() -> None:
    metas = [json.loads((c / "meta.json").read_text()) for c in CASES]
    for lang in ("java", "rust"):
        labels = {m["weakened"] for m in metas if m["language"] == lang}
        assert labels == {True, False}


def _errors(tmp_path: pathlib.Path, meta: dict[str, object], name: str = "rs-001-a") -> list[str]:
    case = tmp_path / name
    case.mkdir()
    (case / "meta.json").write_text(json.dumps(meta))
    return check_cases_jr.check_case(case, None)


def test_good_case_passes(tmp_path: pathlib.Path) -> None:
    assert _errors(tmp_path, GOOD) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda m: m.pop("why"), "missing field why"),
        (lambda m: m.update(kinds=[]), "weakened cases need kinds"),
        (lambda m: m.update(weakened=False), "weakened cases need kinds"),
        (lambda m: m.update(kinds=["skipped"]), "bad kinds"),
        (lambda m: m.update(synthetic=True), "synthetic must be false"),
        (lambda m: m.update(language="go"), "is not java or rust"),
        (lambda m: m.update(source=f"serde-rs/serde@{SHA[:7]}"), "40-hex sha"),
        (lambda m: m.update(source=f"rust-lang/rust@{SHA}"), "not one of the repositories"),
        (lambda m: m["recipe"]["files"].pop(), "recipe needs after.rs"),
        (lambda m: m["recipe"]["files"][0].update(rev=SHA), "recipe needs before.rs"),
        (lambda m: m.update(kinds=["file-deleted"]), "file-deleted without deleted"),
        (lambda m: m.update(deleted=True), "deleted case has an after file"),
        (
            lambda m: m.update(other_files=[{"path": "x.rs", "role": "r", "after_file": "a.rs"}]),
            "not in recipe",
        ),
        (
            lambda m: m["recipe"]["files"].append({"file": "x.rs", "rev": SHA, "path": "x.rs"}),
            "is not described",
        ),
        (lambda m: m.update(colour="red"), "unknown field colour"),
    ],
)
def test_broken_case_is_reported(
    tmp_path: pathlib.Path, change: Callable[[dict[str, Any]], object], expected: str
) -> None:
    meta = copy.deepcopy(GOOD)
    change(meta)
    errs = _errors(tmp_path, meta)
    assert any(expected in e for e in errs), errs


def test_directory_name_must_match_language(tmp_path: pathlib.Path) -> None:
    errs = _errors(tmp_path, GOOD, name="java-001-a")
    assert any("directory name" in e for e in errs), errs


def test_unreadable_meta_is_reported(tmp_path: pathlib.Path) -> None:
    case = tmp_path / "rs-001-a"
    case.mkdir()
    (case / "meta.json").write_text("{not json")
    assert check_cases_jr.check_case(case, None)[0].startswith("meta.json unreadable")
