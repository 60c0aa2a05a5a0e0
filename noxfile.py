"""Development sessions. `nox` runs tests, lint and typing; the others are on demand."""

from __future__ import annotations

import glob
import os

import nox

nox.options.sessions = ["tests", "lint", "typing"]
nox.options.reuse_existing_virtualenvs = True

TOOLS = {"ruff": "ruff==0.17.6", "mypy": "mypy==2.4.1"}


def _wheelhouse(session: nox.Session) -> str:
    """Wheels of agentlint, its dependencies and its build backend, so that tests which
    install agentlint for real (pre-commit, the CI-recipe attacks) do it offline."""
    # not session.create_tmp(): it points TMPDIR into the checkout, and tests that need a
    # folder outside any repository would then run inside this one
    location = getattr(session.virtualenv, "location", None) or os.path.abspath(".nox")
    wheelhouse = os.path.join(location, "wheelhouse")
    session.run("pip", "wheel", "--quiet", "--wheel-dir", wheelhouse, ".", "hatchling")
    return wheelhouse


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite with branch coverage."""
    session.install(".[test]")
    env = {"AGENTLINT_WHEELHOUSE": _wheelhouse(session)}
    session.run("coverage", "erase")
    session.run("coverage", "run", "-m", "pytest", *session.posargs, env=env)
    session.run("coverage", "combine", success_codes=[0, 1])
    session.run("coverage", "report", "--fail-under=90")


@nox.session
def lint(session: nox.Session) -> None:
    """Lint and check formatting with ruff."""
    session.install(TOOLS["ruff"])
    session.run("ruff", "check", "agentlint", "tests", "noxfile.py")
    session.run("ruff", "format", "--check", "agentlint", "tests", "noxfile.py")


@nox.session
def typing(session: nox.Session) -> None:
    """Type-check the package with mypy --strict."""
    session.install(TOOLS["mypy"], ".")
    session.run("mypy")


@nox.session
def e2e(session: nox.Session) -> None:
    """Run the hooks through real pre-commit (`try-repo`, and the week's scenarios in
    tests/scenarios/ with installed hooks), offline from a local wheelhouse."""
    session.install(".[test]")
    wheelhouse = _wheelhouse(session)
    env = {
        "AGENTLINT_E2E": "1",
        "AGENTLINT_WHEELHOUSE": wheelhouse,
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": wheelhouse,
    }
    tests = ["tests/test_e2e_pre_commit.py", "tests/scenarios"]
    session.run("pytest", *tests, "-v", *session.posargs, env=env)


@nox.session
def bench(session: nox.Session) -> None:
    """Time the hook path against Python's own start-up and print the ratios."""
    session.install("--compile", ".")  # bytecode as a hook finds it (tests/bench.py checks)
    session.run("python", "tests/bench.py", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """Check that docs/ and README cover every rule, command, hook and config key."""
    session.install(".[test]")
    session.run("pytest", "tests/test_docs.py", "-v")


@nox.session
def realworld(session: nox.Session) -> None:
    """Score detectors and defaults on real public history (needs local mirrors; skips without)."""
    session.install(".")
    scripts = sorted(glob.glob("tests/realworld/score_*.py"))
    if not scripts:
        session.skip("no real-world scorers in tests/realworld/")
    for script in scripts:
        session.run("python", script, *session.posargs)
