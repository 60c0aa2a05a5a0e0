"""Who is an agent, through `agentlint check` in real repositories: automation passes, an
unknown bot fails closed with a message that says how to classify it."""

from __future__ import annotations

GH = "users.noreply.github.com"
DEPENDABOT = ("dependabot[bot]", f"49699333+dependabot[bot]@{GH}")
RENOVATE = ("renovate[bot]", f"29139614+renovate[bot]@{GH}")
UNKNOWN = ("release-train[bot]", f"7+release-train[bot]@{GH}")


def _bump(seeded, author):  # type: ignore[no-untyped-def]
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.commit(
        "chore(deps): bump left-pad from 1.0.0 to 1.0.1",
        author=author,
        files={"package.json": '{"dependencies": {"left-pad": "1.0.1"}}\n'},
    )
    return base


def test_a_dependabot_pull_request_passes(seeded, run):
    base = _bump(seeded, DEPENDABOT)
    result = run("check", "--range", f"{base}..HEAD")
    assert result.code == 0, result
    assert "AL101" not in result.out and "AL201" not in result.out
    assert "0 by agents" in result.out


def test_renovate_passes_and_a_human_commit_with_a_bot_co_author_too(seeded, run):
    base = _bump(seeded, RENOVATE)
    seeded.commit(
        f"fix lint\n\nCo-authored-by: autofix-ci[bot] <114827586+autofix-ci[bot]@{GH}>",
        files={"package.json": '{"dependencies": {"left-pad": "1.0.2"}}\n'},
    )
    assert run("check", "--range", f"{base}..HEAD").code == 0


def test_automation_is_agent_makes_dependabot_need_a_record_and_approval(seeded, run):
    seeded.commit("policy", files={".agentlint.yaml": "agents:\n  automation_is_agent: true\n"})
    base = _bump(seeded, DEPENDABOT)
    result = run("check", "--range", f"{base}..HEAD")
    assert result.code == 1
    assert sorted(result.codes()) == ["AL101", "AL201"]


def test_an_unknown_bot_is_an_agent_and_the_message_says_how_to_classify_it(seeded, run):
    base = _bump(seeded, UNKNOWN)
    result = run("check", "--range", f"{base}..HEAD")
    assert result.code == 1
    assert sorted(result.codes()) == ["AL101", "AL201"]
    al101 = next(line for line in result.lines if "AL101" in line)
    assert "release-train[bot]" in al101 and "kind: automation" in al101
    assert "agentlint: note: release-train[bot]" in result.err


def test_the_classified_bot_then_passes(seeded, run):
    seeded.commit(
        "policy",
        files={
            ".agentlint.yaml": "agents: {detectors: [{name: my-bot, kind: automation, "
            "names: ['release-train[bot]']}]}\n"
        },
    )
    base = _bump(seeded, UNKNOWN)
    result = run("check", "--range", f"{base}..HEAD")
    assert result.code == 0, result
    assert result.err == ""


def test_an_ai_agent_co_author_on_a_human_commit_is_agent_work(seeded, run):
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.commit(
        "Apply suggestions from code review (#12)\n\n* tweak\n\nCo-authored-by: "
        f"gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@{GH}>\n\nCloses #11",
        files={"package.json": "{}\n"},
    )
    result = run("check", "--range", f"{base}..HEAD")
    assert sorted(result.codes()) == ["AL101", "AL201"]
    assert "release-train" not in result.err and result.err == ""


def test_a_co_author_line_in_the_body_does_not_count_as_an_approval(seeded, run):
    """Lenient detection, strict approvals: an Approved-by outside git's trailers is not one."""
    seeded.commit(
        "policy",
        files={".agentlint.yaml": "categories: {dependencies: {approvers: [alice@example.com]}}\n"},
    )
    base = seeded.git("rev-parse", "HEAD").strip()
    seeded.commit(
        "deps\n\nApproved-by: Alice <alice@example.com>\n\nCo-Authored-By: Claude "
        "claude@anthropic.com\n\nmore text after",
        files={"package.json": "{}\n"},
    )
    assert "AL201" in run("check", "--range", f"{base}..HEAD").codes()
    seeded.commit(
        "deps again\n\nCo-Authored-By: Claude claude@anthropic.com\n"
        "Approved-by: Alice <alice@example.com>",
        files={"package.json": '{"a": 1}\n'},
    )
    head = seeded.git("rev-parse", "HEAD~1").strip()
    assert "AL201" not in run("check", "--range", f"{head}..HEAD").codes()


def test_an_agent_posing_as_automation_is_still_marked_by_its_environment(seeded, run, monkeypatch):
    seeded.add(".env")
    monkeypatch.setenv("GIT_AUTHOR_NAME", DEPENDABOT[0])
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", DEPENDABOT[1])
    assert run("check", "--staged", "--select", "AL2").code == 0  # automation: not judged
    monkeypatch.setenv("CLAUDECODE", "1")
    assert run("check", "--staged", "--select", "AL2").codes() == ["AL205"]
