"""Go tests: `func TestX(t *testing.T)` and testify suite methods (`func (s *S) TestX()`).

A check is a failing call on the test's own `*testing.T`/`B`/`F` (`t.Errorf`, `t.Fatal`,
with the `if` that guards it as its text), a testify `assert.*`/`require.*` call (or a
suite's `s.Equal`, `s.Require().Equal`), or a call to a helper of the file that makes
checks on the `t` it is given. `log.Fatal` or `err.Error()` are not checks. `t.Skip*` is a
skip, also inside a helper; a `//go:build` line and a `TestMain` that exits before
`m.Run()` skip the whole file. Rows of a table (`for _, tc := range cases`, or an inline
`range []struct{...}{...}`) multiply the checks in the loop.
"""

from __future__ import annotations

import bisect

from agentlint import regex, structs
from agentlint.weakened import gorows
from agentlint.weakened.collect import Collector
from agentlint.weakened.graph import callees_first
from agentlint.weakened.model import STRONG, WEAK, Check, Event, Parsed, Test
from agentlint.weakened.scan import Tokens, covered, digest, squash

_FUNC = regex.compile(
    r"func\s*(?:\(\s*(\w+)?\s*\*?\s*[\w.\[\], ]+\)\s*)?(\w+)\s*(?:\[[^\]]*\]\s*)?\("
)
_T_PARAM = regex.compile(r"(\w+)\s+\*?\s*testing\.(?:T|B|F|TB)\b")
_M_PARAM = regex.compile(r"(\w+)\s+\*\s*testing\.M\b")
_FAILS = {"Error", "Errorf", "Fatal", "Fatalf", "Fail", "FailNow"}
_SKIPS = {"Skip", "Skipf", "SkipNow"}
_TESTIFY_WEAK = {
    "NotNil",
    "NotEmpty",
    "NotZero",
    "True",
    "False",
    "Error",
    "Truef",
    "Falsef",
    "Errorf",
    "NotNilf",
    "NotEmptyf",
    "Positive",
    "Greater",
}
_CONVENTION = regex.compile(r"(?:assert|check|expect|verify|require|must|ensure)(?:[A-Z_]\w*)?\Z")
# testify's assertions called without a package (a dot import, or in package assert itself)
_TESTIFY_NAMES = regex.compile(
    r"(?:Not)?(?:Equal|EqualValues|Exactly|True|False|Nil|NoError|Error|ErrorIs|ErrorAs"
    r"|ErrorContains|EqualError|Len|Contains|Empty|Zero|Greater|GreaterOrEqual|Less|LessOrEqual"
    r"|Positive|Negative|Panics|PanicsWithValue|PanicsWithError|Same|Subset|ElementsMatch|IsType"
    r"|Implements|JSONEq|YAMLEq|Regexp|InDelta|InEpsilon|WithinDuration|Eventually|Never"
    r"|Condition|FileExists|DirExists)f?\Z"
)
_ASSERT_METHOD = regex.compile(r"(?:Assert|Require)[A-Z]?\w*\Z")  # `b.AssertFileContent(...)`
# `if ok {`, `if !t.Failed {`, `if !ok && tc.want {`: booleans, no comparison and no call
_BARE_CONDITION = regex.compile(r"(?:[\w.!&|\s)]|(?<![\w.])\()*\Z")
_CHAIN = regex.compile(r"((?:\s*\.\s*[A-Za-z_]\w*\s*\(\s*\))*)\s*\.\s*([A-Za-z_]\w*)\s*(?=\()")
_RANGE = regex.compile(r"range\s+(\w+|\[\]|map\[)")
_CHECKER = regex.compile(r"\b(\w+)\s*:?=\s*\w+\.New\(\s*(\w+)\s*\)")
_COMMENTS = regex.compile(r"//[^\n]*|/\*.*?\*/", regex.S)
_BUILD = regex.compile(
    r"\A(?:\s*//[^\n]*\n|\s*/\*.*?\*/)*?\s*//\s*(?:go:build|\+build)\s+([^\n]*)", regex.S
)


class _Func(structs.Struct):
    name: str
    receiver: str | None
    t_names: frozenset[str]
    body: int  # token index of the body's `{`
    line: int
    at: int  # token index of `func`
    params: str


class _Summary(structs.Struct):
    checks: tuple[Check, ...]
    skips: tuple[tuple[int, str], ...]  # (token index, key)


def measure_go(text: str | None, window: tuple[int, int] | None = None) -> Parsed:
    """The file's tests; with a `window`, a test wholly outside it is kept by name and
    body only (see `js.measure`)."""
    if text is None:
        return Parsed(absent=True)
    f = Collector(Tokens(text, "go", (r"[A-Za-z_]\w*",)))
    funcs = _funcs(f.t)
    tests = [fn for fn in funcs if _is_test(fn)]
    helpers = {fn.name: fn for fn in funcs if not _is_test(fn) and fn.name != "TestMain"}
    summaries: dict[str, _Summary] = {}
    if window and any(
        f.t.starts[fn.at] < window[1] and f.t.ends[f.t.partner[fn.body]] > window[0]
        for fn in helpers.values()
    ):
        window = None  # a helper changed: every test that calls it is read
    spans = [(f.t.starts[fn.at], f.t.ends[f.t.partner[fn.body]]) for fn in tests]
    if window and not covered(f.t.text, window, spans):
        window = None  # a table, constant or type outside the tests changed
    graph = {name: _called(f.t, fn, helpers) for name, fn in helpers.items()}
    for name in callees_first(graph):
        fn = helpers[name]
        summaries[name] = _walk(f, fn, fn.name, helpers, summaries, record=False)
    for fn in tests:
        if window and (
            f.t.ends[f.t.partner[fn.body]] <= window[0] or f.t.starts[fn.at] >= window[1]
        ):
            f.tests.append(Test(fn.name, fn.line, (), _digest(f.t, fn.body)))
            continue
        tautologies = len(f.events)
        summary = _walk(f, fn, fn.name, helpers, summaries, record=True)
        idle = not summary.checks and _idle(f, fn, tautologies)
        f.tests.append(Test(fn.name, fn.line, summary.checks, _digest(f.t, fn.body), idle))
    _file_markers(f, funcs)
    return f.parsed()._replace(windowed=window is not None)


def _idle(f: Collector, fn: _Func, first_event: int) -> bool:
    """Whether nothing in a test without checks can fail: its body is empty, or holds only
    checks that cannot fail (`expect(t, true, true)`)."""
    t = f.t
    inner = squash(_COMMENTS.sub("", t.text[t.ends[fn.body] : t.starts[t.partner[fn.body]]]))
    for e in f.events[first_event:]:
        if e.kind == "tautology" and e.owner == fn.name:
            inner = inner.replace(e.key, "", 1)
    return not inner.strip(";")


def _is_test(fn: _Func) -> bool:
    return (
        fn.name.startswith("Test")
        and fn.name != "TestMain"
        and (bool(fn.t_names) or fn.receiver is not None)
    )


def _funcs(t: Tokens) -> list[_Func]:
    out = []
    depth_end = -1
    for i in range(len(t)):
        if t.kinds[i] != "w" or t.texts[i] != "func" or t.starts[i] < depth_end:
            continue
        m = _FUNC.match(t.text, t.starts[i])
        if not m:
            continue
        params = i + 1
        while params < len(t) and t.starts[params] < m.end() - 1:
            params += 1
        if params >= len(t) or t.kinds[params] != "(" or t.partner[params] < 0:
            continue
        body = t.next_index(t.partner[params] + 1, "{")
        if body < 0 or t.partner[body] < 0:
            continue
        param_text = t.text[t.ends[params] : t.starts[t.partner[params]]]
        t_names = frozenset(_T_PARAM.findall(param_text))
        out.append(_Func(m.group(2), m.group(1), t_names, body, t.line(i), i, param_text))
        depth_end = t.ends[t.partner[body]]
    return out


def _called(t: Tokens, fn: _Func, helpers: dict[str, _Func]) -> list[str]:
    end = t.partner[fn.body]
    return [
        t.texts[k]
        for k in range(fn.body + 1, end)
        if t.kinds[k] == "w"
        and t.texts[k] in helpers
        and t.kinds[k + 1] == "("
        and not t.is_member(k)
    ]


def _digest(t: Tokens, opener: int) -> int:
    close = t.partner[opener]
    return digest(t.text[t.starts[opener] : t.ends[close]]) if close > 0 else 0


def _walk(
    f: Collector,
    fn: _Func,
    owner: str,
    helpers: dict[str, _Func],
    summaries: dict[str, _Summary],
    *,
    record: bool,
) -> _Summary:
    """The checks and skips of one function body. For a test (`record`), skips are
    events of the test, and helper calls bring in the helper's checks and skips."""
    t = f.t
    end = t.partner[fn.body]
    checks: list[Check] = []
    skips: list[tuple[int, str]] = []
    loops: list[tuple[int, int, str, tuple[gorows.Row, ...]]] = []  # (end, rows, var, fields)
    branches: list[tuple[int, int, int, gorows.Test]] = []  # (start, end, loop end, test)
    tables: list[tuple[int, int, str]] = []  # (first line, last line, name) of named tables
    choices: list[list[tuple[int, int]]] = []  # line spans of the branches of a platform choice
    guards: list[tuple[int, int, bool]] = []  # (end token, start of the `if`, bare condition)
    receivers = set(fn.t_names)
    checkers = {"assert", "require"} | {
        m.group(1)  # `is := is.New(t)`, `assert := assert.New(t)`: an assertion object
        for m in _CHECKER.finditer(t.text, t.ends[fn.body], t.starts[end])
        if m.group(2) in receivers or m.group(2) == "t"
    }
    i = fn.body + 1
    while i < end:
        while loops and i > loops[-1][0]:
            loops.pop()
        while guards and i > guards[-1][0]:
            guards.pop()
        mult = 1
        for stop, rows, _, fields in loops:
            tests = [x for a, b, loop, x in branches if loop == stop and a <= i <= b]
            mult *= gorows.taken(fields, tests) if tests and fields else rows
        kind, word = t.kinds[i], t.texts[i]
        if _is_assert_method(t, i):  # `b.Assert(got, qt.Equals, want)`, `m.AssertCalled(t)`
            found = f.check(owner, i, t.ends[t.partner[i + 1]], STRONG, mult)
            checks += [found] if found else []
            i = t.partner[i + 1] + 1
            continue
        if kind != "w" or t.is_member(i):
            i += 1
            continue
        if word in ("if", "switch") and not (i > 0 and t.texts[i - 1] == "else"):
            spans = _platform_branches(t, i, end)
            choices += [spans] if len(spans) > 1 else []
        if word == "for":
            rows, block, table, literal = _rows(t, i)
            if rows and block > 0 and t.partner[block] > 0:
                var = gorows.loop_var(t.text[t.ends[i] : t.starts[block]])
                fields = gorows.rows(t, literal) if var and literal > 0 else ()
                loops.append((t.partner[block], rows, var, fields))
                if table:
                    tables.append((t.line(block), t.line(t.partner[block]), table))
        elif word == "if":
            block = t.next_index(i + 1, "{")
            if block > 0 and t.partner[block] > 0:
                bare = _BARE_CONDITION.match(t.text, t.ends[i], t.starts[block]) is not None
                guards.append((t.partner[block], t.starts[i], bare))
                branches += _row_branches(t, i, block, loops)
                if _returns_quietly(t, block, receivers) and not _in_closure(t, fn, i):
                    # `if cond { t.Logf(...); return }` in the test or one of its subtests
                    condition = squash(t.text[t.ends[i] : t.starts[block]])
                    skips.append((i, f"if-return {condition}"))
        elif word in checkers or (fn.receiver and word == fn.receiver):
            i = _testify(f, fn, owner, i, end, mult, checks, skips)
            continue
        elif word in receivers and i + 2 < end and t.kinds[i + 1] == "w" and t.is_member(i + 1):
            method = t.texts[i + 1]
            if method in _SKIPS:
                guard = _COMMENTS.sub("", t.text[guards[-1][1] : t.starts[i]]) if guards else ""
                skips.append((i, squash(guard) + f"t.{method}"))
            elif method in _FAILS:
                start = guards[-1][1] if guards else t.starts[i]
                call = i + 2 if t.kinds[i + 2] == "(" else -1
                stop = (
                    t.ends[t.partner[call]] if call > 0 and t.partner[call] > 0 else t.ends[i + 1]
                )
                strength = (
                    0
                    if regex.compile(r"if\s+false\s*\{").match(t.text[start : start + 20])
                    else STRONG
                )
                if strength and guards and all(bare for _, _, bare in guards):
                    strength = WEAK  # `if !ok { t.Error(...) }` is `assert.True(t, ok)`
                found = f.check(owner, i, stop, strength, mult, start)
                checks += [found] if found else []
        elif i + 1 < end and t.kinds[i + 1] == "(" and t.partner[i + 1] > 0:
            if word in helpers:
                summary = summaries.get(word)
                if summary is not None:
                    checks += [c._replace(times=c.times * mult) for c in summary.checks]
                    skips += [(i, f"{word}: {key}") for _, key in summary.skips]  # at the call
            elif _CONVENTION.match(word) and set(t.args(i + 1)) & (receivers | {"t"}):
                args = t.args(i + 1)
                values = [a for a in args if a not in receivers and a != "t"]
                same = len(values) == 2 and values[0] == values[1] and _is_literal(values[0])
                found = f.check(owner, i, t.ends[t.partner[i + 1]], 0 if same else STRONG, mult)
                checks += [found] if found else []
            elif (
                _TESTIFY_NAMES.match(word)
                and t.args(i + 1)[:1]
                and (t.args(i + 1)[0] in receivers or t.args(i + 1)[0] == "t")
            ):
                args = t.args(i + 1)
                strength = _testify_strength(word, args, 1)
                sig = f"assert.{word}({','.join(args[1:])})"
                found = f.check(owner, i, t.ends[t.partner[i + 1]], strength, mult, sig=sig)
                checks += [found] if found else []
                i = t.partner[i + 1]
        i += 1
    if record:
        for index, key in skips:
            f.event("skip", owner, index, key)
        # a failure logged instead of failing (`t.Logf`) is simply gone: no event needed
    checks = _one_branch([_walks_table(c, tables) for c in checks], choices)
    span = (t.line(fn.body), t.line(end))
    return _Summary(_renumber(f.lines, span, checks, receivers | checkers), tuple(skips))


_PLATFORM = regex.compile(
    r"\bruntime\.(?:GOOS|GOARCH)\b|\bos\.(?:Getenv|LookupEnv)\s*\(|\b(?:filepath|os)\."
    r"(?:Separator|PathSeparator)\b"
)


def _platform_branches(t: Tokens, i: int, end: int) -> list[tuple[int, int]]:
    """The line spans of the branches of an `if ... else` chain or a `switch` at token
    `i` that chooses by platform or environment (`runtime.GOOS`, `os.Getenv`): exactly one
    branch runs on any machine."""
    block = t.next_index(i + 1, "{", end)
    if (
        block < 0
        or t.partner[block] < 0
        or not _PLATFORM.search(t.text, t.ends[i], t.starts[block])
    ):
        return []
    if t.texts[i] == "switch":
        level = t.depth(block) + 1
        cases = [
            k
            for k in range(block + 1, t.partner[block])
            if t.kinds[k] == "w" and t.texts[k] in ("case", "default") and t.depth(k) == level
        ]
        stops = [t.line(k) - 1 for k in cases[1:]] + [t.line(t.partner[block])]
        return [(t.line(k), stop) for k, stop in zip(cases, stops, strict=True)]
    spans = [(t.line(block), t.line(t.partner[block]))]
    k = t.partner[block] + 1
    while k < end and t.kinds[k] == "w" and t.texts[k] == "else":
        block = t.next_index(k + 1, "{", end)
        if block < 0 or t.partner[block] < 0:
            break
        spans.append((t.line(block), t.line(t.partner[block])))
        k = t.partner[block] + 1
    return spans


def _one_branch(checks: list[Check], choices: list[list[tuple[int, int]]]) -> list[Check]:
    """The checks with those of a platform choice counted once: the branch with the most
    checks stands for all (the others run instead of it, never as well)."""
    if not choices:
        return checks
    order = sorted(range(len(checks)), key=lambda n: checks[n].line)
    lines = [checks[n].line for n in order]
    dropped: set[int] = set()
    for spans in choices:
        branches = [
            [
                n
                for n in order[bisect.bisect_left(lines, first) : bisect.bisect_right(lines, last)]
                if n not in dropped
            ]
            for first, last in spans
        ]
        if sum(1 for b in branches if b) < 2:
            continue
        keep = max(range(len(branches)), key=lambda b: (len(branches[b]), b))
        dropped.update(n for b, ns in enumerate(branches) if b != keep for n in ns)
    return [c for n, c in enumerate(checks) if n not in dropped]


def _walks_table(check: Check, tables: list[tuple[int, int, str]]) -> Check:
    """A check run for each row of a named table checks that table's rows: the same
    `if result != v.result` walking another table is another check (of the same form)."""
    names = [name for first, last, name in tables if first <= check.line <= last]
    return check._replace(sig=f"{check.sig} [range {'/'.join(names)}]") if names else check


_STRINGS = regex.compile(r'"(?:[^"\\\n]|\\.)*"|`[^`]*`|\'(?:[^\'\\\n]|\\.)*\'|//[^\n]*')
_LHS = regex.compile(r"\s*(?:var\s+)?([\w.\[\]*, ]+?)\s*(?::=|[-+*/|&^%]?=(?!=)|\+\+|--)")
_CALLED_ON = regex.compile(r"(?<![\w.])(\w+)\s*\.\s*(\w+)\s*\(|&\s*(\w+)")


# `err`, `parseErr`: the error of the call before; its check is the same after every call
_ERROR_NAME = regex.compile(r"err(?:or)?(?:[A-Z0-9_]\w*)?\Z|\w*Err(?:or)?\Z")


def _renumber(
    lines: list[str], span: tuple[int, int], checks: list[Check], fixed: set[str]
) -> tuple[Check, ...]:
    """The same check written again after the state it reads was changed (`got = f(2)`
    between two `b.Assert(got, ...)`, or a method called on it) is another check: it gets
    its own signature, so that only a true repeat counts as a duplicate (checks of the
    body `span` only; a helper's are its own). An error check
    (`assert.NoError(t, err)`) stays one check: how many there are follows the calls that
    return an error, which the change may have changed."""
    seen: dict[str, tuple[int, int]] = {}  # sig -> (line, generation)
    changes: dict[str, list[int]] | None = None  # word -> the lines that change it, sorted
    out = []
    for check in checks:
        line, generation = seen.get(check.sig, (0, 0))
        if line and span[0] <= line < check.line <= min(span[1], len(lines)):
            if changes is None:  # read once per body, only when a check repeats
                changes = _changes(lines, span[0], min(span[1], len(lines)))
            words = set(
                regex.compile(r"[A-Za-z_]\w*").findall(_STRINGS.sub(" ", lines[check.line - 1]))
            )
            for word in words - fixed:
                at = changes.get(word, ())
                k = bisect.bisect_right(at, line)
                if not _ERROR_NAME.match(word) and k < len(at) and at[k] < check.line:
                    generation += 1
                    break
        seen[check.sig] = (check.line, generation)
        out.append(check._replace(sig=f"{check.sig} #{generation}") if generation else check)
    return tuple(out)


def _changes(lines: list[str], first: int, last: int) -> dict[str, list[int]]:
    """For each word, the lines from `first` to `last` that assign it, call a method on it
    (other than an assertion) or pass its address."""
    out: dict[str, list[int]] = {}
    for number in range(first, last + 1):
        line = _STRINGS.sub(" ", lines[number - 1])
        words = set()
        lhs = _LHS.match(line)
        if lhs:
            words.update(regex.compile(r"[A-Za-z_]\w*").findall(lhs.group(1)))
        for m in _CALLED_ON.finditer(line):
            name, method, address = m.groups()
            if address:
                words.add(address)
            elif not (_ASSERT_METHOD.match(method) or _TESTIFY_NAMES.match(method)):
                words.add(name)
        for word in words:
            out.setdefault(word, []).append(number)
    return out


def _in_closure(t: Tokens, fn: _Func, i: int) -> bool:
    """Whether token `i` lies in a function literal of `fn` that is not a subtest (a
    handler, a validator): its `return` ends that function, not the test."""
    k = i
    while k > fn.body:
        k -= 1
        if t.kinds[k] != "w" or t.texts[k] != "func" or t.kinds[k + 1] != "(":
            continue
        body = t.next_index(t.partner[k + 1] + 1, "{") if t.partner[k + 1] > 0 else -1
        if body < 0 or t.partner[body] < i or body > i:
            continue
        if not _T_PARAM.search(t.text, t.ends[k + 1], t.starts[t.partner[k + 1]]):
            return True
    return False


def _is_assert_method(t: Tokens, i: int) -> bool:
    return (
        t.kinds[i] == "w"
        and _ASSERT_METHOD.match(t.texts[i]) is not None
        and i + 1 < len(t)
        and t.kinds[i + 1] == "("
        and t.partner[i + 1] > 0
        and t.is_member(i)
    )


def _returns_quietly(t: Tokens, block: int, receivers: set[str]) -> bool:
    """Whether an `if` block returns without failing: the checks after it are skipped
    whenever its condition holds."""
    end = t.partner[block]
    level = t.depth(block) + 1
    returns = False
    for k in range(block + 1, end):
        if t.kinds[k] != "w":
            continue
        word = t.texts[k]
        if word == "return" and t.depth(k) == level:
            returns = True
        elif word in _FAILS or word in ("assert", "require", "panic") or word.startswith("Fatal"):
            return False  # it fails (a call on the test's `t` is caught here too)
    return returns


def _testify(
    f: Collector,
    fn: _Func,
    owner: str,
    i: int,
    end: int,
    mult: int,
    checks: list[Check],
    skips: list[tuple[int, str]],
) -> int:
    t = f.t
    chain = _CHAIN.match(t.text, t.ends[i])
    if not chain:
        return i + 1
    k = i + 1
    while k < end and t.starts[k] < chain.end():
        k = t.partner[k] + 1 if t.kinds[k] == "(" and t.partner[k] > 0 else k + 1
    method = chain.group(2)
    if method in _SKIPS:
        skips.append((i, f"T().{method}"))
        return k
    if k >= end or t.kinds[k] != "(" or t.partner[k] < 0:
        return i + 1
    if method in ("New", "T", "Run", "SetupTest", "Log", "Logf", "Helper", "Cleanup"):
        return i + 1
    args = t.args(k)
    first = (
        1 if args and (args[0] in fn.t_names or args[0] == "t" or args[0].endswith("T()")) else 0
    )
    # one signature for `assert.Equal(t, a, b)`, `require.Equal(t, a, b)`, `s.Equal(a, b)`
    # and `assert.Equal(s.T(), a, b)`: the same check written twice is a repeat
    sig = f"assert.{method}({','.join(args[first:])})"
    strength = _testify_strength(method, args, first)
    found = f.check(owner, i, t.ends[t.partner[k]], strength, mult, sig=sig)
    checks += [found] if found else []
    return t.partner[k] + 1


def _testify_strength(method: str, args: list[str], first: int) -> int:
    base = (
        method[:-1] if method.endswith("f") and method[:-1] in ("Equal", "True", "Nil") else method
    )
    values = args[first:]
    if (base == "True" and values[:1] == ["true"]) or (base == "False" and values[:1] == ["false"]):
        return 0
    if (base == "Nil" and values[:1] == ["nil"]) or (
        base == "NotNil" and values[:1] not in (["nil"], []) and values[0][:1] in '"0123456789'
    ):
        return 0
    equal = base in ("Equal", "EqualValues", "Exactly", "ElementsMatch") and len(values) > 1
    if equal and values[0] == values[1] and values[0]:
        return 0
    return WEAK if method in _TESTIFY_WEAK else STRONG


def _is_literal(value: str) -> bool:
    return (
        value in ("true", "false", "nil")
        or regex.compile(r'-?\d[\w.]*|"[^"]*"|`[^`]*`').fullmatch(value) is not None
    )


def _row_branches(
    t: Tokens, i: int, block: int, loops: list[tuple[int, int, str, tuple[gorows.Row, ...]]]
) -> list[tuple[int, int, int, gorows.Test]]:
    """The token spans in which only some rows of the innermost table run, for the `if`
    at token `i` whose block is `block`: the block (rows that pass its condition), an
    `else` block, and the rest of the loop when the block returns or continues (rows
    that fail it)."""
    if not loops or not loops[-1][2] or not loops[-1][3]:
        return []
    stop, _, var, _ = loops[-1]
    test = gorows.condition(t.text[t.ends[i] : t.starts[block]], var)
    if test is None:
        return []
    end = t.partner[block]
    out = [(block, end, stop, test)]
    other = gorows.negated(test)
    level = t.depth(block) + 1
    if any(
        t.kinds[k] == "w" and t.texts[k] in ("return", "continue") and t.depth(k) == level
        for k in range(block + 1, end)
    ):
        out.append((end, stop, stop, other))
    elif end + 1 < len(t) and t.kinds[end + 1] == "w" and t.texts[end + 1] == "else":
        follow = t.next_index(end + 2, "{")
        if follow > 0 and t.partner[follow] > 0:
            out.append((end, t.partner[follow], stop, other))
    return out


def _rows(t: Tokens, i: int) -> tuple[int, int, str, int]:
    """Rows of the table a `for ... range` loop at token `i` walks (0: not a table), the
    loop body's `{`, the table's name ("" for a literal) and its literal's `{`."""
    block = t.next_index(i + 1, "{")
    if block < 0:
        return 0, -1, "", -1
    header = t.text[t.ends[i] : t.starts[block]]
    m = _RANGE.search(header)
    if not m:
        return 0, block, "", -1
    target = m.group(1)
    if target in ("[]", "map["):  # an inline table: the literal's value braces
        rows, literal = _literal_rows(t, i + 1)
        body = t.next_index(t.partner[literal] + 1, "{") if literal > 0 else -1
        return rows, body, "", literal
    define = regex.compile(rf"\b{regex.escape(target)}\s*(?::=|=)\s*")
    found = None
    window = max(0, t.starts[i] - 20_000)  # the table is defined shortly before its loop
    for d in define.finditer(t.text, window, t.starts[i]):
        found = d
    if found is None:
        return 0, block, "", -1
    start = bisect.bisect_left(t.starts, found.end())
    rows, literal = _literal_rows(t, start) if start < len(t) else (0, -1)
    return rows, block, target, literal


def _literal_rows(t: Tokens, start: int) -> tuple[int, int]:
    """The element count of the composite literal whose braces start after `start`,
    skipping `struct{...}` and `interface{...}` type braces, and its `{`."""
    k = start
    while k < len(t):
        k = t.next_index(k, "{")
        if k < 0 or t.partner[k] < 0:
            return 0, -1
        before = t.text[max(0, t.starts[k] - 12) : t.starts[k]].rstrip()
        if before.endswith(("struct", "interface")):
            k = t.partner[k] + 1
            continue
        return t.elements(k), k
    return 0, -1


def _file_markers(f: Collector, funcs: list[_Func]) -> None:
    build = _BUILD.match(f.t.text)
    if build and not _builds_by_default(build.group(1)):
        line = f.t.text.count("\n", 0, build.start(1)) + 1
        f.events.append(
            Event(
                "skip",
                "<module>",
                line,
                f"//go:build {build.group(1).strip()}",
                "build " + squash(build.group(1)),
            )
        )
    for fn in funcs:
        if fn.name != "TestMain":
            continue
        m = _M_PARAM.search(fn.params)
        if m is None:
            continue
        runs = _runs_tests(f.t, fn, m.group(1))
        if not runs:
            f.event("skip", "<module>", fn.at, "TestMain does not run the tests")


_DEFAULT_TAGS = {"linux", "amd64", "unix", "cgo", "gc"}
_CONSTRAINT = regex.compile(r"[A-Za-z_][\w.]*|&&|\|\||!|\(|\)|\s+")


def _builds_by_default(expression: str) -> bool:
    """Whether a build constraint holds in an ordinary build (linux/amd64, a recent Go,
    cgo): `ignore` or a custom tag does not, `!custom` or `go1.18` does. A constraint that
    cannot be read counts as not building."""
    expression = expression.strip()
    if not regex.compile(r"&&|\|\||[!()]").search(
        expression
    ):  # `// +build a,b c`: spaces or, commas and
        return any(all(_tag(t) for t in term.split(",")) for term in expression.split())
    words = []
    for m in _CONSTRAINT.finditer(expression):
        token = m.group()
        if token.isspace():
            continue
        words.append({"&&": "and", "||": "or", "!": "not"}.get(token) or token)
        if token[0].isalpha() or token[0] == "_":
            words[-1] = str(_tag(token))
    if "".join(m.group() for m in _CONSTRAINT.finditer(expression)) != expression:
        return False
    try:  # only True, False, and, or, not and brackets are left
        return bool(eval(" ".join(words), {"__builtins__": {}}, {}))
    except SyntaxError:
        return False


def _tag(name: str) -> bool:
    return name in _DEFAULT_TAGS or regex.compile(r"go1\.\d+").fullmatch(name) is not None


def _runs_tests(t: Tokens, fn: _Func, m: str) -> bool:
    """Whether TestMain reaches `m.Run()` before any `return` or `os.Exit`."""
    for k in range(fn.body + 1, t.partner[fn.body]):
        if t.kinds[k] != "w":
            continue
        if t.texts[k] == "Run" and t.is_member(k) and t.texts[k - 1] == m:
            return True
        if t.texts[k] == "Exit" and t.is_member(k) and t.kinds[k + 1] == "(":
            args = t.text[t.starts[k + 1] : t.ends[t.partner[k + 1]]]
            if regex.compile(rf"\b{regex.escape(m)}\s*\.\s*Run\s*\(").search(args):
                return True  # os.Exit(m.Run())
        ends = t.texts[k] == "return" or (t.texts[k] == "Exit" and t.is_member(k))
        if ends and not _inside_if(t, fn.body, k):
            return False
    return False


def _inside_if(t: Tokens, body: int, k: int) -> bool:
    """Whether token `k` sits in a nested block of the function body at `body`."""
    return any(t.kinds[j] == "{" and t.partner[j] > k for j in range(body + 1, k))
