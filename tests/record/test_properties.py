"""Property-based tests for review records: random and mutated records go through
`validate-record` and `check`, and each gives findings or a clear error, never a
traceback; and the fast validator agrees with jsonschema, the reference."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agentlint import schema
from agentlint.cli import main
from agentlint.record import fastschema
from tests import records

SETTINGS = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
RECORD_SCHEMA = schema.load_schema("review-record.schema.json")

json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**40), max_value=2**40),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=12),
        st.sampled_from(["", "TODO", "../x", "/abs", "src/a.py", "test", "Read", "mcp__x__y"]),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += _paths(item, (*prefix, i))
    return out


@st.composite
def mutated_records(draw: st.DrawFn) -> Any:
    """The valid record with a few values replaced, removed or added."""
    data: Any = records.base()
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if not path:
            data = draw(json_values) if action == "replace" else data
            continue
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        if action == "replace":
            parent[last] = draw(json_values)
        elif action == "delete":
            del parent[last]
        elif isinstance(parent[last], dict):
            parent[last][draw(st.text(max_size=8))] = draw(json_values)
        elif isinstance(parent[last], list):
            parent[last].append(draw(json_values))
    return data


def _jsonschema_valid(data: Any) -> bool:
    return not schema.located(data, "review-record.schema.json", source="r", lines={})


@SETTINGS
@given(mutated_records())
def test_fast_validator_agrees_with_jsonschema(data):
    assert fastschema.is_valid(data, RECORD_SCHEMA) == _jsonschema_valid(data)


@SETTINGS
@given(json_values)
def test_fast_validator_agrees_on_arbitrary_json(data):
    assert fastschema.is_valid(data, RECORD_SCHEMA) == _jsonschema_valid(data)


def test_fast_validator_edge_cases_agree():
    base = records.base()
    cases = []
    for version in (1, 1.0, True, "1", 2):
        cases.append({**base, "version": version})
    for status in (0, 0.0, 1.5, False, 255, 256, -1):
        data = copy.deepcopy(base)
        data["commands"][0]["exit_status"] = status
        cases.append(data)
    data = copy.deepcopy(base)
    data["files"]["changed"].append(data["files"]["changed"][0])  # not unique
    cases.append(data)
    for bad in ("../x", "/x", "a//b", "a/./b", ".", "a\u0000b", "ok/..x"):
        data = copy.deepcopy(base)
        data["files"]["changed"] = [bad]
        cases.append(data)
    for case in cases:
        assert fastschema.is_valid(case, RECORD_SCHEMA) == _jsonschema_valid(case), case


def test_unsupported_schema_keywords_are_left_to_jsonschema():
    assert fastschema.supports(RECORD_SCHEMA)
    assert not fastschema.supports({"type": "object", "oneOf": [{}]})
    assert not fastschema.supports({"$ref": "https://example.com/x"})


def _run(*argv: str) -> int:
    return main(list(argv))


@SETTINGS
@given(mutated_records())
def test_mutated_records_through_validate_record(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("r") / "r.json"
    path.write_text(json.dumps(data))
    assert _run("validate-record", str(path)) in (0, 1)


@SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes_through_validate_record(tmp_path_factory, blob):
    path = tmp_path_factory.mktemp("r") / "r.yaml"
    path.write_bytes(blob)
    assert _run("validate-record", str(path)) in (0, 1)


@SETTINGS
@given(
    st.sampled_from(
        [
            "a: &a [x]\n"
            + "".join(f"b{n}: &b{n} [*{'a' if n == 0 else f'b{n - 1}'}]\n" for n in range(3)),
            "x: " + "[" * 200 + "]" * 200 + "\n",
            "task: " + "y" * 30000 + "\n",
            "version: 1\n" * 2,
            "\ufeffversion: 1\n",
        ]
    ),
    st.binary(max_size=8),
)
def test_crafted_records_through_validate_record(tmp_path_factory, text, tail):
    path = tmp_path_factory.mktemp("r") / "r.yaml"
    path.write_bytes(text.encode() + tail)
    assert _run("validate-record", str(path)) in (0, 1)


@pytest.fixture
def agent_repo(seeded, monkeypatch):
    monkeypatch.setenv("CLAUDECODE", "1")
    seeded.write("src/report/totals.py", "T = 1\n")
    seeded.write("tests/report/test_totals.py", "assert 1\n")
    return seeded


@SETTINGS
@given(data=mutated_records())
def test_mutated_records_through_check(agent_repo, capsys, data):
    agent_repo.write(records.RECORD_PATH, json.dumps(data))
    agent_repo.git("add", "-A")
    code = _run("check", "--staged")
    out = capsys.readouterr()
    assert "internal error" not in out.err
    assert code in (0, 1)
    if code == 0:
        assert out.out.startswith("All checks passed")
