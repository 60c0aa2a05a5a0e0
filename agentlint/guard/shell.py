"""A best-effort reading of a Bash command: the known ways around agentlint's checks, and
the files it writes or reads.

This is not a shell. It splits the command into simple commands (agentlint.guard.lex),
follows `cd` and variables the line sets, looks through wrappers (`timeout`, `env`,
`xargs`, `find -exec`, `nice`...), into `bash -c`, `eval` and here-document scripts and
shell script files, and reads git's own commands (agentlint.guard.gitcmd). A determined
agent can still hide a write (a program it wrote, a variable set elsewhere): CI remains
the gate.
"""

from __future__ import annotations

import posixpath

from agentlint import structs
from agentlint.guard import lex
from agentlint.guard.lex import simple_commands as simple_commands  # evidence reads them
from agentlint.guard.reading import Inspection, empty
from agentlint.structs import ASCII_LETTERS, DIGITS

REDIRECT_OUT = {">", ">>", ">|", "&>", "&>>", "<>", ">&", "&>|"}
REDIRECT_IN = {"<", "<&"}
HERE = {"<<", "<<-", "<<<"}  # the next word is a delimiter or a string, not a file
KEYWORDS = {"if", "then", "else", "elif", "do", "while", "until", "time", "!", "coproc"}
WRAPPERS = {"sudo", "doas", "command", "exec", "nohup", "time", "nice", "env", "builtin"}
WRAPPERS |= {"stdbuf", "setsid", "ionice", "chronic", "unbuffer", "caffeinate", "nocache"}
WRAPPERS |= {"timeout", "flock", "xargs", "chrt", "taskset", "strace", "ltrace", "torsocks"}
WRAPPERS |= {"proxychains", "proxychains4", "firejail", "doppler", "dotenv", "catchsegv"}
WRAPPERS |= KEYWORDS
# options whose value is the next word, per wrapper
WRAPPER_VALUED = {"-u", "-g", "-n", "-C", "-p", "--user", "--group", "--unset", "--adjustment"}
VALUED_BY = {
    "sudo": {"-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-U", "-T", "--user", "--group"},
    "env": {"-u", "-C", "--unset", "--chdir"},
    "nice": {"-n", "--adjustment"},
    "timeout": {"-s", "-k", "--signal", "--kill-after"},
    "stdbuf": {"-i", "-o", "-e", "--input", "--output", "--error"},
    "ionice": {"-c", "-n", "-p", "-P", "-u", "--class", "--classdata"},
    "flock": {"-w", "-E", "--timeout", "--wait", "--conflict-exit-code"},
    "xargs": {"-a", "-d", "-E", "-I", "-L", "-l", "-n", "-P", "-s", "--arg-file"},
    "exec": {"-a"},
    "strace": {"-e", "-o", "-p", "-s", "-u", "-E", "-P"},
    "ltrace": {"-e", "-o", "-p", "-s", "-u"},
    "chrt": set(),
    "taskset": {"-p", "-c", "--cpu-list"},
}
POSITIONAL = {"timeout": 1, "flock": 1, "chrt": 1, "taskset": 1}  # a duration, a lock, ...
RUNNERS = {("uv", "run"), ("poetry", "run"), ("pipenv", "run"), ("pdm", "run"), ("npx",)}
RUNNERS |= {("hatch", "run"), ("bundle", "exec"), ("pnpm", "exec"), ("bunx",), ("nix", "run")}
SHELLS = {"sh", "bash", "zsh", "dash", "ksh", "fish", "busybox"}
SCRIPT_FLAGS = {"su": "-c", "runuser": "-c", "script": "-c", "flock": "-c", "watch": ""}
NAME_START = frozenset(ASCII_LETTERS + "_")
NAME_CHARS = NAME_START | frozenset(DIGITS)
MAX_DEPTH = 6


def is_assignment(word: str) -> bool:
    """Whether the word starts `NAME=` or `NAME+=`, a shell variable assignment (as the
    regex `[A-Za-z_][A-Za-z0-9_]*\\+?=` matches it)."""
    name = word.partition("=")[0]
    if len(name) == len(word):
        return False
    name = name[:-1] if name.endswith("+") else name
    return bool(name) and name[0] in NAME_START and NAME_CHARS.issuperset(name)


MAX_SCRIPT = 256 << 10  # a script file larger than this is read only up to here
# environment variables that switch hook managers off; value test, reason
# environment variables that switch hook managers off: name, the values that do, reason
SWITCHES: dict[str, tuple[tuple[str, ...] | None, str]] = {
    "HUSKY": (("0", "false"), "HUSKY=0 switches the git hooks off"),
    "HUSKY_SKIP_HOOKS": (None, "HUSKY_SKIP_HOOKS switches the git hooks off"),
    "LEFTHOOK": (("0", "false", "off", "no"), "LEFTHOOK=0 switches lefthook's hooks off"),
    "PRE_COMMIT_ALLOW_NO_CONFIG": (
        None,
        "PRE_COMMIT_ALLOW_NO_CONFIG lets pre-commit pass without its configuration",
    ),
}
NAMING_HOOKS = {"SKIP": "pre-commit", "LEFTHOOK_EXCLUDE": "lefthook", "LEFTHOOK_SKIP": "lefthook"}


class Context(structs.Struct):
    found: Inspection
    depth: int
    bodies: list[str]
    values: dict[str, str]  # variables the command line set
    feeding: bool  # the line pipes names into xargs: every mention is a read


def inspect(command: str, cwd: str) -> Inspection:
    found = empty()
    _inspect(command, cwd, found, 0)
    return found


def _inspect(command: str, cwd: str, found: Inspection, depth: int) -> None:
    if depth > MAX_DEPTH:
        found.bypasses.append("the command nests shells too deeply to inspect; run it directly")
        return
    text, bodies = lex.heredocs(command)
    commands = lex.split(text)
    feeding = any(
        posixpath.basename(w) in ("xargs", "parallel") for words in commands for w in words[:3]
    )
    context = Context(found, depth, bodies, {}, feeding)
    for words in commands:
        cwd = simple(words, cwd, context)


def simple(words: list[str], cwd: str, context: Context) -> str:
    """Read one simple command; the working folder after it."""
    from agentlint.guard import commands

    found = context.found
    words, stdin = _redirections(lex.expand_variables(words, context.values), cwd, context)
    words, env = _unwrap(words, cwd, context)
    for assignment in env:
        _environment(assignment, found)
    if not words:
        for assignment in env:
            key, _, value = assignment.partition("=")
            if not key.endswith("+"):
                context.values[key] = value
        return cwd
    name = posixpath.basename(words[0])
    args = words[1:]
    if name == "cd":
        target = next((a for a in args if not a.startswith("-")), "~")
        return posixpath.normpath(posixpath.join(cwd, target)) if target != "~" else cwd
    if name == "export":
        for assignment in [w for w in args if is_assignment(w)]:
            _environment(assignment, found)
            key, _, value = assignment.partition("=")
            context.values[key] = value
        return cwd
    if any("hookspath" in w.lower() for w in words):
        found.bypasses.append("it changes core.hooksPath, which switches git's hooks off")
    script = _script(words[0], args, cwd, stdin)
    if script is not None:
        found.reads.extend(script[1])
        _nested(script[0], cwd, context)
        return cwd
    if env:  # the command's own environment, for what it runs (git's hooks)
        scope = {**context.values, **dict(a.split("=", 1) for a in env)}
        context = context._replace(values=scope)
    commands.judge(name, words, cwd, stdin, context)
    return cwd


def _nested(script: str, cwd: str, context: Context) -> None:
    _inspect(script, cwd, context.found, context.depth + 1)


def _redirections(
    words: list[str], cwd: str, context: Context
) -> tuple[list[str], tuple[str | None, str | None]]:
    """The words without redirections, whose files go to writes and reads; and the
    command's standard input: (a file, or a text such as a here-document)."""
    found = context.found
    rest, i = [], 0
    stdin_file: str | None = None
    stdin_text: str | None = None
    while i < len(words):
        word = words[i]
        if word in HERE and i + 1 < len(words):
            given = words[i + 1]
            stdin_text = given if word == "<<<" else lex.body(given, context.bodies)
            i += 2
            continue
        if (word in REDIRECT_OUT or word in REDIRECT_IN) and i + 1 < len(words):
            target = words[i + 1]
            is_fd = target.isdigit() or target == "-" or target.startswith("&")
            if not is_fd and target != "/dev/null":
                if word in REDIRECT_OUT:
                    found.writes.append((target, cwd))
                else:
                    found.reads.append((target, cwd))
                    stdin_file = target
            i += 2
            continue
        if word.isdigit() and i + 1 < len(words) and words[i + 1] in REDIRECT_OUT | REDIRECT_IN:
            i += 1  # the file descriptor of `2>`
            continue
        rest.append(word)
        i += 1
    return rest, (stdin_file, stdin_text)


def _unwrap(words: list[str], cwd: str, context: Context) -> tuple[list[str], list[str]]:
    """The command under its prefixes: assignments, wrappers (`timeout 60`, `env -i`,
    `nice -n 5`, `xargs -0`...) and runners (`uv run`); and the assignments."""
    env: list[str] = []
    while words:
        first = posixpath.basename(words[0])
        if is_assignment(words[0]):
            env.append(words[0])
            words = words[1:]
            continue
        runner = next((r for r in RUNNERS if tuple(words[: len(r)]) == r), None)
        if runner is not None:
            words = _skip_options(words[len(runner) :], set())
            continue
        if first not in WRAPPERS:
            break
        if first == "command" and any(w in ("-v", "-V") for w in words[1:2]):
            return [], env  # `command -v git` only looks the name up
        words = _wrapper_args(first, words[1:], context, cwd)
    return words, env


def _wrapper_args(name: str, args: list[str], context: Context, cwd: str) -> list[str]:
    valued = VALUED_BY.get(name, WRAPPER_VALUED if name == "doas" else set())
    i = 0
    while i < len(args) and args[i].startswith("-") and args[i] != "-":
        option = args[i]
        if name == "env" and option in ("-S", "--split-string") and i + 1 < len(args):
            return [*_first(args[i + 1]), *args[i + 2 :]]
        if name == "env" and option.startswith(("-S", "--split-string=")):
            text = option.split("=", 1)[1] if option.startswith("--") else option[2:]
            return [*_first(text), *args[i + 1 :]]
        if name == "flock" and option in ("-c", "--command") and i + 1 < len(args):
            _nested(args[i + 1], cwd, context)
            return []
        if option == "--":
            i += 1
            break
        i += 2 if option in valued else 1
    rest = args[i:][POSITIONAL.get(name, 0) :]
    if name == "flock" and rest[:1] in (["-c"], ["--command"]) and len(rest) > 1:
        _nested(rest[1], cwd, context)  # `flock FILE -c COMMAND`
        return []
    return rest


def _first(text: str) -> list[str]:
    """The words of the first simple command in `env -S` text."""
    found = lex.split(text)
    return found[0] if found else []


def _skip_options(words: list[str], valued: set[str]) -> list[str]:
    i = 0
    while i < len(words) and words[i].startswith("-"):
        i += 2 if words[i] in valued else 1
    return words[i:]


def _environment(assignment: str, found: Inspection) -> None:
    key, _, value = assignment.partition("=")
    key, value = key.rstrip("+"), value.strip("'\"")
    switch = SWITCHES.get(key)
    if switch is not None and (value.lower() in switch[0] if switch[0] else value not in ("", "0")):
        found.bypasses.append(switch[1])
    elif key in NAMING_HOOKS and "agentlint" in value:
        found.bypasses.append(f"{key}={value} skips agentlint's {NAMING_HOOKS[key]} hooks")
    elif key.startswith("GIT_CONFIG") and "hookspath" in value.lower():
        found.bypasses.append(f"{key} changes core.hooksPath, which switches git's hooks off")
    elif key.startswith("GIT_CONFIG") and ("no-verify" in value or "alias" in value.lower()):
        found.bypasses.append(f"{key} defines git configuration that can skip the hooks")


def _script(
    word: str, args: list[str], cwd: str, stdin: tuple[str | None, str | None]
) -> tuple[str, list[tuple[str, str]]] | None:
    """The script a shell (or `eval`, `su -c`, `watch`) runs: its text, and the file it
    was read from (a read), or None when the command runs no shell script."""
    name = posixpath.basename(word)
    if name == "eval":
        return " ".join(args), []
    if name in SCRIPT_FLAGS:
        flag = SCRIPT_FLAGS[name]
        if not flag:
            return " ".join(_skip_options(args, {"-n", "-d", "--interval"})), []
        given = next((args[i + 1] for i, a in enumerate(args[:-1]) if a == flag), None)
        return (given, []) if given is not None else None
    if name in SHELLS or name in ("source", "."):
        for i, arg in enumerate(args):
            if arg.startswith("-") and not arg.startswith("--") and "c" in arg[1:]:
                return (args[i + 1], []) if i + 1 < len(args) else None
        files = [a for a in args if not a.startswith("-")]
        if files:
            return _script_file(files[0], cwd)
        if stdin[1] is not None:
            return stdin[1], []
        if stdin[0] is not None:
            return _script_file(stdin[0], cwd)
        return None
    if "/" in word and word.endswith(".sh"):
        return _script_file(word, cwd)
    return None


def _script_file(path: str, cwd: str) -> tuple[str, list[tuple[str, str]]]:
    """A script file's text, read so that a script the agent wrote in one call cannot run
    what the guard would refuse in the next. A file that cannot be read is judged as its
    name alone (the command fails too)."""
    full = posixpath.join(cwd, path) if not path.startswith("~") else posixpath.expanduser(path)
    try:
        with open(full, "rb") as handle:
            text = handle.read(MAX_SCRIPT).decode("utf-8", "replace")
    except (OSError, ValueError):  # a name no file system can hold
        text = ""
    return text, [(path, cwd)]
