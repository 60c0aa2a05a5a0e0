"""agentlint's command line: parse arguments, run one command, map errors to exit codes.

Exit codes: 0 no error-level findings, 1 error-level findings, 2 usage, config, git or
internal error, 130 on Ctrl-C. stdout carries results; diagnostics go to stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any

from agentlint import __version__
from agentlint.errors import AgentlintError

FORMATS = ("text", "json", "sarif", "github", "gitlab", "markdown")


class _Formatter(argparse.HelpFormatter):
    """argparse builds a formatter for every argument it adds, and each one imports shutil
    to ask the terminal's width: 2 ms a run. Ask only when help is really printed."""

    columns = 100  # set from the terminal when help is printed

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24) -> None:
        super().__init__(prog, indent_increment, max_help_position, max(self.columns, 40) - 2)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def format_help(self) -> str:
        import shutil

        _Formatter.columns = shutil.get_terminal_size().columns
        return super().format_help()


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="agentlint", description="Policy linter for changes made by AI coding agents."
    )
    parser.add_argument("--version", action="version", version=f"agentlint {__version__}")
    # an explicit prog spares argparse a help formatter (and its shutil import) per run
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, prog="agentlint")

    check = sub.add_parser("check", help="run all checks on one change")
    source = check.add_mutually_exclusive_group()
    source.add_argument("--staged", action="store_true", help="the index against HEAD")
    source.add_argument("--commit", metavar="REV", help="one commit against its first parent")
    source.add_argument(
        "--range",
        metavar="BASE..HEAD",
        dest="range_",
        help="every commit in BASE..HEAD and the net diff",
    )
    source.add_argument(
        "--branch",
        action="store_true",
        help="the range a pre-push hook is given, else the branch since its merge-base "
        "with its upstream or the default branch",
    )
    check.add_argument(
        "--allow-empty",
        action="store_true",
        help="let --range name a range with no commits (otherwise exit 2)",
    )
    check.add_argument(
        "--message-file",
        metavar="FILE",
        help="message of the commit being made (--staged), or a PR title and body (--range)",
    )
    check.add_argument("--format", choices=FORMATS, default="text", help="output format")
    check.add_argument("--config", metavar="FILE", help="use this policy file instead")
    check.add_argument(
        "--select",
        metavar="CODES",
        default="",
        help="comma-separated rule codes or prefixes to report (default: all)",
    )
    check.add_argument(
        "-o", "--output", metavar="FILE", help="write the report to FILE (the summary still prints)"
    )
    check.add_argument(
        "--statistics", action="store_true", help="count the findings of each rule instead"
    )
    check.add_argument("message_file_arg", nargs="?", metavar="MSGFILE", help=argparse.SUPPRESS)

    explain = sub.add_parser("explain", help="show each path's categories and posture")
    explain.add_argument("paths", nargs="*", metavar="PATH")
    explain.add_argument(
        "--all", action="store_true", help="every tracked file, grouped by deciding category"
    )
    explain.add_argument(
        "--category", metavar="C", help="with --all: only category C (`none`: no category)"
    )
    explain.add_argument("--config", metavar="FILE", help="use this policy file instead")

    validate = sub.add_parser("validate-config", help="load and validate a policy file")
    validate.add_argument("file", nargs="?", metavar="FILE")

    validate_record = sub.add_parser(
        "validate-record", help="check review record files against the schema"
    )
    validate_record.add_argument("files", nargs="+", metavar="FILE")

    record = sub.add_parser("record", help="work with review records")
    record_sub = record.add_subparsers(
        dest="record_command", metavar="COMMAND", required=True, prog="agentlint record"
    )
    new = record_sub.add_parser("new", help="start a review record for the staged change")
    new.add_argument("-o", "--output", metavar="FILE", help="where to write it")
    new.add_argument("--agent", metavar="NAME", help="the agent's name, if not detected")
    new.add_argument("--force", action="store_true", help="replace an existing file")
    draft = record_sub.add_parser(
        "draft", help="draft a review record from an agent session's evidence log"
    )
    draft.add_argument("--session", metavar="ID", help="the session (default: the newest log)")
    draft.add_argument("-o", "--output", metavar="FILE", help="where to write it")
    draft.add_argument("--agent", metavar="NAME", help="the agent's name, if not detected")
    draft.add_argument("--force", action="store_true", help="replace an existing file")

    record_sub.add_parser(
        "schema", help="print the review record's JSON Schema (its descriptions explain each field)"
    )
    example = record_sub.add_parser("example", help="print a complete, valid review record")
    example.add_argument(
        "--invalid", action="store_true", help="print one that fails, to see the messages"
    )

    hook = sub.add_parser("hook", help="run as an agent's tool-call hook")
    hook_sub = hook.add_subparsers(
        dest="hook_command", metavar="AGENT", required=True, prog="agentlint hook"
    )
    hook_sub.add_parser(
        "claude-code",
        help="Claude Code's PreToolUse, PostToolUse and PostToolUseFailure hook (JSON on stdin)",
    )
    hook_sub.add_parser(
        "copilot", help="GitHub Copilot's preToolUse/postToolUse hook (.github/hooks/*.json)"
    )
    hook_sub.add_parser(
        "cursor", help="Cursor's preToolUse, beforeShellExecution... hook (.cursor/hooks.json)"
    )
    hook_sub.add_parser("codex", help="Codex CLI's PreToolUse/PostToolUse hook (.codex/hooks.json)")
    hook_sub.add_parser(
        "gemini", help="Gemini CLI's BeforeTool/AfterTool hook (.gemini/settings.json)"
    )

    setup = sub.add_parser("setup", help="wire agentlint into an agent's settings")
    setup_sub = setup.add_subparsers(
        dest="setup_command", metavar="AGENT", required=True, prog="agentlint setup"
    )
    for name, where in SETUP_FILES.items():
        agent = setup_sub.add_parser(name, help=f"add agentlint's hooks to {where}")
        agent.add_argument("--dry-run", action="store_true", help="show the change, write nothing")
        agent.add_argument(
            "--settings", metavar="FILE", help=f"the file to edit (default: {where})"
        )
        if name in ("claude", "claude-code", "codex"):
            agent.add_argument(
                "--no-identity",
                action="store_true",
                help="leave the agent's git identity alone (default: it commits as itself)",
            )
        else:
            agent.set_defaults(no_identity=True)
        if name in ("claude", "claude-code"):
            agent.add_argument(
                "--deny-rules",
                action="store_true",
                help="also add permissions.deny rules for block-posture paths",
            )
        if name == "copilot":
            agent.add_argument(
                "--steps",
                action="store_true",
                help="also write .github/workflows/copilot-setup-steps.yml (installs agentlint "
                "for the cloud agent)",
            )

    init = sub.add_parser("init", help="write a .agentlint.yaml tailored to this repository")
    init.add_argument("--force", action="store_true", help="replace existing files")

    doctor = sub.add_parser("doctor", help="check the whole setup and say how to fix it")
    doctor.add_argument("--config", metavar="FILE", help="use this policy file instead")

    approve = sub.add_parser("approve", help="approve the protected changes on this branch")
    approve.add_argument(
        "--category",
        action="append",
        metavar="C",
        help="a category to approve (repeatable; default: every category waiting)",
    )
    approve.add_argument(
        "--range", dest="base_range", metavar="BASE..HEAD", help="the changes to approve"
    )
    approve.add_argument("--config", metavar="FILE", help="use this policy file instead")
    approve.add_argument(
        "--dry-run", action="store_true", help="show what would be approved, commit nothing"
    )

    policy = sub.add_parser("policy", help="test the policy against replayed bad runs")
    policy_sub = policy.add_subparsers(
        dest="policy_command", metavar="COMMAND", required=True, prog="agentlint policy"
    )
    policy_test = policy_sub.add_parser(
        "test", help="replay case files and check the findings each expects"
    )
    policy_test.add_argument(
        "dir",
        nargs="?",
        metavar="DIR",
        help="folder of case files (default .agentlint/policy-tests/)",
    )
    policy_test.add_argument(
        "--config", metavar="FILE", help="the policy to test (default .agentlint.yaml)"
    )
    policy_test.add_argument(
        "--starter", action="store_true", help="run agentlint's starter set of cases"
    )

    rules = sub.add_parser("rules", help="list rule codes, or explain one")
    rules.add_argument("code", nargs="?", metavar="CODE")
    return parser


# each agent `setup` knows, and the file it edits
SETUP_FILES = {
    "claude": ".claude/settings.json",
    "claude-code": ".claude/settings.json",
    "copilot": ".github/hooks/agentlint.json",
    "cursor": ".cursor/hooks.json",
    "codex": ".codex/hooks.json",
    "gemini": ".gemini/settings.json",
}

# the module that runs each command (and subcommand), imported only when it runs
COMMANDS = {
    "check": "check",
    "explain": "explain",
    "validate-record": "validate_record",
    "validate-config": "validate_config",
    "record new": "record_new",
    "record draft": "record_draft",
    "record schema": "record_show",
    "record example": "record_show",
    "init": "init",
    "doctor": "doctor",
    "policy test": "policy_test",
    "approve": "approve",
    "hook claude-code": "hook",
    "hook copilot": "hook",
    "hook cursor": "hook",
    "hook codex": "hook",
    "hook gemini": "hook",
    "setup claude": "setup",
    "setup claude-code": "setup",
    "setup copilot": "setup",
    "setup cursor": "setup",
    "setup codex": "setup",
    "setup gemini": "setup",
    "rules": "rules_cmd",
}
SUBCOMMANDS = {
    "record": "record_command",
    "policy": "policy_command",
    "hook": "hook_command",
    "setup": "setup_command",
}


def _dispatch(args: argparse.Namespace) -> int:
    import importlib

    name = args.command
    if name in SUBCOMMANDS:
        name = f"{name} {getattr(args, SUBCOMMANDS[name])}"
    module = importlib.import_module(f"agentlint.commands.{COMMANDS[name]}")
    result: int = module.run(args)
    return result


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so flushing it at exit cannot raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        args = _parser().parse_args(argv)
        return _dispatch(args)
    except AgentlintError as exc:
        for problem in exc.problems:
            print(f"agentlint: error: {problem.render()}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("agentlint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`| head`): exit quietly
        _silence_stdout()
        return 2
    except Exception as exc:  # an internal error must never read as "findings"
        if os.environ.get("AGENTLINT_DEBUG"):
            raise
        print(
            f"agentlint: internal error: {type(exc).__name__}: {exc}, please report it "
            "(set AGENTLINT_DEBUG=1 for a traceback)",
            file=sys.stderr,
        )
        return 2
