"""doctor's CI check: parsed CI files, an actual range check, and whether anything besides
the change's own CI file guards the job."""

from __future__ import annotations

import os
import tempfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agentlint import ciconfig
from tests.conftest import Repo

CHECKOUT = """      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
"""


def _workflow(step: str, checkout: str = CHECKOUT) -> str:
    head = "on: pull_request\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n"
    return f"{head}{checkout}{step}"


def _ci_lines(out: str) -> list[str]:
    lines = out.splitlines()
    return [
        line
        for n, line in enumerate(lines)
        if " ci: " in line or (line.startswith("     fix:") and " ci: " in lines[n - 1])
    ]


@pytest.mark.parametrize(
    ("step", "how"),
    [
        ("      - uses: example/agentlint@v1\n", "the agentlint Action"),
        ("      - uses: example/agentlint/sub@0123abc\n", "the agentlint Action"),
        ("      - run: sh ci/agentlint-ci.sh\n", "ci/agentlint-ci.sh"),
        (
            "      - run: |\n          pip install x\n"
            "          agentlint check --format github --range origin/main..HEAD\n",
            "agentlint check --range",
        ),
        ("      - run: python -I -m agentlint check --range a..b\n", "agentlint check --range"),
    ],
)
def test_github_range_checks_are_found(step: str, how: str) -> None:
    data = ciconfig._load(_workflow(step).encode())
    (check,) = ciconfig.github_checks("w.yml", data)
    assert check == ciconfig.RangeCheck("w.yml", "lint", how, True)


@pytest.mark.parametrize(
    "step",
    [
        "      # TODO: add agentlint check --range a..b\n      - run: make\n",
        "      - run: make  # agentlint check --range a..b later\n",
        "      - run: pre-commit run --all-files\n",
        "      - run: pre-commit run agentlint --hook-stage pre-push\n",
        "      - run: agentlint check --staged\n",
        "      - run: echo agentlint; check --range\n",
        "      - uses: example/agentlint-helper@v1\n",
        "      - name: agentlint check --range a..b\n        run: make\n",
    ],
)
def test_mentions_are_not_range_checks(step: str) -> None:
    data = ciconfig._load(_workflow(step).encode())
    assert ciconfig.github_checks("w.yml", data) == []


def test_a_shallow_run_step_but_a_deep_recipe() -> None:
    shallow = "      - uses: actions/checkout@v4\n"
    run = ciconfig.github_checks(
        "w",
        ciconfig._load(_workflow("      - run: agentlint check --range a..b\n", shallow).encode()),
    )
    recipe = ciconfig.github_checks(
        "w", ciconfig._load(_workflow("      - run: sh ci/agentlint-ci.sh\n", shallow).encode())
    )
    assert [c.deep for c in run + recipe] == [False, True]  # the recipe fetches the history


GITLAB = """
include:
  - local: ci/jobs.yml
variables:
  GIT_DEPTH: "0"
.base:
  script: [agentlint check --range "$BASE..HEAD"]
lint:
  extends: .base
ruff:
  script:
    - !reference [.setup, script]
    - ruff check .
"""


def test_gitlab_jobs_extends_references_and_local_includes(seeded: Repo) -> None:
    seeded.write(".gitlab-ci.yml", GITLAB)
    seeded.write("ci/jobs.yml", "other:\n  script:\n    - - sh ci/agentlint-ci.sh\n")
    (ci,) = ciconfig.files(str(seeded.path))
    assert ci.problem is None
    assert sorted((c.job, c.how, c.deep) for c in ci.checks) == [
        ("lint", "agentlint check --range", True),
        ("other", "ci/agentlint-ci.sh", True),
    ]


@pytest.mark.parametrize(
    "include",
    [
        "include:\n  - remote: https://example.com/agentlint/-/raw/v1/ci/gitlab-ci.yml\n",
        "include:\n  - project: tools/agentlint\n    file: ci/gitlab-ci.yml\n    ref: v1\n",
        "include:\n  - component: gitlab.com/tools/agentlint/check@1.0\n",
    ],
)
def test_gitlab_include_of_the_agentlint_job(include: str) -> None:
    (check,) = ciconfig.gitlab_checks(".gitlab-ci.yml", ciconfig._load(include.encode()))
    assert check.how == "an included agentlint job"


def test_gitlab_shallow_job() -> None:
    text = "lint:\n  script: [agentlint check --range a..b]\n"
    (check,) = ciconfig.gitlab_checks("g", ciconfig._load(text.encode()))
    assert not check.deep
    text = "lint:\n  variables: {GIT_DEPTH: 0}\n  script: [agentlint check --range a..b]\n"
    assert ciconfig.gitlab_checks("g", ciconfig._load(text.encode()))[0].deep


def test_codeowners_last_match_wins_and_sections(seeded: Repo) -> None:
    seeded.write(
        ".github/CODEOWNERS",
        "* @everyone\n/.github/workflows/ @ci-team @alice  # CI\n/.github/workflows/x.yml\n",
    )
    owners = ciconfig.codeowners(str(seeded.path), gitlab=False)
    assert owners is not None and owners.path == ".github/CODEOWNERS"
    assert ciconfig.owners_of(owners, ".github/workflows/ci.yml") == ("@ci-team", "@alice")
    assert ciconfig.owners_of(owners, ".github/workflows/x.yml") == ()  # unowned again
    seeded.write(".gitlab/CODEOWNERS", "[CI][2] @ops\n/.gitlab-ci.yml\n^[Docs]\ndocs/ @w\n")
    gl = ciconfig.codeowners(str(seeded.path), gitlab=True)
    assert gl is not None and ciconfig.owners_of(gl, ".gitlab-ci.yml") == ("@ops",)


def test_doctor_believes_no_comment(seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    todo = _workflow("      # TODO: add agentlint\n      - run: make\n")
    seeded.write(".github/workflows/ci.yml", todo)
    seeded.write(".gitlab-ci.yml", "test:\n  script: [pre-commit run --all-files]  # agentlint\n")
    out = _ci_lines(run("doctor").out)
    assert out[0].startswith(
        "FAIL ci: .github/workflows/ci.yml names agentlint but runs no range check"
    )
    assert out[2].startswith("FAIL ci: .gitlab-ci.yml names agentlint but runs no range check")
    assert out[4].startswith("FAIL ci: no CI configuration runs agentlint's range check")


def test_doctor_says_when_only_the_changes_own_ci_requires_the_check(  # type: ignore[no-untyped-def]
    seeded: Repo, run
) -> None:
    seeded.write(".github/workflows/ci.yml", _workflow("      - uses: example/agentlint@v1\n"))
    out = _ci_lines(run("doctor").out)
    assert out == [
        "ok   ci: .github/workflows/ci.yml runs agentlint with the full history",
        "FAIL ci: the agentlint check is required only by .github/workflows/ci.yml, which the "
        "change itself can edit or delete: a change that drops the job is never checked",
        "     fix: protect it with CODEOWNERS (`/.github/workflows/ @owners`) and 'Require "
        "review from Code Owners', and require the check from the GitHub Actions source or as "
        "a ruleset's required workflow (docs/ci.md)",
    ]
    seeded.write("CODEOWNERS", "/.github/workflows/ @alice\n")  # GitHub reads .github/ first
    seeded.write(".github/CODEOWNERS", "*.py @bob\n")
    assert "required only by .github/workflows/ci.yml" in run("doctor").out
    seeded.write(".github/CODEOWNERS", "/.github/ @alice @bob\n")
    out = _ci_lines(run("doctor").out)
    assert out[1] == (
        "ok   ci: .github/workflows/ci.yml needs review from @alice, @bob (.github/CODEOWNERS); "
        "the platform must still require the check (not visible from here: docs/ci.md)"
    )


def test_doctor_on_gitlab_without_codeowners(seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    job = "lint:\n  variables: {GIT_DEPTH: 0}\n  script: [sh ci/agentlint-ci.sh]\n"
    seeded.write(".gitlab-ci.yml", job)
    result = run("doctor")
    assert "FAIL ci: the agentlint check is required only by .gitlab-ci.yml" in result.out
    assert "pipeline execution policy" in result.out
    seeded.write(".gitlab/CODEOWNERS", "/.gitlab-ci.yml @alice\n")
    assert "ok   ci: .gitlab-ci.yml needs review from @alice" in run("doctor").out


def test_doctor_on_unreadable_ci_files(seeded: Repo, run) -> None:  # type: ignore[no-untyped-def]
    seeded.write(".github/workflows/ci.yml", "jobs: [agentlint\n")
    assert "FAIL ci: .github/workflows/ci.yml: it is not valid YAML" in run("doctor").out
    seeded.write(".github/workflows/ci.yml", "# agentlint\n" + "x" * ciconfig.MAX_BYTES)
    assert "it is over" in run("doctor").out
    seeded.write(".github/workflows/ci.yml", "jobs: [unrelated\n")
    out = run("doctor").out
    assert ".github/workflows/ci.yml" not in out  # a broken file that is not ours is not news


YAMLISH = st.text(alphabet=st.sampled_from(list("ab:- \n#[]{}!&*'\"|>")), max_size=200)


@settings(max_examples=100, deadline=None)
@given(text=st.one_of(YAMLISH, st.binary(max_size=200).map(lambda b: b.decode("latin-1"))))
def test_any_ci_file_is_read_or_refused_cleanly(text: str) -> None:
    with tempfile.TemporaryDirectory() as top:
        path = os.path.join(top, ".gitlab-ci.yml")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("agentlint check --range a..b\n" + text)
        ci = ciconfig.read(top, ".gitlab-ci.yml", gitlab=True)
        assert ci.problem is None or "YAML" in ci.problem
        assert all(isinstance(c, ciconfig.RangeCheck) for c in ci.checks)
        github = ciconfig.read(top, ".gitlab-ci.yml", gitlab=False)
        assert github.problem is None or "YAML" in github.problem


MERGE_KEYS = """
.check: &check
  stage: lint
  variables: {GIT_DEPTH: "0"}
  script:
    - agentlint check --range "$CI_MERGE_REQUEST_DIFF_BASE_SHA..HEAD"
.rules: &rules
  rules:
    - if: $CI_PIPELINE_SOURCE == 'merge_request_event'
lint:agents:
  image: python:3.12
  <<: [*check, *rules]
lint:docs:
  <<: *rules
  script: [markdownlint .]
"""


def test_gitlab_anchors_and_merge_keys() -> None:
    (check,) = ciconfig.gitlab_checks("g", ciconfig._load(MERGE_KEYS.encode()))
    assert (check.job, check.deep) == ("lint:agents", True)
