"""The helpers a Python test file is given from the change's other files (checks/weakened.py):
parsed only where another file names them, and given only to the files that reach them.
The verdicts must be those of the full way: every file parsed, every helper given to every
other file."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from agentlint.checks import weakened as check
from agentlint.weakened import compare, languages, python
from tests.weakened.test_properties import _mutate  # the same random edits

HELPERS = [
    "def check_total(x):\n    assert x == 5\n    assert x > 0\n",
    "def helper_ok(r):\n    assert r\n    check_total(r)\n",
    "class Base:\n    def assert_ok(self, r):\n        assert r == 1\n        assert r\n",
    "def make():\n    return 5\n",
    "async def wait_ok(r):\n    assert await r\n",
]
TESTS = [
    "def test_a():\n    check_total(total())\n",
    "def test_b():\n    assert total() == 5\n    assert total()\n",
    "def test_c():\n    helper_ok(run())\n",
    "class TestX(Base):\n    def test_d(self):\n        self.assert_ok(go())\n",
    "def test_e():\n    assert make() == 5\n",
    "async def test_f():\n    await wait_ok(go())\n",
    "def test_g():\n    x = 1\n    assert x\n",
]
ODD = ["# é ünïcode\n", "x = 1 + \\\n    2\n", "y = 2\r"]


def _full_helpers(texts):
    """Before the change: each side of every file parsed, every helper to every other file."""
    sides = [(p, python.library(b), python.library(a)) for p, b, a in texts]
    return {path: check._others(sides, path) for path, _, _ in sides}


def _verdict(texts, helpers):
    files = []
    for path, before, after in texts:
        sides = languages.measure_pair(
            path, before.encode(), path, after.encode(), helpers.get(path, ({}, {}))
        )
        files.append(compare.FileDiff(path, None, False, *sides))

    # as the pipeline does where a removed test is about to be reported: the whole files
    # after the change are looked at for a copy (an unchanged region is not measured)
    def elsewhere(groups):
        return [languages.measure("python", after) for _, _, after in texts]

    return sorted((w.path, w.code, w.test, w.line) for w in compare.compare(files, elsewhere))


@given(data=st.data())
@settings(max_examples=300, deadline=None)
def test_cheap_helpers_give_the_verdicts_of_every_helper_everywhere(data):
    count = data.draw(st.integers(2, 4))
    texts = []
    for n in range(count):
        parts = data.draw(st.lists(st.sampled_from(HELPERS + TESTS + ODD), min_size=1, max_size=5))
        before = "import pytest\n\n" + "\n\n".join(parts)
        texts.append((f"tests/test_{n}.py", before, _mutate(before, data)))
    assert _verdict(texts, check._python_helpers(texts)) == _verdict(texts, _full_helpers(texts))


def test_a_helper_no_other_file_names_is_not_parsed(monkeypatch):
    parsed = []
    real = python.library
    monkeypatch.setattr(python, "library", lambda text: parsed.append(text) or real(text))
    uses = "def test_a():\n    check_total(1)\n"
    texts = [
        ("tests/test_a.py", uses, uses),
        ("tests/test_b.py", HELPERS[0], HELPERS[0]),
        ("tests/test_c.py", HELPERS[3], HELPERS[3]),  # make() is named nowhere else
    ]
    helpers = check._python_helpers(texts)
    assert parsed == [HELPERS[0], HELPERS[0]]
    assert list(helpers["tests/test_a.py"][0]) == ["check_total"]
    assert helpers["tests/test_c.py"] == ({}, {})  # it calls nothing the others define


def test_a_helper_reached_through_another_is_given():
    texts = [
        ("tests/test_a.py", TESTS[2], TESTS[2]),  # calls helper_ok, which calls check_total
        ("tests/test_b.py", HELPERS[1], HELPERS[1]),
        ("tests/test_c.py", HELPERS[0], HELPERS[0]),
    ]
    before, after = check._python_helpers(texts)["tests/test_a.py"]
    assert sorted(before) == sorted(after) == ["check_total", "helper_ok"]


def test_a_scan_that_cannot_be_sure_parses():
    for odd in ODD:
        assert check._defines(odd + HELPERS[3]) is None
    assert check._defines(HELPERS[0] + TESTS[0]) == {"check_total"}
    assert check._defines(None) == set()
