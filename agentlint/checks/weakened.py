"""Weakened tests (AL301-AL307): compare what the change's test files check, before and
after, over the whole change. A deliberate weakening is accepted by an approval from an
approver of the `tests` category, judged like a protected path's."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from agentlint.change.model import Change
from agentlint.checks import approvals
from agentlint.findings import Finding
from agentlint.policy.model import Category, Policy
from agentlint.scope import Scope

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def check_weakened(change: Change, policy: Policy, scope: Scope) -> list[Finding]:
    if not change.tests:
        return []
    from agentlint.weakened import compare, languages

    files = []
    libraries = _libraries(change)
    for test in change.tests:
        old = test.old_path or test.path
        if _renamed_out(old, test.path) and test.after is not None:
            test = test._replace(deleted=True, after=None)  # the runner no longer sees it
        others = libraries.get(test.path, ({}, {}))
        before, after = languages.measure_pair(old, test.before, test.path, test.after, others)
        files.append(compare.FileDiff(test.path, test.old_path, test.deleted, before, after))
    weakenings = compare.compare(files)
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
    from agentlint.weakened import python, rust

    library: Callable[[str | None], Mapping[str, Any]]
    library = python.library if name == "python" else rust.library
    sides = [
        (
            t.path,
            library(languages.decode(t.before)),
            library(languages.decode(t.after)),
        )
        for t in files
    ]
    out = {}
    for path, _, _ in sides:
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for other, lib_b, lib_a in sides:
            if other != path:
                before.update(lib_b)
                after.update(lib_a)
        out[path] = (before, after)
    return out


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
