"""More classes of failure found on real history (issue 13), each on a suite of real size.

As in test_real_patterns.py: every suite is written for this project in the shape real
suites have, and each class has its weakening and the honest change that looks like it.
"""

from __future__ import annotations

from agentlint.weakened import compare
from tests.weakened.test_real_patterns import codes, go_suite, js_suite, judge


def go_assert_package(n: int = 30) -> str:
    """A test file inside an assertion package: its own `True(t, ...)`, `Equal(t, ...)`
    are called without a package, next to `if cond { t.Errorf(...) }` checks."""
    out = ["package assert", "", 'import "testing"', ""]
    for k in range(n):
        out += [
            f"func TestCompare{k}(t *testing.T) {{",
            "\tmockT := new(testing.T)",
            "\tfor _, tc := range []struct {\n\t\ta, b int\n\t\twant bool\n\t}{",
            f"\t\t{{{k}, {k + 1}, true}},\n\t\t{{{k + 1}, {k}, false}},",
            "\t} {",
            "\t\tok := compareTwoValues(mockT, tc.a, tc.b)",
            "\t\tif ok != tc.want {",
            '\t\t\tt.Errorf("compare %d, %d", tc.a, tc.b)',
            "\t\t}",
            "\t\tif !ok && tc.want {",
            '\t\t\tt.Error("should be less")',
            "\t\t}",
            "\t}",
            "}",
            "",
        ]
    return "\n".join(out)


def test_go_comment_before_a_skip_does_not_hide_it():
    before = go_suite()
    after = before.replace(
        "func TestParse6(t *testing.T) {\n",
        "func TestParse6(t *testing.T) {\n\tif !isCI() {\n"
        "\t\t// TODO: investigate why this fails locally (it works from the shell).\n"
        '\t\tt.Skip("skip the long test locally")\n\t}\n',
    )
    found = judge({"ledger_test.go": (before, after)})
    assert [(w.code, w.test) for w in found] == [("AL304", "TestParse6")]


def test_go_unqualified_testify_and_bare_guards():
    before = go_assert_package()
    rewritten = before.replace(
        '\t\tif ok != tc.want {\n\t\t\tt.Errorf("compare %d, %d", tc.a, tc.b)\n\t\t}',
        "\t\tEqual(t, tc.want, ok)",
    ).replace(
        '\t\tif !ok && tc.want {\n\t\t\tt.Error("should be less")\n\t\t}',
        "\t\tTrue(t, ok || !tc.want)",
    )
    assert codes({"assert/order_test.go": (before, rewritten)}) == []
    bare = before.replace("if !ok && tc.want {", "if ok {")
    to_false = bare.replace(
        '\t\tif ok {\n\t\t\tt.Error("should be less")\n\t\t}', "\t\tFalse(t, ok)"
    )
    assert codes({"assert/order_test.go": (bare, to_false)}) == []
    dropped = rewritten.replace("\t\tTrue(t, ok || !tc.want)\n", "", 1)
    assert codes({"assert/order_test.go": (rewritten, dropped)}) == ["AL303"]


def test_go_equivalent_testify_spellings():
    before = go_suite(
        extra=(
            "func TestRun(t *testing.T) {\n\tok, names := run()\n\tassert.Equal(t, false, ok)\n"
            '\tassert.Equal(t, len(names), 4)\n\tassert.Equal(t, names[0], "TestOne")\n}\n\n'
            "func (s *SuiteTester) TestOne() {\n\tassert.Equal(s.T(), s.count, 1)\n"
            "\ts.Equal(s.count, 1)\n}\n"
        )
    )
    after = (
        before.replace("assert.Equal(t, false, ok)", "assert.False(t, ok)")
        .replace("assert.Equal(t, len(names), 4)", "assert.Len(t, names, 4)")
        .replace('assert.Equal(t, names[0], "TestOne")', 'assert.Equal(t, "TestOne", names[0])')
        .replace("\tassert.Equal(s.T(), s.count, 1)\n", "")
    )
    assert codes({"suite_test.go": (before, after)}) == []
    looser = before.replace('assert.Equal(t, names[0], "TestOne")', "assert.NotEmpty(t, names[0])")
    assert codes({"suite_test.go": (before, looser)}) == ["AL303"]


def test_go_tests_that_cannot_fail_are_removed_quietly():
    placeholders = (
        "func Test_True(t *testing.T) {\n\texpect(t, true, true)\n}\n\n"
        "func Test_Run(t *testing.T) {\n}\n"
    )
    before = go_suite(extra=placeholders)
    assert codes({"command_test.go": (before, go_suite())}) == []
    running = go_suite(extra='func Test_Run(t *testing.T) {\n\tRun([]string{"x"})\n}\n')
    assert codes({"command_test.go": (running, go_suite())}) == ["AL302"]


def test_go_typo_rename_with_a_rewrite_is_paired_but_numbered_siblings_are_not():
    before = go_assert_package(6)
    after = before.replace("func TestCompare3(", "func TestCompareRenamed3(")
    fixed = before.replace("TestCompare3(", "TestCompere3(")  # a typo, fixed by the change
    rewritten = before.replace(
        "func TestCompare3(", "func TestCompare3x("
    )  # not alike enough to be a typo? it is: one letter added
    assert codes({"assert/order_test.go": (fixed, before)}) == []
    assert codes({"assert/order_test.go": (before, rewritten)}) == []
    assert codes({"assert/order_test.go": (before, after)}) == []  # same checks: a rename
    sibling = before.replace("func TestCompare3(", "func TestCompare9(").replace(
        '\t\t\tt.Error("should be less")\n', "", 1
    )
    renumbered = go_assert_package(6).replace(
        "func TestCompare3(t *testing.T) {", "func TestCompare9(t *testing.T) {"
    )
    assert "AL303" in codes({"assert/order_test.go": (renumbered, sibling)})


def test_go_assert_methods_of_a_builder_are_checks():
    block = (
        "func TestPrivacy(t *testing.T) {\n"
        + "".join(
            f'\tb = Test(t, strings.ReplaceAll(files, "#CONFIG", "privacy.x{k}=true"))\n'
            f'\tb.AssertFileContent("public/p{k}/index.html", "")\n'
            f"\tb.Assert(htmlFiles(b), qt.IsAllElementsEqual)\n"
            for k in range(4)
        )
        + "}\n"
    )
    before = go_suite(extra=block)
    after = before.replace(
        '\tb.AssertFileContent("public/p2/index.html", "")\n'
        "\tb.Assert(htmlFiles(b), qt.IsAllElementsEqual)\n",
        "",
    )
    assert codes({"shortcodes_test.go": (before, after)}) == ["AL303"]


def test_js_an_alias_of_expect_and_a_computed_matcher():
    extra = (
        "describe('regexp', () => {\n  it('passes', () => {\n"
        "    expect(() => { throw new CustomError('apple') })[toThrow](/apple/)\n"
        "    expect(() => {}).not[toThrow](/apple/)\n  })\n})\n"
    )
    before = js_suite(extra=extra)
    after = before.replace("    expect(() =>", "    jestExpect(() =>")
    assert codes({"src/__tests__/toThrow.test.js": (before, after)}) == []
    dropped = after.replace("    jestExpect(() => {}).not[toThrow](/apple/)\n", "")
    assert codes({"src/__tests__/toThrow.test.js": (after, dropped)}) == ["AL303"]


def test_js_a_conditional_return_at_the_top_of_a_test_is_a_skip():
    before = js_suite()
    block = before.replace(
        "  it('parses 3', () => {\n",
        "  it('parses 3', () => {\n    if (major >= 22 && pool === 'vmThreads') {\n      return\n    }\n",
    )
    found = judge({"test/price.test.ts": (before, block)})
    assert [(w.code, w.test) for w in found] == [("AL304", "parsePrice > parses 3")]
    inline = before.replace(
        "  it('parses 3', () => {\n", "  it('parses 3', () => {\n    if (isWindows) return\n"
    )
    assert codes({"test/price.test.ts": (before, inline)}) == ["AL304"]
    failing = before.replace(
        "  it('parses 3', () => {\n",
        "  it('parses 3', () => {\n    if (!ready) {\n      expect(ready).toBe(true)\n      return\n    }\n",
    )
    assert codes({"test/price.test.ts": (before, failing)}) == []


def qunit_suite(n: int = 30) -> str:
    """A QUnit suite in lodash's shape: modules without callbacks, tests in IIFEs, both
    `QUnit.test(name, function(assert) {...})` and QUnit 1 globals, names built of parts."""
    out = ["  QUnit.module('price.format');", "", "  (function() {"]
    for k in range(n):
        out += [
            f"    QUnit.test('should format {k}', function(assert) {{",
            "      assert.expect(2);",
            f"      assert.strictEqual(format({k}), '{k}.00');",
            f"      assert.deepEqual(parts({k}), [{k}, 0]);",
            "    });",
            "",
        ]
    out += ["  }());", "", "  QUnit.module('price.parse');", "", "  (function() {"]
    for k in range(n):
        out += [
            f"    test('should parse {k}', 1, function() {{",
            f"      deepEqual(parse('{k}.00'), {k * 100});",
            "    });",
            "",
        ]
    out += [
        "    lodashStable.each(['floor', 'ceil'], function(methodName) {",
        "      QUnit.test('`_.' + methodName + '` should round', function(assert) {",
        "        assert.expect(2);",
        "        assert.ok(round[methodName](1.5) > 0);",
        "        assert.strictEqual(round[methodName](0), 0);",
        "      });",
        "    });",
        "  }());",
    ]
    return "\n".join(["(function() {", *out, "}.call(this));", ""])


def test_qunit_tests_modules_and_globals():
    before = qunit_suite()
    assert codes({"test/test.js": (before, before.replace("'7.00'", "'7.0'"))}) == []
    removed = before.replace(
        "    test('should parse 4', 1, function() {\n      deepEqual(parse('4.00'), 400);\n    });\n",
        "",
    )
    found = judge({"test/test.js": (before, removed)})
    assert [(w.code, w.test) for w in found] == [("AL302", "price.parse > should parse 4")]
    lost = before.replace("        assert.strictEqual(round[methodName](0), 0);\n", "")
    assert codes({"test/test.js": (before, lost)}) == ["AL303"]
    skipped = before.replace("QUnit.test('should format 5'", "QUnit.skip('should format 5'")
    assert codes({"test/test.js": (before, skipped)}) == ["AL304"]


def test_equality_with_a_literal_is_the_check_its_matcher_names():
    before = js_suite(
        extra=(
            "describe('hoist', () => {\n  it('unmocks', () => {\n"
            "    expect(React.isValidElement.mock).toBe(undefined)\n"
            "    expect(new Unmocked().isUnmocked).toEqual(true)\n"
            "    expect(content).not.toBe(undefined)\n  })\n})\n"
        )
    )
    after = (
        before.replace(".toBe(undefined)\n", ".toBeUndefined()\n")
        .replace(".toEqual(true)", ".toBe(true)")
        .replace(".not.toBeUndefined()", ".toBeDefined()")
    )
    assert codes({"e2e/__tests__/hoist.test.js": (before, after)}) == []
    looser = before.replace(
        "expect(React.isValidElement.mock).toBe(undefined)", "expect(React).toBeTruthy()"
    )
    assert codes({"e2e/__tests__/hoist.test.js": (before, looser)}) == ["AL303"]


def test_python_a_module_skip_condition_broadened_through_a_helper():
    from tests.weakened.test_real_patterns import py_suite

    suite = py_suite(30)
    before = suite.replace(
        "\n\nCASES = [",
        "\n\npytestmark = pytest.mark.skipif(sys.platform != 'linux', reason='linux only')\n\nCASES = [",
        1,
    )
    helper = (
        "\n\ndef should_skip():\n    if sys.version_info >= (3, 11):\n        return True\n"
        "    return sys.platform != 'linux'\n\n\n"
        "pytestmark = pytest.mark.skipif(should_skip(), reason='linux only, not 3.11')\n\nCASES = ["
    )
    after = suite.replace("\n\nCASES = [", helper, 1)
    found = judge({"tests/test_parse.py": (before, after)})
    assert [(w.code, w.test) for w in found] == [("AL304", "<module>")]
    same = before.replace("reason='linux only'", "reason='runs on linux only'")
    assert codes({"tests/test_parse.py": (before, same)}) == []
    broader = after.replace("(3, 11)", "(3, 10)")
    assert codes({"tests/test_parse.py": (after, broader)}) == ["AL304"]


def test_python_a_test_that_could_not_fail_before_loses_nothing():
    from tests.weakened.test_real_patterns import py_suite

    before = py_suite(30).replace(
        "def test_amount_7():\n",
        "@pytest.mark.xfail(reason='subclass not preserved')\ndef test_amount_7():\n",
    )
    after = py_suite(30).replace("    assert value == 700\n", "    assert value != 0\n")
    assert after != py_suite(30)
    assert codes({"tests/test_parse.py": (before, after)}) == []
    conditional = before.replace("xfail(reason=", "xfail(sys.version_info < (3, 9), reason=")
    assert codes({"tests/test_parse.py": (conditional, after)}) == ["AL303"]
    skipped = before.replace("xfail(reason=", "skip(reason=")
    removed = py_suite(30).replace(
        "def test_amount_7():\n    value = parse_amount('7.0')\n    assert value == 700\n"
        "    assert value >= 0\n\n",
        "",
    )
    assert removed != py_suite(30)
    assert codes({"tests/test_parse.py": (skipped, removed)}) == []


def test_python_pytester_line_matchers_are_checks():
    from tests.weakened.test_real_patterns import py_suite

    extra = "".join(
        f"def test_run_{k}(pytester):\n    pytester.makepyfile('def test_x(): pass')\n"
        "    result = pytester.runpytest()\n    assert result.ret == 0\n"
        f"    assert 'INTERNALERROR {k}' not in result.stdout.str()\n\n\n"
        for k in range(6)
    )
    before = py_suite(20, extra=extra)
    after = before.replace(
        "    assert 'INTERNALERROR 3' not in result.stdout.str()\n",
        "    result.stdout.no_fnmatch_line('*INTERNALERROR 3*')\n",
    )
    assert codes({"testing/test_acceptance.py": (before, after)}) == []
    dropped = after.replace("    result.stdout.no_fnmatch_line('*INTERNALERROR 3*')\n", "")
    assert codes({"testing/test_acceptance.py": (after, dropped)}) == ["AL303"]


# -- reading a changed spec only where the change is ------------------------------------------


def _full_verdict(path: str, before: str, after: str) -> list[tuple[str, str, str]]:
    from agentlint.weakened import js

    diff = compare.FileDiff(path, None, False, js.measure(before), js.measure(after))
    return sorted((w.code, w.test, w.message) for w in compare.compare([diff]))


def _local_verdict(path: str, before: str, after: str) -> list[tuple[str, str, str]]:
    return sorted((w.code, w.test, w.message) for w in judge({path: (before, after)}))


def _edits(suite: str) -> dict[str, str]:
    one = "    expect(parsePrice('7.50')).toEqual(750)\n"
    return {
        "check added": suite.replace(one, one + "    expect(parsePrice('7.5')).toBe(750)\n"),
        "check removed": suite.replace(one, ""),
        "check loosened": suite.replace(one, one.replace(".toEqual(750)", ".toBeTruthy()")),
        "skip added": suite.replace("  it('parses 7',", "  it.skip('parses 7',"),
        "focus added": suite.replace("  it('parses 7',", "  it.only('parses 7',"),
        "test renamed": suite.replace("'parses 7'", "'parses seven'"),
        "test removed": suite.replace(
            "  it('parses 7', () => {\n" + one + "    expectRoundTrip(7)\n  })\n\n", ""
        ),
        "test added last": suite.replace(
            "    expectRoundTrip(19)\n  })\n",
            "    expectRoundTrip(19)\n  })\n\n  it('parses 999', () => {\n"
            "    expect(parsePrice('999.50')).toEqual(99950)\n  })\n",
        ),
        "early return": suite.replace(
            "  it('parses 7', () => {\n", "  it('parses 7', () => {\n    if (isWindows) return\n"
        ),
        "helper changed": suite.replace(
            "expect(parsePrice(formatPrice(value))).toBe(value)",
            "expect(parsePrice(formatPrice(value))).toBeTruthy()",
        ),
        "describe skipped": suite.replace("describe('parsePrice'", "describe.skip('parsePrice'"),
        "check swallowed": suite.replace(one, "    try {\n  " + one + "    } catch (e) {}\n"),
    }


def test_a_spec_read_where_the_change_is_judges_as_the_whole_file():
    suite = js_suite(40)
    for what, after in _edits(suite).items():
        assert after != suite, what
        assert _local_verdict("src/price.test.ts", suite, after) == _full_verdict(
            "src/price.test.ts", suite, after
        ), what


def test_only_the_changed_tests_are_read_when_that_is_exact():
    from agentlint.weakened import js, scan

    suite = js_suite(200)
    edits = _edits(suite)
    for what in ("check added", "check removed", "skip added", "test added last"):
        after = edits[what]
        old, new = js.measure_pair(suite, after)
        assert len(old.tests) <= 2 and len(new.tests) <= 3, what
        assert old.windowed and new.windowed
        assert js._local(suite, after, *scan.changed_window(suite, after)) is not None
    for what in ("test removed", "helper changed", "describe skipped"):  # the whole file
        after = edits[what]
        assert js._local(suite, after, *scan.changed_window(suite, after)) is None, what


def test_a_change_inside_a_test_file_written_from_a_template_is_read_whole():
    from agentlint.weakened import js, scan

    fixture = (
        "  it('runs the written spec', () => {\n    writeFiles(dir, {\n      'a.test.js': `\n"
        "test('inner', () => {\n  expect(sum(1, 2)).toBe(3);\n});\n`,\n    })\n"
        "    expect(run(dir).exitCode).toBe(0)\n  })\n"
    )
    suite = js_suite(40, extra=fixture)
    after = suite.replace("expect(sum(1, 2)).toBe(3);", "expect(sum(1, 2)).toBeTruthy();")
    assert js._local(suite, after, *scan.changed_window(suite, after)) is None
    assert _local_verdict("e2e/run.test.ts", suite, after) == []
    assert _full_verdict("e2e/run.test.ts", suite, after) == []


def test_python_equality_with_a_boolean_is_a_truthiness_check():
    from tests.weakened.test_real_patterns import py_suite

    extra = "class TestFlags(unittest.TestCase):\n" + "".join(
        f"    def test_flag_{k}(self):\n        self.assertEqual(is_zero({k}), {k == 0})\n"
        f"        self.assertEqual(parse_amount('{k}.00'), {k * 100})\n\n"
        for k in range(8)
    )
    before = py_suite(20, extra=extra).replace("import sys\n", "import sys\nimport unittest\n", 1)
    lint = before.replace("self.assertEqual(is_zero(3), False)", "self.assertFalse(is_zero(3))")
    assert codes({"tests/test_flags.py": (before, lint)}) == []
    looser = before.replace(
        "self.assertEqual(parse_amount('3.00'), 300)", "self.assertTrue(parse_amount('3.00'))"
    )
    assert codes({"tests/test_flags.py": (before, looser)}) == ["AL303"]


def test_go_a_guard_on_an_equality_call_is_an_equality():
    deep = go_suite().replace(
        "\tassert.Equal(t, 770, got)\n",
        '\tif !reflect.DeepEqual(got, 770) {\n\t\tt.Errorf("got %v", got)\n\t}\n',
    )
    assert deep != go_suite()
    assert codes({"ledger_test.go": (go_suite(), deep)}) == []
    assert codes({"ledger_test.go": (deep, go_suite())}) == []
    looser = deep.replace("if !reflect.DeepEqual(got, 770) {", "if got == 0 {")
    assert codes({"ledger_test.go": (deep, looser)}) == ["AL303"]


def test_a_test_named_by_a_variable_is_read_with_the_whole_file():
    from agentlint.weakened import js, scan

    loops = "".join(
        f"  for (const name of NAMES_{k}) {{\n    it(name, () => {{\n"
        f"      expect(check{k}(name)).toBe(true)\n    }})\n  }}\n"
        for k in range(3)
    )
    suite = js_suite(20, extra=loops)
    after = suite.replace("expect(check1(name)).toBe(true)", "expect(check1(name)).toBeTruthy()")
    assert js._local(suite, after, *scan.changed_window(suite, after)) is None
    assert _local_verdict("src/names.test.js", suite, after) == _full_verdict(
        "src/names.test.js", suite, after
    )
