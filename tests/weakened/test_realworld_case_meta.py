"""The real-world corpus's case files are well formed (no mirrors needed: CI has none).

`realworld/check_cases.py` also resolves every recipe in the mirrors when they are present;
here it runs with an empty mirror folder, so only the metadata is checked.
"""

from __future__ import annotations

import importlib.util
import json
import pathlib
import sys
from types import ModuleType
from typing import Any

import pytest

HERE = pathlib.Path(__file__).resolve().parent / "realworld"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_realworld_check_cases", HERE / "check_cases.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


check_cases = _load()
CASES = sorted(p for p in (HERE / "cases").iterdir() if p.is_dir())


def test_corpus_has_the_issue_minimums() -> None:
    langs = [json.loads((c / "meta.json").read_text())["language"] for c in CASES]
    assert sum(lang == "python" for lang in langs) >= 30
    assert sum(lang in ("javascript", "typescript") for lang in langs) >= 30
    assert sum(lang == "go" for lang in langs) >= 40
    assert sum(lang == "java" for lang in langs) >= 30
    assert sum(lang == "rust" for lang in langs) >= 30
    assert len(langs) >= 250 - 69  # with the shared development corpus's 69


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_metadata_is_valid(case: pathlib.Path, tmp_path: pathlib.Path) -> None:
    assert check_cases.check(case, tmp_path, False) == []


SHA = "0123456789abcdef0123456789abcdef01234567"


def _meta(**changes: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "language": "go",
        "path": "a_test.go",
        "source": f"labstack/echo@{SHA}",
        "weakened": True,
        "kinds": ["test-removed"],
        "synthetic": False,
        "why": "A test is removed and nothing replaces it anywhere in the change.",
        "recipe": {
            "repo": "labstack/echo",
            "files": [
                {"file": "before.go", "rev": f"{SHA}^", "path": "a_test.go"},
                {"file": "after.go", "rev": SHA, "path": "a_test.go"},
            ],
        },
    }
    meta.update(changes)
    return meta


def _errors(tmp_path: pathlib.Path, name: str, meta: dict[str, Any]) -> list[str]:
    case = tmp_path / name
    case.mkdir()
    (case / "meta.json").write_text(json.dumps(meta))
    mirrors = tmp_path / "no-mirrors"
    mirrors.mkdir(exist_ok=True)
    errors: list[str] = check_cases.check(case, mirrors, False)
    return errors


def test_a_well_formed_case_passes(tmp_path: pathlib.Path) -> None:
    assert _errors(tmp_path, "go-001-fine", _meta()) == []


@pytest.mark.parametrize(
    ("name", "changes", "expected"),
    [
        ("go-001-x", {"weakened": False}, "weakened cases need kinds and benign cases none"),
        ("go-001-x", {"kinds": ["gone"]}, "bad kinds"),
        ("go-001-x", {"synthetic": True}, "synthetic must be false"),
        ("go-001-x", {"source": "labstack/echo@HEAD"}, "full sha"),
        ("go-001-x", {"language": "cobol"}, "language 'cobol'"),
        ("go-001-x", {"language": "rust"}, "prefix does not match language rust"),
        ("py-001-x", {}, "prefix does not match language go"),
        ("Go-1-X", {}, "directory name"),
        ("go-001-x", {"why": "short"}, "why is missing or too short"),
        ("go-001-x", {"surprise": 1}, "unknown fields"),
        ("go-001-x", {"deleted": True}, "deleted case has an after file"),
        ("go-001-x", {"kinds": ["file-deleted"]}, "file-deleted kind without deleted"),
        ("go-001-x", {"source": f"gin-gonic/gin@{SHA}"}, "recipe.repo differs from source"),
    ],
)
def test_malformed_cases_are_reported(
    tmp_path: pathlib.Path, name: str, changes: dict[str, Any], expected: str
) -> None:
    errors = _errors(tmp_path, name, _meta(**changes))
    assert any(expected in e for e in errors), errors


def test_a_repository_outside_the_issue_list_is_refused(tmp_path: pathlib.Path) -> None:
    meta = _meta(source=f"gin-gonic/gin@{SHA}")
    meta["recipe"]["repo"] = "gin-gonic/gin"
    errors = _errors(tmp_path, "go-001-x", meta)
    assert any("not an allowed go repository" in e for e in errors), errors


def test_other_files_must_match_the_recipe(tmp_path: pathlib.Path) -> None:
    meta = _meta(
        other_files=[{"path": "b_test.go", "role": "helper", "after_file": "after-other.go"}]
    )
    errors = _errors(tmp_path, "go-001-x", meta)
    assert any("after-other.go should be" in e for e in errors), errors
    meta["recipe"]["files"].append({"file": "stray.go", "rev": SHA, "path": "c_test.go"})
    errors = _errors(tmp_path, "go-002-x", meta)
    assert any("recipe files not described" in e for e in errors), errors


def test_missing_mirror_is_an_error_only_when_required(tmp_path: pathlib.Path) -> None:
    case = tmp_path / "go-001-x"
    case.mkdir()
    (case / "meta.json").write_text(json.dumps(_meta()))
    assert check_cases.check(case, tmp_path / "none", False) == []
    assert check_cases.check(case, tmp_path / "none", True) == ["no mirror for labstack/echo"]
