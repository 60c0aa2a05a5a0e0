"""Java and Rust classes of failure found on real history (issue 13), on files of real size.

The suites are written for this project in the shape of the real ones the classes came
from (a JUnit class of a few hundred lines with helpers, overloads and try/fail blocks; a
Rust integration test file with helpers, macro-made tests and cfg gates). Each class has
its weakening and the honest change that looks like it.
"""

from __future__ import annotations

from agentlint.weakened import java, rust, rustcfg
from tests.weakened.test_real_patterns import codes, judge

JAVA = "src/test/java/org/example/text/WrapTest.java"
RUST = "tests/wrap.rs"


def junit_suite(n: int = 30, *, junit5: bool = True, extra: str = "") -> str:
    """A JUnit class of `n` tests on an invented text wrapper, with helpers (two overloads
    of one name), messages, an expected-exception block and a bare block in a test."""
    pkg = "org.junit.jupiter.api" if junit5 else "org.junit"
    assertions = "org.junit.jupiter.api.Assertions" if junit5 else "org.junit.Assert"
    out = [
        "package org.example.text;",
        "",
        *(f"import static {assertions}.{a};" for a in ("assertEquals", "assertNull", "fail")),
        *(f"import static {assertions}.{a};" for a in ("assertTrue", "assertArrayEquals")),
        f"import {pkg}.Test;",
        "",
        "public class WrapTest {",
        "",
        "    private final boolean unicode = Wrap.supportsUnicode();",
        "",
        "    private void checkWrap(final String in, final int width, final String out) {",
        '        assertEquals(out, Wrap.wrap(in, width), "wrap " + in);',
        "    }",
        "",
        "    private void checkWrap(final Locale locale, final int width) {",
        "        assertTrue(Wrap.wrap(locale.getDisplayName(), width).length() > 0);",
        "    }",
        "",
        "    private String[] expectedLines() {",
        '        assertArrayEquals(new String[0], Wrap.lines(""));',
        '        return new String[] {"a", "b"};',
        "    }",
        "",
    ]
    for k in range(n):
        message = f'"width {k}", ' if not junit5 else ""
        trailing = "" if not junit5 else f', "width {k}"'
        out += [
            "    @Test",
            f"    public void testWrap{k}() {{",
            f'        checkWrap("{"word " * (k % 5 + 1)}", {k + 4}, "{"word" * (k % 3 + 1)}");',
            f'        assertEquals({message}{k + 4}, Wrap.width("{k}"){trailing});',
            f'        assertTrue(Wrap.fits("{k}", {k + 4}));',
            "    }",
            "",
        ]
    out += [
        "    @Test",
        "    public void testLines() {",
        '        assertArrayEquals(expectedLines(), Wrap.lines("a\\nb"));',
        '        assertEquals(null, Wrap.first(""));',
        '        assertNull(Wrap.first(""));',
        '        assertEquals(unicode, Wrap.isWide("\\u3042"));',
        "        {",
        '            final String[] parts = Wrap.lines("x\\ny\\nz");',
        "            assertEquals(3, parts.length);",
        "        }",
        "    }",
        "",
        "    @Test",
        "    public void testNullText() {",
        "        try {",
        '            assertEquals("", Wrap.wrap(null, 10));',
        '            fail("Should have thrown NullPointerException");',
        "        } catch (NullPointerException e) {",
        "        }",
        "    }",
        "",
        "    @Test",
        "    public void testLocales() {",
        "        for (final Locale locale : Locale.getAvailableLocales()) {",
        "            checkWrap(locale, 20);",
        "        }",
        '        checkWrap("ja", 2, "ja");',
        "    }",
        "",
    ]
    return "\n".join([*out, extra, "}", ""])


def test_a_call_before_a_bare_block_is_not_a_helper_definition():
    """`assertEquals(...);` followed by `{ ... }` once made `assertEquals` a helper whose
    summary replaced every other assertEquals of the file."""
    parsed = java.measure_java(junit_suite())
    lines = {t.name: [c.sig for c in t.checks] for t in parsed.tests}["WrapTest.testLines"]
    assert "assertEquals(3,parts.length)" in lines
    assert len(lines) == 6  # the helper's check, the array, two null checks, flag, length
    widths = {t.name: len(t.checks) for t in parsed.tests}
    assert widths["WrapTest.testWrap3"] == 3


def test_java_one_spelling_for_messages_null_and_boolean_equality():
    junit4, junit5 = junit_suite(junit5=False), junit_suite(junit5=True)
    assert codes({JAVA: (junit4, junit5)}) == []
    duplicate = junit5.replace('        assertEquals(null, Wrap.first(""));\n', "")
    assert codes({JAVA: (junit5, duplicate)}) == []  # assertNull(...) of the same stays
    flag = junit5.replace(
        'assertEquals(unicode, Wrap.isWide("\\u3042"));', 'assertTrue(Wrap.isWide("\\u3042"));'
    )
    assert codes({JAVA: (junit5, flag)}) == []
    looser = junit5.replace(
        'assertEquals(7, Wrap.width("3"), "width 3");', 'assertTrue(Wrap.width("3") > 0);'
    )
    assert codes({JAVA: (junit5, looser)}) == ["AL303"]
    gone = junit5.replace('        assertNull(Wrap.first(""));\n', "").replace(
        '        assertEquals(null, Wrap.first(""));\n', ""
    )
    assert codes({JAVA: (junit5, gone)}) == ["AL303"]


def test_java_expected_exception_idioms_are_one_check():
    before = junit_suite()
    unwrapped = before.replace(
        '            assertEquals("", Wrap.wrap(null, 10));\n', "            Wrap.wrap(null, 10);\n"
    )
    assert codes({JAVA: (before, unwrapped)}) == []  # the assertEquals never ran
    throws = before.replace(
        "        try {\n"
        '            assertEquals("", Wrap.wrap(null, 10));\n'
        '            fail("Should have thrown NullPointerException");\n'
        "        } catch (NullPointerException e) {\n"
        "        }\n",
        "        assertThrows(NullPointerException.class, () -> Wrap.wrap(null, 10));\n",
    )
    assert codes({JAVA: (unwrapped, throws)}) == []
    dropped = before.replace(
        "        try {\n"
        '            assertEquals("", Wrap.wrap(null, 10));\n'
        '            fail("Should have thrown NullPointerException");\n'
        "        } catch (NullPointerException e) {\n"
        "        }\n",
        "        Wrap.wrap(null, 10);\n",
    )
    assert codes({JAVA: (before, dropped)}) == ["AL303"]
    anything = before.replace("catch (NullPointerException e)", "catch (RuntimeException e)")
    assert codes({JAVA: (before, anything)}) == ["AL303"]  # "throws something" is weak
    broad = throws.replace(
        "assertThrows(NullPointerException.class", "assertThrows(Exception.class"
    )
    assert codes({JAVA: (throws, broad)}) == ["AL303"]


def test_java_must_not_throw_and_an_inlined_local_move_with_their_tests():
    """A file's test moves into a bigger suite: `try { call(); } catch (Throwable t) {
    fail(); }` becomes the bare call, and a local is inlined into the assertion."""
    old_file = (
        "package org.example.text;\n\nimport static org.junit.jupiter.api.Assertions.*;\n\n"
        "import org.junit.jupiter.api.Test;\n\npublic class NopTest {\n"
        "    @Test\n    public void testNop() throws Throwable {\n"
        "        final Wrapper<Object> nop = Wrapper.nop();\n"
        '        assertNull(nop.apply(Integer.MAX_VALUE), "Expect NOP to return null");\n'
        "    }\n\n    @Test\n    public void testAccept() {\n        try {\n"
        '            Wrapper.nop().accept("Foo", 1);\n        } catch (final Throwable t) {\n'
        "            fail(t);\n        }\n    }\n}\n"
    )
    moved = (
        "    @Test\n    public void testWrapperNop() throws Throwable {\n"
        '        assertNull(Wrapper.nop().apply(Integer.MAX_VALUE), "Expect NOP to return null");\n'
        "    }\n\n    @Test\n    public void testWrapperAccept() throws Throwable {\n"
        '        Wrapper.nop().accept("Foo", 1);\n    }\n'
    )
    suite = junit_suite()
    files = {
        "src/test/java/org/example/text/NopTest.java": (old_file, None),
        JAVA: (suite, junit_suite(extra=moved)),
    }
    assert codes(files) == []
    files[JAVA] = (
        suite,
        junit_suite(extra=moved.split("    @Test\n    public void testWrapperAccept")[0]),
    )
    assert codes(files) == ["AL301"]


def test_java_junit3_tests_are_tests():
    suite = "\n".join(
        [
            "package org.example.text;",
            "",
            "import junit.framework.TestCase;",
            "",
            "public class LegacyWrapTest extends TestCase {",
            *(
                f'    public void testWrap{k}() {{\n        assertEquals("w{k}", Wrap.wrap("w{k}", 9));\n'
                "    }\n"
                for k in range(25)
            ),
            "    public void setUp() {\n        Wrap.reset();\n    }\n",
            "}",
            "",
        ]
    )
    names = [t.name for t in java.measure_java(suite).tests]
    assert len(names) == 25 and "LegacyWrapTest.setUp" not in names
    contains = suite.replace(
        'assertEquals("w4", Wrap.wrap("w4", 9));', 'assertTrue(Wrap.wrap("w4", 9).contains("<w>"));'
    )
    path = "src/test/java/org/example/text/LegacyWrapTest.java"
    assert codes({path: (suite, contains)}) == ["AL303"]  # `<`/`>` in a string: no comparison


def test_java_overloads_and_helpers_inside_assertions():
    before = junit_suite()
    assumed = before.replace(
        "    private void checkWrap(final String in, final int width, final String out) {\n",
        "    private void checkWrap(final String in, final int width, final String out) {\n"
        "        assumeTrue(Wrap.supportsUnicode());\n",
    )
    found = judge({JAVA: (before, assumed)})
    assert {w.code for w in found} == {"AL304"}
    assert "WrapTest.testLocales" in {w.test for w in found}  # its String overload call
    other = before.replace(
        "    private void checkWrap(final Locale locale, final int width) {\n",
        "    private void checkWrap(final Locale locale, final int width) {\n"
        "        assumeTrue(locale.getLanguage().length() == 2);\n",
    )
    found = judge({JAVA: (before, other)})
    assert [(w.code, w.test) for w in found] == [("AL304", "WrapTest.testLocales")]
    inside = before.replace('        assertArrayEquals(new String[0], Wrap.lines(""));\n', "")
    assert codes({JAVA: (before, inside)}) == ["AL303"]  # the helper runs inside an assertion


# -- Rust ---------------------------------------------------------------------------------


def rust_file(n: int = 30, *, extra: str = "", head: str = "") -> str:
    """A Rust integration test file of `n` tests on an invented wrapper: a helper, tests
    made by a macro called with a closure, a nested function and a guard with Drop."""
    out = [
        head,
        "use std::sync::mpsc;",
        "use wrap::{Wrapper, WorkDir};",
        "",
        "fn check_wrap(input: &str, width: usize, expected: &str) {",
        "    let wrapped = Wrapper::new(width).wrap(input).unwrap();",
        "    eqnice!(expected, wrapped);",
        "}",
        "",
    ]
    for k in range(n):
        out += [
            "#[test]",
            f"fn wraps_{k}() {{",
            f'    check_wrap("{"word " * (k % 4 + 1)}", {k + 3}, "word");',
            f"    assert_eq!(Wrapper::new({k + 3}).width(), {k + 3});",
            "}",
            "",
        ]
    for k in range(8):
        out += [
            f'wdtest!(regression_{k}, "pat{k}", ".", |wd: WorkDir, mut cmd: Command| {{',
            f'    wd.create("file{k}", "pat{k}");',
            "    let lines: String = wd.stdout(&mut cmd);",
            f'    assert_eq!(lines, "file{k}:pat{k}\\n");',
            "});",
            "",
        ]
    out += [
        "#[test]",
        "fn drop_wakes_the_receiver() {",
        "    struct WakeOnDrop(Option<mpsc::Sender<()>>);",
        "",
        "    impl Drop for WakeOnDrop {",
        "        fn drop(&mut self) {",
        "            self.0.take().unwrap().send(()).unwrap();",
        "        }",
        "    }",
        "",
        "    fn expect_empty(w: &Wrapper) {",
        '        assert!(w.wrap("").unwrap().is_empty());',
        "    }",
        "",
        "    let (tx, rx) = mpsc::channel();",
        "    let w = Wrapper::new(4);",
        "    expect_empty(&w);",
        "    drop(WakeOnDrop(Some(tx)));",
        "    rx.recv().unwrap();",
        "    assert!(w.is_idle());",
        "}",
        "",
    ]
    return "\n".join([*out, extra, ""])


def test_rust_a_test_left_with_no_check_lost_its_checks():
    """It still runs, but running is not checking: the implicit check of a test that
    names none does not make up for the one it lost (the sanity assert dropped)."""
    extra = "#[test]\nfn idle_after_drop() {\n    let w = Wrapper::new(4);\n    drop(w.clone());\n"
    before = rust_file(extra=extra + "    assert!(w.is_idle());\n}\n")
    after = rust_file(extra=extra + "}\n")
    found = judge({RUST: (before, after)})
    assert [(w.code, w.test) for w in found] == [("AL303", "idle_after_drop")]


def test_rust_nested_functions_are_read_once_with_their_test():
    parsed = rust.measure_rust(rust_file())
    test = next(t for t in parsed.tests if t.name == "drop_wakes_the_receiver")
    sigs = [c.sig for c in test.checks]
    assert sum("is_empty" in s for s in sigs) == 1  # not again for `expect_empty(&w)`
    assert "expect_empty" not in {t.name for t in parsed.tests}


def test_rust_unwrap_is_a_check_and_let_underscore_drops_it():
    before = rust_file()
    swallowed = before.replace(
        "            self.0.take().unwrap().send(()).unwrap();\n",
        "            let _ = self.0.take().unwrap().send(());\n",
    )
    found = judge({RUST: (before, swallowed)})
    assert [(w.code, w.test) for w in found] == [("AL303", "drop_wakes_the_receiver")]
    expect = before.replace("    rx.recv().unwrap();\n", '    rx.recv().expect("woken");\n')
    assert codes({RUST: (before, expect)}) == []


def test_rust_macro_tests_called_with_a_closure():
    before = rust_file()
    names = {t.name for t in rust.measure_rust(before).tests}
    assert {f"regression_{k}" for k in range(8)} <= names
    gated = before.replace(
        'wdtest!(regression_3, "pat3"', '#[cfg(not(windows))]\nwdtest!(regression_3, "pat3"'
    )
    found = judge({RUST: (before, gated)})
    assert [(w.code, w.test) for w in found] == [("AL304", "regression_3")]
    call = "    helper!(inner, 1, |x| { x });\n"  # inside a function: not a test
    inside = before.replace("fn wraps_2() {\n", "fn wraps_2() {\n" + call)
    assert "inner" not in {t.name for t in rust.measure_rust(inside).tests}


def test_rust_cfg_predicates_that_always_or_never_hold():
    before = rust_file()
    noop = before.replace(
        'wdtest!(regression_5, "pat5"', '#[cfg(not(darwin))]\nwdtest!(regression_5, "pat5"'
    )
    assert codes({RUST: (before, noop)}) == []  # rustc never sets `darwin`
    real = noop.replace("#[cfg(not(darwin))]", '#[cfg(not(target_os = "macos"))]')
    assert codes({RUST: (noop, real)}) == ["AL304"]
    test_only = before.replace("#[test]\nfn wraps_6()", "#[test]\n#[cfg(test)]\nfn wraps_6()")
    assert codes({RUST: (before, test_only)}) == []
    attr = before.replace(
        "#[test]\nfn wraps_7()", "#[test]\n#[cfg_attr(never, ignore)]\nfn wraps_7()"
    )
    assert codes({RUST: (before, attr)}) == []
    assert rustcfg.value("all(unix,not(any()))") is None
    assert rustcfg.value("any(darwin,linux)") is False
    assert rustcfg.value("not(all(test,any()))") is True
    deep = "not(" * 5000 + "darwin" + ")" * 5000  # an agent can nest any depth
    assert rustcfg.value(deep) is None
    nested = before.replace("#[test]\nfn wraps_8()", f"#[test]\n#[cfg({deep})]\nfn wraps_8()")
    assert codes({RUST: (before, nested)}) == ["AL304"]


def test_rust_test_attribute_aliases_and_cfg_variants():
    before = rust_file()
    alias = '#[cfg(not(target_arch = "wasm32"))]\nuse tokio::test as maybe_tokio_test;\n'
    after = rust_file(head=alias).replace(
        "#[test]\nfn wraps_1()", "#[maybe_tokio_test]\nfn wraps_1()"
    )
    assert codes({RUST: (before, after)}) == []
    variant = (
        '#[test]\n#[cfg(feature = "v2")]\nfn escaped() {\n    check_wrap("a-b", 3, "a-\\nb");\n}\n\n'
        '#[test]\n#[cfg(not(feature = "v2"))]\nfn escaped() {\n    check_wrap("a-b", 3, "a-b");\n}\n'
    )
    kept = '#[test]\nfn escaped() {\n    check_wrap("a-b", 3, "a-\\nb");\n}\n'
    assert codes({RUST: (rust_file(extra=variant), rust_file(extra=kept))}) == []
    assert codes({RUST: (rust_file(extra=kept), rust_file())}) == ["AL302"]


def test_rust_project_assertion_macros_and_functions():
    before = rust_file()
    helper = before.replace("    eqnice!(expected, wrapped);\n", "")
    assert codes({RUST: (before, helper)}) == ["AL303"]
    snap = (
        "#[test]\nfn registration() {\n    let script = wrap::script();\n"
        '    assert!(!script.is_empty());\n    snapbox::Assert::new()\n        .action_env("SNAPSHOTS")\n'
        '        .matches_path("tests/snapshots/wrap.sh", &script);\n'
        '    snapbox::assert_eq("#!/bin/sh", script.lines().next().unwrap());\n}\n'
    )
    with_snap = rust_file(extra=snap)
    dropped = with_snap.replace(
        '    snapbox::Assert::new()\n        .action_env("SNAPSHOTS")\n'
        '        .matches_path("tests/snapshots/wrap.sh", &script);\n',
        "",
    )
    assert codes({RUST: (with_snap, dropped)}) == ["AL303"]
    first = with_snap.replace(
        '    snapbox::assert_eq("#!/bin/sh", script.lines().next().unwrap());\n', ""
    )
    assert codes({RUST: (with_snap, first)}) == ["AL303"]


def test_rust_a_quiet_return_in_a_helper_skips_its_callers():
    extra = (
        "async fn run_tool() {\n    let out = wrap::tool().await;\n    assert_eq!(out, 0);\n}\n\n"
    )
    extra += "#[tokio::test]\nasync fn tool_runs() {\n    run_tool().await;\n}\n"
    before = rust_file(extra=extra)
    after = before.replace(
        "async fn run_tool() {\n",
        'async fn has_tool() -> bool {\n    wrap::which("tool").is_some()\n}\n\n'
        "async fn run_tool() {\n    if !has_tool().await {\n        return;\n    }\n",
    )
    found = judge({RUST: (before, after)})
    assert [(w.code, w.test) for w in found] == [("AL304", "tool_runs")]
    failing = before.replace(
        "async fn run_tool() {\n",
        'async fn run_tool() {\n    if wrap::which("tool").is_none() {\n'
        '        panic!("tool missing");\n        return;\n    }\n',
    )
    assert codes({RUST: (before, failing)}) == []


def test_rust_a_check_moved_under_a_new_condition_is_lost():
    """ripgrep's `if wd.try_create(...).is_ok() { ...assert_eq!... }`: on a file system
    that refuses the name, the test passes without checking anything."""
    before = rust_file()
    body = '    let lines: String = wd.stdout(&mut cmd);\n    assert_eq!(lines, "file4:pat4\\n");\n'
    guarded = before.replace(
        '    wd.create("file4", "pat4");\n' + body,
        '    if wd.try_create("file4", "pat4").is_ok() {\n'
        + body.replace("    ", "        ")
        + "    }\n",
    )
    found = judge({RUST: (before, guarded)})
    assert [(w.code, w.test) for w in found] == [("AL303", "regression_4")]
    assert "(now only under a condition)" in found[0].message
    both = guarded.replace("fn wraps_5() {\n", "fn wraps_5() {\n    if true {}\n")
    assert codes({RUST: (guarded, both)}) == []  # guarded on both sides: the same check


def test_java_checks_under_a_new_condition_or_after_a_quiet_continue():
    """commons-lang's locale loop gains `if (bc && "ja_JP_JP".equals(...)) continue;`
    before its check; a version guard dropped from a test is a strengthening."""
    before = junit_suite()
    skipped = before.replace(
        "            checkWrap(locale, 20);\n",
        '            if ("ja".equals(locale.getLanguage())) {\n                continue;\n'
        "            }\n            checkWrap(locale, 20);\n",
    )
    found = judge({JAVA: (before, skipped)})
    assert [(w.code, w.test) for w in found] == [("AL303", "WrapTest.testLocales")]
    failing = skipped.replace("                continue;\n", '                fail("ja");\n')
    assert codes({JAVA: (before, failing)}) == []  # a branch that fails is no escape
    guarded = before.replace(
        '        assertTrue(Wrap.fits("5", 9));\n',
        '        if (Wrap.supportsUnicode()) {\n            assertTrue(Wrap.fits("5", 9));\n        }\n',
    )
    assert codes({JAVA: (before, guarded)}) == ["AL303"]
    assert codes({JAVA: (guarded, before)}) == []
    quiet = before.replace(
        "    public void testWrap6() {\n",
        "    public void testWrap6() {\n        if (!Wrap.supportsUnicode()) {\n            return;\n        }\n",
    )
    assert codes({JAVA: (before, quiet)}) == ["AL304"]


def test_rust_question_mark_is_the_same_check_as_unwrap():
    """A test rewritten to return `Result` (`.unwrap()` to `?`) checks the same thing."""
    before = rust_file()
    after = before.replace(
        "    let wrapped = Wrapper::new(width).wrap(input).unwrap();\n",
        "    let wrapped = Wrapper::new(width).wrap(input)?;\n",
    )
    assert codes({RUST: (before, after)}) == []
    dropped = before.replace(
        "    let wrapped = Wrapper::new(width).wrap(input).unwrap();\n",
        "    let wrapped = Wrapper::new(width).wrap(input).unwrap_or_default();\n",
    )
    assert codes({RUST: (before, dropped)}) == ["AL303"]


def test_java_expected_exception_rule_and_assert_throws_are_the_same_check():
    """JUnit 4's `ExpectedException` rule migrated to JUnit 5's `assertThrows`."""
    rule = junit_suite(junit5=False).replace(
        "    public void testWrap8() {\n",
        "    public void testWrap8() {\n        thrown.expect(IllegalArgumentException.class);\n"
        '        Wrap.wrap("x", -1);\n',
    )
    throws = junit_suite(junit5=False).replace(
        "    public void testWrap8() {\n",
        "    public void testWrap8() {\n"
        '        assertThrows(IllegalArgumentException.class, () -> Wrap.wrap("x", -1));\n',
    )
    assert codes({JAVA: (rule, throws)}) == []
    gone = junit_suite(junit5=False).replace(
        "    public void testWrap8() {\n",
        '    public void testWrap8() {\n        Wrap.wrap("x", -1);\n',
    )
    assert codes({JAVA: (rule, gone)}) == ["AL303"]


def test_testng_disabled_and_rust_test_attributes_of_other_crates():
    before = junit_suite()
    testng = before.replace(
        "    @Test\n    public void testWrap2()",
        "    @Test(enabled = false)\n    public void testWrap2()",
    )
    found = judge({JAVA: (before, testng)})
    assert [(w.code, w.test) for w in found] == [("AL304", "WrapTest.testWrap2")]
    cases = (
        '#[test_case(1, "a" ; "one")]\n#[test_case(2, "b" ; "two")]\n'
        "fn wraps_case(width: usize, text: &str) {\n    check_wrap(text, width, text);\n}\n\n"
        '#[wasm_bindgen_test]\nfn wraps_in_browser() {\n    check_wrap("a", 1, "a");\n}\n'
    )
    parsed = rust.measure_rust(rust_file(extra=cases))
    counts = {t.name: sum(c.times for c in t.checks) for t in parsed.tests}
    assert counts["wraps_case"] == 4 and counts["wraps_in_browser"] == 2  # eqnice! and unwrap
    one_row = cases.replace('#[test_case(2, "b" ; "two")]\n', "")
    assert codes({RUST: (rust_file(extra=cases), rust_file(extra=one_row))}) == ["AL303"]


def test_assertj_exception_checks_are_the_same_check_as_assert_throws():
    throws = junit_suite().replace(
        "    public void testWrap8() {\n",
        "    public void testWrap8() {\n"
        '        assertThrows(IllegalArgumentException.class, () -> Wrap.wrap("x", -1));\n',
    )
    thrown_by = junit_suite().replace(
        "    public void testWrap8() {\n",
        "    public void testWrap8() {\n"
        '        assertThatThrownBy(() -> Wrap.wrap("x", -1)).isInstanceOf(IllegalArgumentException.class);\n',
    )
    of_type = junit_suite().replace(
        "    public void testWrap8() {\n",
        "    public void testWrap8() {\n"
        "        assertThatExceptionOfType(IllegalArgumentException.class)\n"
        '            .isThrownBy(() -> Wrap.wrap("x", -1));\n',
    )
    assert codes({JAVA: (throws, thrown_by)}) == []
    assert codes({JAVA: (thrown_by, of_type)}) == []
    anything = thrown_by.replace(".isInstanceOf(IllegalArgumentException.class)", ".isNotNull()")
    assert codes({JAVA: (thrown_by, anything)}) == ["AL303"]


_POSITIONS = (
    "    @Test\n"
    "    public void testToStringExcludes() {\n"
    "        final String text = Wrap.describe(new Fixture());\n"
    "        assertEquals(ArrayUtils.INDEX_NOT_FOUND, text.indexOf(SECRET_FIELD));\n"
    "        assertEquals(-1, text.indexOf(SECRET_VALUE));\n"
    "        assertTrue(text.indexOf(PUBLIC_FIELD) > ArrayUtils.INDEX_NOT_FOUND);\n"
    "        assertTrue(text.indexOf(PUBLIC_VALUE) >= 0);\n"
    "        assertEquals(4, text.indexOf(ANCHOR));\n"
    "    }\n"
)


def test_java_a_position_against_not_found_is_a_containment_check():
    """commons-lang: `assertEquals(INDEX_NOT_FOUND, s.indexOf(x))` and `assertTrue(s.indexOf(y)
    > INDEX_NOT_FOUND)` become Hamcrest `assertThat(s, not(containsString(x)))` and
    `assertThat(s, containsString(y))`: the same checks, in matcher form."""
    before = junit_suite(extra=_POSITIONS)
    matchers = (
        _POSITIONS.replace(
            "assertEquals(ArrayUtils.INDEX_NOT_FOUND, text.indexOf(SECRET_FIELD))",
            "assertThat(text, not(containsString(SECRET_FIELD)))",
        )
        .replace(
            "assertEquals(-1, text.indexOf(SECRET_VALUE))",
            "assertThat(text, not(containsString(SECRET_VALUE)))",
        )
        .replace(
            "assertTrue(text.indexOf(PUBLIC_FIELD) > ArrayUtils.INDEX_NOT_FOUND)",
            "assertThat(text, containsString(PUBLIC_FIELD))",
        )
        .replace(
            "assertTrue(text.indexOf(PUBLIC_VALUE) >= 0)",
            "assertThat(text, containsString(PUBLIC_VALUE))",
        )
    )
    assert codes({JAVA: (before, junit_suite(extra=matchers))}) == []
    # the twin: an exact position is more than "it is there"
    anywhere = _POSITIONS.replace(
        "assertEquals(4, text.indexOf(ANCHOR))", "assertThat(text, containsString(ANCHOR))"
    )
    assert codes({JAVA: (before, junit_suite(extra=anywhere))}) == ["AL303"]
    # a position passed on to another call is not compared with "not found"
    nested = _POSITIONS.replace(
        "assertEquals(4, text.indexOf(ANCHOR))",
        "assertEquals(4, Wrap.column(text.indexOf(ANCHOR), -1))",
    )
    anywhere = nested.replace(
        "assertEquals(4, Wrap.column(text.indexOf(ANCHOR), -1))",
        "assertThat(text, containsString(ANCHOR))",
    )
    assert codes({JAVA: (junit_suite(extra=nested), junit_suite(extra=anywhere))}) == ["AL303"]
    # and "it is there" is more than "it is not null"
    vague = _POSITIONS.replace(
        "assertEquals(-1, text.indexOf(SECRET_VALUE))", "assertNotNull(text)"
    )
    assert codes({JAVA: (before, junit_suite(extra=vague))}) == ["AL303"]


def test_rust_a_deleted_copy_of_tests_kept_in_another_file_is_a_duplicate():
    """clap: a feature gate goes, and `tests/derive/next/basic.rs`, a copy of
    `tests/derive/basic.rs` for the gated behaviour, is deleted; after the change the
    remaining file holds the same tests, byte for byte (its own tests changed to match)."""
    gated = rust_file(head='#![cfg(feature = "next")]\n').replace(
        "Wrapper::new(width)", "Wrapper::new(width).next()"
    )
    plain = rust_file()
    copy = plain.replace("Wrapper::new(width)", "Wrapper::new(width).next()")
    files = {"tests/derive/next/wrap.rs": (gated, None), RUST: (plain, copy)}
    assert codes(files) == []
    # the twin: one of the copies checked something the kept file does not
    lost = copy.replace("    assert!(w.is_idle());\n", "")
    files[RUST] = (plain, lost)
    found = judge(files)
    assert [(w.code, w.path, w.test) for w in found if w.code == "AL301"] == [
        ("AL301", "tests/derive/next/wrap.rs", "drop_wakes_the_receiver")
    ]
    # and the same names and bodies calling a helper of their own that checks otherwise
    # are not copies: `wraps_0(){ check_wrap(...) }` in two files checks two things
    other = gated.replace(
        "    eqnice!(expected, wrapped);", "    assert!(wrapped.ends_with(expected));"
    )
    files = {"tests/derive/next/wrap.rs": (other, None), RUST: (plain, copy)}
    deleted = [w.test for w in judge(files) if w.code == "AL301"]
    assert deleted == ["wraps_0"]  # all 30 `wraps_*`, named by the first


def rust_helpers(n: int = 12, *, last: str = "") -> str:
    """A Rust test helper module with no tests of its own (`tests/builder/utils.rs`):
    assertion helpers every test file of the crate calls, and fixtures that check nothing."""
    out = ["use wrap::{Error, ErrorKind, Wrapper};", "use snapbox::assert_data_eq;", ""]
    for k in range(n):
        out += [
            f"pub(crate) fn fixture_{k}() -> Wrapper {{",
            f'    Wrapper::new({k + 3}).name("fixture {k}").tabs({k % 4})',
            "}",
            "",
        ]
    out += [
        "#[track_caller]",
        "pub(crate) fn assert_output(wrapper: Wrapper, input: &str, expected: &str) {",
        "    let actual = wrapper.wrap(input).unwrap();",
        "    assert_data_eq!(actual, expected);",
        "}",
        "",
        "#[track_caller]",
        "pub(crate) fn assert_error(err: Error, expected_kind: ErrorKind, expected: &str, stderr: bool) {",
        "    let actual_output = err.to_string();",
        '    assert_eq!(stderr, err.use_stderr(), "Should Use STDERR failed");',
        "    assert_eq!(expected_kind, err.kind());",
        f"{last}    assert_data_eq!(actual_output, expected);",
        "}",
        "",
    ]
    return "\n".join(out)


def test_rust_a_helper_module_that_checks_less_is_reported():
    """clap: the shared `assert_error` helper's last check is put under
    `#[cfg(feature = "error-context")]`; its callers are in files the change does not touch."""
    path = "tests/builder/utils.rs"
    before = rust_helpers()
    gated = rust_helpers(last='    #[cfg(feature = "error-context")]\n')
    found = judge({path: (before, gated)})
    assert [(w.code, w.path, w.test) for w in found] == [("AL303", path, "helper assert_error")]
    early = before.replace(
        "    let actual_output = err.to_string();\n",
        "    let actual_output = err.to_string();\n    if !cfg!(unix) {\n        return;\n    }\n",
    )
    assert codes({path: (before, early)}) == ["AL304"]
    # the twins: the module reformatted, a fixture added, a helper removed with its
    # callers, a check made stronger: nothing is lost
    assert codes({path: (before, before.replace("    ", "  "))}) == []
    assert codes({path: (before, rust_helpers(n=13))}) == []
    output = (
        "#[track_caller]\npub(crate) fn assert_output(wrapper: Wrapper, input: &str, "
        "expected: &str) {\n    let actual = wrapper.wrap(input).unwrap();\n"
        "    assert_data_eq!(actual, expected);\n}\n\n"
    )
    assert output in before
    assert codes({path: (before, before.replace(output, ""))}) == []
    stronger = before.replace(
        "    assert_eq!(expected_kind, err.kind());\n",
        "    assert_eq!(expected_kind, err.kind());\n    assert!(err.source().is_none());\n",
    )
    assert codes({path: (before, stronger)}) == []


def test_rust_an_ignore_condition_that_may_hold_elsewhere_is_a_new_skip():
    """serde: `#[cfg_attr(not(cargo_expand), ignore)]` becomes `not(expandtest)`, a cfg its
    build script now sets only when rustfmt is installed too: the test may be ignored
    where it ran. A condition that holds only where the old one did is the same skip."""
    marked = "#[test]\n#[cfg_attr({}, ignore)]\nfn wraps_7()"
    before = rust_file().replace("#[test]\nfn wraps_7()", marked.format("not(cargo_expand)"))

    def changed(condition: str) -> list[tuple[str, str]]:
        after = before.replace(marked.format("not(cargo_expand)"), marked.format(condition))
        return [(w.code, w.test) for w in judge({RUST: (before, after)})]

    assert changed("not(expandtest)") == [("AL304", "wraps_7")]
    assert changed("any(not(cargo_expand), windows)") == [("AL304", "wraps_7")]
    assert changed("all(not(cargo_expand), windows)") == []  # ignored in fewer builds
    assert changed("not(any(cargo_expand, expandtest))") == []
    always = before.replace("#[cfg_attr(not(cargo_expand), ignore)]", '#[ignore = "slow"]')
    assert [(w.code, w.test) for w in judge({RUST: (before, always)})] == [("AL304", "wraps_7")]
    assert codes({RUST: (always, before)}) == []  # ignored in fewer builds than always
    reason = before.replace(
        "#[cfg_attr(not(cargo_expand), ignore)]",
        '#[cfg_attr(not(cargo_expand), ignore = "needs cargo-expand")]',
    )
    assert codes({RUST: (before, reason)}) == []
