"""agentlint's benchmark: the hook path, timed against Python's own start-up.

Run with `nox -s bench` (or `python tests/bench.py`). It builds throwaway repositories,
measures `python -c pass` and agentlint in the same run, and prints ratios:

- check --staged on a 10-file human change, repositories of 500 and 5,000 files;
- check --staged on a 10-file agent change touching protected paths;
- the full commit-msg check of an agent commit with its review record, after the
  validate-record hook (as pre-commit runs them) and with the record not yet cached;
- the number of git processes for ranges of 10 and 300 commits, linear and with merges;
- weakened-test detection on a changed 5,000-line Python test file and a changed
  3,000-line TypeScript spec: the check's own work in-process (what it adds to a hook),
  and `check --staged` end to end;
- each other agent's PreToolUse through its adapter (Copilot, Cursor, Codex, Gemini CLI);
- the guard and `check --staged` in a repository whose .gitattributes marks files
  generated (git's own `check-attr` answers);
- crafted hostile inputs (issue 12): a policy path and a record scope that make a
  backtracking regex engine run for minutes, test file names with a newline and with
  invalid UTF-8, and a .gitattributes macro; each verdict is checked, then timed.
- the crafted hostile inputs of tests/attacks/weakened_inputs.py (a one-line JS spec,
  15,000 tests, chains of 200 helpers, a deeply nested assertion): time and verdict.

Every timed run follows a run of `python -c pass` in the same folder and environment, and
each ratio is to those alternate runs' median, so that load that comes and goes during the
bench hits both sides of a ratio alike.

`--check` exits 1 when a target is missed: issue 18's ratios to `python -c pass`, by
wall time and by CPU time (the process and its git children), printed at the end; and the
same number of git calls whatever the range length.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CONFIG = "categories:\n  ci:\n    approvers: [alice@example.com]\nlimits:\n  max_files: 50\n"
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
}
SCRUB = (
    "PYTHONDONTWRITEBYTECODE",
    "CLAUDECODE",
    "CODEX_THREAD_ID",
    "CURSOR_AGENT",
    "PRE_COMMIT_FROM_REF",
    "PRE_COMMIT_TO_REF",
    "AGENTLINT_NO_CACHE",
)
TRAILER = "Co-authored-by: Claude <noreply@anthropic.com>"
for _var in SCRUB:
    ENV.pop(_var, None)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=ENV, check=True, capture_output=True)


def _agentlint() -> list[str]:
    script = Path(sys.executable).with_name("agentlint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "agentlint"]


def make_repo(root: Path, files: int) -> Path:
    repo = root / f"repo-{files}"
    repo.mkdir()
    _git(repo, "init", "-q")
    for n in range(files):
        path = repo / f"pkg{n % 50}" / f"module{n}.py"
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"VALUE = {n}\n")
    (repo / ".agentlint.yaml").write_text(CONFIG)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    return repo


def stage(repo: Path, names: list[str]) -> None:
    for name in names:
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("changed = True\n")
    _git(repo, "add", "-A")


RECORD = """\
version: 1
task: Add the report modules
agent: {{name: claude-code}}
scope: {{paths: [src/]}}
plan: [Write the modules, run the tests]
files:
  read: []
  changed: [{changed}]
commands:
  - {{run: pytest -q, exit_status: 0, kind: test}}
attempts: []
assumptions: []
rollback: {{plan: Revert the commit; nothing else depends on these modules yet.}}
"""


def range_commits(repo: Path, count: int, merges: bool) -> None:
    """`count` agent commits; with `merges`, every tenth merges a side branch forked three
    commits back (git's remerge diff has work to do)."""
    for n in range(count):
        if merges and n % 10 == 9:
            _git(repo, "checkout", "-q", "-b", f"side{count}-{n}", "HEAD~3")
            (repo / "pkg0" / f"side{count}-{n}.py").write_text(f"SIDE = {n}\n")
            _git(repo, "add", "-A")
            _git(repo, "commit", "-qm", f"side {n}")
            _git(repo, "checkout", "-q", "-")
            _git(repo, "merge", "-q", "--no-ff", "-m", f"merge {n}\n\n{TRAILER}", "-")
            continue
        (repo / f"pkg{n % 50}" / f"module{n}.py").write_text(f"VALUE = {count}-{n}-{merges}\n")
        _git(repo, "commit", "-qam", f"c{n}\n\n{TRAILER}")


class Timing(float):
    """A median wall time in seconds (the float itself), and `cpu`: the median CPU time of
    the same runs (user and system, of the process and the git processes it ran). CPU time
    is what a loaded machine skews least: there the baseline's wall time grows most.
    `base` and `base_cpu`: the medians of `python -c pass`, run alternately with these
    runs (see `timed`), so that a ratio compares runs made under the same load."""

    __slots__ = ("base", "base_cpu", "cpu")
    cpu: float
    base: float
    base_cpu: float

    def __new__(cls, wall: float, cpu: float, base: float = 0.0, base_cpu: float = 0.0) -> Timing:
        made = super().__new__(cls, wall)
        made.cpu, made.base, made.base_cpu = cpu, base, base_cpu
        return made


BASELINE = [sys.executable, "-c", "pass"]


def _run(
    argv: list[str], cwd: Path, env: dict[str, str], stdin: bytes | None
) -> tuple[float, float]:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, env=env, capture_output=True, input=stdin)
    wall = time.perf_counter() - start
    done = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, done.ru_utime - used.ru_utime + done.ru_stime - used.ru_stime


def timed(
    argv: list[str],
    cwd: Path,
    env: dict[str, str],
    runs: int,
    before: Any = None,
    stdin: bytes | None = None,
) -> Timing:
    """Medians of `runs` runs of `argv`, each after a run of `python -c pass` in the same
    folder and environment (issue 18: "alternating the two")."""
    subprocess.run(argv, cwd=cwd, env=env, capture_output=True, input=stdin)  # warm caches
    walls, cpus, base_walls, base_cpus = [], [], [], []
    for _ in range(runs):
        base_wall, base_cpu = _run(BASELINE, cwd, env, None)
        if before is not None:
            before()
        wall, cpu = _run(argv, cwd, env, stdin)
        walls.append(wall)
        cpus.append(cpu)
        base_walls.append(base_wall)
        base_cpus.append(base_cpu)
    median = statistics.median
    return Timing(median(walls), median(cpus), median(base_walls), median(base_cpus))


def ratio(case: float, baseline: Timing) -> float:
    """`case` against the `python -c pass` runs made alternately with it, or else against
    the bench's own baseline."""
    base = getattr(case, "base", 0.0)
    return case / base if base else case / baseline


def cpu_ratio(case: Timing, baseline: Timing) -> float:
    return case.cpu / case.base_cpu if case.base_cpu else case.cpu / baseline.cpu


def git_calls(repo: Path, argv: list[str], trace: Path) -> int:
    trace.unlink(missing_ok=True)
    env = {**ENV, "GIT_TRACE": str(trace)}
    subprocess.run(argv, cwd=repo, env=env, capture_output=True)
    lines = trace.read_text().splitlines() if trace.exists() else []
    return sum(" trace: built-in: git " in line for line in lines)


def record_case(
    repo: Path, tool: list[str], env: dict[str, str], runs: int, cache: Path
) -> tuple[float, float]:
    """An agent commit of 10 source files and its record, checked at the commit-msg stage
    after the validate-record hook ran (warm), and with the record's cache entry removed."""
    names = [f"src/report{n}.py" for n in range(10)]
    stage(repo, names)
    record = repo / ".agentlint" / "records" / "report.yaml"
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(RECORD.format(changed=", ".join(names)))
    _git(repo, "add", "-A")
    message = repo.parent / "COMMIT_EDITMSG"
    message.write_text(f"Add report modules\n\n{TRAILER}\n")
    subprocess.run([*tool, "validate-record", str(record)], cwd=repo, env=env, check=True)
    argv = [*tool, "check", "--staged", "--message-file", str(message)]
    result = subprocess.run(argv, cwd=repo, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"the record case should pass: {result.stdout}{result.stderr}")
    warm = timed(argv, repo, env, runs)

    def forget() -> None:
        for entry in cache.glob("record-*"):
            entry.unlink()

    cold = timed(argv, repo, env, max(3, runs // 3), before=forget)
    return warm, cold


def python_tests(lines: int) -> str:
    out = ["import pytest", "", "from app import calc", ""]
    n = 0
    while len(out) < lines:
        n += 1
        out += [
            "",
            f"def test_add_{n}():",
            f"    result = calc.add({n}, 2)",
            f"    assert result == {n + 2}",
            "    assert isinstance(result, int)",
            "    with pytest.raises(ValueError):",
            "        calc.add(None, 1)",
        ]
    return "\n".join(out) + "\n"


def ts_spec(lines: int) -> str:
    out = ['import { describe, it, expect } from "vitest";', 'import { calc } from "../src/calc";']
    out.append('describe("calc", () => {')
    n = 0
    while len(out) < lines - 1:
        n += 1
        out += [
            f'  it("adds {n} and 2", async () => {{',
            f"    const result = await calc.add({n}, 2); // the sum",
            f"    expect(result).toBe({n + 2});",
            '    expect(typeof result).toEqual("number");',
            "  });",
            "",
        ]
    out.append("});")
    return "\n".join(out) + "\n"


def weakened_case(
    repo: Path, tool: list[str], env: dict[str, str], runs: int
) -> list[tuple[str, float, float]]:
    """(label, in-process ms of the check's own work, end-to-end check --staged ms)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from agentlint.weakened import compare, languages

    cases = [
        (
            "5,000-line Python test file",
            "tests/test_calc.py",
            python_tests(5000),
            ("    assert result == 352\n", "    assert result == 352\n    assert result > 0\n"),
        ),
        (
            "3,000-line TypeScript spec",
            "src/calc.spec.ts",
            ts_spec(3000),
            (
                "expect(result).toBe(252);",
                "expect(result).toBe(252);\n    expect(result).toBeGreaterThan(0);",
            ),
        ),
    ]
    out = []
    for label, path, before, (old, new) in cases:
        after = before.replace(old, new)
        assert after != before, label
        target = repo / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(before)
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", f"add {path}")
        target.write_text(after)
        _git(repo, "add", "-A")
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            sides = languages.measure_pair(path, before.encode(), path, after.encode())
            found = compare.compare([compare.FileDiff(path, None, False, *sides)])
            samples.append(time.perf_counter() - start)
        if found:
            raise SystemExit(f"the {label} case should be honest: {found}")
        argv = [*tool, "check", "--staged", "--select", "AL3"]
        end_to_end = timed(argv, repo, env, runs)
        out.append((label, statistics.median(samples), end_to_end))
        _git(repo, "reset", "-q", "--hard")
    return out


def crafted_inputs() -> list[tuple[str, float, bool]]:
    """The hostile inputs of tests/attacks/weakened_inputs.py: (label, seconds, whether
    the one dropped check was found)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from agentlint.weakened import compare, languages
    from tests.attacks.weakened_inputs import INPUTS

    out = []
    for label, (path, make) in INPUTS.items():
        before, after = make()
        start = time.perf_counter()
        sides = languages.measure_pair(path, before.encode(), path, after.encode())
        found = compare.compare([compare.FileDiff(path, None, False, *sides)])
        out.append((label, time.perf_counter() - start, [w.code for w in found] == ["AL303"]))
    return out


def guard_case(
    repo: Path, tool: list[str], env: dict[str, str], runs: int
) -> list[tuple[str, float]]:
    """`agentlint hook claude-code` as Claude Code calls it, before and after tool calls."""
    import json

    def payload(kind: str, name: str, tool_input: dict[str, Any], **extra: Any) -> bytes:
        data = {
            "session_id": "bench-session",
            "transcript_path": "/tmp/t.jsonl",
            "cwd": str(repo),
            "permission_mode": "default",
            "hook_event_name": kind,
            "tool_name": name,
            "tool_input": tool_input,
            "tool_use_id": "toolu_bench",
            **extra,
        }
        return json.dumps(data).encode()

    cases = [
        (
            "PreToolUse Edit, allowed",
            payload("PreToolUse", "Edit", {"file_path": str(repo / "pkg1/module1.py")}),
        ),
        (
            "PreToolUse Write to CI, asked",
            payload("PreToolUse", "Write", {"file_path": str(repo / ".github/workflows/ci.yml")}),
        ),
        (
            "PreToolUse Bash, allowed",
            payload(
                "PreToolUse", "Bash", {"command": "cd pkg1 && pytest -q tests/ 2>&1 | tail -5"}
            ),
        ),
        (
            "PreToolUse Bash grep -r, walked",  # every file of the 5,000 looked at
            payload("PreToolUse", "Bash", {"command": "grep -rn TODO . --exclude=.env"}),
        ),
        (
            "PostToolUse Bash, logged",
            payload(
                "PostToolUse", "Bash", {"command": "pytest -q"}, tool_response={"stdout": "ok"}
            ),
        ),
    ]
    argv = [*tool, "hook", "claude-code"]
    return [(label, timed(argv, repo, env, runs, stdin=data)) for label, data in cases]


def adapters_case(
    repo: Path, tool: list[str], env: dict[str, str], runs: int
) -> list[tuple[str, float]]:
    """Each other agent's PreToolUse through its own adapter, shaped as its documentation
    shows it: an allowed edit and an allowed shell command."""
    import json

    module = str(repo / "pkg1/module1.py")
    patch = "*** Begin Patch\n*** Update File: pkg1/module1.py\n@@\n-x\n+y\n*** End Patch\n"
    cursor = {"conversation_id": "bench", "workspace_roots": [str(repo)]}
    cases = [
        (
            "copilot",
            "preToolUse edit",
            {
                "sessionId": "bench",
                "cwd": str(repo),
                "toolName": "edit",
                "toolArgs": json.dumps({"path": module}),
            },
        ),
        (
            "copilot",
            "preToolUse bash",
            {
                "sessionId": "bench",
                "cwd": str(repo),
                "toolName": "bash",
                "toolArgs": json.dumps({"command": "pytest -q"}),
            },
        ),
        (
            "cursor",
            "preToolUse StrReplace",
            {
                **cursor,
                "hook_event_name": "preToolUse",
                "tool_name": "StrReplace",
                "tool_input": {"path": module},
            },
        ),
        (
            "cursor",
            "beforeShellExecution",
            {
                **cursor,
                "hook_event_name": "beforeShellExecution",
                "command": "pytest -q",
                "cwd": str(repo),
            },
        ),
        (
            "codex",
            "PreToolUse apply_patch",
            {
                "session_id": "bench",
                "cwd": str(repo),
                "hook_event_name": "PreToolUse",
                "tool_name": "apply_patch",
                "tool_input": {"command": patch},
            },
        ),
        (
            "codex",
            "PreToolUse Bash",
            {
                "session_id": "bench",
                "cwd": str(repo),
                "hook_event_name": "PreToolUse",
                "tool_name": "Bash",
                "tool_input": {"command": "ls"},
            },
        ),
        (
            "gemini",
            "BeforeTool replace",
            {
                "session_id": "bench",
                "cwd": str(repo),
                "hook_event_name": "BeforeTool",
                "tool_name": "replace",
                "tool_input": {"file_path": module},
            },
        ),
        (
            "gemini",
            "BeforeTool run_shell_command",
            {
                "session_id": "bench",
                "cwd": str(repo),
                "hook_event_name": "BeforeTool",
                "tool_name": "run_shell_command",
                "tool_input": {"command": "pytest -q"},
            },
        ),
    ]
    return [
        (
            f"hook {agent}, {label}",
            timed([*tool, "hook", agent], repo, env, runs, stdin=json.dumps(data).encode()),
        )
        for agent, label, data in cases
    ]


HOSTILE = "*a" * 12 + "*b"  # a backtracking engine needs minutes for this on a long name
CART = "def test_total():\n    assert total([1, 2]) == 3\n    assert total([]) == 0\n"


def hostile_case(
    root: Path, tool: list[str], env: dict[str, str], runs: int
) -> list[tuple[str, float, str]]:
    """Crafted inputs (issue 12): each is timed end to end through `check --range`, and its
    verdict is checked, so a fast wrong answer does not pass for a fast right one."""
    repo = root / "hostile"
    repo.mkdir()
    _git(repo, "init", "-q")
    long_name = "src/" + "a" * 200 + ".py"
    files: dict[str, str | bytes] = {
        "README.md": "x\n",
        ".agentlint.yaml": f"categories:\n  ci:\n    paths: [{HOSTILE!r}]\n",
        ".gitattributes": '[attr]gen linguist-generated\n"src/client/*.py" gen\n',
        "src/client/api.py": "A = 1\n",
        "tests/test_cart.py": CART,
    }
    for name, content in files.items():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(str(content))
    (repo / os.fsdecode(b"tests/test_\xff.py")).write_text(CART)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    weaker = CART.replace("    assert total([]) == 0\n", "")
    changes = {
        long_name: "A = 1\n",
        long_name[:-3] + "b": "B = 1\n",
        "src/client/api.py": "A = 2\n",
        "tests/test_cart.py": weaker,
        "tests/test_a\n.py": "def test_a():\n    assert 1 + 1 == 2\n",
        os.fsdecode(b"tests/test_\xff.py"): weaker,
        ".agentlint/records/r.yaml": RECORD.format(changed="src/x.py").replace(
            "[src/]", f"[{HOSTILE!r}]"
        ),
    }
    for name, content in changes.items():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", f"agent\n\n{TRAILER}")
    cases = [
        ("policy path `*a*a...*b` on a 200-char name", "AL2", "AL201"),
        ("record scope.paths `*a*a...*b`", "AL104", "AL104"),
        ("test file names with a newline and invalid UTF-8", "AL3", "AL303"),
        (".gitattributes macro and quoted pattern", "AL201", "generated"),
    ]
    out = []
    for label, select, wanted in cases:
        argv = [*tool, "check", "--range", "HEAD~1..HEAD", "--select", select, "--format", "json"]
        done = subprocess.run(argv, cwd=repo, env=env, capture_output=True, text=True)
        verdict = done.stdout
        if done.returncode != 1 or wanted not in verdict:
            raise SystemExit(f"the hostile case {label!r} gave a wrong verdict: {done}")
        if select == "AL3" and verdict.count('"AL303"') != 2:
            raise SystemExit(f"both weakened files must be reported: {verdict}")
        out.append((label, timed(argv, repo, env, runs), wanted))
    return out


def attributes_case(
    root: Path, tool: list[str], env: dict[str, str], runs: int
) -> list[tuple[str, float]]:
    """The hot path in a 500-file repository whose .gitattributes marks files generated:
    one more git call (`check-attr`) than a repository without marks."""
    import json

    (root / "attributes").mkdir()
    repo = make_repo(root / "attributes", 500)
    (repo / ".gitattributes").write_text("[attr]gen linguist-generated\npkg1/*.py gen\n")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "mark generated files")
    edit = {
        "session_id": "bench-session",
        "cwd": str(repo),
        "hook_event_name": "PreToolUse",
        "tool_name": "Edit",
        "tool_input": {"file_path": str(repo / "pkg1/module1.py")},
    }
    guard = timed([*tool, "hook", "claude-code"], repo, env, runs, stdin=json.dumps(edit).encode())
    stage(repo, [f"pkg{n}/module{n}.py" for n in range(10)])
    staged = timed([*tool, "check", "--staged"], repo, {**env, "CLAUDECODE": "1"}, runs)
    _git(repo, "reset", "-q", "--hard")
    return [
        ("hook claude-code, PreToolUse Edit of a marked file", guard),
        ("check --staged, agent change, marked files", staged),
    ]


def _shebang(script: Path) -> list[str]:
    """The interpreter (and its arguments) a console script's first line names."""
    try:
        with open(script, "rb") as handle:
            first = handle.readline(512)
    except OSError:
        return []
    return first[2:].decode(errors="replace").split() if first.startswith(b"#!") else []


def _imports_re(script: Path) -> bool:
    try:
        text = script.read_text(errors="replace")[:2000]
    except OSError:
        return False
    return any(line.strip() in ("import re", "import re, sys") for line in text.splitlines())


def _is_text_script(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(2) == b"#!"
    except OSError:
        return False


def interpreter_notes(tool: list[str]) -> list[str]:
    """Why the ratios may flatter agentlint: the console script runs another interpreter
    than the one `python -c pass` times (a shim such as pyenv's, `env`), or .pth files run
    code at every start-up of both (a larger baseline makes every ratio smaller)."""
    notes = []
    if len(tool) == 1:
        named = _shebang(Path(tool[0]))
        interpreter = named[0] if named else ""
        if not interpreter:
            notes.append(f"warning: {tool[0]} names no interpreter; ratios compare unlike things")
        elif os.path.basename(interpreter) == "env" or _is_text_script(interpreter):
            notes.append(
                f"warning: the console script starts Python through {' '.join(named)} (a shim "
                f"or PATH look-up), not {sys.executable}: its start-up is not the baseline's"
            )
        elif os.path.normpath(interpreter) != os.path.normpath(sys.executable):
            notes.append(
                f"warning: the console script runs {interpreter}, the baseline "
                f"{sys.executable}: the ratios compare two interpreters"
            )
        if _imports_re(Path(tool[0])):
            notes.append(
                "note: the console script imports `re` (the template of pip before 25.2, and of "
                "some other installers): every run pays for it, though agentlint's hook paths "
                "need no `re`; reinstall with a newer pip"
            )
    import site

    running = []
    for folder in {*site.getsitepackages(), site.getusersitepackages()}:
        for pth in sorted(Path(folder).glob("*.pth")) if os.path.isdir(folder) else []:
            lines = pth.read_text(errors="replace").splitlines()
            if any(line.startswith(("import ", "import\t")) for line in lines):
                running.append(pth.name)
    if running:
        notes.append(
            f"note: {len(running)} .pth file(s) run code at every start-up, in the baseline "
            f"too ({', '.join(running)}); see `python -S -c pass` below for Python without site"
        )
    return notes


def bytecode_notes(env: dict[str, str]) -> list[str]:
    """Whether agentlint's modules have compiled bytecode, and whether a hook could write
    it: without it (an install made with --no-compile, and PYTHONDONTWRITEBYTECODE=1 or a
    read-only install) every hook compiles every module it imports."""
    found = subprocess.run(
        [sys.executable, "-c", "import agentlint, os; print(os.path.dirname(agentlint.__file__))"],
        env=env,
        cwd=tempfile.gettempdir(),  # not a checkout's own agentlint/
        capture_output=True,
        text=True,
    )
    package = found.stdout.strip()
    if found.returncode != 0 or not package:
        return ["warning: agentlint cannot be imported by the benchmark's interpreter"]
    import importlib.util

    sources = sorted(Path(package).rglob("*.py"))
    stale = []
    for source in sources:
        compiled = Path(importlib.util.cache_from_source(str(source)))
        if not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime:
            stale.append(source)
    if not stale:
        return [f"bytecode: compiled for all {len(sources)} modules of {package}"]
    blocked = [
        reason
        for reason, applies in (
            ("PYTHONDONTWRITEBYTECODE is set", bool(os.environ.get("PYTHONDONTWRITEBYTECODE"))),
            ("the install is read-only", not os.access(package, os.W_OK)),
        )
        if applies
    ]
    if blocked:
        return [
            f"warning: {len(stale)} of {len(sources)} modules have no compiled bytecode and "
            f"hooks cannot write it ({'; '.join(blocked)}): every hook compiles them. "
            f"Install without --no-compile, or run `{sys.executable} -m compileall -q {package}`"
        ]
    return [
        f"note: {len(stale)} of {len(sources)} modules were not compiled at install; the "
        "first runs write their bytecode (the benchmark warms up first)"
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="agentlint-bench-"))
    cache = root / "cache"
    env = {**ENV, "AGENTLINT_CACHE_DIR": str(cache)}
    tool = _agentlint()
    ok = True
    crafted_ok = True
    try:
        for note in [*interpreter_notes(tool), *bytecode_notes(env)]:
            print(note)
        baseline = timed([sys.executable, "-c", "pass"], root, env, args.runs)
        bare = timed([sys.executable, "-S", "-c", "pass"], root, env, args.runs)
        print(
            f"python -c pass                          {baseline * 1000:7.1f} ms   1.00x "
            f"(CPU {baseline.cpu * 1000:.1f} ms)"
        )
        print(
            f"python -S -c pass (no site, no .pth)    {bare * 1000:7.1f} ms "
            f"{ratio(bare, baseline):6.2f}x"
        )
        human = [f"pkg{n}/module{n}.py" for n in range(10)]
        results = {}
        for size in (500, 5000):
            repo = make_repo(root, size)
            stage(repo, human)
            results[size] = timed([*tool, "check", "--staged"], repo, env, args.runs)
            print(
                f"check --staged, 10-file human change, {size:>5} files "
                f"{results[size] * 1000:7.1f} ms {ratio(results[size], baseline):6.2f}x"
            )
        repo = root / "repo-5000"
        agent_env = {**env, "CLAUDECODE": "1"}
        _git(repo, "reset", "-q")
        stage(
            repo,
            [
                ".github/workflows/ci.yml",
                "Dockerfile",
                "package.json",
                *[f"src/new{n}.py" for n in range(7)],
            ],
        )
        agent = timed([*tool, "check", "--staged"], repo, agent_env, args.runs)
        print(
            f"check --staged, 10-file agent change,  5000 files "
            f"{agent * 1000:7.1f} ms {ratio(agent, baseline):6.2f}x"
        )
        cold = timed(
            [*tool, "check", "--staged"],
            repo,
            {**agent_env, "AGENTLINT_NO_CACHE": "1"},
            max(3, args.runs // 5),
        )
        print(
            f"  the same without the policy cache            "
            f"{cold * 1000:7.1f} ms {ratio(cold, baseline):6.2f}x"
        )
        _git(repo, "reset", "-q", "--hard")
        stage(repo, [f"pkg{n % 50}/module{n}.py" for n in range(0, 5000, 5)])
        large = timed([*tool, "check", "--staged"], repo, agent_env, max(3, args.runs // 3))
        print(
            f"check --staged, 1,000-file agent change, 5000 files "
            f"{large * 1000:7.1f} ms {ratio(large, baseline):6.2f}x"
        )
        _git(repo, "reset", "-q", "--hard")
        with_record, record_cold = record_case(repo, tool, agent_env, args.runs, cache)
        print(
            f"commit-msg check, agent commit with record  "
            f"{with_record * 1000:7.1f} ms {ratio(with_record, baseline):6.2f}x"
        )
        print(
            f"  the same, record not yet cached            "
            f"{record_cold * 1000:7.1f} ms {ratio(record_cold, baseline):6.2f}x"
        )
        _git(repo, "reset", "-q", "--hard")
        weakened = weakened_case(repo, tool, agent_env, args.runs)
        ts_spec = {label: whole for label, _, whole in weakened}["3,000-line TypeScript spec"]
        for label, own, whole in weakened:
            print(
                f"weakened tests, {label}: the check's work {own * 1000:5.1f} ms "
                f"({own / baseline:.2f}x start-up); check --staged {whole * 1000:5.1f} ms "
                f"({ratio(whole, baseline):.2f}x)"
            )
        for label, elapsed, right in crafted_inputs():
            verdict = "found the dropped check" if right else "WRONG ANSWER"
            crafted_ok = crafted_ok and right
            print(f"crafted input, {label:<42} {elapsed:7.2f} s   {verdict}")
        guard = guard_case(repo, tool, env, args.runs)
        for label, elapsed in guard:
            print(
                f"hook claude-code, {label:<32} {elapsed * 1000:7.1f} ms "
                f"{ratio(elapsed, baseline):6.2f}x"
            )
        for label, elapsed in adapters_case(repo, tool, env, args.runs):
            print(f"{label:<49} {elapsed * 1000:7.1f} ms {ratio(elapsed, baseline):6.2f}x")
        for label, elapsed in attributes_case(root, tool, env, args.runs):
            print(f"{label:<52} {elapsed * 1000:7.1f} ms {ratio(elapsed, baseline):6.2f}x")
        for label, elapsed, wanted in hostile_case(root, tool, env, max(3, args.runs // 3)):
            print(
                f"hostile input, {label:<50} {elapsed * 1000:7.1f} ms "
                f"{ratio(elapsed, baseline):6.2f}x ({wanted} found)"
            )
        calls, ranges = {}, {}
        for merges, count in ((False, 10), (False, 300), (True, 10), (True, 300)):
            base = subprocess.run(
                ["git", "rev-parse", "HEAD"],
                cwd=repo,
                env=ENV,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            range_commits(repo, count, merges)
            argv = [*tool, "check", "--range", f"{base}..HEAD"]
            calls[merges, count] = git_calls(repo, argv, root / "trace")
            elapsed = ranges[merges, count] = timed(argv, repo, env, 3)
            shape = "with a merge every 10" if merges else "linear"
            print(
                f"check --range, {count:>3} commits, {shape}: {calls[merges, count]} git calls, "
                f"{elapsed * 1000:7.1f} ms {ratio(elapsed, baseline):6.2f}x"
            )
        bounded = calls[False, 10] == calls[False, 300] and calls[True, 10] == calls[True, 300]
        print(f"5,000 vs 500 files, same change: {results[5000] / results[500]:.2f}x")
        print(
            f"target git calls independent of range length: {'met' if bounded else 'MISSED'} "
            f"({calls[False, 10]} vs {calls[False, 300]}; with merges "
            f"{calls[True, 10]} vs {calls[True, 300]})"
        )
        guarded = {label: elapsed for label, elapsed in guard}
        targets = [
            ("human check --staged, 5,000 files", results[5000], baseline, 2.0),
            ("agent commit-msg check with its record", with_record, baseline, 2.5),
            ("guard PreToolUse Edit", guarded["PreToolUse Edit, allowed"], baseline, 2.0),
            ("guard PreToolUse Write", guarded["PreToolUse Write to CI, asked"], baseline, 2.0),
            ("guard PreToolUse Bash", guarded["PreToolUse Bash, allowed"], baseline, 2.0),
            ("1,000-file agent change", large, baseline, 4.0),
            ("300 commits vs 10 (--range)", ranges[False, 300], ranges[False, 10], 10.0),
            ("3,000-line TS spec, end to end", ts_spec, baseline, 1.5),
        ]
        print("issue 18 targets: wall-time and CPU-time ratios (CPU: the process and its git)")
        met_all = True
        for label, case, against, target in targets:
            if against is baseline:  # each case against its own alternate runs
                wall, cpu = ratio(case, baseline), cpu_ratio(case, baseline)
            else:
                wall, cpu = case / against, case.cpu / against.cpu
            met = wall <= target and cpu <= target
            met_all = met_all and met
            print(
                f"  {label:<40} wall {wall:5.2f}x  CPU {cpu:5.2f}x  target <= {target:.1f}x: "
                f"{'met' if met else 'MISSED'}"
            )
        ok = met_all and bounded and crafted_ok
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    raise SystemExit(main())
