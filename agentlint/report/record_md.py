"""The review record, rendered for a reviewer: task and scope, plan, files, commands and
tests, failed attempts, assumptions, rollback and cost. Every value is the agent's text, so
all of it goes through mdtext; a field of the wrong shape is skipped, never trusted."""

from __future__ import annotations

from typing import Any

from agentlint.report import mdtext as md

BUDGET = {"tokens": "tokens", "usd": "US dollars", "minutes": "minutes", "files_read": "files read"}


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _task(data: dict[str, Any]) -> list[str]:
    agent = _get(data, "agent", "name")
    model = _get(data, "agent", "model")
    lines = ["#### Task and scope", "", f"**Task:** {md.text(data.get('task', '(none)'))}", ""]
    if agent:
        lines += [f"**Agent:** {md.text(agent)}" + (f" ({md.text(model)})" if model else ""), ""]
    paths = [md.code(p) for p in _items(_get(data, "scope", "paths"))]
    tools = [md.code(t) for t in _items(_get(data, "scope", "tools"))]
    lines += [f"**Allowed paths:** {', '.join(paths) or 'none given'}", ""]
    if tools:
        lines += [f"**Allowed tools:** {', '.join(tools)}", ""]
    return lines


def _plan(data: dict[str, Any], cap: int) -> list[str]:
    steps = [f"{n}. {md.text(s)}" for n, s in enumerate(_items(data.get("plan")), 1)]
    return ["#### Plan", "", *(md.folded(steps, cap, "steps") or ["No plan given."]), ""]


def _files(data: dict[str, Any], cap: int) -> list[str]:
    changed = [str(p) for p in _items(_get(data, "files", "changed"))]
    read = [str(p) for p in _items(_get(data, "files", "read"))]
    lines = ["#### Files", "", f"Changed: **{len(changed)}**; read: **{len(read)}**.", ""]
    for label, paths in (("Changed", changed), ("Read", read)):
        if paths:
            shown = md.folded([f"- {md.code(p)}" for p in paths], cap, "files")
            lines += [f"{label}:", "", *shown, ""]
    return lines


def _commands(data: dict[str, Any], cap: int) -> list[str]:
    rows = []
    for n, command in enumerate(_items(data.get("commands")), 1):
        if not isinstance(command, dict):
            continue
        status = command.get("exit_status")
        shown = md.text(status) if status == 0 else f"**{md.text(status)}**"
        kind = md.text(command.get("kind", "")) if command.get("kind") else " "
        rows.append((str(n), md.code(command.get("run", ""), cell=True), kind, shown))
    lines = ["#### Commands and tests", ""]
    if not rows:
        return [*lines, "No commands recorded.", ""]
    lines += md.table(("#", "command", "kind", "exit status"), rows[:cap])
    if len(rows) > cap:
        lines.append(f"\n… and {len(rows) - cap} more commands")
    return [*lines, ""]


def _pairs(
    data: dict[str, Any], key: str, title: str, fields: tuple[str, ...], cap: int
) -> list[str]:
    rows = [
        tuple(md.text(item.get(f, "")) for f in fields)
        for item in _items(data.get(key))
        if isinstance(item, dict)
    ]
    lines = [f"#### {title}", ""]
    if not rows:
        return [*lines, "None recorded.", ""]
    header = tuple(f.replace("_", " ") for f in fields)
    lines += md.table(header, rows[:cap])
    if len(rows) > cap:
        lines.append(f"\n… and {len(rows) - cap} more")
    return [*lines, ""]


def _rollback(data: dict[str, Any]) -> list[str]:
    plan = _get(data, "rollback", "plan")
    lines = ["#### Rollback", "", md.text(plan) if plan else "No rollback plan given.", ""]
    categories = _get(data, "rollback", "categories")
    if isinstance(categories, dict) and categories:
        rows = [(md.code(k, cell=True), md.text(v)) for k, v in categories.items()]
        lines += [*md.table(("category", "how it is rolled back"), rows), ""]
    return lines


def _number(value: Any) -> str:
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    return md.text(f"{value:g}" if number else value)


def _cost(data: dict[str, Any], budget: dict[str, float | None]) -> list[str]:
    given = data.get("cost")
    cost: dict[str, Any] = given if isinstance(given, dict) else {}
    spending = {**cost, "files_read": len(_items(_get(data, "files", "read")))}
    rows = []
    for key, unit in BUDGET.items():
        spent, limit = spending.get(key), budget.get(key)
        if spent is None and limit is None:
            continue
        numbers = isinstance(spent, (int, float)) and isinstance(limit, (int, float))
        over = numbers and spent > limit  # type: ignore[operator]
        shown = "not reported" if spent is None else _number(spent)
        rows.append(
            (
                unit,
                f"**{shown}**" if over else shown,
                "none" if limit is None else _number(limit),
            )
        )
    lines = ["#### Cost", ""]
    if not rows:
        return [*lines, "Not reported, and the policy sets no budget.", ""]
    return [*lines, *md.table(("measure", "spent", "budget"), rows), ""]


def render(data: Any, budget: dict[str, float | None], cap: int) -> list[str]:
    """The record's sections; `cap` bounds every list (the packet folds when it is big)."""
    if not isinstance(data, dict):
        return ["The record does not parse, so there is nothing to show (AL102).", ""]
    return [
        *_task(data),
        *_plan(data, cap),
        *_files(data, cap),
        *_commands(data, cap),
        *_pairs(data, "attempts", "Failed attempts", ("tried", "outcome", "learned"), cap),
        *_pairs(data, "assumptions", "Assumptions", ("assumption", "if_wrong"), cap),
        *_rollback(data),
        *_cost(data, budget),
    ]
