"""Python classes found on real history (issue 13), on suites of real size: tests moved
into source that pytester runs (pytest's compat tests), and several checks of one output
merged into one that holds them all (click's joined help line). Each with the weakening
that looks like it."""

from __future__ import annotations

import pytest

from tests.weakened.test_real_patterns import codes, judge

COMPAT = "".join(
    f"def test_is_function_{k}():\n"
    f"    def helper_{k}():\n        return {k}\n\n"
    f"    assert is_function(helper_{k})\n"
    f"    assert not is_function({k})\n\n\n"
    for k in range(30)
)
HEAD = "import sys\n\nimport pytest\nfrom _pytest.compat import is_function, is_generator\n\n\n"
OLD_FILE = (
    "from _pytest.compat import is_generator\n\n\n"
    "def test_is_generator_py35():\n"
    "    async def foo():\n        await foo()\n\n"
    "    async def bar():\n        pass\n\n"
    "    assert not is_generator(foo)\n"
    "    assert not is_generator(bar)\n"
)


def _moved(
    outcome: str = "result.stdout.fnmatch_lines(['*1 passed*'])", swap: tuple[str, str] = ("", "")
) -> str:
    inner = (
        "        from _pytest.compat import is_generator\n"
        "        def test_is_generator_py35():\n"
        "            async def foo():\n                await foo()\n\n"
        "            async def bar():\n                pass\n\n"
        "            assert not is_generator(foo)\n"
        "            assert not is_generator(bar)\n"
    ).replace(*swap)
    return (
        "\n\ndef test_is_generator_async_syntax(testdir):\n"
        f'    testdir.makepyfile("""\n{inner}    """)\n'
        "    result = testdir.runpytest()\n"
        f"    {outcome}\n"
    )


def _move(destination_tail: str) -> dict[str, tuple[str | None, str | None]]:
    return {
        "testing/test_compat_35.py": (OLD_FILE, None),
        "testing/test_compat.py": (HEAD + COMPAT, HEAD + COMPAT + destination_tail),
    }


def test_a_test_moved_into_pytester_source_that_must_pass_keeps_its_checks():
    assert judge(_move(_moved())) == []
    outcome = "result.assert_outcomes(passed=1)"
    assert judge(_move(_moved(outcome))) == []
    dedented = _moved().replace('makepyfile("""', 'makepyfile(textwrap.dedent("""')
    assert judge(_move(dedented.replace('    """)\n', '    """))\n'))) == []


@pytest.mark.parametrize(
    "tail",
    [
        _moved(swap=("assert not is_generator(", "is_generator(")),  # the checks left behind
        _moved("result.stdout.fnmatch_lines(['*1 failed*'])"),  # expected to fail
        _moved("assert result is not None"),  # the outcome is not checked
        _moved("result.stdout.fnmatch_lines(['*passed*'])"),  # nor how many passed
        _moved(swap=("        def test_is", "        @pytest.mark.skip\n        def test_is")),
        _moved(
            swap=(
                "        from _pytest",
                "        def test_other():\n            pass\n        from _pytest",
            )
        ),  # two tests: one of them may fail
    ],
)
def test_pytester_source_that_loses_a_check_or_need_not_pass_makes_up_nothing(tail: str):
    assert codes(_move(tail)) == ["AL301"]


HELP = "".join(
    f"def test_option_{k}(runner):\n"
    f"    @click.command()\n    @click.option('--opt{k}', help='number {k}')\n"
    f"    def cmd(opt{k}):\n        pass\n\n"
    f"    result = runner.invoke(cmd, ['--help'])\n"
    f"    assert result.exit_code == 0\n"
    f"    assert '--opt{k} TEXT  number {k}' in result.output\n\n\n"
    for k in range(30)
)
MULTILINE = (
    "def test_multiline_help(runner):\n"
    "    @click.command()\n"
    "    @click.option('--foo', help='hello\\n i am\\n multiline')\n"
    "    def cmd(foo):\n        click.echo(foo)\n\n"
    "    result = runner.invoke(cmd, ['--help'])\n"
    "    assert result.exit_code == 0\n"
    "    out = result.output.splitlines()\n"
    "    assert '  --foo TEXT  hello' in out\n"
    "    assert '              i am' in out\n"
    "    assert '              multiline' in out\n"
)
CLICK = "import click\nimport pytest\n\n\n" + HELP


def test_checks_of_an_output_merged_into_one_that_holds_them_all():
    joined = MULTILINE.replace(
        "    assert '  --foo TEXT  hello' in out\n"
        "    assert '              i am' in out\n"
        "    assert '              multiline' in out\n",
        "    assert '  --foo TEXT  hello  i am  multiline' in out\n",
    )
    path = "tests/test_options.py"
    assert judge({path: (CLICK + MULTILINE, CLICK + joined)}) == []
    # the twins: a word the joined line no longer holds, another subject, a looser check
    for after in (
        joined.replace("  multiline' in out", "' in out"),
        joined.replace("' in out\n", "' in result.output\n"),
        joined.replace("assert '  --foo TEXT  hello  i am  multiline' in out", "assert out"),
    ):
        found = judge({path: (CLICK + MULTILINE, CLICK + after)})
        assert [(w.code, w.test) for w in found] == [("AL303", "test_multiline_help")]


REPORTS = "".join(
    f"    def test_report_{k}(self, testdir):\n"
    f"        result = self._run(testdir, 'fmt{k}')\n"
    f"        result.stdout.fnmatch_lines(['*line {k}*'])\n\n"
    for k in range(30)
)
UDIFF = (
    "    def test_report_udiff(self, testdir, format='udiff'):\n"
    "        result = self._run(testdir, format)\n"
    "        result.stdout.fnmatch_lines(['     0  1  4', '    -1  2  4', '    +1  2  5'])\n\n"
)
LOOP = (
    "    def test_report_case_insensitive(self, testdir):\n"
    "        for format in 'udiff', 'UDIFF', 'uDiFf':\n"
    "            self.test_report_udiff(testdir, format)\n\n"
)
REPORTING = (
    "import pytest\n\n\nclass TestReportingOption:\n"
    "    def _run(self, testdir, format):\n"
    "        testdir.maketxtfile('>>> 1\\n1\\n')\n"
    "        return testdir.runpytest('--doctest-report', format)\n\n" + REPORTS
)


def test_a_test_that_calls_another_test_in_a_loop_replaced_by_parametrize():
    path = "testing/test_doctest.py"
    parametrized = "    @pytest.mark.parametrize('format', ['udiff', 'UDIFF', 'uDiFf'])\n" + (
        UDIFF.replace(", format='udiff'):", ", format):")
    )
    assert judge({path: (REPORTING + UDIFF + LOOP, REPORTING + parametrized)}) == []
    # the twin: the loop goes and nothing runs the other formats any more
    found = judge({path: (REPORTING + UDIFF + LOOP, REPORTING + UDIFF)})
    assert [(w.code, w.test) for w in found] == [
        ("AL302", "TestReportingOption.test_report_case_insensitive")
    ]


def test_a_module_marker_reaches_a_changed_test_when_only_changed_blocks_are_read():
    table = "".join(f"        ('{k}.00', {k * 100}),\n" for k in range(12))
    suite = (
        "import pytest\n\nfrom shop.money import parse_amount\n\n"
        'pytestmark = pytest.mark.skip(reason="wip")\n\n\n'
        f"@pytest.mark.parametrize(\n    ('text', 'cents'),\n    [\n{table}    ],\n)\n"
        "def test_parse_amount(text, cents):\n    assert parse_amount(text) == cents\n"
    )
    dropped = suite.replace("        ('3.00', 300),\n", "")
    # the test never runs on either side: dropping a row loses nothing
    assert judge({"tests/test_money.py": (suite, dropped)}) == []
    live = suite.replace('pytestmark = pytest.mark.skip(reason="wip")\n', "")
    assert codes({"tests/test_money.py": (live, live.replace("        ('3.00', 300),\n", ""))}) == [
        "AL303"
    ]
