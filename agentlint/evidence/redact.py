"""Keep secrets out of the evidence log: environment values, tokens, passwords, keys and
credentials in URLs are replaced by `***` before a command is written down."""

from __future__ import annotations

import re

MASK = "***"
MAX_COMMAND = 2000

_PATTERNS = [
    # NAME=value: an environment assignment, exported or not
    (re.compile(r"(?<![\w-])([A-Z_][A-Z0-9_]*)=(\"[^\"]*\"|'[^']*'|\S+)"), rf"\1={MASK}"),
    # credentials in URLs: scheme://user:password@host
    (re.compile(r"(://[^/\s:@]+):[^/\s@]+@"), rf"\1:{MASK}@"),
    # --password=x, --token x, --api-key x, -H 'Authorization: Bearer x'
    (
        re.compile(
            r"(?i)(--?[\w-]*(?:password|passwd|secret|token|api[-_]?key|auth)[\w-]*)(=|\s+)"
            r"(\"[^\"]*\"|'[^']*'|\S+)"
        ),
        rf"\1\2{MASK}",
    ),
    (re.compile(r"(?i)\b(authorization:\s*(?:bearer|basic|token)?\s*)[^\s'\"]+"), rf"\1{MASK}"),
    (re.compile(r"(?i)\b(bearer\s+)[A-Za-z0-9._~+/=-]+"), rf"\1{MASK}"),
    # well-known token shapes
    (
        re.compile(
            r"\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,}|glpat-[\w-]{20,}"
            r"|sk-[A-Za-z0-9_-]{16,}|xox[abposr]-[\w-]{10,}|AKIA[0-9A-Z]{16}|AIza[\w-]{30,}"
            r"|eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}|npm_[A-Za-z0-9]{30,})"
        ),
        MASK,
    ),
    (
        re.compile(
            r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(-----END [A-Z ]*PRIVATE KEY-----|$)", re.S
        ),
        MASK,
    ),
]
# long random-looking words: mixed letters and digits, 32 characters or more
_RANDOM = re.compile(r"[A-Za-z0-9+/_=-]{32,}")


def redact(text: str) -> str:
    """The text with anything that looks like a secret masked."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return _RANDOM.sub(_random, text)


def _random(match: re.Match[str]) -> str:
    word = match.group(0)
    lowers, uppers = any(c.islower() for c in word), any(c.isupper() for c in word)
    digits = any(c.isdigit() for c in word)
    if digits and lowers and uppers and "/" not in word.strip("/"):
        return MASK
    return word


def command_text(command: str) -> tuple[str, bool]:
    """A command as the log keeps it: redacted, and cut to MAX_COMMAND characters."""
    text = redact(command)
    if len(text) <= MAX_COMMAND:
        return text, False
    return text[:MAX_COMMAND], True
