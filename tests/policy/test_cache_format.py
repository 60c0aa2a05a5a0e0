"""The marshal cache loads the same policy and the same record as the JSON cache it
replaced, and as no cache at all, on random configs and records."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from agentlint import cache
from agentlint.errors import AgentlintError
from agentlint.policy import load, model
from agentlint.record import load as record_load

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

globs = st.text(alphabet="ab*?/.[]!-_{}\\ é", min_size=1, max_size=10)
emails = st.sampled_from(["alice@example.com", "bob@example.org", "x@y.z"])
categories = st.dictionaries(
    st.sampled_from(["ci", "deploy", "secrets", "mine", "docs-x"]),
    st.fixed_dictionaries(
        {"posture": st.sampled_from(model.POSTURES), "paths": st.lists(globs, max_size=4)},
        optional={
            "approvers": st.lists(emails, max_size=2),
            "exclude": st.lists(globs, max_size=2),
        },
    ),
    max_size=3,
)
configs = st.fixed_dictionaries(
    {"categories": categories},
    optional={
        "enforce": st.sampled_from(["agents", "all"]),
        "limits": st.fixed_dictionaries({"max_files": st.integers(1, 100)}),
        "severity": st.dictionaries(
            st.sampled_from(["AL201", "AL301"]), st.sampled_from(["warning", "error"])
        ),
    },
)


@SETTINGS
@given(configs)
def test_marshal_and_json_caches_load_the_same_policy(tmp_path, monkeypatch, config):
    text = json.dumps(config).encode()  # JSON is YAML
    try:
        compiled = load.compile_text(text, source="c.yaml")
    except AgentlintError:
        assume(False)
    fresh = model.build(compiled, "c.yaml")
    through_json = model.build(json.loads(json.dumps(compiled)), "c.yaml")
    monkeypatch.setenv("AGENTLINT_CACHE_DIR", str(tmp_path))
    key = cache.key(cache.content_id(text))
    cache.write(key, compiled)
    cached = cache.read(key)
    assert cached is not None
    assert model.build(cached, "c.yaml") == through_json == fresh
    assert load.load_policy(text, source="c.yaml") == fresh  # read back through the cache


def test_the_builtin_policy_round_trips(tmp_path, monkeypatch):
    monkeypatch.setenv("AGENTLINT_CACHE_DIR", str(tmp_path))
    fresh = load.load_policy(None, source="built-in")
    assert list(tmp_path.iterdir())  # written
    assert load.load_policy(None, source="built-in") == fresh


records = st.fixed_dictionaries(
    {"version": st.sampled_from([1, 2, "1"]), "task": st.text(max_size=10)},
    optional={
        "agent": st.fixed_dictionaries({"name": st.sampled_from(["claude-code", ""])}),
        "scope": st.fixed_dictionaries({"paths": st.lists(globs, max_size=3)}),
        "files": st.fixed_dictionaries(
            {"read": st.lists(globs, max_size=2), "changed": st.lists(globs, max_size=2)}
        ),
        "cost": st.floats(allow_nan=False, allow_infinity=False) | st.integers(),
        "rollback": st.fixed_dictionaries({"plan": st.text(max_size=20)}),
    },
)


@SETTINGS
@given(records)
def test_a_record_from_the_cache_is_the_record_loaded_afresh(tmp_path, monkeypatch, record):
    source = "rec.yaml"
    text = json.dumps(record).encode()
    monkeypatch.setenv("AGENTLINT_NO_CACHE", "1")
    fresh = record_load.load(text, source)
    monkeypatch.delenv("AGENTLINT_NO_CACHE")
    monkeypatch.setenv("AGENTLINT_CACHE_DIR", str(tmp_path))
    first = record_load.load(text, source)  # fills the cache
    again = record_load.load(text, source)  # reads it
    assert first == again == fresh


def test_the_cache_carries_each_detector_glob_as_literal_pieces(tmp_path, monkeypatch):
    """A hook matches identities with the literal pieces compiled into the cache; they are
    what literal_regex() makes of each glob, and verdicts are the same without them."""
    from agentlint import detect
    from agentlint.change.model import Identity

    monkeypatch.setenv("AGENTLINT_CACHE_DIR", str(tmp_path))
    config = (
        b"agents:\n  detectors:\n    - {name: ours, emails: ['*@agents.example.com', 'b?t@x']}\n"
    )
    load.load_policy(config, source="c")
    policy = load.load_policy(config, source="c")  # from the cache
    for detector in policy.detectors:
        assert detector.email_literals == tuple(model.literal_regex(p) for p in detector.emails)
        assert detector.name_literals == tuple(model.literal_regex(p) for p in detector.names)
    ours = next(d for d in policy.detectors if d.name == "ours")
    assert ours.email_literals is not None and ours.email_literals[1] is None  # `?`: a regex
    bare = tuple(d._replace(email_literals=None, name_literals=None) for d in policy.detectors)
    for who in [
        Identity("Claude", "noreply@anthropic.com"),
        Identity("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"),
        Identity("Ann", "ann@agents.example.com"),
        Identity("Bot", "bet@x"),
        Identity("Ann Lee", "ann@example.org"),
    ]:
        found, expected = (detect.identity_match(who, d) for d in (policy.detectors, bare))
        assert (found and found.name) == (expected and expected.name), who


def test_each_path_pattern_carries_its_literal_from_the_cache(tmp_path, monkeypatch):
    """A hook prefilters paths by the literal each pattern requires, read from the cache:
    it is what required_literal() makes of the pattern, for every pattern of the built-in
    policy, and matching without it (worked out afresh) gives the same answers."""
    monkeypatch.setenv("AGENTLINT_CACHE_DIR", str(tmp_path))
    load.load_policy(None, source="built-in")
    policy = load.load_policy(None, source="built-in")  # from the cache
    patterns = [p for c in policy.categories for p in (*c.paths, *c.exclude)] + list(
        policy.limit_exclude
    )
    assert len(patterns) > 600
    for pattern in patterns:
        assert pattern.literal == model.required_literal(pattern.text), pattern.text
    paths = [".github/workflows/ci.yml", "deploy/k8s/app.yaml", "src/auth/login.py", "a.lock"]
    for pattern in patterns[::7]:
        bare = pattern._replace(literal=None)
        for path in paths:
            for ignorecase in (False, True):
                probe = model.fold(path) if ignorecase else path
                assert bare.matches(probe, ignorecase) == pattern.matches(probe, ignorecase)


def test_a_pattern_without_its_literal_is_a_damaged_cache():
    with pytest.raises(ValueError, match="damaged"):
        model._patterns([["a/", "^a/$", True]])
    with pytest.raises(ValueError, match="damaged"):
        model._patterns([["a/", "^a/$", True, None]])
