"""Bad input and odd repositories: a precise message and exit 2, or a correct result."""

from __future__ import annotations

import json
import subprocess

import pytest

from agentlint.cli import main
from tests.conftest import CLAUDE_TRAILER

pytestmark = pytest.mark.core_rules  # changes here carry no review record


def test_not_a_repository(tmp_path, run, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("check", "--staged")
    assert result.code == 2
    assert result.err.startswith("agentlint: error: not inside a git repository")
    assert "Traceback" not in result.err


def test_git_missing(seeded, run, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    result = run("check", "--staged")
    assert result.code == 2
    assert "git was not found on PATH" in result.err


def test_unknown_base(seeded, run):
    result = run("check", "--range", "origin/nope..HEAD")
    assert result.code == 2
    assert "unknown BASE 'origin/nope'" in result.err
    assert "fetch-depth: 0" in result.err


def test_unknown_commit(seeded, run):
    result = run("check", "--commit", "deadbeef")
    assert result.code == 2 and "unknown commit 'deadbeef'" in result.err


def test_option_like_revision_is_rejected(seeded, run):
    result = run("check", "--commit=--output=/tmp/x")
    assert result.code == 2 and "is not a revision" in result.err


@pytest.fixture
def shallow(seeded, tmp_path):
    for n in range(3):
        seeded.commit(f"c{n}", files={f"f{n}.txt": f"{n}\n"})
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{seeded.path}", str(clone)], check=True
    )
    return clone


def test_shallow_clone_range_names_fetch_depth(shallow, run, monkeypatch):
    monkeypatch.chdir(shallow)
    result = run("check", "--range", "HEAD~2..HEAD")
    assert result.code == 2
    assert "shallow" in result.err and "fetch-depth: 0" in result.err


def test_shallow_clone_with_present_base_still_fails_closed(shallow, run, monkeypatch):
    monkeypatch.chdir(shallow)
    result = run("check", "--range", "HEAD..HEAD")
    assert result.code == 2 and "shallow" in result.err


def test_shallow_clone_commit_at_the_edge(shallow, run, monkeypatch):
    monkeypatch.chdir(shallow)
    result = run("check", "--commit", "HEAD")
    assert result.code == 2 and "edge of a shallow clone" in result.err


def test_unrelated_histories(seeded, run):
    seeded.git("checkout", "-q", "--orphan", "other")
    seeded.commit("orphan", files={"x": "1\n"})
    result = run("check", "--range", "main..other")
    assert result.code == 2 and "share no history" in result.err


@pytest.mark.parametrize(
    "config, expect",
    [
        ("categories: [\n", "invalid YAML"),
        ("categoris: {}\n", "unknown key 'categoris'"),
        ("enforce: sometimes\n", "enforce: 'sometimes' is not allowed"),
        ("a: 1\na: 2\n", "duplicate key"),
        ("minimum_version: '>=99'\n", "needs agentlint >=99"),
        ("minimum_version: 'not a version'\n", "is not a PEP 440"),
        ("- just\n- a list\n", "must be a mapping"),
        ("categories:\n  ci:\n    paths: ['']\n", "minLength"),
    ],
)
def test_bad_config_at_base_is_exit_2(seeded, run, config, expect):
    seeded.commit("bad config", files={".agentlint.yaml": config})
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.commit(f"agent\n\n{CLAUDE_TRAILER}", files={"a.py": "1\n"})
    result = run("check", "--range", f"{base}..HEAD")
    assert result.code == 2, result
    assert expect in result.err
    assert ".agentlint.yaml (at " in result.err
    assert result.out == ""


def test_oversized_config(seeded, run):
    seeded.commit("huge", files={".agentlint.yaml": "# x\n" * 100_000})
    result = run("check", "--staged")
    assert result.code == 2 and "too large" in result.err


def test_config_with_invalid_utf8(seeded, run):
    seeded.commit("binary", files={".agentlint.yaml": b"enforce: \xff\n"})
    result = run("check", "--staged")
    assert result.code == 2 and "not valid UTF-8" in result.err


def test_unreadable_config_flag(seeded, run, tmp_path):
    result = run("check", "--config", str(tmp_path / "missing.yaml"))
    assert result.code == 2 and "cannot read the config" in result.err


def test_unreadable_message_file(seeded, run, tmp_path):
    result = run("check", "--staged", "--message-file", str(tmp_path / "nope"))
    assert result.code == 2 and "cannot read the message file" in result.err


def test_binary_files_and_odd_names(seeded, run):
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.write(b"weird \xff name.env", "X=1\n")
    seeded.write("new\nline/.env", "X=1\n")
    seeded.write("with space/secrets.json", "{}\n")
    seeded.write("img.png", b"\x89PNG\x00\x01\x02" * 100)
    sha = seeded.commit(f"agent\n\n{CLAUDE_TRAILER}")[:12]
    result = run("check", "--range", f"{base}..HEAD")
    assert result.code == 1
    assert sorted(line.replace(f"({sha}) ", "") for line in result.lines[:-1]) == sorted(
        [
            "\"new\\nline/.env\": AL205 agents may not touch this path (category 'secrets', "
            "pattern '*.env'); remove it from the change (and rotate the secret if it was real)",
            "\"weird \\377 name.env\": AL205 agents may not touch this path (category 'secrets', "
            "pattern '*.env'); remove it from the change (and rotate the secret if it was real)",
            "with space/secrets.json: AL205 agents may not touch this path (category 'secrets', "
            "pattern 'secrets.json'); remove it from the change (and rotate the secret if it was "
            "real)",
        ]
    )
    data = json.loads(run("check", "--range", f"{base}..HEAD", "--format", "json").out)
    assert "weird \\xff name.env" in {f["path"] for f in data["findings"]}


def test_submodule_is_a_path_like_any_other(seeded, run, tmp_path):
    sub = tmp_path / "sub"
    subprocess.run(["git", "init", "-q", str(sub)], check=True)
    subprocess.run(["git", "-C", str(sub), "commit", "-q", "--allow-empty", "-m", "s"], check=True)
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.git("submodule", "add", "-q", str(sub), "deploy")
    seeded.commit(f"agent adds submodule\n\n{CLAUDE_TRAILER}")
    result = run("check", "--range", f"{base}..HEAD")
    assert result.code == 1
    assert {line.split(":")[0] for line in result.lines[:-1]} == {"deploy"}


def test_internal_error_is_exit_2_without_traceback(seeded, run, monkeypatch):
    from agentlint.commands import check

    def boom(*_args):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(check, "run", boom)
    result = run("check")
    assert result.code == 2
    assert result.err.startswith("agentlint: internal error: RuntimeError: kaboom")


def test_keyboard_interrupt_is_130(seeded, run, monkeypatch):
    from agentlint.commands import check

    def interrupted(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(check, "run", interrupted)
    assert run("check").code == 130


def test_usage_error_is_exit_2(run):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "xml"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["check", "--staged", "--commit", "HEAD"])
    assert exc.value.code == 2


@pytest.mark.parametrize(
    "argv", [("check", "--commit", "HEAD"), ("check", "--range", "HEAD~1..HEAD")]
)
def test_empty_repository_commit_and_range(repo, run, argv):
    result = run(*argv)
    assert result.code == 2
    assert "unknown" in result.err and "Traceback" not in result.err


def test_explain_in_empty_repository(repo, run):
    result = run("explain", ".env")
    assert result.code == 0 and ".env: block (secrets)" in result.out


def test_root_commit_range_from_empty_base_via_pre_push(repo, run, monkeypatch):
    repo.commit("only human", files={"a.py": "1\n"})
    monkeypatch.setenv("PRE_COMMIT_REMOTE_NAME", "origin")
    monkeypatch.setenv("PRE_COMMIT_LOCAL_BRANCH", "refs/heads/main")
    result = run("check")
    assert (result.code, result.lines) == (0, ["All checks passed: 1 commit (0 by agents)."])


def test_unwritable_output_file(seeded, run, tmp_path):
    result = run("check", "-o", str(tmp_path / "missing-dir" / "report.txt"))
    assert result.code == 2 and "cannot write the report" in result.err


def test_broken_pipe_exits_quietly(seeded, run, monkeypatch):
    from agentlint import cli
    from agentlint.commands import check

    def broken(*_args):
        raise BrokenPipeError

    redirected = []
    monkeypatch.setattr(check, "run", broken)
    monkeypatch.setattr(cli.sys.stdout, "fileno", lambda: 1)
    monkeypatch.setattr(cli.os, "dup2", lambda src, dst: redirected.append(dst))
    result = run("check")
    assert (result.code, result.err, redirected) == (2, "", [1])
