"""AL401: the size budget of agent changes, severity overrides and --select."""

from __future__ import annotations

import pytest

from tests.conftest import CLAUDE_TRAILER

pytestmark = pytest.mark.core_rules  # changes here carry no review record


def _agent_commit(repo, files, message=f"agent\n\n{CLAUDE_TRAILER}"):
    base = repo.git("rev-parse", "HEAD").strip()
    repo.commit(message, files=files)
    return base


def test_too_many_files_is_al401(seeded, run):
    seeded.commit("limits", files={".agentlint.yaml": "limits:\n  max_files: 3\n"})
    base = _agent_commit(seeded, {f"src/m{n}.py": "1\n" for n in range(4)})
    head = seeded.git("rev-parse", "--short=12", "HEAD").strip()
    result = run("check", "--range", f"{base}..HEAD")
    assert result.code == 1
    assert result.lines[0] == (
        f".agentlint.yaml: AL401 ({head}) the change touches 4 files (limit 3); split "
        "it into smaller changes, or raise limits.max_files in "
        ".agentlint.yaml"
    )


def test_file_budget_boundary_passes(seeded, run):
    seeded.commit("limits", files={".agentlint.yaml": "limits:\n  max_files: 3\n"})
    base = _agent_commit(seeded, {f"src/m{n}.py": "1\n" for n in range(3)})
    assert run("check", "--range", f"{base}..HEAD").code == 0


def test_too_many_lines_is_al401_and_lockfiles_do_not_count(seeded, run):
    seeded.commit(
        "limits",
        files={
            ".agentlint.yaml": "limits:\n  max_lines: 10\n  exclude: ['*.lock']\n"
            "categories:\n  dependencies:\n    enabled: false\n"
        },
    )
    base = _agent_commit(seeded, {"src/big.py": "x\n" * 11})
    result = run("check", "--range", f"{base}..HEAD")
    assert result.codes() == ["AL401"] and "11 changed lines (limit 10)" in result.out
    base = _agent_commit(seeded, {"poetry.lock": "x\n" * 500, "src/ok.py": "x\n" * 10})
    assert run("check", "--range", f"{base}..HEAD").code == 0


def test_binary_files_count_as_files_not_lines(seeded, run):
    seeded.commit("limits", files={".agentlint.yaml": "limits:\n  max_lines: 5\n"})
    base = _agent_commit(seeded, {"logo.bin": b"\x00\x01" * 5000})
    assert run("check", "--range", f"{base}..HEAD").code == 0


def test_size_counts_only_agent_touched_files(seeded, run):
    seeded.commit("limits", files={".agentlint.yaml": "limits:\n  max_files: 1\n"})
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.commit("human", files={"a.py": "1\n", "b.py": "1\n"})
    seeded.commit(f"agent\n\n{CLAUDE_TRAILER}", files={"c.py": "1\n"})
    assert run("check", "--range", f"{base}..HEAD").code == 0


def test_human_change_has_no_budget(seeded, run):
    seeded.commit("limits", files={".agentlint.yaml": "limits:\n  max_files: 1\n"})
    base = _agent_commit(seeded, {"a.py": "1\n", "b.py": "1\n"}, message="human")
    assert run("check", "--range", f"{base}..HEAD").code == 0


def test_severity_override_and_off(seeded, run):
    seeded.commit(
        "limits",
        files={
            ".agentlint.yaml": "limits:\n  max_files: 1\nseverity:\n  AL401: warning\n"
            "  AL205: 'off'\n"
        },
    )
    base = _agent_commit(seeded, {"a.py": "1\n", ".env": "X\n"})
    result = run("check", "--range", f"{base}..HEAD")
    assert result.code == 0
    assert result.codes() == ["AL401"] and "[warning]" in result.out


def test_select_limits_reported_codes(seeded, run):
    seeded.commit("limits", files={".agentlint.yaml": "limits:\n  max_files: 1\n"})
    base = _agent_commit(seeded, {"a.py": "1\n", ".env": "X\n"})
    assert sorted(run("check", "--range", f"{base}..HEAD").codes()) == ["AL205", "AL401"]
    assert run("check", "--range", f"{base}..HEAD", "--select", "AL4").codes() == ["AL401"]
    assert run("check", "--range", f"{base}..HEAD", "--select", "al205,AL3").codes() == ["AL205"]


@pytest.mark.parametrize("bad", ["AL9x", "E501", "AL2055", "all"])
def test_select_rejects_what_is_not_a_code(seeded, run, bad):
    result = run("check", "--select", bad)
    assert result.code == 2 and "is not a rule code, prefix or name" in result.err
