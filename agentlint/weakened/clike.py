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

from agentlint.weakened import golang
from agentlint.weakened.collect import Collector
from agentlint.weakened.model import STRONG, WEAK, Check, Parsed, Test, source_line
from agentlint.weakened.scan import Tokens, squash

_CHAIN = re.compile(r"((?:\s*\.\s*[A-Za-z_]\w*\s*\(\s*\))*)\s*\.\s*([A-Za-z_]\w*)\s*(?=\()")


def _digest(t: Tokens, opener: int) -> int:
    """A hash of a bracket group's text, whitespace removed."""
    close = t.partner[opener]
    return hash(squash(t.text[t.starts[opener] : t.ends[close]])) if close > 0 else 0


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
_JAVA_SKIPS = {"Disabled", "Ignore", "DisabledIf", "DisabledOnOs", "DisabledIfEnvironmentVariable"}
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
    f = Collector(
        Tokens(text, "java", (r"assert\w*", "fail", "verify", "try", "catch", "throw", "class"))
    )
    f.swallow = f.t.swallowing_tries(_JAVA_CAUGHT)
    t = f.t
    pending: list[int] = []
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
                if _label(t, a) in _JAVA_SKIPS:
                    f.event("skip", cls, a, t.texts[a])
            pending = []
        elif kind in ("{", "}") or (kind == "(" and not pending):
            pending = []
        elif kind == "(":
            m = _JAVA_METHOD.match(t.text, resume)
            labels = {_label(t, a) for a in pending}
            if m and m.end() - 1 == t.starts[i] and labels & _JAVA_TEST_ANNOTATIONS:
                _java_test(f, f"{cls}.{m.group(1)}" if cls else m.group(1), pending, i)
            pending = []
        i += 1
    return f.parsed()


def _label(t: Tokens, annotation: int) -> str:
    return t.texts[annotation][1:].rsplit(".", 1)[-1]


def _java_test(f: Collector, name: str, annotations: list[int], params: int) -> None:
    t = f.t
    rows = 1
    for a in annotations:
        label = _label(t, a)
        if label in _JAVA_SKIPS:
            f.event("skip", name, a, t.texts[a])
        args = a + 1
        if label in ("ValueSource", "CsvSource") and args < len(t) and t.kinds[args] == "(":
            inner = t.next_index(args, "{", t.partner[args])
            rows = max(t.elements(inner), 1) if inner > 0 else rows
    body = t.next_index(t.partner[params] + 1, "{") if t.partner[params] > 0 else -1
    if body > 0 and t.partner[body] > 0:
        f.tests.append(
            Test(name, t.line(params), tuple(_java_body(f, name, body, rows)), _digest(t, body))
        )


def _java_body(f: Collector, name: str, body: int, rows: int) -> list[Check]:
    t = f.t
    checks: list[Check] = []
    i, end = body + 1, t.partner[body]
    while i < end:
        k = i + 1
        if _java_assertion(t, i) and k < end and t.kinds[k] == "(" and t.partner[k] > 0:
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
    if first in ("assertTrue", "assertFalse") and any(
        op in (args[:1] or [""])[0] for op in ("==", "equals(", "<", ">")
    ):
        return STRONG
    return WEAK if first in _JAVA_WEAK else STRONG


# -- Rust ---------------------------------------------------------------------------------

_RUST_FN = re.compile(r"(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?(?:unsafe\s+)?fn\s+(\w+)")
_RUST_ASSERT = re.compile(r"(debug_)?assert(_eq|_ne|_matches)?\Z|assert\w*\Z")


def measure_rust(text: str | None) -> Parsed:
    if text is None:
        return Parsed(absent=True)
    f = Collector(Tokens(text, "rust", (r"(?:debug_)?assert\w*", "fn")))
    t = f.t
    attrs: list[int] = []
    for i in range(len(t)):
        if t.kinds[i] == "#":
            attrs.append(i)
            continue
        if t.kinds[i] != "w" or t.texts[i] != "fn":
            if t.kinds[i] in ("{", "}") or (t.kinds[i] == "w" and t.texts[i] != "fn"):
                attrs = [a for a in attrs if t.partner[a] > i] if t.kinds[i] != "w" else attrs
            continue
        labels = [
            squash(t.text[t.ends[a] : t.starts[t.partner[a]]]) for a in attrs if t.partner[a] > 0
        ]
        attrs = []
        if not any(
            label == "test" or label.endswith("::test") or label.startswith(("test(", "rstest"))
            for label in labels
        ):
            continue
        m = _RUST_FN.match(t.text, t.starts[i])
        name = m.group(1) if m else "<fn>"
        body = t.next_index(i + 1, "{")
        if body < 0 or t.partner[body] < 0:
            continue
        checks: list[Check] = []
        rows = max(1, sum(1 for label in labels if label.startswith("case(")))
        for label in labels:
            if label.startswith("ignore"):
                f.event("skip", name, i, "#[ignore]")
            if label.startswith("should_panic"):
                checks.append(
                    Check(f"#[{label}]", STRONG, t.line(i), source_line(f.lines, t.line(i)), rows)
                )
        for k in range(body + 1, t.partner[body]):
            if t.kinds[k] != "w" or not _RUST_ASSERT.match(t.texts[k]):
                continue
            bang = t.ends[k]
            if (
                not t.text.startswith("!", bang)
                or k + 1 >= len(t)
                or t.kinds[k + 1] not in ("(", "[", "{")
            ):
                continue
            close = t.partner[k + 1]
            if close < 0:
                continue
            args = t.args(k + 1)
            macro = t.texts[k]
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
        f.tests.append(Test(name, t.line(i), tuple(checks), _digest(t, body)))
    return f.parsed()


MEASURES: dict[str, Callable[[str | None], Parsed]] = {
    "go": golang.measure_go,
    "java": measure_java,
    "rust": measure_rust,
}
