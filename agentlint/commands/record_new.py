"""`agentlint record new`: start a review record for the staged change.

It writes one new file and touches nothing else: not the index, not other files. An
existing file is only replaced with --force.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from typing import Any

from agentlint import git
from agentlint.errors import fail


def default_path(folder: str) -> str:
    code, out, _ = git.start("symbolic-ref", "--quiet", "--short", "HEAD", ok_codes=(0, 1)).wait()
    return folder + record_name(out.decode("utf-8", "replace").strip() if code == 0 else "")


def record_name(branch: str) -> str:
    """The file name of a branch's record: `fix/totals` -> `fix-totals.yaml`."""
    return (re.sub(r"[^A-Za-z0-9._-]+", "-", branch).strip("-.") or "change") + ".yaml"


def facts(records_dir: str) -> tuple[list[str], str | None, list[str], Any]:
    """Changed paths, the agent's name, touched approval categories, and the policy."""
    from agentlint import classify, detect
    from agentlint.change import gather
    from agentlint.commands.check import with_env_markers
    from agentlint.policy.load import load_policy

    gathered = gather.staged(None)
    policy = load_policy(
        gathered.policy_text, source=gathered.policy_source, blob_id=gathered.policy_blob
    )
    change = with_env_markers(gathered.change, policy)
    folder = records_dir or policy.record.dir
    changed = [p for p in change.paths if not p.startswith(folder)]
    agent = detect.commit_detector(change.commits[0], policy)
    categories = sorted(
        {
            m.category.name
            for p in changed
            for m in classify.matches(p, policy)
            if m.category.posture == "approval"
        }
    )
    return changed, agent, categories, policy


def run(args: argparse.Namespace) -> int:
    from agentlint.record import template

    changed, agent, categories, policy = facts("")
    relative, path = destination(args, policy.record.dir)
    write(path, template.build(changed, args.agent or agent, categories))
    print(relative)
    print(
        f"agentlint: wrote a review record for {len(changed)} staged "
        f"file{'s' * (len(changed) != 1)}; fill in every <FILL IN: ...> marker, then "
        f"`agentlint validate-record {relative}` and `git add {relative}`",
        file=sys.stderr,
    )
    return 0


def destination(args: argparse.Namespace, folder: str) -> tuple[str, str]:
    """Where the record goes (as shown, and as a full path); an existing file is kept
    unless --force says otherwise."""
    top = git.run("rev-parse", "--show-toplevel").decode("utf-8", "surrogateescape").strip()
    relative = args.output or default_path(folder)
    path = relative if os.path.isabs(relative) else os.path.join(top, relative)
    if os.path.lexists(path) and not args.force:
        raise fail(
            f"{relative} already exists",
            fix="edit it, pass --output for another file, or --force to replace it",
        )
    return relative, path


def write(path: str, data: dict[str, Any]) -> None:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    from agentlint.record.template import HEADER

    yaml = YAML(typ="rt", pure=True)
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100
    document = CommentedMap(data)
    document.yaml_set_start_comment(HEADER)
    try:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        mode = "w" if os.path.lexists(path) else "x"
        with open(path, mode, encoding="utf-8") as handle:
            yaml.dump(document, handle)
    except OSError as exc:
        raise fail(f"cannot write the record: {exc.strerror}", where=path) from None
