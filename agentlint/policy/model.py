"""The policy as checks see it: immutable records, with regexes compiled on first use."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from agentlint.policy.linear import Matcher

POSTURES = ("allow", "record", "review", "approval", "block")


_TOKEN = re.compile(r"\\.|.", re.DOTALL)


def has_one_loop(source: str) -> bool:
    """At most one `*` or `+` loop in a translated regex, not counting a final `.*\\Z`
    (which takes the rest at once): Python's engine runs it in linear time, and
    policy/linear.py need not even be imported."""
    tokens = _TOKEN.findall(source)
    if tokens[-3:] == [".", "*", "\\Z"]:
        tokens = tokens[:-3]
    return sum(t in ("*", "+") for t in tokens) <= 1


@functools.cache
def regex(source: str) -> Matcher:
    """A compiled path or glob regex (DOTALL: a file name may contain a newline), run in
    time linear in the text whatever the pattern (see policy/linear.py)."""
    if has_one_loop(source):
        return re.compile(source, re.DOTALL)
    from agentlint.policy import linear

    return linear.compile_pattern(source)


@functools.cache
def message_regex(source: str) -> re.Pattern[str]:
    """A detector's message regex, with Python's usual semantics."""
    return re.compile(source)


_SIMPLE = re.compile(r"[!]?[A-Za-z0-9._/*?\[\]@+~,=%-]+\Z")
_BRACKETS = re.compile(r"\[[^\]]*\]")


@functools.cache
def required_literal(text: str) -> str:
    """Text that every path the gitignore pattern `text` matches must contain ("" when
    that cannot be told). Checking it first spares compiling most patterns' regexes,
    which is most of a hook's work otherwise."""
    if not _SIMPLE.match(text):
        return ""  # escapes, spaces and other rarities: always ask the regex
    fragments = re.split(r"[*?]", _BRACKETS.sub("*", text.lstrip("!")))
    return max((f.strip("/") for f in fragments), key=len, default="")


class Pattern(NamedTuple):
    text: str
    regex: str
    include: bool

    def matches(self, path: str) -> bool:
        """Whether the pattern matches the path, or the path taken as a folder (a
        submodule is a folder in the work tree, so `deploy/` matches a gitlink `deploy`)."""
        if required_literal(self.text) not in path:
            return False
        compiled = regex(self.regex)
        return compiled.match(path) is not None or compiled.match(path + "/") is not None


class Category(NamedTuple):
    name: str
    description: str
    posture: str
    origin: str
    paths: tuple[Pattern, ...]
    exclude: tuple[Pattern, ...]
    attributes: tuple[str, ...]
    approvers: tuple[str, ...]
    reviewers: tuple[str, ...]
    rollback_hint: str | None = None

    @property
    def rank(self) -> int:
        return POSTURES.index(self.posture)


class Detector(NamedTuple):
    name: str
    emails: tuple[str, ...]
    names: tuple[str, ...]
    trailers: tuple[tuple[str, str | None], ...]
    messages: tuple[str, ...]
    env: tuple[str, ...]


class RecordCheck(NamedTuple):
    """A check the review record must show was run and passed (AL106)."""

    name: str
    description: str
    paths: tuple[Pattern, ...]
    exclude: tuple[Pattern, ...]
    command: tuple[str, str] | None  # (glob, regex)
    kind: str | None


class RecordPolicy(NamedTuple):
    require: str  # always | protected
    dir: str  # ends with "/"
    checks: tuple[RecordCheck, ...]
    tools: tuple[tuple[str, str], ...]  # (glob, regex) of allowed tools
    budget: dict[str, float | None]


DEFAULT_RECORD = RecordPolicy("always", ".agentlint/records/", (), (("*", ".*"),), {})


class GuardPolicy(NamedTuple):
    """What the Claude Code guard does where the postures leave a choice."""

    approval: str = "ask"  # ask | deny
    outside_repo: str = "ask"  # allow | ask | deny
    bash: bool = True


class Policy(NamedTuple):
    source: str
    enforce: str
    categories: tuple[Category, ...]
    detectors: tuple[Detector, ...]
    require_signed: bool
    allowed_signers: str | None
    default_approvers: tuple[str, ...]
    max_files: int | None
    max_lines: int | None
    limit_exclude: tuple[Pattern, ...]
    severity: dict[str, str]
    record: RecordPolicy = DEFAULT_RECORD
    guard: GuardPolicy = GuardPolicy()

    def category(self, name: str) -> Category | None:
        return next((c for c in self.categories if c.name == name), None)

    def approvers_for(self, category: Category) -> tuple[str, ...]:
        return category.approvers or self.default_approvers

    @property
    def env_markers(self) -> tuple[str, ...]:
        return tuple(sorted({v for d in self.detectors for v in d.env}))


def _patterns(items: list[list[Any]]) -> tuple[Pattern, ...]:
    return tuple(Pattern(str(t), str(r), bool(i)) for t, r, i in items)


def build(data: dict[str, Any], source: str) -> Policy:
    """A Policy from compiled data (see policy.compile)."""
    categories = tuple(
        Category(
            c["name"],
            c["description"],
            c["posture"],
            c["origin"],
            _patterns(c["paths"]),
            _patterns(c["exclude"]),
            tuple(c["attributes"]),
            tuple(c["approvers"]),
            tuple(c["reviewers"]),
            c.get("rollback_hint"),
        )
        for c in data["categories"]
    )
    detectors = tuple(
        Detector(
            d["name"],
            tuple(d["emails"]),
            tuple(d["names"]),
            tuple((k, v) for k, v in d["trailers"]),
            tuple(d["messages"]),
            tuple(d["env"]),
        )
        for d in data["detectors"]
    )
    approvals, limits = data["approvals"], data["limits"]
    return Policy(
        source,
        data["enforce"],
        categories,
        detectors,
        approvals["require_signed"],
        approvals["allowed_signers"],
        tuple(approvals["approvers"]),
        limits["max_files"],
        limits["max_lines"],
        _patterns(limits["exclude"]),
        dict(data["severity"]),
        _record(data["record"]),
        GuardPolicy(**data["guard"]),
    )


def _record(data: dict[str, Any]) -> RecordPolicy:
    checks = tuple(
        RecordCheck(
            c["name"],
            c["description"],
            _patterns(c["paths"]),
            _patterns(c["exclude"]),
            (str(c["command"][0]), str(c["command"][1])) if c["command"] else None,
            c["kind"],
        )
        for c in data["checks"]
    )
    tools = tuple((str(t), str(r)) for t, r in data["tools"])
    return RecordPolicy(data["require"], data["dir"], checks, tools, dict(data["budget"]))
