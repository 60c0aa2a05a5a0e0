"""Show paths safely: git stores bytes, and a name may hold a newline or invalid UTF-8."""

from __future__ import annotations

_ESCAPES = {
    "\a": "a",
    "\b": "b",
    "\t": "t",
    "\n": "n",
    "\v": "v",
    "\f": "f",
    "\r": "r",
    '"': '"',
    "\\": "\\",
}


def lossless(path: str) -> str:
    """The path as valid text: undecodable bytes become \\xNN escapes (and a lone
    surrogate that stands for no byte, as JSON input can hold, a \\uNNNN escape)."""
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return path.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def quoted(path: str) -> str:
    """git's C-style quoting for names with control characters, quotes or bad bytes."""
    if all(c.isprintable() and c not in '"\\' and not 0xDC80 <= ord(c) <= 0xDCFF for c in path):
        return path
    out = []
    for char in path:
        if char in _ESCAPES:
            out.append("\\" + _ESCAPES[char])
        elif 0xDC80 <= ord(char) <= 0xDCFF:
            out.append(f"\\{ord(char) - 0xDC00:03o}")
        elif not char.isprintable():
            out.extend(f"\\{b:03o}" for b in char.encode("utf-8", "surrogatepass"))
        else:
            out.append(char)
    return '"' + "".join(out) + '"'
