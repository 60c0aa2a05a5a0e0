"""Recognising agent changes with built-in and custom detectors, and linguist-generated."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CLAUDE_TRAILER

pytestmark = pytest.mark.core_rules  # changes here carry no review record


@pytest.mark.parametrize(
    "author, message",
    [
        (("Claude", "noreply@anthropic.com"), "plain"),
        (("Copilot", "198982749+Copilot@users.noreply.github.com"), "plain"),
        (
            ("copilot-swe-agent[bot]", "198982749+copilot-swe-agent[bot]@users.noreply.github.com"),
            "plain",
        ),
        (("Hannah", "hannah@example.com"), "x\n\nCo-authored-by: Codex <noreply@openai.com>"),
        (("Hannah (aider)", "hannah@example.com"), "plain"),
        (("Hannah", "hannah@example.com"), "x\n\nCo-authored-by: aider (gpt-5) <aider@aider.chat>"),
        (("Cursor Agent", "cursoragent@cursor.com"), "plain"),
        (("Hannah", "hannah@example.com"), "x\n\nMade-with: Cursor"),
        (
            (
                "devin-ai-integration[bot]",
                "158243242+devin-ai-integration[bot]@users.noreply.github.com",
            ),
            "plain",
        ),
        (
            ("google-labs-jules[bot]", "161369871+google-labs-jules[bot]@users.noreply.github.com"),
            "plain",
        ),
        (("Hannah", "hannah@example.com"), "x\n\nAssisted-by: SomeModel"),
        (("Hannah", "hannah@example.com"), "x\n\nGenerated-by: tool"),
        (
            ("Hannah", "hannah@example.com"),
            "x\n\nGenerated with [Claude Code](https://claude.com/claude-code)",
        ),
        (("some-new-tool[bot]", "1+some-new-tool[bot]@users.noreply.github.com"), "plain"),
        (
            ("Hannah", "hannah@example.com"),
            "squash (#1)\n\n* wip\n\nCo-authored-by: Claude <noreply@anthropic.com>\n\nCloses #2",
        ),
        (("Hannah", "hannah@example.com"), "x\n\nCo-Authored-By: Claude claude@anthropic.com"),
        (
            ("Hannah", "hannah@example.com"),
            "x\n\n\U0001f498 Generated with Crush\n\n"
            "Assisted-by: GLM-5.1 via Crush <crush@charm.land>",
        ),
        (
            ("Hannah", "hannah@example.com"),
            "x\n\nCo-authored-by: openhands <openhands@all-hands.dev>",
        ),
    ],
)
def test_builtin_detectors(seeded, run, author, message):
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.commit(message, author=author, files={".env": "X\n"})
    result = run("check", "--range", f"{base}..HEAD")
    assert result.codes() == ["AL205"], (author, message, result)


@pytest.mark.parametrize(
    "author, message",
    [
        (("Claude Monet", "claude@monet.example"), "plain"),
        (("Botanist", "bot@example.com"), "plain"),
        (("Hannah", "hannah@example.com"), "mentions Claude Code and aider in prose"),
        (("Hannah", "hannah@example.com"), "x\n\nCo-authored-by: Bob <bob@example.com>"),
        (("Paul Gauthier", "paul@aider.chat"), "hand-written, not by aider"),
        (("renovate[bot]", "29139614+renovate[bot]@users.noreply.github.com"), "plain"),
        (("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"), "bump x"),
        (("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com"), "v1"),
        (
            ("Hannah", "hannah@example.com"),
            "fmt\n\nCo-authored-by: autofix-ci[bot] "
            "<114827586+autofix-ci[bot]@users.noreply.github.com>",
        ),
    ],
)
def test_humans_are_not_agents(seeded, run, author, message):
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.commit(message, author=author, files={".env": "X\n"})
    assert run("check", "--range", f"{base}..HEAD").code == 0


def test_custom_detector_and_disabling_builtins(seeded, run):
    seeded.commit(
        "policy",
        files={
            ".agentlint.yaml": "agents:\n  builtin: false\n  detectors:\n"
            "    - name: inhouse\n      emails: ['*@bots.example.com']\n"
            "      trailers: ['X-Agent']\n"
        },
    )
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.commit(f"claude\n\n{CLAUDE_TRAILER}", files={".env": "X\n"})
    assert run("check", "--range", f"{base}..HEAD").code == 0  # built-ins are off
    seeded.commit("bot", author=("Bot", "ci@bots.example.com"), files={".env": "Y\n"})
    assert run("check", "--range", f"{base}..HEAD").codes() == ["AL205"]


def test_custom_detector_env_marks_staged_commit(seeded, run, monkeypatch):
    seeded.commit(
        "policy",
        files={
            ".agentlint.yaml": "agents:\n  detectors:\n    - name: mine\n      env: [MY_AGENT]\n"
        },
    )
    seeded.add(".env")
    assert run("check", "--staged").code == 0
    monkeypatch.setenv("MY_AGENT", "1")
    assert run("check", "--staged").codes() == ["AL205"]


def test_env_markers_do_not_apply_to_commits(seeded, run, monkeypatch):
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.commit("human", files={".env": "X\n"})
    monkeypatch.setenv("CLAUDECODE", "1")
    assert run("check", "--range", f"{base}..HEAD").code == 0


def test_linguist_generated_in_nested_gitattributes_and_either_side(seeded, run):
    seeded.commit(
        "attrs",
        files={"web/.gitattributes": "gen/*.ts linguist-generated\n", "web/gen/a.ts": "1\n"},
    )
    base = seeded.git("rev-parse", "HEAD").strip()
    # the agent un-marks the file and edits it in one change: the marking before still counts
    seeded.commit(
        f"agent\n\n{CLAUDE_TRAILER}", files={"web/.gitattributes": "\n", "web/gen/a.ts": "2\n"}
    )
    result = run("check", "--range", f"{base}..HEAD")
    assert "web/gen/a.ts: AL201" in result.out


def test_linguist_generated_files_are_generated(seeded, run):
    seeded.commit(
        "attrs",
        files={
            ".gitattributes": "api/client/** linguist-generated\n"
            "*.snap linguist-generated=true\n"
            "api/client/keep.py -linguist-generated\n"
        },
    )
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.commit(
        f"agent\n\n{CLAUDE_TRAILER}",
        files={
            "api/client/models.py": "1\n",
            "api/client/keep.py": "1\n",
            "ui/a.snap": "1\n",
            "src/app.py": "2\n",
        },
    )
    result = run("check", "--range", f"{base}..HEAD")
    assert sorted(line.split(":")[0] for line in result.lines[:-1]) == [
        "api/client/models.py",
        "ui/a.snap",
    ]
    assert "gitattributes: linguist-generated" in result.out


def test_automation_is_agent_policy_key(seeded, run):
    seeded.commit("policy", files={".agentlint.yaml": "agents:\n  automation_is_agent: true\n"})
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.commit(
        "bump",
        author=("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"),
        files={".env": "X\n"},
    )
    assert run("check", "--range", f"{base}..HEAD").codes() == ["AL205"]


_GLOB_PARTS = ["*", "a", "b", "[", "]", "(", ")", ".", "+", "-", "@", " ", "\n"]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_GLOB_PARTS), max_size=8).map("".join),
    st.lists(st.sampled_from(_GLOB_PARTS[1:]), max_size=10).map("".join),
    st.booleans(),
)
def test_literal_detector_matching_agrees_with_the_regex(glob: str, value: str, end: bool) -> None:
    """Detector globs made only of literals and `*` are matched without a regex; the
    answer is the regex's, for every value."""
    import re

    from agentlint.policy.model import literal_regex

    source = ".*".join(re.escape(piece) for piece in glob.split("*")) + ("\\Z" if end else "")
    literal = literal_regex(source)
    assert literal is not None
    assert bool(literal.match(value)) == bool(re.compile(source, re.DOTALL).match(value))
