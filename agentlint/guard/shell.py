"""A best-effort reading of a Bash command: the known ways around agentlint's checks, and
the files it writes or reads.

This is not a shell. It splits the command into simple commands on `;`, `&&`, `||`, `|`,
`&`, newlines, parentheses and command substitutions, follows `cd`, and looks into
`bash -c`, `sh -c` and `eval` strings. A determined agent can still hide a write (a
script, an interpreter one-liner, a variable): CI remains the gate.
"""

from __future__ import annotations

import posixpath
import re
import shlex
from typing import NamedTuple

SEPARATORS = {";", "&&", "||", "|", "|&", "&", "(", ")", "((", "))", ";;", "{", "}", "!"}
REDIRECT_OUT = {">", ">>", ">|", "&>", "&>>", "<>"}
REDIRECT_IN = {"<"}
HERE = {"<<", "<<-", "<<<"}  # the next word is a delimiter or a string, not a file
WRAPPERS = {"sudo", "doas", "command", "exec", "nohup", "time", "nice", "env", "builtin", "stdbuf"}
WRAPPER_VALUED = {"-u", "-g", "-n", "-C", "-p", "--user", "--group", "--unset", "--adjustment"}
SHELLS = {"sh", "bash", "zsh", "dash", "ksh"}
ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=")
HEREDOC = re.compile(r"<<-?\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\1")
GIT_OPTIONS_WITH_VALUE = {"-C", "-c", "--git-dir", "--work-tree", "--namespace", "--config-env"}
# commit's short options whose value may be glued to them: `-mfix`, `-Fmsg.txt`
COMMIT_VALUED = set("mFCctS")
DELETERS = {"rm", "rmdir", "unlink", "shred", "touch", "truncate", "chmod", "chown"}
SKIP_FIRST = {"chmod", "chown"}  # the mode or owner comes first
READERS = {"cat", "less", "more", "head", "tail", "bat", "source", ".", "base64", "xxd"}
READERS |= {"od", "strings", "nl", "tac", "scp", "diff", "cmp", "sort", "uniq", "wc", "awk"}
SEARCHERS = {"grep", "egrep", "fgrep", "rg", "ag"}  # the first word is the pattern
MAX_DEPTH = 4


class Inspection(NamedTuple):
    bypasses: list[str]  # reasons
    writes: list[tuple[str, str]]  # (word, cwd)
    reads: list[tuple[str, str]]


def inspect(command: str, cwd: str) -> Inspection:
    found = Inspection([], [], [])
    _inspect(command, cwd, found, 0)
    return found


def _inspect(command: str, cwd: str, found: Inspection, depth: int) -> None:
    if depth > MAX_DEPTH:
        found.bypasses.append("the command nests shells too deeply to inspect; run it directly")
        return
    for words in simple_commands(command):
        cwd = _simple(words, cwd, found, depth)


def simple_commands(command: str) -> list[list[str]]:
    """The command's simple commands, each as its words (redirection operators kept)."""
    text = strip_heredocs(command).replace("\n", " ; ").replace("`", " ; ")
    text = text.replace("$(", " ; ( ")
    try:
        lexer = shlex.shlex(text, posix=True, punctuation_chars=";&|()<>!{}")
        lexer.whitespace_split = True
        lexer.commenters = ""
        tokens = list(lexer)
    except ValueError:  # an unclosed quote: judge the plain words
        tokens = re.findall(r"[;&|()<>]+|[^\s;&|()<>]+", text)
    out: list[list[str]] = [[]]
    for token in tokens:
        if token in SEPARATORS or (set(token) <= set(";&|()!{}") and token.strip()):
            if out[-1]:
                out.append([])
        else:
            out[-1].append(token)
    return [words for words in out if words]


def strip_heredocs(command: str) -> str:
    """The command without here-document bodies, which are data, not commands."""
    lines = command.split("\n")
    out: list[str] = []
    waiting: list[str] = []
    for line in lines:
        if waiting:
            if line.strip() == waiting[0]:
                waiting.pop(0)
            continue
        out.append(line)
        waiting += [m.group(2) for m in HEREDOC.finditer(line)]
    return "\n".join(out)


def _simple(words: list[str], cwd: str, found: Inspection, depth: int) -> str:
    words = _redirections(words, cwd, found)
    env: list[str] = []
    while words and (ASSIGNMENT.match(words[0]) or words[0] in WRAPPERS):
        if ASSIGNMENT.match(words[0]):
            env.append(words[0])
        words = words[1:]
        while words and words[0].startswith("-") and len(words) > 1:
            words = words[2:] if words[0] in WRAPPER_VALUED else words[1:]
    if words and words[0] == "export":
        env += [w for w in words[1:] if ASSIGNMENT.match(w)]
        words = []
    for assignment in env:
        _environment(assignment, found)
    if not words:
        return cwd
    name = posixpath.basename(words[0])
    args = words[1:]
    if name == "cd":
        target = next((a for a in args if not a.startswith("-")), "~")
        return posixpath.normpath(posixpath.join(cwd, target)) if target != "~" else cwd
    if name in SHELLS or name == "eval":
        script = _script(name, args)
        if script is not None:
            _inspect(script, cwd, found, depth + 1)
        return cwd
    if any("hookspath" in w.lower() for w in words):
        found.bypasses.append("it changes core.hooksPath, which switches git's hooks off")
    if name == "git":
        _git(args, cwd, found)
    elif name == "pre-commit" and args[:1] == ["uninstall"]:
        found.bypasses.append("`pre-commit uninstall` removes agentlint's hooks")
    else:
        _files(name, args, cwd, found)
    return cwd


def _redirections(words: list[str], cwd: str, found: Inspection) -> list[str]:
    rest, i = [], 0
    while i < len(words):
        word = words[i]
        if word in HERE:
            i += 2
            continue
        if (word in REDIRECT_OUT or word in REDIRECT_IN) and i + 1 < len(words):
            target = words[i + 1]
            if not target.startswith("&") and target != "/dev/null":
                (found.writes if word in REDIRECT_OUT else found.reads).append((target, cwd))
            i += 2
            continue
        if word.isdigit() and i + 1 < len(words) and words[i + 1] in REDIRECT_OUT | REDIRECT_IN:
            i += 1  # the file descriptor of `2>`
            continue
        rest.append(word)
        i += 1
    return rest


def _environment(assignment: str, found: Inspection) -> None:
    key, _, value = assignment.partition("=")
    if key == "HUSKY" and value.strip("'\"") == "0":
        found.bypasses.append("HUSKY=0 switches the git hooks off")
    elif key == "SKIP" and "agentlint" in value:
        found.bypasses.append(f"SKIP={value} skips agentlint's pre-commit hooks")
    elif key.startswith("GIT_CONFIG") and "hookspath" in value.lower():
        found.bypasses.append(f"{key} changes core.hooksPath, which switches git's hooks off")


def _script(name: str, args: list[str]) -> str | None:
    if name == "eval":
        return " ".join(args)
    for i, arg in enumerate(args):
        if arg.startswith("-") and not arg.startswith("--") and "c" in arg[1:]:
            return args[i + 1] if i + 1 < len(args) else None
    return None  # `bash script.sh`: the script is not read


def _git(args: list[str], cwd: str, found: Inspection) -> None:
    i = 0
    while i < len(args) and args[i].startswith("-"):
        if args[i] == "-C" and i + 1 < len(args):
            cwd = posixpath.normpath(posixpath.join(cwd, args[i + 1]))
        i += 2 if args[i] in GIT_OPTIONS_WITH_VALUE else 1
    if i >= len(args):
        return
    sub, rest = args[i], args[i + 1 :]
    options = rest[: rest.index("--")] if "--" in rest else rest
    for option in options:
        if len(option) >= len("--no-veri") and "--no-verify".startswith(option):
            found.bypasses.append(f"`git {sub} --no-verify` skips agentlint's hooks")
        elif sub == "commit" and _short_flag(option, "n"):
            found.bypasses.append("`git commit -n` (--no-verify) skips agentlint's hooks")
    if sub in ("rm", "mv"):
        found.writes.extend([(a, cwd) for a in rest if not a.startswith("-")])


def _short_flag(option: str, flag: str) -> bool:
    if not option.startswith("-") or option.startswith("--"):
        return False
    for char in option[1:]:
        if char == flag:
            return True
        if char in COMMIT_VALUED:
            return False  # the rest is the option's value
    return False


# options whose value is the next word, so it is not a file
VALUED = {
    "truncate": {"-s", "--size", "-r", "--reference"},
    "cp": {"-t", "--target-directory", "-S", "--suffix"},
    "mv": {"-t", "--target-directory", "-S", "--suffix"},
    "install": {"-t", "-m", "-o", "-g", "--mode", "--owner", "--group"},
    "head": {"-n", "-c"},
    "tail": {"-n", "-c"},
    "sort": {"-o", "-k", "-t"},
}
for _searcher in SEARCHERS:
    VALUED[_searcher] = {"-e", "-f", "--regexp", "--file", "-A", "-B", "-C", "-m", "-g", "-t"}


def _operands(name: str, args: list[str]) -> list[str]:
    valued = VALUED.get(name, set())
    out, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg in valued:
            skip = True
        elif not arg.startswith("-") or arg == "-":
            out.append(arg)
    return out


def _files(name: str, args: list[str], cwd: str, found: Inspection) -> None:
    plain = _operands(name, args)
    if name in ("sed", "perl"):
        if any(a.startswith(("-i", "--in-place")) or _short_flag(a, "i") for a in args):
            found.writes.extend((a, cwd) for a in _edited(args))
        return
    if name == "dd":
        for arg in args:
            key, _, value = arg.partition("=")
            if key in ("of", "if") and value:
                (found.writes if key == "of" else found.reads).append((value, cwd))
        return
    if name in DELETERS:
        found.writes.extend([(a, cwd) for a in plain[1 if name in SKIP_FIRST else 0 :]])
    elif name in ("mv", "tee"):
        found.writes.extend([(a, cwd) for a in plain])
    elif name in ("cp", "install", "ln", "rsync"):
        target = next(
            (args[i + 1] for i, a in enumerate(args[:-1]) if a in ("-t", "--target-directory")),
            None,
        )
        if target is None and plain:
            target, plain = plain[-1], plain[:-1]
        if target is not None:
            found.writes.append((target, cwd))
        found.reads.extend([(a, cwd) for a in plain])
    elif name in READERS:
        found.reads.extend([(a, cwd) for a in plain])
    elif name in SEARCHERS:
        patterned = any(a in ("-e", "-f", "--regexp", "--file") for a in args)
        found.reads.extend([(a, cwd) for a in (plain if patterned else plain[1:])])


def _edited(args: list[str]) -> list[str]:
    """The files `sed -i`/`perl -i` edit: the words after the script, which is the first
    plain word unless -e/-f gave it."""
    plain, scripted, skip = [], False, False
    for arg in args:
        if skip:
            skip = False
        elif arg in ("-e", "-f", "--expression", "--file"):
            scripted = skip = True
        elif arg.startswith(("-e", "--expression=")) and len(arg) > 2 and arg[:2] != "-i":
            scripted = True
        elif not arg.startswith("-"):
            plain.append(arg)
    return plain if scripted else plain[1:]
