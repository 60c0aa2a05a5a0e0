#!/usr/bin/env python3
"""Candidate search for the real-world weakened-test corpus (helper script, not part of the tool).

For every non-merge commit of a mirrored repository that touched a test file, count the test-file
lines removed and added that hold assertions, test definitions, skip/only markers and table or
parametrize constructs, and print the commits worth reading by hand: assertions or tests went
down, markers went up, parametrization appeared, a test file was deleted or renamed.

    mine.py OWNER/NAME [--lang python|js|go] [--max-lines N]

Reads the bare mirror at $MIRRORS/<owner>+<name>/repo (default /work/.mirror). Prints one
line per (commit, file): counts as -removed/+added per class, then sha, status, path, subject.
The labels are NOT decided here: every printed diff is read in full before a case is written.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections import defaultdict

TEST_PATH = {
    "python": re.compile(r"(^|/)(tests?/.*\.py|test_[^/]*\.py|[^/]*_test\.py|tests\.py)$"),
    "js": re.compile(
        r"(\.(test|spec)\.[cm]?[jt]sx?$|(^|/)(test|spec)\.[cm]?[jt]sx?$"
        r"|(^|/)(__tests__|tests?)/.*\.[cm]?[jt]sx?$)"
    ),
    "go": re.compile(r"_test\.go$"),
}
PATHSPECS = {
    "python": ["*test*.py", "*tests/*.py"],
    "js": [
        "*.test.*",
        "*.spec.*",
        "*test.[jt]s",
        "*spec.[jt]s",
        "*test/*.[jt]s",
        "*tests/*.[jt]s",
        "*__tests__/*",
        "*test/*.[jt]sx",
        "*test/*.mjs",
        "*test/*.cjs",
    ],
    "go": ["*_test.go"],
}
CLASSES = {
    "python": {
        "assert": re.compile(
            r"\bassert\w*\b|pytest\.raises|self\.fail|pytest\.fail|\.assert_\w+\("
        ),
        "test": re.compile(r"^\s*(async\s+)?def\s+test\w*|^\s*class\s+Test\w*"),
        "marker": re.compile(r"skip|xfail|importorskip|unittest\.expectedFailure"),
        "table": re.compile(r"parametrize|subTest"),
    },
    "js": {
        "assert": re.compile(
            r"\bexpect\(|\bassert[.(]|\.should\b|\bt\.(is|true|false|deepEqual|equal)\b"
        ),
        "test": re.compile(r"^\s*(it|test|describe)(\.\w+)*\s*\("),
        "marker": re.compile(
            r"\b(it|test|describe)\.(skip|only|todo|fails|skipIf|runIf)\b"
            r"|\bx(it|describe|test)\b|\bf(it|describe)\("
        ),
        "table": re.compile(r"\.each\b"),
    },
    "go": {
        "assert": re.compile(
            r"\bt\.(Error|Errorf|Fatal|Fatalf|Fail|FailNow)\b|\b(assert|require)\.\w+\("
            r"|\bs\.(Equal|True|False|Nil|NoError|Error|Contains|Len)\w*\("
            r"|\bc\.Assert\(|\bb\.Assert\("
        ),
        "test": re.compile(
            r"^\s*func\s+(\(\w+\s+\*?\w+\)\s+)?(Test|Benchmark|Fuzz|Example)\w*\(|t\.Run\("
        ),
        "marker": re.compile(r"\bt\.(Skip|Skipf|SkipNow)\b|//go:build|\+build|testing\.Short\(\)"),
        "table": re.compile(r"\[\]struct\s*\{|^\s*\{\s*\"|^\s*\{\s*name:"),
    },
}


def git(gd: str, *args: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", gd, *args],
        capture_output=True,
        text=True,
        errors="replace",
        check=True,
    ).stdout


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("repo")
    ap.add_argument("--lang", choices=sorted(TEST_PATH), required=True)
    ap.add_argument("--max-lines", type=int, default=400, help="skip file diffs larger than this")
    ns = ap.parse_args()
    root = os.environ.get("MIRRORS", "/work/.mirror")
    gd = os.path.join(root, ns.repo.replace("/", "+"), "repo")
    if os.path.isdir(os.path.join(gd, ".git")):
        gd = os.path.join(gd, ".git")
    tp, cls = TEST_PATH[ns.lang], CLASSES[ns.lang]
    # Pathspecs keep git away from large blobs a snapshot may lack.
    out = git(
        gd,
        "log",
        "--no-merges",
        "-M",
        "--format=@@@%H\t%s",
        "-p",
        "--unified=0",
        "HEAD",
        "--",
        *PATHSPECS[ns.lang],
    )
    sha = subj = ""
    path = status = ""
    counts: dict[tuple[str, str], dict[str, list[int]]] = {}
    meta: dict[tuple[str, str], tuple[str, str]] = {}
    size: dict[tuple[str, str], int] = defaultdict(int)
    for line in out.splitlines():
        if line.startswith("@@@"):
            sha, _, subj = line[3:].partition("\t")
            continue
        if line.startswith("diff --git "):
            m = re.match(r"diff --git a/(.*) b/(.*)$", line)
            path = m.group(2) if m else ""
            status = "M" if m and m.group(1) == m.group(2) else f"R<{m.group(1) if m else ''}"
            if not tp.search(path) and not (m and tp.search(m.group(1))):
                path = ""
            continue
        if not path:
            continue
        if line.startswith("deleted file mode"):
            status = "D"
        elif line.startswith("new file mode"):
            status = "A"
        if line.startswith(("+++", "---")):
            continue
        if line[:1] in "+-":
            key = (sha, path)
            meta[key] = (status, subj)
            c = counts.setdefault(key, {k: [0, 0] for k in cls})
            size[key] += 1
            for k, rx in cls.items():
                if rx.search(line[1:]):
                    c[k][0 if line[0] == "-" else 1] += 1
    for key, c in counts.items():
        status, subj = meta[key]
        if status == "A" or size[key] > ns.max_lines:
            continue
        interesting = (
            status.startswith(("D", "R"))
            or c["assert"][0] > c["assert"][1]
            or c["test"][0] > c["test"][1]
            or c["marker"][1] > 0
            or c["marker"][0] > 0
            or c["table"][1] > c["table"][0]
        )
        if interesting:
            figs = " ".join(f"{k}-{v[0]}+{v[1]}" for k, v in c.items())
            print(f"{figs}\tn={size[key]}\t{key[0][:12]}\t{status}\t{key[1]}\t{subj[:90]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
