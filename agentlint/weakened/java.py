"""Java tests, at the level of assertions and markers.

- Tests: methods annotated `@Test`, `@ParameterizedTest` (rows of `@ValueSource`/
  `@CsvSource`), `@RepeatedTest`...; in a JUnit 3 file (a class that `extends
  ...TestCase`), the `public void test*()` methods.
- Checks: JUnit `assert*`/`fail`, AssertJ `assertThat(...)` chains, Hamcrest
  `assertThat(x, matcher)`, Mockito `verify`, and what the file's helper methods check
  (`helper(...)`, `this.helper(...)`, overloads told apart by their number of arguments).
- One spelling for equivalent checks: the message is not part of a check, whichever end
  it is at; `assertEquals(null, x)` is `assertNull(x)`, `assertEquals(true, x)` (or a
  boolean variable) is `assertTrue(x)`. An expected exception is one check, `raises(E)`,
  written as `assertThrows(E.class, () -> call())`, `@Test(expected = E.class)` or
  `try { call(); fail(); } catch (E e) {}` (the checks inside such a `try` never decide
  the outcome); `try { call(); } catch (Throwable e) { fail(); }` only says that the call
  runs, as a bare call does.
- Markers: `@Disabled`/`@Ignore` (and JUnit 5 conditions), `assume*()` in a test or a
  helper; failures caught and ignored.
"""

from __future__ import annotations

from agentlint import regex, structs
from agentlint.weakened.collect import (
    Collector,
    Summary,
    body_digest,
    covered_tokens,
    guarded,
    same_args,
)
from agentlint.weakened.graph import callees_first
from agentlint.weakened.model import STRONG, WEAK, Check, Parsed, Test, source_line
from agentlint.weakened.scan import Tokens, squash

_CHAIN = regex.compile(r"((?:\s*\.\s*[A-Za-z_]\w*\s*\(\s*\))*)\s*\.\s*([A-Za-z_]\w*)\s*(?=\()")
_TEST_ANNOTATIONS = {"Test", "ParameterizedTest", "RepeatedTest", "TestFactory", "TestTemplate"}
_SKIP = regex.compile(r"(?:Disabled|Enabled)\w*\Z|Ignore\Z")  # JUnit 4 and 5, conditions too
_KEYWORDS = {"if", "for", "while", "switch", "catch", "synchronized", "return", "new", "try"}
_METHOD = regex.compile(r"[^;{}=]*?\b([A-Za-z_]\w*)\s*\(")
_WEAK = {
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
_THROWS = regex.compile(r"\s*(?:throws\s+[\w.$<>,\s]+)?")
_CAUGHT = regex.compile(r"\b(?:AssertionError|AssertionFailedError|Throwable|Exception|Error)\b")
_JUNIT3 = regex.compile(r"\bextends\s+(?:\w+\.)*\w*TestCase\b")  # JUnit 3 runs public test*()
_JUNIT3_TEST = regex.compile(r"\bpublic\s+void\s+\Z")
_BOOLEANS = regex.compile(r"\bboolean\s+(\w+)\s*=")
_STRINGS = regex.compile(r'"(?:[^"\\]|\\.)*"')
_TWO = {"assertEquals", "assertNotEquals", "assertSame", "assertNotSame", "assertArrayEquals"}
_ONE = {"assertTrue", "assertFalse", "assertNull", "assertNotNull"}
_RECEIVER_CALL = regex.compile(r"_\.\w+\((?:_(?:,_)*)?\)(?=\.)")


class _File(structs.Struct):
    f: Collector
    summaries: dict[str, Summary]  # "name@(" -> what the helper checks
    overloads: dict[str, list[tuple[str, list[str]]]]  # name -> ("name@(", parameter types)
    booleans: frozenset[str]  # names declared `boolean x = ...`
    jupiter: bool  # JUnit 5: the message comes last
    raises: dict[int, tuple[str, int, int]]  # `try` -> (what its catch expects, `{`, `fail`)
    runs: set[int]  # `fail` tokens that only say "this did not throw"


def measure_java(text: str | None) -> Parsed:
    if text is None:
        return Parsed(absent=True)
    f = Collector(Tokens(text, "java", (r"[A-Za-z_]\w*",)))
    f.swallow = f.t.swallowing_tries(_CAUGHT)
    t = f.t
    junit3 = _JUNIT3.search(text) is not None
    pending: list[int] = []
    tests: list[tuple[str, list[int], int]] = []
    helpers: dict[str, list[int]] = {}  # name -> its overloads' parameters' `(`
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
            m = regex.compile(r"class\s+(\w+)").match(t.text[t.starts[i] : t.starts[i] + 200])
            cls = m.group(1) if m else cls
            for a in pending:
                if _SKIP.match(_label(t, a)):
                    f.event("skip", cls, a, t.texts[a])
            pending = []
        elif kind in ("{", "}"):
            pending = []
        elif kind == "(":
            labels = {_label(t, a) for a in pending}
            m = _METHOD.match(t.text, resume) if pending else None
            if m and m.end() - 1 == t.starts[i] and labels & _TEST_ANNOTATIONS:
                tests.append((f"{cls}.{m.group(1)}" if cls else m.group(1), pending, i))
            elif _is_method_definition(t, i):
                if junit3 and _is_junit3_test(t, i):
                    tests.append((f"{cls}.{t.texts[i - 1]}" if cls else t.texts[i - 1], [], i))
                else:
                    helpers.setdefault(t.texts[i - 1], []).append(i)
            pending = []
        i += 1
    raises, runs = _idioms(t)
    booleans = frozenset(_BOOLEANS.findall(text))
    jupiter = "org.junit.jupiter" in text
    overloads = {
        name: [(f"{name}@{p}", _parameter_types(t, p)) for p in at] for name, at in helpers.items()
    }
    file = _File(f, {}, overloads, booleans, jupiter, raises, runs)
    _summarise(file, helpers)
    for name, marks, params in tests:
        _test(file, name, marks, params)
    return f.parsed()


def _is_junit3_test(t: Tokens, params: int) -> bool:
    """`public void testX()` in a JUnit 3 class."""
    name = params - 1
    before = t.text[max(0, t.starts[name] - 40) : t.starts[name]]
    return (
        t.texts[name].startswith("test")
        and not t.args(params)
        and _JUNIT3_TEST.search(before) is not None
    )


def _is_method_definition(t: Tokens, params: int) -> bool:
    """Whether the `(` at `params` opens the parameters of a method with a body."""
    name = params - 1
    close = t.partner[params]
    if name < 0 or close < 0 or t.kinds[name] != "w" or t.texts[name] in _KEYWORDS:
        return False
    if t.is_member(name) or (name > 0 and t.texts[name - 1] == "new"):
        return False
    k = close + 1
    if k < len(t) and t.kinds[k] == "w" and t.texts[k] == "throws":
        while k < len(t) and t.kinds[k] == "w":
            k += 1
    if k >= len(t) or t.kinds[k] != "{" or t.partner[k] < 0:
        return False
    # `f(x);` followed by a block `{ ... }` is a call, not a definition
    return _THROWS.fullmatch(t.text, t.ends[close], t.starts[k]) is not None


def _parameter_types(t: Tokens, params: int) -> list[str]:
    inside = t.text[t.ends[params] : t.starts[t.partner[params]]]
    types = []
    for piece in inside.split(","):
        words = regex.compile(r"[\w.]+").findall(regex.compile(r"<[^<>]*>|@\w+").sub("", piece))
        types.append(words[-2].rsplit(".", 1)[-1] if len(words) > 1 else "")
    return types if inside.strip() else []


def _summarise(file: _File, helpers: dict[str, list[int]]) -> None:
    """What each method of the file that is not a test checks and skips, callees first."""
    t = file.f.t
    bodies = {
        f"{name}@{p}": t.next_index(t.partner[p] + 1, "{")
        for name, at in helpers.items()
        for p in at
    }
    graph = {
        key: [
            callee
            for k in range(body + 1, t.partner[body])
            if t.kinds[k] == "w" and t.texts[k] in helpers and _called_here(t, k)
            for callee, _ in file.overloads[t.texts[k]]
        ]
        for key, body in bodies.items()
    }
    for key in callees_first(graph):
        skips: list[str] = []
        checks = _body(file, key.split("@")[0], bodies[key], 1, skips, record=False)
        file.summaries[key] = Summary(tuple(checks), tuple(skips))


_NUMBER = regex.compile(r"-?\d[\d_]*[lL]?\Z")
_NUMBERS = {"int", "long", "short", "byte", "double", "float", "Integer", "Long", "Number"}


def _resolve(file: _File, word: str, args: list[str]) -> Summary | None:
    """The summary of the overload of `word` that a call with `args` reaches: the same
    number of parameters, literals of a matching type, else the first one."""
    overloads = file.overloads[word]
    fitting = [key for key, types in overloads if len(types) == len(args)]
    for key, types in overloads:
        if key in fitting and all(_fits(a, p) for a, p in zip(args, types, strict=True)):
            return file.summaries.get(key)
    return file.summaries.get(fitting[0] if fitting else overloads[0][0])


def _fits(arg: str, kind: str) -> bool:
    if arg.startswith('"'):
        return kind in ("String", "CharSequence", "Object", "")
    if _NUMBER.match(arg):
        return kind in _NUMBERS or kind in ("Object", "")
    return True


def _called_here(t: Tokens, k: int) -> bool:
    """A call of the file's own method: `helper(...)` or `this.helper(...)`."""
    if k + 1 >= len(t) or t.kinds[k + 1] != "(":
        return False
    return not t.is_member(k) or t.text[: t.starts[k]].rstrip().endswith("this.")


def _label(t: Tokens, annotation: int) -> str:
    return t.texts[annotation][1:].rsplit(".", 1)[-1]


def _test(file: _File, name: str, annotations: list[int], params: int) -> None:
    f, t = file.f, file.f.t
    rows = 1
    for a in annotations:
        label = _label(t, a)
        args = a + 1
        opened = args < len(t) and t.kinds[args] == "(" and t.partner[args] > 0
        arguments = squash(t.text[t.ends[a] : t.ends[t.partner[args]]]) if opened else ""
        if _SKIP.match(label) or (label == "Test" and "enabled=false" in arguments):
            f.event("skip", name, a, t.texts[a] + arguments)  # TestNG: `enabled = false`
        if label in ("ValueSource", "CsvSource") and args < len(t) and t.kinds[args] == "(":
            inner = t.next_index(args, "{", t.partner[args])
            rows = max(t.elements(inner), 1) if inner > 0 else rows
    body = t.next_index(t.partner[params] + 1, "{") if t.partner[params] > 0 else -1
    if body < 0 or t.partner[body] < 0:
        return
    checks = _body(file, name, body, rows, [], record=True)
    for a in annotations:  # JUnit 4 `@Test(expected = X.class)`: a check of its own
        opened = a + 1 < len(t) and t.kinds[a + 1] == "(" and t.partner[a + 1] > 0
        arguments = t.text[t.ends[a] : t.ends[t.partner[a + 1]]] if opened else ""
        expected = regex.compile(r"expected\s*=\s*([\w.]+?)(?:\.class)?\s*[,)]").search(arguments)
        if _label(t, a) == "Test" and expected:
            line = t.line(a)
            form = f"raises({expected.group(1).rsplit('.', 1)[-1]})"
            sig = f"{form}:{squash(arguments)}"
            checks.append(
                Check(sig, _raises_strength(form), line, source_line(f.lines, line), rows, form)
            )
    f.tests.append(Test(name, t.line(params), tuple(checks), body_digest(t, body)))


def _body(
    file: _File, name: str, body: int, rows: int, skips: list[str], *, record: bool
) -> list[Check]:
    f, t = file.f, file.f.t
    checks: list[Check] = []
    i, end = body + 1, t.partner[body]
    guards = covered_tokens(body, end, _guards(t, body))
    mark, under = 0, False
    while i < end:
        if under:  # what the last token added runs only when a condition holds
            checks[mark:] = [guarded(c) for c in checks[mark:]]
        mark, under = len(checks), i in guards
        k = i + 1
        word = t.texts[i]
        if t.kinds[i] == "w" and word == "if" and t.depth(i) == t.depth(body) + 1:
            quiet = _quiet_exit(t, i, "return")
            if quiet:  # `if (!supported) { return; }`: the rest runs only sometimes
                skips.append(quiet)
                if record:
                    f.event("skip", name, i, quiet)
        if t.kinds[i] == "w" and word == "try" and i in file.raises:
            caught, block, fail = file.raises[i]
            checks.append(_raises(f, caught, i, block, fail, rows))
            i = t.partner[block] + 1  # the checks inside never decide the outcome
            continue
        if t.kinds[i] != "w" or k >= end or t.kinds[k] != "(" or t.partner[k] < 0:
            i += 1
            continue
        if word.startswith("assume") and word[6:7].isupper():  # assumeTrue, any receiver
            skips.append(word)
            if record:
                f.event("skip", name, i, word)
        elif word in file.overloads and _called_here(t, i):
            summary = _resolve(file, word, t.args(k))
            if summary is not None:
                checks += [c._replace(times=c.times * rows) for c in summary.checks]
                for skip in summary.skips:
                    skips.append(f"{word}: {skip}")
                    if record:
                        f.event("skip", name, i, f"{word}: {skip}")
        elif word == "expect" and t.is_member(i) and (t.args(k) or [""])[0].endswith(".class"):
            caught = t.args(k)[0].removesuffix(".class").rsplit(".", 1)[-1]
            line, form = t.line(i), f"raises({caught})"  # JUnit 4's ExpectedException rule
            sig = f"{form}:{squash(t.text[t.starts[i] : t.ends[t.partner[k]]])}"
            checks.append(
                Check(sig, _raises_strength(form), line, source_line(f.lines, line), rows, form)
            )
        elif word == "fail" and i in file.runs:
            line = t.line(i)
            sig = f"<runs {squash(t.text[t.starts[i] : t.ends[t.partner[k]]])}>"
            checks.append(Check(sig, WEAK, line, source_line(f.lines, line), rows, "<runs>"))
            i = t.partner[k]
        elif _is_assertion(t, i):
            found = _assertion(file, name, i, end, rows)
            checks += [found] if found else []
            i = k  # helpers and assertions inside the arguments count too
        i += 1
    if under:
        checks[mark:] = [guarded(c) for c in checks[mark:]]
    return checks


def _raises(f: Collector, caught: str, at: int, block: int, fail: int, rows: int) -> Check:
    """`try { call(); fail(); } catch (E e) {}`: the check that `call()` raises E."""
    t = f.t
    text = squash(t.text[t.ends[block] : t.starts[fail]])
    call = regex.compile(r"(?:Assert|Assertions)\.\Z").sub("", text).rstrip(";")
    line = t.line(at)
    form = f"raises({caught})"
    return Check(
        f"{form}:{call}", _raises_strength(form), line, source_line(f.lines, line), rows, form
    )


_ANY_ERROR = {"Exception", "RuntimeException", "Throwable", "Error"}


def _raises_strength(form: str) -> int:
    """An exception of a named type is a strong check; "throws something" is weak."""
    return WEAK if form[7:-1] in _ANY_ERROR else STRONG


def _idioms(t: Tokens) -> tuple[dict[int, tuple[str, int, int]], set[int]]:
    """The `try` statements that expect an exception (their body ends in `fail()`), with
    the exception their catch names; and the `fail()` calls of catch blocks that only say
    that the body did not throw."""
    raises: dict[int, tuple[str, int, int]] = {}
    runs: set[int] = set()
    for i in range(len(t)):
        if t.kinds[i] != "w" or t.texts[i] != "try":
            continue
        body = t.next_index(i + 1, "{")
        if body < 0 or t.partner[body] < 0:
            continue
        catches: list[tuple[str, int]] = []
        k = t.partner[body] + 1
        while k < len(t) and t.kinds[k] == "w" and t.texts[k] == "catch":
            block = t.next_index(k + 1, "{")
            if block < 0 or t.partner[block] < 0 or t.kinds[k + 1] != "(":
                break
            header = t.text[t.ends[k + 1] : t.starts[t.partner[k + 1]]].split()
            catches.append((header[-2].rsplit(".", 1)[-1] if len(header) > 1 else "", block))
            k = t.partner[block] + 1
        if not catches:
            continue
        fail = _ending_fail(t, body)
        if fail > 0:
            raises[i] = ("|".join(sorted(c for c, _ in catches)), body, fail)
            continue
        for _, block in catches:
            words = [x for x in range(block, t.partner[block]) if t.kinds[x] == "w"]
            fails = [x for x in words if t.texts[x] == "fail"]
            others = [x for x in words if t.texts[x].startswith("assert")]
            if fails and not others:
                runs.update(fails)
    return raises, runs


def _ending_fail(t: Tokens, body: int) -> int:
    """The `fail` token of a `fail(...);` that ends the block at `body` (-1: none)."""
    close = t.partner[body]
    last = close - 1
    if last <= body or t.kinds[last] != ")" or t.partner[last] < body + 2:
        return -1
    word = t.partner[last] - 1
    if t.kinds[word] != "w" or t.texts[word] != "fail":
        return -1
    return word if not t.text[t.ends[last] : t.starts[close]].strip(" \t\r\n;") else -1


def _is_assertion(t: Tokens, i: int) -> bool:
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


def _assertion(file: _File, name: str, i: int, end: int, rows: int) -> Check | None:
    f, t = file.f, file.f.t
    k = i + 1
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
    canon = None
    raised = _raised(word, method, args, last_args)
    if raised:
        caught, thrower = raised
        thrower = regex.compile(r"\A\(\)->\{?|;?\}?\Z").sub("", thrower)
        line = t.line(i)
        form = f"raises({caught})"
        return Check(
            f"{form}:{thrower}",
            _raises_strength(form),
            line,
            source_line(f.lines, line),
            rows,
            form,
        )
    if method == word and word != "assertThat":
        word, args = _junit(word, args, file)
        canon = f"{word}({','.join(args)})"
    elif method == word and len(args) == 3 and _is_message(args[0]):  # Hamcrest's reason
        args = args[1:]
        canon = f"{word}({','.join(args)})"
    found = f.check(
        name, i, t.ends[close], _strength(word, method, args, last_args), rows, canon=canon
    )
    if found is None:
        return None
    form = found.form
    for _ in range(8):  # `X.make().get(y)` and `made.get(y)`: a local inlined, the same check
        shorter = _RECEIVER_CALL.sub("_", form)
        if shorter == form:
            break
        form = shorter
    return found._replace(shape=form)


def _raised(word: str, method: str, args: list[str], last: list[str]) -> tuple[str, str] | None:
    """(the exception, the code that throws it) for `assertThrows(E.class, code)` and
    AssertJ's `assertThatThrownBy(code).isInstanceOf(E.class)` and
    `assertThatExceptionOfType(E.class).isThrownBy(code)`."""
    if method == word and word in ("assertThrows", "assertThrowsExactly") and len(args) >= 2:
        return args[0].removesuffix(".class").rsplit(".", 1)[-1], args[1]
    typed = bool(args and last and last[0].endswith(".class"))
    if word == "assertThatThrownBy" and method in ("isInstanceOf", "isExactlyInstanceOf") and typed:
        return last[0].removesuffix(".class").rsplit(".", 1)[-1], args[0]
    if word == "assertThatExceptionOfType" and method == "isThrownBy" and args and last:
        return args[0].removesuffix(".class").rsplit(".", 1)[-1], last[0]
    return None


def _is_message(arg: str) -> bool:
    return arg.startswith(('"', "()->", "String.format(")) or ('"' in arg and "+" in arg)


def _junit(word: str, args: list[str], file: _File) -> tuple[str, list[str]]:
    """One spelling of a JUnit assertion: its name and the arguments it compares, without
    the message (first in JUnit 4, last in JUnit 5)."""
    want = 2 if word in _TWO else 1 if word in _ONE else 0
    if want and len(args) > want:
        first, last = _is_message(args[0]), _is_message(args[-1])
        if last and (file.jupiter or not first):
            args = args[:-1]
        elif first:
            args = args[1:]
    if word in ("assertEquals", "assertSame", "assertNotEquals", "assertNotSame"):
        equal = word in ("assertEquals", "assertSame")
        if len(args) == 2:
            for n in (0, 1):
                value, other = args[n], args[1 - n]
                if value == "null":
                    return ("assertNull" if equal else "assertNotNull"), [other]
                if equal and (value in ("true", "Boolean.TRUE") or value in file.booleans):
                    return "assertTrue", [other]
                if equal and value in ("false", "Boolean.FALSE"):
                    return "assertFalse", [other]
    return word, args


def _strength(first: str, method: str, args: list[str], last_args: list[str]) -> int:
    if (first == "assertTrue" and args[:1] == ["true"]) or (
        first == "assertFalse" and args[:1] == ["false"]
    ):
        return 0
    if first in ("assertEquals", "assertSame", "assertArrayEquals") and same_args(args, 0):
        return 0
    if first.startswith("assertThat") and method != first:  # AssertJ, also assertThatThrownBy
        if (method == "isTrue" and args[:1] == ["true"]) or (
            method == "isFalse" and args[:1] == ["false"]
        ):
            return 0
        if method in ("isEqualTo", "isSameAs") and last_args[:1] == args[:1] and args[:1] != [""]:
            return 0
        return WEAK if method in _WEAK else STRONG
    if first == "assertThat" and len(args) >= 2:  # Hamcrest: assertThat(actual, matcher)
        matcher = args[-1]
        if matcher in (f"is({args[-2]})", f"equalTo({args[-2]})", f"is(equalTo({args[-2]}))"):
            return 0
        if matcher.startswith(("anything(", "is(anything(")):
            return 0
        weak = ("notNullValue(", "is(notNullValue(", "instanceOf(", "isA(", "not(nullValue(")
        return WEAK if matcher.startswith(weak) else STRONG
    if first in ("assertTrue", "assertFalse") and any(
        op in _STRINGS.sub('""', (args[:1] or [""])[0]) for op in ("==", "equals(", "<", ">")
    ):
        return STRONG
    return WEAK if first in _WEAK else STRONG


_LOOPS = ("for", "while", "do")
_FAILS = ("fail", "throw")


def _branch(t: Tokens, at: int) -> tuple[int, int]:
    """The token range an `if (...)` or `else` at `at` governs: its block, or its single
    statement (-1, -1 when it cannot be read)."""
    k = at + 1
    if t.texts[at] == "if":
        if k >= len(t) or t.kinds[k] != "(" or t.partner[k] < 0:
            return -1, -1
        k = t.partner[k] + 1
    if k >= len(t):
        return -1, -1
    if t.kinds[k] == "{":
        return (k, t.partner[k]) if t.partner[k] > 0 else (-1, -1)
    if t.kinds[k] == "w" and t.texts[k] == "if":
        return -1, -1  # `else if`: the `if` has its own branch
    stop = k
    while (
        stop < len(t)
        and ";" not in t.text[t.ends[stop] : t.starts[stop + 1] if stop + 1 < len(t) else None]
    ):
        stop = t.partner[stop] if t.kinds[stop] in ("(", "[", "{") and t.partner[stop] > 0 else stop
        stop += 1
    return k - 1, min(stop + 1, len(t) - 1)


def _quiet_exit(t: Tokens, at: int, exit_word: str) -> str:
    """For `if (cond) { return; }` (or `continue`) that leaves without failing: what it
    says, else ""."""
    start, stop = _branch(t, at)
    if start < 0:
        return ""
    words = [t.texts[x] for x in range(start + 1, stop) if t.kinds[x] == "w"]
    if exit_word not in words or any(w in _FAILS or w.startswith("assert") for w in words):
        return ""
    condition = t.text[
        t.ends[at] : t.starts[start + 1] if t.kinds[start] != "{" else t.starts[start]
    ]
    return f"{exit_word} if {squash(condition)}"


def _guards(t: Tokens, body: int) -> list[tuple[int, int]]:
    """What runs only sometimes inside a body: the branches of `if`/`else`, and the rest
    of a loop after an `if (...) continue;`."""
    out = []
    loops: list[tuple[int, int]] = []  # the loops open at token k, innermost last
    for k in range(body + 1, t.partner[body]):
        while loops and loops[-1][1] < k:
            loops.pop()
        if t.kinds[k] != "w":
            continue
        if t.texts[k] in _LOOPS:
            block = k + 1
            if block < len(t) and t.kinds[block] == "(" and t.partner[block] > 0:
                block = t.partner[block] + 1
            if block < len(t) and t.kinds[block] == "{" and t.partner[block] > 0:
                loops.append((block, t.partner[block]))
        if t.texts[k] not in ("if", "else"):
            continue
        start, stop = _branch(t, k)
        if start < 0:
            continue
        out.append((start, stop))
        if loops and _quiet_exit(t, k, "continue"):
            out.append((stop, loops[-1][1]))  # the rest of the innermost loop
    return out
