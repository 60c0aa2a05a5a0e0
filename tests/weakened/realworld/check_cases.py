#!/usr/bin/env python3
"""Validate every case under tests/weakened/realworld/cases/ (helper script, not part of the tool).

Checks each meta.json's fields against the shared corpus's format and, where the source
repository's bare mirror is present, that every recipe file resolves
(`git --git-dir ... cat-file -e rev:path`), that `source` names the recipe's commit, that
`before` is taken from the commit's parent and `after` from the commit itself, and that a
`deleted` file really is absent after the commit. Prints label counts at the end.

    check_cases.py [--mirrors DIR] [--require-mirrors]

Mirrors default to $MIRRORS or /work/.mirror (<owner>+<name>/repo). Exit 1 on any problem.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import pathlib
import re
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
CASES = HERE / "cases"
KINDS = {
    "assertion-removed",
    "test-removed",
    "skip-added",
    "focus-added",
    "tautology",
    "loosened-assertion",
    "swallowed-failure",
    "file-deleted",
}
LANGS = {
    "python": "py",
    "javascript": "js",
    "typescript": "js",
    "go": "go",
    "java": "java",
    "rust": "rs",
}
GROUPS = ("py", "js", "go", "java", "rs")
REPOS = {
    "py": {
        "pytest-dev/pytest",
        "pallets/click",
        "pydantic/pydantic",
        "Textualize/rich",
        "psf/black",
        "tiangolo/fastapi",
        "django/django",
    },
    "js": {
        "vitest-dev/vitest",
        "expressjs/express",
        "lodash/lodash",
        "axios/axios",
        "vuejs/core",
        "sveltejs/svelte",
        "jestjs/jest",
    },
    "go": {"stretchr/testify", "gohugoio/hugo", "urfave/cli", "labstack/echo", "gorilla/mux"},
    "java": {"junit-team/junit5", "apache/commons-lang", "google/guava"},
    "rs": {"BurntSushi/ripgrep", "serde-rs/serde", "clap-rs/clap", "tokio-rs/tokio"},
}
REQUIRED = {"language", "path", "source", "weakened", "kinds", "synthetic", "why", "recipe"}
OPTIONAL = {"after_path", "deleted", "other_files", "note", "excerpt"}
NAME = re.compile(r"^(py|js|go|java|rs)-\d{3}-[a-z0-9]+(-[a-z0-9]+)*$")
SHA = re.compile(r"^[0-9a-f]{40}$")


def git_dir(mirrors: pathlib.Path, repo: str) -> pathlib.Path | None:
    gd = mirrors / repo.replace("/", "+") / "repo"
    if (gd / ".git").is_dir():
        gd = gd / ".git"
    return gd if gd.is_dir() else None


def has(gd: pathlib.Path, rev: str, path: str) -> bool:
    r = subprocess.run(
        ["git", "--git-dir", str(gd), "cat-file", "-e", f"{rev}:{path}"], capture_output=True
    )
    return r.returncode == 0


def check(case: pathlib.Path, mirrors: pathlib.Path, require: bool) -> list[str]:
    errs: list[str] = []
    if not NAME.match(case.name):
        errs.append("directory name is not <py|js|go|java|rs>-NNN-short-subject")
    try:
        meta = json.loads((case / "meta.json").read_text())
    except (OSError, ValueError) as e:
        return [f"meta.json unreadable: {e}"]
    missing = REQUIRED - meta.keys()
    extra = meta.keys() - REQUIRED - OPTIONAL
    if missing:
        errs.append(f"missing fields {sorted(missing)}")
    if extra:
        errs.append(f"unknown fields {sorted(extra)}")
    if missing:
        return errs
    lang = meta["language"]
    if lang not in LANGS:
        return [*errs, f"language {lang!r}"]
    if not case.name.startswith(LANGS[lang] + "-"):
        errs.append(f"prefix does not match language {lang}")
    if meta["synthetic"] is not False:
        errs.append("synthetic must be false (real commits only)")
    if not isinstance(meta["weakened"], bool):
        errs.append("weakened must be a boolean")
    kinds = meta["kinds"]
    if not isinstance(kinds, list) or set(kinds) - KINDS or len(set(kinds)) != len(kinds):
        errs.append(f"bad kinds {kinds}")
    elif meta["weakened"] != bool(kinds):
        errs.append("weakened cases need kinds and benign cases none")
    if meta.get("deleted") and "file-deleted" not in kinds and meta["weakened"]:
        errs.append("a weakened deleted file should carry the file-deleted kind")
    if "file-deleted" in kinds and not meta.get("deleted") and not meta.get("after_path"):
        # a file renamed out of the runner's collection (test_x.py -> xtest_x.py) counts too
        errs.append("file-deleted kind without deleted: true or a rename")
    if not isinstance(meta["why"], str) or len(meta["why"]) < 30:
        errs.append("why is missing or too short")
    repo, _, sha = meta["source"].partition("@")
    if not SHA.match(sha):
        errs.append("source must be owner/repo@<full sha>")
    recipe = meta["recipe"]
    if recipe.get("repo") != repo:
        errs.append("recipe.repo differs from source")
    if repo not in REPOS[LANGS[lang]]:
        errs.append(f"{repo} is not an allowed {lang} repository")
    files = {f.get("file"): f for f in recipe.get("files", [])}

    def ext(p: str) -> str:
        return pathlib.PurePosixPath(p).suffix

    before = f"before{ext(meta['path'])}"
    after = f"after{ext(meta.get('after_path', meta['path']))}"
    if before not in files or files[before] != {
        "file": before,
        "rev": sha + "^",
        "path": meta["path"],
    }:
        errs.append(f"recipe needs {before} = {sha}^:{meta['path']}")
    if meta.get("deleted"):
        if after in files:
            errs.append("deleted case has an after file")
    elif after not in files or files[after] != {
        "file": after,
        "rev": sha,
        "path": meta.get("after_path", meta["path"]),
    }:
        errs.append(f"recipe needs {after} = {sha}:{meta.get('after_path', meta['path'])}")
    named = {before, after}
    for o in meta.get("other_files", []):
        if not o.get("path") or not o.get("role"):
            errs.append(f"other_files entry needs path and role: {o}")
        for side, rev in (("before_file", sha + "^"), ("after_file", sha)):
            if side in o:
                named.add(o[side])
                f = files.get(o[side])
                if f is None or f.get("rev") != rev or f.get("path") != o.get("path"):
                    errs.append(f"{o[side]} should be {rev}:{o.get('path')}")
        if "before_file" not in o and "after_file" not in o:
            errs.append(f"other file {o.get('path')} has no side")
    if set(files) - named:
        errs.append(f"recipe files not described: {sorted(set(files) - named)}")
    gd = git_dir(mirrors, repo)
    if gd is None:
        if require:
            errs.append(f"no mirror for {repo}")
        return errs
    for f in files.values():
        if not has(gd, f["rev"], f["path"]):
            errs.append(f"unresolvable {f['rev']}:{f['path']}")
    if meta.get("deleted") and has(gd, sha, meta["path"]):
        errs.append("deleted: true but the file still exists after the commit")
    if meta.get("after_path") and has(gd, sha, meta["path"]):
        errs.append("after_path given but the old path still exists after the commit")
    return errs


def markdown() -> str:
    """The label-count tables of README.md, from the committed cases."""
    rows: collections.Counter[tuple[str, bool]] = collections.Counter()
    kinds: collections.Counter[tuple[str, str]] = collections.Counter()
    repos: collections.Counter[tuple[str, bool]] = collections.Counter()
    for case in sorted(p for p in CASES.iterdir() if p.is_dir()):
        meta = json.loads((case / "meta.json").read_text())
        rows[(meta["language"], meta["weakened"])] += 1
        repos[(meta["recipe"]["repo"], meta["weakened"])] += 1
        for k in meta["kinds"]:
            kinds[(LANGS[meta["language"]], k)] += 1

    def tot(langs: list[str], weak: bool) -> int:
        return sum(rows[(lang, weak)] for lang in langs)

    out = ["| language | weakened | benign | total |", "|---|---|---|---|"]
    groups = [
        ("Python", ["python"]),
        ("JS/TS", ["javascript", "typescript"]),
        ("of which `javascript`", ["javascript"]),
        ("of which `typescript`", ["typescript"]),
        ("Go", ["go"]),
        ("Java", ["java"]),
        ("Rust", ["rust"]),
    ]
    for name, langs in groups:
        w, b = tot(langs, True), tot(langs, False)
        out.append(f"| {name} | {w} | {b} | {w + b} |")
    every = list(LANGS)
    w, b = tot(every, True), tot(every, False)
    out += [f"| **all** | **{w}** | **{b}** | **{w + b}** |", ""]
    out += ["| kind | Python | JS/TS | Go | Java | Rust | all |", "|---|---|---|---|---|---|---|"]
    names = sorted({k for _, k in kinds}, key=lambda k: -sum(kinds[(g, k)] for g in GROUPS))
    for k in names:
        counts = [kinds[(g, k)] for g in GROUPS]
        out.append(f"| {k} | {' | '.join(map(str, counts))} | {sum(counts)} |")
    out += ["", "| repository | weakened | benign |", "|---|---|---|"]
    for group in GROUPS:
        for repo in sorted(REPOS[group], key=str.lower):
            if repos[(repo, True)] + repos[(repo, False)]:
                out.append(f"| {repo} | {repos[(repo, True)]} | {repos[(repo, False)]} |")
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mirrors", default=os.environ.get("MIRRORS", "/work/.mirror"))
    ap.add_argument("--require-mirrors", action="store_true")
    ap.add_argument("--markdown", action="store_true", help="print the README's count tables")
    ns = ap.parse_args()
    if ns.markdown:
        print(markdown())
        return 0
    mirrors = pathlib.Path(ns.mirrors)
    bad = 0
    counts: collections.Counter[tuple[str, bool]] = collections.Counter()
    kinds: collections.Counter[tuple[str, str]] = collections.Counter()
    repos: collections.Counter[str] = collections.Counter()
    sources: dict[tuple[str, str], str] = {}
    for case in sorted(p for p in CASES.iterdir() if p.is_dir()):
        errs = check(case, mirrors, ns.require_mirrors)
        if not errs:
            meta = json.loads((case / "meta.json").read_text())
            key = (meta["source"], meta["path"])
            if key in sources:
                errs.append(f"same commit and path as {sources[key]}")
            sources[key] = case.name
            group = LANGS[meta["language"]]
            counts[(group, meta["weakened"])] += 1
            repos[meta["recipe"]["repo"]] += 1
            for k in meta["kinds"]:
                kinds[(group, k)] += 1
        for e in errs:
            print(f"{case.name}: {e}")
        bad += bool(errs)
    total = sum(counts.values())
    print(f"{total} cases ok, {bad} with problems")
    for g in GROUPS:
        w, b = counts[(g, True)], counts[(g, False)]
        ks = ", ".join(f"{k} {n}" for (gg, k), n in sorted(kinds.items()) if gg == g)
        print(f"  {g}: {w + b} ({w} weakened, {b} benign); kinds: {ks}")
    print("  repositories: " + ", ".join(f"{r} {n}" for r, n in sorted(repos.items())))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
