"""`agentlint validate-config`: every problem, with file, line and fix."""

from __future__ import annotations

from agentlint.policy import builtin


def test_validate_config_ok(seeded, run):
    seeded.write(".agentlint.yaml", "categories:\n  ci:\n    approvers: [alice@example.com]\n")
    result = run("validate-config")
    assert result.code == 0
    detectors = len(builtin.DETECTORS) + len(builtin.AUTOMATION) + len(builtin.UNKNOWN_BOTS)
    assert result.out.endswith(f".agentlint.yaml: ok (11 categories, {detectors} detectors)\n")


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


def test_validate_config_bad_patterns(seeded, run):
    seeded.write("c.yaml", "categories:\n  ci:\n    paths:\n      - '!'\n      - '***/['\n")
    result = run("validate-config", "c.yaml")
    assert result.code == 2
    assert result.err.splitlines() == [
        "agentlint: error: invalid pattern '!': Invalid git pattern: '!', at c.yaml:4, "
        "fix: use gitignore syntax",
        "agentlint: error: pattern '***/[' matches no path, at c.yaml:5, fix: remove it, or fix "
        "it (a blank, a comment, or an unclosed `[` matches nothing)",
    ]


def test_validate_config_missing_default_is_builtin(seeded, run):
    result = run("validate-config")
    assert result.code == 0 and "the built-in policy applies" in result.err


def test_validate_config_missing_file(seeded, run):
    result = run("validate-config", "nope.yaml")
    assert result.code == 2 and "cannot read the config" in result.err


def test_validate_config_unknown_severity_code_suggests_the_rule(seeded, run):
    seeded.write("c.yaml", "severity:\n  AL304: warning\n  AL330: off\n")
    result = run("validate-config", "c.yaml")
    assert result.code == 2
    assert result.err == (
        "agentlint: error: severity: 'AL330' is not a rule code, did you mean AL303?, "
        "at c.yaml:3, fix: use a code from `agentlint rules`\n"
    )
