#!/usr/bin/env python3
"""Validate the Java and Rust real-world cases (cases/java-*, cases/rs-*).

Checks every meta.json for the corpus fields and labelling rules, and, where the bare mirrors
exist, that every recipe file resolves (`git cat-file -e rev:path`) and that the recipe really is
the change named in `source` (before files at <sha>^, after files at <sha>).

    python3 check_cases_jr.py [MIRROR_ROOT]     # default: $MIRRORS or /work/.mirror
Exit 0 when all cases are valid, 1 otherwise."""

import json
import os
import pathlib
import re
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
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
REPOS = {
    "java": {"junit-team/junit5", "apache/commons-lang", "google/guava"},
    "rust": {"BurntSushi/ripgrep", "serde-rs/serde", "clap-rs/clap", "tokio-rs/tokio"},
}
PREFIX = {"java": "java", "rust": "rs"}
EXT = {"java": ".java", "rust": ".rs"}
REQUIRED = ("language", "path", "source", "weakened", "kinds", "synthetic", "why", "recipe")
ALLOWED = set(REQUIRED) | {"after_path", "deleted", "other_files", "note", "excerpt"}


def check_case(case: pathlib.Path, mirrors: pathlib.Path | None) -> list[str]:
    errs = []
    try:
        meta = json.loads((case / "meta.json").read_text())
    except (OSError, ValueError) as e:
        return [f"meta.json unreadable: {e}"]
    for f in REQUIRED:
        if f not in meta:
            errs.append(f"missing field {f}")
    if errs:
        return errs
    errs += [f"unknown field {f}" for f in set(meta) - ALLOWED]
    lang = meta["language"]
    if lang not in PREFIX:
        return [*errs, f"language {lang!r} is not java or rust"]
    if not re.fullmatch(rf"{PREFIX[lang]}-\d{{3}}-[a-z0-9][a-z0-9-]*", case.name):
        errs.append(f"directory name does not match {PREFIX[lang]}-NNN-subject")
    m = re.fullmatch(r"([\w.-]+/[\w.-]+)@([0-9a-f]{40})", meta["source"])
    if not m:
        return [*errs, "source is not owner/repo@<40-hex sha>"]
    repo, sha = m.groups()
    if repo not in REPOS[lang]:
        errs.append(f"{repo} is not one of the repositories allowed for {lang}")
    if meta["synthetic"] is not False:
        errs.append("synthetic must be false (real commits only)")
    if not isinstance(meta["weakened"], bool):
        errs.append("weakened must be a boolean")
    kinds = meta["kinds"]
    if not isinstance(kinds, list) or set(kinds) - KINDS or len(set(kinds)) != len(kinds):
        errs.append(f"bad kinds {kinds!r}")
    elif bool(kinds) != meta["weakened"]:
        errs.append("weakened cases need kinds and benign cases none")
    deleted = meta.get("deleted", False)
    if deleted and "file-deleted" not in kinds and meta["weakened"]:
        errs.append("a weakened deleted file should carry file-deleted")
    if "file-deleted" in kinds and not deleted:
        errs.append("file-deleted without deleted: true")
    if not meta["why"].strip() or len(meta["why"]) > 600:
        errs.append("why must be one non-empty sentence")
    if not meta["path"].endswith(EXT[lang]):
        errs.append(f"path is not a {EXT[lang]} file")
    recipe = meta["recipe"]
    if recipe.get("repo") != repo:
        errs.append("recipe repo differs from source")
    files = {f["file"]: f for f in recipe.get("files", [])}
    ext = os.path.splitext(meta["path"])[1]
    before = files.get(f"before{ext}")
    if not before or before["path"] != meta["path"] or before["rev"] != f"{sha}^":
        errs.append(f"recipe needs before{ext} = {sha}^:{meta['path']}")
    after_path = meta.get("after_path", meta["path"])
    aext = os.path.splitext(after_path)[1]
    after = files.get(f"after{aext}")
    if deleted and after:
        errs.append("deleted case has an after file")
    if not deleted and (not after or after["path"] != after_path or after["rev"] != sha):
        errs.append(f"recipe needs after{aext} = {sha}:{after_path}")
    named = {f"before{ext}", f"after{aext}"}
    for o in meta.get("other_files", []):
        if not o.get("path") or not o.get("role"):
            errs.append("other_files entry needs path and role")
        for side, rev in (("before_file", f"{sha}^"), ("after_file", sha)):
            if side in o:
                named.add(o[side])
                f = files.get(o[side])
                if not f or f["path"] != o["path"] or f["rev"] != rev:
                    errs.append(f"other file {o[side]} not in recipe as {rev}:{o['path']}")
    for extra in set(files) - named:
        errs.append(f"recipe file {extra} is not described")
    if mirrors is not None:
        gd = mirrors / repo.replace("/", "+") / "repo"
        if not gd.is_dir():
            errs.append(f"no mirror {gd}")
        else:
            for f in files.values():
                r = subprocess.run(
                    ["git", "--git-dir", str(gd), "cat-file", "-e", f"{f['rev']}:{f['path']}"],
                    capture_output=True,
                )
                if r.returncode:
                    errs.append(f"unresolvable {f['rev']}:{f['path']}")
            if deleted:
                r = subprocess.run(
                    ["git", "--git-dir", str(gd), "cat-file", "-e", f"{sha}:{meta['path']}"],
                    capture_output=True,
                )
                if not r.returncode:
                    errs.append("deleted: true but the file still exists at the commit")
    return errs


def main(argv: list[str]) -> int:
    root = pathlib.Path(argv[1] if len(argv) > 1 else os.environ.get("MIRRORS", "/work/.mirror"))
    mirrors = root if root.is_dir() else None
    if mirrors is None:
        print(f"mirrors not found at {root}: checking fields only")
    cases = sorted(c for c in (HERE / "cases").iterdir() if c.name.startswith(("java-", "rs-")))
    bad = 0
    counts: dict[tuple[str, bool], int] = {}
    for case in cases:
        errs = check_case(case, mirrors)
        if errs:
            bad += 1
            for e in errs:
                print(f"{case.name}: {e}")
        else:
            meta = json.loads((case / "meta.json").read_text())
            key = (meta["language"], meta["weakened"])
            counts[key] = counts.get(key, 0) + 1
    for lang in ("java", "rust"):
        w, b = counts.get((lang, True), 0), counts.get((lang, False), 0)
        print(f"{lang}: {w + b} valid ({w} weakened, {b} benign)")
    print(f"{len(cases)} cases, {bad} invalid")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
