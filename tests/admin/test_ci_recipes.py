"""The CI recipes, tested: the shared script end to end in real repositories, and the
GitHub Action and GitLab job wired to it safely."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from tests.conftest import CLAUDE_TRAILER, Repo

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "ci" / "agentlint-ci.sh"
SARIF_SCHEMA = ROOT.parent / "shared" / "data" / "sarif-schema-2.1.0.json"


def _recipe(repo: Repo, **env: str) -> subprocess.CompletedProcess[str]:
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(
        ["sh", str(SCRIPT)],
        cwd=repo.path,
        env={**os.environ, "PATH": path, **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def pull_request(seeded: Repo) -> tuple[Repo, str]:
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.commit(f"add settings\n\n{CLAUDE_TRAILER}", files={".env": "KEY=1\n"})
    return seeded, base


def test_recipe_fails_the_job_on_findings_and_writes_sarif(pull_request, tmp_path) -> None:  # type: ignore[no-untyped-def]
    repo, base = pull_request
    sarif = tmp_path / "out.sarif"
    env = {"AGENTLINT_FORMAT": "github", "AGENTLINT_SARIF": str(sarif)}
    proc = _recipe(repo, AGENTLINT_BASE=base, **env)
    assert proc.returncode == 1, proc.stderr
    assert "::error file=.env" in proc.stdout and "AL205" in proc.stdout
    data = json.loads(sarif.read_text())
    assert {r["ruleId"] for r in data["runs"][0]["results"]} >= {"AL205"}
    if SARIF_SCHEMA.exists():
        schema = json.loads(SARIF_SCHEMA.read_text())
        jsonschema.Draft4Validator(schema).validate(data)


def test_recipe_passes_a_clean_range(seeded: Repo) -> None:
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.commit("human docs", files={"docs/a.md": "x\n"})
    proc = _recipe(seeded, AGENTLINT_BASE=base)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_recipe_lints_the_pr_title_and_body(seeded: Repo) -> None:
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.commit("human edits CI", files={".github/workflows/ci.yml": "on: push\n"})
    forged = "Approved-by: Claude <noreply@anthropic.com>"
    body = f"Generated with Claude Code\n\n{forged}\n{CLAUDE_TRAILER}"
    proc = _recipe(
        seeded, AGENTLINT_BASE=base, AGENTLINT_PR_TITLE="Update CI", AGENTLINT_PR_BODY=body
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert (
        "AL201" in proc.stdout
    )  # the body marks the PR as an agent's; its approval does not count


def test_recipe_needs_a_base(seeded: Repo) -> None:
    proc = _recipe(seeded)
    assert proc.returncode == 2 and "AGENTLINT_BASE" in proc.stderr


def test_recipe_on_an_unknown_base_is_exit_2(seeded: Repo) -> None:
    proc = _recipe(seeded, AGENTLINT_BASE="0" * 40)
    assert proc.returncode == 2 and "agentlint: error" in proc.stderr


@pytest.mark.parametrize("reachable", [True, False])
def test_recipe_on_a_shallow_clone(pull_request, tmp_path, reachable: bool) -> None:  # type: ignore[no-untyped-def]
    repo, base = pull_request
    clone = tmp_path / "shallow"
    url = f"file://{repo.path}"
    subprocess.run(["git", "clone", "-q", "--depth", "1", url, str(clone)], check=True)
    if not reachable:
        subprocess.run(["git", "remote", "remove", "origin"], cwd=clone, check=True)
    proc = _recipe(Repo(clone), AGENTLINT_BASE=base)
    if reachable:  # deepened, then checked
        assert proc.returncode == 1 and "AL205" in proc.stdout, proc.stderr
    else:
        assert proc.returncode == 2 and "fetch depth to 0" in proc.stderr


ACTION = YAML(typ="safe").load((ROOT / "action.yml").read_text())


def test_action_runs_the_recipe_and_fails_the_job() -> None:
    steps = ACTION["runs"]["steps"]
    assert ACTION["runs"]["using"] == "composite"
    check = next(s for s in steps if s.get("id") == "check")
    assert 'ci/agentlint-ci.sh"' in check["run"]
    assert check["env"]["AGENTLINT_FORMAT"] == "github"
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert upload["if"].startswith("${{ always()")
    fail = steps[-1]
    assert "steps.check.outputs.status != '0'" in fail["if"] and 'exit "$STATUS"' in fail["run"]


def test_action_never_puts_untrusted_text_into_a_script() -> None:
    for step in ACTION["runs"]["steps"]:
        script = step.get("run", "")
        assert "${{" not in script, script  # every value reaches the shell through env
        if script:
            subprocess.run(["bash", "-n"], input=script, text=True, check=True)
    check = next(s for s in ACTION["runs"]["steps"] if s.get("id") == "check")
    assert check["env"]["AGENTLINT_PR_TITLE"] == "${{ github.event.pull_request.title }}"


def test_gitlab_job_clones_deep_and_finds_the_recipe() -> None:
    job = YAML(typ="safe").load((ROOT / "ci" / "gitlab-ci.yml").read_text())["agentlint"]
    assert job["variables"]["GIT_DEPTH"] == "0"
    locate = next(line for line in job["script"] if "agentlint-ci.sh" in line)
    command = re.search(r"\$\((cd / && \"\$AGENTLINT_PYTHON\" -I -c '.*')\)", locate)
    assert command is not None  # isolated, from outside the checkout
    env = {**os.environ, "AGENTLINT_PYTHON": sys.executable}
    found = subprocess.run(
        ["sh", "-c", command.group(1)], env=env, capture_output=True, text=True, check=True
    )
    # the installed package's copy (the wheel ships it), not the checkout's
    assert Path(found.stdout.strip()).read_bytes() == SCRIPT.read_bytes()
    assert "gl-agentlint.sarif" in job["artifacts"]["paths"]


def test_docs_show_the_gitlab_job_as_shipped() -> None:
    shipped = (ROOT / "ci" / "gitlab-ci.yml").read_text()
    job = shipped[shipped.index("agentlint:\n") :]
    assert f"```yaml\n{job}```" in (ROOT / "docs" / "ci.md").read_text()


def test_recipe_writes_every_report_asked_for(pull_request, tmp_path) -> None:  # type: ignore[no-untyped-def]
    repo, base = pull_request
    packet, quality = tmp_path / "packet.md", tmp_path / "cq.json"
    proc = _recipe(
        repo,
        AGENTLINT_BASE=base,
        AGENTLINT_MARKDOWN=str(packet),
        AGENTLINT_CODEQUALITY=str(quality),
    )
    assert proc.returncode == 1, proc.stderr
    assert packet.read_text().startswith("## agentlint: fail\n")
    assert {i["location"]["path"] for i in json.loads(quality.read_text())} >= {".env"}
    unknown = _recipe(repo, AGENTLINT_BASE="0" * 40, AGENTLINT_MARKDOWN=str(tmp_path / "x.md"))
    assert unknown.returncode == 2 and not (tmp_path / "x.md").exists()


# The PyPI name `agentlint` belongs to an unrelated tool with the same command name.
_BARE_INSTALL = re.compile(
    r"pipx? install(?: -U| --upgrade)? agentlint\b|AGENTLINT_SPEC: \"agentlint\"", re.I
)


def test_nothing_tells_users_to_install_agentlint_by_its_bare_name() -> None:
    texts = [
        *(ROOT / "agentlint").rglob("*.py"),
        *(ROOT / "ci").iterdir(),
        *(ROOT / "docs").rglob("*.md"),
        ROOT / "README.md",
        ROOT / "action.yml",
    ]
    found = [str(p) for p in texts if _BARE_INSTALL.search(p.read_text(encoding="utf-8"))]
    assert found == []


def test_gitlab_job_without_a_pinned_spec_stops_before_installing(tmp_path: Path) -> None:
    job = YAML(typ="safe").load((ROOT / "ci" / "gitlab-ci.yml").read_text())["agentlint"]
    assert job["variables"]["AGENTLINT_SPEC"] == ""
    first = job["script"][0]
    done = subprocess.run(
        ["sh", "-c", first],
        cwd=tmp_path,
        env={**os.environ, "AGENTLINT_SPEC": ""},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "set AGENTLINT_SPEC to the repository URL of agentlint" in done.stderr
    assert "another tool" in done.stderr
