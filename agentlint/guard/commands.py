"""The files one simple command writes and reads, by what the command is: writers (`rm`,
`mv`, `cp`, `tee`, `sed -i`, `patch`...), readers (`cat`, `cut`, `awk`, an interpreter's
inline code: any word naming an existing file is a read, unless the command only names
files), recursive searches (`grep -r`, `rg`, `find -exec`), and git (agentlint.guard.gitcmd)."""

from __future__ import annotations

import os
import posixpath

from agentlint import regex
from agentlint.guard import gitcmd, search
from agentlint.guard.reading import Patch, Walk

TYPE_CHECKING = False
if TYPE_CHECKING:
    from agentlint.guard.reading import Inspection
    from agentlint.guard.shell import Context

DELETERS = {"rm", "rmdir", "unlink", "shred", "touch", "truncate", "chmod", "chown", "chgrp"}
SKIP_FIRST = {"chmod", "chown", "chgrp"}  # the mode or owner comes first
READERS = {"cat", "less", "more", "head", "tail", "bat", "base64", "xxd", "cut", "paste"}
READERS |= {"od", "strings", "nl", "tac", "scp", "diff", "cmp", "sort", "uniq", "wc", "awk"}
READERS |= {"hexdump", "jq", "yq", "file", "sha256sum", "md5sum", "zcat"}
ARCHIVERS = {"tar", "zip", "7z", "7za", "cpio", "ar", "gzip", "bzip2", "xz", "zstd", "rar"}
REMOVES_HINT = r"rmtree|rmdir|remove|unlink|rename|move|rm\(|rmSync"
EDITORS = {"ed", "ex", "vi", "vim", "nvim", "nano", "emacs", "pico", "micro", "joe"}
# inline code that may write: its files are judged as writes, not only reads
WRITES_HINT = (
    r"write|unlink|remove|rename|replace\(|rmtree|truncate|copy|move|chmod|symlink|"
    r"""open\([^)]*['"][wax]|['"][wa]\+?['"]"""
)
SEARCHERS = {"grep", "egrep", "fgrep", "rg", "ag"}  # the first word is the pattern
# commands whose words are names, not files they open
NAMING = {"echo", "printf", "ls", "test", "[", "[[", "stat", "realpath", "readlink", "du"}
NAMING |= {"basename", "dirname", "mkdir", "which", "type", "true", "false", ":", "pwd"}
NAMING |= {"ln", "find", "tree", "git", "export", "unset", "set", "alias", "printenv", "kill"}
NAMING |= {"sleep", "exit", "return", "local", "declare", "trap", "wait", "mv", "cd"}
NAMING |= DELETERS | SEARCHERS  # a search's files are read by _search
INTERPRETERS = {"node", "nodejs", "ruby", "perl", "php", "deno", "bun", "Rscript", "lua"}
# what splits a word into the pieces that may name files (whitespace splits too)
NOT_IN_A_NAME = str.maketrans(dict.fromkeys("'\"=(),;:@<>|&`{}[]$", " "))
MAX_MENTIONS = 400
GREP_VALUED = {"-e", "-f", "--regexp", "--file", "-A", "-B", "-C", "-m", "-d", "-D"}
RG_VALUED = {"-e", "-f", "--regexp", "--file", "-A", "-B", "-C", "-m", "-g", "--glob"}
RG_VALUED |= {"--iglob", "-t", "-T", "--type", "--type-not", "-j", "-M", "--max-depth", "-E"}
RG_VALUED |= {"--ignore-file", "-r", "--replace", "--pre", "--sort", "--sortr", "--color"}
VALUED = {
    "truncate": {"-s", "--size", "-r", "--reference"},
    "cp": {"-t", "--target-directory", "-S", "--suffix"},
    "mv": {"-t", "--target-directory", "-S", "--suffix"},
    "install": {"-t", "-m", "-o", "-g", "--mode", "--owner", "--group"},
    "head": {"-n", "-c"},
    "tail": {"-n", "-c"},
    "sort": {"-o", "-k", "-t"},
    "cut": {"-d", "-f", "-b", "-c"},
    "grep": GREP_VALUED,
    "egrep": GREP_VALUED,
    "fgrep": GREP_VALUED,
    "rg": RG_VALUED,
    "ag": {"-G", "--ignore", "-A", "-B", "-C", "-m", "--depth", "-p", "--path-to-ignore"},
}
PATCH_VALUED = {"-i", "--input", "-o", "--output", "-p", "-d", "--directory", "-D", "-B"}
PATCH_VALUED |= {"-F", "-r", "-V", "-z", "-Y", "-g"}


def judge(
    name: str, words: list[str], cwd: str, stdin: tuple[str | None, str | None], context: Context
) -> None:
    found = context.found
    args = words[1:]
    if name == "git" or (name.startswith("$") and args[:1] and args[0] in gitcmd.SUBCOMMANDS):
        gitcmd.inspect(args, cwd, context, stdin)
        return
    _hidden_git(name, words, cwd, context)
    if name == "pre-commit" and args[:1] == ["uninstall"]:
        found.bypasses.append("`pre-commit uninstall` removes agentlint's hooks")
    elif name == "find":
        search.find(args, cwd, context)
    elif name == "patch":
        _patch(args, cwd, stdin, found)
    elif name in SEARCHERS:
        search.search(name, args, cwd, found)
    else:
        _files(name, args, cwd, found)
    if name not in NAMING or context.feeding:
        found.mentions.extend((c, cwd) for c in candidates(args)[:MAX_MENTIONS])
    if is_interpreter(name):
        _code(args, stdin, cwd, found)


def _code(
    args: list[str], stdin: tuple[str | None, str | None], cwd: str, found: Inspection
) -> None:
    """An interpreter's inline code (`-c`, `-e`, a here-document): the files it names are
    reads, and writes where the code looks like it writes."""
    code = [args[i + 1] for i, a in enumerate(args[:-1]) if a in ("-c", "-e", "--eval", "-p")]
    code += [stdin[1]] if stdin[1] else []
    names = candidates(code)[:MAX_MENTIONS]
    found.mentions.extend((c, cwd) for c in names)
    if any(regex.compile(WRITES_HINT).search(c) for c in code):
        removes = any(regex.compile(REMOVES_HINT).search(c) for c in code)
        found.writes.extend((c, cwd) for c in names if _may_write(c, cwd, removes=removes))


def _may_write(word: str, cwd: str, *, removes: bool) -> bool:
    """Whether inline code may write the file a name stands for: a name that looks like
    a path (not `.`, `print`, a regex such as `/g`), that exists or whose folder does.
    A folder counts only when the code removes or moves things: `Path(...) / ".github"`
    names a folder on the way to one file."""
    if not any(c.isalnum() for c in word) or not ("." in word or "/" in word) or " " in word:
        return False
    full = os.path.join(cwd, os.path.expanduser(word))
    try:
        if os.path.isdir(full):
            return removes
        return os.path.lexists(full) or (
            not os.path.isabs(word) and os.path.isdir(os.path.dirname(full) or cwd)
        )
    except ValueError:  # a name no file system can hold
        return False


def candidates(words: list[str]) -> list[str]:
    """The words, and the file-like pieces inside them (`--file=.env`, `@.env`,
    `open('.env')`), that may name a file the command opens."""
    out: list[str] = []
    for word in words:
        if not word or (word.startswith("-") and "=" not in word):
            continue
        out.append(word)
        out += [t for t in pieces(word) if t != word and not t.startswith("-")]
    return list(dict.fromkeys(out))


def pieces(word: str) -> list[str]:
    """The runs of the word between whitespace and the characters no file name in a
    command is likely to hold: `--file=.env` -> `--file`, `.env` (what the regex
    `[^\\s'"=(),;:@<>|&`{}\\[\\]$]+` finds)."""
    return word.translate(NOT_IN_A_NAME).split()


def is_interpreter(name: str) -> bool:
    """A command that runs inline code: python (any version), node, ruby, perl..."""
    if name.startswith("python"):
        return all(c == "." or c.isdecimal() for c in name[6:])
    return name in INTERPRETERS


def _hidden_git(name: str, words: list[str], cwd: str, context: Context) -> None:
    """A git command behind a wrapper agentlint does not know (`catchsegv git commit -n`):
    its ways around the hooks are still refused."""
    if name in ("echo", "printf"):
        return
    for k, word in enumerate(words[1:], 1):
        if posixpath.basename(word) == "git":
            from agentlint.guard.reading import empty
            from agentlint.guard.shell import Context

            aside = Context(empty(), context.depth, context.bodies, context.values, False)
            gitcmd.inspect(words[k + 1 :], cwd, aside, (None, None))
            context.found.bypasses.extend(aside.found.bypasses)
            return


def operands(name: str, args: list[str]) -> list[str]:
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
    plain = operands(name, args)
    if name in ("sed", "perl"):
        if any(a.startswith(("-i", "--in-place")) or gitcmd._short_flag(a, "i") for a in args):
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
    elif name == "mkdir":
        found.writes.extend((a, cwd) for a in plain if ".git" in a.split("/"))
    elif name in ("mv", "tee"):
        found.writes.extend([(a, cwd) for a in plain])
    elif name in ("cp", "install", "ln", "rsync"):
        _copy(name, args, plain, cwd, found)
    elif name in READERS:
        found.reads.extend([(a, cwd) for a in plain])
    elif name in ARCHIVERS:  # they read whole folders: judged as a walk of each
        found.walks.extend(Walk(a, cwd, True, (), ()) for a in plain)
    elif name in EDITORS:
        found.writes.extend([(a, cwd) for a in plain if not a.startswith("+")])


def _copy(name: str, args: list[str], plain: list[str], cwd: str, found: Inspection) -> None:
    target = next(
        (args[i + 1] for i, a in enumerate(args[:-1]) if a in ("-t", "--target-directory")),
        None,
    )
    if target is None and plain:
        target, plain = plain[-1], plain[:-1]
    if target is not None:
        found.writes.append((target, cwd))
    if name != "ln":
        found.reads.extend([(a, cwd) for a in plain])
    elif not any(a in ("-s", "--symbolic") or (a[:1] == "-" and "s" in a[1:]) for a in args):
        found.writes.extend([(a, cwd) for a in plain])  # a hard link: another name for it


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


def _patch(
    args: list[str], cwd: str, stdin: tuple[str | None, str | None], found: Inspection
) -> None:
    """`patch [-pN] [-i FILE] [ORIGINAL [PATCHFILE]] < FILE`."""
    if "--dry-run" in args:
        return
    strip, source, plain, i = None, None, [], 0
    while i < len(args):
        word = args[i]
        value = args[i + 1] if i + 1 < len(args) else ""
        if word in ("-i", "--input"):
            source = value
        elif word.startswith("--input="):
            source = word.split("=", 1)[1]
        elif word in ("-o", "--output"):
            found.writes.append((value, cwd))
        elif word == "-p" and value.isdigit():
            strip = int(value)
        elif word.startswith("-p") and word[2:].isdigit():
            strip = int(word[2:])
        elif word in ("-d", "--directory"):
            cwd = posixpath.normpath(posixpath.join(cwd, value))
        if word in PATCH_VALUED:
            i += 2
            continue
        if not word.startswith("-"):
            plain.append(word)
        i += 1
    if plain:
        found.writes.append((plain[0], cwd))
    source = source or (plain[1] if len(plain) > 1 else None)
    if source is not None:
        found.patches.append(Patch(source, None, cwd, strip))
    elif not plain:
        found.patches.append(Patch(stdin[0], stdin[1], cwd, strip))
