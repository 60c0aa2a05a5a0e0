"""doctor's CI reading on real repositories: every GitHub workflow, GitLab pipeline and
CODEOWNERS file at the HEAD of each local mirror is read with agentlint.ciconfig.

None of these projects runs agentlint, so every range check found is a false positive;
a file that does not parse is counted with its reason. The CODEOWNERS figure says how
often doctor's "required only by the change's own CI file" result would hold on workflow
files as these projects keep them. Pointers, not code: the repositories and their HEADs.

Run: python tests/realworld/score_ci_config.py  (or `nox -s realworld`)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from agentlint import ciconfig

ROOT = Path(__file__).resolve().parents[2]
MIRRORS = Path(os.environ.get("AGENTLINT_MIRRORS", ROOT.parent / ".mirror"))
WANTED = (".github/workflows/", ".gitlab-ci.yml", ".gitlab-ci.yaml")
OWNERS = set(ciconfig.GITHUB_OWNERS) | set(ciconfig.GITLAB_OWNERS)


def _git(repo: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=True).stdout


def _export(repo: Path, into: Path) -> str:
    """The CI and CODEOWNERS files at HEAD, written under `into`; returns HEAD's sha."""
    head = _git(repo, "rev-parse", "HEAD").decode().strip()
    names = _git(repo, "ls-tree", "-r", "-z", "--name-only", "HEAD").split(b"\0")
    for raw in names:
        name = raw.decode("utf-8", "surrogateescape")
        if name.startswith(WANTED) or name in OWNERS:
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_git(repo, "show", f"HEAD:{name}"))
    return head


def main() -> int:
    repos = sorted(p / "repo" for p in MIRRORS.glob("*+*") if (p / "repo").is_dir())
    if not repos:
        print(f"score_ci_config: skipped, no mirrors under {MIRRORS}")
        return 0
    files = problems = checks = mentions = gitlab = 0
    guarded = with_workflows = 0
    seconds = 0.0
    tallies: dict[str, int] = {}
    for repo in repos:
        with tempfile.TemporaryDirectory() as top:
            head = _export(repo, Path(top))
            started = time.perf_counter()
            found = ciconfig.files(top)
            seconds += time.perf_counter() - started
            files += len(found)
            gitlab += sum(f.gitlab for f in found)
            for ci in found:
                mentions += ci.mentions
                checks += len(ci.checks)
                if ci.problem:
                    problems += 1
                    print(f"  {repo.parent.name}@{head[:12]} {ci.path}: {ci.problem}")
                for check in ci.checks:
                    print(f"  false positive: {repo.parent.name} {ci.path} {check}")
            for ci in found:
                result = _mutations(Path(top), ci)
                for key, value in result.items():
                    tallies[key] = tallies.get(key, 0) + value
            workflows = [f for f in found if not f.gitlab]
            if workflows:
                with_workflows += 1
                owners = ciconfig.codeowners(top, gitlab=False)
                if owners and all(ciconfig.owners_of(owners, f.path) for f in workflows):
                    guarded += 1
    print(
        f"score_ci_config: {len(repos)} repositories, {files} CI files ({gitlab} GitLab), "
        f"{problems} unreadable, {checks} range checks found (all false positives), "
        f"{mentions} mention agentlint; workflows guarded by CODEOWNERS in {guarded} of "
        f"{with_workflows} repositories; {seconds * 1000 / max(files, 1):.1f} ms a file"
    )
    print(
        f"score_ci_config: mutations of those workflows: a range-check step added to the "
        f"first job was found in {tallies.get('found', 0)} of {tallies.get('added', 0)}; "
        f"a `# TODO: add "
        f"agentlint check --range` comment was taken for a check in "
        f"{tallies.get('comment_new', 0)} of {tallies.get('commented', 0)} (the old substring "
        f"test: {tallies.get('comment_old', 0)})"
    )
    return 1 if checks or tallies.get("found") != tallies.get("added") else 0


STEP = 'agentlint check --range "$BASE..HEAD"'


def _mutations(top: Path, ci: ciconfig.CIFile) -> dict[str, int]:
    """Add a range-check step to the workflow's first job with steps, and (separately) a
    comment that only mentions one; see what the reader makes of each."""
    if ci.gitlab or ci.problem:
        return {}
    path = top / ci.path
    original = path.read_bytes()
    data = ciconfig._load(original)
    jobs = data.get("jobs") if isinstance(data, dict) else None
    job = next(
        (
            j
            for j in (jobs or {}).values()
            if isinstance(j, dict) and isinstance(j.get("steps"), list)
        ),
        None,
    )
    tally = {"commented": 1}
    path.write_bytes(b"# TODO: add " + STEP.encode() + b"\n" + original)
    tally["comment_new"] = len(ciconfig.read(str(top), ci.path, gitlab=False).checks)
    tally["comment_old"] = int("agentlint" in path.read_text(errors="replace"))
    if job is not None:
        job["steps"].append({"run": STEP})
        path.write_text(json.dumps(data))  # JSON is YAML
        found = ciconfig.read(str(top), ci.path, gitlab=False).checks
        tally.update(added=1, found=len(found))
    path.write_bytes(original)
    return tally


if __name__ == "__main__":
    raise SystemExit(main())
