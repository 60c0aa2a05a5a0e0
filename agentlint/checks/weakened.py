"""Weakened tests (AL301-AL307): compare what the change's test files check, before and
after, over the whole change. A deliberate weakening is accepted by an approval from an
approver of the `tests` category, judged like a protected path's."""

from __future__ import annotations

from agentlint import regex
from agentlint.change.model import Change
from agentlint.checks import approvals
from agentlint.findings import Finding
from agentlint.policy.model import Category, Policy
from agentlint.scope import Scope

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any

    from agentlint.weakened.model import Check, Parsed


def check_weakened(change: Change, policy: Policy, scope: Scope) -> list[Finding]:
    if not change.tests:
        return []
    from agentlint.weakened import compare, languages

    files = []
    libraries = _libraries(change)
    for test in change.tests:
        old = test.old_path or test.path
        if test.before is None and not languages.is_collected(test.path):
            continue  # a new file its runner does not collect: its tests make up for nothing
        if _renamed_out(old, test.path) and test.after is not None:
            test = test._replace(deleted=True, after=None)  # the runner no longer sees it
        others = libraries.get(test.path, ({}, {}))
        before, after = languages.measure_pair(old, test.before, test.path, test.after, others)
        files.append(compare.FileDiff(test.path, test.old_path, test.deleted, before, after))
    weakenings = compare.compare(files, _elsewhere(change, files))
    category = policy.category("tests")
    if not weakenings or category is None:  # no category: pipeline.test_files chose nothing
        return []
    pending = policy.is_pending(change.mode)  # the approval comes later; CI enforces it
    findings = []
    verdicts: dict[str, str] = {}
    for w in weakenings:
        if w.path not in verdicts:
            verdicts[w.path] = _approval(change, policy, scope, category, w.path)
        verdict = verdicts[w.path]
        if verdict == "":
            continue  # approved
        touching = _touching(change, scope, w.path)
        message = f"{w.message}; {verdict}"
        findings.append(
            Finding(
                w.code,
                message,
                w.path,
                line=w.line,
                commit=change.commits[touching[-1]].sha,
                category=category.name,
                severity="warning" if pending else "error",
            )
        )
    return findings


def _elsewhere(change: Change, files: list[Any]) -> Any:
    """What compare asks when a removed test's checks may exist elsewhere: the test files
    of the tree after the change, in the languages of the change's test files, that hold
    one of those checks' lines (read only then: see extras.files_holding)."""
    holding = change.holding
    if holding is None:
        return None
    from agentlint.weakened import languages

    suffixes = sorted(languages.suffixes({languages.language(f.path) for f in files}))
    near = [f.path for f in files]
    tops = {_top(p) for p in near}  # a copy outside the suite's folder may never run

    def elsewhere(groups: Sequence[Sequence[Check]]) -> list[Parsed]:
        wanted = [[c.text.removesuffix("...") for c in group] for group in groups]
        # the longest line of each: a copy holds it, and few other files do
        found = holding([max(texts, key=len) for texts in wanted if texts], suffixes, near=near)
        out = []
        for path, data in found.items():
            if _top(path) not in tops or not (
                languages.is_collected(path) or languages.is_test_name(path)
            ):
                continue
            text = languages.decode(data) or ""
            if any(all(t in text for t in texts) for texts in wanted):  # may hold a copy
                out.append(languages.measure(languages.language(path), text))
        return out

    return elsewhere


def _top(path: str) -> str:
    """The first folder of a path ("" at the top)."""
    return path.split("/", 1)[0] if "/" in path else ""


def _libraries(change: Change) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """For each Python or Rust test file, the helpers the change's other files of its
    language define on each side (a base class's assertion wrappers, `tests/util.rs`)."""
    out = _helpers_of(change, "python")
    out.update(_helpers_of(change, "rust"))
    return out


def _helpers_of(change: Change, name: str) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """The helpers of the other files of language `name`. Empty when there is one file."""
    from agentlint.weakened import languages

    files = [t for t in change.tests if languages.language(t.path) == name]
    if len(files) < 2:
        return {}
    from agentlint.weakened import rust

    texts = [(t.path, languages.decode(t.before), languages.decode(t.after)) for t in files]
    if name == "python":
        return _python_helpers(texts)
    sides = [(path, rust.library(b), rust.library(a)) for path, b, a in texts]
    return {path: _others(sides, path) for path, _, _ in sides}


def _others(
    sides: Sequence[tuple[str, Mapping[str, Any], Mapping[str, Any]]], path: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The helpers every file but `path` defines, on each side (a later file's win)."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for other, lib_b, lib_a in sides:
        if other != path:
            before.update(lib_b)
            after.update(lib_a)
    return before, after


def _python_helpers(
    texts: list[tuple[str, str | None, str | None]],
) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """`_others` for Python test files, cheaply: a side is parsed for its helpers only when
    a name it defines is a word of another file, and each file is given only the helpers
    its own words reach (through the helpers' calls). A helper no test can call changes no
    measurement, and a file given none is measured change-locally, as a lone file is."""
    from collections import Counter

    from agentlint.weakened import python

    words = {path: _words(before) | _words(after) for path, before, after in texts}
    users = Counter(w for found in words.values() for w in found)

    def parsed(path: str, text: str | None) -> Mapping[str, Any]:
        names = _defines(text)
        if names is not None and not any(users[n] > (n in words[path]) for n in names):
            return {}  # nothing it defines is named anywhere else
        return python.library(text)

    sides = [(path, parsed(path, before), parsed(path, after)) for path, before, after in texts]
    out = {}
    for path, _, _ in sides:
        before, after = _others(sides, path)
        out[path] = (_reached(before, words[path]), _reached(after, words[path]))
    return out


# compiled where a change's test files are measured, not when the checks are imported
_WORD = r"\w+"
_DEF = r"(?m)^[ \t\f]*(?:async[ \t\f]+)?def[ \t\f]+(\w+)"


def _words(text: str | None) -> set[str]:
    return set(regex.compile(_WORD).findall(text)) if text else set()


def _defines(text: str | None) -> set[str] | None:
    """The helper names (not named like tests) a Python file defines, by a line scan; None
    when a scan cannot be sure of them (non-ASCII names, which Python normalises; a lone
    carriage return, which Python reads as a line end; a line continued by a backslash)."""
    if text is None:
        return set()
    if not text.isascii() or "\r" in text or "\\\n" in text:
        return None
    return {n for n in regex.compile(_DEF).findall(text) if not n.startswith("test")}


def _reached(library: dict[str, Any], words: set[str]) -> dict[str, Any]:
    """The helpers of `library` a file whose words are `words` can call, directly or
    through other helpers of the library."""
    import ast

    todo = [n for n in words if n in library]
    reached: dict[str, Any] = {}
    while todo:
        name = todo.pop()
        if name in reached:
            continue
        reached[name] = library[name]
        for node in ast.walk(library[name]):
            called = node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)
            if called in library and called not in reached:
                todo.append(called)
    return {n: h for n, h in library.items() if n in reached}  # in the library's order


def _renamed_out(old: str, new: str) -> bool:
    """A test file renamed where its runner does not collect it (`test_x.py` to
    `x_disabled.py`) is a deleted test file."""
    from agentlint.weakened import languages

    return old != new and languages.is_collected(old) and not languages.is_collected(new)


def _touching(change: Change, scope: Scope, path: str) -> tuple[int, ...]:
    found = scope.touches.get(path)
    if found:
        return found
    for f in change.files:  # a rename: the commits that touched the old path
        if f.path == path and f.old_path and f.old_path in scope.touches:
            return scope.touches[f.old_path]
    return scope.judged or (len(change.commits) - 1,)


def _approval(change: Change, policy: Policy, scope: Scope, category: Category, path: str) -> str:
    """ "" when a valid approval accepts the weakening, else what to say about approvals."""
    context = approvals.Context.for_path(change, policy, _touching(change, scope, path), category)
    assessed = approvals.assess(approvals.offers(change, "approved-by"), context)
    if not assessed.uncovered:
        return ""
    refused = "; ".join(
        f"{v.reason}, so it does not count" for v in assessed.verdicts if v.code is not None
    )
    if any(v.code in (None, "AL203") for v in assessed.verdicts):
        refused = approvals.uncovered_reason(assessed, context)
    approvers = policy.approvers_for(category)
    who = (
        f"an approver of the `tests` category ({', '.join(approvers)})"
        if approvers
        else "an approver of the `tests` category (none configured: list them under "
        "categories.tests.approvers)"
    )
    advice = f"if the weakening is deliberate, {who} runs `agentlint approve`"
    if policy.is_pending(change.mode) and approvers:
        advice = (
            f"pending: if the weakening is deliberate, it needs an approval from one of "
            f"{', '.join(approvers)} before merge (`agentlint approve` after this commit), "
            "and CI enforces it"
        )
    return f"{refused}; {advice}" if refused else advice
