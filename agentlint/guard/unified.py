"""The files a patch touches, from its headers: git's (`diff --git`, `rename from/to`),
unified (`---`/`+++`) and context (`***`) diffs, as `git apply`, `git am` and `patch`
read them. Names are returned as written, `a/` and `b/` prefixes included."""

from __future__ import annotations

import re

GIT_HEADER = re.compile(r'diff --git ("(?:[^"\\]|\\.)*"|\S+) ("(?:[^"\\]|\\.)*"|\S+)\s*\Z')
NAMED = re.compile(r"(?:---|\+\+\+|\*\*\*) (.+?)(?:\t.*)?\Z")
MOVED = re.compile(r"(?:rename|copy) (from|to) (.+)\Z")
INDEX = re.compile(r"Index: (.+)\Z")
QUOTED = re.compile(r"\\([0-7]{3}|.)", re.S)


def touched(text: str) -> list[str]:
    """Every file name the patch's headers give, in order, without repeats or /dev/null."""
    out: list[str] = []
    for line in text.splitlines():
        line = line.rstrip("\r")
        git = GIT_HEADER.match(line)
        if git:
            out += [unquote(git.group(1)), unquote(git.group(2))]
            continue
        if line.startswith(("--- ", "+++ ", "*** ")) and not line.startswith("*** Begin"):
            named = NAMED.match(line)
            if named and not named.group(1).strip("* ").isdigit() and "," not in named.group(1)[:8]:
                out.append(unquote(named.group(1).strip()))
            continue
        moved = MOVED.match(line)
        if moved:  # given without the a/ b/ prefixes that -p strips
            out.append(("a/" if moved.group(1) == "from" else "b/") + unquote(moved.group(2)))
        index = INDEX.match(line)
        if index:
            out.append(unquote(index.group(1)))
    return [n for n in dict.fromkeys(out) if n and n != "/dev/null"]


def unquote(name: str) -> str:
    """A name as git quotes one with unusual bytes: `"a/caf\\303\\251"`."""
    if len(name) < 2 or not (name.startswith('"') and name.endswith('"')):
        return name
    raw = QUOTED.sub(lambda m: _escape(m.group(1)), name[1:-1])
    return raw.encode("latin-1", "replace").decode("utf-8", "surrogateescape")


def _escape(code: str) -> str:
    if code.isdigit() and len(code) == 3:
        return chr(int(code, 8))
    return {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "a": "\a", "b": "\b"}.get(code, code)


def stripped(name: str, strip: int) -> str:
    """The name with its first `strip` folders removed, as `-pN` does."""
    parts = name.split("/")
    return "/".join(parts[strip:]) if len(parts) > strip else ""
