"""Read a repository's CI configuration the way doctor needs it: which jobs run an
agentlint range check, whether they see the whole history, and whether CODEOWNERS guards
the files that define them.

Files are parsed (ruamel.yaml, safe: plain data only; GitLab's `!reference` and other
tags are read as plain values), never searched as text, so a comment such as
`# TODO: add agentlint` or a `pre-commit run --all-files` step is not a range check.
A range check is one of:
- GitHub: a step that `uses:` the agentlint Action (`<owner>/agentlint@<ref>`), or a
  `run:` step that runs `agentlint-ci.sh` or `agentlint check --range`;
- GitLab: a job whose script runs `agentlint-ci.sh` or `agentlint check --range`, or an
  `include:` of agentlint's job (a remote URL, project or component naming agentlint).
"""

from __future__ import annotations

import os
import re
from typing import Any, NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

MAX_BYTES = 1 << 20
MAX_LINES = 10_000  # script lines read per job: a crafted file cannot make doctor walk forever

GITHUB_OWNERS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")
GITLAB_OWNERS = ("CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS")
_GITLAB_KEYWORDS = {
    "default",
    "include",
    "stages",
    "variables",
    "workflow",
    "image",
    "services",
    "cache",
    "before_script",
    "after_script",
    "spec",
}


class RangeCheck(NamedTuple):
    path: str  # the CI file, relative to the repository's top
    job: str
    how: str  # what runs the check, in words
    deep: bool  # the job sees the whole history (or the recipe fetches it)


class CIFile(NamedTuple):
    path: str
    gitlab: bool
    checks: list[RangeCheck]
    mentions: bool  # the text names agentlint somewhere (a comment, a pre-commit step...)
    problem: str | None = None  # why the file could not be read


_ACTION = re.compile(r"^[\w.-]+/agentlint(?:/[^@\s]*)?@\S+$", re.I)
_CHECK = re.compile(r"\bagentlint\s+check\b[^\n;&|]*\s--range\b")
_SCRIPT = re.compile(r"(?:^|[\s/\"'])agentlint-ci\.sh\b")
_COMMENT = re.compile(r"(?:^|(?<=\s))#.*$", re.M)


def strip_comments(script: str) -> str:
    """The shell text without its comments (a `#` that starts a word)."""
    return _COMMENT.sub("", script)


def range_command(script: str) -> str | None:
    """How `script` runs a range check, or None when it does not."""
    code = strip_comments(script)
    if _SCRIPT.search(code):
        return "ci/agentlint-ci.sh"
    if _CHECK.search(code):
        return "agentlint check --range"
    return None


def _load(text: bytes) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import SafeConstructor
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    class Plain(SafeConstructor):
        """Safe data only; any tag (`!reference [...]`) is read as the plain value."""

    def untagged(constructor: Any, suffix: str, node: Any) -> Any:
        if isinstance(node, MappingNode):
            return constructor.construct_mapping(node, deep=True)
        if isinstance(node, SequenceNode):
            return constructor.construct_sequence(node, deep=True)
        return constructor.construct_scalar(node)

    Plain.add_multi_constructor("!", untagged)
    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = Plain
    return yaml.load(text)


def _lines(script: Any, budget: list[int]) -> Iterator[str]:
    """Script lines from a string or (nested) lists, at most MAX_LINES in all."""
    stack = [script]
    while stack and budget[0] > 0:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, (str, int, float)):
            budget[0] -= 1
            yield str(item)


def _is_zero(value: Any) -> bool:
    return str(value).strip() == "0"


def github_checks(path: str, data: Any) -> list[RangeCheck]:
    jobs = data.get("jobs") if isinstance(data, dict) else None
    found = []
    for name, job in jobs.items() if isinstance(jobs, dict) else []:
        steps = job.get("steps") if isinstance(job, dict) else None
        steps = [s for s in steps if isinstance(s, dict)] if isinstance(steps, list) else []
        deep = any(
            str(s.get("uses", "")).startswith("actions/checkout@")
            and isinstance(s.get("with"), dict)
            and _is_zero(s["with"].get("fetch-depth"))
            for s in steps
        )
        for step in steps:
            uses, run = str(step.get("uses", "")), step.get("run")
            if _ACTION.match(uses.strip()):
                found.append(RangeCheck(path, str(name), "the agentlint Action", True))
            elif isinstance(run, str) and (how := range_command(run)):
                recipe = how == "ci/agentlint-ci.sh"  # it fetches the history itself
                found.append(RangeCheck(path, str(name), how, deep or recipe))
    return found


def _extended(jobs: dict[str, Any], job: dict[str, Any], key: str) -> Any:
    """A job's `key`, or the one it inherits through `extends` (nearest first)."""
    seen: set[str] = set()
    while key not in job:
        parents = job.get("extends")
        parents = [parents] if isinstance(parents, str) else parents
        parents = [p for p in parents or [] if isinstance(p, str) and p not in seen]
        if not parents or not isinstance(jobs.get(parents[-1]), dict):
            return None
        seen.add(parents[-1])
        job = jobs[parents[-1]]
    return job[key]


def _includes(data: dict[str, Any]) -> list[Any]:
    given = data.get("include")
    return given if isinstance(given, list) else [given] if given else []


def gitlab_checks(path: str, data: Any, top: str | None = None, depth: int = 0) -> list[RangeCheck]:
    if not isinstance(data, dict):
        return []
    given = data.get("variables")
    variables: dict[str, Any] = given if isinstance(given, dict) else {}
    found = []
    for item in _includes(data):
        text = " ".join(str(v) for v in item.values()) if isinstance(item, dict) else str(item)
        local = item.get("local") if isinstance(item, dict) else None
        if "agentlint" in text.lower() and not local:
            found.append(RangeCheck(path, "include", "an included agentlint job", True))
        elif isinstance(local, str) and top and depth < 3:
            included = read(top, local.lstrip("/"), gitlab=True, depth=depth + 1)
            found += [c._replace(path=path) for c in included.checks]
    for name, job in data.items():
        if name in _GITLAB_KEYWORDS or str(name).startswith(".") or not isinstance(job, dict):
            continue
        budget = [MAX_LINES]
        script = [
            *_lines(_extended(data, job, "before_script"), budget),
            *_lines(_extended(data, job, "script"), budget),
        ]
        how = range_command("\n".join(script))
        if not how:
            continue
        job_vars = _extended(data, job, "variables")
        depth_var = {**variables, **(job_vars if isinstance(job_vars, dict) else {})}
        deep = (
            _is_zero(depth_var.get("GIT_DEPTH"))
            or "--unshallow" in strip_comments("\n".join(script))
            or how == "ci/agentlint-ci.sh"
        )
        found.append(RangeCheck(path, str(name), how, deep))
    return found


def read(top: str, path: str, *, gitlab: bool, depth: int = 0) -> CIFile:
    """One CI file, parsed; a file that cannot be read says why in `problem`."""
    try:
        with open(os.path.join(top, path), "rb") as handle:
            text = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return CIFile(path, gitlab, [], False, f"cannot read it: {exc.strerror}")
    mentions = b"agentlint" in text.lower()
    if len(text) > MAX_BYTES:
        return CIFile(path, gitlab, [], mentions, f"it is over {MAX_BYTES} bytes")
    try:
        data = _load(text)
    except Exception as exc:  # ruamel raises many types; any of them means unreadable
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return CIFile(path, gitlab, [], mentions, f"it is not valid YAML ({first})")
    checks = gitlab_checks(path, data, top, depth) if gitlab else github_checks(path, data)
    return CIFile(path, gitlab, checks, mentions)


def files(top: str) -> list[CIFile]:
    """Every GitHub workflow and the GitLab pipeline file at the repository's top."""
    folder = os.path.join(top, ".github", "workflows")
    names = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
    found = [
        read(top, f".github/workflows/{n}", gitlab=False)
        for n in names
        if n.endswith((".yml", ".yaml"))
    ]
    for name in (".gitlab-ci.yml", ".gitlab-ci.yaml"):
        if os.path.isfile(os.path.join(top, name)):
            found.append(read(top, name, gitlab=True))
    return found


class Owners(NamedTuple):
    path: str  # the CODEOWNERS file
    rules: list[tuple[str, tuple[str, ...]]]  # pattern, owners; the last match wins


def codeowners(top: str, *, gitlab: bool) -> Owners | None:
    """The CODEOWNERS file the platform reads (the first that exists), parsed."""
    for candidate in GITLAB_OWNERS if gitlab else GITHUB_OWNERS:
        try:
            with open(os.path.join(top, candidate), encoding="utf-8", errors="replace") as f:
                text = f.read(MAX_BYTES)
        except OSError:
            continue
        rules, default = [], ()
        for line in text.splitlines():
            line = strip_comments(line).strip()
            section = re.match(r"^\^?\[[^\]]*\](?:\[\d+\])?\s*(.*)$", line)
            if section:  # GitLab: `[Section] @default-owners`
                default = tuple(section[1].split())
            elif line:
                pattern, *owners = line.split()
                rules.append((pattern, tuple(owners) or default))
        return Owners(candidate, rules)
    return None


def owners_of(owners: Owners, path: str) -> tuple[str, ...]:
    """The owners CODEOWNERS gives `path` (none when no rule, or the last rule, has none)."""
    from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern

    result: tuple[str, ...] = ()
    for pattern, names in owners.rules:
        try:
            matched = GitIgnoreSpecPattern(pattern).match_file(path) is not None
        except (ValueError, re.error):
            continue
        if matched:
            result = names
    return result
