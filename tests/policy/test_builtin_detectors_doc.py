"""docs/configuration.md's table of built-in detectors is the code's, row for row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from agentlint.policy import builtin

DOC = Path(__file__).parents[2] / "docs" / "configuration.md"
START = "<!-- built-in detectors: generated from agentlint/policy/builtin.py -->"
END = "<!-- end of built-in detectors -->"


def _cell(items: list[str]) -> str:
    return ", ".join(f"`{item}`".replace("|", "\\|") for item in items)


def _row(detector: dict[str, Any]) -> str:
    identities = _cell([*detector.get("emails", []), *detector.get("names", [])])
    markers = [f"{t}" if ":" in t else f"{t}:" for t in detector.get("trailers", [])]
    markers += detector.get("messages", [])
    env = _cell(detector.get("env", []))
    kind = detector.get("kind", "agent")
    return f"| `{detector['name']}` | {kind} | {identities} | {_cell(markers)} | {env} |"


def render() -> str:
    """The table, in the order detectors are tried."""
    rows = [_row(d) for d in (*builtin.DETECTORS, *builtin.AUTOMATION, *builtin.UNKNOWN_BOTS)]
    head = [
        "| detector | kind | identities (email or name globs) | lines and markers in the message "
        "| environment (`--staged`) |",
        "|---|---|---|---|---|",
    ]
    return "\n".join([START, *head, *rows, END])


def test_the_detector_table_is_the_codes() -> None:
    text = DOC.read_text(encoding="utf-8")
    start, end = text.index(START), text.index(END) + len(END)
    assert text[start:end] == render(), (
        "regenerate it: python -m tests.policy.test_builtin_detectors_doc"
    )


if __name__ == "__main__":
    text = DOC.read_text(encoding="utf-8")
    start, end = text.index(START), text.index(END) + len(END)
    DOC.write_text(text[:start] + render() + text[end:], encoding="utf-8")
