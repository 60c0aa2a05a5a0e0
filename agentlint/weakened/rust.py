"""Rust tests, at the level of assertions and markers.

- Tests: `#[test]` functions (and `#[tokio::test]`, `#[rstest]`...), and tests made by a
  macro named `...test!`.
- Checks: the `assert!` family, `#[should_panic]`, and what the file's helper functions
  check.
- Markers: `#[ignore]`, `#[cfg(...)]`/`#[cfg_attr(..., ignore)]` on a test, a check under
  `#[cfg]`, `#[cfg(any())] mod`, an early `return`.
"""

from __future__ import annotations

from agentlint import regex, structs
from agentlint.weakened import rustcfg
from agentlint.weakened.collect import (
    Collector,
    Summary,
    body_digest,
    covered_tokens,
    guarded,
    same_args,
)
from agentlint.weakened.graph import callees_first
from agentlint.weakened.model import STRONG, WEAK, Check, Event, Parsed, Test, source_line
from agentlint.weakened.scan import Tokens, squash

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping


def _called_here(t: Tokens, k: int, *, path: bool = False) -> bool:
    """A call of a function of the file: not a method, not a definition (`fn name(`), not
    a path into another module (`other::name(`; `self::name(` is here) unless `path`."""
    if k + 1 >= len(t) or t.kinds[k + 1] != "(" or t.is_member(k):
        return False
    before = t.text[max(0, t.starts[k] - 40) : t.starts[k]].rstrip()
    if before.endswith("::") and not path:
        return before[:-2].rstrip().endswith("self")
    return not (k > 0 and t.kinds[k - 1] == "w" and t.texts[k - 1] == "fn")


_RUST_FN = regex.compile(r"(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?(?:unsafe\s+)?fn\s+(\w+)")
_RUST_ASSERT = regex.compile(r"\w*assert\w*\Z|\w*_(?:eq|ne)\Z|eq\w*\Z")  # also `eqnice!`
_UNWRAPS = {"unwrap", "expect", "unwrap_err", "expect_err"}
_TEST_ALIAS = regex.compile(r"\buse\s+[\w:]*\btest\s+as\s+(\w+)\s*;")
_CLOSURE = regex.compile(r",\s*(?:move\s*)?\|[^|]*\|\s*\Z")
_LET = regex.compile(r"let\s+(?:mut\s+)?[^=;{}]*?(?::[^=;{}]*)?=(?![=>])\s*")
_LONGEST_STATEMENT = 200  # tokens read back for an `.unwrap()`'s statement (bounded work)
_RUST_NEVER = {"cfg(any())", "cfg(all(any()))", "cfg(not(all()))", "cfg(FALSE)", "cfg(never)"}


class _RustFn(structs.Struct):
    name: str
    at: int  # the `fn` token
    body: int
    labels: tuple[str, ...]  # its attributes, squashed: `test`, `ignore="slow"`, `cfg(unix)`


def library(text: str | None) -> dict[str, Summary]:
    """What the functions of a file that are not tests check (a helper module such as
    `tests/util.rs`), for the other files of the change that call them."""
    if text is None:
        return {}
    f = Collector(Tokens(text, "rust", (r"[A-Za-z_]\w*",)))
    return _summaries(f, [fn for fn in _rust_fns(f.t) if not _rust_is_test(fn)], {})


def measure_pair(
    before: str | None,
    after: str | None,
    libraries: tuple[Mapping[str, Summary], Mapping[str, Summary]] = ({}, {}),
) -> tuple[Parsed, Parsed]:
    """Both sides of one file. A file with no tests on either side (`tests/util.rs`) is
    a helper module: each helper it keeps is measured as if it were a test, so a helper
    that checks less than before is reported, whoever calls it (callers in unchanged
    files are not read). A helper that goes or comes is not: its callers change too."""
    old, new = measure_rust(before, libraries[0]), measure_rust(after, libraries[1])
    old = _unlike_ignores(old, new)
    if old.tests or new.tests or before is None or after is None:
        return old, new
    mine_b, mine_a = _helper_tests(before), _helper_tests(after)
    both = mine_b.keys() & mine_a.keys()
    kept = {n for n in both if mine_b[n][0].checks or mine_a[n][0].checks}
    return _kept(old, mine_b, kept), _kept(new, mine_a, kept)


def _kept(parsed: Parsed, helpers: dict[str, tuple[Test, list[Event]]], kept: set[str]) -> Parsed:
    tests = [helpers[n][0] for n in helpers if n in kept]
    events = [e for n in helpers if n in kept for e in helpers[n][1]]
    return parsed._replace(tests=tuple(tests), events=(*parsed.events, *events))


def _ignore_condition(key: str) -> str | None:
    """The condition of `#[cfg_attr(cond, ignore...)]`, squashed; `all()` (always) for
    `#[ignore]`; None for another marker."""
    if key == "#[ignore]" or key.startswith("#[ignore="):
        return "all()"
    if not key.startswith("#[cfg_attr(") or not key.endswith(")]"):
        return None
    parts = rustcfg.split(key[11:-2])
    return parts[0] if len(parts) > 1 and parts[1].startswith("ignore") else None


def _implies(new: str, old: str, depth: int = 0) -> bool:
    """Whether `new` can hold only where `old` holds, as far as its form shows."""
    if new == old or old == "all()":
        return True
    if depth > 8:
        return False
    if new.startswith("all(") and any(
        _implies(p, old, depth + 1) for p in rustcfg.split(new[4:-1])
    ):
        return True
    if old.startswith("any(") and any(
        _implies(new, p, depth + 1) for p in rustcfg.split(old[4:-1])
    ):
        return True
    if new.startswith("not(") and old.startswith("not("):
        return _implies(old[4:-1], new[4:-1], depth + 1)
    return False


def _unlike_ignores(old: Parsed, new: Parsed) -> Parsed:
    """A test ignored under a condition before and after the change is ignored in the
    same way only when the new condition holds only where the old one did
    (`cfg_attr(windows, ignore)` to `cfg_attr(all(windows, target_env = "gnu"), ignore)`).
    When it may hold elsewhere (`not(cargo_expand)` to `not(expandtest)`, `miri` to
    `any(miri, windows)`), the test may now be ignored where it ran: the old marker is
    dropped, so the new one is reported as added."""
    was: dict[str, list[str]] = {}
    for e in old.events:
        condition = _ignore_condition(e.key) if e.kind == "skip" else None
        if condition is not None:
            was.setdefault(e.owner, []).append(condition)
    unlike = set()
    for e in new.events:
        condition = _ignore_condition(e.key) if e.kind == "skip" else None
        known = was.get(e.owner, []) if condition is not None else []
        if known and not any(_implies(condition or "", c) for c in known):
            unlike.add(e.owner)
    if not unlike:
        return old
    kept = tuple(e for e in old.events if e.owner not in unlike or _ignore_condition(e.key) is None)
    return old._replace(events=kept)


def _helper_tests(text: str) -> dict[str, tuple[Test, list[Event]]]:
    """The helpers of a file without tests, each read as a test of its own, with the
    skips it makes (an early `return`)."""
    f = Collector(Tokens(text, "rust", (r"[A-Za-z_]\w*",)))
    fns = [fn for fn in _rust_fns(f.t) if not _rust_is_test(fn)]
    summaries = _summaries(f, fns, {})
    out = {}
    for fn in fns:
        if fn.name not in summaries:
            continue
        name, line = f"helper {fn.name}", f.t.line(fn.at)
        summary = summaries[fn.name]
        test = Test(name, line, summary.checks, body_digest(f.t, fn.body))
        text_at = source_line(f.lines, line)
        out[fn.name] = (test, [Event("skip", name, line, text_at, k) for k in summary.skips])
    return out


def measure_rust(text: str | None, others: Mapping[str, Summary] | None = None) -> Parsed:
    """The tests of a file; `others` are the helpers the change's other Rust files define
    (`utils::assert_error(...)`)."""
    if text is None:
        return Parsed(absent=True)
    f = Collector(Tokens(text, "rust", (r"[A-Za-z_]\w*",)))
    t = f.t
    aliases = frozenset(_TEST_ALIAS.findall(text))
    fns = [fn._replace(labels=_aliased(fn.labels, aliases)) for fn in _rust_fns(t)]
    tests = [fn for fn in fns if _rust_is_test(fn)]
    spans = [(fn.body, t.partner[fn.body]) for fn in tests]
    helpers = [
        fn for fn in fns if not _rust_is_test(fn) and not any(a < fn.at < b for a, b in spans)
    ]  # a function defined inside a test is read with the test
    summaries = _summaries(f, helpers, others or {})
    for fn in _variants(tests):
        _rust_test(f, fn, summaries)
    for m in regex.compile(
        r"#\[\s*cfg\s*\(\s*any\s*\(\s*\)\s*\)\s*\]\s*(?:pub\s+)?mod\s+(\w+)"
    ).finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        f.events.append(
            Event(
                "skip", "<module>", line, source_line(f.lines, line), "cfg(any()) mod " + m.group(1)
            )
        )
    return f.parsed()


def _summaries(
    f: Collector, fns: list[_RustFn], others: Mapping[str, Summary]
) -> dict[str, Summary]:
    """What each helper checks and skips, callees first; then the other files' helpers
    that the file does not define itself."""
    t = f.t
    helpers = {fn.name: fn for fn in fns}
    graph = {
        name: [
            t.texts[k]
            for k in range(fn.body + 1, t.partner[fn.body])
            if t.kinds[k] == "w" and t.texts[k] in helpers and _called_here(t, k)
        ]
        for name, fn in helpers.items()
    }
    summaries: dict[str, Summary] = {}
    for name in callees_first(graph):
        skips: list[str] = []
        checks = _rust_body(f, name, helpers[name].body, 1, summaries, skips, record=False)
        summaries[name] = Summary(tuple(checks), tuple(skips))
    for name, summary in others.items():
        summaries.setdefault(name, summary._replace(foreign=True))
    return summaries


def _rust_fns(t: Tokens) -> list[_RustFn]:
    out = []
    attrs: list[int] = []
    inside = -1  # the end of the last function's body: macros there are not tests
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
                    inside = max(inside, t.partner[body])
            continue
        macro = _test_macro(t, i, item=i > inside) if kind == "w" else None
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


def _test_macro(t: Tokens, i: int, *, item: bool) -> tuple[str, int] | None:
    """A call of a macro whose first argument names the test and whose last holds its
    body in braces: (name, the body's `{`). The macro is named `...test!`, or it is called
    outside functions with a closure last (`clean!(name, "pat", ".", |wd, cmd| {...})`)."""
    word = t.texts[i]
    k = i + 1
    if t.is_member(i) or not t.text.startswith("!", t.ends[i]) or word == "macro_rules":
        return None
    if not word.endswith("test") and not item:
        return None
    if k >= len(t) or t.kinds[k] != "(" or t.partner[k] < 0:
        return None
    name = regex.compile(r"\s*([A-Za-z_]\w*)\s*,").match(t.text[t.ends[k] : t.ends[k] + 200])
    body = t.partner[k] - 1
    if name is None or t.kinds[body] != "}" or t.partner[body] < 0:
        return None
    closure = _CLOSURE.search(t.text, t.ends[k], t.starts[t.partner[body]])
    if not word.endswith("test") and not closure:
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
        or label.endswith(("::test", "_test"))  # `#[wasm_bindgen_test]`
        or label.startswith(("test(", "rstest", "test_case("))
        or label.endswith("::test(")
        or "::test(" in label
        for label in fn.labels
    )


def _rust_test(f: Collector, fn: _RustFn, summaries: dict[str, Summary]) -> None:
    t = f.t
    rows = max(1, sum(1 for label in fn.labels if label.startswith(("case(", "test_case("))))
    checks: list[Check] = []
    for label in fn.labels:
        if label.startswith("ignore") or (
            label.startswith("cfg_attr(")
            and "ignore" in label
            and rustcfg.value(rustcfg.split(label[9:-1])[0]) is not False
        ):
            f.event("skip", fn.name, fn.at, f"#[{label}]")
        elif (
            label.startswith("cfg(") and rustcfg.value(label[4:-1]) is not True
        ) or label in _RUST_NEVER:
            f.event("skip", fn.name, fn.at, f"#[{label}]")  # compiled only when it holds
        if label.startswith("should_panic"):
            line = t.line(fn.at)
            checks.append(
                Check(f"#[{label}]", STRONG, line, source_line(f.lines, line), rows, "should_panic")
            )
    checks += _rust_body(f, fn.name, fn.body, rows, summaries, [], record=True)
    f.tests.append(Test(fn.name, t.line(fn.at), tuple(checks), body_digest(t, fn.body)))


def _rust_body(
    f: Collector,
    name: str,
    body: int,
    rows: int,
    summaries: dict[str, Summary],
    skips: list[str],
    *,
    record: bool,
) -> list[Check]:
    t = f.t
    checks: list[Check] = []
    end = t.partner[body]
    level = t.depth(body) + 1
    guards = covered_tokens(body, end, _guards(t, body))
    mark, under = 0, False
    k = body + 1
    while k < end:
        if under:  # what the last token added runs only when a condition holds
            checks[mark:] = [guarded(c) for c in checks[mark:]]
        mark, under = len(checks), k in guards
        word = t.texts[k]
        if t.kinds[k] == "#" and t.partner[k] > 0:  # `#[cfg(feature = "x")] assert!(...);`
            label = squash(t.text[t.ends[k] : t.starts[t.partner[k]]])
            k = t.partner[k] + 1
            if label.startswith("cfg(") and rustcfg.value(label[4:-1]) is not True:
                k = _after_statement(t, k, end)  # checked only in some builds: not counted
            continue
        if t.kinds[k] in (")", "w") and t.text.startswith("?", t.ends[k]):
            start = _statement_start(t, k, body)  # `call()?` fails the test as `.unwrap()` does
            canon = squash(t.text[start : t.ends[k]]) + ".unwrap()"
            found = f.check(name, k, t.ends[k], WEAK, rows, start, canon=canon)
            checks += [found] if found else []
        if t.kinds[k] != "w":
            k += 1
            continue
        if word == "return" and t.depth(k) == level:
            break  # what follows never runs
        if word == "if" and t.depth(k) == level:
            returns = _quiet_return(t, k, end)
            if returns:  # `if !has_tool() { return; }`: the rest runs only sometimes
                skips.append(returns)
                if record:
                    f.event("skip", name, k, returns)
        if word in summaries and _called_here(t, k, path=summaries[word].foreign):
            checks += [c._replace(times=c.times * rows) for c in summaries[word].checks]
            for skip in summaries[word].skips:
                skips.append(f"{word}: {skip}")
                if record:
                    f.event("skip", name, k, f"{word}: {skip}")
            k += 1
            continue
        if word in _UNWRAPS and t.is_member(k) and k + 1 < end and t.kinds[k + 1] == "(":
            close = t.partner[k + 1]  # `.unwrap()`: a check that the call succeeded
            found = f.check(name, k, t.ends[close], WEAK, rows, _statement_start(t, k, body))
            checks += [found] if found else []
            k += 1
            continue
        if word == "Assert" and t.text.startswith("::new(", t.ends[k]):
            stop = _after_statement(t, k, end)  # snapbox: `Assert::new()....matches(...)`
            last = stop - 1 if stop - 1 > k else k
            found = f.check(name, k, t.ends[last], STRONG, rows)
            checks += [found] if found else []
            k = stop
            continue
        if (
            word.startswith("assert")
            and k + 1 < end
            and t.kinds[k + 1] == "("
            and not t.text.startswith("!", t.ends[k])
        ):
            close = t.partner[k + 1]  # `snapbox::assert_eq(...)`, `cmd.assert()`...
            if close > 0 and word not in summaries:
                found = f.check(name, k, t.ends[close], STRONG, rows)
                checks += [found] if found else []
                k = close + 1
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
        equal = macro.endswith("_eq") or macro.startswith("eq")
        if always or (equal and same_args(args, 0)):
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
    if under:
        checks[mark:] = [guarded(c) for c in checks[mark:]]
    return checks


def _aliased(labels: tuple[str, ...], aliases: frozenset[str]) -> tuple[str, ...]:
    """`use tokio::test as maybe_tokio_test;` makes `#[maybe_tokio_test]` a test."""
    return tuple("test" if label in aliases else label for label in labels)


def _variants(tests: list[_RustFn]) -> list[_RustFn]:
    """Tests of one name under different `#[cfg]`s are variants of one test (only one is
    compiled): the first stands for them all."""
    seen: set[str] = set()
    out = []
    for fn in tests:
        gated = any(label.startswith("cfg(") for label in fn.labels)
        if gated and fn.name in seen:
            continue
        seen.add(fn.name)
        out.append(fn)
    return out


def _quiet_return(t: Tokens, at: int, end: int) -> str:
    """For `if cond { return; }` that returns without failing: what it says, else ""."""
    block = at + 1
    while block < end and t.kinds[block] != "{":
        block = (
            t.partner[block] + 1
            if t.kinds[block] in ("(", "[") and t.partner[block] > 0
            else block + 1
        )
    if block >= end or t.partner[block] < 0:
        return ""
    inner = range(block + 1, t.partner[block])
    words = [t.texts[x] for x in inner if t.kinds[x] == "w"]
    if "return" not in words or any(
        w in ("panic", "unreachable", "todo", "unimplemented") or _RUST_ASSERT.match(w)
        for w in words
    ):
        return ""
    level = t.depth(block) + 1
    if not any(t.texts[x] == "return" and t.depth(x) == level for x in inner):
        return ""
    return "return if " + squash(t.text[t.ends[at] : t.starts[block]])


def _statement_start(t: Tokens, k: int, body: int) -> int:
    """The offset where the expression of the statement holding token `k` starts (after
    a `let pattern =`, so binding the result or not is the same call)."""
    start = _statement(t, k, body)
    binding = _LET.match(t.text, start, t.starts[k])
    return binding.end() if binding else start


def _statement(t: Tokens, k: int, body: int) -> int:
    """The offset where the statement holding token `k` starts."""
    j = k
    while j - 1 > body and k - j < _LONGEST_STATEMENT:
        prev = j - 1
        if t.kinds[prev] == "{" or ";" in t.text[t.ends[prev] : t.starts[j]]:
            break
        if t.kinds[prev] == "}" or t.kinds[prev] == "#":
            break  # a block or an item ends before this statement
        if t.kinds[prev] in (")", "]") and t.partner[prev] > body:
            j = t.partner[prev]
            continue
        j = prev
    return t.starts[j]


def _guards(t: Tokens, body: int) -> list[tuple[int, int]]:
    """The blocks of `if`/`else` inside a body: what they hold runs only sometimes."""
    out = []
    for k in range(body + 1, t.partner[body]):
        if t.kinds[k] != "w" or t.texts[k] not in ("if", "else"):
            continue
        block = k + 1
        while block < len(t) and t.kinds[block] != "{":
            opener = t.kinds[block] in ("(", "[") and t.partner[block] > 0
            block = t.partner[block] + 1 if opener else block + 1
        if block < len(t) and t.partner[block] > 0:
            out.append((block, t.partner[block]))
    return out
