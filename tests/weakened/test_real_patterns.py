"""Classes of failure found on real history (issue 13), each on a file of real size.

Every suite here is written for this project in the shape real suites have: a few hundred
lines, helpers, tables, classes, and one change among many unchanged tests. Each class has
its weakening and the honest change that looks like it.
"""

from __future__ import annotations

from agentlint.weakened import compare, languages


def judge(files: dict[str, tuple[str | None, str | None]]) -> list[compare.Weakening]:
    """The weakenings `agentlint check` would report for these files (path -> sides)."""
    diffs = []
    for path, (before, after) in files.items():
        old, new = languages.measure_pair(
            path,
            before.encode() if before is not None else None,
            path,
            after.encode() if after is not None else None,
        )
        diffs.append(compare.FileDiff(path, None, after is None, old, new))
    return compare.compare(diffs)


def codes(files: dict[str, tuple[str | None, str | None]]) -> list[str]:
    return sorted({w.code for w in judge(files)})


# -- real-size suites ---------------------------------------------------------------------


def py_suite(n: int = 40, *, extra: str = "", cls: bool = False) -> str:
    """A pytest module of `n` tests on an invented parser, with helpers and a table."""
    head = (
        "import sys\n\nimport pytest\n\nfrom ledger.parse import parse_amount, parse_line\n\n\n"
        "CASES = [\n"
        + "".join(f"    ('{k}.{k % 10}0', {k * 100 + (k % 10) * 10}),\n" for k in range(12))
        + "]\n\n\n"
        "def check_line(line, amount, memo):\n"
        "    entry = parse_line(line)\n"
        "    assert entry.amount == amount\n"
        "    assert entry.memo == memo\n\n\n"
    )
    body = []
    indent = "    " if cls else ""
    for k in range(n):
        self_arg = "self" if cls else ""
        body.append(
            f"{indent}def test_amount_{k}({self_arg}):\n"
            f"{indent}    value = parse_amount('{k}.{k % 7}')\n"
            f"{indent}    assert value == {k * 100 + (k % 7) * 10}\n"
            f"{indent}    assert value >= 0\n\n"
        )
    tail = (
        "@pytest.mark.parametrize('text, cents', CASES)\n"
        "def test_table(text, cents):\n"
        "    assert parse_amount(text) == cents\n\n\n"
        "def test_memo_line():\n"
        "    check_line('3.00 coffee', 300, 'coffee')\n"
    )
    if cls:
        return head + "class TestAmounts:\n" + "\n".join(body) + "\n" + extra + "\n\n" + tail
    return head + "\n".join(body) + "\n" + extra + "\n\n" + tail


def js_suite(n: int = 40, *, extra: str = "") -> str:
    """A vitest/jest spec of `n` tests in two describe blocks, with a helper."""
    lines = [
        "import { describe, it, expect } from 'vitest'",
        "import { formatPrice, parsePrice } from '../src/price'",
        "",
        "function expectRoundTrip(value) {",
        "  expect(parsePrice(formatPrice(value))).toBe(value)",
        "}",
        "",
        "describe('formatPrice', () => {",
    ]
    for k in range(n // 2):
        lines += [
            f"  it('formats {k} cents', () => {{",
            f"    const out = formatPrice({k * 7})",
            f"    expect(out).toBe('{k * 7 / 100:.2f}')",
            "    expect(out.length).toBeGreaterThan(3)",
            "  })",
            "",
        ]
    lines += ["})", "", "describe('parsePrice', () => {"]
    for k in range(n // 2):
        lines += [
            f"  it('parses {k}', () => {{",
            f"    expect(parsePrice('{k}.50')).toEqual({k * 100 + 50})",
            f"    expectRoundTrip({k})",
            "  })",
            "",
        ]
    return "\n".join([*lines, extra, "})", ""])


def go_suite(n: int = 30, *, extra: str = "", helper: str = "") -> str:
    """A Go test file of `n` tests with a table, a helper and testify."""
    out = [
        "package ledger",
        "",
        'import (\n\t"runtime"\n\t"testing"\n\n\t"github.com/stretchr/testify/assert"\n)',
        "",
        helper
        or "func checkParsed(t *testing.T, in string, want int) {\n\tt.Helper()\n"
        '\tgot, err := Parse(in)\n\tif err != nil {\n\t\tt.Fatalf("parse %q: %v", in, err)\n\t}\n'
        '\tif got != want {\n\t\tt.Errorf("parse %q = %d, want %d", in, got, want)\n\t}\n}',
        "",
        "func TestTable(t *testing.T) {",
        "\tfor _, tc := range []struct {\n\t\tin   string\n\t\twant int\n\t}{",
    ]
    out += [f'\t\t{{"{k}.00", {k * 100}}},' for k in range(8)]
    out += ["\t} {", "\t\tcheckParsed(t, tc.in, tc.want)", "\t}", "}", ""]
    for k in range(n):
        out += [
            f"func TestParse{k}(t *testing.T) {{",
            f'\tgot, err := Parse("{k}.{k % 10}")',
            "\tassert.NoError(t, err)",
            f"\tassert.Equal(t, {k * 100 + (k % 10) * 10}, got)",
            "}",
            "",
        ]
    return "\n".join([*out, extra, ""])


def java_suite(n: int = 30, *, extra: str = "") -> str:
    out = [
        "package org.example.ledger;",
        "",
        "import static org.junit.jupiter.api.Assertions.assertEquals;",
        "import static org.junit.jupiter.api.Assertions.assertTrue;",
        "import static org.hamcrest.MatcherAssert.assertThat;",
        "import static org.hamcrest.Matchers.is;",
        "",
        "import org.junit.jupiter.api.Test;",
        "",
        "class AmountTest {",
        "",
        "    private void checkAmount(String in, long cents) {",
        "        assertEquals(cents, Amount.parse(in).cents());",
        "    }",
        "",
    ]
    for k in range(n):
        out += [
            "    @Test",
            f"    void parses{k}() {{",
            f'        checkAmount("{k}.00", {k * 100}L);',
            f'        assertThat(Amount.parse("{k}").isZero(), is({"true" if k == 0 else "false"}));',
            "    }",
            "",
        ]
    return "\n".join([*out, extra, "}", ""])


def rust_suite(n: int = 30, *, extra: str = "") -> str:
    out = [
        "use ledger::Amount;",
        "",
        "fn check_amount(input: &str, cents: i64) {",
        "    assert_eq!(Amount::parse(input).unwrap().cents(), cents);",
        "}",
        "",
    ]
    for k in range(n):
        out += [
            "#[test]",
            f"fn parses_{k}() {{",
            f'    check_amount("{k}.00", {k * 100});',
            f'    assert!(Amount::parse("{k}").is_ok());',
            "}",
            "",
        ]
    return "\n".join([*out, extra, ""])


# -- test files by location and content (through check: see tests/checks) -------------------


def test_file_names_runners_collect():
    assert languages.is_test_name("src/isLeapYear/test.ts")
    assert languages.is_test_name("src/locale/gl/spec.js")
    assert languages.is_test_name("polls/tests.py")
    assert not languages.is_test_name("src/testing.ts")
    assert languages.is_collected("tests/test_x.py")
    assert not languages.is_collected("tests/x_disabled.py")
    assert languages.is_collected("test/helpers.js")  # mocha's folder
    assert not languages.is_collected("pkg/x.go")


def test_content_says_what_defines_tests():
    assert languages.defines_tests("src/a.ts", b"describe('x', () => { it('y', () => {}) })")
    assert languages.defines_tests("pkg/a.go", b"package a\n\nfunc TestA(t *testing.T) {}\n")
    assert languages.defines_tests("A.java", b"class A { @Test void a() {} }")
    assert languages.defines_tests("src/lib.rs", b"#[cfg(test)]\nmod t { #[test] fn a() {} }")
    assert languages.defines_tests("app/checks.py", b"class C(unittest.TestCase):\n    pass\n")
    assert not languages.defines_tests("src/a.ts", b"export const it = 1; obj.it('x')")
    assert not languages.defines_tests("src/a.py", b"def helper():\n    return 1\n")


# -- skips on new tests are quiet -------------------------------------------------------------


def test_a_new_test_with_a_platform_skip_is_quiet():
    before = py_suite()
    after = py_suite(
        extra="@pytest.mark.skipif(sys.platform == 'win32', reason='posix paths')\n"
        "def test_posix_path():\n    assert parse_line('1.00 /tmp').memo == '/tmp'\n"
    )
    assert codes({"tests/test_parse.py": (before, after)}) == []


def test_a_new_go_test_that_skips_in_short_mode_is_quiet():
    extra = 'func TestSlow(t *testing.T) {\n\tif testing.Short() {\n\t\tt.Skip("slow")\n\t}\n\tassert.Equal(t, 1, 1+0)\n}'
    assert codes({"ledger_test.go": (go_suite(), go_suite(extra=extra))}) == []


def test_a_skip_added_to_an_existing_test_is_reported_on_it():
    before = py_suite()
    after = before.replace(
        "def test_amount_7(", "@pytest.mark.skip(reason='flaky')\ndef test_amount_7("
    )
    found = judge({"tests/test_parse.py": (before, after)})
    assert [(w.code, w.test) for w in found] == [("AL304", "test_amount_7")]


def test_a_rename_plus_rewrite_plus_skip_is_still_caught():
    before = py_suite()
    old = "def test_amount_7():\n    value = parse_amount('7.0')\n    assert value == 700\n    assert value >= 0\n"
    new = (
        "@pytest.mark.skip(reason='later')\ndef test_seven_amount():\n"
        "    result = parse_amount('7.0')\n    assert result == 700\n    assert result >= 0\n"
    )
    assert old in before
    assert "AL304" in codes({"tests/test_parse.py": (before, before.replace(old, new))})


def test_new_skipped_tests_do_not_make_up_for_a_removed_one():
    before = py_suite()
    old = "def test_amount_7():\n    value = parse_amount('7.0')\n    assert value == 700\n    assert value >= 0\n"
    moved = "@pytest.mark.skip(reason='later')\n" + old.replace(
        "test_amount_7", "test_amount_seven"
    )
    after = before.replace(old, "") + "\n\n" + moved.replace("value", "v")
    assert "AL302" in codes({"tests/test_parse.py": (before, after)}) or "AL304" in codes(
        {"tests/test_parse.py": (before, after)}
    )


# -- moves must be the same checks ------------------------------------------------------------


def test_a_deleted_file_is_not_made_up_by_unrelated_new_tests():
    other_before = js_suite(20)
    other_after = other_before.replace(
        "})\n",
        "  it('rounds half up', () => {\n    expect(formatPrice(5)).toBe('0.05')\n"
        "    expect(formatPrice(15)).toBe('0.15')\n  })\n})\n",
        1,
    )
    deleted = go_suite(10)
    found = codes(
        {
            "src/price/test.ts": (other_before, other_after),
            "ledger/amount_test.go": (deleted, None),
            "ledger/new_test.go": (None, go_suite(3).replace("TestParse", "TestOther")),
        }
    )
    assert "AL301" in found


def test_tests_moved_to_new_files_with_their_checks_are_quiet():
    suite = py_suite(30)
    marker = "def test_amount_20():"
    head, tail = suite.split(marker)
    moved = suite[: suite.index("def test_amount_0")] + marker + tail
    head += "def check_line(line, amount, memo):\n    pass\n"
    found = codes({"tests/test_parse.py": (suite, head), "tests/test_more.py": (None, moved)})
    assert found == []


def test_parametrize_conversion_is_quiet_and_dropping_a_row_is_not():
    before = py_suite(10)
    separate = "".join(
        f"def test_sum_{k}():\n    assert add({k}, {k}) == {2 * k}\n\n\n" for k in range(6)
    )

    def rows(ks: object) -> str:
        listed = ", ".join(str(k) for k in ks)  # type: ignore[attr-defined]
        return f"@pytest.mark.parametrize('k', [{listed}])\ndef test_sum(k):\n    assert add(k, k) == 2 * k\n"

    path = "tests/test_parse.py"
    assert codes({path: (before + separate, before + rows(range(6)))}) == []
    assert codes({path: (before + separate, before + rows([0, 1, 2, 4, 5]))}) == ["AL302"]


def test_exact_duplicates_removed_are_benign():
    suite = js_suite(20)
    dup = "  it('parses 3', () => {\n    expect(parsePrice('3.50')).toEqual(350)\n    expectRoundTrip(3)\n  })\n"
    assert dup in suite
    assert codes({"src/price/test.ts": (suite.replace(dup, dup + "\n" + dup), suite)}) == []
    line = "\tassert.Equal(t, 330, got)\n"
    go = go_suite()
    assert line in go
    assert codes({"x_test.go": (go.replace(line, line + line), go)}) == []


def test_a_check_lost_in_a_js_table_conversion_is_found():
    before = js_suite(10) + "\n".join(
        f"it('leap {y}', () => {{\n  expect(isLeap(new Date({y}, 1, 1))).toBe({str(y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)).lower()})\n}})"
        for y in (2012, 2014, 2100, 2000)
    )
    table = (
        "it.each([[2012, true], [2014, false], [2000, true]])('leap %s', (y, want) => {\n"
        "  expect(isLeap(new Date(y, 1, 1))).toBe(want)\n})"
    )
    assert codes({"src/isLeap/test.ts": (before, js_suite(10) + table)}) == ["AL302"]
    full = table.replace("[2000, true]", "[2100, false], [2000, true]")
    assert codes({"src/isLeap/test.ts": (before, js_suite(10) + full)}) == []


# -- helpers, everywhere ----------------------------------------------------------------------


def test_go_skip_inside_a_helper_is_a_skip_of_each_caller():
    helper = (
        'func skipWindows(t *testing.T) {\n\tif runtime.GOOS == "windows" {\n\t\tt.Skip("no")\n\t}\n}\n\n'
        "func checkParsed(t *testing.T, in string, want int) {\n\tgot, _ := Parse(in)\n"
        '\tif got != want {\n\t\tt.Errorf("%q", in)\n\t}\n}'
    )
    before = go_suite(helper=helper)
    after = before.replace(
        "func TestParse4(t *testing.T) {\n", "func TestParse4(t *testing.T) {\n\tskipWindows(t)\n"
    )
    found = judge({"ledger_test.go": (before, after)})
    assert [(w.code, w.test) for w in found] == [("AL304", "TestParse4")]
    assert "skipWindows(t)" in found[0].message


def test_go_errorf_to_logf_in_a_helper_is_a_loss_in_every_caller():
    before = go_suite()
    after = before.replace('t.Errorf("parse %q = %d, want %d"', 't.Logf("parse %q = %d, want %d"')
    assert codes({"ledger_test.go": (before, after)}) == ["AL303"]


def test_go_helper_extraction_is_quiet():
    inline = go_suite(5).replace(
        "\t\tcheckParsed(t, tc.in, tc.want)",
        '\t\tgot, err := Parse(tc.in)\n\t\tif err != nil {\n\t\t\tt.Fatalf("parse %q: %v", tc.in, err)\n'
        '\t\t}\n\t\tif got != tc.want {\n\t\t\tt.Errorf("parse %q = %d, want %d", tc.in, got, tc.want)\n\t\t}',
    )
    assert codes({"ledger_test.go": (inline, go_suite(5))}) == []


def test_go_only_the_tests_own_t_fails():
    before = go_suite(
        5,
        extra="func TestFiles(t *testing.T) {\n\tif err := setup(); err != nil {\n\t\tlog.Fatal(err.Error())\n\t}\n\tassert.True(t, ready())\n}",
    )
    after = before.replace("log.Fatal(err.Error())", "t.Fatal(err.Error())")
    assert codes({"ledger_test.go": (before, after)}) == []


def test_python_helpers_in_another_changed_file():
    base = (
        "import unittest\n\n\nclass Base(unittest.TestCase):\n"
        "    def verify_config(self, key, value):\n"
        "        assert load(key) == value\n"
        "        assert dump(value) == key\n"
    )
    suite = "from tests import Base\n\n\nclass TestConfig(Base):\n" + "".join(
        f"    def test_key_{k}(self):\n        self.verify_config('{k}', {k})\n\n"
        for k in range(30)
    )
    inlined = "from tests import Base\n\n\nclass TestConfig(Base):\n" + "".join(
        f"    def test_key_{k}(self):\n        assert load('{k}') == {k}\n\n" for k in range(30)
    )
    from agentlint.weakened import python

    path = "tests/test_config.py"
    libs = (python.library(base), python.library("import unittest\n"))
    old, new = languages.measure_pair(path, suite.encode(), path, inlined.encode(), libs)
    found = compare.compare([compare.FileDiff(path, None, False, old, new)])
    assert {w.code for w in found} == {"AL303"} and len(found) == 30  # dump() is checked no more
    both = "\n".join(
        line
        + (
            f"\n        assert dump({line.rsplit('== ', 1)[1]}) == '{line.rsplit('== ', 1)[1]}'"
            if "assert load" in line
            else ""
        )
        for line in inlined.splitlines()
    )
    old, new = languages.measure_pair(path, suite.encode(), path, both.encode(), libs)
    assert compare.compare([compare.FileDiff(path, None, False, old, new)]) == []


def test_js_imported_assertion_helpers_count_as_checks():
    before = js_suite(
        20,
        extra="  it('imports', () => {\n    assertValidPrice(parsePrice('1.00'))\n    expect(1).toBe(1 + 0)\n  })",
    )
    after = before.replace("    assertValidPrice(parsePrice('1.00'))\n", "")
    assert "AL303" in codes({"src/price/test.ts": (before, after)})


# -- more frameworks --------------------------------------------------------------------------


def test_ava_assertions_on_the_callback_parameter():
    tests = "".join(
        f"test('content-length {k}', async t => {{\n  const h = await headers({k})\n"
        f"  t.is(h['content-length'], '{100 + k}')\n  t.true(h.ok)\n}})\n\n"
        for k in range(25)
    )
    before = "import test from 'ava'\n\n" + tests
    loosened = before.replace(
        "t.is(h['content-length'], '105')", "t.true(Number(h['content-length']) > 0)"
    )
    assert codes({"test/headers.ts": (before, loosened)}) == ["AL303"]
    assert codes({"test/headers.ts": (before, before.replace("t.true(h.ok)", "t.pass()", 1))}) == [
        "AL303",
        "AL306",
    ]


def test_node_test_and_power_assert():
    before = "import test from 'node:test'\nimport assert from 'power-assert'\n\n" + "".join(
        f"test('sum {k}', (t) => {{\n  assert(sum({k}, 1) === {k + 1})\n  t.assert.equal(sum(0, {k}), {k})\n}})\n"
        for k in range(20)
    )
    weaker = before.replace("assert(sum(3, 1) === 4)", "assert(sum(3, 1))")
    assert codes({"test/sum.test.mjs": (before, weaker)}) == ["AL303"]
    gone = before.replace("  t.assert.equal(sum(0, 5), 5)\n", "")
    assert codes({"test/sum.test.mjs": (before, gone)}) == ["AL303"]


def test_a_js_alias_of_a_skipped_test_function():
    before = js_suite(20)
    after = ("const itIfIntl = hasIntl() ? it : it.skip\n" + before).replace(
        "  it('parses 4', () => {", "  itIfIntl('parses 4', () => {"
    )
    found = judge({"src/price/test.ts": (before, after)})
    assert [(w.code, w.test) for w in found] == [("AL304", "parsePrice > parses 4")]


def test_java_conditions_assumptions_and_hamcrest():
    before = java_suite()
    disabled = before.replace(
        "    @Test\n    void parses3()",
        "    @Test\n    @DisabledOnOs(OS.WINDOWS)\n    void parses3()",
    )
    assert codes({"src/test/java/AmountTest.java": (before, disabled)}) == ["AL304"]
    enabled = before.replace(
        "    @Test\n    void parses3()", '    @Test\n    @EnabledIf("isCi")\n    void parses3()'
    )
    assert codes({"src/test/java/AmountTest.java": (before, enabled)}) == ["AL304"]
    assumed = before.replace(
        "    private void checkAmount(String in, long cents) {\n",
        "    private void checkAmount(String in, long cents) {\n        assumeTrue(Locale.getDefault() != Locale.JAPAN);\n",
    )
    assert "AL304" in codes({"src/test/java/AmountTest.java": (before, assumed)})
    tautology = before.replace(
        'assertThat(Amount.parse("4").isZero(), is(false))', "assertThat(x, is(x))"
    )
    assert codes({"src/test/java/AmountTest.java": (before, tautology)}) == ["AL303", "AL306"]


def test_rust_ignore_with_reason_cfg_any_and_cfg_attr():
    before = rust_suite()
    for marker in (
        '#[ignore = "slow on CI"]',
        "#[cfg(any())]",
        "#[cfg_attr(miri, ignore)]",
        "#[cfg(not(windows))]",
    ):
        after = before.replace("#[test]\nfn parses_5()", f"#[test]\n{marker}\nfn parses_5()")
        found = judge({"tests/amount.rs": (before, after)})
        assert [(w.code, w.test) for w in found] == [("AL304", "parses_5")], marker
    module = "#[cfg(any())]\nmod disabled {\n    #[test]\n    fn x() { assert_eq!(1, 1 + 0); }\n}\n"
    assert "AL304" in codes(
        {"tests/amount.rs": (before + module.replace("#[cfg(any())]\n", ""), before + module)}
    )


def test_rust_early_return_and_helpers():
    before = rust_suite()
    after = before.replace("fn parses_5() {\n", "fn parses_5() {\n    return;\n")
    assert codes({"tests/amount.rs": (before, after)}) == ["AL303"]
    weaker = before.replace(
        "    assert_eq!(Amount::parse(input).unwrap().cents(), cents);\n",
        "    let _ = Amount::parse(input);\n",
    )
    assert codes({"tests/amount.rs": (before, weaker)}) == ["AL303"]


def test_go_build_tags_and_testmain():
    before = go_suite()
    tagged = "//go:build ignore\n\n" + before
    assert codes({"ledger_test.go": (before, tagged)}) == ["AL304"]
    main = "func TestMain(m *testing.M) {\n\tsetup()\n\tos.Exit(m.Run())\n}\n"
    early = 'func TestMain(m *testing.M) {\n\tif os.Getenv("CI") == "" {\n\t}\n\tos.Exit(0)\n\tm.Run()\n}\n'
    assert codes({"ledger_test.go": (before + main, before + early)}) == ["AL304"]
    assert codes({"ledger_test.go": (before, before + main)}) == []


def test_go_inline_range_table_counts_its_rows():
    before = go_suite(5)
    after = before.replace('\t\t{"7.00", 700},\n', "")
    assert codes({"ledger_test.go": (before, after)}) == ["AL303"]


# -- Python specifics --------------------------------------------------------------------------


def test_a_later_method_with_the_same_name_shadows_the_earlier_one():
    before = py_suite(30, cls=True)
    after = before.replace("def test_amount_12(self):", "def test_amount_20(self):")
    found = judge({"tests/test_parse.py": (before, after)})
    assert found and found[0].code in ("AL302", "AL303")


def test_tests_defined_under_an_if_in_a_class():
    suite = py_suite(20, cls=True)
    cond = "    if sys.version_info >= (3, 8):\n        def test_walrus(self):\n            assert (n := 3) == 3\n            assert n + 1 == 4\n"
    before = suite.replace("class TestAmounts:\n", "class TestAmounts:\n" + cond + "\n")
    after = before.replace("            assert n + 1 == 4\n", "")
    found = judge({"tests/test_parse.py": (before, after)})
    assert [(w.code, w.test) for w in found] == [("AL303", "TestAmounts.test_walrus")]


def test_one_strength_rule_for_equivalent_forms():
    unittest_style = "import unittest\n\n\nclass T(unittest.TestCase):\n" + "".join(
        f"    def test_{k}(self):\n        self.assertFalse(empty({k}))\n        self.assertEqual(size({k}), {k})\n\n"
        for k in range(30)
    )
    bare = unittest_style.replace("self.assertFalse(", "assert not (").replace(
        "self.assertEqual(size(", "assert (size("
    )
    bare = bare.replace("), ", ") == ")
    assert codes({"tests/test_size.py": (unittest_style, bare)}) == []
    failing = py_suite(5, extra="def test_never():\n    if broken():\n        assert 0, 'broken'\n")
    assert (
        codes({"tests/test_parse.py": (py_suite(5), failing)}) == []
    )  # a failure, not a tautology


def test_loosened_comparisons_are_weaker_checks():
    before = py_suite(30)
    to_truthy = before.replace("assert value == 1400", "assert value")
    to_order = before.replace("assert value == 1400", "assert value > 0")
    assert codes({"tests/test_parse.py": (before, to_truthy)}) == ["AL303"]
    assert codes({"tests/test_parse.py": (before, to_order)}) == ["AL303"]


# -- ways around the rules ---------------------------------------------------------------------


def _ways(before: str, after: str) -> list[str]:
    return codes({"tests/test_parse.py": (before, after)})


def test_early_return_at_the_top_of_a_test():
    before = py_suite(30)
    early = before.replace("def test_amount_9():\n", "def test_amount_9():\n    return\n")
    assert "AL303" in _ways(before, early)
    if_true = before.replace(
        "def test_amount_9():\n", "def test_amount_9():\n    if True:\n        return\n"
    )
    assert "AL303" in _ways(before, if_true)


def test_module_level_if_false_and_dunder_test():
    before = py_suite(10)
    hidden = before.replace("def test_amount_3():", "if False:\n  def test_amount_3():")
    hidden = hidden.replace(
        "\n    value = parse_amount('3.3')\n    assert value == 330\n    assert value >= 0",
        "\n    value = parse_amount('3.3')\n    assert value == 330\n    assert value >= 0".replace(
            "\n    ", "\n      "
        ),
    )
    assert "AL302" in _ways(before, hidden)
    assert "AL304" in _ways(
        before, before.replace("import pytest\n", "import pytest\n\n__test__ = False\n")
    )


def test_aliased_markers_and_importorskip():
    before = py_suite(20)
    alias = before.replace(
        "import pytest\n", "import pytest\nfrom pytest import mark as m\n"
    ).replace("def test_amount_4():", "@m.skip\ndef test_amount_4():")
    assert _ways(before, alias) == ["AL304"]
    ios = before.replace(
        "def test_amount_4():\n", "def test_amount_4():\n    pytest.importorskip('decimal128')\n"
    )
    assert _ways(before, ios) == ["AL304"]


def test_an_autouse_fixture_that_skips():
    before = py_suite(20)
    fixture = "@pytest.fixture(autouse=True)\ndef _only_on_ci():\n    if not os.environ.get('CI'):\n        pytest.skip('local')\n\n\n"
    after = before.replace("def check_line(", fixture + "def check_line(")
    assert "AL304" in _ways(before, after)


def test_an_except_of_an_alias_of_assertion_error_swallows():
    before = py_suite(20)
    after = before.replace("import sys\n", "import sys\n\nFailure = AssertionError\n").replace(
        "def test_amount_6():\n    value = parse_amount('6.6')\n    assert value == 660\n",
        "def test_amount_6():\n    value = parse_amount('6.6')\n    try:\n        assert value == 660\n    except Failure:\n        pass\n",
    )
    assert _ways(before, after) == ["AL307"]


def test_a_js_test_body_that_returns_before_its_checks():
    before = js_suite(30)
    after = before.replace(
        "  it('formats 4 cents', () => {\n", "  it('formats 4 cents', () => {\n    return\n"
    )
    assert codes({"src/price/test.ts": (before, after)}) == ["AL303"]
    nested = before.replace(
        "    expect(out.length).toBeGreaterThan(3)\n",
        "    const f = () => { return 1 }\n    expect(out.length).toBeGreaterThan(3)\n",
        1,
    )
    assert codes({"src/price/test.ts": (before, nested)}) == []


# -- messages name the right thing --------------------------------------------------------------


def test_module_level_markers_are_reported_on_the_file_that_has_them():
    a, b = py_suite(10), py_suite(12)
    marked = b.replace(
        "import pytest\n", "import pytest\n\npytestmark = pytest.mark.skip(reason='wip')\n"
    )
    for order in (("tests/test_a.py", "tests/test_b.py"), ("tests/test_b.py", "tests/test_a.py")):
        files = {
            order[0]: (
                a if order[0].endswith("a.py") else b,
                a if order[0].endswith("a.py") else marked,
            )
        }
        files[order[1]] = (
            a if order[1].endswith("a.py") else b,
            a if order[1].endswith("a.py") else marked,
        )
        found = judge(files)
        assert [(w.code, w.path, w.test) for w in found] == [
            ("AL304", "tests/test_b.py", "<module>")
        ]
        assert found[0].line == 5


def test_a_reduced_test_is_named_with_its_line_and_what_it_lost():
    before = py_suite(30)
    after = before.replace("    assert value == 1400\n", "")
    [found] = judge({"tests/test_parse.py": (before, after)})
    assert found.code == "AL303" and found.test == "test_amount_14"
    assert "`assert value == 1400`" in found.message
    assert found.line == after.splitlines().index("def test_amount_14():") + 1


# -- change-local measurement stays exact ---------------------------------------------------------


def test_a_changed_js_helper_is_charged_to_unchanged_callers():
    before = js_suite(40)
    after = before.replace(
        "  expect(parsePrice(formatPrice(value))).toBe(value)\n",
        "  parsePrice(formatPrice(value))\n",
    )
    found = judge({"src/price/test.ts": (before, after)})
    assert {w.code for w in found} == {"AL303"} and len(found) == 20


def test_a_skip_on_a_group_of_unchanged_tests_is_caught():
    before = js_suite(40)
    after = before.replace("describe('parsePrice', () => {", "describe.skip('parsePrice', () => {")
    found = judge({"src/price/test.ts": (before, after)})
    assert [(w.code, w.test) for w in found] == [("AL304", "parsePrice")]


def test_a_window_does_not_hide_a_duplicate_far_away():
    suite = js_suite(40)
    dup = "  it('parses 3', () => {\n    expect(parsePrice('3.50')).toEqual(350)\n    expectRoundTrip(3)\n  })\n"
    doubled = suite.replace(
        "describe('parsePrice', () => {\n",
        "describe('parsePrice', () => {\n" + dup.replace("'parses 3'", "'parses 3 again'"),
    )
    assert codes({"src/price/test.ts": (doubled, suite)}) == []


def test_an_application_function_named_test_is_not_a_test_file():
    assert not languages.defines_tests(
        "app/db.py", b"def test_connection(url):\n    return ping(url)\n"
    )
    assert languages.defines_tests(
        "app/db.py", b"import pytest\n\n\ndef test_connection():\n    assert 1\n"
    )


def test_a_marker_kept_in_a_variable_and_build_constraints():
    before = py_suite(20)
    after = before.replace(
        "CASES = [",
        "skip_py313 = pytest.mark.skipif(sys.version_info >= (3, 13), reason='x')\n\nCASES = [",
    ).replace("def test_amount_8():", "@skip_py313\ndef test_amount_8():")
    assert codes({"tests/test_parse.py": (before, after)}) == ["AL304"]
    go = go_suite()
    for constraint, reported in (
        ("ignore", True),
        ("windows", True),
        ("!no_docs", False),
        ("go1.18", False),
    ):
        found = codes({"x_test.go": (go, f"//go:build {constraint}\n\n" + go)})
        assert found == (["AL304"] if reported else []), constraint


def test_a_table_outside_the_tests_is_read_with_the_tests_that_use_it():
    table = (
        "var cleanTests = []struct{ in, out string }{\n"
        + "".join(f'\t{{"/a{k}/../b", "/b"}},\n' for k in range(10))
        + "}\n\n"
    )
    uses = 'func TestClean(t *testing.T) {\n\tfor _, tc := range cleanTests {\n\t\tif Clean(tc.in) != tc.out {\n\t\t\tt.Errorf("%s", tc.in)\n\t\t}\n\t}\n}\n'
    before = go_suite(20).replace("func TestTable(", table + uses + "\nfunc TestTable(")
    after = before.replace('\t{"/a4/../b", "/b"},\n', "")
    assert codes({"path_test.go": (before, after)}) == ["AL303"]


def test_a_module_marker_moved_onto_its_tests_is_not_new():
    before = py_suite(10).replace(
        "import pytest\n", "import pytest\n\npytestmark = pytest.mark.xfail(reason='v2')\n"
    )
    after = py_suite(10).replace(
        "def test_amount_", "@pytest.mark.xfail(reason='v2')\ndef test_amount_"
    )
    assert codes({"tests/test_parse.py": (before, after)}) == []
    other = py_suite(10).replace(
        "def test_amount_2():", "@pytest.mark.skip(reason='x')\ndef test_amount_2():"
    )
    assert codes({"tests/test_parse.py": (before, other)}) == ["AL304"]


def test_a_rust_check_put_under_a_cfg_counts_no_more():
    before = rust_suite()
    gated = before.replace(
        "    assert_eq!(Amount::parse(input).unwrap().cents(), cents);\n",
        '    #[cfg(feature = "exact")]\n    assert_eq!(Amount::parse(input).unwrap().cents(), cents);\n',
    )
    assert codes({"tests/amount.rs": (before, gated)}) == ["AL303"]


def test_java_equivalent_forms_message_order_hamcrest_and_expected():
    before = java_suite()
    junit5 = before.replace(
        'checkAmount("7.00", 700L);', 'assertEquals(700L, Amount.parse("7.00").cents(), "seven");'
    )
    junit4 = before.replace(
        'checkAmount("7.00", 700L);', 'assertEquals("seven", 700L, Amount.parse("7.00").cents());'
    )
    assert codes({"src/test/java/AmountTest.java": (junit4, junit5)}) == []
    hamcrest = junit5.replace(
        'assertEquals(700L, Amount.parse("7.00").cents(), "seven");',
        'assertThat(Amount.parse("7.00").cents(), is(700L));',
    )
    assert codes({"src/test/java/AmountTest.java": (junit5, hamcrest)}) == []
    try_fail = before.replace(
        "    @Test\n    void parses9() {\n",
        "    @Test\n    void parses9() {\n        try {\n            Amount.parse(null);\n"
        '            fail("no error");\n        } catch (NullPointerException e) {\n        }\n',
    )
    expected = before.replace(
        "    @Test\n    void parses9() {\n",
        "    @Test(expected = NullPointerException.class)\n    void parses9() {\n"
        "        Amount.parse(null);\n",
    )
    assert codes({"src/test/java/AmountTest.java": (try_fail, expected)}) == []


def test_a_conditional_return_before_the_checks_is_a_skip():
    before = py_suite(20)
    after = before.replace(
        "def test_amount_5():\n",
        "def test_amount_5():\n    if sys.platform == 'win32':\n        return\n",
    )
    assert codes({"tests/test_parse.py": (before, after)}) == ["AL304"]
    go = go_suite()
    quiet = go.replace(
        "\tif got != want {\n\t\tt.Errorf(",
        '\tif fmt.Sprint(got) == fmt.Sprint(want) {\n\t\tt.Logf("same text")\n\t\treturn\n\t}\n'
        "\tif got != want {\n\t\tt.Errorf(",
    )
    assert "AL304" in codes({"ledger_test.go": (go, quiet)})
    failing = go.replace(
        "\tif got != want {\n\t\tt.Errorf(",
        "\tif err != nil {\n\t\tt.Fatal(err)\n\t\treturn\n\t}\n\tif got != want {\n\t\tt.Errorf(",
    )
    assert codes({"ledger_test.go": (go, failing)}) == []


def test_rust_tests_made_by_a_test_macro():
    suite = "".join(
        f"rgtest!(case_{k}, |dir: Dir, mut cmd: TestCommand| {{\n"
        f'    dir.create("f", "{k}");\n    assert_eq!("{k}\\n", cmd.arg("{k}").stdout());\n}});\n\n'
        for k in range(20)
    )
    gated = suite.replace("rgtest!(case_4,", "#[cfg(not(windows))]\nrgtest!(case_4,")
    found = judge({"tests/regression.rs": (suite, gated)})
    assert [(w.code, w.test) for w in found] == [("AL304", "case_4")]
    removed = suite.replace('    assert_eq!("7\\n", cmd.arg("7").stdout());\n', "")
    assert codes({"tests/regression.rs": (suite, removed)}) == ["AL303"]
