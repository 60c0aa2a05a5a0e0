"""`agentlint init` on a monorepo shaped like the real ones issue 14 measured (a Next.js
app, a Rails API, a Python service with Alembic, a Prisma package, infrastructure, vendored
code, agent instructions at several depths, and the fixtures and docs that used to be
misfiled): the policy it writes puts each key path where a reviewer expects it."""

from __future__ import annotations

from tests.conftest import Repo

MONOREPO = {
    # CI, release and pipeline scripts
    ".github/workflows/ci.yml": "on: push\n",
    ".github/scripts/release-notes.sh": "echo notes\n",
    ".github/release.yml": "changelog: {}\n",
    ".goreleaser.yml": "builds: []\n",
    "action.yml": "name: ours\nruns: {using: node20, main: dist/index.js}\n",
    "Makefile": "test:\n\tpytest\n",
    # apps/web: Next.js with its checks
    "apps/web/package.json": "{}\n",
    "apps/web/tsconfig.json": "{}\n",
    "apps/web/vite.config.ts": "export default { test: { coverage: { lines: 90 } } }\n",
    "apps/web/eslint.config.mjs": "export default []\n",
    "apps/web/.size-limit.js": "module.exports = [{ limit: '10 KB' }]\n",
    "apps/web/src/app/(auth)/login/page.tsx": "export default function Page() {}\n",
    "apps/web/src/app/settings/migrations/page.tsx": "export default function Page() {}\n",
    "apps/web/src/lib/auth.ts": "export const verify = () => true\n",
    "apps/web/src/lib/auth.test.ts": "test('x', () => {})\n",
    "apps/web/.env.example": "TOKEN=\n",
    # apps/api: Rails
    "apps/api/Gemfile": "source 'https://rubygems.org'\n",
    "apps/api/db/migrate/20240101000000_create_users.rb": "class CreateUsers; end\n",
    "apps/api/db/schema.rb": "ActiveRecord::Schema.define {}\n",
    "apps/api/.rubocop.yml": "AllCops: {}\n",
    "apps/api/app/controllers/concerns/jwt_authenticatable.rb": "module JwtAuthenticatable; end\n",
    "apps/api/spec/fixtures/infra/main.tf": 'resource "x" "y" {}\n',
    # services/worker: Python with Alembic and a `secrets` package
    "services/worker/pyproject.toml": "[project]\nname = 'worker'\n",
    "services/worker/alembic/versions/001_init.py": "revision = '001'\n",
    "services/worker/worker/secrets/store.py": "class Store: ...\n",
    "services/worker/worker/kubernetes/runtime.py": "class Runtime: ...\n",
    "services/worker/tests/conftest.py": "\n",
    "services/worker/tests/fixtures/.env": "FOO=1\n",
    "services/worker/sample.env": "TOKEN=changeme\n",
    "services/worker/.env": "TOKEN=real\n",
    # packages/db: Prisma, and a Prisma fixture in integration tests
    "packages/db/prisma/schema.prisma": 'datasource db { provider = "postgresql" }\n',
    "packages/db/prisma/migrations/20240101_init/migration.sql": "CREATE TABLE x ();\n",
    "dev-packages/integration-tests/prisma/migrations/1/migration.sql": "CREATE TABLE t ();\n",
    # infrastructure
    "infra/main.tf": 'resource "x" "y" {}\n',
    "apps/web/k8s/deployment.yaml": "kind: Deployment\n",
    # vendored code
    "vendor/golang.org/x/oauth2/LICENSE": "BSD\n",
    "third_party/zlib/zlib.h": "/* zlib */\n",
    # agents' instructions and settings
    "CLAUDE.md": "Run the tests.\n",
    "apps/api/AGENTS.md": "Use rspec.\n",
    ".github/copilot-instructions.md": "Be brief.\n",
    ".cursor/rules/general.mdc": "---\n",
    ".claude/settings.json": "{}\n",
    "services/worker/.claude/settings.json": "{}\n",
    "apps/web/test/mcp/.mcp.json": "{}\n",
    # docs
    "docs/migration/v2.md": "# Upgrading to v2\n",
    "docs/auth.md": "# How we log in\n",
    "README.md": "hello\n",
}
EXPECTED = {
    "secrets": ["services/worker/.env"],
    "ci": [
        ".github/release.yml",
        ".github/scripts/release-notes.sh",
        ".github/workflows/ci.yml",
        ".goreleaser.yml",
        "Makefile",
        "action.yml",
    ],
    "deploy": ["apps/web/k8s/deployment.yaml", "infra/main.tf"],
    "auth": [
        "apps/api/app/controllers/concerns/jwt_authenticatable.rb",
        "apps/web/src/lib/auth.ts",
    ],
    "migrations": [
        "apps/api/db/migrate/20240101000000_create_users.rb",
        "apps/api/db/schema.rb",
        "packages/db/prisma/migrations/20240101_init/migration.sql",
        "packages/db/prisma/schema.prisma",
        "services/worker/alembic/versions/001_init.py",
    ],
    "generated": ["third_party/zlib/zlib.h", "vendor/golang.org/x/oauth2/LICENSE"],
    "test-harness": [
        "apps/api/.rubocop.yml",
        "apps/web/.size-limit.js",
        "apps/web/eslint.config.mjs",
        "apps/web/tsconfig.json",
        "apps/web/vite.config.ts",
        "services/worker/tests/conftest.py",
    ],
    "policy": [
        ".agentlint.yaml",
        ".claude/settings.json",
        ".cursor/rules/general.mdc",
        ".github/copilot-instructions.md",
        "CLAUDE.md",
        "apps/api/AGENTS.md",
        "services/worker/.claude/settings.json",
    ],
}
ORDINARY = [
    "README.md",
    "apps/web/.env.example",
    "apps/web/src/app/(auth)/login/page.tsx",
    "apps/web/src/app/settings/migrations/page.tsx",
    "dev-packages/integration-tests/prisma/migrations/1/migration.sql",
    "docs/auth.md",
    "docs/migration/v2.md",
    "services/worker/sample.env",
    "services/worker/worker/kubernetes/runtime.py",
    "services/worker/worker/secrets/store.py",
]


def _group(run, name: str) -> list[str]:  # type: ignore[no-untyped-def]
    result = run("explain", "--all", "--category", name)
    assert result.code == 0, result
    return [line.split("  ")[1] for line in result.lines[2:]]


def test_init_on_a_monorepo_writes_a_policy_a_reviewer_accepts(repo: Repo, run) -> None:  # type: ignore[no-untyped-def]
    repo.commit("monorepo", files=MONOREPO)
    result = run("init")
    assert result.code == 0, result
    assert result.out == ".agentlint.yaml\n"
    assert "what the policy protects here (`agentlint explain --all`)" in result.err
    assert "  secrets (block): 1 files: services/worker/.env\n" in result.err
    text = (repo.path / ".agentlint.yaml").read_text()
    for name in EXPECTED:
        assert f"\n  {name}:\n" in text, name
    repo.commit("policy", files={})
    for name, paths in EXPECTED.items():
        assert _group(run, name) == paths, name
    ordinary = _group(run, "none")
    assert [p for p in ORDINARY if p not in ordinary] == []
    tests = _group(run, "tests")
    assert "apps/web/src/lib/auth.test.ts" in tests
    assert "apps/api/spec/fixtures/infra/main.tf" in tests
    assert "services/worker/tests/fixtures/.env" in tests
    assert "apps/web/test/mcp/.mcp.json" in tests
    assert _group(run, "dependencies") == [
        "apps/api/Gemfile",
        "apps/web/package.json",
        "services/worker/pyproject.toml",
    ]
