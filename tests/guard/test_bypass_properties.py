"""Property-based tests of the parsing added against known bypasses: ANSI-C quoting,
wrappers in any order and quoting of git, patch headers, and any command built from the
hostile vocabulary through the real hook."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agentlint.guard import lex, shell, unified
from tests.conftest import Repo
from tests.guard.conftest import event

PRINTABLE = st.characters(
    min_codepoint=0x20,
    max_codepoint=0x2FFF,
    blacklist_characters="`$\n",
    blacklist_categories=("Cs",),
)


@settings(max_examples=300, deadline=None)
@given(text=st.text(PRINTABLE, min_size=1, max_size=20), style=st.sampled_from(["x", "u", "octal"]))
def test_ansi_c_quoting_decodes_to_the_text(text: str, style: str) -> None:
    def one(char: str) -> str:
        if ord(char) > 0xFF or style == "u":
            return f"\\u{ord(char):04x}"
        return f"\\x{ord(char):02x}" if style == "x" else f"\\{ord(char):03o}"

    encoded = "".join(one(c) for c in text)
    assert lex.simple_commands(f"echo $'{encoded}'") == [["echo", text]]


WRAPPERS = [
    "timeout 60",
    "timeout -s KILL 5m",
    "nice -n 5",
    "nice",
    "env -i",
    "env FOO=1",
    "command",
    "nohup",
    "stdbuf -oL",
    "setsid -f",
    "xargs -0",
    "sudo -u me",
    "flock /tmp/lock",
    "uv run",
    "FOO=1",
    "time",
    "exec",
    "ionice -c 3",
    "chronic",
]
GITS = ["git", "'git'", '"g"i"t"', "\\git", "$'git'", "$'\\x67it'", "$'\\147it'", "/usr/bin/git"]
BYPASSES = ["commit -n -m x", "commit --no-verify -m x", "push --no-verify", "commit -anm x"]


@settings(max_examples=300, deadline=None)
@given(
    wrappers=st.lists(st.sampled_from(WRAPPERS), max_size=4),
    git=st.sampled_from(GITS),
    bypass=st.sampled_from(BYPASSES),
    prefix=st.sampled_from(["", "cd src && ", "true; ", "if true; then ", "echo ok | "]),
)
def test_a_bypass_is_caught_under_any_wrappers(
    wrappers: list[str], git: str, bypass: str, prefix: str
) -> None:
    command = f"{prefix}{' '.join(wrappers)} {git} {bypass}"
    assert shell.inspect(command, "/repo").bypasses, command
    honest = f"{prefix}{' '.join(wrappers)} {git} commit -m x"
    assert not shell.inspect(honest, "/repo").bypasses, honest


NAMES = st.text(
    st.characters(min_codepoint=0x21, max_codepoint=0x7E, blacklist_characters='"\\/'),
    min_size=1,
    max_size=12,
)


@settings(max_examples=200, deadline=None)
@given(
    paths=st.lists(st.lists(NAMES, min_size=1, max_size=3).map("/".join), min_size=1, max_size=4),
    renamed=st.booleans(),
)
def test_every_file_of_a_git_diff_is_named(paths: list[str], renamed: bool) -> None:
    parts = []
    for path in paths:
        parts.append(
            f"diff --git a/{path} b/{path}.new" if renamed else f"diff --git a/{path} b/{path}"
        )
        if renamed:
            parts += [f"rename from {path}", f"rename to {path}.new"]
        else:
            parts += [f"--- a/{path}", f"+++ b/{path}", "@@ -1 +1 @@", "-x", "+y"]
    found = {unified.stripped(n, 1) for n in unified.touched("\n".join(parts))}
    assert set(paths) <= found


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300))
def test_any_patch_text_is_read_without_error(text: str) -> None:
    assert all(isinstance(n, str) and n for n in unified.touched(text))


VOCABULARY = [
    "git",
    "-c",
    "alias.x='commit -n'",
    "x",
    "commit",
    "-n",
    "apply",
    "fix.patch",
    "checkout",
    "HEAD",
    "--",
    ".github/workflows/ci.yml",
    "show",
    "HEAD:.env",
    ">&",
    "<<<",
    "$'git'",
    "timeout",
    "60",
    "xargs",
    "find",
    ".",
    "-exec",
    "cat",
    "{}",
    "+",
    "\\;",
    "rg",
    "--hidden",
    "grep",
    "-r",
    "K",
    ".env",
    "patch",
    "-p1",
    "<",
    "|",
    "&&",
    ";",
    "env",
    "-S",
    "'",
    '"',
    "python3",
    "-c",
    "open('.env')",
    "LEFTHOOK=0",
    "<<EOF",
    "EOF",
    "\n",
    "bash",
    "ln",
    "config",
    "core.hooksPath",
    "update-index",
    "--skip-worktree",
    "restore",
    "--source",
]
SETTINGS = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(command=st.lists(st.sampled_from(VOCABULARY), max_size=14).map(" ".join))
def test_any_hostile_command_gets_a_decision(seeded: Repo, hook, command: str) -> None:  # type: ignore[no-untyped-def]
    seeded.write(".env", "K=1\n")
    seeded.write("fix.patch", "--- a/.github/workflows/ci.yml\n+++ b/.github/workflows/ci.yml\n")
    result = hook(event(seeded, "Bash", {"command": command}))
    assert result.code in (0, 2) and "Traceback" not in result.err, result
    if result.out:
        decision = json.loads(result.out)["hookSpecificOutput"]["permissionDecision"]
        assert (result.code == 2) == (decision == "deny")
