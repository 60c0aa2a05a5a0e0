"""The policy as checks see it: immutable records, with regexes compiled on first use."""

from __future__ import annotations

from agentlint import regex as regexes
from agentlint import structs
from agentlint.structs import ASCII_LETTERS, DIGITS, memo

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re
    from typing import Any

    from agentlint.policy.linear import Matcher

POSTURES = ("allow", "record", "review", "approval", "block")


# Regexes are kept as text, and `re` is imported only to compile one: a hook whose paths
# need no regex (most of a human's commits) never imports it, and the `enum` and
# `functools` it brings (together more than a hook's own work). The string functions
# below stand for regexes; tests/policy/test_model_properties.py checks each against it.


def regex_tokens(source: str) -> list[str]:
    """The regex's characters, an escape and the character after it taken together
    (what `re.findall(r"\\\\.|.", source, re.DOTALL)` returns)."""
    tokens = []
    i = 0
    while i < len(source):
        width = 2 if source[i] == "\\" and i + 1 < len(source) else 1
        tokens.append(source[i : i + width])
        i += width
    return tokens


def has_one_loop(source: str) -> bool:
    """At most one `*` or `+` loop in a translated regex, not counting a final `.*\\Z`
    (which takes the rest at once): Python's engine runs it in linear time, and
    policy/linear.py need not even be imported."""
    tokens = regex_tokens(source)
    if tokens[-3:] == [".", "*", "\\Z"]:
        tokens = tokens[:-3]
    return sum(t in ("*", "+") for t in tokens) <= 1


_SPECIAL = frozenset("\\.^$*+?{}[]|()")
_ALNUM = frozenset(ASCII_LETTERS + DIGITS)


def unescape_plain(piece: str) -> str | None:
    """The text a regex `piece` made only of ordinary characters and escaped punctuation
    (`\\.`, `\\-`...) matches, or None when it uses anything else: what the regex
    `(?:\\\\[^A-Za-z0-9]|[^\\\\.^$*+?{}\\[\\]|()])*` accepts, with the escapes removed."""
    if "\\" not in piece:  # most pieces: nothing to unescape
        return piece if _SPECIAL.isdisjoint(piece) else None
    if "\\\\" not in piece:  # each part after a backslash starts with what it escapes
        head, *parts = piece.split("\\")
        if not _SPECIAL.isdisjoint(head):
            return None
        for part in parts:
            if not part or part[0] in _ALNUM or not _SPECIAL.isdisjoint(part[1:]):
                return None
        return head + "".join(parts)
    out = []
    i = 0
    while i < len(piece):
        char = piece[i]
        if char == "\\":
            escaped = piece[i + 1 : i + 2]
            if not escaped or escaped in _ALNUM:
                return None
            out.append(escaped)
            i += 2
        elif char in _SPECIAL:
            return None
        else:
            out.append(char)
            i += 1
    return "".join(out)


class Literal(structs.Struct):
    """A regex that is literal text between `.*`s, such as a glob with no wildcard but
    `*` translates to (`Read`, `mcp__.*`, `.*\\[bot\\]\\Z`): matched with string operations,
    as `re.match` with DOTALL would, without compiling a regex or importing `re`."""

    pieces: tuple[str, ...]  # the text between `.*`s: "" first means a leading `.*`
    anchored: bool  # `\\Z` at the end: the last piece ends the text

    def match(self, value: str) -> bool | None:
        """True where the regex matches at the start of `value`, else None."""
        first, *rest = self.pieces
        if not value.startswith(first):
            return None
        pos = len(first)
        if not rest:
            return True if pos == len(value) or not self.anchored else None
        *middle, last = rest
        for piece in middle:
            pos = value.find(piece, pos)
            if pos < 0:
                return None
            pos += len(piece)
        if not self.anchored:
            return True if value.find(last, pos) >= 0 else None
        return True if len(value) - len(last) >= pos and value.endswith(last) else None


def literal_regex(source: str) -> Literal | None:
    """The regex `source` as a Literal, or None when it needs a regex engine."""
    slashes = len(source[:-1]) - len(source[:-1].rstrip("\\")) if source.endswith("Z") else 0
    anchored = slashes % 2 == 1  # `\\Z`, not an escaped backslash and a Z
    body = source[:-2] if anchored else source
    pieces = [unescape_plain(p) for p in body.split(".*")]
    if any(p is None for p in pieces):
        return None
    return Literal(tuple(p for p in pieces if p is not None), anchored)


def glob_regex(glob: str) -> str:
    """A case-folded glob where only `*` and `?` are wildcards ([bot] stays literal)."""
    parts = [".*" if c == "*" else "." if c == "?" else regexes.escape(c) for c in glob.lower()]
    return "".join(parts) + r"\Z"


@memo()
def regex(source: str, ignorecase: bool = False) -> Matcher:
    """A compiled path or glob regex (DOTALL: a file name may contain a newline), run in
    time linear in the text whatever the pattern (see policy/linear.py). `ignorecase` for
    repositories with `core.ignorecase` set (case-insensitive checkouts). A regex that is
    literal text between `.*`s is matched without one (see Literal), and any other is
    matched without `re` until the process has made many matches (see Deferred)."""
    if not ignorecase:
        literal = literal_regex(source)
        if literal is not None:
            return literal
    elif not source.isascii():
        return _engine(source, ignorecase)  # Unicode's case rules: Python's engine knows them
    return Deferred(source, ignorecase)


def _engine(source: str, ignorecase: bool) -> Matcher:
    """The regex compiled by Python's engine, or policy/linear.py's automaton where
    Python's could backtrack badly."""
    if has_one_loop(source):
        return regexes.compile(
            source, regexes.DOTALL | regexes.IGNORECASE if ignorecase else regexes.DOTALL
        )
    from agentlint.policy import linear

    return linear.compile_pattern(source, ignorecase)


# How many matches the automaton makes, in all, before Deferred patterns move to `re`'s
# engine. Without the regex cache (agentlint.regex; CI runs without one), importing `re`
# costs a hook about 5 ms and compiling a pattern about 0.1 ms; the automaton takes about
# 6 µs a match to the engine's 0.5 µs. So a hook that sorts a few paths (a guarded Write, a
# human's commit) never compiles a pattern, and a change of 1,000 files pays at most about
# 1.5 ms for the matches made before it switches.
AUTOMATON_BUDGET = 256
_spent = [0]


class Deferred:
    """A translated path or glob regex, matched by policy/automaton.py (pure Python) while
    the process is within AUTOMATON_BUDGET, then by `_engine`. Both give the same answers
    (tests/policy/test_linear.py); `match` returns a true value or None, as they do.
    With `ignorecase` the automaton takes only ASCII text (the source is ASCII): there,
    case is ASCII's; elsewhere Unicode's rules apply (the long s, U+017F, is an `s`),
    which `re` knows."""

    __slots__ = ("_automaton", "_compiled", "ignorecase", "source")

    def __init__(self, source: str, ignorecase: bool = False) -> None:
        self.source = source
        self.ignorecase = ignorecase
        self._automaton: Any = None
        self._compiled: Matcher | None = None

    def match(self, text: str) -> object:
        if self._compiled is None:
            if _spent[0] < AUTOMATON_BUDGET and (not self.ignorecase or text.isascii()):
                if self._automaton is None:
                    self._automaton = _automaton(self.source, self.ignorecase)
                if self._automaton is not False:
                    _spent[0] += 1
                    return self._automaton.match(text)
            self._compiled = _engine(self.source, self.ignorecase)
        return self._compiled.match(text)


def _automaton(source: str, ignorecase: bool) -> Any:
    """The automaton for a translated regex; False for one no translator writes (a
    policy's own detector regex, say), which Python's engine then runs."""
    from agentlint.policy import linear
    from agentlint.policy.automaton import Automaton

    try:
        return Automaton(linear.parse(source, ignorecase))
    except ValueError:
        return False


def message_regex(source: str) -> re.Pattern[str]:
    """A detector's message regex, with Python's usual semantics."""
    return regexes.compile(source)


_SIMPLE = frozenset(ASCII_LETTERS + DIGITS + "._/*?[]@+~,=%-")


def _brackets_as_stars(text: str) -> str:
    """Each `[...]` set as `*` (what `re.sub(r"\\[[^\\]]*\\]", "*", text)` does)."""
    out = []
    start = 0
    while (opened := text.find("[", start)) >= 0 and (closed := text.find("]", opened + 1)) >= 0:
        out += [text[start:opened], "*"]
        start = closed + 1
    out.append(text[start:])
    return "".join(out)


@memo()
def required_literal(text: str) -> str:
    """Text that every path the gitignore pattern `text` matches must contain ("" when
    that cannot be told). Checking it first spares compiling most patterns' regexes,
    which is most of a hook's work otherwise."""
    body = text[1:] if text.startswith("!") else text
    if not body or not _SIMPLE.issuperset(body):
        return ""  # escapes, spaces and other rarities: always ask the regex
    fragments = _brackets_as_stars(body).replace("?", "*").split("*")
    return max((f.strip("/") for f in fragments), key=len, default="")


class Pattern(structs.Struct):
    text: str
    regex: str
    include: bool
    # required_literal(text), worked out when the policy is compiled and kept in its cache
    # (a hook would otherwise work it out for each of hundreds of patterns); None: not yet
    literal: str | None = None

    def matches(self, path: str, ignorecase: bool = False) -> bool:
        """Whether the pattern matches the path, or the path taken as a folder (a
        submodule is a folder in the work tree, so `deploy/` matches a gitlink `deploy`).
        With `ignorecase`, `path` must already be case-folded (see `fold`)."""
        literal = self.literal
        if literal is None:
            literal = required_literal(self.text)
        if ignorecase:
            if fold(literal) not in path:
                return False
        elif literal not in path:
            return False
        compiled = regex(self.regex, ignorecase)
        return compiled.match(path) is not None or compiled.match(path + "/") is not None


def fold(text: str) -> str:
    """The case-folded form that case-insensitive matching compares."""
    return text.lower()


def literal_filter(texts: list[str]) -> list[str] | None:
    """The literals the including patterns among `texts` require, each once: a path that
    contains none of them can match none of the patterns, so a few substring tests stand
    in for a call per pattern. None when some pattern requires no literal (then every
    pattern is asked)."""
    literals: dict[str, None] = {}
    for text in texts:
        if text.startswith("!"):
            continue  # a negation only takes paths back out
        literal = required_literal(text)
        if not literal:
            return None
        literals[literal] = None
    return list(literals) or None


@memo()
def folded(literals: tuple[str, ...]) -> tuple[str, ...]:
    """`literals` case-folded, for a case-insensitive checkout."""
    return tuple(fold(lit) for lit in literals)


class Category(structs.Struct):
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
    needs: tuple[str, ...] | None = None  # literal_filter() of the paths

    @property
    def rank(self) -> int:
        return POSTURES.index(self.posture)


class Detector(structs.Struct):
    name: str
    emails: tuple[str, ...]
    names: tuple[str, ...]
    trailers: tuple[tuple[str, str | None], ...]
    messages: tuple[str, ...]
    env: tuple[str, ...]
    kind: str = "agent"  # agent | automation
    # literal_regex() of each of emails and names, as compiled into the policy cache;
    # None: not computed (detect computes them)
    email_literals: tuple[Literal | None, ...] | None = None
    name_literals: tuple[Literal | None, ...] | None = None


class RecordCheck(structs.Struct):
    """A check the review record must show was run and passed (AL106)."""

    name: str
    description: str
    paths: tuple[Pattern, ...]
    exclude: tuple[Pattern, ...]
    command: tuple[str, str] | None  # (glob, regex)
    kind: str | None


class RecordPolicy(structs.Struct):
    require: str  # always | protected
    dir: str  # ends with "/"
    checks: tuple[RecordCheck, ...]
    tools: tuple[tuple[str, str], ...]  # (glob, regex) of allowed tools
    budget: dict[str, float | None]


DEFAULT_RECORD = RecordPolicy("always", ".agentlint/records/", (), (("*", ".*"),), {})


class GuardPolicy(structs.Struct):
    """What the Claude Code guard does where the postures leave a choice."""

    approval: str = "ask"  # ask | deny
    outside_repo: str = "ask"  # allow | ask | deny
    bash: bool = True


class Policy(structs.Struct):
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
    automation_is_agent: bool = False
    ignorecase: bool = False  # git's core.ignorecase in the repository being checked
    block_locally: bool = False  # approvals.local: block (pending findings are errors)

    def is_pending(self, mode: str) -> bool:
        """Whether approval findings are *pending* (warnings that say who approves before
        merge) rather than errors: at the local stages (`--staged`), where the approval can
        only come in a later commit, unless `approvals.local: block`. CI enforces."""
        return mode == "staged" and not self.block_locally

    def category(self, name: str) -> Category | None:
        return next((c for c in self.categories if c.name == name), None)

    def approvers_for(self, category: Category) -> tuple[str, ...]:
        return category.approvers or self.default_approvers

    @property
    def env_markers(self) -> tuple[str, ...]:
        return tuple(sorted({v for d in self.detectors for v in d.env}))


def _patterns(items: list[list[Any]]) -> tuple[Pattern, ...]:
    """Patterns from the cache's (text, regex, include, literal) items, built as tuples
    are (a policy has hundreds; Pattern() would check each one's arguments)."""
    if not all(
        len(item) == 4
        and type(item[0]) is type(item[1]) is type(item[3]) is str
        and type(item[2]) is bool
        for item in items
    ):
        raise ValueError("a damaged pattern")
    return tuple([_new_struct(Pattern, item) for item in items])


_new_struct = tuple.__new__


def _literals(items: list[list[Any] | None] | None) -> tuple[Literal | None, ...] | None:
    if items is None:
        return None
    return tuple(
        None if item is None else _new_struct(Literal, (tuple(item[0]), bool(item[1])))
        for item in items
    )


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
            tuple(c["needs"]) if c.get("needs") is not None else None,
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
            d.get("kind", "agent"),
            _literals(d.get("email_literals")),
            _literals(d.get("name_literals")),
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
        bool(data.get("automation_is_agent", False)),
        block_locally=approvals.get("local", "pending") == "block",
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
