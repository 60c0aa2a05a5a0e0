"""Properties of the test-file parsers, through the real entry points: any text measures
without an error, `check` never fails with a traceback on it, and measuring only the
changed Python blocks gives the same verdict as measuring the whole files."""

from __future__ import annotations

import subprocess

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agentlint.cli import main
from agentlint.weakened import clike, compare, golang, js, python, rust
from tests.weakened.corpus import CORPUS

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
PIECES = [
    "it(",
    "test.each`",
    "describe.skip(",
    "expect(",
    ").toBe(",
    "assert",
    "t.Errorf(",
    "#[test]",
    "#[",
    "@Test",
    "@Disabled",
    "func Test",
    "fn ",
    "def test_",
    "class Test",
    "self.assert",
    "try {",
    "} catch (e) {",
    "try:",
    "except:",
    "/*",
    "*/",
    "//",
    "#",
    "'",
    '"',
    "`",
    "${",
    "/",
    'r#"',
    "'a",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    ",",
    ";",
    "\n",
    "    ",
    "\t",
    "x",
    "1",
    "=",
    "!",
    "pytest.mark.skip",
    "range tests {",
    ":= []struct{",
    "assert_eq!(",
    "\\",
    "\x00",
    "é",
    "module.exports = {",
    "'test x': function(assert){",
    "assert.ok(",
    "#[cfg_attr(not(x), ignore)]",
    "any(",
    "all(",
    "not(",
    "indexOf(",
    "-1",
]
code = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
SOURCES = [text for c in CORPUS for pair in c.files.values() for text in pair if text]


@given(text=code | st.text(max_size=200) | st.sampled_from(SOURCES))
@settings(max_examples=300, deadline=None)
def test_every_extractor_measures_any_text(text):
    for measure in (js.measure, golang.measure_go, clike.measure_java, clike.measure_rust):
        parsed = measure(text)
        for test in parsed.tests:
            assert all(c.times >= 1 and c.line >= 0 for c in test.checks)
    python.measure_pair(None, text)


@given(before=code | st.sampled_from(SOURCES), after=code | st.sampled_from(SOURCES))
@settings(max_examples=200, deadline=None)
def test_the_pair_readers_measure_any_two_texts(before, after):
    """JS and Rust read both sides together (a changed stretch, exported tests, helper
    modules, ignore conditions compared across the sides): any two texts measure."""
    for old, new in (js.measure_pair(before, after), rust.measure_pair(before, after)):
        for test in (*old.tests, *new.tests):
            assert all(c.times >= 1 and c.line >= 0 for c in test.checks)
        compare.compare([compare.FileDiff("t", None, False, old, new)])


def _mutate(text: str, data: st.DataObject) -> str:
    lines = text.splitlines(keepends=True)
    for _ in range(data.draw(st.integers(0, 3))):
        if not lines:
            break
        n = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "duplicate", "comment", "skip"]))
        if action == "drop":
            del lines[n]
        elif action == "duplicate":
            lines.insert(n, lines[n])
        elif action == "comment":
            lines[n] = "# " + lines[n]
        else:
            lines.insert(n, "@pytest.mark.skip\n")
    return "".join(lines)


PYTHON_SOURCES = [
    t for c in CORPUS for p, pair in c.files.items() if p.endswith(".py") for t in pair if t
]


@given(data=st.data())
@settings(max_examples=150, deadline=None)
def test_measuring_changed_python_blocks_agrees_with_whole_files(data):
    before = data.draw(st.sampled_from(PYTHON_SOURCES))
    after = _mutate(before, data)
    partial = python.measure_pair(before, after)
    whole = (python._full(before), python._full(after))

    def verdict(sides):
        found = compare.compare([compare.FileDiff("t.py", None, False, *sides)])
        return sorted((w.code, w.test, w.line) for w in found)

    assert verdict(partial) == verdict(whole)


@given(data=st.data())
@SETTINGS
def test_check_never_fails_on_any_test_file(tmp_path_factory, monkeypatch, capsys, data):
    path = tmp_path_factory.mktemp("prop")
    monkeypatch.chdir(path)
    monkeypatch.setenv("CLAUDECODE", "1")
    name = data.draw(
        st.sampled_from(
            ["tests/test_a.py", "a.test.ts", "a_test.go", "src/test/ATest.java", "tests/a.rs"]
        )
    )
    before = data.draw(code | st.sampled_from(SOURCES))
    after = data.draw(code | st.sampled_from(SOURCES))

    def git(*args: str, content: bytes | None = None) -> None:
        subprocess.run(["git", *args], check=True, capture_output=True, input=content)

    git("init", "-q")
    target = path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(before, encoding="utf-8", errors="surrogateescape")
    git("add", "-A")
    git("commit", "-q", "-m", "base")
    target.write_text(after, encoding="utf-8", errors="surrogateescape")
    git("add", "-A")
    capsys.readouterr()
    code_ = main(["check", "--staged", "--select", "AL3"])
    captured = capsys.readouterr()
    assert code_ in (0, 1), captured.err
    assert "internal error" not in captured.err


def test_an_always_skipped_test_makes_up_for_nothing():
    """A check lost from a running test is not made up by the same form in a test that is
    skipped on both sides (found by the property above)."""
    before = (
        "import pytest\n\n\ndef test_total():\n    assert total([3, 2]) == 5\n"
        "    assert count([3, 2]) == 2\n\n\n@pytest.mark.skip(reason='flaky')\n"
        "def test_discount():\n    assert total([10]) == 9\n"
    )
    after = before.replace("    assert total([3, 2]) == 5\n", "")
    for sides in (python.measure_pair(before, after), (python._full(before), python._full(after))):
        found = compare.compare([compare.FileDiff("t.py", None, False, *sides)])
        assert [(w.code, w.test) for w in found] == [("AL303", "test_total")]


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="ab\n\r{}()", max_size=80),
    st.lists(st.integers(-3, 90), min_size=1, max_size=80),
)
def test_a_tokens_line_is_its_newline_count_by_counting_or_by_index(text, offsets):
    """Tokens.line_at counts newlines for the first calls and searches an index after:
    both give the line a newline count gives, at every offset (past either end too)."""
    from agentlint.weakened.scan import _COUNTED, Tokens

    tokens = Tokens(text, "js", ("it",))
    for n, offset in enumerate(offsets * (_COUNTED // len(offsets) + 2)):
        expected = text.count("\n", 0, offset) + 1 if offset > 0 else 1
        assert tokens.line_at(offset) == expected, (n, offset)
    assert tokens._newlines is not None  # the index was built, and checked


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "\n",
                "a",
                "else",
                "elif\n",
                "#",
                " ",
                "\t",
                ")",
                "]",
                "@d\n",
                "def f():\n",
                "\r\n",
                "\u2028",
                "\x0c",
            ]
        ),
        max_size=14,
    ).map("".join)
)
def test_python_blocks_start_where_a_line_starts_a_block(text):
    """python._split finds block starts by the newline before them: the offsets are those
    of `^` in MULTILINE mode before a line that starts a block, and 0."""
    import re

    from agentlint.weakened.python import _split

    starts = [
        m.start() for m in re.finditer(r"(?m)^(?![\s#)\]}]|else\b|elif\b|except\b|finally\b)", text)
    ]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    blocks = _split(text)
    assert "".join(chunk for _, chunk in blocks) == text
    found = [0]
    for _, chunk in blocks[:-1]:
        found.append(found[-1] + len(chunk))
    assert set(found) <= set(starts)
    for start in set(starts) - set(found):  # only a decorator's def joins the block above
        owner = max(f for f in found if f < start)
        assert text.startswith("@", owner), (start, owner)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.text(alphabet="ab_1 .(\né٣", max_size=12), max_size=5),
    st.text(alphabet="ab_1é", min_size=1, max_size=3),
)
def test_python_users_are_the_blocks_that_name_a_whole_word(blocks, name):
    """python._users finds a name's whole-word uses without a regex: the blocks the regex
    `(?<![\\w])NAME(?![\\w])` finds, Unicode letters and digits counting as word characters."""
    import re

    from agentlint.weakened.python import _users

    word = re.compile(rf"(?<![\w]){re.escape(name)}(?![\w])")
    assert _users(name, blocks) == [b for b in blocks if word.search(b)]
