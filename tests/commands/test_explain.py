"""`agentlint explain`: categories, winning posture and deciding pattern."""

from __future__ import annotations


def test_explain_shows_categories_posture_and_pattern(seeded, run):
    result = run("explain", ".github/workflows/ci.yml", "src/app.py", "Dockerfile")
    assert result.code == 0
    assert result.lines == [
        "policy: built-in policy (rules apply to agent changes)",
        ".github/workflows/ci.yml: approval (ci)",
        "  * ci             approval  '.github/workflows/' [built-in]",
        "src/app.py: allow (no category)",
        "Dockerfile: approval (deploy)",
        "  * deploy         approval  'Dockerfile' [built-in]",
    ]


def test_explain_strictest_wins_and_shows_all(seeded, run, tmp_path):
    config = tmp_path / "c.yaml"
    config.write_text(
        "categories:\n  ymls:\n    paths: ['*.yml']\n    posture: review\n"
        "  ci:\n    extend_exclude: ['.github/workflows/lint.yml']\n"
    )
    result = run(
        "explain", "--config", str(config), ".github/workflows/ci.yml", ".github/workflows/lint.yml"
    )
    assert result.lines[1:] == [
        ".github/workflows/ci.yml: approval (ci)",
        "  * ci             approval  '.github/workflows/' [built-in, changed by config]",
        "    ymls           review    '*.yml' [config]",
        ".github/workflows/lint.yml: review (ymls)",
        "  * ymls           review    '*.yml' [config]",
    ]


def test_explain_relative_to_subdirectory(seeded, run, monkeypatch):
    (seeded.path / "sub").mkdir()
    monkeypatch.chdir(seeded.path / "sub")
    result = run("explain", "../.github/workflows/ci.yml", "Dockerfile")
    assert result.lines[1] == ".github/workflows/ci.yml: approval (ci)"
    assert result.lines[3] == "sub/Dockerfile: approval (deploy)"
    outside = run("explain", "../../elsewhere")
    assert outside.code == 2 and "outside the repository" in outside.err


def test_explain_uses_head_policy_and_attributes(seeded, run):
    seeded.commit(
        "policy",
        files={
            ".agentlint.yaml": "categories:\n  docs:\n    paths: [docs/]\n    posture: block\n",
            ".gitattributes": "gen/** linguist-generated\n",
        },
    )
    result = run("explain", "docs/x.md", "gen/y.go")
    assert result.lines[0] == "policy: .agentlint.yaml (at HEAD) (rules apply to agent changes)"
    assert "docs/x.md: block (docs)" in result.lines
    assert "gen/y.go: approval (generated)" in result.lines


def test_explain_outside_repository_uses_builtin(tmp_path, run, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("explain", "yarn.lock").lines[1] == "yarn.lock: approval (dependencies)"


def test_extends_none_starts_empty(seeded, run, tmp_path):
    config = tmp_path / "c.yaml"
    config.write_text("extends: none\ncategories:\n  only:\n    paths: [x/]\n    posture: block\n")
    result = run("explain", "--config", str(config), ".env", "x/y")
    assert ".env: allow (no category)" in result.lines
    assert "x/y: block (only)" in result.lines


MONOREPO = {
    ".github/workflows/ci.yml": "on: push\n",
    "apps/web/package.json": "{}\n",
    "apps/web/src/page.ts": "export {}\n",
    "apps/web/src/page.test.ts": "test('x', () => {})\n",
    "services/api/alembic/versions/001_init.py": "revision = '001'\n",
    "services/api/.env": "TOKEN=1\n",
    "docs/migration/v2.md": "# Upgrading\n",
    "CLAUDE.md": "Be careful.\n",
    "README.md": "hello\n",
}


def test_explain_all_groups_every_tracked_file(repo, run):
    repo.commit("monorepo", files=MONOREPO)
    repo.write("untracked.py", "x\n")
    result = run("explain", "--all")
    assert result.code == 0, result
    assert result.lines == [
        "policy: built-in policy (rules apply to agent changes)",
        "secrets: block, 1 files",
        "  services/api/.env  '*.env'",
        "ci: approval, 1 files",
        "  .github/workflows/ci.yml  '.github/workflows/'",
        "migrations: approval, 1 files",
        "  services/api/alembic/versions/001_init.py  '**/alembic/'",
        "dependencies: approval, 1 files",
        "  apps/web/package.json  'package.json'",
        "policy: approval, 1 files",
        "  CLAUDE.md  'CLAUDE.md'",
        "tests: allow, 1 files (`agentlint explain --all --category tests` lists them)",
        "no category: allow, 3 files (`agentlint explain --all --category none` lists them)",
    ]


def test_explain_all_one_category_in_full(repo, run):
    repo.commit("monorepo", files=MONOREPO)
    result = run("explain", "--all", "--category", "none")
    assert result.lines[1:] == [
        "no category: allow, 3 files",
        "  README.md",
        "  apps/web/src/page.ts",
        "  docs/migration/v2.md",
    ]
    tests = run("explain", "--all", "--category", "tests")
    assert tests.lines[1:] == ["tests: allow, 1 files", "  apps/web/src/page.test.ts  '*.test.*'"]
    empty = run("explain", "--all", "--category", "billing")
    assert (empty.code, empty.lines[1:]) == (0, ["billing: approval, 0 files"])


def test_explain_all_shows_a_few_files_per_group(repo, run):
    repo.commit("many", files={f".github/workflows/w{n:02}.yml": "on: push\n" for n in range(12)})
    result = run("explain", "--all")
    assert result.lines[1] == (
        "ci: approval, 12 files (`agentlint explain --all --category ci` lists them)"
    )
    assert result.lines[2:10] == [
        f"  .github/workflows/w{n:02}.yml  '.github/workflows/'" for n in range(8)
    ]
    assert result.lines[10] == "  ... and 4 more"


def test_explain_all_names_ties_and_config_categories(repo, run):
    repo.commit(
        "policy",
        files={
            ".agentlint.yaml": (
                "categories:\n  web:\n    paths: [apps/web/]\n    posture: approval\n"
            ),
            "apps/web/package.json": "{}\n",
        },
    )
    result = run("explain", "--all", "--category", "dependencies")
    assert result.lines[0] == "policy: .agentlint.yaml (at HEAD) (rules apply to agent changes)"
    assert result.lines[1:] == [
        "dependencies: approval, 1 files",
        "  apps/web/package.json  'package.json' (also web)",
    ]


def test_explain_all_argument_errors(seeded, run):
    both = run("explain", "--all", "src/app.py")
    assert both.code == 2 and "name paths or pass --all, not both" in both.err
    neither = run("explain")
    assert neither.code == 2 and "explain needs paths, or --all" in neither.err
    alone = run("explain", "--category", "ci", "src/app.py")
    assert alone.code == 2 and "--category works with --all" in alone.err
    unknown = run("explain", "--all", "--category", "nope")
    assert unknown.code == 2 and "no category named 'nope'" in unknown.err
    assert "ci, deploy, auth" in unknown.err and "none" in unknown.err
    assert both.out == neither.out == alone.out == unknown.out == ""


def test_explain_all_outside_a_repository(tmp_path, monkeypatch, run):
    monkeypatch.chdir(tmp_path)
    result = run("explain", "--all")
    assert result.code == 2 and "explain --all lists a repository's files" in result.err


def test_explain_follows_core_ignorecase(seeded, run):
    assert run("explain", ".ENV").lines[1] == ".ENV: allow (no category)"
    seeded.git("config", "core.ignorecase", "true")
    result = run("explain", ".ENV", "Claude.md")
    assert result.lines[0] == (
        "policy: built-in policy (rules apply to agent changes, case-insensitive (core.ignorecase))"
    )
    assert ".ENV: block (secrets)" in result.lines
    assert "Claude.md: approval (policy)" in result.lines
