"""What each extractor sees in a file: tests, checks, markers, and the traps of each
language (strings, comments, regex literals, lifetimes, tables)."""

from __future__ import annotations

import textwrap

from agentlint.weakened import clike, compare, golang, js, languages, python
from agentlint.weakened.model import EXACT, STRONG, WEAK, Parsed


def _d(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def _summary(parsed: Parsed) -> dict[str, int]:
    return {t.name: sum(c.times for c in t.checks) for t in parsed.tests}


def _events(parsed: Parsed) -> list[tuple[str, str]]:
    return [(e.kind, e.owner) for e in parsed.events]


def _codes(path: str, before: str | None, after: str | None) -> list[str]:
    old, new = languages.measure_pair(
        path, before.encode() if before else None, path, after.encode() if after else None
    )
    return sorted(
        w.code for w in compare.compare([compare.FileDiff(path, None, after is None, old, new)])
    )


# -- Python -----------------------------------------------------------------------------------


def test_python_counts_parametrize_loops_and_helpers():
    parsed = python.measure_pair(
        None,
        _d("""
        import pytest
        CASES = [(1, 2), (2, 3), (3, 4)]

        def check(x):
            assert x > 0
            assert x < 10

        @pytest.mark.parametrize("a,b", CASES)
        @pytest.mark.parametrize("c", [1, 2])
        def test_grid(a, b, c):
            assert a + 1 == b

        def test_loop():
            for n in range(4):
                check(n)

        def test_dead():
            return
            assert False

        def test_if_false():
            if False:
                assert 1 == 2
            assert 2 == 2 or True
    """),
    )[1]
    assert _summary(parsed) == {"test_grid": 6, "test_loop": 8, "test_dead": 0, "test_if_false": 0}
    assert _events(parsed) == [("tautology", "test_if_false")]


def test_python_strengths():
    assert python.assert_strength(python.ast.parse("x == 1").body[0].value) == STRONG
    for weak in ("x", "x is not None", "isinstance(x, int)", "not x", "x != None"):
        assert python.assert_strength(python.ast.parse(weak).body[0].value) == WEAK, weak
    for always in (
        "True",
        "(x, 'msg')",
        "x == x",
        "1 == 1",
        "not None",
        "x or 1",
        "isinstance(x, object)",
    ):
        assert python.assert_strength(python.ast.parse(always).body[0].value) == 0, always
    assert python.assert_strength(python.ast.parse("1 == 2").body[0].value) == STRONG
    assert (
        python.unittest_strength("assertEqual", python.ast.parse("f(a, a)").body[0].value.args) == 0
    )
    assert (
        python.unittest_strength("assertIsNotNone", [python.ast.parse("x").body[0].value]) == WEAK
    )


def test_python_unittest_mixins_and_class_markers():
    parsed = python.measure_pair(
        None,
        _d("""
        import unittest

        class Base(unittest.TestCase):
            def assertValid(self, x):
                self.assertEqual(x.ok, True)
                self.assertIn(x.code, (200, 201))

        @unittest.skipIf(True, "no")
        class ThingTests(Base):
            def test_a(self):
                self.assertValid(make())

            def helper(self):
                pass
    """),
    )[1]
    assert _summary(parsed) == {"ThingTests.test_a": 2}
    assert _events(parsed) == [("skip", "ThingTests")]


def test_python_skipped_parametrize_cases_are_markers():
    before = _d("""
        import pytest

        @pytest.mark.parametrize("x", [1, 2, 3])
        def test_x(x):
            assert f(x) == x
    """)
    after = before.replace("[1, 2, 3]", "[1, 2, pytest.param(3, marks=pytest.mark.skip)]")
    assert _codes("test_x.py", before, after) == ["AL303", "AL304"]


def test_python_a_changed_helper_reaches_unchanged_tests():
    before = _d("""
        def check(r):
            assert r.status == 200
            assert r.body == "ok"


        def test_a():
            check(get("/a"))


        def test_b():
            check(get("/b"))
    """)
    after = before.replace('    assert r.body == "ok"\n', "")
    assert _codes("tests/test_api.py", before, after) == ["AL303", "AL303"]


def test_python_partial_parse_falls_back_on_column_zero_strings():
    before = _d('''
        EXPECTED = """
        line one
        line two
        """


        def test_text():
            assert render() == EXPECTED
            assert render() != ""
    ''')
    after = before.replace('    assert render() != ""\n', "")
    assert _codes("test_text.py", before, after) == ["AL303"]


def test_python_syntax_error_after_the_change():
    before = "def test_a():\n    assert f() == 1\n"
    assert _codes("test_a.py", before, "def test_a(:\n    assert f() == 1\n") == ["AL303"]
    assert _codes("test_a.py", before, "def test_a():\n    assert f() == 1\n\x00") == ["AL303"]
    # a file that was broken already reports nothing new
    assert _codes("test_a.py", "def (", "def test_a():\n    pass\n") == []


def test_python_swallowing_handlers():
    swallowed = _d("""
        def test_a():
            try:
                assert f() == 1
            except:
                pass
    """)
    reraised = swallowed.replace("pass", "raise")
    narrow = swallowed.replace("except:", "except KeyError:")
    assert _events(python.measure_pair(None, swallowed)[1]) == [("swallowed", "test_a")]
    assert _events(python.measure_pair(None, reraised)[1]) == []
    assert _events(python.measure_pair(None, narrow)[1]) == []


# -- JavaScript and TypeScript --------------------------------------------------------------


def test_js_ignores_strings_comments_and_regex_literals():
    parsed = js.measure(
        _d("""
        // it("commented", () => { expect(1).toBe(2) })
        /* expect(a).toBe(b) */
        describe("parser", () => {
          it("reads", () => {
            const re = /expect\\("x"\\)/g;
            const s = "expect(1).toBe(1)";
            const t = `it("x", () => expect(${s}).toBe(2))`;
            expect(parse(s)).toEqual({ ok: true });
            expect(re.test(t)).toBe(true);
          });
        });
    """)
    )
    assert _summary(parsed) == {"parser > reads": 2}
    assert parsed.events == ()


def test_js_markers_tables_and_hooks():
    parsed = js.measure(
        _d("""
        beforeEach(() => { expect(setup()).toBe(true); });
        describe.skip("old", () => {
          test.each`
            a    | b
            ${1} | ${2}
            ${2} | ${3}
          `("adds $a", ({ a, b }) => {
            expect(a + 1).toBe(b);
          });
        });
        describe("new", () => {
          it.only("runs", async () => {
            await expect(run()).resolves.toBeTruthy();
            this.skip();
          });
          it.todo("later");
          test("node", { only: true }, () => { assert.equal(f(), 1); });
        });
    """)
    )
    assert _summary(parsed) == {"old > adds $a": 2, "new > runs": 1, "new > node": 1}
    assert _events(parsed) == [
        ("skip", "old"),
        ("focus", "new > runs"),
        ("skip", "new > runs"),
        ("skip", "new > later"),
        ("focus", "new > node"),
    ]


def test_js_tautologies_and_looser_matchers():
    before = _d("""
        test("t", () => {
          expect(f()).toEqual(3);
          expect(g()).toBe("x");
        });
    """)
    looser = before.replace("toEqual(3)", "not.toEqual(4)")
    assert _codes("a.test.js", before, looser) == ["AL303"]
    same = before.replace('expect(g()).toBe("x")', 'expect("x").toBe("x")')
    assert _codes("a.test.js", before, same) == ["AL303", "AL306"]
    assert _codes(
        "a.test.js",
        before,
        before.replace("expect(g())", "expect(1)").replace('toBe("x")', "toBeDefined()"),
    ) == ["AL303", "AL306"]


def test_js_unbalanced_and_empty_files_do_not_crash():
    for text in (
        "",
        "it(",
        "describe('x', () => { it('y', () => { expect(",
        "`",
        "/",
        "/* ",
        "'",
        "}}}",
    ):
        assert isinstance(js.measure(text), Parsed)


# -- Go, Java, Rust ---------------------------------------------------------------------------


def test_go_tables_suites_and_skips():
    parsed = golang.measure_go(
        _d("""
        package x

        func TestTable(t *testing.T) {
        	cases := map[string]struct{ in, want int }{
        		"one": {1, 2},
        		"two": {2, 3},
        		"three": {3, 4},
        	}
        	for name, c := range cases {
        		if got := inc(c.in); got != c.want {
        			t.Errorf("%s: got %d", name, got)
        		}
        	}
        }

        func (s *Suite) TestInSuite() {
        	s.Require().Equal(1, one())
        	s.NotNil(two())
        	if testing.Short() {
        		s.T().Skip("short")
        	}
        }

        func helperNotATest(t *testing.T) { t.Errorf("x") }
    """)
    )
    assert _summary(parsed) == {"TestTable": 3, "TestInSuite": 2}
    assert _events(parsed) == [("skip", "TestInSuite")]
    strengths = [c.strength for t in parsed.tests for c in t.checks]
    assert strengths == [EXACT, EXACT, WEAK]


def test_java_class_skip_swallow_and_rows():
    parsed = clike.measure_java(
        _d("""
        @Disabled
        class MathTest {
            @ParameterizedTest
            @ValueSource(ints = {1, 2, 3})
            void positive(int n) {
                assertTrue(n > 0);
            }

            @Test
            void swallowed() {
                try {
                    Assertions.assertEquals(2, add(1, 1));
                } catch (AssertionError e) {
                    log(e);
                }
                String s = "assertEquals(1, 2)";
            }

            @Test
            void tautology() {
                assertTrue(true);
                assertThat(x).isEqualTo(x);
            }
        }
    """)
    )
    assert _summary(parsed) == {
        "MathTest.positive": 3,
        "MathTest.swallowed": 1,
        "MathTest.tautology": 0,
    }
    assert _events(parsed) == [
        ("skip", "MathTest"),
        ("swallowed", "MathTest.swallowed"),
        ("tautology", "MathTest.tautology"),
        ("tautology", "MathTest.tautology"),
    ]


def test_rust_strings_lifetimes_and_markers():
    parsed = clike.measure_rust(
        _d("""
        fn longest<'a>(x: &'a str) -> &'a str { x }

        #[test]
        #[ignore = "slow"]
        fn slow() {
            let c = '"';
            let s = r#"assert!(false)"#;
            assert_eq!(longest("ab"), "ab");
            assert!(true);
            debug_assert!(s.len() > 1, "{}", c);
        }

        fn not_a_test() { assert!(1 == 1); }
    """)
    )
    assert _summary(parsed) == {"slow": 2}
    assert _events(parsed) == [("skip", "slow"), ("tautology", "slow")]


def test_languages_by_extension():
    assert languages.language("a/b/test_x.py") == "python"
    assert languages.language("x.spec.TSX") == "js"
    assert languages.language("x_test.go") == "go"
    assert languages.language("x.pyi") is None
    assert languages.language("README.md") is None
    assert languages.measure(None, "x") == Parsed()


def test_js_helpers_by_name_and_what_is_not_a_check():
    parsed = js.measure(
        _d("""
        import { expectValidUser } from "./helpers";
        const expectOk = (r) => expect(r.ok).toBe(true);

        test("imported helper", () => {
          expectValidUser(load());
        });

        test("catch and compare", () => {
          try { run(); } catch (e) { throw e; }
          assert(total() < 10);
          assert(user);
        });
    """)
    )
    assert _summary(parsed) == {"imported helper": 1, "catch and compare": 2}
    strengths = [c.strength for t in parsed.tests for c in t.checks]
    assert strengths == [STRONG, STRONG, WEAK]


def test_a_renamed_test_that_lost_checks_names_both():
    before = "def test_old():\n    assert f() == 1\n    assert g() == 2\n"
    after = "def test_new():\n    assert f() == 1\n"
    old, new = python.measure_pair(before, after)
    [found] = compare.compare([compare.FileDiff("test_a.py", None, False, old, new)])
    assert found.code == "AL303"
    assert found.message.startswith("test `test_new` (was `test_old`) checks less than before")
