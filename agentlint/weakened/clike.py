"""Go, Java and Rust tests, at the level of assertions and markers.

- Go: `func TestX(t *testing.T)` and testify suite methods; `t.Error*`/`t.Fatal*`/`t.Fail*`,
  testify `assert.*`/`require.*` (and a suite's `s.Equal`...), `t.Skip*`; rows of a
  table (`for _, tc := range cases`) multiply the checks in the loop.
- Java: methods annotated `@Test`, `@ParameterizedTest` (rows of `@ValueSource`/
  `@CsvSource`) or `@RepeatedTest`; JUnit `assert*`/`fail`, AssertJ `assertThat(...)`
  chains, Mockito `verify`; `@Disabled`/`@Ignore`.
- Rust: `#[test]` functions (and `#[tokio::test]`...); the `assert!` family,
  `#[should_panic]`; `#[ignore]`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from agentlint.weakened import golang
from agentlint.weakened.collect import Collector, callees_first
from agentlint.weakened.model import STRONG, WEAK, Check, Event, Parsed, Test, source_line
from agentlint.weakened.scan import Tokens, digest, squash

_CHAIN = re.compile(r"((?:\s*\.\s*[A-Za-z_]\w*\s*\(\s*\))*)\s*\.\s*([A-Za-z_]\w*)\s*(?=\()")


def _digest(t: Tokens, opener: int) -> int:
    """A hash of a bracket group's text, whitespace removed."""
    close = t.partner[opener]
    return digest(t.text[t.starts[opener] : t.ends[close]]) if close > 0 else 0


def _same_args(args: list[str], first: int) -> bool:
    return len(args) > first + 1 and args[first] == args[first + 1] and args[first] != ""


# -- Java ---------------------------------------------------------------------------------

_JAVA_TEST_ANNOTATIONS = {
    "Test",
    "ParameterizedTest",
    "RepeatedTest",
    "TestFactory",
    "TestTemplate",
}
_JAVA_SKIP = re.compile(r"(?:Disabled|Enabled)\w*\Z|Ignore\Z")  # JUnit 4 and 5, conditions too
_JAVA_KEYWORDS = {"if", "for", "while", "switch", "catch", "synchronized", "return", "new", "try"}
_JAVA_METHOD = re.compile(r"[^;{}=]*?\b([A-Za-z_]\w*)\s*\(")
_JAVA_WEAK = {
    "assertNotNull",
    "isNotNull",
    "isNotEmpty",
    "isInstanceOf",
    "isPresent",
    "assertTrue",
    "assertFalse",
    "isTrue",
    "isFalse",
    "assertDoesNotThrow",
}
_JAVA_CAUGHT = re.compile(r"\b(?:AssertionError|AssertionFailedError|Throwable|Exception|Error)\b")


def measure_java(text: str | None) -> Parsed:
    if text is None:
        return Parsed(absent=True)
    f = Collector(Tokens(text, "java", (r"[A-Za-z_]\w*",)))
    f.swallow = f.t.swallowing_tries(_JAVA_CAUGHT)
    t = f.t
    pending: list[int] = []
    tests: list[tuple[str, list[int], int]] = []
    helpers: dict[str, int] = {}  # method name -> its parameters' `(`
    cls, resume, i = "", 0, 0
    while i < len(t):
        kind = t.kinds[i]
        if kind == "@":
            pending.append(i)
            resume = t.ends[i]
            nxt = i + 1
            attached = nxt < len(t) and not t.text[t.ends[i] : t.starts[nxt]].strip()
            if attached and t.kinds[nxt] == "(" and t.partner[nxt] > 0:
                resume = t.ends[t.partner[nxt]]
                i = t.partner[nxt]  # the annotation's arguments
        elif kind == "w" and t.texts[i] == "class":
            m = re.match(r"class\s+(\w+)", t.text[t.starts[i] : t.starts[i] + 200])
            cls = m.group(1) if m else cls
            for a in pending:
                if _JAVA_SKIP.match(_label(t, a)):
                    f.event("skip", cls, a, t.texts[a])
            pending = []
        elif kind in ("{", "}"):
            pending = []
        elif kind == "(":
            labels = {_label(t, a) for a in pending}
            m = _JAVA_METHOD.match(t.text, resume) if pending else None
            if m and m.end() - 1 == t.starts[i] and labels & _JAVA_TEST_ANNOTATIONS:
                tests.append((f"{cls}.{m.group(1)}" if cls else m.group(1), pending, i))
            elif _is_method_definition(t, i):
                helpers.setdefault(t.texts[i - 1], i)
            pending = []
        i += 1
    summaries = _java_helpers(f, helpers)
    for name, marks, params in tests:
        _java_test(f, name, marks, params, summaries)
    return f.parsed()


def _is_method_definition(t: Tokens, params: int) -> bool:
    """Whether the `(` at `params` opens the parameters of a method with a body."""
    name = params - 1
    close = t.partner[params]
    if name < 0 or close < 0 or t.kinds[name] != "w" or t.texts[name] in _JAVA_KEYWORDS:
        return False
    if t.is_member(name) or (name > 0 and t.texts[name - 1] == "new"):
        return False
    k = close + 1
    if k < len(t) and t.kinds[k] == "w" and t.texts[k] == "throws":
        while k < len(t) and t.kinds[k] == "w":
            k += 1
    return k < len(t) and t.kinds[k] == "{" and t.partner[k] > 0


class _Summary(NamedTuple):
    checks: tuple[Check, ...]
    skips: tuple[str, ...]


def _java_helpers(f: Collector, helpers: dict[str, int]) -> dict[str, _Summary]:
    """What each method of the file that is not a test checks and skips, callees first."""
    t = f.t
    bodies = {name: t.next_index(t.partner[p] + 1, "{") for name, p in helpers.items()}
    graph = {
        name: [
            t.texts[k]
            for k in range(body + 1, t.partner[body])
            if t.kinds[k] == "w" and t.texts[k] in helpers and _called_here(t, k)
        ]
        for name, body in bodies.items()
    }
    summaries: dict[str, _Summary] = {}
    for name in callees_first(graph):
        skips: list[str] = []
        checks = _java_body(f, name, bodies[name], 1, summaries, skips, record=False)
        summaries[name] = _Summary(tuple(checks), tuple(skips))
    return summaries


def _called_here(t: Tokens, k: int) -> bool:
    return k + 1 < len(t) and t.kinds[k + 1] == "(" and not t.is_member(k)


def _label(t: Tokens, annotation: int) -> str:
    return t.texts[annotation][1:].rsplit(".", 1)[-1]


def _java_test(
    f: Collector, name: str, annotations: list[int], params: int, summaries: dict[str, _Summary]
) -> None:
    t = f.t
    rows = 1
    for a in annotations:
        label = _label(t, a)
        if _JAVA_SKIP.match(label):
            f.event("skip", name, a, t.texts[a])
        args = a + 1
        if label in ("ValueSource", "CsvSource") and args < len(t) and t.kinds[args] == "(":
            inner = t.next_index(args, "{", t.partner[args])
            rows = max(t.elements(inner), 1) if inner > 0 else rows
    body = t.next_index(t.partner[params] + 1, "{") if t.partner[params] > 0 else -1
    if body > 0 and t.partner[body] > 0:
        checks = _java_body(f, name, body, rows, summaries, [], record=True)
        for a in annotations:  # JUnit 4 `@Test(expected = X.class)`: a check of its own
            opened = a + 1 < len(t) and t.kinds[a + 1] == "(" and t.partner[a + 1] > 0
            arguments = t.text[t.ends[a] : t.ends[t.partner[a + 1]]] if opened else ""
            if _label(t, a) == "Test" and "expected" in arguments:
                line = t.line(a)
                sig = squash(arguments)
                checks.append(Check(sig, STRONG, line, source_line(f.lines, line), rows, "raises"))
        f.tests.append(Test(name, t.line(params), tuple(checks), _digest(t, body)))


def _java_body(
    f: Collector,
    name: str,
    body: int,
    rows: int,
    summaries: dict[str, _Summary],
    skips: list[str],
    *,
    record: bool,
) -> list[Check]:
    t = f.t
    checks: list[Check] = []
    i, end = body + 1, t.partner[body]
    while i < end:
        k = i + 1
        word = t.texts[i]
        if t.kinds[i] != "w" or k >= end or t.kinds[k] != "(" or t.partner[k] < 0:
            i += 1
            continue
        if word.startswith("assume") and word[6:7].isupper():  # assumeTrue, any receiver
            skips.append(word)
            if record:
                f.event("skip", name, i, word)
        elif word in summaries and not t.is_member(i):
            summary = summaries[word]
            checks += [c._replace(times=c.times * rows) for c in summary.checks]
            for key in summary.skips:
                skips.append(f"{word}: {key}")
                if record:
                    f.event("skip", name, i, f"{word}: {key}")
        elif _java_assertion(t, i):
            word, args, close = t.texts[i], t.args(k), t.partner[k]
            method, last_args = word, args
            chain = _CHAIN.match(t.text, t.ends[close])
            while chain:  # an AssertJ chain: the last call is what it checks
                call = close + 1
                while call < end and t.starts[call] < chain.end():
                    call += 1
                if call >= end or t.kinds[call] != "(" or t.partner[call] < 0:
                    break
                method, last_args, close = chain.group(2), t.args(call), t.partner[call]
                chain = _CHAIN.match(t.text, t.ends[close])
            strength = _java_strength(word, method, args, last_args)
            found = f.check(name, i, t.ends[close], strength, rows)
            checks += [found] if found else []
            i = close
        i += 1
    return checks


def _java_assertion(t: Tokens, i: int) -> bool:
    """`assertX(`, `fail(`, `verify(`, or `Assertions.assertX(`, not `obj.assertX(`."""
    if t.kinds[i] != "w":
        return False
    word = t.texts[i]
    if not (word.startswith("assert") or word in ("fail", "verify")):
        return False
    if not t.is_member(i):
        return True
    owner = t.text[max(0, t.starts[i] - 30) : t.starts[i]].rstrip(". \t")
    return owner.endswith(("Assertions", "Assert", "Assume"))


def _java_strength(first: str, method: str, args: list[str], last_args: list[str]) -> int:
    if (first in ("assertTrue",) and args[:1] == ["true"]) or (
        first == "assertFalse" and args[:1] == ["false"]
    ):
        return 0
    if first in ("assertEquals", "assertSame", "assertArrayEquals") and _same_args(
        args, len(args) - 2 if len(args) > 2 else 0
    ):
        return 0
    if first == "assertThat" and method != first:
        if (method == "isTrue" and args[:1] == ["true"]) or (
            method == "isFalse" and args[:1] == ["false"]
        ):
            return 0
        if method in ("isEqualTo", "isSameAs") and last_args[:1] == args[:1] and args[:1] != [""]:
            return 0
        return WEAK if method in _JAVA_WEAK else STRONG
    if first == "assertThat" and len(args) >= 2:  # Hamcrest: assertThat(actual, matcher)
        matcher = args[-1]
        if matcher in (f"is({args[-2]})", f"equalTo({args[-2]})", f"is(equalTo({args[-2]}))"):
            return 0
        if matcher.startswith(("anything(", "is(anything(")):
            return 0
        weak = ("notNullValue(", "is(notNullValue(", "instanceOf(", "isA(", "not(nullValue(")
        return WEAK if matcher.startswith(weak) else STRONG
    if first in ("assertTrue", "assertFalse") and any(
        op in (args[:1] or [""])[0] for op in ("==", "equals(", "<", ">")
    ):
        return STRONG
    return WEAK if first in _JAVA_WEAK else STRONG


# -- Rust ---------------------------------------------------------------------------------

_RUST_FN = re.compile(r"(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?(?:unsafe\s+)?fn\s+(\w+)")
_RUST_ASSERT = re.compile(r"(debug_)?assert(_eq|_ne|_matches)?\Z|assert\w*\Z")
_RUST_NEVER = {"cfg(any())", "cfg(all(any()))", "cfg(not(all()))", "cfg(FALSE)", "cfg(never)"}


class _RustFn(NamedTuple):
    name: str
    at: int  # the `fn` token
    body: int
    labels: tuple[str, ...]  # its attributes, squashed: `test`, `ignore="slow"`, `cfg(unix)`


def measure_rust(text: str | None) -> Parsed:
    if text is None:
        return Parsed(absent=True)
    f = Collector(Tokens(text, "rust", (r"[A-Za-z_]\w*",)))
    t = f.t
    fns = _rust_fns(t)
    helpers = {fn.name: fn for fn in fns if not _rust_is_test(fn)}
    graph = {
        name: [
            t.texts[k]
            for k in range(fn.body + 1, t.partner[fn.body])
            if t.kinds[k] == "w" and t.texts[k] in helpers and _called_here(t, k)
        ]
        for name, fn in helpers.items()
    }
    summaries: dict[str, _Summary] = {}
    for name in callees_first(graph):
        checks = _rust_body(f, name, helpers[name].body, 1, summaries, record=False)
        summaries[name] = _Summary(tuple(checks), ())
    for fn in fns:
        if _rust_is_test(fn):
            _rust_test(f, fn, summaries)
    for m in re.finditer(
        r"#\[\s*cfg\s*\(\s*any\s*\(\s*\)\s*\)\s*\]\s*(?:pub\s+)?mod\s+(\w+)", text
    ):
        line = text.count("\n", 0, m.start()) + 1
        f.events.append(
            Event(
                "skip", "<module>", line, source_line(f.lines, line), "cfg(any()) mod " + m.group(1)
            )
        )
    return f.parsed()


def _rust_fns(t: Tokens) -> list[_RustFn]:
    out = []
    attrs: list[int] = []
    for i in range(len(t)):
        kind = t.kinds[i]
        if kind == "#":
            attrs.append(i)
            continue
        if kind == "w" and t.texts[i] == "fn":
            labels = tuple(
                squash(t.text[t.ends[a] : t.starts[t.partner[a]]])
                for a in attrs
                if t.partner[a] > 0
            )
            attrs = []
            m = _RUST_FN.match(t.text, t.starts[i])
            body = t.next_index(i + 1, "{")
            if m and body > 0 and t.partner[body] > 0:
                semicolon = t.text.find(";", t.ends[i], t.starts[body])
                if semicolon < 0:  # a declaration in a trait has no body
                    out.append(_RustFn(m.group(1), i, body, labels))
            continue
        macro = _test_macro(t, i) if kind == "w" else None
        if macro is not None:  # `rgtest!(name, |dir, cmd| { ... })`: a test made by a macro
            labels = tuple(
                squash(t.text[t.ends[a] : t.starts[t.partner[a]]])
                for a in attrs
                if t.partner[a] > 0
            )
            attrs = []
            out.append(_RustFn(macro[0], i, macro[1], ("test", *labels)))
            continue
        if kind in ("{", "}") or (
            kind == "w"
            and t.texts[i] in ("mod", "struct", "impl", "use", "enum", "const", "static", "let")
        ):
            attrs = [a for a in attrs if t.partner[a] > i]
    return out


def _test_macro(t: Tokens, i: int) -> tuple[str, int] | None:
    """A call of a macro named `...test!` whose first argument names the test and whose
    last holds its body in braces: (name, the body's `{`)."""
    word = t.texts[i]
    k = i + 1
    if not word.endswith("test") or t.is_member(i) or not t.text.startswith("!", t.ends[i]):
        return None
    if k >= len(t) or t.kinds[k] != "(" or t.partner[k] < 0:
        return None
    name = re.match(r"\s*([A-Za-z_]\w*)\s*,", t.text[t.ends[k] : t.ends[k] + 200])
    body = t.partner[k] - 1
    if name is None or t.kinds[body] != "}" or t.partner[body] < 0:
        return None
    return name.group(1), t.partner[body]


def _after_statement(t: Tokens, k: int, end: int) -> int:
    """The token after the statement or block that starts at `k`."""
    level = t.depth(k) if k < end else 0
    while k < end:
        if t.kinds[k] in ("(", "[", "{") and t.partner[k] > 0:
            close = t.partner[k]
            if t.kinds[k] == "{" and t.depth(k) == level:
                return close + 1
            if t.text.startswith(";", t.ends[close]):
                return close + 1
            k = close + 1
            continue
        if t.kinds[k] == "}" or t.text.startswith(";", t.ends[k]):
            return k + 1
        k += 1
    return end


def _rust_is_test(fn: _RustFn) -> bool:
    return any(
        label == "test"
        or label.endswith("::test")
        or label.startswith(("test(", "rstest"))
        or label.endswith("::test(")
        or "::test(" in label
        for label in fn.labels
    )


def _rust_test(f: Collector, fn: _RustFn, summaries: dict[str, _Summary]) -> None:
    t = f.t
    rows = max(1, sum(1 for label in fn.labels if label.startswith("case(")))
    checks: list[Check] = []
    for label in fn.labels:
        if label.startswith("ignore") or (label.startswith("cfg_attr(") and "ignore" in label):
            f.event("skip", fn.name, fn.at, f"#[{label}]")
        elif label.startswith("cfg(") or label in _RUST_NEVER:
            f.event("skip", fn.name, fn.at, f"#[{label}]")  # compiled only when it holds
        if label.startswith("should_panic"):
            line = t.line(fn.at)
            checks.append(
                Check(f"#[{label}]", STRONG, line, source_line(f.lines, line), rows, "should_panic")
            )
    checks += _rust_body(f, fn.name, fn.body, rows, summaries, record=True)
    f.tests.append(Test(fn.name, t.line(fn.at), tuple(checks), _digest(t, fn.body)))


def _rust_body(
    f: Collector, name: str, body: int, rows: int, summaries: dict[str, _Summary], *, record: bool
) -> list[Check]:
    t = f.t
    checks: list[Check] = []
    end = t.partner[body]
    level = t.depth(body) + 1
    k = body + 1
    while k < end:
        word = t.texts[k]
        if t.kinds[k] == "#" and t.partner[k] > 0:  # `#[cfg(feature = "x")] assert!(...);`
            label = squash(t.text[t.ends[k] : t.starts[t.partner[k]]])
            k = t.partner[k] + 1
            if label.startswith("cfg("):
                k = _after_statement(t, k, end)  # checked only in some builds: not counted
            continue
        if t.kinds[k] != "w":
            k += 1
            continue
        if word == "return" and t.depth(k) == level:
            break  # what follows never runs
        if word in summaries and _called_here(t, k):
            checks += [c._replace(times=c.times * rows) for c in summaries[word].checks]
            k += 1
            continue
        if not _RUST_ASSERT.match(word):
            k += 1
            continue
        bang = t.ends[k]
        if (
            not t.text.startswith("!", bang)
            or k + 1 >= len(t)
            or t.kinds[k + 1] not in ("(", "[", "{")
        ):
            k += 1
            continue
        close = t.partner[k + 1]
        if close < 0:
            k += 1
            continue
        args = t.args(k + 1)
        macro = word
        strength = STRONG
        always = macro.endswith("assert") and args[:1] == ["true"]
        if always or (macro.endswith("assert_eq") and _same_args(args, 0)):
            strength = 0
        elif (
            macro.endswith("assert")
            and args
            and not any(op in args[0] for op in ("==", "!=", "<", ">", "matches!"))
        ):
            strength = WEAK
        found = f.check(name, k, t.ends[close], strength, rows)
        checks += [found] if found else []
        k = close + 1
    return checks


MEASURES: dict[str, Callable[[str | None], Parsed]] = {
    "go": golang.measure_go,
    "java": measure_java,
    "rust": measure_rust,
}
