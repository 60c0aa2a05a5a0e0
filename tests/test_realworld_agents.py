"""The agent-recognition scorer (tests/realworld/score_agents.py) on a tiny local mirror:
the figures, the errors it lists, the `--check` targets, and the skip without mirrors."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import Repo

SCRIPT = Path(__file__).parent / "realworld" / "score_agents.py"
GH = "users.noreply.github.com"


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_agents", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["score_agents"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def mirror(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    path = tmp_path / "mirrors" / "acme+widgets" / "repo"
    path.mkdir(parents=True)
    repo = Repo(path)
    repo.git("init", "-q")
    shas = {
        "agent": repo.commit("feat\n\nCo-authored-by: Claude <noreply@anthropic.com>"),
        "human": repo.commit("fix typo"),
        "automation": repo.commit(
            "bump", author=("dependabot[bot]", f"49699333+dependabot[bot]@{GH}")
        ),
        "bot": repo.commit("release", author=("train[bot]", f"7+train[bot]@{GH}")),
        "missed": repo.commit("written by an agent that left no mark"),
    }
    return tmp_path / "mirrors", shas


FIRST_THREE = (
    ("agent", "agent", "Claude co-author"),
    ("human", "human", "a person"),
    ("automation", "automation", "dependabot"),
)


def _labels(tmp_path: Path, rows: list[tuple[str, str, str]]) -> Path:
    path = tmp_path / "labels.tsv"
    lines = ["# repo\tsha\tlabel\treason"]
    lines += [f"acme/widgets\t{sha}\t{label}\t{reason}" for sha, label, reason in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_figures_and_errors(mirror, tmp_path, capsys):  # type: ignore[no-untyped-def]
    mirrors, shas = mirror
    labels = _labels(
        tmp_path,
        [
            *((shas[key], label, why) for key, label, why in FIRST_THREE),
            (shas["bot"], "automation", "a release bot agentlint does not know"),
            (shas["missed"], "agent", "the PR says so"),
        ],
    )
    scorer = _scorer()
    code = scorer.main(["--mirrors", str(mirrors), "--labels", str(labels), "--check"])
    out = capsys.readouterr().out
    assert code == 1  # the unknown bot is taken for an agent, and one agent is missed
    row = next(line for line in out.splitlines() if line.startswith("all "))
    assert row.split()[1:] == ["5", "2", "50.00%", "50.00%", "1", "0"]
    assert "labelled \\ found: agent: agent 1, human 1, automation 0;" in out
    assert "automation: agent 1, human 0, automation 1" in out
    assert f"acme/widgets {shas['bot'][:12]} labelled automation" in out
    assert "found agent by unknown-bot" in out
    assert f"acme/widgets {shas['missed'][:12]} labelled agent (the PR says so), found human" in out


def test_targets_met(mirror, tmp_path, capsys):  # type: ignore[no-untyped-def]
    mirrors, shas = mirror
    labels = _labels(tmp_path, [(shas[key], label, why) for key, label, why in FIRST_THREE])
    assert _scorer().main(["--mirrors", str(mirrors), "--labels", str(labels), "--check"]) == 0
    assert "errors" not in capsys.readouterr().out


def test_skips_without_mirrors(tmp_path, capsys):  # type: ignore[no-untyped-def]
    labels = _labels(tmp_path, [("0" * 40, "agent", "x")])
    code = _scorer().main(["--mirrors", str(tmp_path / "none"), "--labels", str(labels), "--check"])
    assert code == 0
    assert "skipped: no mirrors" in capsys.readouterr().out


def test_bad_label_file(tmp_path):  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.tsv"
    bad.write_text("acme/widgets\tabc\tmaybe\twhy\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"bad\.tsv:1: expected repo, sha, label"):
        _scorer().main(["--labels", str(bad)])


def test_the_shipped_labels_are_well_formed() -> None:
    rows = _scorer().read_labels(SCRIPT.parent / "agents" / "commits.tsv")
    held = _scorer().read_labels(SCRIPT.parent / "agents" / "held-out.tsv")
    assert len(rows) >= 1000
    assert len({r.repo for r in rows}) >= 8
    assert {r.label for r in rows} == {"agent", "human", "automation"}
    assert all(len(r.sha) == 40 and r.reason for r in rows)
    named = {
        "Aider-AI/aider",
        "All-Hands-AI/OpenHands",
        "anthropics/claude-code-action",
        "charmbracelet/crush",
        "getsentry/sentry-javascript",
        "getsentry/sentry-python",
        "github/github-mcp-server",
        "pydantic/pydantic-ai",
    }
    assert not named & {r.repo for r in rows + held}
    assert not {r.repo for r in rows} & {r.repo for r in held}
