"""Score the weakened-test rules (AL301-AL307) on real labelled history.

Two corpora of pointers: the shared development corpus (../shared/corpora/
test-weakening-dev) and the project's own (tests/weakened/realworld/cases). Each case is
built from a bare mirror (../.mirror/<owner>+<name>/repo, or $AGENTLINT_MIRRORS), replayed
as an agent commit, and judged by `agentlint check --commit HEAD`.

    python tests/realworld/score_weakened.py [--mirrors DIR] [--case SUBSTRING] [-v]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT))

from tests.weakened.realworld import materialize, score  # noqa: E402

CORPORA = {
    "shared dev corpus": PROJECT.parent / "shared" / "corpora" / "test-weakening-dev",
    "project corpus": PROJECT / "tests" / "weakened" / "realworld",
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", help="folder of bare mirrors (<owner>+<name>/repo)")
    parser.add_argument("--case", help="only the cases whose name contains this")
    parser.add_argument("--corpus", action="append", type=Path, help="score this corpus only")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every finding")
    args = parser.parse_args(argv)
    root = materialize.mirror_root(args.mirrors)
    corpora = {str(p): p for p in args.corpus} if args.corpus else CORPORA
    everything: list[score.Outcome] = []
    scored = 0
    for title, folder in corpora.items():
        cases = materialize.load_cases(folder)
        if args.case:
            cases = [c for c in cases if args.case in c.name]
        if not cases:
            print(f"{title}: no cases at {folder}, skipped")
            continue
        present, missing = materialize.available(cases, root)
        for repo in missing:
            where = materialize.mirror(root, repo)
            print(f"{title}: skipped the {repo} cases: no mirror at {where} (fetch github:{repo})")
        if not present:
            continue
        outcomes, failed = score.run_all(present, root)
        for case, why in failed:
            print(f"{title}: skipped {case.name}: {why}")
        print("\n".join(score.report(f"{title} ({folder})", outcomes)))
        if args.verbose:
            for o in outcomes:
                for f in o.findings:
                    print(f"    {o.case.name}: {f.code} {f.path}:{f.line} {f.message}")
        everything += outcomes
        scored += 1
    if not everything:
        print(f"weakened-test scorer: skipped, no mirrors under {root} (as in CI)")
        return 0
    if scored > 1:
        print(
            "\n".join(
                score.report("all corpora", everything)[: 2 + len(score.by_language(everything))]
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
