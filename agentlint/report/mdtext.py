"""Put untrusted text into Markdown safely.

The review record and commit data are written by the agent being checked. In the packet
they must read as text: no raw HTML, no links or images (a tracking pixel in a job
summary), no headings that fake a verdict, no table cell that breaks out of its row, and
no `@mention` that pings a team from a pull-request comment.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
_MENTION = re.compile(r"(?<!\w)@")  # where @ starts a mention (an email's @ does not)


def text(value: object) -> str:
    """Plain text: one line, every Markdown character escaped, and a word joiner after
    an @ that would start a mention (it reads the same, and pings nobody)."""
    flat = _MENTION.sub("@\u2060", " ".join(str(value).split()))
    return _PUNCTUATION.sub(r"\\\1", flat)


def code(value: object, *, cell: bool = False) -> str:
    """An inline code span that holds `value` as it is, on one line (in a table cell,
    `|` is escaped, as GFM tables read it before the span)."""
    flat = " ".join(str(value).split()) or " "
    if cell:
        flat = flat.replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def row(*cells: str) -> str:
    """A table row from cells already made safe by text() or code()."""
    return "| " + " | ".join(c or " " for c in cells) + " |"


def table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    return [row(*header), row(*("---" for _ in header)), *(row(*r) for r in rows)]


def folded(items: list[str], cap: int, noun: str) -> list[str]:
    """Up to `cap` items, then one line that counts the rest."""
    shown = items[:cap]
    if len(items) > cap:
        shown.append(f"… and {len(items) - cap} more {noun}")
    return shown
