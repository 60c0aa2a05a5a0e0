"""The built-in categories recognise each ecosystem's files, and leave ordinary code alone."""

from __future__ import annotations

import pytest

from agentlint import classify
from agentlint.policy.load import load_policy

CASES = {
    "ci": [
        ".github/workflows/ci.yml",
        ".github/actions/setup/action.yml",
        ".gitlab-ci.yml",
        ".circleci/config.yml",
        "Jenkinsfile",
        "azure-pipelines.yml",
        ".buildkite/pipeline.yml",
    ],
    "deploy": [
        "Dockerfile",
        "docker/Dockerfile.prod",
        "docker-compose.yml",
        "compose.yaml",
        "k8s/deployment.yaml",
        "charts/app/values.yaml",
        "infra/main.tf",
        "env/prod.tfvars",
        "kustomization.yaml",
        "Procfile",
    ],
    "auth": [
        "src/auth/session.py",
        "app/oauth2/provider.go",
        "lib/permissions.rb",
        "web/jwt_auth.ts",
        "src/UserAuth.java",
    ],
    "billing": ["services/billing/invoice.py", "app/payments/stripe.go", "stripe.py"],
    "migrations": [
        "app/migrations/0001_initial.py",
        "alembic/versions/abc123_add.py",
        "db/migrate/20240101_create_users.rb",
        "prisma/migrations/1/migration.sql",
        "src/main/resources/db/migration/V1__init.sql",
        "db/schema.rb",
        "sql/001_users.up.sql",
    ],
    "generated": [
        "api/gen/service.pb.go",
        "proto/user_pb2.py",
        "src/__generated__/types.ts",
        "client/generated/api.ts",
        "lib/model.g.dart",
    ],
    "dependencies": [
        "package.json",
        "package-lock.json",
        "pnpm-lock.yaml",
        "yarn.lock",
        "requirements.txt",
        "requirements-dev.txt",
        "uv.lock",
        "poetry.lock",
        "pyproject.toml",
        "Cargo.toml",
        "Cargo.lock",
        "go.mod",
        "go.sum",
        "pom.xml",
        "build.gradle.kts",
        "gradle/libs.versions.toml",
        "Gemfile.lock",
    ],
    "secrets": [
        ".env",
        ".env.production",
        "config/prod.env",
        "certs/server.key",
        "deploy/id_rsa",
        "terraform.tfstate",
        ".netrc",
        ".secrets/db.txt",
    ],
    "test-harness": [
        "conftest.py",
        "tests/conftest.py",
        "pytest.ini",
        "tox.ini",
        "jest.config.js",
        "vitest.config.ts",
        ".coveragerc",
        "codecov.yml",
    ],
    "policy": [
        ".agentlint.yaml",
        ".pre-commit-config.yaml",
        ".claude/settings.json",
        ".claude/settings.local.json",
        ".mcp.json",
        "CODEOWNERS",
        ".github/CODEOWNERS",
        ".husky/pre-commit",
    ],
}
ORDINARY = [
    "src/app.py",
    "README.md",
    "docs/guide.md",
    "src/author.py",
    "lib/billboard.js",
    "tests/test_app.py",
    "src/components/Button.tsx",
    ".env.example",
    "keys.pub",
    "src/environment.py",
    "cmd/server/main.go",
]


@pytest.fixture(scope="module")
def policy():
    return load_policy(None, source="built-in policy")


@pytest.mark.parametrize(
    ("category", "path"), [(c, p) for c, paths in CASES.items() for p in paths]
)
def test_builtin_category_recognises(policy, category, path):
    posture, decisive = classify.winning(classify.matches(path, policy))
    assert category in {m.category.name for m in decisive}, (path, posture, decisive)


@pytest.mark.parametrize("path", ORDINARY)
def test_ordinary_code_is_allowed(policy, path):
    assert classify.winning(classify.matches(path, policy))[0] == "allow"


def test_builtin_postures_follow_the_contract(policy):
    postures = {c.name: c.posture for c in policy.categories}
    assert postures == {
        "ci": "approval",
        "deploy": "approval",
        "auth": "approval",
        "billing": "approval",
        "migrations": "approval",
        "generated": "approval",
        "dependencies": "approval",
        "secrets": "block",
        "test-harness": "approval",
        "tests": "allow",
        "policy": "approval",
    }
