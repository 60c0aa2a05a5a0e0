"""Replay the shipped CI recipes as shell, with their commands read from action.yml and
ci/gitlab-ci.yml, so that an edit of a recipe is what the attack tests run.

GitHub: the composite action's steps run in order. `run:` steps run under bash with the
step's env and working-directory; `${{ }}` expressions are evaluated by a small evaluator
that knows the names and functions the recipe uses (an unknown one fails the test, so a
new expression gets a deliberate value); `uses:` steps are stood in for: setup-python is the
interpreter the test gives, upload-sarif records the file it would upload. GitLab: the
job's `before_script`, `script` and `after_script` lines run in one bash, as the runner
runs them, with the job's variables and the merge-request variables.
"""

from __future__ import annotations

import glob
import os
import re
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[2]


def load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


_TOKEN = re.compile(
    r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<op>==|!=|&&|\|\||!|\(|\)|,)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_.\-]*))"
)


def _hash_files(workspace: str) -> Callable[..., str]:
    """hashFiles as GitHub runs it: patterns relative to the workspace, and files outside
    it never match."""

    def hash_files(*patterns: str) -> str:
        found = []
        for pattern in patterns:
            full = pattern if os.path.isabs(pattern) else os.path.join(workspace, pattern)
            for path in glob.glob(full, recursive=True):
                real = os.path.realpath(path)
                inside = real.startswith(os.path.realpath(workspace) + os.sep)
                if inside and os.path.isfile(real):
                    found.append(real)
        return "hash-of-" + ",".join(sorted(found)) if found else ""

    return hash_files


def evaluate(expression: str, context: Mapping[str, Any], workspace: str) -> Any:
    """A GitHub expression (without `${{ }}`) over `context`, a flat mapping of dotted
    names. Supports string literals, ==, !=, &&, ||, !, parentheses and the functions
    format, hashFiles, always, success, failure, cancelled."""
    source, pos = [], 0
    while pos < len(expression.rstrip()):
        match = _TOKEN.match(expression, pos)
        if not match:
            raise ValueError(f"the replay cannot read {expression!r} at {pos}")
        pos = match.end()
        if match["str"]:
            source.append(repr(match["str"][1:-1].replace("''", "'")))
        elif match["op"]:
            source.append({"&&": " and ", "||": " or ", "!": " not "}.get(match["op"], match["op"]))
        else:
            name = match["name"]
            if name in ("true", "false"):
                source.append(str(name == "true"))
            elif name in _FUNCTIONS:
                source.append(f"_f_{name}")
            else:
                source.append(f"_v({name!r})")
    functions = {
        "_f_format": lambda f, *a: re.sub(r"\{(\d+)\}", lambda m: str(a[int(m[1])]), f),
        "_f_hashFiles": _hash_files(workspace),
        "_f_always": lambda: True,
        "_f_success": lambda: not context.get("job.failed"),
        "_f_failure": lambda: bool(context.get("job.failed")),
        "_f_cancelled": lambda: False,
    }

    def value(name: str) -> Any:
        if name.startswith("steps.") and name not in context:
            return ""  # an output a step did not set reads as empty
        if name not in context:
            raise KeyError(f"the replay has no value for ${{{{ {name} }}}}: give it one")
        return context[name]

    return eval("".join(source), {"__builtins__": {}}, {**functions, "_v": value})


_FUNCTIONS = ("format", "hashFiles", "always", "success", "failure", "cancelled")
_EXPR = re.compile(r"\$\{\{(.*?)\}\}", re.S)


def substitute(text: str, context: Mapping[str, Any], workspace: str) -> str:
    whole = _EXPR.fullmatch(text.strip())
    if whole:
        result = evaluate(whole[1], context, workspace)
        return "" if result is None else str(result)
    return _EXPR.sub(lambda m: str(evaluate(m[1], context, workspace)), text)


def _condition(step: dict[str, Any], context: Mapping[str, Any], workspace: str) -> bool:
    text = str(step.get("if", "success()")).strip()
    inner = _EXPR.fullmatch(text)
    expression = inner[1] if inner else text
    if not re.search(r"\b(always|success|failure|cancelled)\(", expression):
        expression = f"success() && ({expression})"
    return bool(evaluate(expression, context, workspace))


@dataclass
class Outcome:
    status: int  # the job's: 0 when every step that ran passed, else the first failure
    log: str = ""
    uploads: list[str] = field(default_factory=list)
    summary: str = ""


def _outputs(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    lines = iter(path.read_text(encoding="utf-8").splitlines()) if path.exists() else iter(())
    for line in lines:
        if "<<" in line and "=" not in line.split("<<")[0]:
            name, marker = line.split("<<", 1)
            values[name] = "\n".join(iter(lambda: next(lines), marker))
        elif "=" in line:
            name, value = line.split("=", 1)
            values[name] = value
    return values


def run_action(
    *,
    workspace: Path,
    runner_temp: Path,
    python_dir: Path,
    env: Mapping[str, str],
    event: Mapping[str, Any],
    inputs: Mapping[str, str] | None = None,
    start: str | None = None,
    action_path: Path = ROOT,
) -> Outcome:
    """Run action.yml's steps (from the step whose id is `start`, if given)."""
    action = load(ROOT / "action.yml")
    summary = runner_temp / "step_summary.md"
    context: dict[str, Any] = {
        "github.action_path": str(action_path),
        "github.workspace": str(workspace),
        "runner.temp": str(runner_temp),
        **{f"github.event.{k}": v for k, v in event.items()},
    }
    for name, spec in action.get("inputs", {}).items():
        default = str(spec.get("default", ""))
        given = (inputs or {}).get(name)
        context[f"inputs.{name}"] = given if given is not None else default
    for name in list(context):
        if name.startswith("inputs."):
            context[name] = substitute(context[name], context, str(workspace))
    base_env = {**env, "PATH": f"{python_dir}{os.pathsep}{env['PATH']}"}
    base_env.update(
        GITHUB_WORKSPACE=str(workspace), RUNNER_TEMP=str(runner_temp), GITHUB_ACTIONS="true"
    )
    outcome, started = Outcome(0), start is None
    for number, step in enumerate(action["runs"]["steps"]):
        started = started or step.get("id") == start
        if not started or not _condition(step, context, str(workspace)):
            continue
        uses = step.get("uses")
        if uses:
            if uses.startswith("actions/setup-python@"):
                continue  # the interpreter in python_dir stands in for it
            if uses.startswith("github/codeql-action/upload-sarif@"):
                given = substitute(str(step["with"]["sarif_file"]), context, str(workspace))
                outcome.uploads.append(given)
                continue
            raise AssertionError(f"the replay does not know the action {uses}")
        output = runner_temp / f"output-{number}"
        step_env = {
            **base_env,
            "GITHUB_OUTPUT": str(output),
            "GITHUB_STEP_SUMMARY": str(summary),
            "GITHUB_ENV": str(runner_temp / f"env-{number}"),
        }
        for name, value in (step.get("env") or {}).items():
            step_env[name] = substitute(str(value), context, str(workspace))
        folder = step.get("working-directory")
        cwd = substitute(str(folder), context, str(workspace)) if folder else str(workspace)
        assert step.get("shell") == "bash", f"step {number} has no `shell: bash`"
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=cwd,
            env=step_env,
            capture_output=True,
            text=True,
            check=False,
        )
        outcome.log += f"--- step {number} ({step.get('name')}): {proc.returncode}\n"
        outcome.log += proc.stdout + proc.stderr
        for name, value in _outputs(output).items():
            context[f"steps.{step.get('id')}.outputs.{name}"] = value
        tolerated = step.get("continue-on-error", False)
        if isinstance(tolerated, str):
            inner = _EXPR.fullmatch(tolerated.strip())
            tolerated = evaluate(inner[1] if inner else tolerated, context, str(workspace))
        if proc.returncode and not outcome.status and not tolerated:
            outcome.status = proc.returncode
            context["job.failed"] = True
    if summary.exists():
        outcome.summary = summary.read_text(encoding="utf-8")
    return outcome


def run_gitlab_job(*, workspace: Path, python_dir: Path, env: Mapping[str, str]) -> Outcome:
    """Run ci/gitlab-ci.yml's job in `workspace`, as GitLab's runner does in its image."""
    job = load(ROOT / "ci" / "gitlab-ci.yml")["agentlint"]
    variables = {k: str(v) for k, v in (job.get("variables") or {}).items()}
    job_env = {**variables, **env, "PATH": f"{python_dir}{os.pathsep}{env['PATH']}"}
    job_env.setdefault("CI_PROJECT_DIR", str(workspace))
    lines = [*job.get("before_script", []), *job["script"]]
    script = "\n".join(["set -eo pipefail", *lines])
    proc = subprocess.run(
        ["bash", "--noprofile", "--norc", "-c", script],
        cwd=workspace,
        env=job_env,
        capture_output=True,
        text=True,
        check=False,
    )
    outcome = Outcome(proc.returncode, proc.stdout + proc.stderr)
    for line in job.get("after_script", []):
        subprocess.run(["bash", "-c", line], cwd=workspace, env=job_env, check=False)
    return outcome
