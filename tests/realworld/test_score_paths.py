"""The path scorer's logic, on a throwaway bare mirror (CI has no real mirrors)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

HERE = Path(__file__).resolve().parent


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_paths", HERE / "score_paths.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["score_paths"] = module
    spec.loader.exec_module(module)
    return module


score_paths = _scorer()

FILES = {
    ".github/workflows/ci.yml": "on: push\n",
    "src/app.py": "print(1)\n",
    "docs/migration/v2.md": "# Upgrading\n",
    "gen/client.ts": "export {}\n",
    ".gitattributes": "gen/** linguist-generated\n",
}


def _mirror(root: Path) -> str:
    """A bare mirror at root/acme+app/repo holding FILES; returns its HEAD."""
    work = root / "work"
    work.mkdir()
    env = {"GIT_CONFIG_NOSYSTEM": "1", "HOME": str(root)}

    def git(*args: str, cwd: Path = work) -> str:
        return subprocess.run(
            ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", *args],
            cwd=cwd,
            env={**env, "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    git("init", "-q")
    for name, text in FILES.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_text(text)
    git("add", "-A")
    git("commit", "-qm", "files")
    git("clone", "-q", "--bare", str(work), str(root / "acme+app" / "repo"), cwd=root)
    return git("rev-parse", "HEAD").strip()


def _table(tmp_path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    table = tmp_path / "paths.tsv"
    lines = ["# repo\trev\tpath\texpected\treason"]
    lines += ["\t".join((repo, rev, path, expected, "why")) for repo, rev, path, expected in rows]
    table.write_text("\n".join(lines) + "\n")
    return table


@pytest.fixture
def mirrors(tmp_path, monkeypatch) -> tuple[Path, str]:  # type: ignore[no-untyped-def]
    root = tmp_path / "mirrors"
    root.mkdir()
    rev = _mirror(root)
    monkeypatch.setenv("AGENTLINT_MIRRORS", str(root))
    return root, rev


def test_scores_like_explain_with_attributes(mirrors, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    _, rev = mirrors
    table = _table(
        tmp_path,
        [
            ("acme/app", rev, ".github/workflows/ci.yml", "ci"),
            ("acme/app", rev, "src/app.py", "none"),
            ("acme/app", rev, "docs/migration/v2.md", "none"),
            ("acme/app", rev, "gen/client.ts", "generated"),  # from .gitattributes at rev
        ],
    )
    assert score_paths.main(["--table", str(table)]) == 0
    out = capsys.readouterr().out
    assert "paths: 4/4 in the expected category (100.0%), 1 repos" in out
    assert "target 97% met" in out


def test_reports_confusion_and_errors_and_misses_the_target(mirrors, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    _, rev = mirrors
    table = _table(
        tmp_path,
        [
            ("acme/app", rev, ".github/workflows/ci.yml", "ci"),
            ("acme/app", rev, "src/app.py", "auth"),
        ],
    )
    assert score_paths.main(["--table", str(table)]) == 1
    out = capsys.readouterr().out
    assert "paths: 1/2 in the expected category (50.0%)" in out
    assert "auth               1     0  none 1" in out
    assert "acme/app src/app.py: expected auth, got none" in out
    assert "50.0% is under the 97% target" in out
    assert score_paths.main(["--table", str(table), "--target", "50"]) == 0


def test_a_path_not_in_the_mirror_fails(mirrors, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    _, rev = mirrors
    table = _table(
        tmp_path,
        [("acme/app", rev, "src/gone.py", "none"), ("acme/app", rev, "src/app.py", "none")],
    )
    assert score_paths.main(["--table", str(table)]) == 1
    out = capsys.readouterr().out
    assert f"not at {rev[:12]} in acme/app: src/gone.py" in out


def test_repositories_without_a_mirror_are_skipped(mirrors, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    _, rev = mirrors
    table = _table(
        tmp_path,
        [("acme/app", rev, "src/app.py", "none"), ("other/repo", "0" * 40, "x.py", "none")],
    )
    assert score_paths.main(["--table", str(table)]) == 0
    assert "skipped 1 repositories without a mirror: other/repo" in capsys.readouterr().out
    only_absent = _table(tmp_path, [("other/repo", "0" * 40, "x.py", "none")])
    assert score_paths.main(["--table", str(only_absent)]) == 0
    assert "none of the 1 paths' repositories is mirrored" in capsys.readouterr().out


def test_no_mirror_folder_skips_cleanly(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("AGENTLINT_MIRRORS", str(tmp_path / "absent"))
    assert score_paths.main([]) == 0
    assert "skipped: no mirrors in" in capsys.readouterr().out


def test_a_malformed_table_is_rejected(tmp_path) -> None:  # type: ignore[no-untyped-def]
    table = tmp_path / "paths.tsv"
    table.write_text("acme/app\tabc\tonly-three\n")
    with pytest.raises(SystemExit, match="expected 5 tab-separated fields"):
        score_paths.read_table(table)


def test_tables_are_reported_one_by_one(mirrors, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    _, rev = mirrors
    first = _table(tmp_path, [("acme/app", rev, "src/app.py", "none")])
    (tmp_path / "b").mkdir()
    second = _table(tmp_path / "b", [("acme/app", rev, ".github/workflows/ci.yml", "deploy")])
    assert score_paths.main(["--table", str(first), "--table", str(second)]) == 1
    out = capsys.readouterr().out
    assert "paths.tsv: 1/1 (100.0%)" in out and "paths.tsv: 0/1 (0.0%)" in out
    assert "paths: 1/2 in the expected category (50.0%)" in out


def test_the_real_table_is_well_formed() -> None:
    rows = score_paths.read_table(score_paths.TABLE)
    assert len(rows) >= 500
    assert len({r.repo for r in rows}) >= 8
    names = {"ci", "deploy", "auth", "billing", "migrations", "generated", "dependencies"}
    names |= {"secrets", "test-harness", "tests", "policy", "none"}
    assert {r.expected for r in rows} == names
    assert all(r.reason.strip() and len(r.rev) == 40 for r in rows)
    assert len({(r.repo, r.path) for r in rows}) == len(rows)
    heldout = score_paths.read_table(score_paths.HELDOUT)
    assert len(heldout) >= 90 and not {r.repo for r in heldout} & {r.repo for r in rows}
