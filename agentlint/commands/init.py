"""`agentlint init [--force]`: write a commented .agentlint.yaml tailored to the repository.

It sorts the repository's files with the built-in policy, names the ecosystems it
recognises (package managers, CI systems, deploy tools, migration frameworks, generated
code, test frameworks), and writes only the categories that apply, each with a comment
saying what was found. It also writes the starter policy tests to
.agentlint/policy-tests/. It never replaces a file without --force, and the policy it
writes is validated before it is written.
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import posixpath
import sys
import textwrap

from agentlint import classify, git
from agentlint.change import gather
from agentlint.errors import AgentlintError, fail
from agentlint.policy.load import CONFIG_NAME, compile_text, load_policy

# (glob on the path, what it shows)
ECOSYSTEMS = [
    ("package.json", "npm/Node.js"),
    ("pnpm-lock.yaml", "pnpm"),
    ("yarn.lock", "Yarn"),
    ("pyproject.toml", "Python (pyproject)"),
    ("requirements*.txt", "pip requirements"),
    ("poetry.lock", "Poetry"),
    ("uv.lock", "uv"),
    ("Pipfile", "Pipenv"),
    ("go.mod", "Go modules"),
    ("Cargo.toml", "Cargo"),
    ("Gemfile", "Bundler"),
    ("pom.xml", "Maven"),
    ("build.gradle*", "Gradle"),
    ("composer.json", "Composer"),
    ("*.csproj", ".NET"),
    (".github/workflows/*", "GitHub Actions"),
    (".gitlab-ci.yml", "GitLab CI"),
    (".circleci/*", "CircleCI"),
    ("Jenkinsfile", "Jenkins"),
    ("azure-pipelines.yml", "Azure Pipelines"),
    ("bitbucket-pipelines.yml", "Bitbucket Pipelines"),
    ("Dockerfile*", "Docker"),
    ("*.tf", "Terraform"),
    ("Chart.yaml", "Helm"),
    ("alembic.ini", "Alembic"),
    ("*/migrations/0*.py", "Django migrations"),
    ("db/migrate/*", "Rails migrations"),
    ("prisma/schema.prisma", "Prisma"),
    ("V[0-9]*__*.sql", "Flyway"),
    ("*_pb2.py", "protobuf (Python)"),
    ("*.pb.go", "protobuf (Go)"),
    ("*/.openapi-generator/*", "OpenAPI Generator"),
    ("conftest.py", "pytest"),
    ("pytest.ini", "pytest"),
    ("jest.config.*", "Jest"),
    ("vitest.config.*", "Vitest"),
    ("*_test.go", "go test"),
    ("*Test.java", "JUnit"),
]
EXAMPLES = 3


def _files() -> list[str]:
    out = git.run("ls-files", "-z", "--cached", "--others", "--exclude-standard")
    return sorted({p for p in out.decode("utf-8", "surrogateescape").split("\0") if p})


def detect(files: list[str]) -> list[str]:
    found = []
    for pattern, label in ECOSYSTEMS:
        if any(
            fnmatch.fnmatchcase(p, pattern) or fnmatch.fnmatchcase(posixpath.basename(p), pattern)
            for p in files
        ):
            found.append(label)
    return list(dict.fromkeys(found))


def generated_roots(files: list[str]) -> list[str]:
    """Folders OpenAPI Generator wrote (they hold a .openapi-generator/ folder)."""
    roots = {p.split("/.openapi-generator/")[0] + "/" for p in files if "/.openapi-generator/" in p}
    return sorted(roots)


def render(files: list[str], approver: str | None) -> str:
    policy = load_policy(None, source="built-in policy")
    found: dict[str, list[str]] = {}
    for path in files:
        for match in classify.matches(path, policy):
            found.setdefault(match.category.name, []).append(path)
    extra = [
        root
        for root in generated_roots(files)
        if not any(m.category.name == "generated" for m in classify.matches(root + "x", policy))
    ]
    if extra:
        found.setdefault("generated", []).extend(extra)
    ecosystems = detect(files)
    lines = [
        "# agentlint policy, written by `agentlint init`. It extends the built-in policy",
        "# (docs/configuration.md#built-in-policy): every built-in category stays in force, and",
        "# the entries below are the ones this repository has files in. Check a path with",
        "# `agentlint explain PATH`; check this file with `agentlint validate-config`.",
    ]
    if ecosystems:
        lines.append(f"# Found: {', '.join(ecosystems)}.")
    lines += [
        "",
        "# Rules apply to agent changes; `all` applies them to every change.",
        "enforce: agents",
        "",
        "# Who may approve changes to approval-posture categories that name no approvers.",
        "approvals:",
        f"  approvers: [{approver}]" if approver else "  approvers: []  # add your approvers",
        "",
        "categories:",
    ]
    for category in policy.categories:
        paths = found.get(category.name)
        if not paths:
            continue
        more = len(paths) - EXAMPLES
        shown = ", ".join(paths[:EXAMPLES]) + (f" and {more} more" if more > 0 else "")
        comment = (
            f"{category.description.split(':')[0]}. Found: {shown}. "
            f"Posture {category.posture}: {_meaning(category.posture)}"
        )
        lines += textwrap.wrap(comment, 90, initial_indent="  # ", subsequent_indent="  # ")
        lines.append(f"  {category.name}:")
        if category.name == "generated" and extra:
            lines.append(f"    extend_paths: [{', '.join(extra)}]  # written by OpenAPI Generator")
        else:
            lines.append(f"    posture: {category.posture}")
    if lines[-1] == "categories:":
        lines[-1] = "categories: {}  # no file here falls in a built-in category yet"
    lines.append("")
    return "\n".join(lines)


def _meaning(posture: str) -> str:
    return {
        "allow": "nothing is required.",
        "record": "the path must appear in the review record.",
        "review": "a Reviewed-by: trailer from a human is required.",
        "approval": "an Approved-by: trailer from an approver (`agentlint approve`) is required.",
        "block": "agent changes may not touch it at all.",
    }[posture]


def _show(files: list[str], text: str) -> None:
    """What the written policy protects here, as `explain --all` groups it (on stderr:
    stdout carries the file's name only)."""
    from agentlint.commands import explain

    policy = load_policy(text.encode(), source=CONFIG_NAME)
    rows = explain.describe(files, policy, ["HEAD", ":"] if _has_head() else [":"])
    print("agentlint: what the policy protects here (`agentlint explain --all`):", file=sys.stderr)
    for line in explain.summary(rows, policy, examples=EXAMPLES):
        print(f"  {line}", file=sys.stderr)


def _has_head() -> bool:
    return git.start("rev-parse", "--verify", "--quiet", "HEAD", ok_codes=(0, 1)).wait()[0] == 0


def run(args: argparse.Namespace) -> int:
    from agentlint.commands.policy_test import DEFAULT_DIR, starter_folder

    top = git.run("rev-parse", "--show-toplevel").decode("utf-8", "surrogateescape").strip()
    path = os.path.join(top, CONFIG_NAME)
    if os.path.lexists(path) and not args.force:
        raise fail(
            f"{CONFIG_NAME} already exists",
            where=path,
            fix="edit it, or pass --force to replace it",
        )
    try:
        approver: str | None = gather.identities()[0].email
    except AgentlintError:  # no identity configured: leave the list for the admin
        approver = None
    files = _files()
    text = render(files, approver)
    compile_text(text.encode(), source=CONFIG_NAME)  # what init writes must load
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    print(CONFIG_NAME)
    tests = os.path.join(top, DEFAULT_DIR)
    written = 0
    os.makedirs(tests, exist_ok=True)
    for name in sorted(os.listdir(starter_folder())):
        target = os.path.join(tests, name)
        if not os.path.lexists(target) or args.force:
            with open(os.path.join(starter_folder(), name), "rb") as src, open(target, "wb") as dst:
                dst.write(src.read())
            written += 1
    _show(files, text)
    print(
        f"agentlint: wrote {CONFIG_NAME} and {written} policy tests in {DEFAULT_DIR}/; review "
        "the file, then `agentlint validate-config`, `agentlint policy test` and "
        "`agentlint doctor`",
        file=sys.stderr,
    )
    return 0
