"""Merge a user's validated config over the built-in policy."""

from __future__ import annotations

import copy
from typing import Any

from agentlint.errors import Problem
from agentlint.policy import builtin
from agentlint.yamlfile import Path


def merge(
    user: dict[str, Any], *, source: str, lines: dict[Path, int]
) -> tuple[dict[str, Any], list[Problem]]:
    """The effective policy data, and the problems that only show once merged."""
    if user.get("extends", "builtin") == "builtin":
        base = copy.deepcopy(builtin.DEFAULTS)
    else:
        base = {
            "enforce": "agents",
            "categories": {},
            "agents": {"builtin": False},
            "approvals": {},
            "limits": {},
            "record": {"checks": {}, "tools": {"allow": ["*"]}, "budget": {}},
            "severity": {},
            "guard": {},
        }
    problems: list[Problem] = []
    merged: dict[str, Any] = {
        "enforce": user.get("enforce", base["enforce"]),
        "categories": {},
        "agents": {**base["agents"], **user.get("agents", {})},
        "approvals": {**base["approvals"], **user.get("approvals", {})},
        "limits": {**base["limits"], **user.get("limits", {})},
        "severity": {**base["severity"], **user.get("severity", {})},
        "guard": {**base["guard"], **user.get("guard", {})},
    }
    categories = {name: dict(cat, origin="built-in") for name, cat in base["categories"].items()}
    for name, given in user.get("categories", {}).items():
        category = _merge_category(categories.get(name), given)
        where = f"{source}:{lines.get(('categories', name), 1)}"
        if not category.get("enabled", True):
            categories.pop(name, None)
            continue
        if "posture" not in category:
            problems.append(
                Problem(
                    f"category {name!r} has no posture",
                    where,
                    "add `posture:` (allow, record, review, approval or block)",
                )
            )
        if not category.get("paths") and not category.get("attributes"):
            problems.append(
                Problem(
                    f"category {name!r} has no paths",
                    where,
                    "add `paths:` with gitignore patterns",
                )
            )
        categories[name] = category
    merged["categories"] = categories
    merged["record"] = _merge_record(
        base["record"], user.get("record", {}), source, lines, problems
    )
    return merged, problems


def _merge_record(
    base: dict[str, Any],
    given: dict[str, Any],
    source: str,
    lines: dict[Path, int],
    problems: list[Problem],
) -> dict[str, Any]:
    record = {**base, **{k: v for k, v in given.items() if k in ("require", "dir")}}
    checks = {name: dict(check) for name, check in base.get("checks", {}).items()}
    for name, check in given.get("checks", {}).items():
        merged = _merge_category(checks.get(name), check)
        merged.pop("origin", None)
        if not merged.get("enabled", True):
            checks.pop(name, None)
            continue
        if not merged.get("paths"):
            problems.append(
                Problem(
                    f"record check {name!r} has no paths",
                    f"{source}:{lines.get(('record', 'checks', name), 1)}",
                    "add `paths:` with gitignore patterns",
                )
            )
        checks[name] = merged
    record["checks"] = checks
    tools = dict(base.get("tools", {}))
    user_tools = given.get("tools", {})
    allow = list(user_tools.get("allow", tools.get("allow", [])))
    record["tools"] = {"allow": [*allow, *user_tools.get("extend_allow", [])]}
    record["budget"] = {**base.get("budget", {}), **given.get("budget", {})}
    return record


def _merge_category(base: dict[str, Any] | None, given: dict[str, Any]) -> dict[str, Any]:
    category = dict(base or {"origin": "config"})
    if base is not None:
        category["origin"] = "built-in, changed by config"
    for key, value in given.items():
        if key == "extend_paths":
            category["paths"] = [*category.get("paths", []), *value]
        elif key == "extend_exclude":
            category["exclude"] = [*category.get("exclude", []), *value]
        else:
            category[key] = value
    return category
