"""`agentlint explain`: categories, winning posture and deciding pattern."""

from __future__ import annotations


def test_explain_shows_categories_posture_and_pattern(seeded, run):
    result = run("explain", ".github/workflows/ci.yml", "src/app.py", "Dockerfile")
    assert result.code == 0
    assert result.lines == [
        "policy: built-in policy (rules apply to agent changes)",
        ".github/workflows/ci.yml: approval (ci)",
        "  * ci             approval  '.github/workflows/' [built-in]",
        "src/app.py: allow (no category)",
        "Dockerfile: approval (deploy)",
        "  * deploy         approval  'Dockerfile' [built-in]",
    ]


def test_explain_strictest_wins_and_shows_all(seeded, run, tmp_path):
    config = tmp_path / "c.yaml"
    config.write_text(
        "categories:\n  ymls:\n    paths: ['*.yml']\n    posture: review\n"
        "  ci:\n    extend_exclude: ['.github/workflows/lint.yml']\n"
    )
    result = run(
        "explain", "--config", str(config), ".github/workflows/ci.yml", ".github/workflows/lint.yml"
    )
    assert result.lines[1:] == [
        ".github/workflows/ci.yml: approval (ci)",
        "  * ci             approval  '.github/workflows/' [built-in, changed by config]",
        "    ymls           review    '*.yml' [config]",
        ".github/workflows/lint.yml: review (ymls)",
        "  * ymls           review    '*.yml' [config]",
    ]


def test_explain_relative_to_subdirectory(seeded, run, monkeypatch):
    (seeded.path / "sub").mkdir()
    monkeypatch.chdir(seeded.path / "sub")
    result = run("explain", "../.github/workflows/ci.yml", "Dockerfile")
    assert result.lines[1] == ".github/workflows/ci.yml: approval (ci)"
    assert result.lines[3] == "sub/Dockerfile: approval (deploy)"
    outside = run("explain", "../../elsewhere")
    assert outside.code == 2 and "outside the repository" in outside.err


def test_explain_uses_head_policy_and_attributes(seeded, run):
    seeded.commit(
        "policy",
        files={
            ".agentlint.yaml": "categories:\n  docs:\n    paths: [docs/]\n    posture: block\n",
            ".gitattributes": "gen/** linguist-generated\n",
        },
    )
    result = run("explain", "docs/x.md", "gen/y.go")
    assert result.lines[0] == "policy: .agentlint.yaml (at HEAD) (rules apply to agent changes)"
    assert "docs/x.md: block (docs)" in result.lines
    assert "gen/y.go: approval (generated)" in result.lines


def test_explain_outside_repository_uses_builtin(tmp_path, run, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("explain", "yarn.lock").lines[1] == "yarn.lock: approval (dependencies)"


def test_extends_none_starts_empty(seeded, run, tmp_path):
    config = tmp_path / "c.yaml"
    config.write_text("extends: none\ncategories:\n  only:\n    paths: [x/]\n    posture: block\n")
    result = run("explain", "--config", str(config), ".env", "x/y")
    assert ".env: allow (no category)" in result.lines
    assert "x/y: block (only)" in result.lines
