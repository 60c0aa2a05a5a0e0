"""What kind of command a shell command line is, for the review record: test, lint, build
or other. A compound command takes the strongest kind among its parts (test first)."""

from __future__ import annotations

import posixpath
import re

from agentlint.guard.shell import WRAPPERS, is_assignment, simple_commands

RUNNERS = {
    ("bundle", "exec"),
    ("poetry", "run"),
    ("uv", "run"),
    ("pipenv", "run"),
    ("hatch", "run"),
    ("pdm", "run"),
}
_RUNNERS = r"(?:npm|pnpm|yarn|bun)(?:\s+run)?"
KINDS = [
    (
        "test",
        re.compile(
            r"(?:pytest|py\.test|tox|nox|jest|vitest|mocha|ava|karma|rspec|phpunit|ctest|behave"
            r"|python\d?(?:\.\d+)?\s+-m\s+(?:pytest|unittest|tox|nox)"
            rf"|{_RUNNERS}\s+(?:test|tests|spec|e2e)(?:[:\w-]*)"
            r"|npx\s+(?:jest|vitest|mocha|playwright\s+test|cypress\s+run)"
            r"|(?:bun|deno|go|cargo|swift|dotnet|mix|flutter|dart)\s+(?:test|nextest)"
            r"|(?:mvn|mvnw|\./mvnw)\s+(?:\S+\s+)*(?:test|verify)"
            r"|(?:gradle|gradlew|\./gradlew)\s+(?:\S+\s+)*(?:test|check)"
            r"|make\s+(?:\S+\s+)*(?:test|tests|check)"
            r"|(?:bundle\s+exec\s+)?(?:rake|rails)\s+(?:test|spec))\b"
        ),
    ),
    (
        "lint",
        re.compile(
            r"(?:ruff|flake8|pylint|mypy|pyright|eslint|golangci-lint|shellcheck|rubocop"
            r"|hadolint|yamllint|markdownlint|stylelint|biome|tsc\s+(?:\S+\s+)*--noEmit"
            r"|(?:black|isort|prettier)\s+(?:\S+\s+)*--check|go\s+vet"
            r"|cargo\s+(?:clippy|fmt\s+(?:\S+\s+)*--check)|pre-commit\s+run"
            rf"|{_RUNNERS}\s+(?:lint|typecheck|format:check)(?:[:\w-]*)"
            r"|agentlint\s+(?:check|validate-\w+))\b"
        ),
    ),
    (
        "build",
        re.compile(
            r"(?:make|tsc|webpack|cmake\s+--build|docker\s+build|python\d?\s+-m\s+build"
            r"|(?:cargo|go|dotnet|swift)\s+build|vite\s+build|(?:mvn|\./mvnw)\s+(?:package|compile|install)"
            r"|(?:gradle|\./gradlew)\s+(?:build|assemble)"
            rf"|{_RUNNERS}\s+build(?:[:\w-]*))\b"
        ),
    ),
]


def kind_of(command: str) -> str:
    found = set()
    for words in simple_commands(command):
        while words and (is_assignment(words[0]) or words[0] in WRAPPERS):
            words = words[1:]
        while len(words) > 2 and tuple(words[:2]) in RUNNERS:
            words = words[2:]  # `poetry run pytest` is pytest
        if not words:
            continue
        text = " ".join([posixpath.basename(words[0]), *words[1:]])
        for kind, pattern in KINDS:
            if pattern.match(text):
                found.add(kind)
                break
    return next((k for k, _ in KINDS if k in found), "other")
