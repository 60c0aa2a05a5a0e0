"""The review record's rules, AL101 to AL108: is there a record, does it load, and does
what it claims agree with the change and the policy?

The records were located and read by pipeline.enrich (change.records). A record that does
not load (AL102) is not cross-checked: its claims cannot be trusted. With several
records, their declarations are taken together.
"""

from __future__ import annotations

from agentlint.change.model import Change, FileChange
from agentlint.errors import Problem
from agentlint.findings import Finding
from agentlint.policy.load import CONFIG_NAME
from agentlint.policy.model import Category, Pattern, Policy, RecordCheck, glob_regex, regex
from agentlint.record.load import Loaded
from agentlint.record.rollback import hint_words
from agentlint.regex import compile as regex_compile
from agentlint.scope import Scope

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

PROTECTED = ("record", "review", "approval", "block")
# `cmd || true`, `cmd; echo`, `cmd | tee log`, `cmd &`: the exit status is not cmd's
MASKING = r"\|\||(?<![|&])\|(?!\|)|;|(?<!&)&(?!&)|\bexit\s+0\b"


def can_mask(run: str) -> bool:
    """Whether a recorded command can hide a failure (`||`, `|`, `;`, `&`, `exit 0`): the
    regex MASKING, asked only of a command holding one of those characters or `exit`."""
    if not any(c in run for c in "|;&") and "exit" not in run:
        return False
    return regex_compile(MASKING).search(run) is not None


def check_record(change: Change, policy: Policy, scope: Scope) -> list[Finding]:
    from agentlint.record import load

    if not scope.judged:
        return []
    findings = _bad_trailers(change, scope) + _named_but_absent(change)
    present = [r for r in change.records if r.after is not None]
    if not present:
        return findings + _missing(change, policy, scope)
    loaded = [load.load(r.after or b"", r.path, r.after_id) for r in present]
    for record in loaded:
        findings += [problem_finding("AL102", record.source, p) for p in record.problems]
    usable = [r for r in loaded if r.usable]
    if not usable:
        return findings
    before = [
        load.load(r.before, r.path) for r in present if r.before is not None and r.after != r.before
    ]
    files = _judged_files(change, scope, {r.path for r in change.records})
    findings += _files_mismatch(usable, [b for b in before if b.usable], files, scope)
    findings += _out_of_scope(usable, files)
    findings += _rollback(usable, policy, scope)
    findings += _required_checks(usable, policy, files)
    findings += _tools(usable, policy)
    findings += _budget(usable, policy)
    if change.evidence is not None:
        from agentlint.checks.record_evidence import check_evidence

        earlier = [load.load(r.before, r.path) for r in present if r.before is not None]
        findings += check_evidence(usable, change.evidence, [e for e in earlier if e.usable])
    return findings


def _bad_trailers(change: Change, scope: Scope) -> list[Finding]:
    from agentlint.record.locate import TRAILER, bad_reason

    return [
        Finding(
            "AL102",
            f"`Agent-Record: {t.value.strip()}` in {c.label} is refused: "
            f"{bad_reason(t.value.strip())}; name a record file by its path from the "
            "repository root, such as .agentlint/records/my-task.yaml",
            CONFIG_NAME,
            commit=c.sha,
        )
        for c in (change.commits[n] for n in scope.judged)
        for t in c.trailers
        if t.key.lower() == TRAILER and bad_reason(t.value.strip())
    ]


def _named_but_absent(change: Change) -> list[Finding]:
    return [
        Finding(
            "AL101",
            f"`Agent-Record: {r.path}` in {r.named_by} names a file that is not in the "
            "tree the change produces; add the record in the same change, or fix the path",
            r.path,
        )
        for r in change.records
        if r.named_by and r.after is None
    ]


def _missing(change: Change, policy: Policy, scope: Scope) -> list[Finding]:
    if any(r.named_by for r in change.records):
        return []  # reported by _named_but_absent
    protected = [p for p, (posture, _) in scope.postures.items() if posture in PROTECTED]
    if policy.record.require == "protected" and not protected:
        return []
    why = f" (it touches {protected[0]!r})" if policy.record.require == "protected" else ""
    bots = _unknown_bots(change, policy, scope)
    return [
        Finding(
            "AL101",
            f"this agent change has no review record{why}; add one under {policy.record.dir} "
            "(`agentlint record new` starts it) or point at one with an "
            "`Agent-Record: <path>` trailer" + "".join(f". {hint}" for hint in bots),
            policy.record.dir,
            commit=change.commits[scope.judged[-1]].sha,
        )
    ]


def update_branch_record(finding: Finding, path: str, files: list[str]) -> Finding:
    """AL101 when the branch's record exists but this commit does not update it."""
    shown = ", ".join(files[:5]) + (f" and {len(files) - 5} more" if len(files) > 5 else "")
    added = f" (add {shown} to files.changed)" if files else ""
    return finding._replace(
        message=f"this agent commit does not update the branch's review record; update "
        f"`{path}`{added} and stage it",
        path=path,
    )


def _unknown_bots(change: Change, policy: Policy, scope: Scope) -> list[str]:
    """Hints for judged commits that are agent work only because a bot is unknown."""
    from agentlint import detect

    unknown = [change.commits[n] for n, name in scope.agents.items() if name == detect.UNKNOWN_BOT]
    return [detect.unknown_bot_hint(who) for who in detect.unknown_bots(unknown, policy)]


def problem_finding(code: str, source: str, problem: Problem) -> Finding:
    where = problem.where or source
    _, _, tail = where.rpartition(":")
    line = int(tail) if tail.isdigit() else None
    return Finding(code, f"{problem.what}; {problem.fix}", source, line)


def _judged_files(change: Change, scope: Scope, records: set[str]) -> list[FileChange]:
    return [
        f
        for f in change.files
        if any(p in scope.touches for p in f.paths) and not records.intersection(f.paths)
    ]


def _declared(records: list[Loaded]) -> dict[str, tuple[Loaded, int]]:
    out: dict[str, tuple[Loaded, int]] = {}
    for record in records:
        for i, path in enumerate(record.data["files"]["changed"]):
            out.setdefault(path, (record, i))
    return out


def _files_mismatch(
    records: list[Loaded], before: list[Loaded], files: list[FileChange], scope: Scope
) -> list[Finding]:
    declared = _declared(records)
    findings = []
    for f in files:
        if not any(p in declared for p in f.paths):
            what = {"A": "added", "D": "deleted", "R": "renamed", "C": "copied"}.get(
                f.status, "changed"
            )
            findings.append(
                Finding(
                    "AL103",
                    f"{what} but not listed in the record's files.changed "
                    f"({records[0].source}); list it, or take it out of the change",
                    f.path,
                )
            )
    earlier = set(_declared(before))
    really = set(scope.touches) | {p for f in files for p in f.paths}
    for path, (record, i) in sorted(declared.items()):
        if path in earlier or path in really:
            continue
        findings.append(
            Finding(
                "AL103",
                f"files.changed lists {path!r}, which the change does not touch; "
                "remove it from the record",
                record.source,
                record.line("files", "changed", i),
            )
        )
    return findings


def _in_scope(path: str, records: list[Loaded]) -> bool:
    from agentlint.classify import decide

    return any(decide([Pattern(*p) for p in r.scope], path) is not None for r in records)


def _out_of_scope(records: list[Loaded], files: list[FileChange]) -> list[Finding]:
    findings = []
    for f in files:
        for path in f.paths:
            if not _in_scope(path, records):
                findings.append(
                    Finding(
                        "AL104",
                        f"outside the record's scope.paths ({records[0].source}); the task "
                        "did not allow this file: take it out of the change, or widen the "
                        "scope only if the task really covers it",
                        path,
                    )
                )
    return findings


def rollback_findings(record: Loaded) -> list[Finding]:
    """AL105 for a record on its own: schema problems in `rollback`, and a plan or a
    category entry that is a placeholder. Used by check and by validate-record."""
    from agentlint.record.rollback import placeholder_reason

    findings = [problem_finding("AL105", record.source, p) for p in record.rollback]
    for where, text in _rollback_texts(record).items():
        reason = placeholder_reason(text)
        if reason:
            findings.append(
                Finding(
                    "AL105",
                    f"{'.'.join(where)} is not a plan: {reason}; say how to undo the change "
                    "and what to check while doing it",
                    record.source,
                    record.line(*where),
                )
            )
    return findings


def _rollback_texts(record: Loaded) -> dict[tuple[str, ...], str]:
    rollback = record.data.get("rollback") if isinstance(record.data, dict) else None
    if not isinstance(rollback, dict):
        return {}
    texts: dict[tuple[str, ...], str] = {}
    if isinstance(rollback.get("plan"), str):
        texts[("rollback", "plan")] = rollback["plan"]
    categories = rollback.get("categories")
    for name, text in (categories if isinstance(categories, dict) else {}).items():
        if isinstance(text, str):
            texts[("rollback", "categories", name)] = text
    return texts


def _rollback(records: list[Loaded], policy: Policy, scope: Scope) -> list[Finding]:
    findings = [f for r in records for f in rollback_findings(r)]
    texts = {
        where[2]: (record, where, text)
        for record in records
        for where, text in _rollback_texts(record).items()
        if len(where) == 3
    }
    if not any(("rollback", "plan") in _rollback_texts(r) for r in records):
        return findings  # the plan itself is missing: already reported
    for category in _approval_categories(scope):
        findings += _category_rollback(category, records[0], texts.get(category.name))
    return findings


def _approval_categories(scope: Scope) -> list[Category]:
    found: dict[str, Category] = {}
    for posture, matches in scope.postures.values():
        if posture == "approval":
            for match in matches:
                found.setdefault(match.category.name, match.category)
    return [found[n] for n in sorted(found)]


def _category_rollback(
    category: Category, first: Loaded, entry: tuple[Loaded, tuple[str, ...], str] | None
) -> list[Finding]:
    from agentlint.record.rollback import placeholder_reason

    if entry is None:
        return [
            Finding(
                "AL105",
                f"the change touches protected category {category.name!r}, but "
                f"rollback.categories has no {category.name!r} entry; say how that part is "
                "rolled back (a migration's down step, a config's previous value)",
                first.source,
                first.line("rollback"),
                category=category.name,
            )
        ]
    record, where, text = entry
    hint = category.rollback_hint
    if placeholder_reason(text) is None and hint and not _mentions(hint, text):
        return [
            Finding(
                "AL105",
                f"rollback.categories.{category.name} does not say how {category.name} is "
                f"rolled back: write the steps, so that it {hint_words(hint)}",
                record.source,
                record.line(*where),
                category=category.name,
            )
        ]
    return []


def _applies(check: RecordCheck, files: list[FileChange]) -> str | None:
    from agentlint.classify import decide

    for f in files:
        for path in f.paths:
            if decide(check.paths, path) is not None and decide(check.exclude, path) is None:
                return path
    return None


def _required_checks(
    records: list[Loaded], policy: Policy, files: list[FileChange]
) -> list[Finding]:
    commands = [c for r in records for c in r.data["commands"]]
    findings = []
    for check in policy.record.checks:
        path = _applies(check, files)
        if path is None:
            continue
        problem = _unmet(check, commands)
        if problem:
            about = f" ({check.description})" if check.description else ""
            findings.append(
                Finding(
                    "AL106",
                    f"record check {check.name!r}{about}: {problem}",
                    path,
                )
            )
    return findings


def _wanted(check: RecordCheck) -> str:
    kind = f"{check.kind} " if check.kind else ""
    command = f" matching `{check.command[0]}`" if check.command else ""
    return f"{kind}command{command}"


def _unmet(check: RecordCheck, commands: list[dict[str, Any]]) -> str | None:
    matching = [
        c
        for c in commands
        if (check.kind is None or c["kind"] == check.kind)
        and (check.command is None or regex(check.command[1]).match(c["run"]))
    ]
    if not matching:
        return (
            f"the record lists no {_wanted(check)}; run it and record the command and its "
            "exit status"
        )
    last = matching[-1]
    if last["exit_status"] != 0:
        return (
            f"the last {_wanted(check)} (`{last['run']}`) exited {last['exit_status']}; "
            "make it pass and record the passing run"
        )
    if can_mask(last["run"]):
        return (
            f"`{last['run']}` can hide a failure (`||`, `|`, `;`, `&` or `exit 0`); record "
            "the command on its own"
        )
    return None


def _tools(records: list[Loaded], policy: Policy) -> list[Finding]:
    allowed = [regex(r) for _, r in policy.record.tools]
    findings = []
    for record in records:
        declared = record.data["scope"].get("tools")
        own = [regex(glob_regex(t)) for t in declared] if declared is not None else None
        for field in ("scope", "tools_used"):
            tools = record.data.get(field, {})
            listed = tools.get("tools", []) if field == "scope" else tools
            for i, tool in enumerate(listed or []):
                where = ("scope", "tools", i) if field == "scope" else ("tools_used", i)
                name = tool.lower()
                if not any(r.match(name) for r in allowed):
                    findings.append(
                        Finding(
                            "AL107",
                            f"tool {tool!r} is not in the policy's allowlist; stop using it, "
                            "or have the policy's owners add it to record.tools.extend_allow "
                            f"in {CONFIG_NAME}",
                            record.source,
                            record.line(*where),
                        )
                    )
                elif (
                    field == "tools_used"
                    and own is not None
                    and not any(r.match(name) for r in own)
                ):
                    findings.append(
                        Finding(
                            "AL107",
                            f"tool {tool!r} was used but is not in the record's scope.tools, "
                            "which lists what the task allowed",
                            record.source,
                            record.line(*where),
                        )
                    )
    return findings


BUDGET_FIELDS = {
    "usd": ("cost", "usd", "US dollars"),
    "tokens": ("cost", "tokens", "tokens"),
    "minutes": ("cost", "minutes", "minutes"),
}


def _budget(records: list[Loaded], policy: Policy) -> list[Finding]:
    findings = []
    for record in records:
        for key, limit in policy.record.budget.items():
            if limit is None:
                continue
            if key == "files_read":
                spent: float | None = len(record.data["files"]["read"])
                where: tuple[str, ...] = ("files", "read")
                unit = "files read"
            else:
                section, field, unit = BUDGET_FIELDS[key]
                spent = record.data.get(section, {}).get(field)
                where = (section, field)
            if spent is None:
                findings.append(
                    Finding(
                        "AL108",
                        f"the policy's budget limits {'.'.join(where)} to {limit:g} {unit}, but "
                        f"the record does not report {'.'.join(where)}; add it",
                        record.source,
                        record.line(*where),
                    )
                )
            elif spent > limit:
                findings.append(
                    Finding(
                        "AL108",
                        f"{'.'.join(where)} is {spent:g} {unit}, over the policy's budget of "
                        f"{limit:g}; stop and hand over earlier, or split the task",
                        record.source,
                        record.line(*where),
                    )
                )
    return findings


def _mentions(hint: str, text: str) -> bool:
    """Whether the rollback plan matches its category's rollback hint (a regex)."""
    return regex_compile(hint).search(text) is not None
