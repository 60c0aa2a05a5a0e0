"""Output for a person at a terminal: colour (auto, always, never, NO_COLOR), findings
grouped by file, and --help with examples for every command."""

from __future__ import annotations

import pytest

from agentlint.cli import COMMANDS, main
from agentlint.commands.check import output_style
from agentlint.findings import Finding
from agentlint.report import Summary, text
from tests.conftest import CLAUDE_TRAILER

SUMMARY = Summary(2, 1, 1, 1)


@pytest.mark.parametrize(
    ("fmt", "color", "to_file", "tty", "env", "expected"),
    [
        (None, "auto", False, True, {}, ("grouped", True)),
        (None, "auto", False, True, {"NO_COLOR": "1"}, ("grouped", False)),
        (None, "auto", False, True, {"NO_COLOR": ""}, ("grouped", True)),  # empty: unset
        (None, "auto", False, False, {}, ("text", False)),  # a pipe, a hook, CI
        (None, "always", False, False, {"NO_COLOR": "1"}, ("text", True)),
        (None, "never", False, True, {}, ("grouped", False)),
        (None, "always", True, True, {}, ("text", False)),  # -o FILE: never escapes
        ("text", "auto", False, True, {}, ("text", True)),
        ("json", "always", False, True, {}, ("json", False)),
        ("grouped", "auto", False, False, {}, ("grouped", False)),
    ],
)
def test_output_style(fmt, color, to_file, tty, env, expected):
    assert output_style(fmt, color, to_file, tty, env) == expected


def _findings() -> list[Finding]:
    fix = "have an approver (alice@example.com) run `agentlint approve`"
    return [
        Finding("AL201", f"changed without an approval for 'ci'; {fix}", "ci.yml", commit="a" * 40),
        Finding("AL303", "test_a checks less; approve it", "tests/t.py", 4, severity="warning"),
        Finding("AL303", "test_b checks less; approve it", "tests/t.py", 9, severity="warning"),
        Finding("AL304", "test_c is skipped; remove the skip", "tests/t.py", 12),
    ]


def test_grouped_says_shared_advice_once_per_file():
    out = text.render_grouped(_findings(), SUMMARY)
    assert out.splitlines() == [
        "ci.yml",
        f"  AL201 ({'a' * 12}) changed without an approval for 'ci'; have an approver "
        "(alice@example.com) run `agentlint approve`",
        "",
        "tests/t.py",
        "  4: AL303 [warning] test_a checks less",
        "  9: AL303 [warning] test_b checks less",
        "  12: AL304 test_c is skipped; remove the skip",
        "  AL303 approve it",
        "",
        "Found 2 errors and 1 warning in 1 commit (1 by agents).",
    ]
    assert "\033[" not in out


def test_colour_marks_paths_codes_and_summary():
    out = text.render(_findings(), SUMMARY, color=True)
    assert "\033[1mci.yml\033[0m: \033[1;31mAL201\033[0m \033[2m(aaaaaaaaaaaa) \033[0m" in out
    assert "\033[1;33mAL303 [warning]\033[0m" in out
    assert out.endswith(
        "\033[1;31mFound 2 errors and 1 warning in 1 commit (1 by agents).\033[0m\n"
    )
    plain = text.render(_findings(), SUMMARY)
    assert "\033[" not in plain and plain.startswith("ci.yml: AL201 (aaaaaaaaaaaa) changed")
    assert text.summary_line(Summary(0, 0, 1, 0), True) == (
        "\033[1;32mAll checks passed: 1 commit (0 by agents).\033[0m"
    )


def test_check_colour_flags_through_main(seeded, run, monkeypatch):
    monkeypatch.setenv("CLAUDECODE", "1")
    seeded.add(".env")
    assert "\033[" not in run("check", "--staged").out  # captured: not a terminal
    coloured = run("check", "--staged", "--color", "always")
    assert coloured.code == 1 and "\033[1;31mAL205\033[0m" in coloured.out
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\033[1;31mAL205" in run("check", "--staged", "--color", "always").out
    assert "\033[" not in run("check", "--staged", "--color", "never").out
    grouped = run("check", "--staged", "--format", "grouped", "--select", "AL2")
    assert grouped.lines[:2] == [".env", grouped.lines[1]] and grouped.lines[1].startswith(
        "  AL205 agents may not touch this path"
    )
    stats = run("check", "--staged", "--statistics", "--format", "grouped", "--select", "AL2")
    assert stats.lines[0].split("\t")[1:] == ["AL205", "blocked-path"]


def test_check_range_grouped_names_commits(seeded, run):
    base = seeded.git("rev-parse", "HEAD").strip()
    sha = seeded.commit(f"a\n\n{CLAUDE_TRAILER}", files={".env": "K=1\n"})
    result = run("check", "--range", f"{base}..HEAD", "--format", "grouped", "--select", "AL2")
    assert result.lines[1].startswith(f"  AL205 ({sha[:12]}) agents may not touch")


def _help(capsys, *argv: str) -> str:
    with pytest.raises(SystemExit) as exited:
        main([*argv, "--help"])
    assert exited.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_a_description_and_examples(capsys, command):
    out = _help(capsys, *command.split())
    usage, description = out.split("\n\n")[:2]
    assert usage.startswith(f"usage: agentlint {command}")
    assert description[:1].isupper() and description.endswith(".")
    if command != "record schema":
        examples = out.split("examples:\n", 1)[1].splitlines()
        assert 1 <= len(examples) <= 4
        assert all(e.startswith(f"  agentlint {command.split()[0]}") for e in examples)
