"""tests/bench.py says when its ratios flatter agentlint (issue 18, "Measure it honestly"):
a console script that starts another interpreter or goes through a shim, .pth files that
run code at start-up, and bytecode that is missing and cannot be written."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tests import bench


def _script(tmp_path: Path, shebang: str) -> str:
    script = tmp_path / "agentlint"
    script.write_text(f"#!{shebang}\nimport sys\n")
    return str(script)


def test_the_same_interpreter_gives_no_warning(tmp_path):
    notes = bench.interpreter_notes([_script(tmp_path, sys.executable)])
    assert not [n for n in notes if n.startswith("warning")]


def test_a_console_script_that_imports_re_is_named(tmp_path):
    script = Path(_script(tmp_path, sys.executable))
    assert not [n for n in bench.interpreter_notes([str(script)]) if "imports `re`" in n]
    script.write_text(
        f"#!{sys.executable}\nimport re\nimport sys\nfrom agentlint.cli import entry\n"
    )
    assert [n for n in bench.interpreter_notes([str(script)]) if "imports `re`" in n]


def test_another_interpreter_is_named(tmp_path):
    notes = bench.interpreter_notes([_script(tmp_path, "/opt/other/bin/python3")])
    assert any("runs /opt/other/bin/python3" in n for n in notes)


def test_a_shim_or_env_is_named(tmp_path):
    shim = tmp_path / "python3"
    shim.write_text('#!/usr/bin/env bash\nexec python3 "$@"\n')
    for shebang in (str(shim), "/usr/bin/env python3"):
        notes = bench.interpreter_notes([_script(tmp_path, shebang)])
        assert any("a shim or PATH look-up" in n for n in notes), shebang


def test_a_script_without_an_interpreter_is_named(tmp_path):
    script = tmp_path / "agentlint"
    script.write_text("import sys\n")
    assert any("names no interpreter" in n for n in bench.interpreter_notes([str(script)]))


def _package(tmp_path: Path) -> dict[str, str]:
    package = tmp_path / "lib" / "agentlint"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "cli.py").write_text("X = 1\n")
    return {**os.environ, "PYTHONPATH": str(tmp_path / "lib"), "PYTHONDONTWRITEBYTECODE": "1"}


def test_missing_bytecode_that_cannot_be_written_is_a_warning(tmp_path, monkeypatch):
    env = _package(tmp_path)
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    (note,) = bench.bytecode_notes(env)
    assert note.startswith("warning: 2 of 2 modules have no compiled bytecode")
    assert "PYTHONDONTWRITEBYTECODE is set" in note and "compileall" in note


def test_missing_bytecode_that_hooks_write_is_a_note(tmp_path, monkeypatch):
    env = _package(tmp_path)
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
    (note,) = bench.bytecode_notes(env)
    assert note.startswith("note: 2 of 2 modules were not compiled at install")


def test_compiled_bytecode_is_reported(tmp_path):
    import compileall

    env = _package(tmp_path)
    assert compileall.compile_dir(str(tmp_path / "lib"), quiet=1)
    (note,) = bench.bytecode_notes(env)
    assert note.startswith("bytecode: compiled for all 2 modules")


def test_a_timing_is_wall_time_with_the_cpu_time_beside_it(tmp_path):
    timing = bench.timed([sys.executable, "-c", "sum(range(10**6))"], tmp_path, dict(os.environ), 3)
    assert isinstance(timing, float) and timing > 0
    assert 0 < timing.cpu < 10 and timing * 1000 > 0  # arithmetic is a float's


def test_each_timing_carries_the_baseline_runs_made_alternately_with_it(tmp_path):
    timing = bench.timed(
        [sys.executable, "-c", "import time; time.sleep(0.05)"], tmp_path, {**os.environ}, 3
    )
    assert timing.base > 0 and timing.base_cpu >= 0
    assert bench.ratio(timing, bench.Timing(1.0, 1.0)) == timing / timing.base
    assert bench.ratio(bench.Timing(2.0, 1.0), bench.Timing(1.0, 1.0)) == 2.0  # no alternate runs
