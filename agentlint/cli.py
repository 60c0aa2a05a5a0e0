"""agentlint's command line: parse arguments, run one command, map errors to exit codes.

Exit codes: 0 no error-level findings, 1 error-level findings, 2 usage, config, git or
internal error, 130 on Ctrl-C. stdout carries results; diagnostics go to stderr.
"""

from __future__ import annotations

import os
import sys

from agentlint.errors import AgentlintError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

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


def _dispatch(args: Any) -> int:
    name = args.command
    if name in SUBCOMMANDS:
        name = f"{name} {getattr(args, SUBCOMMANDS[name])}"
    # importlib.import_module, without importing importlib (and warnings) on a hook path
    module = __import__(f"agentlint.commands.{COMMANDS[name]}", fromlist=["run"])
    result: int = module.run(args)
    return result


def _parse(argv: Sequence[str] | None) -> Any:
    """The arguments: the hot paths without argparse (agentlint.fastargs), else argparse."""
    from agentlint import fastargs

    fast = fastargs.parse(sys.argv[1:] if argv is None else argv)
    if fast is not None:
        return fast
    from agentlint.parser import _parser

    return _parser().parse_args(argv)


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
        args = _parse(argv)
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


def entry() -> None:
    """The console script: run, flush, and leave at once. Interpreter shutdown (freeing
    every module and object) costs a hook several milliseconds and does nothing for it;
    agentlint holds no resource that needs it (files are closed where they are used)."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # the reader went away: as main() says for a write
        _silence_stdout()
        code = code or 2
    regex = sys.modules.get("agentlint.regex")
    if regex is not None:  # keep the patterns this run compiled for the next (agentlint.regex)
        regex.save()
    os._exit(code)
