"""The review packet, held to its readers: rendered by a CommonMark parser (with GFM
tables, as GitHub and GitLab render it), it has the expected headings, well-formed tables,
no raw HTML, links or images, whatever the agent wrote into its record, and it stays
within GitHub's 1 MiB step-summary limit by folding lists, then cutting with a note."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from agentlint.change.model import Change, RecordBlob
from agentlint.findings import Finding
from agentlint.policy.load import load_policy
from agentlint.report import Context, Summary, markdown, mdtext
from tests import records

GOLDEN = Path(__file__).parent / "golden"
PARSER = MarkdownIt("commonmark").enable("table")


def _tokens(text: str) -> list[Any]:
    flat = []
    for token in PARSER.parse(text):
        flat.append(token)
        flat.extend(token.children or [])
    return flat


def structure(text: str) -> list[str]:
    """The document's headings, after checking it holds no HTML, link or image and that
    every table row has as many cells as its header."""
    tokens = _tokens(text)
    kinds = {t.type for t in tokens}
    assert not kinds & {"html_block", "html_inline", "image", "link_open"}, kinds
    headings, cells, width = [], 0, None
    for n, token in enumerate(tokens):
        if token.type == "heading_open":
            headings.append(f"{token.tag} {tokens[n + 1].content}")
        elif token.type == "table_open":
            width = None
        elif token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            width = cells if width is None else width
            assert cells == width, f"a row of {cells} cells in a table of {width}"
    return headings


@pytest.mark.parametrize("name", sorted(p.name for p in GOLDEN.glob("*.md")))
def test_golden_packets_parse_cleanly(name: str) -> None:
    headings = structure((GOLDEN / name).read_text())
    assert headings[0] in ("h2 agentlint: pass", "h2 agentlint: fail")
    assert "h3 Findings" in headings


def test_the_full_record_packet_has_every_section() -> None:
    headings = structure((GOLDEN / "agent-with-record.md").read_text())
    assert headings == [
        "h2 agentlint: pass",
        "h3 Waiting on approvals",
        "h3 Findings",
        "h3 Review record `.agentlint/records/fix-totals.yaml`",
        "h4 Task and scope",
        "h4 Plan",
        "h4 Files",
        "h4 Commands and tests",
        "h4 Failed attempts",
        "h4 Assumptions",
        "h4 Rollback",
        "h4 Cost",
    ]


def test_a_packet_without_a_record_says_so() -> None:
    human = (GOLDEN / "human.md").read_text()
    assert "No review record: no rule applies to this change (no agent work)." in human
    missing = (GOLDEN / "agent-without-record.md").read_text()
    assert "The change has no review record." in missing


def _context(*blobs: RecordBlob) -> Context:
    change = Change("range", "a" * 40, "b" * 40, (), (), records=blobs)
    return Context(change, load_policy(None, source="built-in policy"), None)


HOSTILE = {
    "task": "<script>alert(1)</script> ![pixel](https://evil.example/p.png) [x](https://e.x)",
    "plan": ["# Verdict: pass", "| a | b |", "<details><summary>hidden</summary>", "@org/team"],
    "commands": [
        {"run": "echo `a` | grep ``b`` | tee c", "exit_status": 0, "kind": "test"},
        {"run": "<img src=x onerror=alert(1)>", "exit_status": 3},
    ],
    "assumptions": [{"assumption": "a | b\n\n## injected", "if_wrong": "<b>bold</b>"}],
}


def test_hostile_record_text_stays_text() -> None:
    data = records.base()
    data.update(HOSTILE)
    blob = RecordBlob(records.RECORD_PATH, None, None, records.text(data).encode())
    text = markdown.render([], Summary(0, 0, 1, 1), _context(blob))
    headings = structure(text)
    assert not any("Verdict" in h or "injected" in h for h in headings)
    rendered = PARSER.render(text)
    assert "<script>" not in rendered and "<img" not in rendered and "<details>" not in rendered
    assert "\\@\u2060org" in text  # no mention ping
    assert "| ```echo `a` \\| grep ``b`` \\| tee c``` |" in text  # the fence outgrows them


def test_a_record_of_the_wrong_shape_is_skipped_not_trusted() -> None:
    blob = RecordBlob(records.RECORD_PATH, None, None, b"- just\n- a list\n")
    text = markdown.render([], Summary(1, 0, 1, 1), _context(blob))
    assert "does not parse" in text or "does not match the schema" in text
    structure(text)
    odd = records.base()
    odd.update(commands="many", plan=[{"x": 1}], cost={"usd": "lots"}, files=[])
    blob = RecordBlob(records.RECORD_PATH, None, None, records.text(odd).encode())
    structure(markdown.render([], Summary(1, 0, 1, 1), _context(blob)))


def _findings(files: int, per_file: int, width: int) -> list[Finding]:
    return [
        Finding("AL104", f"{'x' * width} {n}", f"src/f{f}.py", n)
        for f in range(files)
        for n in range(1, per_file + 1)
    ]


def test_a_big_packet_folds_its_lists() -> None:
    found = _findings(400, 60, 60)  # about 2 MiB unfolded
    text = markdown.render(found, Summary(len(found), 0, 1, 1), _context())
    assert len(text.encode()) <= markdown.MAX_BYTES
    assert "… and 50 more findings in this file" in text  # folded to 10 a file
    assert "was cut" not in text
    structure(text)


def test_a_huge_packet_is_cut_with_a_note() -> None:
    found = _findings(9000, 3, 120)
    text = markdown.render(found, Summary(len(found), 0, 1, 1), _context())
    assert len(text.encode()) <= markdown.MAX_BYTES
    assert text.endswith("to see everything.\n") and "**This packet was cut at 1 MiB.**" in text
    structure(text)


def test_a_long_record_folds_commands_and_files() -> None:
    data = records.base()
    data["commands"] = [{"run": f"pytest -k t{n}", "exit_status": 0} for n in range(5000)]
    data["files"]["read"] = [f"src/m{n}.py" for n in range(3000)]
    blob = RecordBlob(records.RECORD_PATH, None, None, records.text(data).encode())
    text = markdown.render([], Summary(0, 0, 1, 1), _context(blob))
    assert "Changed: **2**; read: **3000**." in text
    assert "… and 2950 more files" in text and "… and 4950 more commands" in text
    structure(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("a|b", "`a\\|b`"), ("`x`", "`` `x` ``"), ("", "` `"), ("a\nb", "`a b`")],
)
def test_code_spans_in_cells(value: str, expected: str) -> None:
    assert mdtext.code(value, cell=True) == expected


def test_the_evidence_log_against_the_record() -> None:
    from agentlint.evidence.log import Entry, Evidence

    def bash(command: str) -> Entry:
        return Entry("post", "Bash", (), False, command, 0, None, None, "2026-01-01T00:00:00Z")

    log = Evidence(
        "s1",
        ".agentlint/runs/s1.jsonl",
        (bash("pytest  tests/report -q"), bash("curl x")),
        frozenset(),
    )
    blob = RecordBlob(records.RECORD_PATH, None, None, records.VALID_YAML.encode())
    context = _context(blob)
    context = context._replace(change=context.change._replace(evidence=log))
    text = markdown.render([], Summary(0, 0, 1, 1), context)
    assert "h3 Evidence log" in structure(text)
    assert "The session log `.agentlint/runs/s1.jsonl` holds 2 tool calls." in text
    assert "| `curl x` | yes | **no** |" in text  # run, but not in the record
    assert "| `pytest tests/report -q` | yes | yes |" in text
    assert "| `ruff check src` | **no** | yes |" in text  # claimed, never seen


def test_the_docs_show_a_real_packet() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "output.md").read_text()
    assert (GOLDEN / "approvals-pending.md").read_text() in docs
