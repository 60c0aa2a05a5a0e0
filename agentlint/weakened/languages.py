"""Which extractor measures a file, by its extension."""

from __future__ import annotations

import os

from agentlint.weakened.model import Parsed

_EXTENSIONS = {
    ".py": "python",
    ".pyi": None,
    ".js": "js",
    ".jsx": "js",
    ".mjs": "js",
    ".cjs": "js",
    ".ts": "js",
    ".tsx": "js",
    ".mts": "js",
    ".cts": "js",
    ".go": "go",
    ".java": "java",
    ".rs": "rust",
}


def language(path: str) -> str | None:
    return _EXTENSIONS.get(os.path.splitext(path)[1].lower())


def decode(data: bytes | None) -> str | None:
    return None if data is None else data.decode("utf-8", "replace")


def measure(language_name: str | None, text: str | None) -> Parsed:
    if language_name is None or text is None:
        return Parsed()
    if language_name == "python":
        from agentlint.weakened import python

        return python.measure_pair(None, text)[1]
    if language_name == "js":
        from agentlint.weakened import js

        return js.measure(text)
    from agentlint.weakened import clike

    return clike.MEASURES[language_name](text)


def measure_pair(
    old_path: str, before: bytes | None, new_path: str, after: bytes | None
) -> tuple[Parsed, Parsed]:
    """Both sides of one file. Python files with both sides measure only what changed."""
    old_lang, new_lang = language(old_path), language(new_path)
    old_text, new_text = decode(before), decode(after)
    if old_lang == new_lang == "python" and old_text is not None and new_text is not None:
        from agentlint.weakened import python

        return python.measure_pair(old_text, new_text)
    return measure(old_lang, old_text), measure(new_lang, new_text)
