"""explain, validate-config and rules."""

from __future__ import annotations

import pytest

from agentlint.rules import RULES


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


def test_validate_config_ok(seeded, run):
    seeded.write(".agentlint.yaml", "categories:\n  ci:\n    approvers: [alice@example.com]\n")
    result = run("validate-config")
    assert result.code == 0
    assert result.out.endswith(".agentlint.yaml: ok (10 categories, 9 detectors)\n")


def test_validate_config_reports_every_problem_with_line_and_fix(seeded, run):
    seeded.write(
        "bad.yaml",
        "enforce: sometimes\ncategories:\n  ci:\n    posture: aprove\n"
        "    approvers: [alice]\n  Bad Name: {}\nlimts: {}\n",
    )
    result = run("validate-config", "bad.yaml")
    assert result.code == 2
    assert result.out == ""
    assert result.err.splitlines() == [
        "agentlint: error: enforce: 'sometimes' is not allowed, at bad.yaml:1, "
        "fix: use one of agents, all",
        "agentlint: error: categories.ci.posture: 'aprove' is not allowed, at bad.yaml:4, "
        "fix: use one of allow, record, review, approval, block",
        "agentlint: error: categories.ci.approvers[0]: 'alice' is not valid, at bad.yaml:5, "
        "fix: write an email address such as alice@example.com",
        "agentlint: error: categories: name 'Bad Name' is not allowed, at bad.yaml:6, "
        "fix: names must match ^[a-z][a-z0-9_-]{0,63}$",
        "agentlint: error: unknown key 'limts' in (top level), at bad.yaml:7, "
        "fix: remove it (did you mean 'limits'?)",
    ]


def test_validate_config_new_category_needs_posture_and_paths(seeded, run):
    seeded.write("c.yaml", "categories:\n  docs:\n    description: docs\n")
    result = run("validate-config", "c.yaml")
    assert result.code == 2
    assert "category 'docs' has no posture, at c.yaml:2" in result.err
    assert "category 'docs' has no paths, at c.yaml:2" in result.err


def test_validate_config_bad_pattern(seeded, run):
    seeded.write("c.yaml", "categories:\n  ci:\n    paths: ['***/[']\n")
    result = run("validate-config", "c.yaml")
    assert result.code in (0, 2)  # pathspec accepts most patterns; a rejected one is exit 2
    assert "Traceback" not in result.err


def test_validate_config_missing_default_is_builtin(seeded, run):
    result = run("validate-config")
    assert result.code == 0 and "the built-in policy applies" in result.err


def test_validate_config_missing_file(seeded, run):
    result = run("validate-config", "nope.yaml")
    assert result.code == 2 and "cannot read the config" in result.err


def test_extends_none_starts_empty(seeded, run, tmp_path):
    config = tmp_path / "c.yaml"
    config.write_text("extends: none\ncategories:\n  only:\n    paths: [x/]\n    posture: block\n")
    result = run("explain", "--config", str(config), ".env", "x/y")
    assert ".env: allow (no category)" in result.lines
    assert "x/y: block (only)" in result.lines


def test_rules_lists_every_code(run):
    result = run("rules")
    assert result.code == 0
    assert [line.split()[0] for line in result.lines] == list(RULES)


@pytest.mark.parametrize("code", list(RULES))
def test_rules_explains_each_code(run, code):
    result = run("rules", code.lower())
    assert result.code == 0
    assert result.lines[0] == f"# {code} {RULES[code].name}"
    for heading in ("## What it does", "## Why it matters", "## Example", "## How to fix"):
        assert heading in result.out


def test_rules_unknown_code(run):
    result = run("rules", "AL999")
    assert result.code == 2 and "unknown rule code" in result.err
