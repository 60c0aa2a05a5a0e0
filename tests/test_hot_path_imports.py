"""The hook paths import only what their decision needs (issue 18): each hot command runs as
the console script runs it, in a real repository with the policy cache warm, and the
modules Python imported are read from `-X importtime`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests import records
from tests.conftest import CLAUDE_TRAILER

# what the console script itself imports: pip's template since 25.2 (earlier ones also
# imported `re`, which the bench notes)
SCRIPT = "import sys\nfrom agentlint.cli import entry\nentry()\n"

# what a human commit does not need: the regex engine (even built from the regex cache,
# agentlint.regex) and what it brings, the cache key's checksum; it costs a hook more than
# all of its own work (tests/test_no_regex_parsers.py)
NOT_FOR_A_HUMAN = {"re", "_sre", "enum", "functools", "collections", "zlib", "json"}

# never on a hot path: the CLI's parser, the heavy loaders behind the cache, and the
# standard library modules a hook has no use for
NEVER = {
    "argparse",
    "subprocess",
    "typing",
    "importlib.util",
    "dataclasses",
    "tempfile",
    "contextlib",
    "glob",
    "urllib",
    "ruamel",
    "jsonschema",
    "pathspec",
    "packaging",
    "agentlint.yamlfile",  # the loaders' own module: the cache holds what they return
    "agentlint.parser",  # argparse's parser: agentlint.fastargs reads the hot forms
}


def _imported(
    argv: list[str], stdin: bytes = b"", env: dict[str, str] | None = None, runs: int = 2
) -> set[str]:
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-X", "importtime", "-c", SCRIPT, *argv]
    for _ in range(runs):  # by default the first run fills the policy cache
        done = subprocess.run(
            command, input=stdin, capture_output=True, env={**environ, **(env or {})}
        )
    assert done.returncode in (0, 1), done.stderr.decode()[-2000:]
    lines = done.stderr.decode().splitlines()
    return {line.rsplit("|", 1)[1].strip() for line in lines if line.startswith("import time:")}


def _top(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules} | modules


def test_a_human_commit_imports_nothing_it_does_not_need(seeded):
    seeded.add("src/app.py", content="print(2)\n")
    seeded.add("src/auth/login.py", content="print(3)\n")
    imported = _top(_imported(["check", "--staged"]))
    wrong = imported & (NEVER | NOT_FOR_A_HUMAN)
    assert not wrong, sorted(wrong)
    assert "agentlint.pipeline" in imported  # the test sees the real work


def _agent_commit(seeded, tmp_path, files: dict[str, str], record: str) -> set[str]:
    """Stage `files` and `record`, check the commit as its commit-msg hook does (it must
    pass), and return what the check imports once the caches are warm."""
    for path, content in files.items():
        seeded.add(path, content=content)
    seeded.add(records.RECORD_PATH, content=record)
    message = tmp_path / "msg"
    message.write_text(f"Change\n\n{CLAUDE_TRAILER}\n")
    argv = ["check", "--staged", "--message-file", str(message)]
    first = subprocess.run([sys.executable, "-c", SCRIPT, *argv], capture_output=True)
    assert first.returncode == 0, first.stdout.decode() + first.stderr.decode()  # it passes
    return _top(_imported(argv))


def test_an_agent_commit_with_its_record_imports_nothing_it_does_not_need(seeded, tmp_path):
    files = {
        "src/report/totals.py": "TOTAL = 2\n",
        "tests/report/test_totals.py": "def test_total():\n    assert 2\n",
    }
    imported = _agent_commit(seeded, tmp_path, files, records.VALID_YAML)
    # the weakened-test check builds no NamedTuple either; contextlib comes with `ast`,
    # which measuring a Python test file needs
    wrong = imported & (NEVER - {"contextlib"})
    assert not wrong, sorted(wrong)
    assert "agentlint.weakened.compare" in imported  # its test file was measured
    # by the Python reader alone: the other languages' token scanner and its regexes stay out
    assert "agentlint.weakened.scan" not in imported
    assert {"agentlint.checks.record", "agentlint.record.load"} <= imported


def test_an_agent_commit_of_source_files_imports_no_regex_engine(seeded, tmp_path):
    """Nor does an agent's commit with its record when it changes no test file: the record
    checks, detection and the look for test files by content need no `re`."""
    record = records.VALID_YAML.replace("tests/report/test_totals.py", "src/report/util.py")
    files = {
        "src/report/totals.py": "TOTAL = 2\n",
        "src/report/util.py": "def half(x):\n    return x / 2\n",
    }
    imported = _agent_commit(seeded, tmp_path, files, record)
    wrong = imported & (NEVER | NOT_FOR_A_HUMAN)
    assert not wrong, sorted(wrong)
    assert {"agentlint.checks.record", "agentlint.weakened.languages"} <= imported
    # no test file measured, no approval offered: their modules stay out
    assert not {"agentlint.weakened.model", "agentlint.change.history"} & imported


@pytest.mark.parametrize(
    ("tool", "tool_input"),
    [
        ("Edit", {"file_path": "src/app.py"}),
        ("Write", {"file_path": ".github/workflows/ci.yml"}),
        ("Bash", {"command": "cd src && pytest -q 2>&1 | tail -5"}),
    ],
)
def test_a_guarded_tool_call_imports_nothing_it_does_not_need(seeded, tool, tool_input):
    payload = {
        "session_id": "s",
        "cwd": str(seeded.path),
        "hook_event_name": "PreToolUse",
        "tool_name": tool,
        "tool_input": tool_input,
    }
    imported = _top(_imported(["hook", "claude-code"], json.dumps(payload).encode()))
    assert not imported & NEVER, sorted(imported & NEVER)
    assert "agentlint.guard.decide" in imported
    # JSON through agentlint.fastjson, paths through the automaton, an ordinary command's
    # words through guard.lex.shell_words (a here-document or inline code compiles regexes)
    assert not imported & NOT_FOR_A_HUMAN, sorted(imported & NOT_FOR_A_HUMAN)
    assert "shlex" not in imported


PATCH = "*** Begin Patch\n*** Update File: src/app.py\n@@\n-x\n+y\n*** End Patch\n"


@pytest.mark.parametrize(
    ("agent", "payload"),
    [
        ("copilot", {"toolName": "edit", "toolArgs": json.dumps({"path": "src/app.py"})}),
        ("cursor", {"hook_event_name": "preToolUse", "tool_name": "StrReplace"}),
        (
            "codex",
            {
                "hook_event_name": "PreToolUse",
                "tool_name": "apply_patch",
                "tool_input": {"command": PATCH},  # as Codex sends it
            },
        ),
        ("gemini", {"hook_event_name": "BeforeTool", "tool_name": "replace"}),
    ],
)
def test_every_agents_guarded_edit_imports_no_regex_engine(seeded, agent, payload):
    """Each adapter reads an edit without `re`: a shell call's exit code, which only
    results carry, is looked for with a regex only in text that holds an `x`, and a
    patch (Codex's apply_patch) is read without the field-name regexes of unknown tools."""
    data = {
        "session_id": "s",
        "sessionId": "s",
        "conversation_id": "s",
        "cwd": str(seeded.path),
        "workspace_roots": [str(seeded.path)],
        "tool_input": {"path": "src/app.py", "file_path": "src/app.py"},
        **payload,
    }
    imported = _top(_imported(["hook", agent], json.dumps(data).encode()))
    assert "agentlint.guard.decide" in imported  # the call was judged
    assert not imported & (NEVER | NOT_FOR_A_HUMAN), sorted(imported & (NEVER | NOT_FOR_A_HUMAN))


SPEC = (
    'import { expect, it } from "vitest";\n'
    'import { add } from "../src/add";\n\n'
    'it("adds", () => {\n  expect(add(1, 2)).toBe(3);\n});\n'
)


@pytest.mark.parametrize(
    ("path", "before", "after", "new_test"),
    [
        (
            "tests/report/add.spec.ts",
            SPEC,
            SPEC.replace("toBe(3);", "toBe(3);\n  expect(add(2, 2)).toBe(4);"),
            '\nit("adds more", () => {\n  expect(add(3, 4)).toBe(7);\n});\n',
        ),
        (
            "tests/report/test_totals.py",
            "def test_add():\n    assert 1 + 2 == 3\n",
            "def test_add():\n    assert 1 + 2 == 3\n    assert 2 + 2 == 4\n",
            "\n\ndef test_add_more():\n    assert 3 + 4 == 7\n",
        ),
    ],
)
def test_an_agent_commit_of_a_test_file_imports_no_regex_engine(
    seeded, tmp_path, path, before, after, new_test
):
    """Measuring a changed test file builds the extractors' regexes from the cache
    (agentlint.regex): the second commit-msg check of the same change imports no `re`,
    and neither does the first check of the next change, whose test has a new name.
    Python's reader needs `ast`, which brings `enum`; the others' scanner needs neither."""
    seeded.commit("add the test", files={path: before})
    record = records.VALID_YAML.replace("tests/report/test_totals.py", path)
    files = {path: after, "src/report/totals.py": "TOTAL = 2\n"}
    imported = _agent_commit(seeded, tmp_path, files, record)
    assert "agentlint.weakened.compare" in imported  # the test file was measured
    # Counter (collections) and crc32 (zlib, built in) serve the comparison itself
    allowed = {"_sre", "collections", "zlib"}  # the engine, its patterns from the cache
    if path.endswith(".py"):
        allowed |= {"enum", "functools", "contextlib"}  # what `ast` imports
    wrong = imported & (NEVER | NOT_FOR_A_HUMAN) - allowed
    assert not wrong, sorted(wrong)
    assert "difflib" not in imported and "textwrap" not in imported
    seeded.add(path, content=after + new_test)  # the next change: a test not seen before
    message = tmp_path / "msg"
    argv = ["check", "--staged", "--message-file", str(message)]
    imported = _top(_imported(argv, runs=1))
    assert "agentlint.weakened.compare" in imported
    assert not imported & (NEVER | NOT_FOR_A_HUMAN) - allowed, sorted(imported - allowed)
