"""The PreToolUse decision for one neutral action: find the files it reads or writes (its
named paths, what its shell command touches, where links lead), load the policy committed
at HEAD, and judge once. The policy comes from HEAD, so an agent cannot loosen it by
editing the work tree."""

from __future__ import annotations

import os

from agentlint.guard import judge, shell
from agentlint.guard.action import Action
from agentlint.guard.judge import Target, Verdict
from agentlint.guard.workspace import expand, places
from agentlint.policy.model import Policy


def decide(action: Action, root: str | None) -> Verdict:
    cwd = action.cwd or os.getcwd()
    named = [(a.path, a.write, cwd) for a in action.paths]
    bypasses: list[str] = []
    shelled = action.kind == "shell"
    if shelled:
        inspection = shell.inspect(action.command or "", cwd)
        bypasses = inspection.bypasses
        named += [(w, True, c) for w, c in inspection.writes]
        named += [(r, False, c) for r, c in inspection.reads]
    targets = [
        Target(place, write)
        for path, write, base in named
        for word in (expand(path, base, walk=write) if shelled or write else [path])
        for place in places(word, base, root)
    ]
    policy, attributes = head_policy(root, [t.place.relative for t in targets if t.place.relative])
    if shelled and not policy.guard.bash:
        bypasses, targets = [], []
    return judge.judge(action.names, targets, bypasses, policy, attributes)


def head_policy(root: str | None, paths: list[str]) -> tuple[Policy, dict[str, frozenset[str]]]:
    """The policy committed at HEAD (the built-in one outside a repository), with the git
    attributes the policy's categories ask about for `paths`."""
    from agentlint import classify
    from agentlint.change import extras
    from agentlint.policy.load import CONFIG_NAME, load_policy

    if root is None:
        return load_policy(None, source="built-in policy"), {}
    os.chdir(root)
    names = extras.attribute_names(paths, ["HEAD"])
    config = f"HEAD:{CONFIG_NAME}"
    objects = extras.fetch([config, *names.values()])
    found = objects.get(config)
    blob = found if found is not None and found.kind == "blob" else None
    source = f"{CONFIG_NAME} (at HEAD)" if blob else "built-in policy"
    policy = load_policy(
        blob.content if blob else None, source=source, blob_id=blob.sha if blob else None
    )
    wanted = {a for c in policy.categories for a in c.attributes}
    policy = classify.with_case(policy, paths)  # asks git only when case matters
    return policy, extras.marked_paths(paths, ["HEAD"], names, objects, wanted, top=root)
