"""The built-in policy, written in the same shape as `.agentlint.yaml`.

A user's config merges over this one key by key (see `policy.merge`).
"""

from __future__ import annotations

from typing import Any

CATEGORIES: dict[str, dict[str, Any]] = {
    "ci": {
        "description": "CI pipelines and workflow definitions",
        "posture": "approval",
        "paths": [
            ".github/workflows/", ".github/actions/", ".github/dependabot.yml",
            ".github/dependabot.yaml", ".gitlab-ci.yml", ".gitlab-ci.yaml", ".gitlab-ci/",
            ".gitlab/ci/", ".circleci/", "Jenkinsfile", "Jenkinsfile.*", "*.jenkinsfile",
            "azure-pipelines.yml", "azure-pipelines.yaml", ".azure-pipelines/",
            ".travis.yml", "bitbucket-pipelines.yml", ".buildkite/", ".drone.yml",
            ".woodpecker.yml", ".woodpecker/", "appveyor.yml", ".appveyor.yml",
            "cloudbuild.yaml", "cloudbuild.yml", "buildspec.yml", ".teamcity/",
        ],
    },
    "deploy": {
        "description": "containers, orchestration and infrastructure as code",
        "posture": "approval",
        "paths": [
            "Dockerfile", "Dockerfile.*", "*.dockerfile", "Containerfile", ".dockerignore",
            "docker-compose*.yml", "docker-compose*.yaml", "compose.yml", "compose.yaml",
            "compose.*.yml", "compose.*.yaml", "k8s/", "kubernetes/", "kustomization.yaml",
            "kustomization.yml", "helm/", "charts/", "Chart.yaml", "helmfile.yaml",
            "*.tf", "*.tfvars", "*.tf.json", "terraform/", "terragrunt.hcl", "Pulumi.yaml",
            "Pulumi.*.yaml", "serverless.yml", "serverless.yaml", "fly.toml", "Procfile",
            "app.yaml", "vercel.json", "netlify.toml", "render.yaml", "ansible/",
            "deploy/", "deployment/", "deployments/", "infra/", "skaffold.yaml",
        ],
    },
    "auth": {
        "description": "authentication, authorisation and session handling",
        "posture": "approval",
        "paths": [
            "auth/", "authn/", "authz/", "authentication/", "authorization/", "oauth/",
            "oauth2/", "sso/", "saml/", "rbac/", "permissions/", "auth.*", "authn.*",
            "authz.*", "authentication.*", "authorization.*", "permissions.*", "rbac.*",
            "oauth*.*", "*_auth.*", "auth_*.*", "*-auth.*", "auth-*.*", "*Auth.*",
        ],
    },
    "billing": {
        "description": "payments, invoices, subscriptions and pricing",
        "posture": "approval",
        "paths": [
            "billing/", "payments/", "payment/", "invoices/", "invoicing/", "subscriptions/",
            "checkout/", "stripe/", "pricing/", "billing.*", "payments.*", "payment.*",
            "*_billing.*", "billing_*.*", "stripe.*", "*_stripe.*", "*Billing*.*",
            "*Payment*.*",
        ],
    },
    "migrations": {
        "description": "database schema migrations (Django, Alembic, Rails, Prisma, Flyway...)",
        "posture": "approval",
        "paths": [
            "migrations/", "migration/", "alembic/versions/", "alembic.ini", "db/migrate/",
            "db/schema.rb", "db/structure.sql", "prisma/migrations/", "schema.prisma",
            "db/migration/", "V[0-9]*__*.sql", "R__*.sql", "U[0-9]*__*.sql",
            "db/changelog/", "*.up.sql", "*.down.sql",
        ],
    },
    "generated": {
        "description": "generated clients and code (also files marked linguist-generated)",
        "posture": "approval",
        "attributes": ["linguist-generated"],
        "paths": [
            "generated/", "__generated__/", "*.generated.*", "*.gen.*", "*_gen.go",
            "zz_generated*.go", "*.pb.go", "*.pb.gw.go", "*_grpc.pb.go", "*_pb2.py",
            "*_pb2_grpc.py", "*_pb2.pyi", "*_pb.js", "*_pb.d.ts", "*_grpc_pb.js",
            "*.g.dart", "*.freezed.dart",
        ],
    },
    "dependencies": {
        "description": "dependency manifests and lockfiles",
        "posture": "approval",
        "paths": [
            "package.json", "package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml",
            "pnpm-workspace.yaml", "yarn.lock", ".yarnrc.yml", ".npmrc", "bun.lock",
            "bun.lockb", "requirements*.txt", "requirements/", "constraints*.txt",
            "Pipfile", "Pipfile.lock", "pyproject.toml", "setup.py", "setup.cfg",
            "poetry.lock", "uv.lock", "pdm.lock", "pylock.toml", "pylock.*.toml",
            "environment.yml", "Cargo.toml", "Cargo.lock", "go.mod", "go.sum", "go.work",
            "go.work.sum", "pom.xml", "build.gradle", "build.gradle.kts", "settings.gradle",
            "settings.gradle.kts", "gradle.lockfile", "gradle/libs.versions.toml",
            "gradle/wrapper/gradle-wrapper.properties", "Gemfile", "Gemfile.lock",
            "*.gemspec", "composer.json", "composer.lock", "mix.exs", "mix.lock",
            "Package.swift", "Package.resolved", "Podfile", "Podfile.lock",
            "packages.lock.json", "Directory.Packages.props", "pubspec.yaml",
            "pubspec.lock", "vcpkg.json", ".terraform.lock.hcl",
        ],
    },
    "secrets": {
        "description": "secrets: .env files, private keys, credentials",
        "posture": "block",
        "paths": [
            ".env", ".env.*", "*.env", "*.pem", "*.key", "*.p12", "*.pfx", "*.jks",
            "*.keystore", "id_rsa*", "id_dsa*", "id_ecdsa*", "id_ed25519*", "*.kdbx",
            ".netrc", ".pgpass", ".htpasswd", "credentials.json", "credentials",
            "service-account*.json", "secrets.yaml", "secrets.yml", "secrets.json",
            ".secrets/", "secrets/", "*.tfstate", "*.tfstate.backup",
            ".aws/credentials", ".docker/config.json",
        ],
        "exclude": [
            ".env.example", ".env.sample", ".env.template", ".env.dist", "*.pub",
            "*.example.env",
        ],
    },
    "test-harness": {
        "description": "test runners' configuration, fixtures and coverage thresholds",
        "posture": "approval",
        "paths": [
            "conftest.py", "pytest.ini", "pytest.toml", ".pytest.ini", "tox.ini",
            "noxfile.py", ".coveragerc", "jest.config.*", "jest.setup.*", "vitest.config.*",
            "vitest.workspace.*", "vitest.setup.*", "karma.conf.*", ".mocharc*",
            "playwright.config.*", "cypress.config.*", "codecov.yml", ".codecov.yml",
            ".nycrc", ".nycrc.*", ".c8rc", ".c8rc.*", "phpunit.xml", "phpunit.xml.dist",
            "setupTests.*",
        ],
    },
    "policy": {
        "description": "agentlint's own config, hook setup and the agents' own settings",
        "posture": "approval",
        "paths": [
            ".agentlint.yaml", ".pre-commit-config.yaml", ".pre-commit-hooks.yaml",
            ".claude/settings.json", ".claude/settings.local.json", ".claude/settings*.json",
            ".claude/hooks/", ".mcp.json", ".cursor/mcp.json", ".vscode/mcp.json",
            ".codex/", "CODEOWNERS", ".github/settings.yml", ".husky/", ".githooks/",
            "lefthook.yml", "lefthook.yaml", ".lefthook.yml", ".gitattributes",
        ],
    },
}

DETECTORS: list[dict[str, Any]] = [
    {
        "name": "claude-code",
        "emails": ["noreply@anthropic.com", "claude@anthropic.com",
                   "*+claude[bot]@users.noreply.github.com"],
        "names": ["Claude Code", "claude[bot]"],
        "messages": [r"Generated with \[Claude Code\]"],
        "env": ["CLAUDECODE"],
    },
    {
        "name": "copilot",
        "emails": ["*+copilot@users.noreply.github.com", "copilot@github.com",
                   "*+copilot-swe-agent[bot]@users.noreply.github.com"],
        "names": ["Copilot", "copilot-swe-agent[bot]", "copilot-swe-agent"],
    },
    {
        "name": "codex",
        "emails": ["noreply@openai.com", "codex@openai.com",
                   "*+chatgpt-codex-connector[bot]@users.noreply.github.com"],
        "names": ["Codex", "chatgpt-codex-connector[bot]"],
        "env": ["CODEX_THREAD_ID", "CODEX_SANDBOX"],
    },
    {
        "name": "aider",
        "emails": ["*@aider.chat"],
        "names": ["* (aider)", "aider (*)"],
        "messages": [r"(?m)\Aaider: "],
    },
    {
        "name": "cursor",
        "emails": ["cursoragent@cursor.com"],
        "names": ["Cursor Agent", "cursor[bot]"],
        "trailers": ["Made-with: Cursor"],
        "env": ["CURSOR_AGENT"],
    },
    {
        "name": "devin",
        "emails": ["*+devin-ai-integration[bot]@users.noreply.github.com", "devin@cognition.ai"],
        "names": ["devin-ai-integration[bot]", "Devin AI"],
    },
    {
        "name": "jules",
        "emails": ["*+google-labs-jules[bot]@users.noreply.github.com"],
        "names": ["google-labs-jules[bot]"],
    },
    {
        "name": "ai-trailers",
        "trailers": ["Assisted-by", "Generated-by", "AI-assisted: true", "AI-agent"],
    },
    {
        "name": "bots",
        "emails": ["*[bot]@users.noreply.github.com"],
        "names": ["*[bot]"],
    },
]

DEFAULTS: dict[str, Any] = {
    "enforce": "agents",
    "categories": CATEGORIES,
    "agents": {"builtin": True, "detectors": []},
    "approvals": {"require_signed": False, "allowed_signers": None, "approvers": []},
    "limits": {
        "max_files": 100,
        "max_lines": 3000,
        "exclude": ["*.lock", "*-lock.json", "*-lock.yaml", "*.lockb", "go.sum",
                    "*.snap", "*.svg"],
    },
    "severity": {},
}
