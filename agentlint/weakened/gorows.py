"""Which rows of a Go table take a branch of the loop that walks it.

A table test runs its loop body once per row, but a check under `if tt.wantErr {` runs
only for the rows that set `wantErr`, and a check after `if tt.errStr == "" { ...; return }`
only for the others. Counting every check once per row would let the checks of one
branch make up for those lost in another. Rows are read from keyed composite literals
(`{name: "x", wantErr: true}`); a field a row leaves out has its zero value. A condition
that is not a plain test of the row's fields (`tt.f`, `!tt.f`, `tt.f == lit`,
`tt.f != lit`, joined by `&&`) is not evaluated: every row is counted, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from agentlint import regex
from agentlint.weakened.scan import Tokens, squash

Row = dict[str, str] | None  # field -> squashed value text; None: not a keyed row
Test = Callable[[Row], bool | None]  # None: cannot tell for this row

_ZERO = {"", '""', "``", "nil", "false", "0"}
_LITERAL = regex.compile(r'-?\d[\w.]*|"[^"]*"|`[^`]*`|true|false|nil\Z')
_FIELD = regex.compile(r"([A-Za-z_]\w*):(.*)\Z", regex.S)
_VAR = regex.compile(r"\s*\w+\s*,\s*([A-Za-z_]\w*)\s*:?=\s*range\b")


def loop_var(header: str) -> str:
    """The row variable of `for _, tt := range tests` (the second name: a lone name is the
    index or key), or ""."""
    m = _VAR.match(header)
    return m.group(1) if m else ""


def rows(t: Tokens, literal: int) -> tuple[Row, ...]:
    """The fields of each element of the composite literal whose `{` is `literal`."""
    level = t.depth(literal) + 1
    out: list[Row] = []
    k = literal + 1
    while k < t.partner[literal]:
        if t.kinds[k] == "{" and t.depth(k) == level and t.partner[k] > 0:
            out.append(_fields(t.args(k)))
            k = t.partner[k]
        k += 1
    return tuple(out)


def _fields(pieces: Sequence[str]) -> Row:
    fields = {}
    for piece in pieces:
        m = _FIELD.match(piece)
        if m is None:
            return None  # a positional row: its fields have no names here
        fields[m.group(1)] = m.group(2)
    return fields


def condition(text: str, var: str) -> Test | None:
    """The test an `if` condition makes of a row bound to `var`, or None when it is not a
    plain test of the row's fields."""
    atoms = [a.strip() for a in squash(text).split("&&")]
    tests = [_atom(a, var) for a in atoms]
    if not atoms or any(x is None for x in tests):
        return None
    checks = [x for x in tests if x is not None]

    def test(row: Row) -> bool | None:
        results = [x(row) for x in checks]
        if False in results:
            return False
        return None if None in results else True

    return test


def negated(test: Test) -> Test:
    def other(row: Row) -> bool | None:
        result = test(row)
        return None if result is None else not result

    return other


def _atom(atom: str, var: str) -> Test | None:
    m = regex.compile(rf"(!?){regex.escape(var)}\.([A-Za-z_]\w*)(?:(==|!=)(.+))?").fullmatch(atom)
    if m is None:
        return None
    bang, field, op, value = m.groups()
    if op is None:  # `tt.wantErr`, `!tt.wantErr`
        return _compare(field, "true", "!=" if bang else "==")
    if bang or not _LITERAL.fullmatch(value):
        return None
    return _compare(field, value, op)


def _compare(field: str, value: str, op: str) -> Test:
    def test(row: Row) -> bool | None:
        if row is None:
            return None
        have = row.get(field, "")
        if have in _ZERO and value in _ZERO:
            same: bool | None = True
        elif have in _ZERO or value in _ZERO:
            same = False if _LITERAL.fullmatch(have) or have in _ZERO else None
        elif _LITERAL.fullmatch(have):
            same = have == value
        else:
            same = None  # a computed value: cannot tell
        if same is None:
            return None
        return same if op == "==" else not same

    return test


def taken(table: tuple[Row, ...], tests: Sequence[Test]) -> int:
    """How many rows may take the branch the `tests` guard (a row that cannot be told
    counts); at least one, so that a check is never counted away entirely."""
    count = sum(1 for row in table if all(x(row) is not False for x in tests))
    return max(count, 1)
