"""Which files `.gitattributes` marks with an attribute (such as linguist-generated).

git's rules: every `.gitattributes` from the root down to the file's folder applies, in
order, and later lines override earlier ones. A pattern without a slash matches the
file name at any depth below its folder; one with a slash is relative to its folder.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable


def folders(paths: Iterable[str]) -> list[str]:
    """Every folder whose .gitattributes could apply to the paths ('' is the root)."""
    found = {""}
    for path in paths:
        parent = posixpath.dirname(path)
        while parent:
            found.add(parent)
            parent = posixpath.dirname(parent)
    return sorted(f for f in found if "\n" not in f)


def _state(token: str, wanted: str) -> bool | None:
    if token in (wanted, f"{wanted}=true", f"{wanted}=set"):
        return True
    if token in (f"-{wanted}", f"!{wanted}", f"{wanted}=false", f"{wanted}=unset"):
        return False
    return None


def _rules(text: str, wanted: set[str]) -> list[tuple[str, str, bool]]:
    rules = []
    for line in text.splitlines():
        fields = line.split()
        if not fields or fields[0].startswith(("#", "[attr]", '"', "!")):
            continue
        for token in fields[1:]:
            for attr in wanted:
                state = _state(token, attr)
                if state is not None and not fields[0].endswith("/"):
                    rules.append((fields[0], attr, state))
    return rules


def marked(
    paths: Iterable[str], files: dict[str, str], wanted: Iterable[str]
) -> dict[str, frozenset[str]]:
    """{path: attributes set on it}, from {folder: .gitattributes text}."""
    wanted_set = set(wanted)
    rules = {folder: _rules(text, wanted_set) for folder, text in files.items()}
    if not any(rules.values()):
        return {}
    from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern

    result: dict[str, frozenset[str]] = {}
    for path in paths:
        state: dict[str, bool] = {}
        for folder in sorted(rules, key=lambda f: (f.count("/") + bool(f), f)):
            if folder and not path.startswith(folder + "/"):
                continue
            relative = path[len(folder) + 1 :] if folder else path
            for pattern, attr, value in rules[folder]:
                if GitIgnoreSpecPattern(pattern).match_file(relative) is not None:
                    state[attr] = value
        on = frozenset(a for a, v in state.items() if v)
        if on:
            result[path] = on
    return result
