"""The hook path reads git's output and the policy's patterns with string operations, so
that it never imports `re` (with the `enum` and `functools` it brings, more than a hook's
own work; issue 18). Each function here stands for a regex: these properties hold it to
that regex on random and on git-shaped inputs, through the parsers that use it."""

from __future__ import annotations

import re
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agentlint.change import parse
from agentlint.change.model import Identity
from agentlint.detect import loose_identity, message_key_lines
from agentlint.policy import model
from agentlint.policy.model import unescape_plain

# the regexes the functions replaced, as they were
RAW = re.compile(rb"\n?(:+)((?:[0-7]{6} )+)((?:[0-9a-f]+ )+)([A-Z]+)([0-9]*)")
NUMSTAT = re.compile(rb"\n?([0-9]+|-)\t([0-9]+|-)\t(.*)", re.S)
HEX = re.compile(rb"[0-9a-f]{40}(?:[0-9a-f]{24})?")
IDENT = re.compile(r"\s*([^<>]*?)\s*<([^<>]*)>\s*")
BARE_EMAIL = re.compile(r"\s*<?([^\s<>@]+@[^\s<>@]+)>?\s*")
EMAIL = re.compile(r"<?([^\s<>@]+@[^\s<>@]+?)>?\Z")
PLAIN = re.compile(r"(?:\\[^A-Za-z0-9]|[^\\.^$*+?{}\[\]|()])*", re.DOTALL)
ESCAPED = re.compile(r"\\([^A-Za-z0-9])", re.DOTALL)
SIMPLE = r"[!]?[A-Za-z0-9._/*?\[\]@+~,=%-]+\Z"
BRACKETS = r"\[[^\]]*\]"

SHA = "a" * 40
WORD = st.sampled_from([b"100644", b"000000", b"120000", b"1006", b"0" * 40, SHA.encode(), b"abc"])
RAW_TOKENS = st.one_of(
    st.builds(
        lambda nl, colons, words, status, score: (
            nl + b":" * colons + b" ".join([*words, status + score])
        ),
        st.sampled_from([b"", b"\n", b"\n\n"]),
        st.integers(0, 3),
        st.lists(WORD, max_size=7),
        st.sampled_from([b"M", b"R", b"MM", b"A", b"m", b"", b"R1"]),
        st.sampled_from([b"", b"100", b"07", b"x"]),
    ),
    st.binary(max_size=60),
    st.text(alphabet=": 0167abfMRZ\n\t-", max_size=60).map(str.encode),
)


@settings(max_examples=600, deadline=None)
@given(RAW_TOKENS)
def test_a_raw_entry_is_read_as_the_regex_reads_it(token):
    match = RAW.fullmatch(token)
    fields = parse.raw_fields(token)
    if match is None:
        assert fields is None
        return
    assert fields == (
        len(match.group(1)),
        match.group(2).split(),
        match.group(3).split(),
        match.group(4),
    )


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=30),
        st.text(alphabet="0123-\t\na.\u0661\u00b2", max_size=20).map(str.encode),
    )
)
def test_a_numstat_entry_is_read_as_the_regex_reads_it(token):
    match = NUMSTAT.fullmatch(token)
    fields = parse.numstat_fields(token)
    assert fields == (match.groups() if match else None)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=70), st.text(alphabet="0af9g\n", max_size=70).map(str.encode)))
def test_an_object_id_is_what_the_regex_accepts(word):
    assert parse.is_object_id(word) == (HEX.fullmatch(word) is not None)


def test_object_ids_of_both_hash_functions():
    assert parse.is_object_id(b"0" * 40) and parse.is_object_id(b"f" * 64)
    assert not parse.is_object_id(b"F" * 40) and not parse.is_object_id(b"0" * 41)


IDENT_TEXT = st.text(alphabet="ab <>@ \t\n\u00a0\u2003.x", max_size=24)


@settings(max_examples=600, deadline=None)
@given(IDENT_TEXT)
def test_an_identity_is_read_as_the_regex_reads_it(value):
    match = IDENT.fullmatch(value)
    expected = None
    if match and "@" in match.group(2):
        expected = Identity(match.group(1), match.group(2).strip())
    assert parse.parse_identity(value) == expected


@settings(max_examples=600, deadline=None)
@given(IDENT_TEXT)
def test_a_bare_address_is_read_as_the_regexes_read_it(value):
    named = IDENT.fullmatch(value)
    bare = BARE_EMAIL.fullmatch(value)
    if named and "@" in named.group(2):  # `Name <email>` first, as parse_signoff reads it
        expected = Identity(named.group(1), named.group(2).strip())
    else:
        expected = Identity(bare.group(1), bare.group(1)) if bare else None
    assert parse.parse_signoff(value) == expected
    loose = EMAIL.match(value)
    assert parse.bare_email(value) == (loose.group(1) if loose else None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Claude <noreply@anthropic.com>", Identity("Claude", "noreply@anthropic.com")),
        ("  Ann  Lee <ann@x.org >  ", Identity("Ann  Lee", "ann@x.org")),
        ("Bot noreply@example.com", Identity("Bot", "noreply@example.com")),
        ("Bot <noreply@example.com", Identity("Bot", "noreply@example.com")),
        ("Bot noreply@example.com>>", None),
        ("Bot <a@b> <c@d>", Identity("Bot <a@b>", "c@d")),  # leniently: the last word
        ("Nobody", None),
    ],
)
def test_loose_identities(value, expected):
    assert loose_identity(value) == expected


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="ab.\\-*+?()[]{}|^$Z0 \n", max_size=16))
def test_a_plain_regex_piece_is_unescaped_as_the_regexes_do_it(piece):
    expected = ESCAPED.sub(r"\1", piece) if PLAIN.fullmatch(piece) else None
    assert unescape_plain(piece) == expected


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="ab.\\*+Z\n", max_size=16))
def test_regex_tokens_are_findalls(source):
    assert model.regex_tokens(source) == re.findall(r"\\.|.", source, re.DOTALL)


def _required_literal(text: str) -> str:
    if not re.match(SIMPLE, text):
        return ""
    fragments = re.split(r"[*?]", re.sub(BRACKETS, "*", text.lstrip("!")))
    return max((f.strip("/") for f in fragments), key=len, default="")


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet="ab/.*?[]!-\\ é%", max_size=16))
def test_a_patterns_literal_is_the_regex_versions(text):
    assert model.required_literal(text) == _required_literal(text)


def test_a_hook_path_needs_no_regex_for_literal_patterns():
    assert model.required_literal("**/.github/workflows/**") == ".github/workflows"
    assert model.required_literal("!docs/[ab]*.markdown") == ".markdown"
    assert model.required_literal("src/\\*.py") == ""


def _key_lines_by_regex(message: str, keys: tuple[str, ...]) -> list[tuple[str, str]]:
    wanted = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
    line = re.compile(rf"^[ \t]*({wanted})[ \t]*:[ \t]*(.*?)[ \t]*$", re.M | re.I)
    # what the detectors then read: the key lower-cased, looked up among `keys`
    return [(k.lower(), v) for k, v in line.findall(message) if k.lower() in keys]


KEYS = ("co-authored-by", "x-agent", "generated-by", "k")
# which re.IGNORECASE matches to ASCII letters: Kelvin sign, long s, dotted capital I
ODD_KEYS = ("Co-Authored-By", "X-AGENT", "\u212a", "\u017f", "\u0130", "x")


@settings(max_examples=800, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(KEYS + ODD_KEYS),
            st.text(alphabet=" \t:\r\n\x0bab", max_size=4),
        ),
        max_size=12,
    ).map("".join)
)
def test_message_key_lines_are_what_the_regex_found(message):
    mine = [(k.lower(), v) for k, v in message_key_lines(message, KEYS)]
    assert mine == _key_lines_by_regex(message, KEYS)


def test_a_co_author_line_in_a_squash_body_is_read():
    message = "Fix\n\n* one\n  Co-Authored-By :\tClaude <noreply@anthropic.com> \t\nmore"
    assert message_key_lines(message, KEYS) == [
        ("Co-Authored-By", "Claude <noreply@anthropic.com>")
    ]


@settings(max_examples=800, deadline=None)
@given(
    st.lists(st.text(alphabet="ab\\.-_[]\n", max_size=4), min_size=1, max_size=4),
    st.booleans(),
    st.lists(st.text(alphabet="ab.-_[]\n\\", max_size=10), min_size=1, max_size=4),
)
def test_a_literal_regex_matches_as_the_regex_engine_does(pieces, anchored, texts):
    source = ".*".join(pieces) + ("\\Z" if anchored else "")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)  # "possible nested set"
            engine = re.compile(source, re.DOTALL)
    except re.error:
        engine = None
    literal = model.literal_regex(source)
    if literal is None:
        return  # not literal: regex() compiles it
    assert engine is not None, source
    for text in texts:
        assert literal.match(text) == (True if engine.match(text) else None), (source, text)


def test_tool_and_bot_globs_need_no_regex():
    from agentlint.policy.compile import glob_regex

    for glob in ("read", "mcp__*", "*[bot]", "notebook-edit"):
        assert isinstance(model.regex(glob_regex(glob)), model.Literal), glob
    assert model.regex(glob_regex("mcp__*")).match("mcp__github__create_issue")
    assert model.regex(glob_regex("read")).match("readme") is None
    assert not isinstance(model.regex(glob_regex("read"), True), model.Literal)


SESSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}\Z")
TOOL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.:-]{0,255}\Z")
IDS = st.one_of(
    st.text(alphabet="aZ09._-:/\n é", max_size=12),
    st.integers(120, 260).map(lambda n: "a" * n),
    st.integers(120, 260).map(lambda n: "_" + "." * n),
)


@settings(max_examples=600, deadline=None)
@given(IDS)
def test_session_ids_and_tool_names_are_what_the_regexes_accept(value):
    from agentlint.agents.claude import is_tool_name
    from agentlint.evidence.status import is_session_id

    assert is_session_id(value) == (SESSION.match(value) is not None)
    assert is_tool_name(value) == (TOOL.match(value) is not None)


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="test_s.py\nx/", max_size=14))
def test_pythons_test_file_names_are_what_the_regex_accepts(base):
    from agentlint.weakened import languages

    expected = re.match(r"(?:test_.*|.*_test|tests)\.py\Z", base) is not None
    assert languages.python_test_name(base) == expected


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aZ09 -_.éİK\u212a\n", max_size=20))
def test_rollback_words_are_the_regexes(text):
    from agentlint.record.rollback import words_of

    assert words_of(text) == re.findall(r"[a-z0-9]+", text.lower())


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="|&; exit0\t\nab", max_size=16))
def test_a_command_that_can_hide_a_failure_is_what_the_regex_finds(run):
    from agentlint.checks.record import MASKING, can_mask

    assert can_mask(run) == (re.search(MASKING, run) is not None)


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(["a.py", "a.ts", "a_test.go", "A.java", "a.rs"]),
    st.lists(
        st.sampled_from(
            [
                "class T(TestCase):\n",
                "import pytest\n",
                "def test_a():\n",
                "it('x', () => {})\n",
                "func TestA(t *testing.T) {\n",
                "@Test\n",
                "#[test]\n",
                "x = 1\n",
                "(",
            ]
        ),
        max_size=4,
    ).map("".join),
)
def test_a_test_file_by_content_is_found_with_or_without_the_needles(path, text):
    from agentlint.weakened import languages

    name = languages.language(path)
    data = text.encode()
    regexes = languages._DEFINES_TESTS[name]
    expected = re.search(regexes, data) is not None or (
        name == "python"
        and re.search(languages._PYTEST_IMPORT, data) is not None
        and re.search(languages._PYTEST_TEST, data) is not None
    )
    assert languages.defines_tests(path, data) == expected


@settings(max_examples=600, deadline=None)
@given(
    st.one_of(
        st.text(alphabet="./ab\\.\u00e9", max_size=14),
        st.text(max_size=14),
        st.sampled_from(["a.py", ".py", "..py", "a/.b.py", "a.", "...", "a.b/c", "x/..ts"]),
    )
)
def test_a_files_extension_is_what_splitext_gives(path):
    import posixpath

    from agentlint.weakened import languages

    assert languages.extension(path) == posixpath.splitext(path)[1]


EXIT_NAMED = re.compile(r"(?i)(?:exit(?:ed with)? code|exit status)\s*:?\s*(\d{1,3})\b")
EXIT_COPILOT = re.compile(r"(?i)exit(?:ed with exit)? code:?\s*(\d{1,3})")
EXIT_TEXTS = st.one_of(
    st.text(max_size=30),
    st.builds(
        lambda a, b, c: a + b + c,
        st.text(max_size=5),
        st.sampled_from(
            [
                "Exit code: 2",
                "exited with code 1",
                "EXIT STATUS 127",
                "ex\u0131t code 3",
                "eXit code:9",
            ]
        ),
        st.text(alphabet="0123 \n", max_size=4),
    ),
)


@settings(max_examples=500, deadline=None)
@given(EXIT_TEXTS)
def test_an_exit_code_is_read_as_the_regex_reads_it(text):
    """Both readers look for `re` only when the text holds an `x`: what they read is the
    same as the regex's answer on every text."""
    from agentlint.agents import copilot
    from agentlint.evidence.status import named_exit_code

    match = EXIT_NAMED.search(text)
    assert named_exit_code(text) == (min(int(match.group(1)), 255) if match else None)
    found = EXIT_COPILOT.findall(text)
    expected = min(int(found[-1]), 255) if found else 1
    assert copilot._status("failure", None, text) == expected
