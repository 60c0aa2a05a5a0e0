"""`agentlint doctor`: check the whole setup, and name the fix for each problem.

- the policy at HEAD (and an uncommitted edit of it) loads;
- the pre-commit hooks are installed for every stage they need: a commit-msg hook that
  was never installed silently does nothing;
- CI runs an agentlint range check (parsed, not searched: a comment is not a check) with
  history deep enough for a range, and something besides the change's own CI file guards
  that job (CODEOWNERS; the platform's settings cannot be seen from the repository);
- Claude Code's hooks are configured, and `agentlint` is on PATH for them; and each other
  agent set up here (Copilot, Cursor, Codex, Gemini CLI) runs agentlint's hook, with the
  hook enabled, trusted and failing closed, and has been seen calling it
  (agentlint.commands.doctor_agents);
- the allowed-signers file exists, and names every approver, where approvals are signed;
- the `agentlint` on PATH is this one, not the unrelated PyPI package of the same name.

Exit 0 when all is well, 1 when something needs fixing, 2 when doctor cannot look.
"""

from __future__ import annotations

import argparse
import os
import shutil
from typing import NamedTuple

from agentlint import ciconfig, git
from agentlint.errors import AgentlintError
from agentlint.policy.load import CONFIG_NAME
from agentlint.policy.model import Policy

HOOK_STAGES = {
    "agentlint": "commit-msg",
    "agentlint-staged": "pre-commit",
    "agentlint-push": "pre-push",
    "agentlint-validate-config": "pre-commit",
    "agentlint-validate-record": "pre-commit",
}


class Result(NamedTuple):
    ok: bool | None  # None: not applicable
    topic: str
    what: str
    fix: str | None = None


def _policy(top: str, config: str | None) -> tuple[list[Result], Policy | None]:
    from agentlint.change import extras
    from agentlint.policy.load import load_policy, load_policy_file, read_file

    try:
        if config:
            return [Result(True, "policy", f"{config} loads")], load_policy_file(config)
        text = extras.read_blob("HEAD", CONFIG_NAME)
        source = f"{CONFIG_NAME} (at HEAD)" if text is not None else "built-in policy"
        policy = load_policy(text, source=source)
    except AgentlintError as exc:
        what = "; ".join(p.render() for p in exc.problems)
        return [Result(False, "policy", what, "fix the policy; `agentlint validate-config`")], None
    results = [Result(True, "policy", f"{source} loads ({len(policy.categories)} categories)")]
    work = os.path.join(top, CONFIG_NAME)
    if os.path.isfile(work) and read_file(work) != text:
        try:
            load_policy_file(work)
            results.append(Result(True, "policy", f"the uncommitted {CONFIG_NAME} loads too"))
        except AgentlintError as exc:
            what = "; ".join(p.render() for p in exc.problems)
            results.append(Result(False, "policy", f"the uncommitted {CONFIG_NAME}: {what}"))
    return results, policy


def _hooks(top: str) -> list[Result]:
    from agentlint import yamlfile

    path = os.path.join(top, ".pre-commit-config.yaml")
    if not os.path.isfile(path):
        return [
            Result(
                False,
                "hooks",
                "there is no .pre-commit-config.yaml, so no agentlint hook runs locally",
                "add agentlint's hooks (README, Hooks), then install them",
            )
        ]
    try:
        with open(path, "rb") as handle:
            config = yamlfile.load(handle.read(), source=".pre-commit-config.yaml").data
    except AgentlintError as exc:
        return [Result(False, "hooks", "; ".join(p.render() for p in exc.problems))]
    stages: dict[str, list[str]] = {}
    for repo in config.get("repos", []) if isinstance(config, dict) else []:
        for hook in repo.get("hooks", []) if isinstance(repo, dict) else []:
            hook_id = str(hook.get("id", "")) if isinstance(hook, dict) else ""
            if hook_id in HOOK_STAGES:
                for stage in hook.get("stages") or [HOOK_STAGES[hook_id]]:
                    stages.setdefault(str(stage), []).append(hook_id)
    if not stages:
        return [
            Result(
                False,
                "hooks",
                ".pre-commit-config.yaml has no agentlint hook",
                "add the hooks `agentlint`, `agentlint-staged` and `agentlint-push` "
                "(README, Hooks)",
            )
        ]
    results, missing = [], []
    wanted = sorted(stages)
    asked = [a for s in wanted for a in ("--git-path", f"hooks/{s}")]  # core.hooksPath honoured
    paths = git.run("rev-parse", *asked).decode("utf-8", "surrogateescape").splitlines()
    for stage, hook_path in zip(wanted, paths, strict=True):
        ids = stages[stage]
        hook_path = os.path.abspath(hook_path)  # git answers relative to the working folder
        try:
            with open(hook_path, encoding="utf-8", errors="replace") as handle:
                installed = "pre-commit" in handle.read()
        except OSError:
            installed = False
        names = ", ".join(f"`{i}`" for i in ids)
        if installed:
            results.append(Result(True, "hooks", f"the {stage} hook is installed ({names})"))
        else:
            missing.append(stage)
            results.append(
                Result(False, "hooks", f"the {stage} hook is not installed, so {names} never runs")
            )
    if missing:
        flags = " ".join(f"--hook-type {s}" for s in missing)
        results[-1] = results[-1]._replace(fix=f"pre-commit install {flags}")
    return results


def _ci(top: str) -> list[Result]:
    from agentlint import ciconfig

    results, checked = [], False
    for ci in ciconfig.files(top):
        if ci.problem:
            if ci.mentions:
                results.append(
                    Result(False, "ci", f"{ci.path}: {ci.problem}", "fix the file's YAML")
                )
            continue
        if not ci.checks:
            if ci.mentions:
                results.append(
                    Result(
                        False,
                        "ci",
                        f"{ci.path} names agentlint but runs no range check (a comment or a "
                        "`pre-commit run` step checks no pull request)",
                        "run the recipe from docs/ci.md: the Action, ci/agentlint-ci.sh or "
                        "`agentlint check --range`",
                    )
                )
            continue
        checked = True
        results.append(_depth(ci))
        results.append(_guarded(top, ci))
    if not checked:
        results.append(
            Result(
                False,
                "ci",
                "no CI configuration runs agentlint's range check in this repository; local "
                "hooks can be skipped, so CI is the gate",
                "add the recipe from docs/ci.md and make the job a required check (a GitLab "
                "pipeline execution policy or a GitHub ruleset's required workflow that runs "
                "it is not visible from here)",
            )
        )
    return results


def _depth(ci: ciconfig.CIFile) -> Result:
    if all(c.deep for c in ci.checks):
        return Result(True, "ci", f"{ci.path} runs agentlint with the full history")
    fix = (
        "set `GIT_DEPTH: 0` in the job's variables"
        if ci.gitlab
        else "give actions/checkout `with: {fetch-depth: 0}`"
    )
    what = f"{ci.path} runs agentlint on a shallow clone; a range check then exits 2"
    return Result(False, "ci", what, fix)


def _guarded(top: str, ci: ciconfig.CIFile) -> Result:
    """Whether something other than the change's own CI file requires the check."""
    owners = ciconfig.codeowners(top, gitlab=ci.gitlab)
    names = ciconfig.owners_of(owners, ci.path) if owners else ()
    if owners and names:
        return Result(
            True,
            "ci",
            f"{ci.path} needs review from {', '.join(names)} ({owners.path}); the platform "
            "must still require the check (not visible from here: docs/ci.md)",
        )
    if ci.gitlab:
        fix = (
            "protect it with CODEOWNERS (`/.gitlab-ci.yml @owners`) and code owner approval on "
            "the protected branch, or run the job from a pipeline execution policy (docs/ci.md)"
        )
    else:
        fix = (
            "protect it with CODEOWNERS (`/.github/workflows/ @owners`) and 'Require review from "
            "Code Owners', and require the check from the GitHub Actions source or as a "
            "ruleset's required workflow (docs/ci.md)"
        )
    what = (
        f"the agentlint check is required only by {ci.path}, which the change itself can edit "
        "or delete: a change that drops the job is never checked"
    )
    return Result(False, "ci", what, fix)


def _claude(top: str) -> list[Result]:
    import json

    from agentlint.agents import claude_settings as settings

    folder = os.path.join(top, ".claude")
    if not os.path.isdir(folder) and not os.path.isfile(os.path.join(top, "CLAUDE.md")):
        return [Result(None, "claude", "no .claude/ or CLAUDE.md: Claude Code is not set up here")]
    hooks: dict[str, list[object]] = {}  # both settings files' hooks run
    env: dict[str, object] = {}  # and both files' env (the local one wins)
    for name in ("settings.json", "settings.local.json"):
        try:
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError):
            continue
        given_env = data.get("env") if isinstance(data, dict) else None
        env.update(given_env if isinstance(given_env, dict) else {})
        given = data.get("hooks") if isinstance(data, dict) else None
        for event, groups in given.items() if isinstance(given, dict) else []:
            hooks.setdefault(event, []).extend(groups if isinstance(groups, list) else [])
    missing = [e for e in settings.EVENTS if not settings.has_hook({"hooks": hooks}, e)]
    results = []
    if missing:
        results.append(
            Result(
                False,
                "claude",
                f"Claude Code's {', '.join(missing)} hooks do not run agentlint",
                "agentlint setup claude",
            )
        )
    else:
        results.append(
            Result(True, "claude", "Claude Code's hooks run `agentlint hook claude-code`")
        )
    problem = settings.identity_problem({"env": env})
    if problem:
        results.append(
            Result(
                False,
                "claude",
                f"{problem}: Claude Code commits under your name, so you cannot approve its "
                "work (an approver cannot approve their own commits)",
                "agentlint setup claude",
            )
        )
    else:
        results.append(
            Result(True, "claude", f"Claude Code commits as {env.get('GIT_AUTHOR_EMAIL')}")
        )
    from agentlint.commands import doctor_agents

    if not missing:
        results.append(doctor_agents.called("claude-code", "Claude Code", top))
    if shutil.which("agentlint") is None:
        results.append(
            Result(
                False,
                "claude",
                "`agentlint` is not on PATH, so the hooks refuse every tool call",
                "install agentlint where Claude Code runs: pipx install from its repository "
                "URL at a tag (the PyPI name `agentlint` is an unrelated tool)",
            )
        )
    return results


def _install() -> list[Result]:
    """Whether the `agentlint` on PATH, and this environment's, are this agentlint."""
    from agentlint import install

    found = [f for f in (install.on_path(), install.in_environment()) if f is not None]
    if not found:
        where = shutil.which("agentlint")
        what = f"`agentlint` on PATH ({where}) is this agentlint" if where else "not on PATH"
        return [Result(True if where else None, "install", what)]
    return [
        Result(
            False,
            "install",
            f"{f.where} is {f.describe()}, not this agentlint: every hook that runs "
            "`agentlint` runs that tool instead",
            "uninstall it (`pipx uninstall agentlint`, or `pip uninstall agentlint` in its "
            f"environment), then {install.INSTALL_FIX}",
        )
        for f in found
    ]


def _signers(policy: Policy | None) -> list[Result]:
    from agentlint.change import extras

    if policy is None or not policy.require_signed:
        return [Result(None, "signing", "signed approvals are not required")]
    path = str(policy.allowed_signers)
    blob = extras.read_blob("HEAD", path)
    if blob is None:
        return [
            Result(
                False,
                "signing",
                f"approvals must be signed, but {path} is not committed",
                f"commit an SSH allowed-signers file at {path}, one "
                '`email namespaces="git" key` line per approver',
            )
        ]
    principals = {
        line.split()[0].lower()
        for line in blob.decode(errors="replace").splitlines()
        if line.split() and not line.startswith("#")
    }
    approvers = sorted({a for c in policy.categories for a in policy.approvers_for(c)})
    unsigned = [a for a in approvers if a not in principals]
    if unsigned:
        return [
            Result(
                False,
                "signing",
                f"{path} has no key for {', '.join(unsigned)}: their approvals cannot count",
                f"add their public keys to {path}",
            )
        ]
    return [Result(True, "signing", f"{path} has a key for every approver")]


def run(args: argparse.Namespace) -> int:
    top = git.run("rev-parse", "--show-toplevel").decode("utf-8", "surrogateescape").strip()
    results, policy = _policy(top, args.config)
    from agentlint.commands import doctor_agents

    results += _install() + _hooks(top) + _ci(top) + _claude(top) + doctor_agents.check(top)
    results += _signers(policy)
    for result in results:
        mark = {True: "ok  ", False: "FAIL", None: "skip"}[result.ok]
        print(f"{mark} {result.topic}: {result.what}")
        if result.fix:
            print(f"     fix: {result.fix}")
    problems = sum(r.ok is False for r in results)
    print(f"{problems} problem{'s' * (problems != 1)}")
    return 1 if problems else 0
