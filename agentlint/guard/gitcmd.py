"""What one `git` command does that the guard cares about: skipping the hooks (also through
an alias given with `-c` or set with `git config`), the configuration that switches the
guard or the hooks off, the work-tree files it overwrites (`checkout REV -- path`,
`restore`, `apply`, `update-index`), and the files whose contents it prints
(`show REV:path`, `diff -- path`)."""

from __future__ import annotations

import posixpath

TYPE_CHECKING = False
if TYPE_CHECKING:
    from agentlint.guard.shell import Context

GIT_OPTIONS_WITH_VALUE = {"-C", "-c", "--git-dir", "--work-tree", "--namespace", "--config-env"}
GIT_OPTIONS_WITH_VALUE |= {"--exec-path", "--super-prefix", "--list-cmds", "--attr-source"}
# commit's short options whose value may be glued to them: `-mfix`, `-Fmsg.txt`
COMMIT_VALUED = set("mFCctS")
# the configuration an agent must not set: it switches hooks off, runs other commands as
# git's own, pulls in other files, or changes which paths the policy's categories see
CONFIG_PREFIXES: tuple[str, ...] = (
    "alias.",
    "include.",
    "includeif.",
    "core.hookspath",
    "core.attributesfile",
)
CONFIG_PREFIXES += ("core.ignorecase", "core.worktree", "core.bare")
CONFIG_READ = {"--get", "--get-all", "--get-regexp", "--get-urlmatch", "-l", "--list"}
CONFIG_READ |= {"--get-color", "--get-colorbool", "--show-origin", "--show-scope"}
CONFIG_VALUED = {"-f", "--file", "--blob", "--type", "--default", "--comment", "--value"}
SHOWERS = {"show", "cat-file", "diff", "log", "blame", "annotate", "whatchanged", "grep"}
SHOWERS |= {"format-patch", "difftool", "archive", "range-diff", "cherry"}
SUBCOMMANDS = {"commit", "push", "merge", "am", "rebase", "cherry-pick", "revert", "pull"}
# where git and its hooks find their configuration and programs: set for a command that
# runs hooks, each can put other code in agentlint's place
HOOK_ENVIRONMENT = {"PATH", "HOME", "XDG_CONFIG_HOME", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM"}
HOOK_ENVIRONMENT |= {"GIT_CONFIG", "GIT_EXEC_PATH", "PYTHONPATH", "PYTHONHOME", "PYTHONUSERBASE"}
HOOK_ENVIRONMENT |= {"PRE_COMMIT_HOME", "LD_PRELOAD", "NODE_OPTIONS", "VIRTUAL_ENV", "GIT_DIR"}
HOOK_ENVIRONMENT |= {"GIT_TEMPLATE_DIR", "BASH_ENV", "ENV", "DYLD_INSERT_LIBRARIES"}
MAX_ALIASES = 8


def inspect(
    args: list[str], cwd: str, context: Context, stdin: tuple[str | None, str | None]
) -> None:
    """Read `git ARGS`, recording what it does in the context's inspection."""
    config: dict[str, str] = {}
    for _ in range(MAX_ALIASES):
        cwd, i = _global_options(args, cwd, config)
        risky = [k for k in config if k.startswith(CONFIG_PREFIXES) and not k.startswith("alias.")]
        if risky:
            context.found.bypasses.append(
                f"`git -c {risky[0]}` changes how git runs (its hooks, included files or "
                "which paths the policy sees)"
            )
        if i >= len(args):
            return
        sub, rest = args[i], args[i + 1 :]
        alias = config.get(f"alias.{sub.lower()}")
        if alias is None:
            _subcommand(sub, rest, cwd, context, stdin)
            return
        import shlex  # only for a git alias: most commands use none

        if alias.startswith("!"):
            from agentlint.guard import shell

            shell._nested(" ".join([alias[1:], *map(shlex.quote, rest)]), cwd, context)
            return
        try:
            args = [*shlex.split(alias), *rest]
        except ValueError:
            args = [*alias.split(), *rest]
    context.found.bypasses.append("its git aliases nest too deeply to inspect")


def _global_options(args: list[str], cwd: str, config: dict[str, str]) -> tuple[str, int]:
    """The folder git runs in and the `-c` settings it is given; where the subcommand is."""
    i = 0
    while i < len(args) and args[i].startswith("-"):
        option, value = args[i], args[i + 1] if i + 1 < len(args) else ""
        if option == "-C":
            cwd = posixpath.normpath(posixpath.join(cwd, value))
        elif option == "-c" or option.startswith("-c"):
            pair = value if option == "-c" else option[2:]
            key, _, setting = pair.partition("=")
            config[key.lower()] = setting
        i += 2 if option in GIT_OPTIONS_WITH_VALUE else 1
    return cwd, i


def _subcommand(
    sub: str, rest: list[str], cwd: str, context: Context, stdin: tuple[str | None, str | None]
) -> None:
    found = context.found
    if sub in SUBCOMMANDS:
        changed = sorted(HOOK_ENVIRONMENT.intersection(context.values))
        if changed:
            found.bypasses.append(
                f"it sets {', '.join(changed)} for `git {sub}`, which changes where git's "
                "hooks find their configuration and programs"
            )
    if sub == "commit-tree":
        found.bypasses.append("`git commit-tree` makes a commit without running git's hooks")
    options = rest[: rest.index("--")] if "--" in rest else rest
    after = rest[rest.index("--") + 1 :] if "--" in rest else []
    for option in options:
        if len(option) >= len("--no-veri") and "--no-verify".startswith(option):
            found.bypasses.append(f"`git {sub} --no-verify` skips agentlint's hooks")
        elif sub == "commit" and _short_flag(option, "n"):
            found.bypasses.append("`git commit -n` (--no-verify) skips agentlint's hooks")
    if sub in ("rm", "mv"):
        found.writes.extend([(a, cwd) for a in rest if not a.startswith("-")])
    elif sub == "config":
        _config(rest, found.bypasses)
    elif sub in ("checkout", "restore"):
        _checkout(sub, options, after, "--" in rest, cwd, context)
    elif sub == "update-index":
        _update_index(rest, cwd, context)
    elif sub in ("apply", "am"):
        _apply(sub, options, cwd, context, stdin)
    elif sub in ("init", "clone"):
        _init(sub, options, cwd, context)
    elif sub in SHOWERS:
        _shows(sub, options, after, cwd, context)


def _short_flag(option: str, flag: str) -> bool:
    if not option.startswith("-") or option.startswith("--"):
        return False
    for char in option[1:]:
        if char == flag:
            return True
        if char in COMMIT_VALUED:
            return False  # the rest is the option's value
    return False


def _config(rest: list[str], bypasses: list[str]) -> None:
    plain, i, reading = [], 0, False
    while i < len(rest):
        word = rest[i]
        if word in ("-e", "--edit"):
            bypasses.append("`git config --edit` can change any setting, the hooks' included")
            return
        if word in CONFIG_READ:
            reading = True
        if word in CONFIG_VALUED:
            i += 2
            continue
        if not word.startswith("-"):
            plain.append(word)
        i += 1
    if plain[:1] in (["get"], ["list"], ["unset"], ["remove-section"]) or reading:
        return
    if plain[:1] == ["edit"]:
        bypasses.append("`git config edit` can change any setting, the hooks' included")
        return
    if plain[:1] in (["set"], ["rename-section"]) or "--rename-section" in rest:
        plain = plain[1:] if plain[:1] != ["rename-section"] else plain[2:]
        if "--rename-section" in rest:
            plain = plain[1:]
    elif len(plain) < 2:
        return  # `git config KEY` reads it
    if plain and plain[0].lower().startswith(CONFIG_PREFIXES):
        bypasses.append(
            f"`git config {plain[0]}` changes how git runs (its hooks, aliases, included "
            "files or which paths the policy sees)"
        )


def _checkout(
    sub: str, options: list[str], after: list[str], dashed: bool, cwd: str, context: Context
) -> None:
    """`git checkout [REV] [--] PATH...` and `git restore [--source REV] PATH...` overwrite
    the work-tree files they name. A lone word may be a branch: it is judged as a path too,
    and a branch name falls in no category."""
    valued = {"-b", "-B", "--orphan", "-s", "--source", "--conflict", "-U"}
    plain, i = [], 0
    while i < len(options):
        word = options[i]
        if word in valued:
            i += 2
            continue
        if word.startswith("--pathspec-from-file"):
            context.found.unknown.append(
                f"`git {sub} --pathspec-from-file` names its files elsewhere"
            )
        elif not word.startswith("-"):
            plain.append(word)
        i += 1
    staged = "--staged" in options or "-S" in options
    if sub == "restore" and staged and "--worktree" not in options and "-W" not in options:
        return  # the index only: the commit is judged when it is made
    if sub == "checkout" and dashed:
        plain = plain[1:] if plain else plain  # the tree-ish before `--`
    context.found.writes.extend((p, cwd) for p in [*plain, *after])


def _update_index(rest: list[str], cwd: str, context: Context) -> None:
    """`git update-index` on a path changes what git shows and commits for it
    (--skip-worktree, --assume-unchanged, --cacheinfo): judged as a write of the path."""
    i = 0
    while i < len(rest):
        word = rest[i]
        if word == "--cacheinfo" and i + 1 < len(rest):
            parts = rest[i + 1].split(",")
            if len(parts) == 3:
                context.found.writes.append((parts[2], cwd))
                i += 2
            else:
                context.found.writes.extend((p, cwd) for p in rest[i + 3 : i + 4])
                i += 4
            continue
        if word in ("--index-info", "--stdin"):
            context.found.unknown.append("`git update-index` reads the paths it changes from stdin")
        elif word in ("--chmod", "--info-only", "--add", "--remove", "--force-remove"):
            pass
        elif not word.startswith("-"):
            context.found.writes.append((word, cwd))
        i += 1


def _apply(
    sub: str, options: list[str], cwd: str, context: Context, stdin: tuple[str | None, str | None]
) -> None:
    from agentlint.guard.reading import Patch

    reports = any(o in options for o in ("--check", "--stat", "--numstat", "--summary"))
    if sub == "apply" and reports and "--apply" not in options:
        return
    if sub == "am" and any(
        o in options for o in ("--abort", "--skip", "--quit", "--show-current-patch")
    ):
        return
    strip = next((int(o[2:]) for o in options if o[:2] == "-p" and o[2:].isdigit()), None)
    files = [o for o in options if not o.startswith("-")]
    if sub == "am" and "--continue" in options:
        context.found.unknown.append("`git am --continue` applies a patch agentlint did not see")
        return
    for name in files:
        context.found.patches.append(Patch(name, None, cwd, strip))
    if not files:
        context.found.patches.append(Patch(stdin[0], stdin[1], cwd, strip))


def _init(sub: str, options: list[str], cwd: str, context: Context) -> None:
    """A new repository inside this one would take the guard's place for calls made in
    it (the guard finds the repository by its `.git`): judged as a write of that `.git`."""
    plain = [o for o in options if not o.startswith("-")]
    folder = plain[-1] if sub == "init" and plain else (plain[1] if len(plain) > 1 else None)
    if sub == "clone" and folder is None and plain:
        folder = posixpath.basename(plain[0].rstrip("/")).removesuffix(".git")
    if folder is not None or sub == "init":
        context.found.writes.append((posixpath.join(folder or ".", ".git"), cwd))


def _shows(sub: str, options: list[str], after: list[str], cwd: str, context: Context) -> None:
    """The files whose contents `git show REV:path`, `git diff -- path` and the like print."""
    from agentlint.guard.reading import Walk

    found = context.found
    for word in options:
        if word.startswith("-") or ":" not in word:
            continue
        path = word.split(":", 1)[1]
        if path[:2].isdigit() or (path[:1].isdigit() and path[1:2] == ":"):
            path = path.split(":", 1)[1]  # `:0:path`, the index stage
        if path.startswith("./") or path.startswith("../"):
            found.reads.append((path, cwd))
        elif path:
            found.reads.append((path, "<root>"))
    found.reads.extend((p, cwd) for p in after)
    found.mentions.extend((w, cwd) for w in options if not w.startswith("-") and ":" not in w)
    if sub == "grep" and any(o in options for o in ("--no-index", "--untracked")):
        for folder in after or ["."]:
            found.walks.append(Walk(folder, cwd, True, (), ()))
