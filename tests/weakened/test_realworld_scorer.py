"""The real-world scorer and its materializer, on a tiny mirror made here (CI has none)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.weakened.realworld import materialize, score

ENV = {**os.environ, **materialize.GIT_ENV}
SUITE = "".join(f"def test_{k}():\n    assert f({k}) == {k + 1}\n\n\n" for k in range(12))


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env=ENV, check=True, capture_output=True)
    return done.stdout.decode().strip()


def _mirror(root: Path) -> tuple[str, str]:
    """A bare mirror of `acme/calc` with a weakening commit; (its sha, its parent)."""
    work = root / "work"
    work.mkdir()
    _git(work, "init", "-q")
    (work / "tests").mkdir()
    (work / "tests" / "test_calc.py").write_text(SUITE)
    _git(work, "add", "-A")
    _git(work, "commit", "-q", "-m", "base")
    (work / "tests" / "test_calc.py").write_text(
        SUITE.replace("    assert f(3) == 4\n", "    pass\n")
    )
    _git(work, "commit", "-qam", "weaken")
    sha = _git(work, "rev-parse", "HEAD")
    _git(root, "clone", "-q", "--bare", str(work), str(root / "mirrors" / "acme+calc" / "repo"))
    return sha, sha + "^"


def _case(cases: Path, name: str, meta: dict[str, object]) -> None:
    (cases / name).mkdir(parents=True)
    (cases / name / "meta.json").write_text(json.dumps(meta))


def _corpus(tmp_path: Path) -> Path:
    sha, parent = _mirror(tmp_path)
    cases = tmp_path / "corpus" / "cases"
    path = "tests/test_calc.py"
    files = [
        {"file": "before.py", "rev": parent, "path": path},
        {"file": "after.py", "rev": sha, "path": path},
    ]
    common = {"language": "python", "path": path, "source": f"acme/calc@{sha}"}
    _case(
        cases,
        "001-weakened",
        {
            **common,
            "weakened": True,
            "kinds": ["assertion-removed"],
            "recipe": {"repo": "acme/calc", "files": files},
        },
    )
    honest_after = {
        "file": "after.py",
        "rev": parent,
        "path": path,
        "ops": [{"from": 0, "to": 0, "insert": "# calc\n"}],
    }
    _case(
        cases,
        "002-honest",
        {
            **common,
            "weakened": False,
            "kinds": [],
            "recipe": {"repo": "acme/calc", "files": [files[0], honest_after]},
        },
    )
    _case(
        cases,
        "003-no-mirror",
        {
            **common,
            "weakened": True,
            "kinds": ["test-removed"],
            "recipe": {"repo": "nobody/here", "files": files},
        },
    )
    return tmp_path / "corpus"


def test_apply_ops_edits_lines_last_first():
    base = b"a\nb\nc\nd\n"
    ops = [{"from": 0, "to": 1, "insert": "A\nA2\n"}, {"from": 2, "to": 3, "insert": ""}]
    assert materialize.apply_ops(base, ops) == b"A\nA2\nb\nd\n"


def test_cases_are_built_replayed_and_scored(tmp_path):
    corpus = _corpus(tmp_path)
    root = tmp_path / "mirrors"
    cases = materialize.load_cases(corpus)
    present, missing = materialize.available(cases, root)
    assert [c.name for c in present] == ["001-weakened", "002-honest"]
    assert missing == ["nobody/here"]
    built = {c.name: v for c, v in materialize.iter_built(present, root)}
    honest = built["002-honest"]
    assert isinstance(honest, materialize.Sides)
    assert honest.after["tests/test_calc.py"].startswith(b"# calc\n")
    outcomes, skipped = score.run_all(present, root)
    assert skipped == []
    flagged = {o.case.name: [f.code for f in o.findings] for o in outcomes}
    assert flagged == {"001-weakened": ["AL303"], "002-honest": []}
    result = score.score(outcomes)
    assert (result.tp, result.fp, result.fn, result.tn) == (1, 0, 0, 1)
    assert result.precision == result.recall == 1.0
    text = "\n".join(score.report("tiny", outcomes))
    assert "python" in text and "assertion-removed    1/1" in text and "misses (0)" in text


def test_a_missed_case_and_a_false_alarm_are_listed(tmp_path):
    corpus = _corpus(tmp_path)
    cases = materialize.load_cases(corpus)
    flipped = [c._replace(meta={**c.meta, "weakened": not c.meta["weakened"]}) for c in cases[:2]]
    outcomes, _ = score.run_all(flipped, tmp_path / "mirrors")
    text = "\n".join(score.report("flipped", outcomes))
    assert "misses (1):\n    002-honest" in text
    assert "false alarms (1):\n    001-weakened: AL303 tests/test_calc.py" in text


def test_the_script_skips_clearly_without_mirrors(tmp_path):
    corpus = _corpus(tmp_path)
    script = Path(__file__).resolve().parents[1] / "realworld" / "score_weakened.py"
    empty = tmp_path / "none"
    empty.mkdir()
    done = subprocess.run(
        [sys.executable, str(script), "--mirrors", str(empty), "--corpus", str(corpus)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "skipped the acme/calc cases: no mirror at" in done.stdout
    assert "skipped, no mirrors under" in done.stdout
    done = subprocess.run(
        [
            sys.executable,
            str(script),
            "--mirrors",
            str(tmp_path / "mirrors"),
            "--corpus",
            str(corpus),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "precision 100.0%  recall 100.0%" in done.stdout
    assert "skipped the nobody/here cases" in done.stdout


def test_the_materializer_writes_files_and_lists_repos(tmp_path, capsys):
    corpus = _corpus(tmp_path)
    assert materialize.main([str(corpus), "--repos"]) == 0
    assert capsys.readouterr().out.split() == ["acme/calc", "nobody/here"]
    out = tmp_path / "out"
    status = materialize.main([str(corpus), str(out), "--mirrors", str(tmp_path / "mirrors")])
    assert status == 1  # one case had no mirror
    assert (out / "001-weakened" / "after.py").read_text().count("assert") == 11
    assert "skipped 003-no-mirror" in capsys.readouterr().err


def test_a_file_another_case_of_the_commit_labels_is_judged_there():
    """clap a97e179 is two cases: the helper file that lost a check (weakened) and a test
    file that now calls it (benign). The helper's finding belongs to its own case."""
    source = {"source": "acme/calc@" + "1" * 40, "language": "rust", "recipe": {}}
    helper = materialize.Case("helper", {**source, "path": "tests/util.rs", "weakened": True})
    caller = materialize.Case("caller", {**source, "path": "tests/opts.rs", "weakened": False})
    moved = materialize.Case(
        "moved", {**source, "path": "tests/a.rs", "after_path": "tests/b.rs", "weakened": False}
    )
    alone = materialize.Case("alone", {**source, "source": "acme/calc@" + "2" * 40, "path": "x.rs"})
    elsewhere = score.labelled_elsewhere([helper, caller, moved, alone])
    assert elsewhere["caller"] == {"tests/util.rs", "tests/a.rs", "tests/b.rs"}
    assert elsewhere["helper"] == {"tests/opts.rs", "tests/a.rs", "tests/b.rs"}
    assert elsewhere["moved"] == {"tests/util.rs", "tests/opts.rs"}
    assert elsewhere["alone"] == frozenset()
