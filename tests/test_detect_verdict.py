"""The pure detection function: agent, automation or human, and why, for every class."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agentlint import detect
from agentlint.change.model import Commit, Identity, Trailer
from agentlint.policy.load import load_policy

BUILTIN = load_policy(None, source="built-in policy")
AUTOMATION_AS_AGENT = load_policy(b"agents:\n  automation_is_agent: true\n", source="t.yaml")
HANNAH = ("Hannah", "hannah@example.com")
DEPENDABOT = ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com")
GH = "users.noreply.github.com"


def commit(
    message: str = "change",
    author: tuple[str, str] = HANNAH,
    committer: tuple[str, str] = HANNAH,
    trailers: tuple[tuple[str, str], ...] = (),
) -> Commit:
    return Commit(
        "0" * 40,
        (),
        Identity(*author),
        Identity(*committer),
        message,
        tuple(Trailer(k, v) for k, v in trailers),
        (),
    )


@pytest.mark.parametrize(
    "made, kind, detector",
    [
        # identities of agents, as author, committer or co-author
        (commit(author=("Claude", "noreply@anthropic.com")), "agent", "claude-code"),
        (commit(committer=("Copilot", f"198982749+Copilot@{GH}")), "agent", "copilot"),
        (commit(author=("Paul (aider)", "paul@example.com")), "agent", "aider"),
        (
            commit(author=("devin-ai-integration[bot]", f"1+devin-ai-integration[bot]@{GH}")),
            "agent",
            "devin",
        ),
        (commit(author=("roomote[bot]", f"1+roomote[bot]@{GH}")), "agent", "roo-code"),
        # a Co-authored-by line anywhere: in a squash body, after a `Closes` paragraph
        (
            commit("s (#1)\n\n* a\n\nCo-authored-by: Claude <noreply@anthropic.com>\n\nCloses #2"),
            "agent",
            "claude-code",
        ),
        (commit("x\n\nCo-Authored-By: Claude claude@anthropic.com"), "agent", "claude-code"),
        (commit("x\n\nCo-authored-by: aider (gpt-5) <aider@aider.chat>"), "agent", "aider"),
        (
            commit(
                f"x\n\nCo-authored-by: gemini-code-assist[bot] <1+gemini-code-assist[bot]@{GH}>"
            ),
            "agent",
            "gemini",
        ),
        (
            commit(f"x\n\nCo-authored-by: ellipsis-dev[bot] <1+ellipsis-dev[bot]@{GH}>"),
            "agent",
            "ai-review-bots",
        ),
        # vendor trailers and generated-with lines
        (commit("x\n\nClaude-Session: https://claude.ai/code/session_1"), "agent", "claude-code"),
        (commit("x\n\nCopilot-Session: 4b04480c"), "agent", "copilot"),
        (commit("x\n\nMade-with: Cursor"), "agent", "cursor"),
        (commit("x\n\nAmp-Thread-ID: https://ampcode.com/threads/T-1"), "agent", "amp"),
        (commit("x\n\n\U0001f498 Generated with Crush"), "agent", "crush"),
        (commit("x\n\nLink to Devin run: https://app.devin.ai/sessions/abc"), "agent", "devin"),
        (commit("x\n\nhttps://chatgpt.com/codex/tasks/task_e_1"), "agent", "codex"),
        (commit("x\n\nAssisted-by: SomeModel"), "agent", "ai-trailers"),
        (commit("x", trailers=(("Generated-by", "tool"),)), "agent", "ai-trailers"),
        # GitHub's merge of a branch an agent made, named the agent's way
        (
            commit("Merge pull request #873 from org/codex/issue-741\n\n[codex] fix"),
            "agent",
            "codex",
        ),
        (commit("Merge pull request #4007 from org/copilot/sub-pr-4006"), "agent", "copilot"),
        (commit("Merge pull request #353 from me/devin/1745248569-explore"), "agent", "devin"),
        (
            commit("Merge pull request #2609 from org/claude/issue-2526-20250824-0240"),
            "agent",
            "claude-code",
        ),
        # an unknown bot fails closed, as author or co-author
        (commit(author=("new-tool[bot]", f"1+new-tool[bot]@{GH}")), "agent", "unknown-bot"),
        (
            commit(f"x\n\nCo-authored-by: new-tool[bot] <1+new-tool[bot]@{GH}>"),
            "agent",
            "unknown-bot",
        ),
        # automation
        (commit("bump", author=DEPENDABOT), "automation", "dependency-bots"),
        (
            commit(author=("renovate[bot]", f"2+renovate[bot]@{GH}")),
            "automation",
            "dependency-bots",
        ),
        (
            commit(author=("github-actions[bot]", f"3+github-actions[bot]@{GH}")),
            "automation",
            "ci-bots",
        ),
        (commit(author=("GitHub Actions", "actions@github.com")), "automation", "ci-bots"),
        (
            commit(committer=("pre-commit-ci[bot]", f"6+pre-commit-ci[bot]@{GH}")),
            "automation",
            "ci-bots",
        ),
        (commit(author=("getsentry-bot", "bot@sentry.io")), "automation", "release-bots"),
        # automation, but an agent pushed a fix onto its branch: agent work
        (
            commit(
                f"bump\n\nCo-authored-by: copilot-swe-agent[bot] <1+Copilot@{GH}>",
                author=DEPENDABOT,
            ),
            "agent",
            "copilot",
        ),
        # people
        (commit(), "human", None),
        (commit(author=("Paul Gauthier", "paul@aider.chat")), "human", None),
        (commit(author=("Claude Monet", "claude@monet.example")), "human", None),
        (commit("x\n\nCo-authored-by: Bob <bob@example.com>"), "human", None),
        (commit(f"fmt\n\nCo-authored-by: autofix-ci[bot] <1+autofix-ci[bot]@{GH}>"), "human", None),
        (
            commit(f"x\n\nCo-authored-by: github-actions[bot] <1+github-actions[bot]@{GH}>"),
            "human",
            None,
        ),
        (commit("mentions Claude Code, Copilot and aider in prose"), "human", None),
        (
            commit("x\n\n<!-- auto-generated comment: release notes by coderabbit.ai -->"),
            "human",
            None,
        ),
        (commit("x\n\nCo-authored-by: Claude"), "human", None),  # no email: nothing to match
        (commit("Merge pull request #3 from claude-dupont/claude/new-parser"), "human", None),
        (commit("Merge branch 'main' into claude/issue-2526-20250824-0240"), "human", None),
        (commit("Merge pull request #9 from me/devin/fix-typo"), "human", None),
    ],
)
def test_verdict(made: Commit, kind: str, detector: str | None) -> None:
    verdict = detect.commit_verdict(made, BUILTIN)
    assert (verdict.kind, verdict.detector) == (kind, detector), verdict
    assert (verdict.who is None) == (kind == "human")


def test_automation_counts_as_agent_only_when_the_policy_says_so() -> None:
    bump = commit("bump", author=DEPENDABOT)
    assert detect.commit_detector(bump, BUILTIN) is None
    assert detect.commit_detector(bump, AUTOMATION_AS_AGENT) == "dependency-bots"
    assert detect.commit_detector(commit(), AUTOMATION_AS_AGENT) is None


def test_bots_are_never_people_who_approve() -> None:
    assert detect.is_agent_identity(Identity(*DEPENDABOT), BUILTIN)
    assert detect.is_agent_identity(Identity("x[bot]", f"1+x[bot]@{GH}"), BUILTIN)
    assert not detect.is_agent_identity(Identity(*HANNAH), BUILTIN)


def test_co_authors_for_approvals_stay_strict() -> None:
    """Only git's own trailers name co-authors; a line in the body does not."""
    loose = commit("x\n\nCo-authored-by: Bob <bob@example.com>\n\nCloses #1")
    assert detect.co_authors(loose) == []
    strict = commit("x", trailers=(("Co-authored-by", "Bob <bob@example.com>"),))
    assert detect.co_authors(strict) == [Identity("Bob", "bob@example.com")]


@pytest.mark.parametrize(
    "value, identity",
    [
        ("Claude <noreply@anthropic.com>", Identity("Claude", "noreply@anthropic.com")),
        ("Claude claude@anthropic.com", Identity("Claude", "claude@anthropic.com")),
        ("Claude <claude@anthropic.com", Identity("Claude", "claude@anthropic.com")),
        ("claude@anthropic.com", Identity("", "claude@anthropic.com")),
        ("Claude", None),
        ("", None),
        ("a @ b", None),
    ],
)
def test_loose_identity(value: str, identity: Identity | None) -> None:
    assert detect.loose_identity(value) == identity


def test_unknown_bot_hint_names_the_bot_and_the_config() -> None:
    made = commit(author=("new-tool[bot]", f"1+new-tool[bot]@{GH}"))
    (who,) = detect.unknown_bots([made, commit()], BUILTIN)
    hint = detect.unknown_bot_hint(who)
    assert "new-tool[bot]" in hint and "kind: automation" in hint


def test_message_detector_reads_a_pr_body() -> None:
    body = "Fix\n\nLink to Devin run: https://app.devin.ai/sessions/1\nRequested by: Hannah"
    assert detect.message_detector(body, (), BUILTIN) == "devin"
    assert detect.message_detector("Fix the parser", (), BUILTIN) is None


@settings(max_examples=200, deadline=None)
@given(
    message=st.text(max_size=400),
    name=st.text(max_size=30),
    email=st.text(max_size=30),
)
def test_any_commit_gets_a_verdict(message: str, name: str, email: str) -> None:
    verdict = detect.commit_verdict(commit(message, author=(name, email)), BUILTIN)
    assert verdict.kind in ("agent", "automation", "human")
    assert (verdict.detector is None) == (verdict.kind == "human")
