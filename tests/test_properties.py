"""Property-based tests: random and mutated configs, commit messages and path names go
through the real entry points, and never produce a traceback or a silent pass."""

from __future__ import annotations

import json
import string

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from agentlint import message
from agentlint.cli import main
from agentlint.errors import AgentlintError
from agentlint.policy.load import compile_text

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=20),
    st.sampled_from(
        [
            "approval",
            "block",
            "agents",
            "all",
            "*.yml",
            "@",
            "alice@example.com",
            ">=0.1",
            "!!python/object",
        ]
    ),
)
keys = st.sampled_from(
    [
        "categories",
        "enforce",
        "agents",
        "approvals",
        "limits",
        "severity",
        "minimum_version",
        "extends",
        "ci",
        "paths",
        "posture",
        "approvers",
        "exclude",
        "detectors",
        "name",
        "emails",
        "AL201",
        "x",
    ]
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=20,
)


pytestmark = pytest.mark.core_rules  # changes here carry no review record


def _dump(value) -> str:
    return json.dumps(value)  # JSON is YAML, so this exercises the YAML loader


@SETTINGS
@given(yaml_values)
def test_random_config_data_loads_or_fails_cleanly(value):
    text = _dump(value).encode()
    try:
        compiled = compile_text(text, source="c.yaml")
    except AgentlintError as exc:
        assert exc.problems and all(p.what for p in exc.problems)
        return
    assert isinstance(value, dict) or value is None
    assert compiled["categories"] is not None


@SETTINGS
@given(st.binary(max_size=300))
def test_random_config_bytes_never_traceback(data):
    try:
        compile_text(data, source="c.yaml")
    except AgentlintError as exc:
        assert exc.problems


VALID = b"categories:\n  ci:\n    approvers: [alice@example.com]\n    posture: approval\n"


@SETTINGS
@given(st.integers(0, len(VALID) - 1), st.binary(min_size=1, max_size=3))
def test_mutated_config_fails_cleanly(position, junk):
    text = VALID[:position] + junk + VALID[position + 1 :]
    try:
        compile_text(text, source="c.yaml")
    except AgentlintError as exc:
        assert exc.problems


@SETTINGS
@given(st.text(max_size=200), st.sampled_from(["#", ";", "%"]))
def test_message_cleanup_drops_every_comment_line(text, char):
    cleaned = message.clean(text, char)
    assert not any(line.startswith(char) for line in cleaned.split("\n"))
    assert message.clean(cleaned, char) == cleaned  # idempotent, as git's stripspace


@SETTINGS
@given(st.text(alphabet=string.printable + "é\u2028\x85", max_size=300))
def test_random_commit_message_through_check(seeded, run, tmp_path_factory, text):
    assume(message.SCISSORS not in text)
    seeded.add(".env")
    msg = tmp_path_factory.mktemp("m") / "MSG"
    msg.write_bytes(
        f"subject\n\n{text}\n\nCo-authored-by: Claude <noreply@anthropic.com>\n".encode()
    )
    result = run("check", "--staged", "--message-file", str(msg))
    # whatever comes before it, a trailer paragraph at the end marks the agent: no silent pass
    assert result.code == 1, result
    assert ".env: AL205" in result.out


path_chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\0/")
segments = st.text(alphabet=path_chars, min_size=1, max_size=12).filter(
    lambda s: s not in (".", "..", ".git")
)


@SETTINGS
@given(st.lists(segments, min_size=1, max_size=3))
def test_random_path_names_through_check(seeded, run, monkeypatch, parts):
    monkeypatch.setenv("CLAUDECODE", "1")
    name = "/".join(parts)
    try:
        seeded.add(name, content="X=1\n")
    except (OSError, AssertionError):
        return  # the file system or git refused the name: nothing to check
    blocked = seeded.path / "secret.pem"
    blocked.write_text("K\n")
    seeded.git("add", "-A")
    result = run("check", "--staged", "--format", "json")
    seeded.git("reset", "-q")
    assert result.code == 1, result
    paths = {f["path"] for f in json.loads(result.out)["findings"]}
    assert "secret.pem" in paths


@SETTINGS
@given(st.lists(st.text(max_size=30), max_size=4))
def test_random_arguments_never_traceback(argv):
    try:
        code = main(["explain", "--", *argv]) if argv else 0
    except SystemExit as exc:
        code = exc.code
    assert code in (0, 2)


@SETTINGS
@given(st.binary(max_size=400))
def test_random_config_through_validate_config_cli(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("cfg") / ".agentlint.yaml"
    path.write_bytes(data)
    try:
        code = main(["validate-config", str(path)])
    except SystemExit as exc:  # pragma: no cover - argparse only exits on bad flags
        code = exc.code
    assert code in (0, 2)


@SETTINGS
@given(st.integers(0, len(VALID) - 1), st.binary(min_size=1, max_size=3))
def test_mutated_config_at_head_never_passes_silently(seeded, run, position, junk):
    text = VALID[:position] + junk + VALID[position + 1 :]
    seeded.write(".agentlint.yaml", text)
    seeded.git("add", ".agentlint.yaml")
    seeded.git("commit", "-q", "--allow-empty", "-m", "policy")
    seeded.add(".env")
    result = run("check", "--staged", "--message-file", "/dev/null")
    seeded.git("reset", "-q")
    assert "Traceback" not in result.err and "internal error" not in result.err
    # either the policy loaded (and the human change passes) or loading failed loudly
    assert (result.code, result.err == "") in ((0, True), (2, False))


attr_lines = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "*",
                "*.ts",
                "gen/**",
                "/gen/*.ts",
                "a b",
                "[x]",
                "**/",
                "!neg",
                "#c",
                '"q"',
                "[attr]m",
                "gen/",
                '"gen/a.ts"',
                '"g\\145n/*.ts"',
                "[attr]m linguist-generated\ngen/*",
                "[attr]m -linguist-generated\ngen/*",
                "gen/* m\n[attr]m",
            ]
        ),
        st.sampled_from(
            [
                "linguist-generated",
                "-linguist-generated",
                "linguist-generated=false",
                "!linguist-generated",
                "text",
                "binary",
                "linguist-generated=true",
                "m",
                "-m",
                "linguist-generated=yes",
            ]
        ),
    ),
    max_size=6,
)


@SETTINGS
@given(attr_lines, st.binary(max_size=40))
def test_random_gitattributes_through_check(seeded, run, lines, junk):
    """agentlint's `generated` category agrees with git's own reading of the file at BASE,
    macros and quoted patterns included."""
    text = "\n".join(f"{p} {a}" for p, a in lines).encode() + b"\n" + junk
    text = text.decode("utf-8", "replace")
    base = seeded.commit("attrs", files={".gitattributes": text})
    said = seeded.git("check-attr", "linguist-generated", "--", "gen/a.ts").rsplit(": ", 1)[1]
    seeded.commit(
        "agent\n\nCo-authored-by: Claude <noreply@anthropic.com>",
        files={"gen/a.ts": f"{base}\n", ".gitattributes": ""},  # changed in every example
    )
    result = run("check", "--range", f"{base}..HEAD", "--format", "json")
    assert result.code in (0, 1) and "internal error" not in result.err
    findings = json.loads(result.out)["findings"]
    generated = any(f["category"] == "generated" and f["path"] == "gen/a.ts" for f in findings)
    assert generated == (said.strip() not in ("unspecified", "unset", "false")), (text, said)


@SETTINGS
@given(st.text(alphabet=string.ascii_letters + string.digits + "~^.:/@{}-_ ", max_size=20))
def test_random_revisions_through_check(seeded, run, spec):
    result = run("check", f"--range={spec}")
    assert result.code in (0, 1, 2), result
    assert "internal error" not in result.err and "Traceback" not in result.err
    if result.code == 2:
        assert result.err.startswith("agentlint: error: ")


odd_names = st.lists(
    st.binary(min_size=1, max_size=6).filter(lambda b: b"/" not in b and b"\0" not in b),
    min_size=1,
    max_size=4,
    unique=True,
)


@settings(SETTINGS, max_examples=25)
@given(odd_names)
def test_test_files_with_any_name_do_not_hide_a_weakening(seeded, run, names):
    """Whatever bytes the other test files' names hold (newlines, CRs, invalid UTF-8),
    the weakened file is still read and reported, and nothing crashes."""
    cart = "def test_total():\n    assert total([1, 2]) == 3\n    assert total([]) == 0\n"
    base = seeded.commit("base", files={"tests/test_cart.py": cart})
    for name in names:
        seeded.write(b"tests/test_" + name + b".py", "def test_x():\n    assert f(1) == 2\n")
    seeded.commit(
        "agent\n\nCo-authored-by: Claude <noreply@anthropic.com>",
        files={"tests/test_cart.py": cart.replace("    assert total([]) == 0\n", "")},
    )
    result = run("check", "--range", f"{base}..HEAD", "--select", "AL3", "--format", "json")
    assert "internal error" not in result.err, result
    found = json.loads(result.out)["findings"]
    assert [(f["code"], f["path"]) for f in found] == [("AL303", "tests/test_cart.py")], result
