"""Build a case in a throwaway repository and run the real check on it.

The base commit carries the policy under test, so the range is judged exactly as in CI:
by the policy at BASE. Commits are made with the user's hooks switched off and no
signing: this is agentlint's own scratch repository, never the user's.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
from typing import NamedTuple

from agentlint.errors import fail
from agentlint.findings import Finding
from agentlint.policy.load import CONFIG_NAME
from agentlint.policytest.cases import HUMAN, Case, Expect

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator


class Outcome(NamedTuple):
    case: Case
    findings: list[Finding]
    missing: list[Expect]  # expected, not reported
    unwanted: list[Finding]  # reported, though `absent` forbids it

    @property
    def passed(self) -> bool:
        return not self.missing and not self.unwanted


def _matches(expect: Expect, finding: Finding) -> bool:
    return finding.code == expect.code and (expect.path is None or finding.path == expect.path)


def judge(case: Case, findings: list[Finding]) -> Outcome:
    errors = [f for f in findings if f.severity != "note"]
    missing = [e for e in case.expect if not any(_matches(e, f) for f in errors)]
    unwanted = [f for f in errors if any(_matches(a, f) for a in case.absent)]
    return Outcome(case, findings, missing, unwanted)


def replay(case: Case, policy: dict[str, bytes]) -> Outcome:
    """Run `case` under the policy files `policy` (path -> content)."""
    with _scratch() as repo:
        _commit(
            repo, HUMAN, "base", {**{p: c.decode() for p, c in policy.items()}, **case.base}, None
        )
        base = _git(repo, "rev-parse", "HEAD").strip()
        for step in case.commits:
            _commit(repo, step.author, step.message, step.files, step.patch)
        return judge(case, _check(repo, base, case.pr))


@contextlib.contextmanager
def _scratch() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="agentlint-policy-test-") as folder:
        repo = os.path.join(folder, "repo")
        os.mkdir(repo)
        _git(repo, "init", "-q")
        yield repo


ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0"}


def _git(
    repo: str, *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> str:
    config = [
        "-c",
        "core.hooksPath=",
        "-c",
        "commit.gpgsign=false",
        "-c",
        "init.defaultBranch=main",
    ]
    proc = subprocess.run(
        ["git", *config, *args],
        cwd=repo,
        input=stdin,
        capture_output=True,
        env={**os.environ, **ENV, "GIT_CONFIG_GLOBAL": os.devnull, **(env or {})},
        check=False,
    )
    if proc.returncode != 0:
        said = proc.stderr.decode(errors="replace").strip()
        raise fail(f"`git {args[0]}` failed in the case's scratch repository: {said}")
    return proc.stdout.decode("utf-8", "surrogateescape")


def _commit(
    repo: str, author: str, message: str, files: dict[str, str | None], patch: str | None
) -> None:
    for path, content in files.items():
        full = os.path.join(repo, path)
        if content is None:
            if os.path.lexists(full):
                os.remove(full)
            continue
        os.makedirs(os.path.dirname(full) or repo, exist_ok=True)
        with open(full, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)
    if patch:
        _git(repo, "apply", "--whitespace=nowarn", "-", stdin=patch.encode())
    name, _, email = author.rpartition("<")
    who = {"NAME": name.strip(), "EMAIL": email.rstrip(">").strip()}
    env = {
        f"GIT_{role}_{key}": value for role in ("AUTHOR", "COMMITTER") for key, value in who.items()
    }
    _git(repo, "add", "-A")
    _git(
        repo,
        "commit",
        "-q",
        "--allow-empty",
        "--no-verify",
        "-F",
        "-",
        stdin=message.encode(),
        env=env,
    )


def _check(repo: str, base: str, pr: str | None) -> list[Finding]:
    from agentlint.pipeline import evaluate, range_args

    message = None
    if pr is not None:
        message = os.path.join(os.path.dirname(repo), "PR_MESSAGE")
        with open(message, "w", encoding="utf-8") as handle:
            handle.write(pr)
    args = range_args(f"{base}..HEAD", message_file=message)
    here = os.getcwd()
    os.chdir(repo)
    try:
        return evaluate(args).findings
    finally:
        os.chdir(here)


def policy_files(config: str | None, root: str | None) -> dict[str, bytes]:
    """The policy under test: --config, else the work tree's .agentlint.yaml (the one being
    written), else none (the built-in policy); plus its allowed-signers file."""
    path = config or (os.path.join(root, CONFIG_NAME) if root else None)
    if path is None or not os.path.isfile(path):
        if config:
            raise fail(f"cannot read the policy {config}", fix="pass a readable file")
        return {}
    from agentlint.policy.load import load_policy, read_file

    text = read_file(path)
    files = {CONFIG_NAME: text}
    policy = load_policy(text, source=os.path.relpath(path))  # a broken policy stops here
    if policy.allowed_signers:
        signers = os.path.join(os.path.dirname(os.path.abspath(path)), policy.allowed_signers)
        if os.path.isfile(signers):
            files[policy.allowed_signers] = read_file(signers, "allowed signers")
    return files
