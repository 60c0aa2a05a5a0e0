"""Whether the commit being made amends HEAD (`git commit --amend`).

A commit-msg or pre-commit hook is not told: git passes the message file only, and
prepare-commit-msg's source says `message` for `--amend -m`. The git process that runs the
hooks knows, so read its command line: the nearest `git` among this process's ancestors
(Linux `/proc`; where there is none, as on macOS and the BSDs, one `ps` listing; where
neither answers, nothing is known and the index is judged against HEAD, as before).
An agent cannot fake an amend this way without running one. Aliases (`alias.ca = commit
--amend`) are expanded from git's config, which `git var -l` lists anyway.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

_GLOBAL_WITH_VALUE = ("-C", "-c", "--git-dir", "--work-tree", "--namespace", "--config-env")
_MAX_DEPTH = 12  # hook chains are git > sh > pre-commit > agentlint: a few levels


def is_amend_argv(argv: Sequence[str], aliases: Mapping[str, str] | None = None) -> bool:
    """Whether `git ARGS...` is a commit with --amend (or an unambiguous prefix of it,
    which git's option parser accepts), aliases expanded once."""
    args = list(argv[1:])
    while args and args[0].startswith("-"):  # git's own options before the command
        option = args.pop(0)
        if option in _GLOBAL_WITH_VALUE and args:
            args.pop(0)
    if not args:
        return False
    command, rest = args[0], args[1:]
    if command != "commit" and aliases and command in aliases:
        expanded = aliases[command].split()
        if not expanded or expanded[0].startswith("!"):  # a shell alias: not git's parser
            return False
        command, rest = expanded[0], [*expanded[1:], *rest]
    if command != "commit":
        return False
    amend = False
    values = iter(rest)
    for arg in values:
        if arg == "--":
            break
        if len(arg) >= 4 and "--amend".startswith(arg):  # --am, --ame, --amen, --amend
            amend = True
        elif arg == "--no-amend":
            amend = False
        elif _takes_value(arg):
            next(values, None)  # `-m --amend` is a message, not the option
    return amend


_LONG_WITH_VALUE = (
    "--author",
    "--date",
    "--file",
    "--message",
    "--reuse-message",
    "--reedit-message",
    "--template",
    "--fixup",
    "--squash",
    "--cleanup",
    "--trailer",
    "--pathspec-from-file",
)


def _takes_value(arg: str) -> bool:
    """An option of `git commit` whose value is the next argument."""
    if arg.startswith("--"):
        return arg in _LONG_WITH_VALUE
    if not arg.startswith("-"):
        return False
    # a cluster of short options (`-am msg`); a value-taking one takes the rest (`-mfix`)
    for n, letter in enumerate(arg[1:], 1):
        if letter in "mFCct":
            return n == len(arg) - 1
    return False


def aliases_in(listing: str) -> dict[str, str]:
    """`alias.NAME=VALUE` lines of `git var -l` (or `git config -l`)."""
    found = {}
    for line in listing.splitlines():
        key, sep, value = line.partition("=")
        if sep and key.startswith("alias."):
            found[key[6:]] = value
    return found


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read(1 << 16)
    except OSError:
        return None


def hook_runner(
    read: Callable[[str], bytes | None] = _read,
    listing: Callable[[], bytes | None] | None = None,
) -> list[str] | None:
    """The command line of the nearest `git` process above this one, or None (no git
    among the ancestors: agentlint was run by hand; or no way to see the processes)."""
    pid = os.getpid()
    if read(f"/proc/{pid}/stat") is None:  # no /proc: ask ps once
        return _from_ps(pid, (listing or _ps)())
    for _ in range(_MAX_DEPTH):
        stat = read(f"/proc/{pid}/stat")
        if stat is None:
            return None
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses
        fields = stat[stat.rfind(b")") + 2 :].split()
        if len(fields) < 2 or not fields[1].isdigit():
            return None
        pid = int(fields[1])
        if pid <= 1:
            return None
        raw = read(f"/proc/{pid}/cmdline")
        if not raw:
            continue
        argv = [a.decode("utf-8", "surrogateescape") for a in raw.rstrip(b"\0").split(b"\0")]
        if os.path.basename(argv[0]) in ("git", "git.exe"):
            return argv
    return None


def _ps() -> bytes | None:
    """`ps`'s listing of every process: pid, parent and full command line (POSIX -o, and
    -ww for lines of any width on macOS and the BSDs)."""
    import subprocess  # only where there is no /proc, and only under git's hooks

    try:
        done = subprocess.run(
            ["ps", "-A", "-ww", "-o", "pid=,ppid=,args="],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _from_ps(pid: int, listing: bytes | None) -> list[str] | None:
    """The nearest `git` above `pid` in a `ps` listing. ps joins the arguments with spaces
    (their quoting is lost), so a message like `-m "x --amend"` reads as an amend: the
    amend is then judged whole, which can only find more, never less."""
    if not listing:
        return None
    table: dict[int, tuple[int, list[str]]] = {}
    for line in listing.decode("utf-8", "surrogateescape").splitlines():
        parts = line.split(None, 2)
        if len(parts) == 3 and parts[0].isdigit() and parts[1].isdigit():
            table[int(parts[0])] = (int(parts[1]), parts[2].split())
    for _ in range(_MAX_DEPTH):
        if pid not in table:
            return None
        pid = table[pid][0]
        if pid <= 1 or pid not in table:
            return None
        argv = table[pid][1]
        if argv and os.path.basename(argv[0]) in ("git", "git.exe"):
            return argv
    return None
