"""agentlint.fastjson reads and writes JSON as `json` does (issue 18: the guard's hot path
does without the `json` package): the same values, the same text, the same errors."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agentlint import fastjson

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["", "é", "\u2028", "\x00", "\ud800"[:0], '"\\', "\U0001f600"]
)
VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=20,
)


def _same(a: object, b: object) -> bool:
    """Equal, with NaN equal to NaN."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


@settings(max_examples=500, deadline=None)
@given(VALUES, st.booleans(), st.sampled_from([(", ", ": "), (",", ":")]))
def test_dumps_writes_what_json_writes(value, ascii_only, separators):
    expected = json.dumps(value, ensure_ascii=ascii_only, separators=separators)
    assert fastjson.dumps(value, ensure_ascii=ascii_only, separators=separators) == expected


@settings(max_examples=500, deadline=None)
@given(VALUES, st.sampled_from(["", " ", "\n\t\r ", "\ufeff"]))
def test_loads_reads_what_json_reads(value, space):
    text = space + json.dumps(value) + space.strip("\ufeff")
    try:
        expected = json.loads(text)
    except json.JSONDecodeError as error:
        with pytest.raises(json.JSONDecodeError) as raised:
            fastjson.loads(text)
        assert str(raised.value) == str(error)
        return
    assert _same(fastjson.loads(text), expected)


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet='{}[]",:0123456789.eE+- \tntrufalsNIiy\\x\n', max_size=20))
def test_loads_fails_where_json_fails_with_the_same_message(text):
    try:
        expected = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        with pytest.raises(type(error)) as raised:
            fastjson.loads(text)
        assert str(raised.value) == str(error)
    else:
        assert _same(fastjson.loads(text), expected)


def test_values_json_cannot_hold_fail_as_in_json():
    for value in ({"a": {1, 2}}, [object()], {(1, 2): 3}):
        with pytest.raises(TypeError) as raised:
            fastjson.dumps(value)
        with pytest.raises(TypeError) as expected:
            json.dumps(value)
        assert str(raised.value) == str(expected.value)
    loop: list[object] = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular reference"):
        fastjson.dumps(loop)


def test_deep_nesting_fails_as_in_json():
    text = "[" * 100_000 + "]" * 100_000
    with pytest.raises(RecursionError):
        json.loads(text)
    with pytest.raises(RecursionError):
        fastjson.loads(text)


def test_reading_and_writing_imports_no_json_package():
    code = """if True:
        import sys
        from agentlint import fastjson
        text = '{"tool": [1, 2.5, null, true, "caf\\\\u00e9"]}'
        assert fastjson.dumps(fastjson.loads(text)) == text
        print(sorted(m for m in ("json", "re") if m in sys.modules))
    """
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
