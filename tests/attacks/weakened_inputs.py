"""Hostile inputs for the weakened-test rules (issue 12, item 6): files an agent can
commit to make the measurement slow or crash it. Shared by tests/bench.py and
tests/attacks/test_weakened_inputs.py, which prove each gives the right answer in time."""

from __future__ import annotations


def one_line_js(repeats: int = 40_000) -> tuple[str, str]:
    """A spec on one line whose helper-shaped declarations never end: each `const x:`
    invites a typed-declaration regex to scan the rest of the line. The after side
    drops one real check."""
    noise = "const x: y, " * repeats
    test = "it('adds', () => { expect(add(1, 2)).toBe(3); expect(add(2, 2)).toBe(4) });"
    before = f"{noise} {test} {noise}"
    return before, before.replace(" expect(add(2, 2)).toBe(4)", "")


def many_tests_python(count: int = 15_000) -> tuple[str, str]:
    """A test module of `count` tests; the change removes one check from one test."""
    body = "".join(f"def test_n{k}():\n    assert f({k}) == {k + 1}\n\n\n" for k in range(count))
    before = "from app import f\n\n\n" + body
    return before, before.replace("    assert f(7) == 8\n", "    pass\n")


def many_tests_js(count: int = 15_000) -> tuple[str, str]:
    body = "".join(f"it('n{k}', () => {{ expect(f({k})).toBe({k + 1}) }})\n" for k in range(count))
    before = "import { f } from './f'\n" + body
    return before, before.replace("it('n7', () => { expect(f(7)).toBe(8) })", "it('n7', () => {})")


def many_tests_go(count: int = 15_000) -> tuple[str, str]:
    body = "".join(
        f"func TestN{k}(t *testing.T) {{\n"
        f'\tif f({k}) != {k + 1} {{\n\t\tt.Errorf("n{k}")\n\t}}\n}}\n\n'
        for k in range(count)
    )
    before = 'package f\n\nimport "testing"\n\n' + body
    return before, before.replace('\t\tt.Errorf("n7")\n', '\t\tt.Logf("n7")\n')


def helper_chain_python(depth: int = 200) -> tuple[str, str]:
    """`test_chain` calls helper_0, which calls helper_1, ... down to one assertion."""
    helpers = "".join(f"def helper_{k}(x):\n    helper_{k + 1}(x)\n\n\n" for k in range(depth))
    last = f"def helper_{depth}(x):\n    assert x == 1\n\n\n"
    before = helpers + last + "def test_chain():\n    helper_0(1)\n"
    return before, before.replace("    assert x == 1\n", "    pass\n")


def helper_chain_js(depth: int = 200) -> tuple[str, str]:
    helpers = "".join(f"function helper{k}(x) {{ helper{k + 1}(x) }}\n" for k in range(depth))
    last = f"function helper{depth}(x) {{ expect(x).toBe(1) }}\n"
    before = helpers + last + "it('chain', () => { helper0(1) })\n"
    return before, before.replace("expect(x).toBe(1)", "void x")


def helper_chain_go(depth: int = 200) -> tuple[str, str]:
    helpers = "".join(
        f"func helper{k}(t *testing.T, x int) {{\n\thelper{k + 1}(t, x)\n}}\n\n"
        for k in range(depth)
    )
    last = (
        f"func helper{depth}(t *testing.T, x int) {{\n\tif x != 1 {{\n\t\tt.Fatal(x)\n\t}}\n}}\n\n"
    )
    before = 'package f\n\nimport "testing"\n\n' + helpers + last
    before += "func TestChain(t *testing.T) {\n\thelper0(t, 1)\n}\n"
    return before, before.replace("\t\tt.Fatal(x)\n", "\t\tt.Log(x)\n")


def deep_expression_python(depth: int = 2_000) -> tuple[str, str]:
    """An assertion nested deeper than Python's recursion limit lets `ast` walk."""
    expr = "1" + " + 1" * depth
    before = f"def test_deep():\n    assert f() == {expr}\n    assert g() == 2\n"
    return before, before.replace("    assert g() == 2\n", "")


def many_branches_java(count: int = 5_000) -> tuple[str, str]:
    """One JUnit test of `count` loops, each with an `if (...) continue;` before its check:
    every check runs under a condition; the change drops one."""
    body = "".join(
        f"        for (int a : xs) {{\n            if (a == {k}) {{ continue; }}\n"
        f"            assertEquals(a + {k}, f(a, {k}));\n        }}\n"
        for k in range(count)
    )
    before = f"class ManyTest {{\n    @Test\n    void many() {{\n{body}    }}\n}}\n"
    return before, before.replace("            assertEquals(a + 7, f(a, 7));\n", "")


def unwrap_chain_rust(count: int = 2_000) -> tuple[str, str]:
    """One statement of `count` chained `.unwrap()` calls (each is a check whose statement
    is read back), and `count` branches; the change drops one branch's assertion."""
    chain = "    let v = x" + ".unwrap()" * count + ";\n"
    branches = "".join(
        f"    if v > {k} {{\n        assert_eq!(g({k}), {k});\n    }}\n" for k in range(count)
    )
    before = f"#[test]\nfn many() {{\n{chain}{branches}}}\n"
    return before, before.replace("        assert_eq!(g(7), 7);\n", "")


def many_choices_go(count: int = 3_000) -> tuple[str, str]:
    """One Go test of `count` platform choices, each with a check per branch."""
    choices = "".join(
        f'\tif runtime.GOOS == "windows" {{\n\t\tassert.Equal(t, {k}, f({k}))\n'
        f"\t}} else {{\n\t\tassert.Equal(t, {k}, g({k}))\n\t}}\n"
        for k in range(count)
    )
    before = f'package f\n\nimport "testing"\n\nfunc TestMany(t *testing.T) {{\n{choices}}}\n'
    dropped = (
        '\tif runtime.GOOS == "windows" {\n\t\tassert.Equal(t, 7, f(7))\n'
        "\t} else {\n\t\tassert.Equal(t, 7, g(7))\n\t}\n"
    )
    return before, before.replace(dropped, "")


def many_repeats_go(count: int = 6_000) -> tuple[str, str]:
    """One Go test that checks `count` values, changes them all, and checks them again:
    every check repeats one far above it."""
    first = "".join(f"\tgot{k} := f({k})\n\tassert.Equal(t, {k}, got{k})\n" for k in range(count))
    again = "".join(f"\tgot{k} = g({k})\n\tassert.Equal(t, {k}, got{k})\n" for k in range(count))
    before = f'package f\n\nimport "testing"\n\nfunc TestMany(t *testing.T) {{\n{first}{again}}}\n'
    return before, before.replace("\tgot7 = g(7)\n\tassert.Equal(t, 7, got7)\n", "\tgot7 = g(7)\n")


INPUTS = {
    "one-line JS spec with helper-shaped noise": ("spec.test.js", one_line_js),
    "Python file with 15,000 tests": ("tests/test_many.py", many_tests_python),
    "JS spec with 15,000 tests": ("many.test.js", many_tests_js),
    "Go file with 15,000 tests": ("many_test.go", many_tests_go),
    "chain of 200 Python helpers": ("tests/test_chain.py", helper_chain_python),
    "chain of 200 JS helpers": ("chain.test.js", helper_chain_js),
    "chain of 200 Go helpers": ("chain_test.go", helper_chain_go),
    "Go test of 3,000 platform choices": ("choices_test.go", many_choices_go),
    "Go test of 6,000 checks made twice": ("repeats_test.go", many_repeats_go),
    "assertion nested 2,000 deep": ("tests/test_deep.py", deep_expression_python),
    "Java test of 5,000 guarded loops": ("src/test/java/ManyTest.java", many_branches_java),
    "Rust test of 2,000 unwraps and branches": ("tests/many.rs", unwrap_chain_rust),
}
