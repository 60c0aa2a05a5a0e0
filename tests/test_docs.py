"""Meta-tests that keep README, docs/ and the schemas honest."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from agentlint import resources
from agentlint.parser import _parser
from agentlint.rules import RULES

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()
HOOKS = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text())


def test_every_rule_has_a_complete_page_and_no_page_is_orphaned():
    pages = {p.stem for p in (ROOT / "docs" / "rules").glob("*.md")}
    assert pages == set(RULES)
    for code, rule in RULES.items():
        text = (ROOT / "docs" / "rules" / f"{code}.md").read_text()
        assert text.startswith(f"# {code} {rule.name}\n")
        for heading in ("## What it does", "## Why it matters", "## Example", "## How to fix"):
            assert heading in text, (code, heading)
        row = f"| {code} | {rule.name} | [{code}](rules/{code}.md) |"
        assert row in (ROOT / "docs" / "concepts.md").read_text(), row


def test_rule_names_are_kebab_case_and_codes_unique():
    for code, rule in RULES.items():
        assert re.fullmatch(r"AL\d{3}", code) and re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert len({r.name for r in RULES.values()}) == len(RULES)


@pytest.mark.parametrize("hook", HOOKS, ids=lambda h: h["id"])
def test_every_hook_is_documented_and_runs_a_real_command(hook):
    assert f"`{hook['id']}`" in README
    assert hook["minimum_pre_commit_version"] == "3.2.0"
    assert set(hook["stages"]) <= {"pre-commit", "commit-msg", "pre-push", "manual"}
    argv = shlex.split(hook["entry"])
    assert argv[0] == "agentlint"
    if hook["stages"] == ["commit-msg"] or hook.get("pass_filenames", True):
        argv.append("FILE")  # pre-commit appends the message file or the file names
    _parser().parse_args(argv[1:])  # raises SystemExit on an unknown command or flag


def test_hook_stages_cover_the_contract():
    stages = {s for h in HOOKS for s in h["stages"]}
    assert {"pre-commit", "commit-msg", "pre-push"} <= stages


def test_every_command_is_documented():
    commands = _parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in commands:
        assert f"`agentlint {name}" in README, name


@pytest.mark.parametrize("name", resources.list_dir("schemas"))
def test_every_schema_is_valid_against_its_metaschema(name):
    schema = json.loads(resources.read_text("schemas", name))
    jsonschema.validators.validator_for(schema).check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def _keys(schema: dict, prefix: str, defs: dict) -> list[str]:
    if "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[1]]
    found = []
    for key, sub in schema.get("properties", {}).items():
        name = f"{prefix}{key}"
        found.append(name)
        found += _keys(sub, f"{name}.", defs)
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict) and "$ref" in extra:
        found += _keys(extra, f"{prefix}<name>.", defs)
    items = schema.get("items")
    if isinstance(items, dict) and "$ref" in items:
        found += _keys(items, f"{prefix[:-1]}[].", defs)
    return found


def test_every_config_key_is_documented():
    schema = json.loads(resources.read_text("schemas", "config.schema.json"))
    doc = (ROOT / "docs" / "configuration.md").read_text()
    keys = _keys(schema, "", schema["$defs"])
    assert "categories.<name>.posture" in keys and "agents.detectors[].env" in keys
    missing = [k for k in keys if f"`{k}`" not in doc]
    assert not missing


def test_readme_quick_start_is_two_commands_and_ci_runs_the_test_one():
    block = README.split("## Quick start", 1)[1].split("```console", 1)[1].split("```", 1)[0]
    commands = [line for line in block.strip().splitlines() if line.strip()]
    assert len(commands) == 2
    assert commands[0].rstrip().endswith("agentlint check")
    ci = (ROOT / ".ci" / "run").read_text()
    assert commands[1].strip() in ci


def test_docs_links_resolve():
    for page in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text()):
            assert (page.parent / target).exists(), (page.name, target)


def test_example_records_validate_as_the_docs_say(run, monkeypatch):
    monkeypatch.chdir(ROOT)
    valid = run("validate-record", str(ROOT / "docs/examples/record-valid.yaml"))
    assert valid.code == 0, valid
    invalid = run("validate-record", "docs/examples/record-invalid.yaml")
    doc = (ROOT / "docs" / "review-record.md").read_text()
    assert invalid.code == 1
    for line in invalid.lines:
        assert line in doc, line


def test_example_valid_record_is_the_tests_record():
    from tests import records

    assert (ROOT / "docs/examples/record-valid.yaml").read_text() == records.VALID_YAML


def _commands(parser, prefix=()):  # type: ignore[no-untyped-def]
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, (*prefix, name))
    options = [o for a in parser._actions for o in a.option_strings if o not in ("-h", "--help")]
    if prefix and not any(isinstance(a, argparse._SubParsersAction) for a in parser._actions):
        yield " ".join(prefix), options


def test_every_command_and_option_is_in_the_command_reference():
    doc = (ROOT / "docs" / "commands.md").read_text()
    found = list(_commands(_parser()))
    assert ("policy test", ["--config", "--starter"]) in found
    for command, options in found:
        heading = f"### `agentlint {command}"
        assert heading in doc, command
        section = doc.split(heading, 1)[1].split("\n### ", 1)[0]
        for option in options:
            assert f"`{option}" in section, (command, option)


def test_every_doc_page_is_reachable_from_the_index():
    index = (ROOT / "docs" / "README.md").read_text()
    for page in (ROOT / "docs").glob("*.md"):
        if page.name != "README.md":
            assert f"]({page.name})" in index, page.name


def test_the_docs_have_a_quick_start_concepts_recipes_threat_model_and_faq():
    index = (ROOT / "docs" / "README.md").read_text()
    for part in ("quick start", "concepts.md", "ci.md", "threat-model.md", "faq.md", "rules/"):
        assert part in index, part
