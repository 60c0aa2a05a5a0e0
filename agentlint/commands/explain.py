"""`agentlint explain PATH...`: each path's categories, the winning posture, and the
pattern that decided, under the policy that would judge the next commit.

`agentlint explain --all [--category C]`: every tracked file, grouped by the category
that decides its posture, so an admin sees in one screen what the policy protects.
"""

from __future__ import annotations

import argparse
import os
import posixpath
from typing import NamedTuple

from agentlint import classify, git
from agentlint.change import extras
from agentlint.errors import fail
from agentlint.policy.load import CONFIG_NAME, load_policy, load_policy_file
from agentlint.policy.model import Policy
from agentlint.report.paths import quoted

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

NONE = "none"  # the group of files in no category (for --category)
SHOWN = 8  # files shown per group by `explain --all` without --category


class Row(NamedTuple):
    path: str
    posture: str
    decisive: list[classify.Match]
    found: list[classify.Match]

    @property
    def group(self) -> str:
        """The category that decides the posture (the first of a tie), or `none`."""
        return self.decisive[0].category.name if self.decisive else NONE


def _repo() -> tuple[str, str] | None:
    code, out, _ = git.start(
        "rev-parse", "--show-toplevel", "--show-prefix", ok_codes=(0, 128)
    ).wait()
    if code != 0:
        return None
    top, _, rest = out.decode("utf-8", "surrogateescape").partition("\n")
    return top, rest.partition("\n")[0]


def _relative(path: str, repo: tuple[str, str] | None) -> str:
    if repo is None:
        return posixpath.normpath(path.replace(os.sep, "/"))
    top, prefix = repo
    full = path if os.path.isabs(path) else os.path.join(top, prefix, path)
    rel = os.path.relpath(os.path.normpath(full), top).replace(os.sep, "/")
    if rel.startswith("../"):
        raise fail(f"{path!r} is outside the repository", fix="name a path inside it")
    return rel


def _policy(args: argparse.Namespace, repo: tuple[str, str] | None) -> Policy:
    if args.config:
        return load_policy_file(args.config)
    text = extras.read_blob("HEAD", CONFIG_NAME) if repo else None
    source = f"{CONFIG_NAME} (at HEAD)" if text is not None else "built-in policy"
    return load_policy(text, source=source)


def describe(paths: Sequence[str], policy: Policy, revs: Iterable[str] | None) -> list[Row]:
    """Each path's categories and deciding posture, with .gitattributes read from `revs`
    (None: outside a repository, no attributes)."""
    wanted = {a for c in policy.categories for a in c.attributes}
    attrs = {}
    if revs is not None and wanted:
        sides = list(revs)
        names = extras.attribute_names(paths, sides)
        objects = extras.fetch(names.values())
        attrs = extras.marked_paths(paths, sides, names, objects, wanted)
    rows = []
    for path in paths:
        found = classify.matches(path, policy, attrs.get(path, frozenset()))
        posture, decisive = classify.winning(found)
        rows.append(Row(path, posture, decisive, found))
    return rows


def tracked() -> list[str]:
    """Every file in the index (git's tracked files), sorted."""
    out = git.run("ls-files", "-z", "--cached")
    return sorted({p for p in out.decode("utf-8", "surrogateescape").split("\0") if p})


def groups(rows: Iterable[Row], policy: Policy) -> list[tuple[str, str, list[Row]]]:
    """(category, posture, rows) for every category that decides some file, strictest
    posture first, then in the policy's order; the files in no category come last."""
    by: dict[str, list[Row]] = {}
    for row in rows:
        by.setdefault(row.group, []).append(row)
    ordered = sorted(policy.categories, key=lambda c: -c.rank)
    out = [(c.name, c.posture, by[c.name]) for c in ordered if c.name in by]
    if NONE in by:
        out.append((NONE, "allow", by[NONE]))
    return out


def summary(rows: list[Row], policy: Policy, *, examples: int) -> list[str]:
    """Lines for `init`: each group's size and its first few files."""
    lines = []
    for name, posture, members in groups(rows, policy):
        shown = ", ".join(quoted(r.path) for r in members[:examples])
        more = len(members) - examples
        tail = f" and {more} more" if more > 0 else ""
        label = "no category" if name == NONE else name
        lines.append(f"{label} ({posture}): {len(members)} files: {shown}{tail}")
    return lines


def _print_all(rows: list[Row], policy: Policy, category: str | None) -> None:
    """One screen: each group's size and its first files (allow groups: the size only);
    with `category`, that group in full."""
    found = groups(rows, policy)
    if category is not None and category not in {name for name, _, _ in found}:
        chosen = policy.category(category)
        print(f"{category}: {chosen.posture if chosen else 'allow'}, 0 files")
    for name, posture, members in found:
        if category is not None and name != category:
            continue
        label = "no category" if name == NONE else name
        shown = members if category is not None else members[:SHOWN]
        if posture == "allow" and category is None:
            shown = []
        more = len(members) - len(shown)
        hint = f" (`agentlint explain --all --category {name}` lists them)" if more else ""
        print(f"{label}: {posture}, {len(members)} files{hint}")
        for row in shown:
            also = [m.category.name for m in row.decisive[1:]]
            reason = f"{row.decisive[0].reason!r}" if row.decisive else ""
            extra = f" (also {', '.join(also)})" if also else ""
            print(f"  {quoted(row.path)}  {reason}{extra}".rstrip())
        if shown and more:
            print(f"  ... and {more} more")


def _print_paths(rows: list[Row]) -> None:
    for row in rows:
        winners = ", ".join(m.category.name for m in row.decisive) or "no category"
        print(f"{quoted(row.path)}: {row.posture} ({winners})")
        for match in sorted(row.found, key=lambda m: -m.category.rank):
            mark = "*" if match in row.decisive else " "
            print(
                f"  {mark} {match.category.name:<14} {match.category.posture:<9} "
                f"{match.reason!r} [{match.category.origin}]"
            )


def _check_args(args: argparse.Namespace, policy: Policy) -> None:
    if args.all and args.paths:
        raise fail("name paths or pass --all, not both", fix="drop the paths or --all")
    if not args.all and not args.paths:
        raise fail("explain needs paths, or --all", fix="`agentlint explain PATH...`")
    if args.category is not None and not args.all:
        raise fail("--category works with --all", fix="`agentlint explain --all --category C`")
    known = [c.name for c in policy.categories]
    if args.category is not None and args.category not in (*known, NONE):
        raise fail(
            f"no category named {args.category!r} in the policy",
            fix=f"name one of: {', '.join([*known, NONE])}",
        )


def run(args: argparse.Namespace) -> int:
    repo = _repo()
    policy = _policy(args, repo)
    _check_args(args, policy)
    if args.all:
        if repo is None:
            raise fail("explain --all lists a repository's files", fix="run it inside one")
        paths = tracked()
    else:
        paths = [_relative(p, repo) for p in args.paths]
    if repo is not None:
        policy = policy._replace(ignorecase=git.ignorecase())
    rows = describe(paths, policy, ["HEAD", ":"] if repo else None)
    scope = "every change" if policy.enforce == "all" else "agent changes"
    case = ", case-insensitive (core.ignorecase)" if policy.ignorecase else ""
    print(f"policy: {policy.source} (rules apply to {scope}{case})")
    if args.all:
        _print_all(rows, policy, args.category)
    else:
        _print_paths(rows)
    return 0
