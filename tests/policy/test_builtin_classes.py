"""Every class of path issue 14 found misfiled in real repositories, each with the real
path it was found at (tests/realworld/paths/paths.tsv has them with their repository):
the false positives stay out of their category, the misses are caught, nested monorepo
folders are found, and case variants count on a case-insensitive checkout."""

from __future__ import annotations

import pytest

from agentlint import classify
from agentlint.policy.load import load_policy

# (path, the deciding category an admin expects, what it is)
EXPECTED = [
    # secrets: real secret files only
    (".env", "secrets", "the app's environment"),
    (".env.local", "secrets", "local overrides"),
    ("apps/web-evals/.env", "secrets", "a monorepo app's environment"),
    ("config/.env.production", "secrets", "production environment"),
    ("certs/server.pem", "secrets", "a key"),
    ("deploy/id_rsa", "secrets", "an SSH key"),
    ("credentials.json", "secrets", "a credentials file"),
    ("projects/app/kubernetes/secrets.yaml", "secrets", "a Kubernetes Secret manifest"),
    ("aider/website/assets/sample.env", "none", "a sample"),
    (".env.example", "none", "an example"),
    (".env.dev.example", "none", "an example"),
    (".env.local.sample", "none", "a sample"),
    ("secrets.env.template", "none", "a template"),
    (".env.test", "none", "committed test settings"),
    ("server/.env.testing", "none", "committed test settings"),
    ("openhands/storage/secrets/secrets_store.py", "none", "source in a `secrets` package"),
    ("openhands/server/routes/secrets.py", "none", "source about secrets"),
    ("vendor/google.golang.org/grpc/credentials/tls.go", "generated", "vendored source"),
    ("langfuse/auth/credentials/index.ts", "auth", "auth code in a `credentials` folder"),
    ("tests/test_apps/.env", "tests", "a test fixture"),
    ("test/mbedtls/private.pem", "tests", "a fixture key"),
    ("testdata/certificate/key.pem", "none", "a fixture key"),
    ("apps/remix/example/cert.p12", "none", "an example certificate"),
    # deploy: fixtures and application code are not deploy files
    ("tests/fixtures/languages/hcl/test.tf", "tests", "a parser fixture"),
    ("openhands/runtime/impl/kubernetes/kubernetes_runtime.py", "none", "application code"),
    ("openhands/runtime/impl/kubernetes/README.md", "none", "documentation"),
    ("kubernetes/deployment.yaml", "deploy", "a root kubernetes folder"),
    ("apps/api/k8s/deployment.yaml", "deploy", "a nested k8s folder"),
    ("projects/demo/helm-chart/templates/frontend.yaml", "deploy", "a nested Helm chart"),
    ("terraform/test/main.tf", "deploy", "an environment named test"),
    ("services/api/Dockerfile", "deploy", "a nested Dockerfile"),
    ("railway.toml", "deploy", "hosting configuration"),
    # migrations: docs, codemods, pages and fixtures are not migrations
    ("docs/migration/v7-to-v8.md", "none", "a migration guide"),
    ("docs/migration-guide.md", "none", "a migration guide"),
    ("packages/codemod/src/migrations/v1-to-v2/index.ts", "none", "a codemod"),
    ("web/app/settings/migrations/page.tsx", "none", "a web page"),
    (
        "dev-packages/node-integration-tests/suites/prisma/prisma/migrations/1/migration.sql",
        "none",
        "a Prisma fixture in integration tests",
    ),
    ("apps/x/db/migrate/20240101000000_create_users.rb", "migrations", "nested Rails"),
    ("services/y/alembic/versions/001_init.py", "migrations", "nested Alembic"),
    ("enterprise/migrations/versions/019_add.py", "migrations", "nested Alembic package"),
    ("packages/prisma/migrations/2023/migration.sql", "migrations", "nested Prisma"),
    ("internal/db/migrations/20250424_initial.sql", "migrations", "goose SQL"),
    ("app/migrations/0001_initial.py", "migrations", "Django"),
    ("src/migrations/1680000000000-AddUser.ts", "migrations", "TypeORM"),
    # auth: docs, licences, UI and tests are not auth code
    ("docs/auth/oauth.md", "none", "Markdown about auth"),
    ("guides/authentication.md", "none", "Markdown about auth"),
    ("vendor/golang.org/x/oauth2/LICENSE", "generated", "a vendored licence"),
    ("third-party/golang.org/x/oauth2/LICENSE", "generated", "a vendored licence"),
    ("internal/ui/dialog/permissions.go", "none", "a TUI dialog"),
    ("packages/cli/src/ui/auth/AuthDialog.tsx", "none", "a UI component"),
    ("server/polar/auth/models.py", "auth", "auth code"),
    ("internal/permission/permission.go", "auth", "the tool-call permission service"),
    ("app/controllers/concerns/jwt_authenticatable.rb", "auth", "a JWT authentication concern"),
    ("src/agents/auth-provider/google-credentials-provider.ts", "auth", "an auth provider"),
    ("enterprise/storage/stripe_customer.py", "billing", "Stripe customer storage"),
    ("internal/oauth/oauth_test.go", "tests", "a test of auth code"),
    # policy: agent instructions and hook configs, at any depth; fixtures are not
    ("base-action/test/mcp-test/.mcp.json", "tests", "an MCP config fixture"),
    (".mcp.json", "policy", "the agent's MCP servers"),
    ("CLAUDE.md", "policy", "Claude Code's instructions"),
    ("AGENTS.md", "policy", "agent instructions"),
    ("internal/oauth/callback/AGENTS.md", "policy", "nested agent instructions"),
    (".github/copilot-instructions.md", "policy", "Copilot's instructions"),
    (".github/instructions/go.instructions.md", "policy", "Copilot's instructions"),
    (".cursor/rules/general.mdc", "policy", "Cursor's rules"),
    (".cursorrules", "policy", "Cursor's rules"),
    (".cursorignore", "policy", "what Cursor may read"),
    (".claude/agents/code-reviewer.md", "policy", "a Claude Code subagent"),
    (".claude/commands/release.md", "policy", "a Claude Code command"),
    (".github/hooks/hooks.json", "policy", "Copilot's hooks"),
    (".cursor/hooks.json", "policy", "Cursor's hooks"),
    (".codex/config.toml", "policy", "Codex's settings"),
    (".gemini/settings.json", "policy", "Gemini CLI's settings"),
    ("pkg/.claude/settings.json", "policy", "a monorepo package's Claude settings"),
    ("tools/bot/.gemini/skills/x/SKILL.md", "policy", "a nested Gemini skill"),
    (".agents/skills/review/SKILL.md", "policy", "a shared agent skill"),
    (".windsurf/hooks.json", "policy", "Windsurf's hooks"),
    # ci: release and pipeline scripts
    (".goreleaser.yml", "ci", "the release pipeline"),
    (".github/scripts/update_pr_description.sh", "ci", "a script workflows run"),
    (".github/release.yml", "ci", "release notes configuration"),
    ("action.yml", "ci", "the repository's own action"),
    ("base-action/action.yml", "ci", "a published sub-action"),
    ("Makefile", "ci", "the root Makefile CI runs"),
    ("docs/Makefile", "none", "a docs build"),
    (".github/scripts/test_runner.py", "tests", "a test of a CI script"),
    # test-harness: the configuration of checks
    (".size-limit.js", "test-harness", "bundle-size limits"),
    (".golangci.yml", "test-harness", "Go lint"),
    ("ruff.toml", "test-harness", "ruff"),
    (".ruff.toml", "test-harness", "ruff"),
    ("mypy.ini", "test-harness", "mypy"),
    ("eslint.config.mjs", "test-harness", "ESLint"),
    ("packages/app/.eslintrc.json", "test-harness", "ESLint, nested"),
    ("packages/config-eslint/base.js", "test-harness", "a shared ESLint config"),
    (".coveragerc", "test-harness", "coverage thresholds"),
    ("codecov.yml", "test-harness", "coverage thresholds"),
    ("tsconfig.json", "test-harness", "type-check settings"),
    ("packages/core/tsconfig.test.json", "test-harness", "type-check settings"),
    ("packages/web/vite.config.ts", "test-harness", "vite config vitest reads"),
    ("pytest.toml", "test-harness", "pytest 9"),
    (".pytest.toml", "test-harness", "pytest 9"),
    ("babel.config.js", "test-harness", "the transform jest runs"),
    ("tests/fixtures/project/tsconfig.json", "tests", "a fixture project"),
    # generated: vendored code
    ("vendor/github.com/pkg/errors/errors.go", "generated", "Go vendoring"),
    ("third_party/jemalloc/CMakeLists.txt", "generated", "vendored C"),
    ("third-party/github.com/x/y/LICENSE", "generated", "vendored licence"),
    ("src/pip/_vendor/requests/api.py", "generated", "Python vendoring"),
    ("packages/vue/test/vendor/components.test.ts", "tests", "a test of vendored code"),
    ("dev-packages/e2e-tests/test-applications/ember/vendor/.gitkeep", "none", "a test app"),
    # found by the blind held-out rounds (tests/realworld/paths/heldout.tsv)
    ("prod.Dockerfile", "deploy", "a named Dockerfile"),
    ("apps/checker/private-location.Dockerfile", "deploy", "a nested named Dockerfile"),
    ("config/credentials.yml.enc", "secrets", "Rails encrypted credentials"),
    ("config/credentials/production.yml.enc", "secrets", "Rails per-environment credentials"),
    ("charts/app/templates/secrets.yaml", "deploy", "a Helm template renders, holds none"),
    ("packages/db/drizzle/0001_init.sql", "migrations", "drizzle"),
    ("packages/db/drizzle/meta/0026_snapshot.json", "migrations", "drizzle's snapshot"),
    ("packages/database/migration/2026_x/migration.sql", "migrations", "a singular folder"),
    ("apps/web/prisma/schema/lead.prisma", "migrations", "a multi-file Prisma schema"),
    ("netbox/dcim/migrations/initial_data/cpu.json", "migrations", "data a migration loads"),
    ("apps/web/modules/traefik-auth/service.ts", "auth", "a forward-auth service"),
    ("app/.well-known/oauth-protected-resource/route.ts", "auth", "OAuth metadata endpoint"),
    ("apps/web/modules/survey/lib/permission.ts", "auth", "permission checks"),
    ("apps/dashboard/src/next-auth.d.ts", "none", "type declarations"),
    ("app/views/subscriptions/upgrade.html.erb", "none", "a server-rendered view"),
    ("src/gql/subscriptions/TeamUpdated.graphql", "none", "a GraphQL subscription"),
    ("packages/tsconfig/react-library.json", "test-harness", "a shared tsconfig preset"),
    (".erb_lint.yml", "test-harness", "ERB lint"),
    (".stylelintignore", "test-harness", "files stylelint skips"),
]


@pytest.fixture(scope="module")
def policy():  # type: ignore[no-untyped-def]
    return load_policy(None, source="built-in policy")


def _deciding(path: str, policy) -> set[str]:  # type: ignore[no-untyped-def]
    decisive = classify.winning(classify.matches(path, policy))[1]
    return {m.category.name for m in decisive} or {"none"}


@pytest.mark.parametrize(("path", "expected", "what"), EXPECTED)
def test_issue_classes(policy, path: str, expected: str, what: str) -> None:  # type: ignore[no-untyped-def]
    assert expected in _deciding(path, policy), (path, what)


@pytest.mark.parametrize(
    ("path", "category"),
    [
        (".ENV", "secrets"),
        ("certs/SERVER.PEM", "secrets"),
        ("config/.Env.Local", "secrets"),
        (".Claude/Settings.json", "policy"),
        ("claude.md", "policy"),
        (".GitHub/Workflows/ci.yml", "ci"),
        ("DOCKERFILE", "deploy"),
    ],
)
def test_case_variants_match_only_with_ignorecase(policy, path: str, category: str) -> None:  # type: ignore[no-untyped-def]
    assert category not in _deciding(path, policy)
    assert category in _deciding(path, policy._replace(ignorecase=True))


def test_ignorecase_keeps_exclusions(policy) -> None:  # type: ignore[no-untyped-def]
    folded = policy._replace(ignorecase=True)
    assert _deciding(".ENV.EXAMPLE", folded) == {"none"}
    assert _deciding("Tests/Fixtures/x.tf", folded) == {"tests"}


def test_differs_by_case_only_for_paths_that_depend_on_it(policy) -> None:  # type: ignore[no-untyped-def]
    assert not classify.differs_by_case(["src/app.py", ".env", "Dockerfile"], policy)
    assert classify.differs_by_case(["src/app.py", ".ENV"], policy)


def test_with_case_uses_a_known_setting_without_asking_git(policy) -> None:  # type: ignore[no-untyped-def]
    assert classify.with_case(policy, [".ENV"], True).ignorecase is True
    assert classify.with_case(policy, [".ENV"], False).ignorecase is False
    assert classify.with_case(policy, ["src/app.py"]).ignorecase is False  # git not asked
