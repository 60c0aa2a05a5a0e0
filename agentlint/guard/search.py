"""Recursive reads and writes: what `grep -r`, `rg`, `ag` and `find` open, as walks of
the folders they are given, filtered by their include and exclude globs and, for rg and
ag, by their rule for dot files; and what `find -exec CMD {}` and `-delete` do to the
files found."""

from __future__ import annotations

from agentlint.guard.reading import Walk

TYPE_CHECKING = False
if TYPE_CHECKING:
    from agentlint.guard.reading import Inspection
    from agentlint.guard.shell import Context

FOUND = "\x00found\x00"  # what `{}` stands for in `find -exec`


def search(name: str, args: list[str], cwd: str, found: Inspection) -> None:
    """A search reads its named files, and with recursion every file under its folders
    that it would open: dot files too for grep, and for rg and ag with --hidden or -uu."""
    from agentlint.guard.commands import operands

    plain = operands(name, args)
    patterned = any(
        a in ("-e", "-f", "--regexp", "--file") or a.startswith("--regexp=") for a in args
    )
    paths = plain if patterned else plain[1:]
    found.reads.extend((a, cwd) for a in paths)
    include, exclude = _globs(name, args)
    if name in ("rg", "ag"):
        # rg and ag skip dot files and what .gitignore lists unless told otherwise; a
        # glob that names files (-g) opens them even so
        unrestricted = sum(
            len(a) - 1 for a in args if len(a) > 1 and a[0] == "-" and not a[1:].strip("u")
        )
        hidden = unrestricted >= (2 if name == "rg" else 1) or any(
            a in ("--hidden", "-.", "--unrestricted", "--skip-vcs-ignores", "-U") for a in args
        )
        ignoring = unrestricted or any(a.startswith("--no-ignore") for a in args)
        if not (hidden or ignoring or include):
            return
        hidden = hidden or bool(include)
    else:
        hidden = True
        if not _recursive(args):
            return
    for folder in paths or ["."]:
        found.walks.append(Walk(folder, cwd, hidden, include, exclude, False, _follows(name, args)))


def _recursive(args: list[str]) -> bool:
    for i, arg in enumerate(args):
        if arg in ("--recursive", "--dereference-recursive", "--directories=recurse"):
            return True
        if arg == "-d" and args[i + 1 : i + 2] == ["recurse"]:
            return True
        if arg.startswith("-") and not arg.startswith("--"):
            for char in arg[1:]:
                if char in "rR":
                    return True
                if char in "efmABCdD":
                    break
    return False


def _globs(name: str, args: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    include: list[str] = []
    exclude: list[str] = []
    for i, arg in enumerate(args):
        key, eq, value = arg.partition("=")
        if not eq:
            value = args[i + 1] if i + 1 < len(args) else ""
        if name in ("rg",) and key in ("-g", "--glob", "--iglob"):
            (exclude if value.startswith("!") else include).append(value.lstrip("!"))
        elif key in ("--include",):
            include.append(value)
        elif key in ("--exclude", "--exclude-dir", "--ignore"):
            exclude.append(value)
    return tuple(include), tuple(exclude)


def find(args: list[str], cwd: str, context: Context) -> None:
    """`find ROOTS... -name X -exec CMD {} ;`: CMD reads or writes the files found,
    judged as a walk of the roots; `-delete` writes them."""
    from agentlint.guard import shell

    found = context.found
    roots, i = [], 0
    while i < len(args) and args[i] in ("-H", "-L", "-P"):
        i += 1
    while i < len(args) and not args[i].startswith(("-", "(", "!")):
        roots.append(args[i])
        i += 1
    roots = roots or ["."]
    expression = args[i:]
    names = [
        expression[k + 1]
        for k, w in enumerate(expression[:-1])
        if w in ("-name", "-iname", "-path", "-ipath", "-wholename")
    ]
    negated = any(w in ("!", "-not", "-o", "-or") for w in expression)
    include = () if negated else tuple(names)
    if "-delete" in expression:
        found.walks.extend(Walk(r, cwd, True, include, (), True) for r in roots)
    for k, word in enumerate(expression):
        if word in ("-exec", "-execdir", "-ok", "-okdir"):
            inner = []
            for w in expression[k + 1 :]:
                if w in (";", "+"):
                    break
                inner.append(w.replace("{}", FOUND))
            before = (len(found.reads), len(found.writes), len(found.mentions))
            shell.simple(inner, cwd, context)
            _found_files(found, before, roots, cwd, include)


def _found_files(
    found: Inspection,
    before: tuple[int, int, int],
    roots: list[str],
    cwd: str,
    include: tuple[str, ...],
) -> None:
    """The reads and writes of `{}` in a `find -exec` command, as walks of the roots."""
    for n, (items, write) in enumerate(
        ((found.reads, False), (found.writes, True), (found.mentions, False))
    ):
        kept = [item for item in items[before[n] :] if FOUND not in item[0]]
        if len(kept) != len(items) - before[n]:
            found.walks.extend(Walk(r, cwd, True, include, (), write) for r in roots)
        del items[before[n] :]
        items.extend(kept)


def _follows(name: str, args: list[str]) -> bool:
    """Whether the search enters links to folders: grep's -R, rg's and ag's -L/--follow."""
    if name in ("rg", "ag"):
        return any(a in ("-L", "--follow") for a in args)
    if "--dereference-recursive" in args:
        return True
    short = [a for a in args if a.startswith("-") and not a.startswith("--")]
    return any(
        "R" in a[1 : next((i for i, c in enumerate(a) if c in "efmABCdD"), len(a))] for a in short
    )
