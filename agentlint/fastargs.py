"""The hot paths' arguments without argparse: `check` as the git hooks run it, and `hook
AGENT` before every tool call. argparse and its help machinery cost more than the rest
of a hook's start-up; these forms need none of it.

`parse` returns None for anything it does not know (another command, `--help`, an
unknown or repeated option, a bad value), and the full parser then handles it: its
messages and errors stay the only ones users see. tests/test_fastargs.py checks that
every form it accepts parses exactly as argparse parses it."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

HOOK_AGENTS = ("claude-code", "copilot", "cursor", "codex", "gemini")  # = hook.ADAPTERS (tested)
CHECK_DEFAULTS: dict[str, Any] = {
    "command": "check",
    "staged": False,
    "commit": None,
    "range_": None,
    "branch": False,
    "allow_empty": False,
    "message_file": None,
    "format": None,
    "color": "auto",
    "config": None,
    "select": "",
    "output": None,
    "statistics": False,
    "message_file_arg": None,
}
FLAGS = {"--staged": "staged", "--branch": "branch"}  # one of the source group, at most
VALUED = {"--message-file": "message_file", "--select": "select", "--config": "config"}


class Namespace:
    """What argparse.Namespace is to the commands: attributes by name."""

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)


def parse(argv: Sequence[str]) -> Namespace | None:
    if len(argv) == 2 and argv[0] == "hook" and argv[1] in HOOK_AGENTS:
        return Namespace(command="hook", hook_command=argv[1])
    if not argv or argv[0] != "check":
        return None
    values = dict(CHECK_DEFAULTS)
    seen: set[str] = set()
    words = list(argv[1:])
    while words:
        word = words.pop(0)
        name, eq, glued = word.partition("=")
        if word in FLAGS and not eq:
            if seen & set(FLAGS):
                return None  # two sources: argparse says why
            values[FLAGS[word]] = True
            seen.add(word)
        elif name in VALUED and name not in seen:
            if eq:
                value = glued
            elif words and not words[0].startswith("-"):
                value = words.pop(0)
            else:
                return None
            values[VALUED[name]] = value
            seen.add(name)
        elif not word.startswith("-") and values["message_file_arg"] is None and word:
            values["message_file_arg"] = word
        else:
            return None
    return Namespace(**values)
