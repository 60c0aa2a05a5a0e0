"""The PreToolUse decision for one neutral action: find the files it reads or writes (its
named paths, what its shell command touches, where links lead, what a recursive search or
a patch would open), load the policy committed at HEAD, and judge once. The policy comes
from HEAD, so an agent cannot loosen it by editing the work tree."""

from __future__ import annotations

import os

from agentlint import regex
from agentlint.guard import judge, workspace
from agentlint.guard.action import Action
from agentlint.guard.judge import Target, Verdict
from agentlint.guard.reading import Patch, Walk, empty
from agentlint.guard.workspace import expand, places
from agentlint.policy.model import Policy

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

MAX_PATCH = 16 << 20


def decide(action: Action, root: str | None) -> Verdict:
    cwd = action.cwd or os.getcwd()
    named = [(a.path, a.write, cwd) for a in action.paths]
    found = empty()
    shelled = action.kind == "shell"
    if shelled:
        from agentlint.guard import shell  # a shell call only: the reading is large

        found = shell.inspect(action.command or "", cwd)
        named += [(w, True, _base(c, root)) for w, c in found.writes]
        named += [(r, False, _base(c, root)) for r, c in found.reads]
        named += [(m, False, c) for m, c in found.mentions if _exists(m, c)]
    found.walks.extend(Walk(s.folder, cwd, s.hidden, s.include, ()) for s in action.searches)
    unknown = list(found.unknown)
    for patch in found.patches:
        names = _patched(patch, root)
        if names is None:
            unknown.append(
                "the command applies a patch agentlint cannot read (from a pipe, or a file "
                "that is not there), so the files it changes are not known"
            )
        named += [(n, True, b) for n, b in names or []]
    targets = [
        Target(place, write)
        for path, write, base in named
        for word in (expand(path, base, walk=write) if shelled or write else [path])
        for place in places(word, base, root)
    ]
    policy, attributes = head_policy(root, [t.place.relative for t in targets if t.place.relative])
    if shelled and not policy.guard.bash:
        return judge.judge(action.names, [], [], policy, attributes)
    walked = _walked(found.walks, policy, root)
    if walked and not policy.ignorecase and root is not None:
        from agentlint import classify

        ignorecase = classify.differs_by_case([t.place.relative or "" for t in walked], policy)
        policy = policy._replace(ignorecase=ignorecase and case_insensitive(root))
    targets += walked
    refused = [_hard_link(t) for t in targets if t.write and t.place.relative is not None]
    return judge.judge(
        action.names,
        targets,
        found.bypasses,
        policy,
        attributes,
        unknown=unknown,
        refused=[r for r in refused if r],
    )


def _base(cwd: str, root: str | None) -> str:
    """Where a word is relative to: `<root>` marks a path git takes from the top."""
    return (root or os.getcwd()) if cwd == "<root>" else cwd


def _exists(word: str, cwd: str) -> bool:
    full = os.path.join(cwd, os.path.expanduser(word))
    return os.path.lexists(full) or len(expand(word, cwd, walk=False)) > 1


def _patched(patch: Patch, root: str | None) -> list[tuple[str, str]] | None:
    """The files a patch changes, each with the folder it is relative to; None when the
    patch cannot be read."""
    from agentlint.guard import unified

    text = patch.text
    if text is None and patch.source is not None:
        try:
            with open(os.path.join(patch.cwd, os.path.expanduser(patch.source)), "rb") as f:
                text = f.read(MAX_PATCH).decode("utf-8", "surrogateescape")
        except (OSError, ValueError):  # a name no file system can hold
            return None
    if text is None:
        return None
    strips = [patch.strip] if patch.strip is not None else [0, 1]
    bases = dict.fromkeys([patch.cwd, root or patch.cwd])
    return [
        (name, base)
        for raw in unified.touched(text)
        for name in dict.fromkeys(unified.stripped(raw, s) for s in strips)
        if name
        for base in bases
    ]


def _walked(walks: list[Walk], policy: Policy, root: str | None) -> list[Target]:
    """The files a recursive search or `find` would open: for reads, the secrets among
    them (nothing else is refused for a read); for writes, every file. Case is ignored
    here; the judgement settles it for what is found."""
    from agentlint import classify

    if not walks:
        return []
    secrets = policy._replace(categories=tuple(c for c in policy.categories if c.name == "secrets"))
    secrets = secrets._replace(ignorecase=True)
    sieve = _sieve(secrets) if not any(c.needs is None for c in secrets.categories) else None
    out: list[Target] = []
    for walk in walks:
        base = _base(walk.cwd, root)
        top = (root or base) + os.sep
        for path in workspace.walk(walk, base, None if walk.write else sieve):
            relative = path[len(top) :] if path.startswith(top) else path.lstrip(os.sep)
            if not walk.write and not classify.matches(relative.replace(os.sep, "/"), secrets):
                continue
            out.append(Target(places(path, base, root)[0], walk.write))
    return out


def _sieve(secrets: Policy) -> Callable[[str, str], bool]:
    """Whether a file may be a secret: most files hold no literal that any secrets
    pattern needs (`.env`, `.pem`, `id_rsa`...). Names are searched; folders once each,
    and whole paths only for the few literals that span a `/`."""
    needs = {n.lower() for c in secrets.categories for n in (c.needs or ())}
    names = regex.compile(
        "|".join(regex.escape(n) for n in sorted(needs) if "/" not in n) or "(?!)"
    )
    spans = regex.compile("|".join(regex.escape(n) for n in sorted(needs) if "/" in n) or "(?!)")
    folders: dict[str, bool] = {}

    def wanted(folder: str, name: str) -> bool:
        hit = folders.get(folder)
        if hit is None:
            hit = folders[folder] = bool(names.search(folder.lower()))
        lowered = name.lower()
        return hit or bool(names.search(lowered) or spans.search(f"{folder}/{lowered}".lower()))

    return wanted


def _hard_link(target: Target) -> str | None:
    """A file with other names: a write through one changes them all, and the others
    may be protected."""
    import stat

    try:
        info = os.lstat(target.place.absolute)
    except (OSError, ValueError):  # a name no file system can hold
        return None
    if stat.S_ISREG(info.st_mode) and info.st_nlink > 1:
        return (
            f"`{target.place.relative}` has {info.st_nlink} hard links: writing it changes "
            "the file under its other names too, which may be protected. Copy it instead "
            "of linking it."
        )
    return None


def case_insensitive(root: str) -> bool:
    """Whether paths that differ only by case are one file here: the file system says
    so (one probe), or git's core.ignorecase does."""
    from agentlint import git

    return workspace.folds_case(root) or git.ignorecase()


def head_policy(root: str | None, paths: list[str]) -> tuple[Policy, dict[str, frozenset[str]]]:
    """The policy committed at HEAD (the built-in one outside a repository), with the git
    attributes the policy's categories ask about for `paths`."""
    from agentlint import classify
    from agentlint.change import extras
    from agentlint.policy.load import CONFIG_NAME, load_policy, read_ahead

    if root is None:
        return load_policy(None, source="built-in policy"), {}
    os.chdir(root)
    names = extras.attribute_names(paths, ["HEAD"])
    config = f"HEAD:{CONFIG_NAME}"

    def ahead() -> None:  # while git reads the policy: the likely policy, and its matchers
        likely = read_ahead()
        if likely is not None:
            for path in paths:
                classify.matches(path, likely)  # results dropped: it readies the patterns

    objects = extras.fetch([config, *names.values()], meanwhile=ahead)
    found = objects.get(config)
    blob = found if found is not None and found.kind == "blob" else None
    source = f"{CONFIG_NAME} (at HEAD)" if blob else "built-in policy"
    policy = load_policy(
        blob.content if blob else None, source=source, blob_id=blob.sha if blob else None
    )
    wanted = {a for c in policy.categories for a in c.attributes}
    # asked only when case matters for some path
    ignorecase = classify.differs_by_case(paths, policy) and case_insensitive(root)
    policy = classify.with_case(policy, paths, ignorecase)
    return policy, extras.marked_paths(paths, ["HEAD"], names, objects, wanted, top=root)
