"""Tools the adapter does not know by name are judged by what their input holds: a path,
a command or a patch. Through the real `agentlint hook claude-code`, which other agents
also run (they send their own tool names)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from agentlint.guard import patch
from agentlint.guard.infer import infer
from tests.conftest import Repo
from tests.guard.conftest import decision, event

CODEX = """*** Begin Patch
*** Update File: src/app.py
@@
-x = 1
+x = 2
*** Update File: src/util.py
*** Move to: .github/workflows/ci.yml
@@
-a
+b
*** Add File: notes.txt
+hello
*** Delete File: config/.env.production
*** End Patch
"""

GIT_DIFF = """diff --git a/src/app.py b/src/app.py
index 3b18e51..a3d2f1c 100644
--- a/src/app.py
+++ b/src/app.py
@@ -1 +1 @@
-x = 1
+x = 2
diff --git a/docs/old name.md b/docs/new name.md
similarity index 92%
rename from docs/old name.md
rename to docs/new name.md
diff --git a/gone.txt b/gone.txt
deleted file mode 100644
--- a/gone.txt
+++ /dev/null
@@ -1 +0,0 @@
-bye
"""


def _reason(result) -> str:  # type: ignore[no-untyped-def]
    return str(json.loads(result.out)["hookSpecificOutput"]["permissionDecisionReason"])


def test_codex_patch_format_names_every_file_and_both_sides_of_a_move() -> None:
    assert patch.is_patch(CODEX)
    assert [(t.path, t.op) for t in patch.touched(CODEX)] == [
        ("src/app.py", "update"),
        ("src/util.py", "update"),
        (".github/workflows/ci.yml", "move"),
        ("notes.txt", "add"),
        ("config/.env.production", "delete"),
    ]


def test_unified_diff_names_renames_deletions_and_spaces() -> None:
    assert patch.is_patch(GIT_DIFF)
    assert {t.path for t in patch.touched(GIT_DIFF)} == {
        "src/app.py",
        "docs/old name.md",
        "docs/new name.md",
        "gone.txt",
    }
    assert ("gone.txt", "delete") in [(t.path, t.op) for t in patch.touched(GIT_DIFF)]


def test_plain_text_is_not_a_patch() -> None:
    assert not patch.is_patch("print('--- hello')\n")
    assert patch.touched("just words\n") == []


PIECES = ["*** Begin Patch\n", "*** Add File: a\n", "*** Move to: ", "*** Delete File: \n"]
PIECES += ["--- a/x\n", "+++ b/y\n", "diff --git a/p b/p\n", "diff --git a/p q\n"]
PIECES += ["rename to q\n", "rename from \n", "+++ /dev/null\n", '--- "a/q x"\n', "junk\n", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=8)).map("".join))
def test_patch_reading_never_fails_on_any_text(text: str) -> None:
    for touched in patch.touched(text):
        assert isinstance(touched.path, str) and touched.path
        assert touched.op in {"add", "update", "delete", "move"}


def test_a_tool_that_might_write_is_judged_as_writing() -> None:
    assert infer("StrReplace", {"path": "a.py"}).paths[0].write
    assert infer("frobnicate", {"filePath": "a.py"}).paths[0].write  # unknown verb: a write
    assert not infer("read_file", {"absolute_path": "a.py"}).paths[0].write
    assert not infer("view", {"path": "a.py"}).paths[0].write
    assert infer("read_and_update", {"path": "a.py"}).paths[0].write  # says both: writes


def test_commands_and_patches_in_any_field() -> None:
    assert infer("Shell", {"command": "ls"}) == ("shell", (), "ls")
    assert infer("shell", {"command": ["bash", "-lc", "ls -l"]}).command == "bash -lc 'ls -l'"
    found = infer("apply_patch", {"command": ["apply_patch", CODEX]})
    assert found.kind == "write" and found.command is None
    assert ".github/workflows/ci.yml" in {a.path for a in found.paths}
    assert infer("TodoWrite", {"todos": [{"content": "x"}]}) == ("other", (), None)
    nested = infer("mcp__fs__write", {"args": {"items": [{"file_path": ".env"}]}})
    assert nested.paths[0].path == ".env"


def test_codex_apply_patch_onto_a_workflow_is_not_allowed(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    moved = (
        "*** Begin Patch\n*** Update File: src/util.py\n"
        "*** Move to: .github/workflows/ci.yml\n*** End Patch\n"
    )
    result = hook(event(seeded, "apply_patch", {"command": ["apply_patch", moved]}))
    assert (result.code, decision(result)) == (0, "ask")  # the `ci` category's approval
    assert ".github/workflows/ci.yml" in _reason(result) and "`ci`" in _reason(result)
    result = hook(event(seeded, "apply_patch", {"command": ["apply_patch", CODEX]}))
    assert (result.code, decision(result)) == (2, "deny")  # it also deletes a secret
    assert "config/.env.production" in _reason(result)


def test_shell_tool_of_another_agent_is_read_as_a_shell(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    result = hook(event(seeded, "Shell", {"command": "git commit --no-verify -m x"}))
    assert result.code == 2
    assert "`git commit --no-verify` skips agentlint's hooks" in _reason(result)


def test_mcp_write_to_a_secret_is_denied_by_content(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    result = hook(
        event(seeded, "mcp__filesystem__write_file", {"path": ".env", "content": "TOKEN=x"})
    )
    assert result.code == 2 and "`secrets`" in _reason(result)


def test_foreign_edit_of_a_secret_names_the_secret(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    path = str(seeded.path / "config" / ".env.production")
    result = hook(event(seeded, "StrReplace", {"path": path, "old_string": "a", "new_string": "b"}))
    assert result.code == 2 and "config/.env.production" in _reason(result)
    assert "`secrets`" in _reason(result)


def test_a_name_that_also_says_something_else_is_judged_as_writing() -> None:
    """The name is chosen by whoever wrote the tool (an MCP server may be the agent's own):
    one read word among others does not make it a reader."""
    for tool in (
        "fetch_and_store",
        "get_or_create_file",
        "searchReplace",
        "view_then_sync",
        "mcp__fs__read_write",
        "ReadModifyWrite",
        "list_and_delete",
        "openForAppend",
    ):
        assert infer(tool, {"path": "a.py"}).paths[0].write, tool
    for tool in (
        "read_file",
        "viewImage",
        "list_dir",
        "get_file_contents",
        "Read",
        "mcp__github__get_file_contents",
        "read_many_files",
        "search_files",
    ):
        assert not infer(tool, {"path": "a.py"}).paths[0].write, tool


def test_a_writing_tool_with_a_reading_name_cannot_edit_a_workflow(seeded: Repo, hook) -> None:  # type: ignore[no-untyped-def]
    seeded.commit(
        "allow the tools",
        files={".agentlint.yaml": "record:\n  tools:\n    extend_allow: ['mcp__own__*']\n"},
    )
    path = str(seeded.path / ".github" / "workflows" / "ci.yml")
    result = hook(event(seeded, "mcp__own__fetch_and_store", {"path": path, "url": "x"}))
    assert decision(result) == "ask" and "`ci`" in _reason(result)
    result = hook(event(seeded, "mcp__own__read_file", {"path": path}))
    assert (result.code, result.out) == (0, "")  # reading a workflow is fine
