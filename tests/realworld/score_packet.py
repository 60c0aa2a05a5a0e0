"""The review packet and the Code Quality report on real history: for each local mirror,
the last 40 commits of HEAD are checked with `--format markdown` and `--format gitlab`.

Each packet is parsed as GitHub renders it (CommonMark with tables, markdown-it-py): it
must hold no HTML, link or image, have well-formed tables and stay under 1 MiB; each Code
Quality report must validate against tests/data/gitlab-codequality.schema.json.
Pointers, not code: the repositories and the ranges are printed.

Run: python tests/realworld/score_packet.py  (or `nox -s realworld`)
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from agentlint.cli import main as agentlint  # the real CLI, in-process

ROOT = Path(__file__).resolve().parents[2]
MIRRORS = Path(os.environ.get("AGENTLINT_MIRRORS", ROOT.parent / ".mirror"))
DEPTH = 40


def _run(repo: Path, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(repo)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = agentlint(list(argv))
    finally:
        os.chdir(here)
    return code, out.getvalue(), err.getvalue()


def _base(repo: Path) -> str | None:
    revs = subprocess.run(
        ["git", "-C", str(repo), "rev-list", "--first-parent", f"--max-count={DEPTH + 1}", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    return revs[-1] if len(revs) > DEPTH else None


def main() -> int:
    try:
        import jsonschema
        from markdown_it import MarkdownIt

        from tests.report.test_packet import structure
    except ImportError as exc:
        print(f"score_packet: skipped, needs the test extra ({exc.name})")
        return 0
    repos = sorted(p / "repo" for p in MIRRORS.glob("*+*") if (p / "repo").is_dir())
    if not repos:
        print(f"score_packet: skipped, no mirrors under {MIRRORS}")
        return 0
    MarkdownIt  # noqa: B018 - structure() parses with it
    schema = json.loads((ROOT / "tests" / "data" / "gitlab-codequality.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    ranges = clean = failed = issues = agent_ranges = incomplete = 0
    largest, seconds, bad = 0, 0.0, []
    for repo in repos:
        base = _base(repo)
        if base is None:
            continue
        spec = f"{base}..HEAD"
        started = time.perf_counter()
        code, packet, err = _run(repo, "check", "--range", spec, "--format", "markdown")
        gl_code, report, _ = _run(repo, "check", "--range", spec, "--format", "gitlab")
        seconds += time.perf_counter() - started
        if code == 2 and "unable to read" in err:  # the mirror lacks its largest objects
            incomplete += 1
            continue
        if code == 2 or gl_code == 2:
            bad.append(f"{repo.parent.name} {spec}: exit 2: {err.strip()}")
            continue
        ranges += 1
        failed += code == 1
        agent_ranges += "(0 by agents)" not in packet.split("\n", 3)[2]
        largest = max(largest, len(packet.encode()))
        try:
            structure(packet)
            validator.validate(json.loads(report))
            clean += 1
            issues += len(json.loads(report))
        except (AssertionError, jsonschema.ValidationError) as exc:
            bad.append(f"{repo.parent.name} {spec}: {str(exc).splitlines()[0]}")
    for line in bad:
        print(f"  {line}")
    print(
        f"score_packet: {ranges} ranges of {DEPTH} commits ({agent_ranges} with agent commits, "
        f"{failed} failing); {clean} packets parsed clean and Code Quality reports valid "
        f"({issues} issues); largest packet {largest} bytes; "
        f"{seconds / max(ranges, 1):.2f} s a range for both formats; {incomplete} mirrors "
        "skipped (objects missing: exit 2, as it should)"
    )
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
