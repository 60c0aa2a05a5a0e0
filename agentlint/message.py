"""A commit message as git will store it after an editor session.

git drops comment lines (core.commentChar) and everything from the scissors line on,
then strips trailing blanks and collapses blank lines; so must we, or an approval inside
a comment would count.
"""

from __future__ import annotations

SCISSORS = "------------------------ >8 ------------------------"


_SPACE = " \t\n\r"  # git's isspace(), not Python's


def clean(text: str, comment: str = "#") -> str:
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if line.rstrip(_SPACE) == f"{comment} {SCISSORS}":
            lines = lines[:n]
            break
    kept: list[str] = []
    for line in lines:
        if comment and line.startswith(comment):
            continue
        line = line.rstrip(_SPACE)
        if line or (kept and kept[-1]):
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept) + "\n" if kept else ""


def comment_char(config_listing: str) -> str:
    """core.commentChar from `git var -l` output ('#' by default, and for 'auto')."""
    value = "#"
    for line in config_listing.splitlines():
        key, _, found = line.partition("=")
        if key.lower() == "core.commentchar" and found and found != "auto":
            value = found
    return value
