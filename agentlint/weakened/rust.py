"""Rust tests, at the level of assertions and markers.

- Tests: `#[test]` functions (and `#[tokio::test]`, `#[rstest]`...), and tests made by a
  macro named `...test!`.
- Checks: the `assert!` family, `#[should_panic]`, and what the file's helper functions
  check.
- Markers: `#[ignore]`, `#[cfg(...)]`/`#[cfg_attr(..., ignore)]` on a test, a check under
  `#[cfg]`, `#[cfg(any())] mod`, an early `return`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from agentlint.weakened.collect import Collector, Summary, body_digest, callees_first, same_args
from agentlint.weakened.model import STRONG, WEAK, Check, Event, Parsed, Test, source_line
from agentlint.weakened.scan import Tokens, squash


def _called_here(t: Tokens, k: int) -> bool:
    return k + 1 < len(t) and t.kinds[k + 1] == "(" and not t.is_member(k)


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
    summaries: dict[str, Summary] = {}
    for name in callees_first(graph):
        checks = _rust_body(f, name, helpers[name].body, 1, summaries, record=False)
        summaries[name] = Summary(tuple(checks), ())
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


def _rust_test(f: Collector, fn: _RustFn, summaries: dict[str, Summary]) -> None:
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
    f.tests.append(Test(fn.name, t.line(fn.at), tuple(checks), body_digest(t, fn.body)))


def _rust_body(
    f: Collector, name: str, body: int, rows: int, summaries: dict[str, Summary], *, record: bool
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
        if always or (macro.endswith("assert_eq") and same_args(args, 0)):
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
