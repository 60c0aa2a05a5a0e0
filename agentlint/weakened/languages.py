"""Which extractor measures a file, by its extension."""

from __future__ import annotations

from agentlint import regex
from agentlint.structs import memo

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

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


def extension(path: str) -> str:
    """`os.path.splitext(path)[1]` for a `/`-separated path, read with fewer calls (a
    large change asks it of every path): leading dots of a name start no extension."""
    base = path[path.rfind("/") + 1 :]
    dot = base.rfind(".")
    if dot <= 0 or not base[:dot].strip("."):
        return ""
    return base[dot:]


@memo(8192)  # a large change asks it of each path several times (is it readable, named
# as a test, defining tests on either side)
def language(path: str) -> str | None:
    return _EXTENSIONS.get(extension(path).lower())


def suffixes(names: set[str | None]) -> set[str]:
    """The file name suffixes of the languages `names`."""
    return {ext for ext, name in _EXTENSIONS.items() if name is not None and name in names}


# The regexes below are compiled on first use, each on its own: a hook that only asks
# whether a Python file is a test compiles one, not thirteen.
# What each runner collects by default, by file name alone.
_COLLECTED = {
    "python": r"(?:test_.*|.*_test|tests)\.py\Z",
    "js": r"(?:.*[._-])?(?:test|spec|tests|specs)\.[cm]?[jt]sx?\Z",
    "go": r".*_test\.go\Z",
    "java": r"(?:Test.*|.*(?:Test|Tests|TestCase|IT))\.java\Z",
    "rust": r".*\.rs\Z",
}
_TEST_FOLDER = r"(?:\A|/)(?:tests?|__tests__|specs?)/"

# What a file that defines tests contains, per language (a cheap look, before measuring).
_DEFINES_TESTS = {
    # a TestCase class; test functions count only in a module that imports pytest (an
    # application's own `def test_connection()` is not a test)
    "python": rb"(?m)^class[ \t]+\w+\([^)\n]*TestCase\b",
    "js": rb"(?<![\w$.])(?:it|test|describe|suite|specify)(?:\.\w+)*[ \t]*\(\s*[\"'`]",
    "go": rb"(?m)^func[ \t]+(?:\([^)]*\)[ \t]*)?Test\w*[ \t]*\(",
    "java": rb"@(?:\w+\.)*(?:Test|ParameterizedTest|RepeatedTest)\b",
    "rust": rb"#\[(?:\w+::)*test\b",
}


def python_test_name(base: str) -> bool:
    """pytest's default file names, `test_*.py`, `*_test.py` and `tests.py` (Django's):
    what `_COLLECTED["python"]` matches, read without `re` (`.*` takes no newline)."""
    return (
        base.endswith(".py")
        and "\n" not in base
        and (base.startswith("test_") or base[:-3].endswith("_test") or base == "tests.py")
    )


def _named_as_tests(name: str, base: str) -> bool:
    if name == "python":
        return python_test_name(base)
    return regex.compile(_COLLECTED[name]).match(base) is not None


def is_test_name(path: str) -> bool:
    """Whether the file's name alone makes it a test file (`test.ts`, `tests.py`...)."""
    name = language(path)
    base = path.rsplit("/", 1)[-1]
    return (
        name is not None and name in _COLLECTED and name != "rust" and _named_as_tests(name, base)
    )


def is_collected(path: str) -> bool:
    """Whether the test runner of the file's language collects it by default: its name,
    or for JavaScript and Rust a test folder."""
    name = language(path)
    if name not in _COLLECTED:
        return False
    base = path.rsplit("/", 1)[-1]
    if _named_as_tests(name, base):
        return True
    return name == "js" and regex.compile(_TEST_FOLDER).search(path) is not None


_PYTEST_IMPORT = rb"(?m)^(?:import[ \t]+pytest|from[ \t]+pytest\b)"
_PYTEST_TEST = rb"(?m)^[ \t]*(?:async[ \t]+)?def[ \t]+test"


# Text that each look above needs to find anything: a file holding none of it is not read
# by a regex (most of a change's source files, so the regexes are rarely compiled).
_NEEDS = {
    "python": (b"TestCase", b"pytest"),
    "js": (b"(",),
    "go": (b"Test",),
    "java": (b"Test",),
    "rust": (b"test",),
}


def defines_tests(path: str, data: bytes | None) -> bool:
    name = language(path) or ""
    source = _DEFINES_TESTS.get(name)
    if data is None or source is None:
        return False
    if not any(needle in data for needle in _NEEDS[name]):
        return False
    if regex.compile(source).search(data):
        return True
    return name == "python" and bool(
        regex.compile(_PYTEST_IMPORT).search(data) and regex.compile(_PYTEST_TEST).search(data)
    )


def decode(data: bytes | None) -> str | None:
    return None if data is None else data.decode("utf-8", "replace")


def measure(language_name: str | None, text: str | None) -> Parsed:
    from agentlint.weakened.model import Parsed  # only once a test file is measured

    if text is None:
        return Parsed(absent=True)
    if language_name is None:
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
    old_path: str,
    before: bytes | None,
    new_path: str,
    after: bytes | None,
    libraries: tuple[dict[str, Any], dict[str, Any]] = ({}, {}),
) -> tuple[Parsed, Parsed]:
    """Both sides of one file. Python files with both sides measure only what changed;
    `libraries` are the helpers other files of the change in the same language define
    (Python and Rust)."""
    old_lang, new_lang = language(old_path), language(new_path)
    old_text, new_text = decode(before), decode(after)
    if old_lang == new_lang == "python" and old_text is not None and new_text is not None:
        from agentlint.weakened import python

        return python.measure_pair(old_text, new_text, libraries)
    if old_lang == new_lang == "rust":
        from agentlint.weakened import rust

        return rust.measure_pair(old_text, new_text, libraries)
    if old_lang == new_lang == "js" and old_text and new_text:
        from agentlint.weakened import js

        return js.measure_pair(old_text, new_text)
    if old_lang == new_lang == "go" and old_text and new_text:
        from agentlint.weakened import golang, scan

        old_window, new_window = scan.changed_window(old_text, new_text)
        one: Callable[[str, tuple[int, int] | None], Parsed] = golang.measure_go
        old, new = one(old_text, old_window), one(new_text, new_window)
        if old.windowed != new.windowed:  # both sides are read the same way, or not at all
            old, new = one(old_text, None), one(new_text, None)
        return old, new
    return measure(old_lang, old_text), measure(new_lang, new_text)
