"""The guard's Bash reading on real shell: every `run:` block of the GitHub workflows at
the HEAD of each local mirror, read as one agent Bash call.

Two figures. (1) shell.inspect on every block: how many it cannot read (an exception is a
defect) and which it flags as a way around the hooks (each printed, to be labelled by
hand: a CI bot committing with --no-verify is a true flag). (2) The whole decision in the
project's own tree (names only: every file empty, and a `.env` planted as on a
developer's machine), for the mirrors named with --trees: how many blocks are allowed,
asked or denied, each non-allow printed with its first reason. Pointers, not code: the
repository, its HEAD, the workflow path and the block's index.

Run: python tests/realworld/score_guard_shell.py [--trees owner/name,...]  (`nox -s realworld`)
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ruamel.yaml import YAML

from agentlint.agents import claude
from agentlint.guard import shell
from agentlint.guard.decide import decide
from tests.realworld import mirrors

ENV = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def _git(git_dir: Path, *args: str) -> bytes:
    return subprocess.run(["git", "--git-dir", str(git_dir), *args], capture_output=True).stdout


def blocks(git_dir: Path) -> list[tuple[str, int, str]]:
    """(workflow path, index, script) for every `run:` block at HEAD."""
    yaml, out = YAML(typ="safe"), []
    names = _git(git_dir, "ls-tree", "-r", "-z", "--name-only", "HEAD", "--", ".github/workflows")
    for path in sorted(n.decode() for n in names.split(b"\0") if n.endswith((b".yml", b".yaml"))):
        try:
            data = yaml.load(_git(git_dir, "show", f"HEAD:{path}").decode("utf-8", "replace"))
        except Exception:  # a workflow that is not YAML: nothing to read
            continue
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                for key, value in node.items():
                    if key == "run" and isinstance(value, str):
                        out.append((path, len(out), value))
                    else:
                        stack.append(value)
            elif isinstance(node, list):
                stack.extend(node)
    return out


def tree(git_dir: Path, into: Path) -> None:
    """HEAD's file names under `into`, every file empty, committed; and a `.env`."""
    names = _git(git_dir, "ls-tree", "-r", "-z", "--name-only", "HEAD").split(b"\0")
    for raw in names[:40000]:
        full = into / raw.decode("utf-8", "surrogateescape")
        try:
            full.parent.mkdir(parents=True, exist_ok=True)
            full.touch()
        except (OSError, ValueError):
            continue
    for args in (
        ["init", "-q"],
        ["add", "-A"],
        [
            "-c",
            "user.name=a",
            "-c",
            "user.email=a@b",
            "commit",
            "-qm",
            "x",
            "--no-verify",
            "--allow-empty",
        ],
    ):
        subprocess.run(["git", "-C", str(into), *args], check=True, env=ENV, capture_output=True)
    (into / ".env").write_text("API_KEY=x\n")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trees", default="", help="owner/name,... to judge in their own tree")
    args = parser.parse_args()
    root = mirrors.root()
    found = sorted(p.name for p in root.glob("*+*")) if root.is_dir() else []
    repos = [(n.replace("+", "/", 1), mirrors.git_dir(root, n.replace("+", "/", 1))) for n in found]
    repos = [(n, g) for n, g in repos if g is not None]
    if not repos:
        print(f"skipped: no mirrors under {root} (fetch them with the search tool's fetch verb)")
        return 0
    total, errors, flagged = 0, 0, []
    for name, git_dir in repos:
        head = _git(git_dir, "rev-parse", "HEAD").decode().strip()[:12]
        for path, index, script in blocks(git_dir):
            total += 1
            try:
                reasons = sorted(set(shell.inspect(script, "/nonexistent").bypasses))
            except Exception as exc:  # a defect: counted and shown
                errors += 1
                reasons = [f"ERROR {type(exc).__name__}: {exc}"]
            if reasons:
                flagged.append(f"{name}@{head} {path}#{index}: {reasons[0]}")
    print(
        f"{total} run: blocks of {len(repos)} mirrors; {errors} not readable; "
        f"{len(flagged)} flagged as a way around the hooks:"
    )
    print("\n".join(f"  {line}" for line in flagged))
    for name in [t for t in args.trees.split(",") if t]:
        git_dir = mirrors.git_dir(root, name)
        if git_dir is None:
            print(f"{name}: no mirror")
            continue
        with tempfile.TemporaryDirectory() as folder:
            tree(git_dir, Path(folder))
            counts: collections.Counter[str] = collections.Counter()
            for path, index, script in blocks(git_dir):
                payload = {
                    "session_id": "s",
                    "cwd": folder,
                    "hook_event_name": "PreToolUse",
                    "tool_name": "Bash",
                    "tool_input": {"command": script},
                }
                verdict = decide(claude.read(json.dumps(payload).encode()), folder)  # type: ignore[arg-type]
                counts[verdict.decision] += 1
                if verdict.decision != "allow":
                    print(
                        f"  {name} {path}#{index}: {verdict.decision}: {verdict.reasons[0][:140]}"
                    )
            print(f"{name}: {dict(counts)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
