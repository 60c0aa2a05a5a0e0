"""JSON on the hook path without the `json` package, which imports `re` (and the `enum`,
`functools` and `collections` it brings): more than a guarded tool call's own decision
costs. Both functions drive the C accelerator that `json` itself uses (`_json`), set up as
`json.loads` and `json.dumps` set it up, so they give the same results; anything else
(invalid JSON, a value JSON cannot hold, an interpreter without `_json`) goes to `json`
itself, whose errors stay the only ones users see. tests/test_fastjson.py holds both to
`json` on random values and texts.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

try:
    import _json
except ImportError:  # pragma: no cover - other interpreters
    _json = None  # type: ignore[assignment]

_SPACE = " \t\n\r"  # JSON's white space: what json.decoder.WHITESPACE skips
_scan: Any = None


class _Decoder:
    """The settings `_json.make_scanner` reads, as a default json.JSONDecoder has them."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = float  # NaN, Infinity, -Infinity: float() reads all three


def loads(text: str) -> Any:
    """`json.loads(text)` for a str."""
    global _scan
    if _json is not None:
        if _scan is None:
            _scan = _json.make_scanner(_Decoder())  # type: ignore[arg-type]
        start = len(text) - len(text.lstrip(_SPACE))
        try:
            value, end = _scan(text, start)
        except (StopIteration, ValueError):
            pass  # not JSON: json.loads says where and why
        else:
            if not text[end:].strip(_SPACE):
                return value
    import json

    return json.loads(text)


class _Unsupported(Exception):
    """A value JSON cannot hold: json.dumps explains it."""


def _default(value: object) -> object:
    raise _Unsupported


def dumps(
    value: Any, *, ensure_ascii: bool = True, separators: tuple[str, str] = (", ", ": ")
) -> str:
    """`json.dumps(value, ensure_ascii=..., separators=...)`."""
    if _json is not None:
        encode = _json.encode_basestring_ascii if ensure_ascii else _json.encode_basestring
        if isinstance(value, str):
            result: str = encode(value)
            return result
        item, key = separators
        try:
            chunks = _json.make_encoder({}, _default, encode, None, key, item, False, False, True)
            return "".join(chunks(value, 0))
        except (_Unsupported, TypeError):
            pass  # json.dumps says what it cannot encode (or the accelerator's API changed)
    import json

    return json.dumps(value, ensure_ascii=ensure_ascii, separators=separators)
