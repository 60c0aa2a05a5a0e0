"""The layout says the architecture, and this test keeps it true: data flows one way.

- commands/ and cli.py are the top: nothing below imports a command;
- pipeline.py runs gather -> policy -> checks -> findings for every command that judges;
- agents/ are adapters: they may use guard/ and evidence/, never each other's commands;
- guard/ and evidence/ are agent-neutral: they import no adapter.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "agentlint"


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m.startswith("agentlint")}


def _modules(folder: str) -> list[Path]:
    top = PACKAGE / folder
    return sorted(top.rglob("*.py")) if top.is_dir() else [PACKAGE / f"{folder}.py"]


LAYERS = [
    # (files, prefixes they must not import)
    ("agents", ("agentlint.commands", "agentlint.cli", "agentlint.pipeline")),
    ("guard", ("agentlint.commands", "agentlint.cli", "agentlint.agents", "agentlint.pipeline")),
    ("evidence", ("agentlint.commands", "agentlint.cli", "agentlint.agents", "agentlint.pipeline")),
    ("pipeline", ("agentlint.commands", "agentlint.cli", "agentlint.agents")),
    *[
        (layer, ("agentlint.commands", "agentlint.cli", "agentlint.pipeline", "agentlint.agents"))
        for layer in ("change", "checks", "policy", "record", "report", "weakened")
    ],
    ("policytest", ("agentlint.commands", "agentlint.cli", "agentlint.agents")),
]


@pytest.mark.parametrize(("folder", "forbidden"), LAYERS, ids=[f for f, _ in LAYERS])
def test_no_lower_layer_imports_an_upper_one(folder: str, forbidden: tuple[str, ...]) -> None:
    wrong = {
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in _modules(folder)
        for name in _imports(path)
        if any(name == f or name.startswith(f + ".") for f in forbidden)
    }
    assert not wrong, sorted(wrong)


def test_the_test_itself_sees_imports(tmp_path: Path) -> None:
    sample = tmp_path / "m.py"
    sample.write_text("from agentlint.commands import check\nimport agentlint.cli\n")
    assert _imports(sample) >= {"agentlint.commands.check", "agentlint.cli"}


def test_every_adapter_has_the_same_three_jobs() -> None:
    from agentlint.commands.hook import ADAPTERS

    for name in ADAPTERS.values():
        module = __import__(f"agentlint.agents.{name}", fromlist=["read", "render"])
        assert callable(module.read) and callable(module.render), name
