"""Whether a rollback plan says anything: placeholders and filler are not a plan."""

from __future__ import annotations

from agentlint import regex
from agentlint.structs import ASCII_LETTERS, DIGITS

PLACEHOLDERS = frozenset(
    {
        "todo",
        "tbd",
        "tbc",
        "tba",
        "fixme",
        "xxx",
        "na",
        "n a",
        "none",
        "nothing",
        "null",
        "nil",
        "no",
        "not applicable",
        "not needed",
        "not required",
        "same as above",
        "see above",
        "see pr",
        "see description",
        "easy",
        "trivial",
        "obvious",
        "fill in",
        "to do",
    }
)
# Words that, on their own, only say "undo it somehow".
FILLER = frozenset(
    [
        "a",
        "an",
        "and",
        "back",
        "can",
        "change",
        "changes",
        "commit",
        "commits",
        "could",
        "do",
        "done",
        "easily",
        "else",
        "fails",
        "git",
        "if",
        "in",
        "it",
        "just",
        "merge",
        "necessary",
        "need",
        "needed",
        "needs",
        "of",
        "or",
        "pr",
        "pull",
        "request",
        "required",
        "revert",
        "reverted",
        "reverting",
        "revert",
        "roll",
        "rollback",
        "rolled",
        "simply",
        "the",
        "then",
        "this",
        "to",
        "undo",
        "we",
        "will",
        "would",
        "you",
        "is",
        "be",
        "should",
    ]
)
_WORD_CHARS = frozenset(ASCII_LETTERS[26:] + DIGITS)


def words_of(text: str) -> list[str]:
    """The runs of ASCII letters and digits in `text`, lower-cased (what
    `re.findall(r"[a-z0-9]+", text.lower())` finds, without importing `re`)."""
    return "".join(c if c in _WORD_CHARS else " " for c in text.lower()).split()


def placeholder_reason(text: str) -> str | None:
    """Why `text` is not a usable rollback plan, or None when it says something."""
    words = words_of(text)
    if not words:
        return "it is empty"
    joined = " ".join(words)
    if joined in PLACEHOLDERS or words[0] in ("todo", "tbd", "fixme", "xxx"):
        return f"{text.strip()!r} is a placeholder"
    if all(w in FILLER for w in words):
        return f"{text.strip()!r} only says to undo the change, not how"
    return None


def hint_words(hint: str) -> str:
    """What a category's rollback hint asks for, in words: the built-in hints are a list of
    words (`(?i)\\b(down|downgrade|...)`), said as `mentions one of "down", "downgrade"`;
    any other expression is quoted as it is."""
    body = regex.compile(r"^(\(\?[a-z]+\))?(\\b)?").sub("", hint)
    if body.startswith("(") and body.endswith(")"):
        body = body[1:-1]
    words = body.split("|")
    if all(regex.compile(r"[A-Za-z][A-Za-z ?-]*").fullmatch(w) for w in words):
        said = ", ".join(f'"{w.replace(" ?", " ")}"' for w in words)
        return f"mentions one of {said}"
    return f"matches the pattern {hint}"
