"""`agentlint policy test`: the starter set passes under the built-in policy and fails,
case by case, when the policy is loosened; user cases, patches and bad case files."""

from __future__ import annotations

import pytest

from tests.conftest import Repo

LOOSENED = {
    "01-forbidden-path": "categories:\n  secrets:\n    posture: allow\n",
    "02-weakened-test": "severity:\n  AL303: off\n",
    "03-claimed-success": "record:\n  checks:\n    tests:\n      enabled: false\n",
    "04-past-the-stop-rule": "record:\n  budget:\n    files_read: null\n",
    "05-no-rollback": "severity:\n  AL105: off\n",
}


def test_starter_set_passes_under_the_builtin_policy(seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    result = run("policy", "test", "--starter")
    assert result.code == 0, result
    assert result.lines[0].startswith("policy: the built-in policy; 5 cases")
    assert [line.split()[0] for line in result.lines[1:6]] == ["PASS"] * 5
    assert result.lines[-1] == "5 passed, 0 failed"


@pytest.mark.parametrize("case,config", LOOSENED.items())
def test_each_starter_case_fails_when_its_rule_is_loosened(
    seeded: Repo, run, tmp_path, case: str, config: str
) -> None:  # type: ignore[no-untyped-def]
    policy = tmp_path / "loose.yaml"
    policy.write_text(config)
    result = run("policy", "test", "--starter", "--config", str(policy))
    assert result.code == 1, result
    failed = [line for line in result.lines if line.startswith("FAIL")]
    assert len(failed) == 1 and failed[0].startswith(f"FAIL {case}.yaml"), result.out
    assert "  - expected AL" in result.out and "not reported" in result.out
    assert result.lines[-1] == "4 passed, 1 failed"


def test_the_work_tree_policy_is_the_one_tested(seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    seeded.write(".agentlint.yaml", LOOSENED["05-no-rollback"])  # not committed: being written
    result = run("policy", "test", "--starter")
    assert result.code == 1 and "FAIL 05-no-rollback.yaml" in result.out
    assert result.lines[0].startswith("policy: .agentlint.yaml")


CASE = """\
name: a human may change CI; an agent may not without approval
base:
  ci.txt: "x\\n"
commits:
  - author: "Dana Dev <dana@example.com>"
    message: "Human edits CI"
    files:
      .github/workflows/ci.yml: "on: push\\n"
  - agent: true
    message: "Agent edits CI"
    patch: |
      --- a/.github/workflows/ci.yml
      +++ b/.github/workflows/ci.yml
      @@ -1 +1 @@
      -on: push
      +on: [push, pull_request]
expect:
  - {code: AL201, path: .github/workflows/ci.yml}
absent:
  - AL205
"""


def test_user_cases_with_a_patch(seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    seeded.write(".agentlint/policy-tests/ci.yaml", CASE)
    result = run("policy", "test")
    assert result.code == 0, result
    assert "PASS ci.yaml: a human may change CI" in result.out


def test_a_failing_case_shows_what_differs(seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    wrong = CASE.replace("absent:\n  - AL205", "absent:\n  - AL201").replace(
        "code: AL201", "code: AL205"
    )
    seeded.write(".agentlint/policy-tests/ci.yaml", wrong)
    result = run("policy", "test")
    assert result.code == 1
    assert "  - expected AL205 at .github/workflows/ci.yml: not reported" in result.lines
    assert any(
        line.startswith("  + unexpected AL201 at .github/workflows/ci.yml") for line in result.lines
    )


@pytest.mark.parametrize(
    "text,message",
    [
        ("- a list\n", "a YAML mapping"),
        ("name: x\ncommits: []\nexpect: [AL205]\n", "at least one commit"),
        ("commits:\n  - {agent: true, files: {a: x}}\n", "checks nothing"),
        ("commits:\n  - {agent: true, files: {a: x}}\nexpect: [AL999]\n", "not a rule code"),
        (
            "commits:\n  - {agent: true, files: {../x: x}}\nexpect: [AL205]\n",
            "inside the repository",
        ),
        ("commits:\n  - {agent: true}\nexpect: [AL205]\n", "changes nothing"),
        ("commits:\n  - {author: bob, files: {a: x}}\nexpect: [AL205]\n", "Name <email>"),
        (
            "commits:\n  - {agent: true, files: {a: x}}\nexpect: [AL205]\ntypo: 1\n",
            "unknown keys: typo",
        ),
        ("commits: [\n", "ci.yaml"),
    ],
)
def test_bad_case_files_are_exit_2(seeded: Repo, run, text: str, message: str) -> None:  # type: ignore[no-untyped-def]
    seeded.write(".agentlint/policy-tests/ci.yaml", text)
    result = run("policy", "test")
    assert result.code == 2 and message in result.err, result


def test_missing_folder_and_bad_policy(seeded: Repo, run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = run("policy", "test")
    assert result.code == 2 and "agentlint init" in result.err and "--starter" in result.err
    assert run("policy", "test", str(tmp_path)).code == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("enforce: sometimes\n")
    assert run("policy", "test", "--starter", "--config", str(bad)).code == 2


def test_the_users_repository_is_untouched(seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    before = seeded.snapshot()
    run("policy", "test", "--starter")
    assert seeded.snapshot() == before
