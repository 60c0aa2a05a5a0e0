"""Loading YAML safely: plain data only, bounded, with a line for every value."""

from __future__ import annotations

import pytest

from agentlint import yamlfile
from agentlint.errors import AgentlintError


def test_lines_are_recorded_for_every_value():
    loaded = yamlfile.load(b"a: 1\nb:\n  - x\n  - {c: 2}\n", source="f.yaml")
    assert loaded.data == {"a": 1, "b": ["x", {"c": 2}]}
    assert loaded.lines[("b", 1, "c")] == 4


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"a: 1\na: 2\n", 'duplicate key "a", at f.yaml:2'),
        (b"a: !!python/object:os.system x\n", "is not allowed"),
        (b"a: !custom x\n", "YAML tag '!custom' is not allowed"),
        (b"a: 2024-01-01\n", "value of type date is not plain data"),
        (b"a: .nan\n", "numbers must be finite"),
        (b"{1: 2}\n", "key 1 is not a string"),
        (b"a: [\n", "invalid YAML"),
        (b"\xff", "not valid UTF-8"),
        (b"[" * 200 + b"]" * 200, "nested too deeply"),
    ],
)
def test_rejections(text, message):
    with pytest.raises(AgentlintError, match=None) as exc:
        yamlfile.load(text, source="f.yaml")
    assert message in str(exc.value)


def test_alias_bomb_is_bounded():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for n, name in enumerate("bcdefg"):
        prev = "abcdefg"[n]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    with pytest.raises(AgentlintError, match="expands to more than"):
        yamlfile.load("\n".join(lines).encode(), source="f.yaml")


def test_size_is_bounded():
    with pytest.raises(AgentlintError, match="too large"):
        yamlfile.load(b"a: 1\n" * 10, source="f.yaml", max_bytes=10)


def test_parser_crash_on_odd_scalar_is_a_clear_error():
    # ruamel.yaml raises IndexError on `+_` (found by hypothesis)
    with pytest.raises(AgentlintError) as caught:
        yamlfile.load(b"+_", source="c.yaml")
    assert "cannot read this file" in caught.value.problems[0].what
