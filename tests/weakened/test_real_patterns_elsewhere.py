"""A removed test whose exact duplicate still runs elsewhere at the after revision, in a
file the change does not touch (click's "prompt tests moved and deduplicated", clap's
duplicate derive test): real repositories, real-size suites, through `agentlint check`.

The unchanged files are read only when a removed test is about to be reported (one
`git grep -l` and one `git cat-file --batch`), never on a clean change.
"""

from __future__ import annotations

import json

import pytest

from agentlint.change import extras
from agentlint.weakened import compare, model
from agentlint.weakened.model import Check, Parsed
from tests.conftest import CLAUDE_TRAILER
from tests.weakened.test_real_patterns import py_suite

CONFIRM = (
    "import click\n"
    "import pytest\n\n\n"
    "def test_confirm_repeat(runner):\n"
    "    cli = click.Command(\n"
    "        'cli', params=[], callback=lambda: click.confirm('A', default=False)\n"
    "    )\n"
    "    result = runner.invoke(cli, input='\\ny\\n')\n"
    "    assert result.output == 'A [y/N]: \\nError: invalid input\\nA [y/N]: y\\n'\n\n\n"
)
# the rest of the unchanged file: tests the duplicate sits among
OTHERS = "".join(
    f"def test_confirm_default_{k}(runner):\n"
    f"    cli = click.Command('cli', callback=lambda: click.confirm('Q{k}', default=True))\n"
    f"    result = runner.invoke(cli, input='\\n')\n"
    f"    assert result.output == 'Q{k} [Y/n]: \\n'\n\n\n"
    for k in range(25)
)


def _commit_removal(repo, unchanged: str, *, skip: bool = False) -> str:
    """A 40-test module holding a copy of `test_confirm_repeat`, and an unchanged file
    holding `unchanged`; the agent commit removes the copy from the module."""
    copy = CONFIRM.split("\n\n\n", 1)[1]
    module = py_suite(extra=("@pytest.mark.skip('flaky')\n" if skip else "") + copy)
    removed = py_suite(extra="")
    repo.commit(
        "base",
        files={
            "tests/test_utils.py": module.replace(
                "import sys\n", "import sys\n\nimport click\n", 1
            ),
            "tests/test_prompt/test_confirm.py": unchanged,
        },
    )
    return repo.commit(
        f"Deduplicate prompt tests\n\n{CLAUDE_TRAILER}",
        files={
            "tests/test_utils.py": removed.replace(
                "import sys\n", "import sys\n\nimport click\n", 1
            )
        },
    )


def _findings(run, sha: str) -> list[tuple[str, str]]:
    result = run("check", "--commit", sha, "--select", "AL3", "--format", "json")
    return [(f["code"], f["message"].split(";")[0]) for f in json.loads(result.out)["findings"]]


def test_a_removed_exact_duplicate_of_a_test_in_an_unchanged_file_is_quiet(repo, run):
    sha = _commit_removal(repo, CONFIRM + OTHERS)
    assert _findings(run, sha) == []


def test_a_copy_outside_the_suite_s_folder_makes_up_nothing(repo, run):
    # an example in the docs that looks like the test is not part of the suite that runs
    repo.commit("docs", files={"docs/examples/test_confirm.py": CONFIRM})
    sha = _commit_removal(repo, OTHERS)
    assert [code for code, _ in _findings(run, sha)] == ["AL302"]


def test_the_same_checks_after_another_set_up_are_not_a_duplicate(repo, run):
    # the unchanged file checks the same output, but of a command built another way
    other = CONFIRM.replace("default=False", "default=False, show_default=False")
    sha = _commit_removal(repo, other + OTHERS)
    found = _findings(run, sha)
    assert [code for code, _ in found] == ["AL302"]
    assert "`test_confirm_repeat`" in found[0][1]


def test_a_skipped_duplicate_makes_up_for_nothing(repo, run):
    skipped = CONFIRM.replace(
        "def test_confirm_repeat", "@pytest.mark.skip('flaky')\ndef test_confirm_repeat"
    )
    sha = _commit_removal(repo, skipped + OTHERS)
    assert [code for code, _ in _findings(run, sha)] == ["AL302"]


def test_a_duplicate_in_the_index_counts_for_a_staged_change(repo, run, monkeypatch):
    _commit_removal(repo, CONFIRM + OTHERS)
    repo.git("reset", "-q", "--soft", "HEAD~1")  # the removal, staged again
    monkeypatch.setenv("CLAUDECODE", "1")
    result = run("check", "--staged", "--select", "AL3")
    assert "AL30" not in result.out
    repo.write("tests/test_prompt/test_confirm.py", OTHERS)  # the copy goes too
    repo.git("add", "-A")
    result = run("check", "--staged", "--select", "AL3")
    assert "AL302" in result.out and "`test_confirm_repeat`" in result.out


JAVA_HEAD = (
    "package org.example.text;\n\n"
    "import static org.junit.jupiter.api.Assertions.assertFalse;\n"
    "import static org.junit.jupiter.api.Assertions.assertTrue;\n\n"
    "import org.junit.jupiter.api.Test;\n\n"
)


def _java_class(name: str, tests: list[str]) -> str:
    return JAVA_HEAD + f"public class {name} {{\n" + "\n".join(tests) + "}\n"


def _java_test(name: str, call: str, word: str) -> str:
    return (
        f"    @Test\n    public void {name}() {{\n"
        f"        assertTrue(Strings.{call}(null));\n"
        f'        assertTrue(Strings.{call}(""));\n'
        f'        assertFalse(Strings.{call}("{word}"));\n'
        f'        assertFalse(Strings.{call}("  {word}  "));\n    }}\n'
    )


def _java_deletion(repo, unchanged: str) -> str:
    """A 31-test class and an unchanged class holding `unchanged`; the agent commit
    deletes `testIsEmpty` from the big class."""
    kept = [_java_test(f"testIsAny{k}", f"isAny{k}", "foo") for k in range(30)]
    duplicate = _java_test("testIsEmpty", "isEmpty", "foo")
    path = "src/test/java/org/example/text/"
    repo.commit(
        "base",
        files={
            path + "StringsTest.java": _java_class("StringsTest", [*kept, duplicate]),
            path + "StringsTrimEmptyTest.java": _java_class(
                "StringsTrimEmptyTest", [unchanged, *kept[:10]]
            ),
        },
    )
    return repo.commit(
        f"Delete redundant tests\n\n{CLAUDE_TRAILER}",
        files={path + "StringsTest.java": _java_class("StringsTest", kept)},
    )


def test_java_a_test_deleted_as_redundant_with_an_unchanged_class(repo, run):
    sha = _java_deletion(repo, _java_test("testIsEmpty", "isEmpty", "foo"))
    assert _findings(run, sha) == []


def test_java_a_namesake_making_the_same_calls_on_other_values_makes_it_up(repo, run):
    # commons-lang deleted StringUtilsTest#testIsBlank as redundant with a same-named test
    # of another class that calls isBlank as often, on "foo" where it had "bob"
    sha = _java_deletion(repo, _java_test("testIsEmpty", "isEmpty", "bob"))
    assert _findings(run, sha) == []


@pytest.mark.parametrize(
    "namesake",
    [
        # one call fewer: the deleted test checked more
        _java_test("testIsEmpty", "isEmpty", "bob").replace(
            '        assertFalse(Strings.isEmpty("  bob  "));\n', ""
        ),
        # the same name, but it calls other code
        _java_test("testIsEmpty", "isBlank", "bob"),
        # the same calls, looser: a check that cannot fail the same way
        _java_test("testIsEmpty", "isEmpty", "bob").replace("assertFalse(", "assertNotNull("),
        # the same calls under another name: not a namesake (and not the same body)
        _java_test("testIsEmptyWords", "isEmpty", "bob"),
        # a namesake that does not run
        _java_test("testIsEmpty", "isEmpty", "bob").replace("@Test", "@Disabled @Test"),
    ],
    ids=["fewer", "other-code", "looser", "other-name", "disabled"],
)
def test_java_a_namesake_that_checks_less_makes_up_nothing(repo, run, namesake):
    sha = _java_deletion(repo, namesake)
    found = _findings(run, sha)
    assert [code for code, _ in found] == ["AL302"]
    assert "`StringsTest.testIsEmpty`" in found[0][1]


def test_a_namesake_the_change_itself_writes_makes_up_nothing():
    """The attack: delete a test and write a same-named one that makes the same calls on
    values that prove less. A namesake counts only when the change did not write it."""

    def check(value: str) -> Check:
        text = f'assertFalse(Strings.isEmpty("{value}"))'
        return Check(text, model.WEAK, 3, text, shape="_.False(_.isEmpty(_))")

    removed = model.Test("StringsTest.testIsEmpty", 1, (check("bob"),), body=1)
    namesake = model.Test("OtherTest.testIsEmpty", 1, (check(" "),), body=2)

    def elsewhere(groups):
        return [Parsed(tests=(namesake,))]

    for made, lost in ((set(), 0), ({2}, 1)):
        deficit = compare._counts(removed)
        compare._still_checked([(removed, deficit)], elsewhere, made)
        assert sum(deficit.values()) == lost


def test_a_namesake_whose_checks_call_no_code_makes_up_nothing():
    """`assert result.exit_code == 0` names no code under test: a same-named test elsewhere
    making it after its own set-up is not a copy (see the set-up test above)."""
    check = Check("assert result.exit_code == 0", model.EXACT, 3, "assert result.exit_code == 0")
    check = check._replace(shape="_ == _")
    old = model.Test("test_basic", 1, (check,), body=1)
    new = model.Test("test_basic", 1, (check._replace(sig="other"),), body=2)
    assert not compare._same_calls(old, new)
    called = check._replace(shape="f(_) == _")
    assert compare._same_calls(old._replace(checks=(called,)), new._replace(checks=(called,)))


@pytest.mark.parametrize(
    ("shape", "names_code"),
    [
        ("_.True(_.isBlank(_))", True),  # JUnit: the assertion wraps the call under test
        ("f(_) == _", True),  # Python: `assert f(x) == 5`
        ("_ == _", False),  # `assert result.exit_code == 0`
        ("_.Equals(_,_)", False),  # values only
        ("_ in _", False),
        ("", False),
    ],
)
def test_a_check_names_code_when_it_calls_more_than_the_assertion(shape, names_code):
    assert compare._names_code(shape) is names_code


def test_unchanged_files_are_read_only_where_a_finding_is_about_to_be_raised(
    repo, run, monkeypatch
):
    asked: list[list[str]] = []
    real = extras.files_holding

    def spy(rev: str, texts, suffixes, **kw):  # type: ignore[no-untyped-def]
        asked.append(list(texts))
        return real(rev, texts, suffixes, **kw)

    monkeypatch.setattr(extras, "files_holding", spy)
    repo.commit("base", files={"tests/test_amounts.py": py_suite()})
    clean = py_suite().replace("assert value >= 0\n", "assert value >= 0  # never negative\n")
    sha = repo.commit(f"comment\n\n{CLAUDE_TRAILER}", files={"tests/test_amounts.py": clean})
    assert _findings(run, sha) == [] and asked == []
    sha = _commit_removal(repo, CONFIRM + OTHERS)
    assert _findings(run, sha) == []
    assert asked == [["assert result.output == 'A [y/N]: \\nError: invalid input\\nA [y/N]: y\\n'"]]


def _removed(body: int) -> compare.FileDiff:
    check = Check("sig", 3, 5, "assert f() == 1")
    old = Parsed((model.Test("test_a", 4, (check,), body),))
    return compare.FileDiff("tests/test_a.py", None, False, old, Parsed())


@pytest.mark.parametrize(
    ("found", "reported"),
    [
        (Parsed((model.Test("test_b", 9, (Check("sig", 3, 10, "assert f() == 1"),), 7),)), False),
        (Parsed((model.Test("test_b", 9, (Check("sig", 3, 10, "assert f() == 1"),), 8),)), True),
        (Parsed((model.Test("test_b", 9, (), 7, idle=True),)), True),
    ],
)
def test_compare_asks_elsewhere_only_for_what_is_still_lost(found: Parsed, reported: bool):
    asked: list[list[str]] = []

    def elsewhere(groups):  # type: ignore[no-untyped-def]
        asked.append([[c.text for c in group] for group in groups])
        return [found]

    out = compare.compare([_removed(7)], elsewhere)
    assert [w.code for w in out] == (["AL302"] if reported else [])
    assert asked == [[["assert f() == 1"]]]
    assert (
        compare.compare([compare.FileDiff("t.py", None, False, Parsed(), Parsed())], elsewhere)
        == []
    )
    assert len(asked) == 1  # nothing removed: nothing asked


def test_a_copy_that_runs_fewer_cases_is_not_a_duplicate(repo, run):
    def table(rows: int) -> str:
        values = ", ".join(f"('{k}.00', {k * 100})" for k in range(rows))
        return (
            f"@pytest.mark.parametrize('text, cents', [{values}])\n"
            "def test_round_trip(text, cents):\n"
            "    assert parse_amount(text) == cents\n"
            "    assert format_amount(cents) == text\n\n\n"
        )

    head = "import pytest\n\nfrom ledger.parse import format_amount, parse_amount\n\n\n"
    suite = py_suite()
    repo.commit(
        "base",
        files={
            "tests/test_amounts.py": suite + "\n\n" + table(6),
            "tests/test_formats.py": head + table(1) + OTHERS.replace("click.", "pytest."),
        },
    )
    sha = repo.commit(f"dedupe\n\n{CLAUDE_TRAILER}", files={"tests/test_amounts.py": suite})
    assert [code for code, _ in _findings(run, sha)] == ["AL302"]
    repo.commit("wider copy", files={"tests/test_formats.py": head + table(6)})
    repo.commit("restore", files={"tests/test_amounts.py": suite + "\n\n" + table(6)})
    sha = repo.commit(f"dedupe\n\n{CLAUDE_TRAILER}", files={"tests/test_amounts.py": suite})
    assert _findings(run, sha) == []


def test_a_removed_test_that_names_no_check_is_looked_for_by_name():
    asked: list[list[str]] = []

    def elsewhere(groups):  # type: ignore[no-untyped-def]
        asked.append([[c.text for c in group] for group in groups])
        return [Parsed((model.Test("test_imports_cleanly", 3, (), 11),))]

    old = Parsed((model.Test("test_imports_cleanly", 4, (), 11),))
    diff = compare.FileDiff("tests/test_smoke.py", None, False, old, Parsed())
    assert compare.compare([diff], elsewhere) == []
    assert asked == [[["test_imports_cleanly"]]]


def test_files_holding_reads_the_nearest_files_first_and_at_most_so_many(repo):
    files = {
        f"tests/{d}/test_{k}.py": f"def test_{k}():\n    assert f() == {k}\n"
        for d in "ab"
        for k in range(4)
    }
    files["tests/a/notes.txt"] = "assert f() == 1\n"
    sha = repo.commit("base", files=files)
    found = extras.files_holding(sha, ["assert f() =="], [".py"], near=["tests/b/x.py"], most=3)
    assert len(found) == 3 and all(p.startswith("tests/b/") for p in found)
    assert extras.files_holding(":", ["== 3"], [".py"]) == {
        "tests/a/test_3.py": files["tests/a/test_3.py"].encode(),
        "tests/b/test_3.py": files["tests/b/test_3.py"].encode(),
    }
    assert extras.files_holding(sha, ["no such line"], [".py"]) == {}
    assert extras.files_holding(sha, [], [".py"]) == {}


# Moving a test where it no longer runs, found by trying the copy rule on click's suite: the
# test left test_options.py and reappeared, unchanged, where pytest does not run it.
MOVED = (
    "def test_amount_7():\n"
    "    value = parse_amount('7.0')\n"
    "    assert value == 700\n"
    "    assert value >= 0\n"
)
HEAD_PY = "import pytest\n\nfrom ledger.parse import parse_amount\n\n\n"


def _move_test_to(repo, run, path: str, text: str) -> list[str]:
    repo.commit("base", files={"tests/test_ledger.py": py_suite()})
    sha = repo.commit(
        f"Move a test\n\n{CLAUDE_TRAILER}",
        files={
            "tests/test_ledger.py": py_suite()
            .replace(
                py_suite().split("def test_amount_7():", 1)[1].split("def test_amount_8", 1)[0],
                "",
            )
            .replace("def test_amount_7():", ""),
            path: text,
        },
    )
    return [code for code, _ in _findings(run, sha)]


def test_a_test_moved_into_a_new_file_pytest_does_not_collect_is_removed(repo, run):
    assert _move_test_to(repo, run, "tests/amount_cases.py", HEAD_PY + MOVED) == ["AL302"]


def test_a_test_moved_into_a_new_collected_file_is_a_move(repo, run):
    assert _move_test_to(repo, run, "tests/test_amounts.py", HEAD_PY + MOVED) == []


@pytest.mark.parametrize(
    "set_up",
    [
        "def setup_module():\n    pytest.skip('later', allow_module_level=True)\n\n\n",
        "def setUpModule():\n    pytest.skip('later')\n\n\n",
        "@pytest.fixture(autouse=True)\ndef _later():\n    pytest.skip('later')\n\n\n",
    ],
    ids=["setup_module", "setUpModule", "autouse"],
)
def test_a_test_moved_under_a_set_up_that_skips_is_reported(repo, run, set_up):
    found = _move_test_to(repo, run, "tests/test_amounts.py", HEAD_PY + set_up + MOVED)
    assert found and set(found) <= {"AL302", "AL304"}


@pytest.mark.parametrize("hook", ["setUp", "setUpClass", "setup_class", "setup_method"])
def test_a_skip_in_a_class_set_up_hook_skips_the_class(hook):
    from agentlint.weakened import languages

    args = "cls" if "Class" in hook or hook == "setup_class" else "self"
    source = (
        "import unittest\n\n\nclass TestAmounts(unittest.TestCase):\n"
        f"    def {hook}({args}):\n        raise unittest.SkipTest('later')\n\n"
        "    def test_a(self):\n        self.assertEqual(parse_amount('1'), 100)\n"
    )
    plain = source.replace("raise unittest.SkipTest('later')", "pass")
    assert [(e.kind, e.owner) for e in languages.measure("python", source).events] == [
        ("skip", "TestAmounts")
    ]
    assert languages.measure("python", plain).events == ()
