"""Score agent recognition on labelled commits of public repositories.

The files in agents/ point at real commits (repository, sha) with the label a reader gave
each one (`agent`, `human` or `automation`) and why: commits.tsv is the main sample,
held-out.tsv repositories read only after the detectors were tuned, and issue-repos.tsv
the repositories named in issue 14. This script reads those commits from local bare
mirrors, runs agentlint's own detection with the built-in policy, and prints for each
file the precision and recall of agent recognition, automation and humans taken for
agents, per repository, and every disagreement.

    python tests/realworld/score_agents.py [--mirrors DIR] [--labels FILE]... [--check]

Mirrors are read from DIR/<owner>+<name>/repo (default: $AGENTLINT_MIRRORS, else the
`.mirror` folder next to the project's folder). A repository without a mirror is skipped
with a message; with no mirror at all the script exits 0 having scored nothing, as in CI.
`--check` exits 1 when a target is missed (99% precision and recall, no automation taken
for an agent).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from agentlint import detect
from agentlint.change import parse
from agentlint.change.model import Commit
from agentlint.policy.load import load_policy
from agentlint.policy.model import Policy

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # run as a script or loaded by path: its sibling `mirrors`
import mirrors  # noqa: E402

LABELS = sorted((HERE / "agents").glob("*.tsv"))
CLASSES = ("agent", "human", "automation")
TARGET = 0.99


class Row(NamedTuple):
    repo: str
    sha: str
    label: str
    reason: str


class Scored(NamedTuple):
    row: Row
    found: str  # agent | human | automation, as agentlint sees the commit
    detector: str | None


def read_labels(path: Path) -> list[Row]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 4 or fields[2] not in CLASSES:
            raise SystemExit(f"{path}:{n}: expected repo, sha, label ({'|'.join(CLASSES)}), reason")
        rows.append(Row(*fields))
    return rows


def read_commits(gitdir: Path, shas: Iterable[str]) -> dict[str, Commit]:
    """The commits, read with the same log format and parser as `agentlint check`."""
    out = subprocess.run(
        [
            "git",
            "--git-dir",
            str(gitdir),
            "log",
            "--no-walk=unsorted",
            "--stdin",
            "-z",
            f"--format={parse.LOG_FORMAT}",
        ],
        input="\n".join(shas).encode(),
        capture_output=True,
        check=True,
    ).stdout
    return {
        e.sha: Commit(e.sha, e.parents, e.author, e.committer, e.message, e.trailers, ())
        for e in parse.parse_log(out)
    }


def classify(commit: Commit, policy: Policy) -> tuple[str, str | None]:
    verdict = detect.commit_verdict(commit, policy)
    return verdict.kind, verdict.detector


def score(rows: Sequence[Row], commits: dict[str, Commit], policy: Policy) -> list[Scored]:
    return [Scored(r, *classify(commits[r.sha], policy)) for r in rows if r.sha in commits]


class Figures(NamedTuple):
    total: int
    agents: int
    true_positive: int
    false_positive: int
    false_negative: int
    automation_as_agent: int
    human_as_agent: int

    @property
    def precision(self) -> float:
        taken = self.true_positive + self.false_positive
        return self.true_positive / taken if taken else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.agents if self.agents else 1.0

    @property
    def met(self) -> bool:
        return self.precision >= TARGET and self.recall >= TARGET and not self.automation_as_agent


def figures(scored: Sequence[Scored]) -> Figures:
    def count(label: str | None, found: str | None) -> int:
        return sum(
            1
            for s in scored
            if (label is None or s.row.label == label)
            and (found is None or (s.found == "agent") == (found == "agent"))
        )

    return Figures(
        len(scored),
        count("agent", None),
        count("agent", "agent"),
        count("human", "agent") + count("automation", "agent"),
        count("agent", "human"),
        count("automation", "agent"),
        count("human", "agent"),
    )


def render(name: str, f: Figures) -> str:
    return (
        f"{name:<45} {f.total:>5} {f.agents:>6} {f.precision:>9.2%} {f.recall:>7.2%} "
        f"{f.automation_as_agent:>8} {f.human_as_agent:>7}"
    )


def report(scored: Sequence[Scored], skipped: Sequence[str], seconds: float) -> tuple[str, Figures]:
    lines = [
        f"{'repository':<45} {'commits':>5} {'agents':>6} {'precision':>9} {'recall':>7} "
        f"{'auto→ag':>8} {'hum→ag':>7}"
    ]
    for repo in sorted({s.row.repo for s in scored}):
        lines.append(render(repo, figures([s for s in scored if s.row.repo == repo])))
    total = figures(scored)
    lines.append(render("all", total))
    matrix = {(a, b): 0 for a in CLASSES for b in CLASSES}
    for s in scored:
        matrix[(s.row.label, s.found)] += 1
    lines.append(
        "labelled \\ found: "
        + "; ".join(f"{a}: " + ", ".join(f"{b} {matrix[(a, b)]}" for b in CLASSES) for a in CLASSES)
    )
    if scored:
        lines.append(f"detection time: {seconds / len(scored) * 1e6:.0f} µs a commit")
    errors = [s for s in scored if (s.row.label == "agent") != (s.found == "agent")]
    if errors:
        lines.append(f"{len(errors)} errors:")
        lines += [
            f"  {s.row.repo} {s.row.sha[:12]} labelled {s.row.label} ({s.row.reason}), "
            f"found {s.found}" + (f" by {s.detector}" if s.detector else "")
            for s in errors
        ]
    lines += [f"skipped {repo}: no mirror" for repo in skipped]
    return "\n".join(lines), total


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, default=None)
    parser.add_argument("--labels", type=Path, action="append", help="default: agents/*.tsv")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    root = args.mirrors or mirrors.root()
    policy = load_policy(None, source="built-in policy")
    met = True
    for labels in args.labels or LABELS:
        met = score_file(labels, root, policy) and met
    return 1 if args.check and not met else 0


def score_file(labels: Path, root: Path, policy: Policy) -> bool:
    """Print the figures for one label file; whether its targets are met (or skipped)."""
    rows = read_labels(labels)
    scored: list[Scored] = []
    skipped = []
    seconds = 0.0
    for repo in sorted({r.repo for r in rows}):
        gitdir = mirrors.git_dir(root, repo)
        if gitdir is None:
            skipped.append(repo)
            continue
        mine = [r for r in rows if r.repo == repo]
        commits = read_commits(gitdir, [r.sha for r in mine])
        missing = [r.sha for r in mine if r.sha not in commits]
        if missing:
            print(
                f"score_agents: {repo}: {len(missing)} labelled commits not in the mirror",
                file=sys.stderr,
            )
        start = time.perf_counter()
        scored += score(mine, commits, policy)
        seconds += time.perf_counter() - start
    if not scored:
        print(
            f"score_agents: {labels.name}: skipped: no mirrors of the labelled repositories "
            f"under {root} (fetch them as bare mirrors to <owner>+<name>/repo, or set "
            "AGENTLINT_MIRRORS)"
        )
        return True
    text, total = report(scored, skipped, seconds)
    print(f"agent recognition on {labels.name} (built-in policy)\n{text}\n")
    return total.met


if __name__ == "__main__":
    sys.exit(main())
