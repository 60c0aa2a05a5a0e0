"""The hot paths' argument parser agrees with argparse on every form it accepts, and hands
everything else to argparse."""

from __future__ import annotations

import contextlib
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agentlint import fastargs
from agentlint.parser import _parser

WORDS = [
    "check",
    "hook",
    "claude-code",
    "codex",
    "nobody",
    "--staged",
    "--branch",
    "--commit",
    "--message-file",
    "--message-file=m.txt",
    "--select",
    "AL205,AL3,AL4",
    "--select=AL1",
    "--config",
    "c.yaml",
    "--format",
    "json",
    "-o",
    "--stag",
    "--help",
    "--",
    "MSG",
    "x",
    "",
    "-",
    "--range",
    "a..b",
    "--statistics",
    "--color",
    "never",
    "--version",
]


def _argparse(argv: list[str]) -> object | None:
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        try:
            return _parser().parse_args(argv)
        except SystemExit:
            return None


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--staged"],
        ["check", "--staged", "--message-file", ".git/COMMIT_EDITMSG"],
        ["check", "--staged", "--select", "AL205,AL3,AL4"],
        ["check", "--branch"],
        ["check"],
        ["check", ".git/COMMIT_EDITMSG"],
        ["check", "--staged", "--message-file=m", "--config", "p.yaml"],
        ["hook", "claude-code"],
        ["hook", "gemini"],
    ],
)
def test_the_hooks_forms_parse_without_argparse_and_as_argparse_does(argv: list[str]) -> None:
    fast = fastargs.parse(argv)
    assert fast is not None
    assert vars(fast) == vars(_argparse(argv))


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--staged", "--branch"],  # argparse explains the conflict
        ["check", "--stag"],  # an abbreviation: argparse's rules
        ["check", "--help"],
        ["check", "--select"],
        ["check", "--select", "--staged"],
        ["check", "a", "b"],
        ["check", "--format", "json"],
        ["hook", "nobody"],
        ["hook", "claude-code", "--help"],
        ["explain", "x"],
        [],
    ],
)
def test_anything_else_goes_to_argparse(argv: list[str]) -> None:
    assert fastargs.parse(argv) is None


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=6))
def test_every_accepted_form_is_argparses(argv: list[str]) -> None:
    fast = fastargs.parse(argv)
    if fast is not None:
        expected = _argparse(argv)
        assert expected is not None, argv
        assert vars(fast) == vars(expected), argv


def test_the_fast_parser_knows_every_agent_the_hook_command_knows() -> None:
    from agentlint.commands.hook import ADAPTERS
    from agentlint.parser import HOOK_HELP

    assert set(fastargs.HOOK_AGENTS) == set(ADAPTERS) == {"claude-code", *HOOK_HELP}
