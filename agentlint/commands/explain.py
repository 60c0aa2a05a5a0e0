"""`agentlint explain PATH...`: each path's categories, the winning posture, and the
pattern that decided, under the policy that would judge the next commit."""

from __future__ import annotations

import argparse
import os
import posixpath

from agentlint import classify, git
from agentlint.change import extras
from agentlint.errors import fail
from agentlint.policy.load import CONFIG_NAME, load_policy, load_policy_file
from agentlint.policy.model import Policy
from agentlint.report.paths import quoted


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


def run(args: argparse.Namespace) -> int:
    repo = _repo()
    policy = _policy(args, repo)
    paths = [_relative(p, repo) for p in args.paths]
    wanted = {a for c in policy.categories for a in c.attributes}
    attrs = {}
    if repo and wanted:
        names = extras.attribute_names(paths, ["HEAD", ":"])
        objects = extras.fetch(names.values())
        attrs = extras.marked_paths(paths, ["HEAD", ":"], names, objects, wanted, top=repo[0])
    scope = "every change" if policy.enforce == "all" else "agent changes"
    print(f"policy: {policy.source} (rules apply to {scope})")
    for path in paths:
        found = classify.matches(path, policy, attrs.get(path, frozenset()))
        posture, decisive = classify.winning(found)
        winners = ", ".join(m.category.name for m in decisive) or "no category"
        print(f"{quoted(path)}: {posture} ({winners})")
        for match in sorted(found, key=lambda m: -m.category.rank):
            mark = "*" if match in decisive else " "
            print(
                f"  {mark} {match.category.name:<14} {match.category.posture:<9} "
                f"{match.reason!r} [{match.category.origin}]"
            )
    return 0
