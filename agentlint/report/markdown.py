"""The review packet (`--format markdown`): one Markdown document per change, for the human
who approves it. It holds the verdict, what waits on whom, the findings by file, the
review record rendered, and what the agent's evidence log saw.

It reads well in GitHub's and GitLab's renderers (CommonMark with tables, no raw HTML),
and stays within GitHub's 1 MiB step-summary limit: long lists fold first, and a packet
still too large is cut at a line with a note that says so.
"""

from __future__ import annotations

from agentlint import __version__
from agentlint.findings import Finding, sort_key
from agentlint.report import Context, Summary
from agentlint.report import mdtext as md
from agentlint.report.paths import lossless
from agentlint.rules import RULES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

MAX_BYTES = 1024 * 1024  # GitHub's limit for one step's summary
FOLDS = (50, 10, 3)  # items shown per list, tried in turn until the packet fits
_STATUS = (  # the worst status of a category wins
    ("AL205", "blocked"),
    ("AL201", "missing"),
    ("AL204", "review missing"),
    ("AL203", "stale"),
    ("AL206", "unsigned"),
    ("AL202", "not authorised"),
)

_WEAKENED = ("AL301", "AL302", "AL303", "AL304", "AL305", "AL306", "AL307")
_GATED = ("approval", "review", "block")
_DONE = {"approval": "approved", "review": "reviewed", "block": "untouched by agents"}


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def _verdict(summary: Summary, context: Context | None) -> list[str]:
    word = "fail" if summary.errors else "pass"
    counts = [_plural(summary.errors, "error"), _plural(summary.warnings, "warning")]
    scope = f"{_plural(summary.commits, 'commit')} ({summary.agent_commits} by agents)"
    lines = [f"## agentlint: {word}", "", f"**{word.upper()}**: {' and '.join(counts)} in {scope}."]
    if context is not None:
        change = context.change
        span = f"{(change.base or '')[:12]}..{(change.head or '')[:12]}"
        where = {
            "range": f"range {md.code(span)}",
            "commit": f"commit {md.code((change.head or '')[:12])}",
            "staged": "the commit being made",
        }[change.mode]
        lines += ["", f"Checked {where} against the policy from {md.text(context.policy.source)}."]
    return [*lines, ""]


def _categories(context: Context) -> dict[str, tuple[str, int]]:
    """Each gated category that judged paths fall in: its posture and how many paths."""
    found: dict[str, tuple[str, int]] = {}
    postures = context.scope.postures if context.scope else {}
    for _path, (posture, matches) in postures.items():
        if posture not in _GATED:
            continue
        for match in matches:
            name = match.category.name
            found[name] = (posture, found.get(name, (posture, 0))[1] + 1)
    return found


def _who(context: Context, name: str, posture: str) -> str:
    category = context.policy.category(name)
    if category is None:
        return " "
    if posture == "review":
        people = category.reviewers
        fallback = "any human but the author"
    else:
        people = context.policy.approvers_for(category)
        fallback = "nobody is listed" if posture == "approval" else "nobody: agents may not"
    return ", ".join(md.code(p, cell=True) for p in people) or fallback


def _waiting(findings: list[Finding], context: Context | None) -> list[str]:
    lines = ["### Waiting on approvals", ""]
    if context is None:
        return []
    gated = _categories(context)
    for finding in findings:  # weakened tests wait on the `tests` category's approvers
        if finding.code in _WEAKENED and finding.category and finding.category not in gated:
            gated[finding.category] = ("approval", 0)
    if not gated:
        return [*lines, "No agent work touches a path that needs an approval or a review.", ""]
    rows = []
    for name, (posture, count) in sorted(gated.items()):
        mine = [f for f in findings if f.category == name]
        status = next(
            (
                word
                if any(f.severity == "error" for f in mine if f.code == code)
                else f"pending: {word}"
                for code, word in _STATUS
                if any(f.code == code for f in mine)
            ),
            _DONE[posture],
        )
        if status == _DONE[posture] and any(f.code in _WEAKENED for f in mine):
            status = "missing" if any(f.severity == "error" for f in mine) else "pending: missing"
        paths = str(count) if count else "tests"
        rows.append(
            (md.code(name, cell=True), posture, paths, _who(context, name, posture), status)
        )
    table = md.table(("category", "posture", "paths", "who can approve", "status"), rows)
    return [*lines, *table, ""]


def _findings(findings: list[Finding], cap: int) -> list[str]:
    lines = ["### Findings", ""]
    if not findings:
        return [*lines, "No findings.", ""]
    by_file: dict[str, list[Finding]] = {}
    for finding in sorted(findings, key=sort_key):
        by_file.setdefault(finding.path or "", []).append(finding)
    for path, group in by_file.items():
        lines += [f"#### {md.code(lossless(path)) if path else 'The change as a whole'}", ""]
        items = []
        for finding in group:
            rule = RULES[finding.code]
            where = f" (line {finding.line})" if finding.line else ""
            commit = f" in {md.code(finding.commit[:12])}" if finding.commit else ""
            level = "" if finding.severity == "error" else f" {finding.severity}:"
            items.append(
                f"- **{finding.code}** {rule.name}{where}{commit}:{level} "
                f"{md.text(finding.message)} (rule: {md.code(f'agentlint rules {finding.code}')})"
            )
        lines += [*md.folded(items, cap, "findings in this file"), ""]
    return lines


def _records(context: Context | None, cap: int) -> list[str]:
    if context is None:
        return []
    from agentlint.record.load import load
    from agentlint.report import record_md

    present = [r for r in context.change.records if r.after is not None]
    if not present:
        judged = bool(context.scope and context.scope.judged)
        why = (
            "The change has no review record."
            if judged
            else "No review record: no rule applies to this change (no agent work)."
        )
        return ["### Review record", "", why, ""]
    lines = []
    for blob in present:
        loaded = load(blob.after or b"", blob.path, blob.after_id)
        lines += [f"### Review record {md.code(lossless(blob.path))}", ""]
        if loaded.problems:
            lines += ["The record does not match the schema (AL102): read it with care.", ""]
        lines += record_md.render(loaded.data, context.policy.record.budget, cap)
    return lines


def _evidence(context: Context | None, cap: int) -> list[str]:
    evidence = context.change.evidence if context else None
    if context is None or evidence is None:
        return []
    seen = [e.command for e in evidence.entries if e.command]
    claimed: set[str] = set()
    for blob in context.change.records:
        from agentlint.record.load import load

        data = load(blob.after, blob.path).data if blob.after else None
        commands = data.get("commands") if isinstance(data, dict) else None
        for item in commands if isinstance(commands, list) else []:
            if isinstance(item, dict) and isinstance(item.get("run"), str):
                claimed.add(" ".join(item["run"].split()))
    logged = {" ".join(c.split()) for c in seen}
    rows = [
        (md.code(c, cell=True), "yes", "yes" if c in claimed else "**no**") for c in sorted(logged)
    ]
    rows += [(md.code(c, cell=True), "**no**", "yes") for c in sorted(claimed - logged)]
    lines = [
        "### Evidence log",
        "",
        f"The session log {md.code(evidence.source)} holds "
        f"{_plural(len(evidence.entries), 'tool call')}.",
        "",
    ]
    if rows:
        lines += md.table(("command", "in the log", "in the record"), rows[:cap])
        if len(rows) > cap:
            lines.append(f"\n… and {len(rows) - cap} more commands")
        lines.append("")
    return lines


def _packet(findings: list[Finding], summary: Summary, context: Context | None, cap: int) -> str:
    parts: Iterable[list[str]] = (
        _verdict(summary, context),
        _waiting(findings, context),
        _findings(findings, cap),
        _records(context, cap),
        _evidence(context, cap),
        [f"*agentlint {md.text(__version__)}: `agentlint rules CODE` explains each rule.*"],
    )
    return "\n".join(line for part in parts for line in part) + "\n"


def _truncate(text: str) -> str:
    note = (
        "\n\n**This packet was cut at 1 MiB.** The full findings are in the job log; run "
        "`agentlint check --format markdown` to see everything.\n"
    )
    room = MAX_BYTES - len(note.encode())
    cut = text.encode()[:room].decode("utf-8", "ignore")
    return cut[: cut.rfind("\n")].rstrip() + note


def render(findings: list[Finding], summary: Summary, context: Context | None = None) -> str:
    text = ""
    for cap in FOLDS:
        text = _packet(findings, summary, context, cap)
        if len(text.encode()) <= MAX_BYTES:
            return text
    return _truncate(text)
