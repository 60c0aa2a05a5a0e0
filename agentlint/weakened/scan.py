"""A small scanner for C-family test files (JavaScript/TypeScript, Go, Java, Rust).

It skips comments and reads strings whole, so a commented-out assertion is gone and an
`expect(` inside a string is not an assertion. It keeps only what the extractors need:
brackets (matched), strings, and the words a language cares about. Everything else is
skipped inside the regex engine, which is what keeps a 3,000-line spec fast.
"""

from __future__ import annotations

import bisect
import zlib

from agentlint import regex
from agentlint.structs import memo
from agentlint.weakened.model import EXACT, STRONG, WEAK

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re
    from collections.abc import Iterable

_LINE_COMMENT = r"//[^\n]*"
_BLOCK_COMMENT = r"/\*.*?(?:\*/|\Z)"
_DQ = r'"(?:[^"\\\n]|\\.)*(?:"|$)'
_SQ = r"'(?:[^'\\\n]|\\.)*(?:'|$)"
_TEMPLATE = r"`(?:[^`\\$]|\\.|\$(?!\{)|\$\{(?:[^{}`]|\{[^{}]*\})*\})*(?:`|\Z)"
_RAW_GO = r"`[^`]*(?:`|\Z)"
_TEXT_BLOCK = r'"""(?:[^"\\]|\\.|"(?!""))*(?:"""|\Z)'
_CHAR = r"'(?:[^'\\\n]|\\.[^'\n]*)'"
_RUST_RAW = r'b?r(#*)".*?"\1'
_RUST_STR = r'b?"(?:[^"\\]|\\.)*(?:"|\Z)'

STRINGS = {
    "js": [_TEMPLATE, _DQ, _SQ],
    "go": [_RAW_GO, _DQ, _CHAR],
    "java": [_TEXT_BLOCK, _DQ, _CHAR],
    "rust": [_RUST_RAW, _RUST_STR, _CHAR],
}
_REGEX_LITERAL = regex.compile(r"/(?![*/])(?:[^/\\\[\n]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/[a-z]*")
_REGEX_BEFORE = frozenset("(,=:[!&|?{};+-*%<>~^")
_GAP_COMMENT = regex.compile(r"//[^\n]*|/\*.*?\*/", regex.S)


@memo()
def pattern(language: str, words: tuple[str, ...]) -> re.Pattern[str]:
    strings = "|".join(STRINGS[language])
    word_alt = "|".join(sorted(words, key=len, reverse=True))
    slash = "|/" if language == "js" else ""
    extra = r"|@[A-Za-z_]\w*(?:\.\w+)*" if language == "java" else ""
    extra += r"|\#!?\[" if language == "rust" else ""
    return regex.compile(
        rf"{_LINE_COMMENT}|{_BLOCK_COMMENT}|(?:{strings})|[(){{}}\[\]]"
        rf"|(?<![\w$])(?:{word_alt})(?![\w$]){extra}{slash}",
        regex.S | regex.M,
    )


_COUNTED = 32  # line_at calls answered by counting, before the newline index is built


class Tokens:
    """Parallel lists: kind ("(" ")" "{" "}" "[" "]" "s" string, "w" word, "@" annotation,
    "#" attribute opener), text, start and end offsets, and each bracket's partner."""

    def __init__(
        self, text: str, language: str, words: Iterable[str], span: tuple[int, int] | None = None
    ) -> None:
        """Tokens of `text`, or of its `span` only (offsets stay those of the whole text):
        a span must start where no comment or string is open."""
        self.text = text
        self.kinds: list[str] = []
        self.texts: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self._newlines: list[int] | None = None
        self._asked = 0
        self._depths: list[int] | None = None
        compiled = pattern(language, tuple(sorted(set(words))))
        kinds, texts, starts, ends = self.kinds, self.texts, self.starts, self.ends
        pos, n = span or (0, len(text))
        search = compiled.search
        while pos < n:
            m = search(text, pos, n)
            if m is None:
                break
            start, end = m.span()
            token = m.group()
            pos = end
            first = token[0]
            if first == "/":
                if token.startswith(("//", "/*")):
                    continue
                # a lone slash: a regex literal where an operand may start, else division
                j = start - 1
                while j >= 0 and text[j] in " \t\r\n":
                    j -= 1
                if j < 0 or text[j] in _REGEX_BEFORE:
                    literal = _REGEX_LITERAL.match(text, start)
                    if literal:
                        pos = literal.end()
                continue
            if first in "([{)]}":
                kind = first
            elif first == "@":
                kind = "@"
            elif first == "#":
                kind = "#"
            elif first in "\"'`" or (first in "br" and len(token) > 1 and token[-1] in "\"'#"):
                kind = "s"
            else:
                kind = "w"
            kinds.append(kind)
            texts.append(token)
            starts.append(start)
            ends.append(end)
        self.partner = _partners(kinds)

    def __len__(self) -> int:
        return len(self.kinds)

    def depth(self, index: int) -> int:
        """How many brackets are open at token `index` (computed once, linearly)."""
        if self._depths is None:
            depths, level = [], 0
            for kind in self.kinds:
                if kind in (")", "]", "}"):
                    level -= 1
                depths.append(level)
                if kind in ("(", "[", "{", "#"):
                    level += 1
            self._depths = depths
        return self._depths[index]

    def line(self, index: int) -> int:
        return self.line_at(self.starts[index])

    def line_at(self, offset: int) -> int:
        """The 1-based line of `offset`. The first _COUNTED calls count newlines (a hook
        asks a few); past them an index of every newline is built and searched."""
        if self._newlines is None:
            self._asked += 1
            if self._asked <= _COUNTED:
                return self.text.count("\n", 0, max(offset, 0)) + 1
            self._newlines = newlines = []
            find, at = self.text.find, self.text.find("\n")
            while at != -1:
                newlines.append(at)
                at = find("\n", at + 1)
        return bisect.bisect_right(self._newlines, offset - 1) + 1

    def next_index(self, index: int, kind: str, limit: int | None = None) -> int:
        """The first token at or after `index` of `kind`, before `limit` (-1: none)."""
        stop = len(self.kinds) if limit is None else limit
        for i in range(index, stop):
            if self.kinds[i] == kind:
                return i
        return -1

    def is_member(self, index: int) -> bool:
        """Whether word `index` follows a dot (`foo.it`, `t.Errorf`); a spread `...x` is
        not member access."""
        text, j = self.text, self.starts[index] - 1
        while j >= 0 and text[j] in " \t\r\n":
            j -= 1
        if j >= 0 and text[j] in "./" and index > 0:
            # the gap since the previous token may end in a comment (`// ...shell).`)
            gap = _GAP_COMMENT.sub(" ", text[self.ends[index - 1] : self.starts[index]]).rstrip()
            return gap.endswith(".") and not gap.endswith("..")
        return j >= 0 and text[j] == "." and (j == 0 or text[j - 1] != ".")

    def swallowing_tries(self, caught: re.Pattern[str] | None = None) -> list[tuple[int, int]]:
        """Token ranges of `try` blocks with a `catch` (of `caught`, when given) that
        neither rethrows nor fails. Needs `try`, `catch`, `throw` and `fail` as words."""
        ranges = []
        for i in range(len(self.kinds)):
            if self.kinds[i] != "w" or self.texts[i] != "try":
                continue
            body = self.next_index(i + 1, "{")
            if body < 0 or self.partner[body] < 0:
                continue
            k = self.partner[body] + 1
            while k < len(self.kinds) and self.kinds[k] == "w" and self.texts[k] == "catch":
                block = self.next_index(k + 1, "{")
                if block < 0 or self.partner[block] < 0:
                    break
                header = self.text[self.ends[k] : self.starts[block]]
                rethrows = any(
                    self.kinds[x] == "w" and self.texts[x] in ("throw", "fail", "done")
                    for x in range(block, self.partner[block])
                )
                if (caught is None or caught.search(header)) and not rethrows:
                    ranges.append((body, self.partner[body]))
                    break
                k = self.partner[block] + 1
        return ranges

    def pieces(self, opener: int) -> list[str]:
        """The text between the top-level commas of a bracket group, whitespace removed."""
        close = self.partner[opener]
        if close < 0:
            return []
        text, cuts = self.text, []
        i, last_end = opener, self.ends[opener]
        while i < close:
            nxt = i + 1
            comma = text.find(",", last_end, self.starts[nxt])
            while comma >= 0:
                cuts.append(comma)
                comma = text.find(",", comma + 1, self.starts[nxt])
            if nxt == close:
                break
            nested = self.kinds[nxt] in ("(", "[", "{", "#") and self.partner[nxt] > 0
            i = self.partner[nxt] if nested else nxt
            last_end = self.ends[i]
        out, begin = [], self.ends[opener]
        for cut in [*cuts, self.starts[close]]:
            out.append(squash(text[begin:cut]))
            begin = cut + 1
        return out

    def elements(self, opener: int) -> int:
        """How many comma-separated elements a bracket group holds (0 when empty)."""
        pieces = self.pieces(opener)
        if pieces and not pieces[-1]:
            pieces.pop()  # a trailing comma
        return len(pieces) if any(pieces) else 0

    def args(self, opener: int) -> list[str]:
        """The top-level comma-separated arguments of a bracket group, whitespace removed."""
        return [p for p in self.pieces(opener) if p]


_SPACE = regex.compile(r"\s+")
_SHAPE_TOKEN = regex.compile(
    r"\"(?:[^\"\\]|\\.)*\"?|'(?:[^'\\]|\\.)*'?|`[^`]*`?"  # strings
    r"|\d[\w.]*"  # numbers
    r"|([A-Za-z_$][\w$]*)(!?\()?"  # a name, called (or a Rust macro) or not
)
_HELPER_NAME = regex.compile(
    r"(?:assert|require|check|expect|verify|must)_?(?!That\b)([A-Za-z]\w*)!?\("
)
_VALUES = regex.compile(r"_(?:\??\._)+")
_COMPOSITE = regex.compile(r"(?<=[(,=:\[])[-+&*!]_|_\((?:_|,)*\)|_\{(?:_|,|:)*\}|\[(?:_|,)*\]")
_NEW = regex.compile(r"new[A-Z]")
_COMMENT = regex.compile(r"/\*.*?\*/")
_OPERAND = r"(?:[^(),]|\((?:[^()]|\([^()]*\))*\))+"
_EQUAL_NAMES = (
    r"(?:deepStrictEqual|strictEqual|deepEqual|equal|equals|eql|is|same|Equal|EqualValues"
    r"|Exactly|Equals|Eq|toBe|toEqual|toStrictEqual|isEqualTo|Len|toHaveLength)"
)
_EQUAL_FORMS = [  # one form for equivalent spellings of an equality check
    regex.compile(rf"_\.{_EQUAL_NAMES}\((?:_,)?({_OPERAND}),({_OPERAND})\)\Z"),
    regex.compile(rf"expect\(({_OPERAND})\)\.{_EQUAL_NAMES}\(({_OPERAND})\)\Z"),
    regex.compile(rf"assert(?:That)?\(({_OPERAND})\)\.{_EQUAL_NAMES}\(({_OPERAND})\)\Z"),
    regex.compile(rf"assert\(({_OPERAND})===?({_OPERAND})\)\Z"),
    regex.compile(rf"assertThat\(({_OPERAND}),(?:is\()?equalTo\(({_OPERAND})\)\)?\)\Z"),
    regex.compile(rf"assertThat\(({_OPERAND}),is\(({_OPERAND})\)\)\Z"),
]


_SUITE = regex.compile(r"_\.(?:Require|Assert|T)\(\)")  # s.Require().Equal is s.Equal
# `if got != want {`, `if !reflect.DeepEqual(got, want) {`, `if !errors.Is(err, want) {`
_GUARD_UNEQUAL = regex.compile(r"[^{]*(?:!=|!_\.(?:DeepEqual|Equal|EqualFold|Is)\()[^{]*\{")


def is_equality(form: str) -> bool:
    """Whether a check's form compares for equality (`eq(...)`), or fails when two values
    differ (`if got != want { t.Errorf(...) }`)."""
    return form.startswith("eq(") or _GUARD_UNEQUAL.match(form) is not None


def shape(sig: str, *, literals: bool = False) -> str:
    """A check's squashed text with its values and local names replaced by `_`: the same
    for `assert.Equal(t, 1, f(2))` and `require.Equal(t, tc.want, f(tc.in))`, or an
    `expect` before and after a table or parametrize conversion. Called names stay
    (and, with `literals`, the words `true`, `null`... too)."""

    def token(m: re.Match[str]) -> str:
        if m.group(1) is None:
            return "_"
        if literals and not m.group(2) and m.group(1) in _NOTHING:
            return m.group(1)
        if m.group(2):
            name = m.group(1)
            if _NEW.match(name):
                return "_("  # a constructed value
            helper = _HELPER_NAME.match(name + "(")
            return (
                f"_.{helper.group(1)[:1].upper()}{helper.group(1)[1:]}(" if helper else name + "("
            )
        return "_"

    out = _VALUES.sub("_", _SHAPE_TOKEN.sub(token, _COMMENT.sub("", sig)))
    for _ in range(8):  # values built of values, innermost first
        shorter = _VALUES.sub("_", _COMPOSITE.sub("_", out))
        if shorter == out:
            break
        out = shorter
    out = _SUITE.sub("_", out.rstrip(";"))
    for form in _EQUAL_FORMS:
        equal = form.match(out)
        if equal:  # either order: JUnit 4 and 5 put the message at either end
            left, right = sorted((equal.group(1), equal.group(2)))
            return f"eq({left},{right})"
    return out


_NOTHING = frozenset(("true", "false", "True", "False", "nil", "null", "undefined", "None"))
_BOOLEANS = frozenset(("true", "false", "True", "False"))
# `indexOf(x)` compared with "not found" (`-1`, `INDEX_NOT_FOUND`): whether x is there
_POSITION = regex.compile(r"[(,][\w$.?]*\b(?:lastIndexOf|indexOf)\([^()]*\)(?=[,)])")
_NOT_FOUND = regex.compile(r"[(,](?:-1|(?:[\w$]+\.)*[A-Z_]*NOT_FOUND)(?=[,)])")


def _compared(operand: re.Pattern[str], sig: str) -> bool:
    """Whether `operand` is one of the values an assertion compares: a whole argument of
    its outermost call (`assertEquals(a, b)`, `expect(a).toBe(b)`), not of a call inside."""
    return any(
        sig.count("(", 0, m.start() + 1) - sig.count(")", 0, m.start() + 1) == 1
        for m in operand.finditer(sig)
    )


def equality_strength(sig: str) -> int:
    """The strength of an equality check by what it compares with: a boolean literal
    (`assert.Equal(t, false, ok)`, `toBe(true)`) is a truthiness check, WEAK, like
    `assert.False(t, ok)`; `null`, `nil` or `undefined` is a not-None check, STRONG, like
    `toBeUndefined()`; a position compared with "not found" says only whether a value is
    there, STRONG, like `toContain(x)`; anything else is EXACT."""
    if _compared(_POSITION, sig) and _compared(_NOT_FOUND, sig):
        return STRONG
    form = shape(sig, literals=True)
    if not form.startswith("eq("):
        return EXACT
    inner, level, operands, begin = form[3:-1], 0, [], 0
    for k, char in enumerate(inner):
        level += (char in "([{") - (char in ")]}")
        if char == "," and level == 0:
            operands.append(inner[begin:k])
            begin = k + 1
    operands.append(inner[begin:])
    if _BOOLEANS.intersection(operands):
        return WEAK
    return STRONG if _NOTHING.intersection(operands) else EXACT


def digest(text: str) -> int:
    """A stable hash of a body's text with whitespace removed (the same in every run)."""
    return zlib.crc32(squash(text).encode("utf-8", "surrogatepass"))


def changed_window(before: str, after: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """The offsets, on each side, of the lines between the common first and last lines."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    start = sum(len(line) for line in old[:head])
    cut_old = sum(len(line) for line in old[len(old) - tail :]) if tail else 0
    cut_new = sum(len(line) for line in new[len(new) - tail :]) if tail else 0
    return (start, len(before) - cut_old), (start, len(after) - cut_new)


def covered(text: str, window: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """Whether everything the change touched lies inside tests (`spans`, with only blank
    text between them): then a test outside the window is the same on both sides. A
    change to a table, a constant or a helper outside the tests is not covered."""
    pos, end = window
    for start, stop in sorted(spans):
        if stop <= pos:
            continue
        if start > pos and text[pos : min(start, end)].strip():
            return False
        pos = max(pos, stop)
        if pos >= end:
            return True
    return not text[pos:end].strip()


def squash(text: str) -> str:
    """Text with all whitespace removed: the same for any formatting."""
    return _SPACE.sub("", text)


def _partners(kinds: list[str]) -> list[int]:
    """Each bracket's partner (-1: unmatched). A Rust `#[` opens like `[`."""
    partner = [-1] * len(kinds)
    stack: list[int] = []
    openers = {")": ("(",), "]": ("[", "#"), "}": ("{",)}
    for i, kind in enumerate(kinds):
        if kind in ("(", "[", "{", "#"):
            stack.append(i)
        elif kind in openers:
            wanted = openers[kind]
            for depth in range(len(stack) - 1, -1, -1):  # unbalanced closers are ignored
                if kinds[stack[depth]] in wanted:
                    opener = stack[depth]
                    del stack[depth:]
                    partner[opener], partner[i] = i, opener
                    break
    return partner
