"""Merging a config over the built-in policy, and compiling it."""

from __future__ import annotations

import marshal

import pytest

from agentlint import cache
from agentlint.errors import AgentlintError
from agentlint.policy import load


def _compile(text: str) -> dict:
    return load.compile_text(text.encode(), source="c.yaml")


def _category(compiled: dict, name: str) -> dict:
    return next(c for c in compiled["categories"] if c["name"] == name)


def test_given_keys_replace_and_extend_keys_add():
    compiled = _compile(
        "categories:\n  ci:\n    approvers: [Alice@Example.com]\n    extend_paths: [ops/ci/]\n"
        "  secrets:\n    exclude: [fixtures/]\n"
    )
    ci = _category(compiled, "ci")
    assert ci["approvers"] == ["alice@example.com"]
    assert ci["posture"] == "approval" and ci["origin"] == "built-in, changed by config"
    assert [p[0] for p in ci["paths"]][-1] == "ops/ci/"
    assert [p[0] for p in _category(compiled, "secrets")["exclude"]] == ["fixtures/"]


def test_enabled_false_removes_a_category():
    names = [
        c["name"] for c in _compile("categories:\n  auth:\n    enabled: false\n")["categories"]
    ]
    assert "auth" not in names and "ci" in names


def test_extends_none_starts_empty_and_drops_builtin_detectors():
    compiled = _compile("extends: none\n")
    assert compiled["categories"] == [] and compiled["detectors"] == []


def test_allowed_signers_joins_the_policy_category():
    compiled = _compile("approvals:\n  allowed_signers: .agentlint/signers\n")
    assert "/.agentlint/signers" in [p[0] for p in _category(compiled, "policy")["paths"]]


def test_detector_globs_keep_brackets_literal():
    compiled = _compile(
        "agents:\n  builtin: false\n  detectors:\n"
        "    - name: x\n      names: ['*[bot]']\n      trailers: ['Made-with: Cur*']\n"
    )
    detector = compiled["detectors"][0]
    assert detector["names"] == [r".*\[bot\]\Z"]
    assert detector["trailers"] == [["made-with", r"cur.*\Z"]]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "agents:\n  detectors:\n    - name: x\n      messages: ['(']\n",
            "invalid regular expression",
        ),
        ("categories:\n  ci:\n    paths: ['#comment']\n", "matches no path"),
        ("approvals:\n  require_signed: true\n", "allowed_signers is not set"),
    ],
)
def test_problems_found_while_compiling(text, message):
    with pytest.raises(AgentlintError) as exc:
        _compile(text)
    assert message in str(exc.value)
    assert "c.yaml:" in str(exc.value)


def test_cache_key_changes_with_content_and_version(monkeypatch):
    key = cache.key(cache.content_id(b"a"))
    assert key != cache.key(cache.content_id(b"b"))
    assert cache.key(cache.content_id(b"a", "f" * 40)).endswith("git-" + "f" * 40)
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert cache.key(cache.content_id(b"a")) != key


def test_cache_round_trip_ignores_corrupt_and_mismatched_entries(tmp_path, monkeypatch):
    monkeypatch.setenv("AGENTLINT_CACHE_DIR", str(tmp_path))
    cache.write("k1", {"x": 1})
    assert cache.read("k1") == {"x": 1, "key": "k1", "format": cache.FORMAT}
    (entry,) = tmp_path.glob("policy-k1.*")
    content = entry.read_bytes()
    for damaged in (b"", b"{not marshal", content[:-3], b"\xff" + content[1:]):
        entry.write_bytes(damaged)
        assert cache.read("k1") is None
    for wrong in ({"key": "other", "format": cache.FORMAT}, {"key": "k1"}, ["k1"]):
        entry.write_bytes(marshal.dumps(wrong))
        assert cache.read("k1") is None  # another name, format or shape is not trusted
    (tmp_path / "policy-k1.json").write_text('{"key": "k1", "x": 2}')  # an older version's
    assert cache.read("k1") is None


def test_cache_can_be_disabled_and_is_pruned(tmp_path, monkeypatch):
    monkeypatch.setenv("AGENTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(cache, "_KEEP", 3)
    for n in range(6):
        cache.write(f"k{n}", {})
    assert len(list(tmp_path.glob("policy-*"))) == 3
    monkeypatch.setenv("AGENTLINT_NO_CACHE", "1")
    assert cache.read("k5") is None and cache.directory() is None


def test_unwritable_cache_is_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("AGENTLINT_CACHE_DIR", str(blocker / "sub"))
    cache.write("k", {"x": 1})  # no exception
    assert cache.read("k") is None


def test_load_policy_uses_and_fills_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("AGENTLINT_CACHE_DIR", str(tmp_path))
    policy = load.load_policy(b"enforce: all\n", source="c.yaml")
    assert policy.enforce == "all" and len(list(tmp_path.glob("policy-*"))) == 1
    monkeypatch.setattr(load, "compile_text", lambda *a, **k: pytest.fail("cache not used"))
    assert load.load_policy(b"enforce: all\n", source="c.yaml").enforce == "all"


def test_a_damaged_policy_entry_is_rebuilt_not_trusted(tmp_path, monkeypatch):
    monkeypatch.setenv("AGENTLINT_CACHE_DIR", str(tmp_path))
    fresh = load.load_policy(b"enforce: all\n", source="c.yaml")
    (entry,) = tmp_path.glob("policy-*")
    key = entry.name[len("policy-") :].rsplit(".", 1)[0]
    damaged = [{}, {"categories": 3}, {"categories": [{"name": "ci"}]}]
    for data in damaged:
        entry.write_bytes(marshal.dumps({**data, "key": key, "format": cache.FORMAT}))
        assert load.load_policy(b"enforce: all\n", source="c.yaml") == fresh
        assert cache.read(key) is not None and "enforce" in cache.read(key)  # rewritten


def test_bracket_range_pathspec_lets_through_is_a_config_problem():
    # pathspec turns `[?-.]` into a regex Python cannot compile (found by hypothesis)
    with pytest.raises(AgentlintError) as caught:
        _compile("categories:\n  ci:\n    extend_paths: ['[?-.]']\n")
    assert "invalid pattern '[?-.]'" in caught.value.problems[0].what
    assert caught.value.problems[0].where == "c.yaml:2"  # the category (extend_paths merged)
