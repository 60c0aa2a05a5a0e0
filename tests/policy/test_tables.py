"""docs/configuration.md's built-in table is generated from the code and agrees with it."""

from __future__ import annotations

from pathlib import Path

from agentlint.policy import builtin, tables

DOCS = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"


def test_docs_table_agrees_with_the_code() -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert tables.block() in text, (
        "run `python -m agentlint.policy.tables --write docs/configuration.md`"
    )


def test_table_lists_every_category_and_pattern() -> None:
    table = tables.markdown()
    for name, category in builtin.CATEGORIES.items():
        row = next(line for line in table.splitlines() if line.startswith(f"| `{name}` |"))
        assert f"| {category['posture']} |" in row
        for pattern in [*category["paths"], *category.get("exclude", [])]:
            assert f"`{pattern}`" in row, (name, pattern)
    assert "(gitattributes: linguist-generated)" in table


def test_write_replaces_only_the_marked_block(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "doc.md"
    target.write_text(f"before\n{tables.BEGIN}\nstale\n{tables.END}\nafter\n")
    assert tables.main(["--write", str(target)]) == 0
    assert target.read_text() == f"before\n{tables.block()}\nafter\n"
    assert tables.main([]) == 0
    assert capsys.readouterr().out == tables.block() + "\n"


def test_write_without_markers_is_an_error(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "doc.md"
    target.write_text("no table here\n")
    assert tables.main(["--write", str(target)]) == 2
    assert "no table markers" in capsys.readouterr().err
    assert target.read_text() == "no table here\n"
