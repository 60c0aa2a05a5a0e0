"""Hostile inputs: file names, .gitattributes and patterns an agent crafts so that a check
reads the wrong thing, hangs or crashes. Each test is one attempt through the real CLI
against a real repository, and must end in the right verdict (a finding, a clean pass, or
exit 2 with a clear message) within a time bound."""

from __future__ import annotations

import json
import os
import time

import pytest

from tests.conftest import CLAUDE_TRAILER

CART = (
    "from cart import total\n\n\n"
    "def test_total():\n"
    "    assert total([1, 2]) == 3\n"
    "    assert total([]) == 0\n"
)
WEAKER = CART.replace("    assert total([]) == 0\n", "")
OTHER = "def test_other():\n    assert 1 + 1 == 2\n"


def _agent(repo, files: dict[str, str]) -> str:
    return repo.commit(f"agent change\n\n{CLAUDE_TRAILER}", files=files)


# --- item 4: a file name that shifts git cat-file's line-based replies -------------------


@pytest.mark.parametrize("odd", ["tests/test_a\n.py", "tests/test_a\nb\n.py"])
def test_newline_in_a_test_file_name_does_not_hide_a_weakening(repo, run, odd):
    base = repo.commit("base", files={"tests/test_cart.py": CART})
    _agent(repo, {odd: OTHER, "tests/test_cart.py": WEAKER})
    result = run("check", "--range", f"{base}..HEAD", "--select", "AL3")
    assert result.code == 1, result
    assert result.codes() == ["AL303"]
    assert result.lines[0].startswith("tests/test_cart.py:4: AL303")


def test_newline_in_a_staged_test_file_name_does_not_hide_a_weakening(repo, run, monkeypatch):
    repo.commit("base", files={"tests/test_cart.py": CART})
    repo.add("tests/test_a\n.py", content=OTHER)
    repo.add("tests/test_cart.py", content=WEAKER)
    monkeypatch.setenv("CLAUDECODE", "1")
    result = run("check", "--staged", "--select", "AL3")
    assert result.codes() == ["AL303"], result


def test_names_git_would_misread_on_a_line_are_read_exactly(repo):
    """git drops a trailing CR from a line-based request, and a newline splits it: such
    names go NUL-terminated, so each reads its own file."""
    from agentlint.change import extras

    names = {"a.py": "plain\n", "a.py\r": "cr\n", "a\n.py": "nl\n", "a\nb\r": "both\n"}
    repo.commit("base", files=names)
    objects = extras.fetch([f"HEAD:{n}" for n in names] + ["HEAD:a\nmissing"])
    assert {n: objects[f"HEAD:{n}"].content.decode() for n in names} == names
    assert objects["HEAD:a\nmissing"] is None


def test_a_reply_that_does_not_match_the_request_is_an_error():
    from agentlint import git
    from agentlint.errors import AgentlintError

    sha = "a" * 40
    good = f"{sha} blob 2\nx\n\nHEAD:b missing\n".encode()
    assert git.parse_batch(good, ["HEAD:a", "HEAD:b"])["HEAD:b"] is None
    for bad in (
        good[:-1],  # cut short
        good + b"extra\n",  # more than was asked
        f"{sha} blob 2\nx\n\nHEAD:c missing\n".encode(),  # another name
        f"{sha} blob 9\nx\n".encode(),  # shorter than announced
    ):
        with pytest.raises(AgentlintError, match="does not match what was asked"):
            git.parse_batch(bad, ["HEAD:a", "HEAD:b"])
    with pytest.raises(AgentlintError, match="does not match what was asked"):
        git.parse_batch(f"{'b' * 40} blob 1\nx\n".encode(), [sha])  # another object


# --- item 7: .gitattributes read as git reads it ------------------------------------------

GENERATED = "categories:\n  generated:\n    approvers: [alice@example.com]\n"


def _generated_range(repo, run, attributes: str):  # type: ignore[no-untyped-def]
    """An agent edits src/client/api.py under these .gitattributes; the AL2 verdict."""
    files = {".agentlint.yaml": GENERATED, ".gitattributes": attributes, "src/client/api.py": "A\n"}
    base = repo.commit("base", files=files)
    _agent(repo, {"src/client/api.py": "A = 2\n"})
    return run("check", "--range", f"{base}..HEAD", "--select", "AL2")


@pytest.mark.parametrize(
    "attributes",
    [
        "[attr]gen linguist-generated\nsrc/client/*.py gen\n",
        '"src/client/*.py" linguist-generated\n',
        '"src/cli\\145nt/*.py" linguist-generated=true\n',
        "[attr]gen linguist-generated\n[attr]made gen\nsrc/client/** made\n",
    ],
    ids=["macro", "quoted", "quoted-escape", "nested-macro"],
)
def test_a_file_marked_generated_through_a_macro_or_quoted_pattern_needs_approval(
    repo, run, attributes
):
    base = repo.commit(
        "base",
        files={
            ".agentlint.yaml": GENERATED,
            ".gitattributes": attributes,
            "src/client/api.py": "A = 1\n",
        },
    )
    _agent(repo, {"src/client/api.py": "A = 2\n"})
    result = run("check", "--range", f"{base}..HEAD", "--select", "AL2")
    assert result.code == 1, result
    assert result.codes() == ["AL201"]
    assert "'generated'" in result.out


@pytest.mark.parametrize(
    "attributes",
    [
        "[attr]gen linguist-generated\nsrc/client/*.py gen\nsrc/client/api.py -gen\n",
        "src/client/*.py linguist-generated\nsrc/client/api.py linguist-generated=false\n",
        "src/client/*.py linguist-generated\nsrc/client/api.py !linguist-generated\n",
        "[attr]gen linguist-generated\nsrc/other/*.py gen\n",
    ],
    ids=["macro-unset", "false", "unspecified", "elsewhere"],
)
def test_a_file_unmarked_again_is_not_generated(repo, run, attributes):
    assert _generated_range(repo, run, attributes).code == 0


def test_a_macro_in_a_nested_attributes_file_is_ignored_as_git_ignores_it(repo, run):
    """git honours `[attr]` lines only in the top-level file."""
    base = repo.commit(
        "base",
        files={
            ".agentlint.yaml": GENERATED,
            "src/.gitattributes": "[attr]gen linguist-generated\nclient/*.py gen\n",
            "src/client/api.py": "A = 1\n",
        },
    )
    _agent(repo, {"src/client/api.py": "A = 2\n"})
    assert run("check", "--range", f"{base}..HEAD", "--select", "AL2").code == 0


def test_staged_macro_mark_and_an_unmarking_change_are_both_seen(repo, run, monkeypatch):
    repo.commit(
        "base",
        files={
            ".agentlint.yaml": GENERATED,
            ".gitattributes": "[attr]gen linguist-generated\nsrc/client/*.py gen\n",
            "src/client/api.py": "A = 1\n",
        },
    )
    monkeypatch.setenv("CLAUDECODE", "1")
    repo.add("src/client/api.py", content="A = 2\n")
    assert "'generated'" in run("check", "--staged", "--select", "AL2").out
    # the agent also drops the mark in the same change: the side before still marks it
    repo.add(".gitattributes", content="")
    result = run("check", "--staged", "--select", "AL2")
    assert "src/client/api.py: AL201" in result.out, result


def test_the_guard_sees_a_macro_mark_at_head(repo, hook):
    repo.commit(
        "base",
        files={
            ".agentlint.yaml": GENERATED,
            ".gitattributes": '[attr]gen linguist-generated\n"src/client/*.py" gen\n',
            "src/client/api.py": "A = 1\n",
        },
    )
    result = hook(_edit(repo, str(repo.path / "src" / "client" / "api.py")))
    assert result.code == 0
    assert json.loads(result.out)["hookSpecificOutput"]["permissionDecision"] == "ask"
    assert "generated" in result.out


def test_explain_names_the_macro_mark(repo, run):
    repo.commit(
        "base",
        files={
            ".gitattributes": "[attr]gen linguist-generated\nsrc/client/*.py gen\n",
            "src/client/api.py": "A = 1\n",
        },
    )
    result = run("explain", "src/client/api.py")
    assert "src/client/api.py: approval (generated)" in result.out, result
    assert "gitattributes: linguist-generated" in result.out


def test_explain_from_a_subfolder(repo, run, monkeypatch):
    repo.commit(
        "base",
        files={
            ".gitattributes": '"src/client/*.py" linguist-generated\n',
            "src/client/api.py": "A = 1\n",
        },
    )
    monkeypatch.chdir(repo.path / "src")
    assert "src/client/api.py: approval (generated)" in run("explain", "client/api.py").out


def _edit(repo, path: str) -> dict[str, object]:
    from tests.guard.conftest import event

    return event(repo, "Edit", {"file_path": path, "old_string": "1", "new_string": "2"})


# --- item 6b: a test file name that is not valid UTF-8 ------------------------------------

BAD = b"tests/test_\xff\xfe.py"


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_a_name_that_is_not_utf8_is_reported_not_crashed_on(repo, run, fmt):
    repo.write(BAD, CART)
    base = repo.commit("base")
    repo.write(BAD, WEAKER)
    repo.commit(f"agent\n\n{CLAUDE_TRAILER}")
    result = run("check", "--range", f"{base}..HEAD", "--select", "AL3", "--format", fmt)
    assert result.code == 1, result
    assert "Traceback" not in result.err
    if fmt == "text":
        assert result.lines[0].startswith('"tests/test_\\377\\376.py":4: AL303')
    elif fmt == "json":
        finding = json.loads(result.out)["findings"][0]
        assert finding["path"] == "tests/test_\\xff\\xfe.py"
    elif fmt == "sarif":
        uri = json.loads(result.out)["runs"][0]["results"][0]["locations"][0]
        assert uri["physicalLocation"]["artifactLocation"]["uri"] == "tests/test_%FF%FE.py"
    else:
        assert "file=tests/test_\\xff\\xfe.py,line=4" in result.out


def _process(repo, env: dict[str, str], *argv: str):  # type: ignore[no-untyped-def]
    """agentlint as its own process, as CI and hooks run it."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "agentlint", *argv]
    return subprocess.run(command, cwd=repo.path, env=env, capture_output=True, check=False)


def test_a_name_that_is_not_utf8_through_the_real_process(repo, tmp_path):
    """The real console script, with a strict ASCII locale and git's own quoting on."""
    repo.write(BAD, CART)
    base = repo.commit("base")
    repo.write(BAD, WEAKER)
    repo.write(b"tests/\xe9t\xe9/test_x.py", OTHER)
    repo.git("config", "core.quotepath", "true")
    repo.commit(f"agent\n\n{CLAUDE_TRAILER}")
    env = {**os.environ, "LC_ALL": "C", "PYTHONIOENCODING": "ascii"}
    for fmt in ("text", "json", "sarif", "github"):
        argv = ("check", "--range", f"{base}..HEAD", "--format", fmt, "--select", "AL3")
        done = _process(repo, env, *argv)
        assert done.returncode == 1, done
        assert b"Traceback" not in done.stderr, done.stderr
    explained = _process(repo, env, "explain", os.fsdecode(BAD))
    assert explained.returncode == 0, explained
    assert b'"tests/test_\\377\\376.py": ' in explained.stdout


def test_a_message_that_quotes_bytes_that_are_not_utf8(repo, tmp_path):
    """An approval trailer whose name is not UTF-8 (git stores it as Latin-1 re-encoded),
    on a CI file whose name is not UTF-8 either: every format is valid output in a strict
    UTF-8 or ASCII locale."""
    base = repo.commit("base", files={".agentlint.yaml": GENERATED.replace("generated", "ci")})
    repo.write(b".github/workflows/\xff.yml", "on: push\n")
    repo.commit(f"agent\n\n{CLAUDE_TRAILER}")
    message = tmp_path / "msg"
    message.write_bytes(b"approve\n\nApproved-by: B\xf6b <bob@example.com>\n")
    repo.git("commit", "-q", "--allow-empty", "-F", str(message))
    for encoding in ("utf-8", "ascii"):
        env = {**os.environ, "PYTHONIOENCODING": encoding}
        for fmt in ("text", "json", "sarif", "github"):
            argv = ("check", "--range", f"{base}..HEAD", "--format", fmt, "--select", "AL2")
            done = _process(repo, env, *argv)
            assert done.returncode == 1, done
            out = done.stdout.decode(encoding)
            if fmt in ("json", "sarif"):
                json.loads(out)
            if fmt == "text":
                assert out.startswith('".github/workflows/\\377.yml": AL202'), out


def test_a_name_that_is_not_utf8_staged(repo, run, monkeypatch):
    repo.write(BAD, CART)
    repo.commit("base")
    repo.add(BAD, content=WEAKER)
    monkeypatch.setenv("CLAUDECODE", "1")
    result = run("check", "--staged", "--select", "AL3", "--format", "json")
    assert json.loads(result.out)["findings"][0]["code"] == "AL303", result


@pytest.mark.parametrize("odd", ["\udcff", "\ud800", "\udfff"])
def test_the_guard_and_the_evidence_log_on_a_name_that_is_not_utf8(repo, hook, odd):
    """A payload's path may hold an escaped byte (\\udcff) or, being JSON, a lone surrogate
    that stands for no byte at all: the guard still decides, and the log still records."""
    from tests.guard.conftest import SESSION, event

    marks = "[attr]gen linguist-generated\n*.yml gen\n"  # so git is asked too
    repo.commit("base", files={"README.md": "x\n", ".gitattributes": marks})
    for folder in (".github/workflows", "src"):
        target = f"{repo.path}/{folder}/{odd}.yml"
        result = hook(_edit(repo, target))
        assert result.code == 0 and "Traceback" not in result.err, result
        if folder == "src" and odd != "\udcff":  # no bytes stand for it: git marks nothing
            assert result.out == "", result
            continue
        assert json.loads(result.out)["hookSpecificOutput"]["permissionDecision"] == "ask"
        assert ("in `ci`" if folder != "src" else "in `generated`") in result.out
    post = event(repo, "Edit", {"file_path": target}, kind="PostToolUse", tool_response={})
    assert hook(post).code == 0
    log = repo.path / ".agentlint" / "runs" / f"{SESSION}.jsonl"
    entry = json.loads(log.read_bytes().decode("utf-8", "surrogateescape"))
    assert entry["paths"] == [f"src/{odd}.yml"]


# --- item 6a: patterns that make a backtracking regex engine run for minutes -------------

HOSTILE = "*a" * 12 + "*b"
LONG = "src/report/" + "a" * 200 + ".py"


def _record(scope: list[str], changed: list[str]) -> str:
    from tests import records

    text = records.VALID_YAML.replace(
        "    - src/report/\n    - tests/report/\n",
        "".join(f"    - {json.dumps(p)}\n" for p in scope),
    )
    return text.replace(
        "changed: [src/report/totals.py, tests/report/test_totals.py]",
        f"changed: {json.dumps(changed)}",
    )


@pytest.mark.parametrize("matches", [False, True])
def test_a_record_scope_pattern_that_backtracks_is_matched_in_linear_time(repo, run, matches):
    from tests import records

    base = repo.commit("base", files={"README.md": "x\n"})
    name = LONG[:-3] + "b" if matches else LONG
    scope = [HOSTILE, ".agentlint/"] if matches else [HOSTILE, "/" + HOSTILE, ".agentlint/"]
    _agent(repo, {name: "A = 1\n", records.RECORD_PATH: _record(scope, [name])})
    start = time.perf_counter()
    result = run("check", "--range", f"{base}..HEAD", "--select", "AL104")
    assert time.perf_counter() - start < 20
    if matches:
        assert result.code == 0, result
    else:
        assert result.codes() == ["AL104"], result
        assert result.lines[0].startswith(f"{name}: AL104")


def test_a_record_tool_glob_that_backtracks_is_matched_in_linear_time(repo, run):
    from tests import records

    base = repo.commit("base", files={"README.md": "x\n"})
    text = records.VALID_YAML.replace("tools: [Read, Edit, Bash]", f"tools: [{HOSTILE!r}, Bash]")
    used = "Bash(" + "a" * 500 + ")"  # allowed by the policy's `Bash(*)`
    text = text.replace("tools_used: [Read, Edit, Bash]", f"tools_used: [{used!r}]")
    _agent(repo, {"src/report/totals.py": "T = 1\n", records.RECORD_PATH: text})
    start = time.perf_counter()
    result = run("check", "--range", f"{base}..HEAD", "--select", "AL107")
    assert time.perf_counter() - start < 20
    assert result.codes() == ["AL107", "AL107"], result  # the glob itself, and the tool used
    assert "was used but is not in the record's scope.tools" in result.out


def test_a_policy_pattern_that_backtracks_is_matched_in_linear_time(repo, run):
    policy = f"categories:\n  ci:\n    paths: [{json.dumps(HOSTILE)}]\n"
    base = repo.commit("base", files={".agentlint.yaml": policy})
    _agent(repo, {LONG: "A = 1\n", LONG[:-3] + "b": "B = 1\n"})
    start = time.perf_counter()
    result = run("check", "--range", f"{base}..HEAD", "--select", "AL2")
    assert time.perf_counter() - start < 20
    assert result.codes() == ["AL201"], result
    assert result.lines[0].startswith(LONG[:-3] + "b: AL201")
