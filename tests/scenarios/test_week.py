"""A week with agentlint, end to end: the solo developer whose agent has its own identity,
a team with two approvers, merging main into an agent branch, and amends. Every step is a
real `git commit`, `git merge` or `git push` through the hooks pre-commit installed, and
asserts the exit code and the lines the user sees."""

from __future__ import annotations

import pytest

from tests import records
from tests.scenarios.conftest import Project

pytestmark = pytest.mark.slow

ALICE = ("Alice Approver", "alice@example.com")
BOB = ("Bob Builder", "bob@example.com")
DANA = ("Dana Dev", "dana@example.com")
WORKFLOW = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps: [{run: pytest}]\n"


def record(*changed: str, ci: bool = False, step: str = "") -> str:
    data = records.base()
    data["plan"].append(step or "Fix total()")
    data["task"] = "Totals ignore discounts; fix total() and test it."
    data["scope"]["paths"] = ["app.py", "tests/", ".github/workflows/"]
    data["files"] = records.files(*changed, read=("app.py",))
    if ci:
        data["rollback"]["categories"] = {"ci": "Restore the previous workflow file."}
    return records.text(data)


def agent_work(project: Project, message: str, files: dict[str, str], *changed: str, **how):
    """The agent edits files, updates the branch's record, and commits."""
    for name, text in files.items():
        project.write(name, text)
    branch = project.git("branch", "--show-current").stdout.strip()
    project.write(f".agentlint/records/{branch}.yaml", record(*changed, step=message, **how))
    return project.commit(message, agent=True)


def says(out: str, *lines: str) -> None:
    for line in lines:
        assert line in out, f"{line!r} not in:\n{out}"


def ok(result) -> str:
    assert result.returncode == 0, result.stdout
    return result.stdout


def refused(result) -> str:
    assert result.returncode == 1, result.stdout
    return result.stdout


def test_solo_developer_with_claudes_own_identity(project):
    # Monday: Sam adopts agentlint; Claude gets its own git identity
    ok(project.agentlint("init"))
    assert "added agentlint's hooks" in ok(project.agentlint("setup", "claude"))
    project.use_hooks()
    out = ok(project.commit("Adopt agentlint"))
    assert "agentlint (commit message)" in out and "Passed" in out
    says(out, "All checks passed: 1 commit (0 by agents).")
    ok(project.git("push", "-q", "origin", "main"))
    project.git("checkout", "-q", "-b", "fix-totals")

    # Tuesday: the agent fixes a bug with its record, then amends a test into the commit
    fix = {"app.py": APP_FIXED}
    out = ok(agent_work(project, "Fix totals", fix, "app.py"))
    says(out, "All checks passed: 1 commit (1 by agents).")
    project.write("tests/test_app.py", TESTS_MORE)
    project.write(".agentlint/records/fix-totals.yaml", record("app.py", "tests/test_app.py"))
    project.git("add", "-A")
    out = ok(project.git("commit", "--amend", "--no-edit", agent=True))
    assert "AL101" not in out and "All checks passed: 1 commit (1 by agents)." in out
    assert project.git("log", "-1", "--format=%an").stdout.strip() == "Claude"

    # Wednesday: a CI change is pending an approval; a secret and a forged approval are not
    out = ok(
        agent_work(
            project,
            "Run the tests in CI",
            {".github/workflows/ci.yml": WORKFLOW},
            "app.py",
            "tests/test_app.py",
            ".github/workflows/ci.yml",
            ci=True,
        )
    )
    says(
        out,
        ".github/workflows/ci.yml: AL201 [warning] changed without an approval for category 'ci'",
        "pending: needs an approval from one of sam@example.com before merge",
        "Found 0 errors and 1 warning in 1 commit (1 by agents).",
    )
    project.write(".env", "STRIPE_KEY=sk_live_x\n")
    out = refused(project.commit("Add settings", agent=True))
    says(out, ".env: AL205 agents may not touch this path")
    project.git("rm", "-q", "--cached", ".env")
    (project.path / ".env").unlink()
    project.write(".github/workflows/ci.yml", WORKFLOW + "# cache pip\n")
    project.git("add", "-A")
    forged = f"Cache pip\n\nApproved-by: {project.owner[0]} <{project.owner[1]}>"
    out = refused(project.git("commit", "-m", forged, agent=True))
    assert (
        "AL202 the approval by Sam Solo <sam@example.com> is written in the commit being "
        "made, which has the agent Claude <noreply@anthropic.com> as its author" in out
    )
    project.git("checkout", "-q", "--", ".")

    # Thursday: CI on the hooks, and the push, refuse the branch until Sam approves
    ci_run = ("pre-commit", "run", "--all-files", "--hook-stage", "pre-push", "--verbose")
    out = refused(project.run(*ci_run, CI="1"))
    says(out, "Found 1 error in 2 commits (2 by agents).")
    out = refused(project.git("push", "origin", "fix-totals"))
    ci_commit = project.git("rev-parse", "--short=12", "HEAD").stdout.strip()
    says(out, f".github/workflows/ci.yml: AL201 ({ci_commit}) changed without an approval")
    out = ok(project.agentlint("approve"))
    says(out, "agentlint: created approval commit", "for ci")
    trailers = project.git("log", "-1", "--format=%(trailers)").stdout
    assert trailers.strip() == "Approved-by: Sam Solo <sam@example.com>"
    out = ok(project.git("push", "origin", "fix-totals"))
    assert "agentlint (pushed commits)" in out and "Passed" in out

    # Friday: CI runs the hooks on the branch (nothing staged): the branch is checked
    ci_run = ("pre-commit", "run", "--all-files", "--hook-stage", "pre-push", "--verbose")
    out = ok(project.run(*ci_run, CI="1"))
    says(out, "agentlint (pushed commits)", "All checks passed: 3 commits (2 by agents).")
    says(out, "agentlint (pushed commits)....", "Passed")


def test_team_with_two_approvers(project):
    project.owner = DANA
    project.write(
        ".agentlint.yaml",
        "categories:\n  ci:\n    approvers: [alice@example.com, bob@example.com]\n",
    )
    project.use_hooks()
    ok(project.commit("Team policy", who=ALICE))
    ok(project.git("push", "-q", "origin", "main"))
    project.git("checkout", "-q", "-b", "ci")
    changed = ("app.py", ".github/workflows/ci.yml")
    files = {"app.py": APP_FIXED, ".github/workflows/ci.yml": WORKFLOW}
    out = ok(agent_work(project, "CI and fix", files, *changed, ci=True))
    says(out, "pending: needs an approval from one of alice@example.com, bob@example.com")
    out = refused(project.git("push", "origin", "ci", who=DANA))
    assert "AL201" in out and "alice@example.com, bob@example.com" in out
    # Dana is no approver of 'ci'
    refusal = project.agentlint("approve", who=DANA)
    assert refusal.returncode == 2, refusal.stdout
    says(
        refusal.stdout,
        "agentlint: error: dana@example.com may not approve 'ci'; its approvers are "
        "alice@example.com, bob@example.com",
    )
    # Bob approves; the agent changes CI again: the approval is stale
    says(ok(project.agentlint("approve", who=BOB)), "agentlint: created approval commit")
    trailers = project.git("log", "-1", "--format=%(trailers)").stdout
    assert trailers.strip() == "Approved-by: Bob Builder <bob@example.com>"
    files = {".github/workflows/ci.yml": WORKFLOW + "# matrix\n"}
    ok(agent_work(project, "CI matrix", files, *changed, ci=True))
    out = refused(project.git("push", "origin", "ci", who=DANA))
    assert "AL203" in out and "predates a later change" in out
    # Alice approves at the tip: the push passes
    ok(project.agentlint("approve", who=ALICE))
    ok(project.git("push", "origin", "ci", who=DANA))


def test_merging_main_into_an_agent_branch(project):
    ok(project.agentlint("init"))
    project.use_hooks()
    ok(project.commit("Adopt agentlint"))
    project.git("checkout", "-q", "-b", "fix-totals")
    ok(agent_work(project, "Fix totals", {"app.py": APP_FIXED}, "app.py"))
    # meanwhile a person changes CI and the policy on main
    project.git("checkout", "-q", "main")
    project.write(".github/workflows/ci.yml", WORKFLOW)
    project.write(".agentlint.yaml", (project.path / ".agentlint.yaml").read_text() + "\n")
    ok(project.commit("CI, and tidy the policy"))
    project.git("checkout", "-q", "fix-totals")
    # the agent merges main: main's changes are not charged to it
    out = ok(project.git("merge", "--no-ff", "-m", "Merge main", "main", agent=True))
    assert "AL101" not in out and "AL201" not in out
    says(out, "All checks passed: 1 commit (1 by agents).")
    # a merge that slips a secret in is refused
    project.git("checkout", "-q", "main")
    project.write("README.md", "shop\n")
    ok(project.commit("readme"))
    project.git("checkout", "-q", "fix-totals")
    project.git("merge", "--no-ff", "--no-commit", "main", agent=True)
    project.write(".env", "KEY=1\n")
    project.git("add", ".env")
    out = refused(project.git("commit", "--no-edit", agent=True))
    says(out, ".env: AL205")
    project.git("merge", "--abort")
    # the branch pushes clean: only the agent's own work is judged
    ok(project.git("push", "-q", "origin", "main"))
    ok(project.git("push", "origin", "fix-totals"))


def test_amends(project):
    ok(project.agentlint("init"))
    project.use_hooks()
    ok(project.commit("Adopt agentlint"))
    project.git("checkout", "-q", "-b", "fix-totals")
    ok(agent_work(project, "Fix totals", {"app.py": APP_FIXED}, "app.py"))
    first = project.head()
    # amend with a new message: the commit still carries its record
    project.write("app.py", APP_FIXED + "\n# rounding\n")
    project.git("add", "-A")
    out = ok(project.git("commit", "--amend", "-m", "Fix totals (rounding)", agent=True))
    says(out, "All checks passed: 1 commit (1 by agents).")
    assert project.head() != first
    assert project.git("rev-list", "--count", "main..HEAD").stdout.strip() == "1"
    # an amend cannot slip in a file the record does not list, nor a secret
    project.write("payments.py", "X = 1\n")
    project.git("add", "-A")
    out = refused(project.git("commit", "--amend", "--no-edit", agent=True))
    says(out, "payments.py: AL103")
    project.write(".env", "KEY=1\n")
    project.git("add", "-A")
    out = refused(project.git("commit", "--amend", "--no-edit", agent=True))
    says(out, ".env: AL205")
    project.git("reset", "-q", "--hard")
    project.git("clean", "-qfd")
    # a new commit on top must update the branch's record, and is told which
    project.write("app.py", APP_FIXED + "\n# again\n")
    out = refused(project.commit("More", agent=True))
    assert (
        "AL101 this agent commit does not update the branch's review record; update "
        "`.agentlint/records/fix-totals.yaml` (add app.py to files.changed) and stage it"
    ) in out


APP_FIXED = """from flask import Flask

app = Flask(__name__)


def total(items, discount=0):
    return sum(items) - discount
"""
TESTS_MORE = """from app import total


def test_total():
    assert total([1, 2]) == 3


def test_total_with_discount():
    assert total([1, 2], discount=1) == 2
"""
