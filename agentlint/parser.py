"""agentlint's argument parser: every command, option and --help text. The hot paths
(`check` from a git hook, `hook AGENT` before a tool call) are parsed by
`agentlint.fastargs` without it; anything else comes here."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from agentlint import __version__

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

FORMATS = ("text", "grouped", "json", "sarif", "github", "gitlab", "markdown")


class _Formatter(argparse.RawDescriptionHelpFormatter):
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


EXAMPLES = {
    "check": (
        "agentlint check --staged                      # the commit being made",
        "agentlint check --range origin/main..HEAD     # a branch, as CI checks it",
        "agentlint check --commit HEAD --format json",
        "agentlint check --branch --statistics         # counts per rule",
    ),
    "explain": (
        "agentlint explain .github/workflows/ci.yml",
        "agentlint explain --all --category ci",
    ),
    "validate-config": ("agentlint validate-config", "agentlint validate-config other.yaml"),
    "validate-record": ("agentlint validate-record .agentlint/records/*.yaml",),
    "record": (
        "agentlint record new                # .agentlint/records/<branch>.yaml",
        "agentlint record draft              # from a Claude Code session's log",
        "agentlint record example > .agentlint/records/my-task.yaml",
    ),
    "record new": ("agentlint record new", "agentlint record new -o .agentlint/records/x.yaml"),
    "record draft": ("agentlint record draft", "agentlint record draft --session abc123"),
    "record example": ("agentlint record example", "agentlint record example --invalid"),
    "policy test": ("agentlint policy test", "agentlint policy test --starter"),
    "setup claude": ("agentlint setup claude --dry-run", "agentlint setup claude --no-identity"),
    "hook": (
        "agentlint hook claude-code < payload.json   # Claude Code runs this",
        "agentlint hook codex < payload.json         # Codex CLI runs this",
    ),
    **{
        f"hook {agent}": (f"agentlint hook {agent} < payload.json   # {who} runs this",)
        for agent, who in (
            ("copilot", "GitHub Copilot"),
            ("cursor", "Cursor"),
            ("codex", "Codex CLI"),
            ("gemini", "Gemini CLI"),
        )
    },
    **{
        f"setup {agent}": (f"agentlint setup {agent} --dry-run", f"agentlint setup {agent}")
        for agent in ("claude-code", "cursor", "codex", "gemini")
    },
    "setup copilot": ("agentlint setup copilot --dry-run", "agentlint setup copilot --steps"),
    "hook claude-code": ("agentlint hook claude-code < payload.json   # Claude Code runs this",),
    "setup": (
        "agentlint setup claude --dry-run",
        "agentlint setup cursor",
        "agentlint setup copilot --steps",
    ),
    "init": ("agentlint init", "agentlint init --force"),
    "doctor": ("agentlint doctor",),
    "approve": (
        "agentlint approve --dry-run                  # what is waiting",
        "agentlint approve --category ci",
        "agentlint approve --range origin/main..HEAD",
    ),
    "policy": ("agentlint policy test", "agentlint policy test --starter"),
    "rules": ("agentlint rules", "agentlint rules AL303", "agentlint rules assertions-reduced"),
}


HOOK_HELP = {
    "copilot": "GitHub Copilot's preToolUse/postToolUse hook (.github/hooks/*.json)",
    "cursor": "Cursor's preToolUse, beforeShellExecution... hook (.cursor/hooks.json)",
    "codex": "Codex CLI's PreToolUse/PostToolUse hook (.codex/hooks.json)",
    "gemini": "Gemini CLI's BeforeTool/AfterTool hook (.gemini/settings.json)",
}


def _command(sub: Any, name: str, help: str, key: str = "") -> argparse.ArgumentParser:
    """A subcommand whose --help has a description and examples."""
    examples = EXAMPLES.get(key or name, ())
    epilog = "examples:\n" + "".join(f"  {e}\n" for e in examples) if examples else None
    parser: argparse.ArgumentParser = sub.add_parser(
        name, help=help, description=help[:1].upper() + help[1:] + ".", epilog=epilog
    )
    return parser


class _Version(argparse.Action):
    """--version, and a warning when the `agentlint` on PATH (or this environment's
    metadata) is the unrelated PyPI package of the same name."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        from agentlint import install

        print(f"agentlint {__version__}")
        for problem in install.problems():
            print(f"agentlint: warning: {problem}", file=sys.stderr)
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="agentlint", description="Policy linter for changes made by AI coding agents."
    )
    parser.add_argument("--version", action=_Version, help="show the version and exit")
    # an explicit prog spares argparse a help formatter (and its shutil import) per run
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, prog="agentlint")

    check = _command(sub, "check", "run all checks on one change")
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
    check.add_argument(
        "--format",
        choices=FORMATS,
        help="output format (default: grouped by file on a terminal, else text: "
        "one `path:line: CODE message` a line)",
    )
    check.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour text output: auto (a terminal, unless NO_COLOR is set), always, never",
    )
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

    explain = _command(sub, "explain", "show each path's categories and posture")
    explain.add_argument(
        "paths", nargs="*", metavar="PATH", help="paths to explain (they need not exist)"
    )
    explain.add_argument(
        "--all", action="store_true", help="every tracked file, grouped by deciding category"
    )
    explain.add_argument(
        "--category", metavar="C", help="with --all: only category C (`none`: no category)"
    )
    explain.add_argument("--config", metavar="FILE", help="use this policy file instead")

    validate = _command(sub, "validate-config", "load and validate a policy file")
    validate.add_argument(
        "file", nargs="?", metavar="FILE", help="the policy file (default: .agentlint.yaml)"
    )

    validate_record = _command(
        sub, "validate-record", "check review record files against the schema"
    )
    validate_record.add_argument(
        "files", nargs="+", metavar="FILE", help="record files (YAML or JSON)"
    )

    record = _command(sub, "record", "work with review records")
    record_sub = record.add_subparsers(
        dest="record_command", metavar="COMMAND", required=True, prog="agentlint record"
    )
    new = _command(
        record_sub, "new", key="record new", help="start a review record for the staged change"
    )
    new.add_argument("-o", "--output", metavar="FILE", help="where to write it")
    new.add_argument("--agent", metavar="NAME", help="the agent's name, if not detected")
    new.add_argument("--force", action="store_true", help="replace an existing file")
    draft = _command(
        record_sub,
        "draft",
        key="record draft",
        help="draft a review record from an agent session's evidence log",
    )
    draft.add_argument("--session", metavar="ID", help="the session (default: the newest log)")
    draft.add_argument("-o", "--output", metavar="FILE", help="where to write it")
    draft.add_argument("--agent", metavar="NAME", help="the agent's name, if not detected")
    draft.add_argument("--force", action="store_true", help="replace an existing file")

    _command(
        record_sub,
        "schema",
        key="record schema",
        help="print the review record's JSON Schema (its descriptions explain each field)",
    )
    example = _command(
        record_sub, "example", key="record example", help="print a complete, valid review record"
    )
    example.add_argument(
        "--invalid", action="store_true", help="print one that fails, to see the messages"
    )

    hook = _command(sub, "hook", "run as an agent's tool-call hook")
    hook_sub = hook.add_subparsers(
        dest="hook_command", metavar="AGENT", required=True, prog="agentlint hook"
    )
    _command(
        hook_sub,
        "claude-code",
        key="hook claude-code",
        help="Claude Code's PreToolUse, PostToolUse and PostToolUseFailure hook (JSON on stdin)",
    )
    for name, text in HOOK_HELP.items():
        _command(hook_sub, name, key=f"hook {name}", help=text)

    setup = _command(sub, "setup", "wire agentlint into an agent's settings")
    setup_sub = setup.add_subparsers(
        dest="setup_command", metavar="AGENT", required=True, prog="agentlint setup"
    )
    for name, where in SETUP_FILES.items():
        agent = _command(
            setup_sub, name, key=f"setup {name}", help=f"add agentlint's hooks to {where}"
        )
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

    init = _command(sub, "init", "write a .agentlint.yaml tailored to this repository")
    init.add_argument("--force", action="store_true", help="replace existing files")

    doctor = _command(sub, "doctor", "check the whole setup and say how to fix it")
    doctor.add_argument("--config", metavar="FILE", help="use this policy file instead")

    approve = _command(sub, "approve", "approve the protected changes on this branch")
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

    policy = _command(sub, "policy", "test the policy against replayed bad runs")
    policy_sub = policy.add_subparsers(
        dest="policy_command", metavar="COMMAND", required=True, prog="agentlint policy"
    )
    policy_test = _command(
        policy_sub,
        "test",
        key="policy test",
        help="replay case files and check the findings each expects",
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

    rules = _command(sub, "rules", "list rule codes, or explain one")
    rules.add_argument(
        "code", nargs="?", metavar="CODE", help="a rule code or name (default: list them all)"
    )
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
