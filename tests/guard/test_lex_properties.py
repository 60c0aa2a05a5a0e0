"""The Bash reader splits words without `shlex` and reads ordinary commands without `re`
(issue 18): each replacement is held here to what it replaced, on random text."""

from __future__ import annotations

import re
import shlex

from hypothesis import example, given, settings
from hypothesis import strategies as st

from agentlint.guard import commands, lex, shell

# text made of what the lexer treats specially, and some of what it does not
SHELLISH = st.text(alphabet=" \t\r\n\\'\";&|()<>!ab-=$`{}\x0b\u00e9\u2003", max_size=40)


def _shlex(text: str) -> list[str] | str:
    lexer = shlex.shlex(text, posix=True, punctuation_chars=";&|()<>!")
    lexer.whitespace_split = True
    lexer.commenters = ""
    try:
        return list(lexer)
    except ValueError as exc:
        return str(exc)


def _ours(text: str) -> list[str] | str:
    try:
        return lex.shell_words(text)
    except ValueError as exc:
        return str(exc)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(SHELLISH, st.text(max_size=30)))
@example('a\'b c\'d"e\\"f"\\ g')
@example('"\\')
@example("''\"\"")
@example("x;;y&&z||w|&v")
def test_words_are_split_as_shlex_splits_them(text):
    assert _ours(text) == _shlex(text)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=20))
def test_a_quoted_word_is_shlex_quote(text):
    assert lex._quote(text) == shlex.quote(text)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(alphabet="aZ_9+=x-", max_size=8), st.text(max_size=8)))
def test_an_assignment_is_what_the_regex_matched(word):
    assert shell.is_assignment(word) == bool(re.match(r"[A-Za-z_][A-Za-z0-9_]*(?:\+)?=", word))


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.sampled_from(["python", "python3", "python3.12", "node", "nodejs", "bun", "lua"]),
        st.builds(
            lambda a, b: a + b,
            st.sampled_from(["python", "node", "py", "Rscript", "perl", ""]),
            st.text(alphabet="0123.\u0663x\n", max_size=4),
        ),
        st.text(max_size=10),
    )
)
def test_an_interpreter_is_what_the_regex_matched(name):
    regex = r"(?:python[\d.]*|node|nodejs|ruby|perl|php|deno|bun|Rscript|lua)\Z"
    assert commands.is_interpreter(name) == bool(re.match(regex, name))


@settings(max_examples=1000, deadline=None)
@given(
    st.one_of(
        st.text(alphabet="ab./ \t'\"=(),;:@<>|&`{}[]$-\u2003\x85\u00a0\x1c", max_size=24),
        st.text(max_size=24),
    )
)
def test_the_pieces_of_a_word_are_what_the_regex_found(word):
    assert commands.pieces(word) == re.findall(r"[^\s'\"=(),;:@<>|&`{}\[\]$]+", word)
