"""Turn merged policy data into compiled, JSON-serialisable form.

Path patterns are gitignore patterns, translated to regular expressions by pathspec;
detector globs become regular expressions too. The result is what the cache stores, so
the hot path never imports pathspec, ruamel.yaml or jsonschema.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from agentlint.errors import Problem
from agentlint.policy import model

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from agentlint.yamlfile import Path

Where = Callable[..., str]


def compile_policy(
    merged: dict[str, Any], *, source: str, lines: dict[Path, int]
) -> tuple[dict[str, Any], list[Problem]]:
    """Compiled policy data, and the problems found (bad patterns, regexes, settings)."""
    problems: list[Problem] = []

    def where(*path: str | int) -> str:
        key: Path = tuple(path)
        while key and key not in lines:
            key = key[:-1]
        return f"{source}:{lines[key]}" if key in lines else f"{source} (built-in part)"

    approvals = merged["approvals"]
    compiled = {
        "enforce": merged["enforce"],
        "categories": _categories(merged["categories"], approvals, problems, where),
        "detectors": _detectors(merged["agents"], source, problems, where),
        "automation_is_agent": bool(merged["agents"].get("automation_is_agent", False)),
        "approvals": {
            "require_signed": bool(approvals.get("require_signed", False)),
            "allowed_signers": approvals.get("allowed_signers"),
            "local": approvals.get("local", "pending"),
            "approvers": [e.lower() for e in approvals.get("approvers", [])],
        },
        "limits": _limits(merged["limits"], problems, where),
        "record": _record(merged["record"], problems, where),
        "severity": _severity(merged["severity"], problems, where),
        "guard": {
            "approval": merged["guard"].get("approval", "ask"),
            "outside_repo": merged["guard"].get("outside_repo", "ask"),
            "bash": bool(merged["guard"].get("bash", True)),
        },
    }
    if compiled["approvals"]["require_signed"] and not compiled["approvals"]["allowed_signers"]:
        problems.append(
            Problem(
                "approvals.require_signed is on but approvals.allowed_signers is not set",
                where("approvals", "require_signed"),
                "set approvals.allowed_signers to the path of an SSH allowed-signers file",
            )
        )
    return compiled, problems


def _severity(severity: dict[str, str], problems: list[Problem], where: Where) -> dict[str, str]:
    """Per-rule severities; a code that names no rule is a typo, not a no-op."""
    from agentlint import rules

    for code in severity:
        if code not in rules.RULES:
            problems.append(
                Problem(
                    f"severity: {code!r} is not a rule code{rules.did_you_mean(code)}",
                    where("severity", code),
                    "use a code from `agentlint rules`",
                )
            )
    return dict(severity)


def _categories(
    categories: dict[str, Any], approvals: dict[str, Any], problems: list[Problem], where: Where
) -> list[dict[str, Any]]:
    out = []
    for name, cat in categories.items():
        paths = list(cat.get("paths", []))
        if name == "policy" and approvals.get("allowed_signers"):  # a trust root is policy
            paths.append("/" + approvals["allowed_signers"].lstrip("/"))
        compiled = patterns(paths, problems, lambda i, n=name: where("categories", n, "paths", i))
        out.append(
            {
                "name": name,
                "description": cat.get("description", ""),
                "posture": cat.get("posture", "allow"),
                "origin": cat.get("origin", "config"),
                "paths": compiled,
                "needs": model.literal_filter([p[0] for p in compiled]),
                "exclude": patterns(
                    cat.get("exclude", []),
                    problems,
                    lambda i, n=name: where("categories", n, "exclude", i),
                ),
                "attributes": list(cat.get("attributes", [])),
                "rollback_hint": _regex(
                    cat.get("rollback_hint"),
                    problems,
                    where("categories", name, "rollback_hint"),
                ),
                "approvers": [e.lower() for e in cat.get("approvers", [])],
                "reviewers": [e.lower() for e in cat.get("reviewers", [])],
            }
        )
    return out


def _detectors(
    agents: dict[str, Any], source: str, problems: list[Problem], where: Where
) -> list[dict[str, Any]]:
    """In the order detectors are tried: the built-in agents, the policy's own detectors,
    the built-in automation, then any other `[bot]` (an agent, to fail closed)."""
    builtin_on = agents.get("builtin", True)
    from agentlint.policy import builtin

    def built(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [_detector(d, problems, lambda *_: f"{source} (built-in)") for d in items]

    out = built(builtin.DETECTORS) if builtin_on else []
    for n, det in enumerate(agents.get("detectors", [])):
        out.append(_detector(det, problems, lambda *p, n=n: where("agents", "detectors", n, *p)))
    if builtin_on:
        out += built(builtin.AUTOMATION) + built(builtin.UNKNOWN_BOTS)
    return out


def _limits(limits: dict[str, Any], problems: list[Problem], where: Where) -> dict[str, Any]:
    return {
        "max_files": limits.get("max_files"),
        "max_lines": limits.get("max_lines"),
        "exclude": patterns(
            limits.get("exclude", []), problems, lambda i: where("limits", "exclude", i)
        ),
    }


def _record(record: dict[str, Any], problems: list[Problem], where: Where) -> dict[str, Any]:
    folder = str(record.get("dir", ".agentlint/records/")).strip("/") + "/"
    checks = []
    for name, check in record.get("checks", {}).items():
        command = check.get("command")
        checks.append(
            {
                "name": name,
                "description": check.get("description", ""),
                "paths": patterns(
                    check.get("paths", []),
                    problems,
                    lambda i, n=name: where("record", "checks", n, "paths", i),
                ),
                "exclude": patterns(
                    check.get("exclude", []),
                    problems,
                    lambda i, n=name: where("record", "checks", n, "exclude", i),
                ),
                "command": [command, command_regex(command)] if command else None,
                "kind": check.get("kind"),
            }
        )
    return {
        "require": record.get("require", "always"),
        "dir": folder,
        "checks": checks,
        "tools": [[t, glob_regex(t)] for t in record.get("tools", {}).get("allow", [])],
        "budget": {
            k: record.get("budget", {}).get(k) for k in ("usd", "tokens", "minutes", "files_read")
        },
    }


def _regex(text: str | None, problems: list[Problem], where: str) -> str | None:
    if text is None:
        return None
    try:
        re.compile(text)
    except re.error as exc:
        problems.append(
            Problem(f"invalid regular expression {text!r}: {exc}", where, "fix the expression")
        )
        return None
    return text


def command_regex(glob: str) -> str:
    """A command glob: `*` matches any text, everything else is literal."""
    return ".*".join(re.escape(part) for part in glob.split("*")) + r"\Z"


def patterns(texts: list[str], problems: list[Problem], where: Any) -> list[list[Any]]:
    from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern

    from agentlint.policy import linear

    out: list[list[Any]] = []
    for i, text in enumerate(texts):
        try:
            regex, include = GitIgnoreSpecPattern.pattern_to_regex(text)
        except (ValueError, TypeError) as exc:
            problems.append(
                Problem(f"invalid pattern {text!r}: {exc}", where(i), "use gitignore syntax")
            )
            continue
        if regex is None or include is None:
            problems.append(
                Problem(
                    f"pattern {text!r} matches no path",
                    where(i),
                    "remove it, or fix it (a blank, a comment, or an unclosed `[` matches nothing)",
                )
            )
            continue
        source = regex.replace("(?P<ps_d>/)", "/")
        try:
            if "[" in text:  # only a bracket range can reach the regex unchecked
                re.compile(source)
        except re.error as exc:  # pathspec passes some bracket ranges through unchecked
            problems.append(
                Problem(
                    f"invalid pattern {text!r}: {exc}",
                    where(i),
                    "fix the `[...]` range, or escape the bracket as `\\[`",
                )
            )
            continue
        try:
            linear.parse(source)
        except ValueError as exc:  # never for pathspec's output, which the tests pin
            problems.append(Problem(f"pattern {text!r} cannot be matched: {exc}", where(i)))
            continue
        out.append([text, source, bool(include), model.required_literal(text)])
    return out


glob_regex = model.glob_regex


def _literal_pieces(regexes: list[str]) -> list[list[Any] | None]:
    found = [model.literal_regex(r) for r in regexes]
    return [None if lit is None else [list(lit.pieces), lit.anchored] for lit in found]


def _detector(det: dict[str, Any], problems: list[Problem], where: Any) -> dict[str, Any]:
    trailers = []
    for text in det.get("trailers", []):
        key, sep, value = text.partition(":")
        trailers.append([key.strip().lower(), glob_regex(value.strip()) if sep else None])
    messages = []
    for i, regex in enumerate(det.get("messages", [])):
        try:
            re.compile(regex)
        except re.error as exc:
            problems.append(
                Problem(
                    f"invalid regular expression {regex!r}: {exc}",
                    where("messages", i),
                    "fix the expression",
                )
            )
            continue
        messages.append(regex)
    emails = [glob_regex(g) for g in det.get("emails", [])]
    names = [glob_regex(g) for g in det.get("names", [])]
    return {
        "name": det["name"],
        "emails": emails,
        "names": names,
        # each glob as literal pieces where it is one, kept in the cache so that a hook
        # matches identities without translating 130 globs again (see detect._combined)
        "email_literals": _literal_pieces(emails),
        "name_literals": _literal_pieces(names),
        "trailers": trailers,
        "messages": messages,
        "env": list(det.get("env", [])),
        "kind": det.get("kind", "agent"),
    }
