"""AL301-AL307 through `agentlint check`, in real repositories: which changes are
measured, over which span, and how a deliberate weakening is approved."""

from __future__ import annotations

import json

from tests.conftest import ALICE, BOB, CLAUDE_TRAILER, HUMAN

TESTS_APPROVERS = "categories:\n  tests:\n    approvers: [alice@example.com]\n"
CART = (
    "from cart import total\n\n\n"
    "def test_total():\n"
    "    assert total([1, 2]) == 3\n"
    "    assert total([]) == 0\n\n\n"
    "def test_negative():\n"
    "    assert total([-1]) == -1\n"
)
WEAKER = CART.replace("    assert total([]) == 0\n", "")


def _base(repo, config: str = TESTS_APPROVERS) -> str:
    return repo.commit("base", files={".agentlint.yaml": config, "tests/test_cart.py": CART})


def _agent(repo, files: dict[str, str], message: str = "agent change") -> str:
    return repo.commit(f"{message}\n\n{CLAUDE_TRAILER}", files=files)


def check(run, *args: str):
    return run("check", *args, "--select", "AL3")


def test_staged_agent_weakening_is_reported_with_test_and_line(repo, run, monkeypatch):
    _base(repo)
    repo.add("tests/test_cart.py", content=WEAKER)
    monkeypatch.setenv("CLAUDECODE", "1")
    result = check(run, "--staged")
    assert result.code == 0  # pending at the local stage: CI enforces it
    assert result.lines[0].startswith(
        "tests/test_cart.py:4: AL303 [warning] test `test_total` checks less than before "
        "(2 check(s) before, 1 now): lost `assert total([]) == 0` (line 6)"
    )
    assert result.lines[0].endswith(
        "pending: if the weakening is deliberate, it needs an approval from one of "
        "alice@example.com before merge (`agentlint approve` after this commit), and CI "
        "enforces it"
    )


def test_approvals_local_block_makes_pending_weakenings_errors(repo, run, monkeypatch):
    _base(repo, TESTS_APPROVERS + "approvals:\n  local: block\n")
    repo.add("tests/test_cart.py", content=WEAKER)
    monkeypatch.setenv("CLAUDECODE", "1")
    result = check(run, "--staged")
    assert result.code == 1
    assert result.lines[0].startswith("tests/test_cart.py:4: AL303 test `test_total`")
    assert (
        "an approver of the `tests` category (alice@example.com) runs `agentlint approve`"
        in (result.lines[0])
    )


def test_human_changes_are_not_judged(repo, run):
    _base(repo)
    repo.add("tests/test_cart.py", content=WEAKER)
    assert check(run, "--staged").code == 0


def test_commit_mode_and_json_location(repo, run):
    _base(repo)
    sha = _agent(repo, {"tests/test_cart.py": WEAKER})
    result = run("check", "--commit", sha, "--select", "AL3", "--format", "json")
    assert result.code == 1
    finding = json.loads(result.out)["findings"][0]
    assert finding["code"] == "AL303"
    assert (finding["path"], finding["line"], finding["commit"]) == ("tests/test_cart.py", 4, sha)
    assert finding["category"] == "tests"


def test_range_compares_base_with_head(repo, run):
    base = _base(repo)
    _agent(repo, {"tests/test_cart.py": WEAKER}, "weaken")
    _agent(repo, {"tests/test_cart.py": CART}, "restore")
    assert check(run, "--range", f"{base}..HEAD").code == 0  # undone later in the branch
    _agent(repo, {"tests/test_cart.py": CART.replace("def test_negative", "def test_neg")})
    assert check(run, "--range", f"{base}..HEAD").code == 0  # a rename is honest
    _agent(repo, {"tests/test_cart.py": "\n"})
    result = check(run, "--range", f"{base}..HEAD")
    assert result.codes() == ["AL302", "AL302"]


def test_weakening_in_a_human_commit_of_the_range_is_not_judged(repo, run):
    base = _base(repo)
    repo.commit("human", files={"tests/test_cart.py": WEAKER})
    _agent(repo, {"src/cart.py": "x = 1\n"})
    assert check(run, "--range", f"{base}..HEAD").code == 0


def test_deleted_and_renamed_test_files(repo, run):
    base = _base(repo)
    repo.git("mv", "tests/test_cart.py", "tests/test_money.py")
    _agent(repo, {})
    assert check(run, "--range", f"{base}..HEAD").code == 0
    repo.git("rm", "-q", "tests/test_money.py")
    _agent(repo, {})
    result = check(run, "--range", f"{base}..HEAD")
    assert result.codes() == ["AL301"]
    assert "2 of its tests (`test_total`, `test_negative`)" in result.lines[0]


def test_approval_by_a_tests_approver_accepts_the_weakening(repo, run):
    base = _base(repo)
    _agent(repo, {"tests/test_cart.py": WEAKER})
    repo.approve(ALICE)
    assert check(run, "--range", f"{base}..HEAD").code == 0


def test_approvals_that_do_not_count(repo, run):
    base = _base(repo)
    _agent(repo, {"tests/test_cart.py": WEAKER})
    repo.approve(BOB)
    result = check(run, "--range", f"{base}..HEAD")
    assert result.code == 1
    assert "Bob Builder <bob@example.com> is not an approver of 'tests'" in result.out
    # the agent cannot approve its own weakening in its message
    _agent(
        repo,
        {"tests/test_cart.py": WEAKER + "\n"},
        "again\n\nApproved-by: Alice <alice@example.com>",
    )
    assert check(run, "--range", f"{base}..HEAD").code == 1


def test_an_approval_before_a_later_weakening_is_stale(repo, run):
    base = _base(repo)
    _agent(repo, {"tests/test_cart.py": WEAKER})
    repo.approve(ALICE)
    _agent(
        repo, {"tests/test_cart.py": WEAKER.replace("    assert total([-1]) == -1\n", "    pass\n")}
    )
    result = check(run, "--range", f"{base}..HEAD")
    assert result.code == 1
    assert "predates a later change" in result.out


def test_the_change_cannot_make_itself_an_approver(repo, run):
    base = _base(repo, "{}\n")
    _agent(
        repo,
        {
            "tests/test_cart.py": WEAKER,
            ".agentlint.yaml": "categories:\n  tests:\n    approvers: [hannah@example.com]\n",
        },
    )
    repo.approve(HUMAN)
    result = check(run, "--range", f"{base}..HEAD")
    assert result.code == 1
    assert "is not an approver of 'tests' (approvers: nobody" in result.out


SPEC = "describe('c', () => {\n  it('a', () => {\n    expect(f()).toBe(1);\n  });\n});\n"


def test_every_marker_rule_through_check(repo, run, monkeypatch):
    repo.commit(
        "base",
        files={"src/cart.test.ts": SPEC, "tests/test_x.py": "def test_x():\n    assert f() == 1\n"},
    )
    repo.add("src/cart.test.ts", content=SPEC.replace("it(", "it.only("))
    repo.add(
        "tests/test_x.py",
        content=(
            "import pytest\n\n\n@pytest.mark.xfail\ndef test_x():\n    assert True\n"
            "    try:\n        assert f() == 1\n    except Exception:\n        pass\n"
        ),
    )
    monkeypatch.setenv("CLAUDECODE", "1")
    result = check(run, "--staged")
    assert sorted(result.codes()) == ["AL304", "AL305", "AL306", "AL307"]


def test_severity_and_selection_apply(repo, run, monkeypatch):
    _base(repo, "severity:\n  AL303: warning\n")
    repo.add("tests/test_cart.py", content=WEAKER)
    monkeypatch.setenv("CLAUDECODE", "1")
    assert check(run, "--staged").code == 0  # a warning does not fail
    assert run("check", "--staged", "--select", "AL304").code == 0


def test_non_test_files_binary_and_unknown_languages_are_ignored(repo, run, monkeypatch):
    repo.commit(
        "base",
        files={
            "tests/data.json": "{}\n",
            "tests/test_x.rb": "x\n",
            "src/app.py": "def test_x():\n    assert 1 == 1\n",
        },
    )
    repo.add("tests/data.json", content="[]\n")
    repo.add("tests/test_x.rb", content="y\n")
    repo.add("src/app.py", content="def test_x():\n    pass\n")
    repo.add("tests/test_bin.py", content=b"\x00\x01\x02" * 100)
    monkeypatch.setenv("CLAUDECODE", "1")
    assert check(run, "--staged").code == 0


def test_odd_file_names_and_a_first_commit(repo, run, monkeypatch):
    monkeypatch.setenv("CLAUDECODE", "1")
    repo.add("tests/test_ünï cödé.py", content="def test_a():\n    assert True\n")
    # pytest does not collect this one (`test_*.py`): what it holds never runs
    repo.add("tests/test ünï.py", content="def test_b():\n    assert True\n")
    result = check(run, "--staged")  # no HEAD yet: everything is new
    assert result.codes() == ["AL306"]
    assert result.lines[0].startswith("tests/test_ünï cödé.py:2: AL306")


def test_the_git_calls_stay_bounded(repo, run, monkeypatch, tmp_path):
    """Test files come from the cat-file that read the policy, with the record and
    .gitattributes: one cat-file process for the whole check."""
    _base(repo)
    repo.add("tests/test_cart.py", content=WEAKER)
    repo.add("tests/test_more.py", content="def test_m():\n    assert 1\n")
    monkeypatch.setenv("CLAUDECODE", "1")
    trace = tmp_path / "trace"
    monkeypatch.setenv("GIT_TRACE", str(trace))
    check(run, "--staged")
    lines = trace.read_text().splitlines()
    assert sum(" trace: built-in: git cat-file" in line for line in lines) == 1


SPEC_TS = "".join(
    f"  it('adds {k} days', () => {{\n"
    f"    expect(addDays(new Date(2020, 0, 1), {k}).getDate()).toBe({k + 1})\n  }})\n"
    for k in range(20)
)


def test_co_located_test_ts_and_django_tests_py_are_measured(repo, run):
    spec = "describe('addDays', () => {\n" + SPEC_TS + "})\n"
    django = "from django.test import TestCase\n\n\nclass PollTests(TestCase):\n" + "".join(
        f"    def test_q{k}(self):\n        self.assertEqual(question({k}).votes, {k})\n\n"
        for k in range(10)
    )
    _base(repo)
    repo.commit("more", files={"src/addDays/test.ts": spec, "polls/tests.py": django})
    _agent(
        repo,
        {
            "src/addDays/test.ts": spec.replace(
                "    expect(addDays(new Date(2020, 0, 1), 3).getDate()).toBe(4)\n", ""
            ),
            "polls/tests.py": django.replace("self.assertEqual(question(4).votes, 4)", "pass"),
        },
    )
    result = check(run, "--commit", "HEAD")
    assert result.codes() == ["AL303", "AL303"]
    assert {line.split(":")[0] for line in result.lines[:-1]} == {
        "polls/tests.py",
        "src/addDays/test.ts",
    }


def test_a_file_that_defines_tests_is_measured_wherever_it_is(repo, run):
    suite = "import unittest\n\n\nclass Checks(unittest.TestCase):\n" + "".join(
        f"    def test_{k}(self):\n        self.assertEqual(f({k}), {k * 2})\n\n" for k in range(10)
    )
    _base(repo)
    repo.commit(
        "more", files={"app/selfcheck.py": suite, "app/other.py": "def helper():\n    return 1\n"}
    )
    _agent(
        repo,
        {
            "app/selfcheck.py": suite.replace(
                "        self.assertEqual(f(5), 10)\n", "        pass\n"
            )
        },
    )
    assert check(run, "--commit", "HEAD").codes() == ["AL303"]


def test_a_test_file_renamed_out_of_collection_is_deleted(repo, run):
    _base(repo)
    repo.git("mv", "tests/test_cart.py", "tests/cart_disabled.py")
    _agent(repo, {})
    result = check(run, "--commit", "HEAD")
    assert result.codes() == ["AL301"]
    assert result.lines[0].startswith("tests/cart_disabled.py: AL301")


def test_rust_helpers_in_another_changed_file(repo, run):
    """`utils::assert_error(...)` from `tests/builder/utils.rs`: when both files change, the
    call checks what the helper checks (clap's switch from inline asserts to its helper)."""
    utils = (
        "pub(crate) fn assert_error(err: Error, kind: ErrorKind, expected: &str) {\n"
        "    assert_eq!(kind, err.kind());\n    assert_eq!(expected, err.to_string());\n}\n"
    )
    inline = "".join(
        f"#[test]\nfn missing_value_{k}() {{\n"
        f'    let err = cmd().try_get_matches_from(["", "-{k}"]).unwrap_err();\n'
        "    assert_eq!(err.kind(), ErrorKind::InvalidValue);\n"
        f'    assert!(err.to_string().contains("-{k} <opt>"));\n}}\n\n'
        for k in range(12)
    )
    helper = inline.replace("    assert_eq!(err.kind(), ErrorKind::InvalidValue);\n", "")
    helper = "".join(
        line
        if "assert!(err" not in line
        else line.replace(
            "assert!(err.to_string().contains(",
            "utils::assert_error(err, ErrorKind::InvalidValue, ",
        ).replace('"));', '");')
        for line in helper.splitlines(keepends=True)
    )
    _base(repo)
    repo.commit("rust", files={"tests/builder/values.rs": inline, "tests/builder/utils.rs": "\n"})
    _agent(repo, {"tests/builder/values.rs": helper, "tests/builder/utils.rs": utils})
    assert check(run, "--commit", "HEAD").codes() == []
    weaker = utils.replace("    assert_eq!(kind, err.kind());\n", "")
    _agent(repo, {"tests/builder/values.rs": inline, "tests/builder/utils.rs": "\n"})
    _agent(repo, {"tests/builder/values.rs": helper, "tests/builder/utils.rs": weaker})
    assert check(run, "--commit", "HEAD").codes() == ["AL303"] * 12  # each caller lost it
