"""JavaScript and TypeScript tests: jest, vitest, mocha and node:test.

Tests are `it`/`test`/`specify` calls (with `.skip`, `.only`, `.todo`, `.each`...),
grouped by `describe`/`context`/`suite`, and expresso's functions exported under a name that
starts with "test" (`module.exports = {'test x': function(assert) {...}}`). A check is an
`expect(...)` chain ending in a matcher, an `assert...(...)` call, or a call to one of the
file's own helpers that makes checks. Checks in hooks (`beforeEach`...) are not any one
test's and are not counted.
"""

from __future__ import annotations

import bisect

from agentlint import regex
from agentlint.weakened.collect import Collector
from agentlint.weakened.graph import callees_first
from agentlint.weakened.model import STRONG, WEAK, Check, Parsed, Test
from agentlint.weakened.scan import Tokens, changed_window, covered, digest, shape, squash

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re

_TESTS = {"it", "test", "specify", "xit", "xtest", "xspecify", "fit", "ftest"}
_GROUPS = {"describe", "context", "suite", "xdescribe", "xcontext", "fdescribe", "xsuite"}
_WORDS = (
    *_TESTS,
    *_GROUPS,
    "expect",
    "assert",
    "try",
    "catch",
    "throw",
    "fail",
    "done",
    "skip",
    "return",
    "t",
)
# AVA, tap and node:test assertions on the test callback's `t`
_T_STRONG = {
    "is",
    "deepEqual",
    "like",
    "regex",
    "throws",
    "throwsAsync",
    "rejects",
    "snapshot",
    "fail",
    "equal",
    "strictEqual",
    "deepStrictEqual",
    "same",
    "strictSame",
    "match",
    "has",
    "error",
    "matchSnapshot",
    "not",
    "notDeepEqual",
    "notRegex",
    "notSame",
    "notMatch",
    "notEqual",
    "notStrictEqual",
    "notDeepStrictEqual",
    "equals",
    "deepEquals",
}
_T_WEAK = {
    "true",
    "false",
    "truthy",
    "falsy",
    "assert",
    "ok",
    "notOk",
    "notThrows",
    "notThrowsAsync",
    "doesNotThrow",
    "type",
}
_T_SAME = {"is", "deepEqual", "equal", "strictEqual", "deepStrictEqual", "same"}
_ALIAS = regex.compile(
    r"\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=[^;\n]{0,200}?"
    r"\b(it|test|describe)\s*\.\s*(skip|only|todo)\b"
)
_CONVENTION = r"(?:expect|assert|check|verify)[A-Z][\w$]*"  # helpers from other modules
_EXPECT_ALIAS = r"[A-Za-z_$][\w$]*Expect"  # `const jestExpect = require('../')`
# QUnit: `QUnit.test(name, function (assert) {...})`, `QUnit.module(name)`, and QUnit 1's
# global assertions (`deepEqual(actual, expected)`) in a file that uses QUnit
_QUNIT_GLOBALS = {
    "ok",
    "equal",
    "notEqual",
    "deepEqual",
    "notDeepEqual",
    "strictEqual",
    "notStrictEqual",
    "propEqual",
    "raises",
    "throws",
}
_QUNIT_TESTS = {"test", "skip", "only", "todo", "module"}
_CONVENTIONAL = regex.compile(_CONVENTION + r"\Z")
_SKIP_MODIFIERS = {"skip", "todo", "skipIf", "runIf", "fails", "failing"}
_TABLE_MODIFIERS = {"each", "for", "skipIf", "runIf"}
_CHAIN = regex.compile(r"((?:\s*\??\.\s*[A-Za-z_$][\w$]*)*)\s*")
_HELPER_DEF = regex.compile(
    r"\bfunction\s*\*?\s*([A-Za-z_$][\w$]*)\s*\("
    # bounded, so a declaration that never ends costs a bounded look, not the rest of the file
    r"|\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=;\n]{0,200})?=\s*(?:async\s+)?"
    r"(?:function\b|\([^()]{0,500}\)\s*(?::[^=;\n]{0,200})?=>\s*\{|[A-Za-z_$][\w$]*\s*=>\s*\{)"
)
# the same two forms as two patterns that start with a literal, which the regex engine
# finds fast (`_HELPER_DEF.finditer` tries both at every offset of a large spec)
_FUNCTION_DEF = regex.compile(_HELPER_DEF.pattern.split("|", 1)[0][2:])
_BINDING_DEF = regex.compile(_HELPER_DEF.pattern.split("|", 1)[1][2:])
_ALIAS_HINT = regex.compile(r"\.\s*(?:skip|only|todo)\b")  # every alias of `it.skip` has one
_OPTION_FLAG = regex.compile(r"\b(skip|todo|only)\s*:\s*(?!false\b)")
_WEAK_MATCHERS = {
    "toBeDefined",
    "toBeTruthy",
    "toBeFalsy",
    "toHaveBeenCalled",
    "toBeCalled",
    "toBeInstanceOf",
    "ok",
    "exist",
    "exists",
    "anything",
}
_EQUALITY = {"toBe", "toEqual", "toStrictEqual", "equal", "equals", "eql", "deepEqual"}
_LITERAL = regex.compile(r"(?:true|false|-?\d[\d_.eE]*|'[^']*'|\"[^\"]*\"|`[^`$]*`|\{\}|\[\])\Z")
_ALWAYS_PASS_ON_LITERAL = {"toBeTruthy", "toBeDefined", "ok", "exist", "toBeFalsy"}
_WEAK_ASSERTS = {"ok", "isOk", "exists", "isDefined", "isNotNull", "isTrue", "notEqual"}


def measure(text: str | None, window: tuple[int, int] | None = None) -> Parsed:
    """The file's tests. With a `window` (the offsets the change touched), a test wholly
    outside it is kept by name and body only: it is the same on both sides of the change,
    so what it checks cannot differ, and reading it would cost the whole file."""
    if text is None:
        return Parsed(absent=True)
    return _measure(text, window)[0]


def measure_pair(before: str, after: str) -> tuple[Parsed, Parsed]:
    """Both sides of a changed file, read only where the change is when that can be
    done exactly (see `_local`); else the second side only there, the tests around
    it being those of the first side, moved."""
    old_window, new_window = changed_window(before, after)
    local = _local(before, after, old_window, new_window)
    if local is not None:
        return local
    old, extractor = _measure(before, old_window)
    if extractor is not None and not extractor.exported:  # a stretch cannot show its exports
        new = _splice(extractor, old, before, after, old_window, new_window)
        if new is not None:
            return old, new
    new = _measure(after, new_window)[0]
    if old.windowed != new.windowed:  # both sides are read the same way, or not at all
        return measure(before), measure(after)
    return old, new


def _measure(text: str, window: tuple[int, int] | None) -> tuple[Parsed, _Extractor | None]:
    """The file's tests, and the extractor when only the `window` was read."""
    aliases = {m.group(1): (m.group(2), m.group(3)) for m in _aliases(text)}
    definitions = _definitions(text)
    helpers = {m.group(1) for m in definitions} - set(_WORDS) - set(aliases)
    words = (
        *_WORDS,
        _CONVENTION,
        _EXPECT_ALIAS,
        *(regex.escape(h) for h in helpers | set(aliases)),
    )
    qunit = "QUnit" in text
    if qunit:
        words = (*words, "QUnit", *(_QUNIT_GLOBALS - helpers))
    tokens = Tokens(text, "js", words)
    if window and _helper_changed(definitions, tokens, window):
        window = None  # every test that calls it may check something else now
    extractor = _Extractor(tokens, helpers, aliases, window, qunit=qunit)
    if window and not covered(text, window, extractor.spans):
        window = None  # read every test
        extractor = _Extractor(tokens, helpers, aliases, None, qunit=qunit)
    extractor.words = words
    parsed = extractor.parsed()._replace(windowed=window is not None)
    return parsed, extractor if window else None


def _region(ex: _Extractor, text: str, window: tuple[int, int]) -> tuple[int, int, int, int] | None:
    """The stretch of `text` the change is in, as whole tests of one block (or the blank
    gap between two): (start, end, first test inside, first test after). None when it is
    not such a stretch."""
    spans, prefixes = ex.spans, ex.prefixes
    hit = [k for k, (a, b) in enumerate(spans) if a < window[1] and b > window[0]]
    if hit:
        first, last = hit[0], hit[-1]
        start, end = spans[first][0], max(b for _, b in spans[first : last + 1])
        outside = first
    else:
        earlier = [k for k, (_, b) in enumerate(spans) if b <= window[0]]
        later = [k for k, (a, _) in enumerate(spans) if a >= window[1]]
        if not earlier or not later:
            return None
        first, last = later[0], later[0] - 1
        outside = earlier[-1]
        start, end = spans[earlier[-1]][1], spans[later[0]][0]
        if text[start : window[0]].strip(_GAP) or text[window[1] : end].strip(_GAP):
            return None
    if any(prefixes[k] != prefixes[outside] for k in range(first, last + 1)):
        return None
    if start > window[0] or end < window[1] or any(a < end and b > end for a, b in spans):
        return None
    return start, end, first, last + 1


_GAP = " \t\r\n;,"
_EXPORTS = regex.compile(r"exports\s*=\s*\{")  # led by a literal: fast over a whole file
_EXPORTS_OWNER = regex.compile(r"(?:\A|[^\w$.]|(?<![\w$])module\s*\.\s*)\Z")
_ENTRY = regex.compile(  # `'test x': function(assert) {` (or an arrow), at the end of a gap
    r"(?:'([^'\\\n]*)'|\"([^\"\\\n]*)\"|([A-Za-z_$][\w$]*))\s*:\s*(?:async\s+)?"
    r"(?:function\b[\s*]*[\w$]*\s*)?\([^()]*\)\s*(?:=>\s*)?\{\Z"
)
_ENTRY_LENGTH = 400  # how far before a function's `{` its key is looked for


def _is_exports(text: str, at: int) -> bool:
    """Whether the `exports` at offset `at` is `exports` or `module.exports`, not `x.exports`
    or `reexports`."""
    return _EXPORTS_OWNER.search(text, max(0, at - 20), at) is not None


def _has_exports(text: str) -> bool:
    return any(_is_exports(text, m.start()) for m in _EXPORTS.finditer(text))


def _exported_tests(t: Tokens) -> dict[int, tuple[str, int]]:
    """expresso: the body `{` of each function of the object assigned to `module.exports`
    whose key starts with "test", with (the key, where the key starts)."""
    out: dict[int, tuple[str, int]] = {}
    if not len(t):
        return out
    for m in _EXPORTS.finditer(t.text, t.starts[0], t.ends[-1]):  # the tokens' span only
        if not _is_exports(t.text, m.start()):
            continue
        obj = bisect.bisect_left(t.starts, m.end() - 1)
        if obj >= len(t) or t.starts[obj] != m.end() - 1 or t.partner[obj] < 0:
            continue
        gap, k = t.ends[obj], obj + 1
        while k < t.partner[obj]:
            if t.kinds[k] not in "([{" or t.partner[k] < 0:
                k += 1
                continue
            if t.kinds[k] == "{":
                entry = _ENTRY.search(t.text, max(gap, t.starts[k] - _ENTRY_LENGTH), t.ends[k])
                name = entry and (entry.group(1) or entry.group(2) or entry.group(3))
                if entry and name and name.lower().startswith("test"):
                    out[k] = (name, entry.start())
                gap = t.ends[t.partner[k]]
            k = t.partner[k] + 1
    return out


_TEST_LINE = regex.compile(r"^[ \t]*((?:it|test|specify)(?:[ \t]*\.[ \t]*\w+)*[ \t]*\()", regex.M)
_GROUP_LINE = regex.compile(
    r"^([ \t]*)(?:describe|context|suite)(?:[ \t]*\.[ \t]*\w+)*[ \t]*\(\s*"
    r"(?:'([^'\\\n]*)'|\"([^\"\\\n]*)\"|`([^`\\$]*)`)",
    regex.M,
)
_LOOK_BACK = 20_000  # how far before the change its test may start
_CHUNK = 4_000


def _aliases(text: str) -> list[re.Match[str]]:
    return list(_ALIAS.finditer(text)) if _ALIAS_HINT.search(text) else []


def _definitions(text: str, span: tuple[int, int] | None = None) -> list[re.Match[str]]:
    """What `_HELPER_DEF.finditer` finds, in its order and without overlaps, from two
    fast patterns: a helper's name is group 1 (`function f(`) or 2 (`const f = ...`)."""
    start, end = span or (0, len(text))
    found = sorted(
        (
            m
            for pattern in (_FUNCTION_DEF, _BINDING_DEF)
            for m in pattern.finditer(text, start, end)
            if not m.start() or not (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_")
        ),
        key=lambda m: m.start(),
    )
    out: list[re.Match[str]] = []
    for m in found:
        if not out or m.start() >= out[-1].end():
            out.append(m)
    return out


def _local(
    before: str, after: str, old_window: tuple[int, int], new_window: tuple[int, int]
) -> tuple[Parsed, Parsed] | None:
    """Both sides read only where the change is, as the Python path does: from the start
    of the test the change begins in, to the end of the test it ends in, plus the
    helpers those tests call. The rest of the file is the same on both sides, so it
    cannot lose anything. None (read more of the file) when that stretch holds
    something other than tests, when a test is removed (it may repeat one far away) or
    named like one elsewhere, when a helper is defined in it, or with QUnit or aliases
    of `it`, or exported tests, which the file's other parts decide."""
    if "QUnit" in before or any(_aliases(before)) or any(_aliases(after)):
        return None
    if _has_exports(before) or _has_exports(after):
        return None  # tests may be exported functions, known only from the whole object
    found = _TEST_LINE.finditer(before, max(0, old_window[0] - _LOOK_BACK), old_window[0] + 200)
    starts = [m.start(1) for m in found if m.start() <= old_window[0]]
    if not starts:
        return None
    start = starts[-1]
    if _maybe_in_text(before, start):
        return None
    definitions = _definitions(before)
    new_definitions = _definitions(after, new_window)
    if any(m.start() < old_window[1] and m.end() > start for m in definitions) or new_definitions:
        return None  # a helper defined in or after the stretch's start: read the whole file
    names = {m.group(1) for m in definitions} - set(_WORDS)
    words = (*_WORDS, _CONVENTION, _EXPECT_ALIAS, *(regex.escape(h) for h in names))
    end = _stretch_end(before, words, start, old_window[1])
    if end is None:
        return None
    prefix = _groups_before(before, start)
    delta = len(after) - len(before)
    old = _read_stretch(before, words, names, definitions, (start, end), prefix, old_window)
    new = _read_stretch(after, words, names, definitions, (start, end + delta), prefix, new_window)
    if old is None or new is None:
        return None
    old_names, new_names = {t.name for t in old.tests}, {t.name for t in new.tests}
    if old_names - new_names or _named_elsewhere(before, (start, end), old.tests):
        return None
    if _named_elsewhere(after, (start, end + delta), new.tests):
        return None
    return old, new


def _maybe_in_text(text: str, at: int) -> bool:
    """Whether offset `at` may lie in a template string or a block comment (a jest e2e
    test writes test files from template strings): an odd number of backticks before
    it, or a `/*` not closed."""
    ticks = text.count("`", 0, at) - text.count("\\`", 0, at)
    return ticks % 2 == 1 or text.rfind("/*", 0, at) > text.rfind("*/", 0, at)


def _stretch_end(text: str, words: tuple[str, ...], start: int, until: int) -> int | None:
    """Where the run of calls from `start` that covers offset `until` ends: at the end
    of the first call that reaches it, or before the bracket that closes their block."""
    limit = min(len(text), until + _CHUNK)
    while True:
        t = Tokens(text, "js", words, (start, limit))
        k, n = 0, len(t)
        while k < n:
            kind = t.kinds[k]
            if kind in "([{":
                close = t.partner[k]
                if close < 0:
                    break  # open past the chunk: read further
                if t.ends[close] >= until:
                    return t.ends[close]
                k = close + 1
                continue
            if kind in ")]}":
                return t.starts[k] if t.starts[k] >= until else None
            k += 1
        else:
            if limit >= len(text):
                return None
        if limit >= len(text):
            return None
        limit = min(len(text), start + (limit - start) * 4)


def _groups_before(text: str, start: int) -> str:
    """The describe blocks the line at `start` sits in, read from their indentation."""
    line_start = text.rfind("\n", 0, start) + 1
    indent = start - line_start
    out: list[str] = []
    for m in reversed(list(_GROUP_LINE.finditer(text, 0, line_start))):
        if len(m.group(1)) < indent:
            out.append(m.group(2) or m.group(3) or m.group(4) or "")
            indent = len(m.group(1))
            if not indent:
                break
    return " > ".join(reversed(out))


def _read_stretch(
    text: str,
    words: tuple[str, ...],
    names: set[str],
    definitions: list[re.Match[str]],
    span: tuple[int, int],
    prefix: str,
    window: tuple[int, int],
) -> Parsed | None:
    """The tests of one side's stretch, with the summaries of the helpers they call."""
    tokens = Tokens(text, "js", words, span)
    if any(p < 0 for k, p in zip(tokens.kinds, tokens.partner, strict=True) if k in "(){}[]"):
        return None
    known: dict[str, _Scope] = {}
    while True:
        region = _Extractor(tokens, names, {}, None, outer=prefix, known=known)
        if not covered(text, window, region.spans):
            return None
        wanted = {c for s in [*region.tests, *known.values()] for c, _ in s.calls} & names
        missing = wanted - set(known)
        if not missing:
            break
        for name in missing:
            helper = _read_helper(text, words, names, definitions, name)
            if helper is None:
                return None
            known[name] = helper
    parsed = region.parsed()
    return Parsed(parsed.tests, parsed.events, windowed=True)


def _read_helper(
    text: str, words: tuple[str, ...], names: set[str], definitions: list[re.Match[str]], name: str
) -> _Scope | None:
    """The first definition of helper `name`, read alone."""
    for m in definitions:
        if m.group(1) != name:
            continue
        limit = min(len(text), m.end() + _CHUNK)
        while True:
            tokens = Tokens(text, "js", words, (m.start(), limit))
            brace = tokens.next_index(0, "{")
            if brace >= 0 and tokens.partner[brace] > 0:
                break
            if limit >= len(text):
                return None
            limit = min(len(text), m.start() + (limit - m.start()) * 4)
        walked = _Extractor(tokens, names, {}, None)
        return walked.helpers.get(name)
    return None


def _named_elsewhere(text: str, span: tuple[int, int], tests: tuple[Test, ...]) -> bool:
    """Whether a test of the stretch may share its name with a test outside it (a name
    that is not a string of the stretch, `it(name, ...)` in a loop, may)."""
    for t in tests:
        short = t.name.rsplit(" > ", 1)[-1]
        named = [f"{quote}{short}{quote}" for quote in "'\"`"]
        if not any(text.find(n, *span) >= 0 for n in named):
            return True
        if any(text.find(n, 0, span[0]) >= 0 or text.find(n, span[1]) >= 0 for n in named):
            return True
    return False


def _splice(
    ex: _Extractor,
    old: Parsed,
    before: str,
    after: str,
    old_window: tuple[int, int],
    new_window: tuple[int, int],
) -> Parsed | None:
    """The after side from the before side's tests outside the changed stretch, and the
    after side's tests inside it, read alone (None: it cannot be read alone)."""
    found = _region(ex, before, old_window)
    if found is None:
        return None
    start, end, first, following = found
    delta = len(after) - len(before)
    tokens = Tokens(after, "js", ex.words, (start, end + delta))
    if any(p < 0 for k, p in zip(tokens.kinds, tokens.partner, strict=True) if k in "(){}[]"):
        return None  # brackets open across its edges
    prefix = ex.prefixes[first] if first < len(ex.prefixes) else ex.prefixes[first - 1]
    region = _Extractor(
        tokens, ex.helper_names, ex.aliases, None, qunit=ex.qunit, outer=prefix, known=ex.helpers
    )
    if not covered(after, new_window, region.spans) or region.stack_leftover:
        return None
    inside = region.parsed()
    lines = after.count("\n", 0, end + delta) - before.count("\n", 0, end)
    first_line = before.count("\n", 0, start) + 1
    last_line = before.count("\n", 0, end) + 1
    tests = (
        *old.tests[:first],
        *inside.tests,
        *(t._replace(line=t.line + lines) for t in old.tests[following:]),
    )
    events = (
        *(e for e in old.events if e.line < first_line),
        *inside.events,
        *(e._replace(line=e.line + lines) for e in old.events if e.line > last_line),
    )
    return Parsed(tests, events, windowed=True)


def _helper_changed(definitions: list[re.Match[str]], t: Tokens, window: tuple[int, int]) -> bool:
    """Whether a helper's definition overlaps the changed window."""
    for m in definitions:
        k = bisect.bisect_left(t.starts, m.end() - 1)
        brace = t.next_index(k, "{") if k < len(t) else -1
        end = t.ends[t.partner[brace]] if brace >= 0 and t.partner[brace] > 0 else m.end()
        if m.start() < window[1] and end > window[0]:
            return True
    return False


class _Scope:
    __slots__ = (
        "body",
        "calls",
        "checks",
        "end",
        "kind",
        "line",
        "mult",
        "name",
        "opened",
        "returned",
    )

    def __init__(self, end: int, kind: str, name: str, line: int, mult: int = 1) -> None:
        self.end, self.kind, self.name, self.line, self.mult = end, kind, name, line, mult
        self.checks: list[Check] = []
        self.calls: list[tuple[str, int]] = []  # (helper, multiplier)
        self.body = 0
        self.opened = -1  # the token of the callback body's `{`
        self.returned = False  # a `return` in the body itself: nothing after it runs


class _Extractor:
    def __init__(
        self,
        tokens: Tokens,
        helpers: set[str],
        aliases: dict[str, tuple[str, str]],
        window: tuple[int, int] | None = None,
        *,
        qunit: bool = False,
        outer: str = "",
        known: dict[str, _Scope] | None = None,
    ) -> None:
        self.t = tokens
        self.window = window
        self.qunit = qunit
        self.module = outer  # QUnit's current module, or the blocks a stretch read alone is in
        self.words: tuple[str, ...] = ()
        self.prefixes: list[str] = []  # the blocks each test is in (as `spans`)
        self.spans: list[tuple[int, int]] = []  # where each test is, by offset
        self.aliases = aliases  # `const itIf = ok ? it : it.skip`: (function, modifier)
        self.out = Collector(tokens)
        self.out.swallow = tokens.swallowing_tries()
        self.helper_names = helpers
        self.helpers: dict[str, _Scope] = dict(known or {})  # from the whole file, if given
        self.tests: list[_Scope] = []
        self.stack: list[_Scope] = []
        self.exported = _exported_tests(tokens)
        self._walk()
        self.stack_leftover = any(
            s.end >= len(tokens) - 1 and s.kind == "group" for s in self.stack
        )

    def parsed(self) -> Parsed:
        graph = {
            name: [c for c, _ in h.calls if c in self.helpers] for name, h in self.helpers.items()
        }
        summaries: dict[str, list[Check]] = {}
        for name in callees_first(graph):  # callees first: no recursion, a cycle counts once
            helper = self.helpers[name]
            summaries[name] = helper.checks + self._expand(helper.calls, summaries)
        tests = tuple(
            Test(s.name, s.line, tuple(s.checks) + tuple(self._expand(s.calls, summaries)), s.body)
            for s in self.tests
        )
        return Parsed(tests, tuple(self.out.events))

    def _expand(
        self, calls: list[tuple[str, int]], summaries: dict[str, list[Check]]
    ) -> list[Check]:
        out: list[Check] = []
        for name, mult in calls:
            if name not in self.helpers:  # named like an assertion helper: one check
                out.append(Check(f"{name}()", STRONG, 0, f"{name}(...)", mult, shape(f"{name}()")))
                continue
            out += [c._replace(times=c.times * mult) for c in summaries.get(name, [])]
        return out

    # -- structure ------------------------------------------------------------------------

    def _owner(self) -> _Scope | None:
        for scope in reversed(self.stack):
            if scope.kind in ("test", "helper"):
                return scope
        return None

    def _prefix(self) -> str:
        groups = [s.name for s in self.stack if s.kind == "group"]
        return " > ".join([self.module, *groups] if self.module else groups)

    def _walk(self) -> None:
        t = self.t
        kinds, texts = t.kinds, t.texts
        i, n = 0, len(t)
        while i < n:
            while self.stack and i > self.stack[-1].end:
                self.stack.pop()
            kind, word = kinds[i], texts[i]
            if kind == "{" and i in self.exported:
                i = self._exported(i)
                continue
            if kind == "w" and word == "skip":
                self._runtime_skip(i)
            elif kind == "w" and word == "t" and not self.t.is_member(i):
                i = self._t_assertion(i)
                continue
            elif kind == "w" and word == "return":
                self._return(i)
            elif kind == "w" and not self.t.is_member(i):
                if word in _TESTS or word in _GROUPS or word in self.aliases or word == "QUnit":
                    i = self._call(i)
                    continue
                if self.qunit and word in _QUNIT_GLOBALS and t.kinds[i + 1] == "(":
                    i = self._assert(i, word)
                    continue
                if word == "expect" or (word.endswith("Expect") and word not in self.helper_names):
                    i = self._expect(i)
                    continue
                if word == "assert":
                    i = self._assert(i)
                    continue
                if word in self.helper_names or _CONVENTIONAL.match(word):
                    self._helper(i)
            i += 1

    def _call(self, i: int) -> int:
        """A test or describe call at word `i`: returns the index to continue from."""
        t = self.t
        word = t.texts[i]
        modifiers, after = _chain(t.text, t.ends[i])
        if word == "QUnit":  # QUnit.test, QUnit.skip, QUnit.only, QUnit.module
            if not modifiers or modifiers[0] not in _QUNIT_TESTS:
                return i + 1
            base, modifiers = modifiers[0], modifiers[1:]
            word = "describe" if base == "module" else "test"
            modifiers += [base] if base in ("skip", "only", "todo") else []
        j = i + 1
        while j < len(t) and t.starts[j] < after:  # words of the chain (`.skip`)
            j += 1
        if j >= len(t) or t.starts[j] != after or t.kinds[j] not in ("(", "s"):
            return i + 1  # `test` used as a plain name
        rows = 1
        for modifier in modifiers:
            if modifier in _TABLE_MODIFIERS and j < len(t):
                if t.kinds[j] == "s":  # a tagged template table: rows after the header
                    body = t.texts[j].strip("`").strip()
                    rows = max(len([r for r in body.splitlines() if r.strip()]) - 1, 0)
                    j += 1
                elif t.kinds[j] == "(":
                    if modifier in ("each", "for"):
                        first = j + 1
                        if t.kinds[first] in ("[", "{") and t.partner[first] == t.partner[j] - 1:
                            rows = t.elements(first)
                    j = t.partner[j] + 1 if t.partner[j] > 0 else j + 1
        if j >= len(t) or t.kinds[j] != "(" or t.partner[j] < 0:
            return i + 1
        if word in self.aliases:  # what the alias may stand for, marker included
            word, modifier = self.aliases[word]
            modifiers = [*modifiers, modifier]
        close = t.partner[j]
        name = _first_argument(t, j).strip("'\"`") or "<anonymous>"
        is_group = word in _GROUPS
        if is_group and t.texts[i] == "QUnit" and t.next_index(j + 1, "{", close) < 0:
            self.module = name  # `QUnit.module('lodash.times')`: the tests after it
            return close + 1
        prefix = self._prefix()
        qualified = f"{prefix} > {name}" if prefix else name
        marker = self._marker(word, modifiers, j, close)
        if marker:
            self.out.event(marker[0], qualified, i, marker[1])
        line = t.line(i)
        if is_group:
            self.stack.append(_Scope(close, "group", name, line))
        elif "todo" not in modifiers:
            scope = _Scope(close, "test", qualified, line, rows)
            named = j + 1 if t.kinds[j + 1] == "s" else j  # the body, not the name
            scope.body = digest(t.text[t.ends[named] : t.starts[close]])
            self.tests.append(scope)
            self.spans.append((t.starts[i], t.ends[close]))
            self.prefixes.append(prefix)
            if self.window and (t.ends[close] <= self.window[0] or t.starts[i] >= self.window[1]):
                return close + 1  # unchanged: known by name and body, not read
            scope.opened = t.next_index(j + 1, "{", close)
            self.stack.append(scope)
        return j + 1

    def _exported(self, body: int) -> int:
        """An exported test function whose body opens at `body`: where to continue."""
        t = self.t
        name, start = self.exported[body]
        close = t.partner[body]
        scope = _Scope(close, "test", name, t.line_at(start))
        scope.body = digest(t.text[t.ends[body] : t.starts[close]])
        self.tests.append(scope)
        self.spans.append((start, t.ends[close]))
        self.prefixes.append(self._prefix())
        if self.window and (t.ends[close] <= self.window[0] or start >= self.window[1]):
            return close + 1  # unchanged: known by name and body, not read
        scope.opened = body
        self.stack.append(scope)
        return body + 1

    def _marker(
        self, word: str, modifiers: list[str], opener: int, close: int
    ) -> tuple[str, str] | None:
        if word.startswith("f") or "only" in modifiers:
            return ("focus", word + "".join("." + m for m in modifiers))
        if word.startswith("x") or any(m in _SKIP_MODIFIERS for m in modifiers):
            return ("skip", word + "".join("." + m for m in modifiers))
        t = self.t
        k = opener + 2  # node:test options object after the name
        if k < close and t.kinds[k] == "{" and t.partner[k] > 0:
            found = _OPTION_FLAG.search(t.text, t.starts[k], t.ends[t.partner[k]])
            if found:
                kind = "focus" if found.group(1) == "only" else "skip"
                return (kind, f"{word}({{{found.group(1)}}})")
        return None

    def _multiplier(self) -> int:
        for scope in reversed(self.stack):
            if scope.kind == "test":
                return scope.mult
            if scope.kind == "helper":
                return 1
        return 1

    # -- checks ---------------------------------------------------------------------------

    def _expect(self, i: int) -> int:
        t = self.t
        j = i + 1
        owner = self._owner()
        if j >= len(t) or t.kinds[j] != "(" or t.starts[j] != _skip_space(t.text, t.ends[i]):
            return i + 1  # expect.assertions(n), expect.extend(...): not a check
        close = t.partner[j]
        if close < 0:
            return i + 1
        names, end = _chain(t.text, t.ends[close])
        k = close + 1
        while k < len(t) and t.starts[k] < end:  # words of the chain
            k += 1
        computed = k + 1 < len(t) and t.kinds[k] == "[" and t.starts[k] == end
        if computed and t.partner[k] > 0 and t.kinds[t.partner[k] + 1] == "(":
            # `expect(f).not[toThrow](/apple/)`: the matcher is named by a variable
            names = [*names, squash(t.text[t.ends[k] : t.starts[t.partner[k]]])]
            k = t.partner[k] + 1
            end = t.starts[k]
        call_args: list[str] = []
        if names and k < len(t) and t.kinds[k] == "(" and t.starts[k] == end and t.partner[k] > 0:
            call_args = t.args(k)
            end = t.ends[t.partner[k]]
            k = t.partner[k] + 1
        if owner is None:
            return k
        subject = squash(t.text[t.ends[j] : t.starts[close]])
        if not names:  # `expect(x)` with no matcher checks nothing
            self._add(owner, i, end, 0)
            return k
        matcher = names[-1]
        negated = "not" in names
        if self._tautology(subject, matcher, negated, call_args):
            self._add(owner, i, end, 0)
            return k
        weak = (
            matcher in _WEAK_MATCHERS
            or (negated and matcher not in ("toThrow", "toHaveBeenCalled", "toBeCalled"))
            or (matcher in ("toThrow", "toThrowError", "throw", "rejects") and not call_args)
        )
        self._add(owner, i, end, WEAK if weak else STRONG)
        return k

    @staticmethod
    def _tautology(subject: str, matcher: str, negated: bool, args: list[str]) -> bool:
        if negated:
            return False
        if matcher in _EQUALITY and len(args) == 1 and args[0] == subject:
            return True
        literal = _LITERAL.match(subject) is not None
        if literal and matcher in _EQUALITY and args and _LITERAL.match(args[0]):
            return args[0] == subject
        if literal and matcher in _ALWAYS_PASS_ON_LITERAL:
            truthy = subject not in ("false", "0", "''", '""', "``")
            return truthy != (matcher == "toBeFalsy") or matcher in ("toBeDefined", "exist")
        return False

    def _assert(self, i: int, method_name: str = "") -> int:
        t = self.t
        owner = self._owner()
        names, chain_end = ([method_name], t.ends[i]) if method_name else _chain(t.text, t.ends[i])
        k = i + 1
        while k < len(t) and t.starts[k] < chain_end:  # `assert.deepEqual`: QUnit's words
            k += 1
        if k >= len(t) or t.kinds[k] != "(" or t.starts[k] != chain_end or t.partner[k] < 0:
            return i + 1
        close = t.partner[k]
        if owner is None:
            return close + 1
        method = names[-1] if names else ""
        args = t.args(k)
        first = args[0] if args else ""
        if (method in ("", "ok", "isOk", "isTrue") and first in ("true", "1", "!0", "!false")) or (
            method in ("equal", "strictEqual", "deepEqual", "deepStrictEqual", "equals")
            and len(args) >= 2
            and args[0] == args[1]
        ):
            strength = 0
        elif method == "":  # assert(x): a comparison is a real check, a bare value is not
            strength = STRONG if any(op in first for op in ("==", "<", ">")) else WEAK
        else:
            strength = WEAK if method in _WEAK_ASSERTS else STRONG
        self._add(owner, i, t.ends[close], strength)
        return close + 1

    def _t_assertion(self, i: int) -> int:
        """`t.is(a, b)`, `t.true(x)`, `t.assert.equal(a, b)`: AVA, tap and node:test."""
        t = self.t
        names, end = _chain(t.text, t.ends[i])
        owner = self._owner()
        if names[:1] == ["assert"]:
            names = names[1:]
        k = i + 1
        while k < len(t) and t.starts[k] < end:
            k += 1
        if not names or k >= len(t) or t.kinds[k] != "(" or t.starts[k] != end:
            return i + 1
        method = names[-1]
        known = method in _T_STRONG or method in _T_WEAK or method == "pass"
        if owner is None or not known or t.partner[k] < 0:
            return k
        args = t.args(k)
        if (
            method == "pass"
            or (method in _T_SAME and len(args) >= 2 and args[0] == args[1])
            or (method in ("true", "truthy", "assert", "ok") and args[:1] == ["true"])
        ):
            strength = 0
        else:
            strength = WEAK if method in _T_WEAK else STRONG
        self._add(owner, i, t.ends[t.partner[k]], strength)
        return t.partner[k] + 1

    def _return(self, i: int) -> None:
        """A `return` in the test body itself (not in a nested function or block): the
        checks after it never run."""
        t = self.t
        for scope in reversed(self.stack):
            if scope.kind == "helper":
                return
            if scope.kind == "test":
                if scope.opened <= 0:
                    return
                level = t.depth(i) - t.depth(scope.opened)
                condition = self._guard(i, scope.opened) if level <= 2 else None
                if condition is not None:  # `if (cond) { return }`: a skip when cond holds
                    self.out.event("skip", scope.name, i, "if-return " + condition)
                elif level == 1:
                    scope.returned = True
                return

    def _guard(self, i: int, body: int) -> str | None:
        """The condition of the `if` at the top of a test body (`body`) that guards the
        `return` at token `i` without failing: `if (x) return` or `if (x) { ...; return }`."""
        t = self.t
        level = t.depth(body) + 1
        k = i - 1
        if t.depth(i) == level + 1:  # inside a block: find its `{`
            while k > body and not (t.kinds[k] == "{" and t.depth(k) == level):
                k -= 1
            block = k
            if k <= body or any(
                t.kinds[x] == "w" and t.texts[x] in ("expect", "assert", "throw", "fail", "t")
                for x in range(block, t.partner[block])
            ):
                return None
            k = block - 1
        if k <= body or t.kinds[k] != ")" or t.partner[k] < 0:
            return None
        opener = t.partner[k]
        if not regex.compile(r"(?<![\w$.])if\s*\Z").search(
            t.text[max(0, t.starts[opener] - 12) : t.starts[opener]]
        ):
            return None
        return squash(t.text[t.ends[opener] : t.starts[k]])

    def _add(self, owner: _Scope, i: int, end: int, strength: int) -> None:
        if owner.returned:
            return  # after the test body returned
        found = self.out.check(owner.name, i, end, strength, self._multiplier())
        if found is not None:
            owner.checks.append(found)

    def _runtime_skip(self, i: int) -> None:
        """`this.skip()`, `t.skip()`, `ctx.skip()` inside a test body."""
        owner = self._owner()
        t = self.t
        if owner is None or owner.kind != "test" or not self.t.is_member(i):
            return
        if i + 1 < len(t) and t.kinds[i + 1] == "(":
            self.out.event("skip", owner.name, i, "runtime skip()")

    def _helper(self, i: int) -> None:
        t = self.t
        name = t.texts[i]
        before = t.text[max(0, t.starts[i] - 40) : t.starts[i]]
        defining = regex.compile(r"(?:\bfunction\s*\*?\s*|\b(?:const|let|var)\s+)\Z").search(before)
        if defining:  # only brace-bodied helpers (_HELPER_DEF) get a scope
            k = t.next_index(i + 1, "{") if name in self.helper_names else -1
            if k > 0 and t.partner[k] > 0:
                scope = _Scope(t.partner[k], "helper", name, t.line(i))
                self.helpers.setdefault(name, scope)
                self.stack.append(scope)
            return
        owner = self._owner()
        if owner is not None and i + 1 < len(t) and t.kinds[i + 1] == "(":
            owner.calls.append((name, self._multiplier()))


def _first_argument(t: Tokens, opener: int) -> str:
    """The text of a call's first argument (a test's name), whitespace removed: one
    string, or an expression built of parts (`'`_.' + methodName + '` rounds'`)."""
    close = t.partner[opener]
    k = opener + 1
    if k < close and t.kinds[k] == "s" and "," in t.text[t.ends[k] : t.starts[k + 1]]:
        return t.texts[k]
    begin, end = t.ends[opener], t.starts[close]
    while k < close:
        comma = t.text.find(",", t.ends[k - 1] if k > opener + 1 else begin, t.starts[k])
        if comma >= 0:
            end = comma
            break
        k = t.partner[k] + 1 if t.kinds[k] in "([{" and t.partner[k] > k else k + 1
    else:
        comma = t.text.find(",", t.ends[k - 1] if k > opener + 1 else begin, t.starts[close])
        end = comma if comma >= 0 else end
    return squash(t.text[begin:end])


def _chain(text: str, pos: int) -> tuple[list[str], int]:
    """The `.name` parts after `pos` (`.not.toBe` -> ["not", "toBe"]) and where they end."""
    found = _CHAIN.match(text, pos)
    if found is None:  # pragma: no cover - the pattern matches the empty string
        return [], pos
    return [m.strip(" ?.\t\r\n") for m in regex.compile(r"\??\.").split(found.group(1))][
        1:
    ], found.end()


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos
