"""Reading the policy ahead (issue 18): while git answers which policy is in force, a hook
reads and builds the one last loaded in the same folder. It is used only when its cache
key is the key of the policy git names, so a stale, damaged or forged pointer never
changes a verdict."""

from __future__ import annotations

import pytest

from agentlint import cache
from agentlint.policy import load

STRICT = b"enforce: all\n"
LOOSE = b"enforce: agents\n"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("AGENTLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    load._ahead.clear()
    cache._recalled.clear()
    yield tmp_path
    load._ahead.clear()
    cache._recalled.clear()


def _pointers(folder):
    return sorted((folder / "cache").glob("last-*"))


def test_the_policy_last_loaded_here_is_read_ahead_and_used(folder, monkeypatch):
    fresh = load.load_policy(STRICT, source="a.yaml", blob_id="a" * 40)
    assert len(_pointers(folder)) == 1
    cache._recalled.clear()  # as a new process
    ahead = load.read_ahead()
    assert ahead is not None and ahead._replace(source="a.yaml") == fresh
    monkeypatch.setattr(cache, "read", lambda *a, **k: pytest.fail("read again"))
    assert load.load_policy(STRICT, source="a.yaml", blob_id="a" * 40) == fresh


def test_a_pointer_to_another_policy_is_not_used(folder):
    load.load_policy(LOOSE, source="loose.yaml", blob_id="b" * 40)
    cache._recalled.clear()
    assert load.read_ahead() is not None  # the loose one, read ahead
    strict = load.load_policy(STRICT, source="a.yaml", blob_id="a" * 40)
    assert strict.enforce == "all" and strict.source == "a.yaml"
    # the pointer now names the strict one
    cache._recalled.clear()
    ahead = load.read_ahead()
    assert ahead is not None and ahead.enforce == "all"


@pytest.mark.parametrize("content", [b"", b"\xff\xfe", b"no-such-key", b"x" * 600])
def test_a_damaged_or_dangling_pointer_reads_nothing_ahead(folder, content):
    load.load_policy(STRICT, source="a.yaml", blob_id="a" * 40)
    (pointer,) = _pointers(folder)
    pointer.write_bytes(content)
    cache._recalled.clear()
    assert load.read_ahead() is None
    assert load.load_policy(STRICT, source="a.yaml", blob_id="a" * 40).enforce == "all"
    assert pointer.read_bytes() != content  # noted again


def test_a_forged_entry_under_the_pointed_key_cannot_stand_in_for_the_real_policy(folder):
    """An agent that writes the cache can name any entry, but the entry's key still has to
    be the key of the policy git reads: the loose policy never answers for the strict."""
    loose = load.load_policy(LOOSE, source="loose.yaml", blob_id="b" * 40)
    (pointer,) = _pointers(folder)
    strict_key = cache.key(cache.content_id(STRICT, "a" * 40))
    pointer.write_text(strict_key)  # the pointer names the strict key...
    entry = next((folder / "cache").glob(f"policy-*{'b' * 40}*"))
    forged = (folder / "cache") / entry.name.replace("b" * 40, "a" * 40)
    forged.write_bytes(entry.read_bytes())  # ...whose file holds the loose policy
    cache._recalled.clear()
    assert load.read_ahead() is None  # the entry's own key does not match its name
    assert load.load_policy(STRICT, source="a.yaml", blob_id="a" * 40).enforce == "all"
    assert loose.enforce == "agents"


def test_the_pointer_is_written_only_when_it_changes(folder, monkeypatch):
    load.load_policy(STRICT, source="a.yaml", blob_id="a" * 40)
    (pointer,) = _pointers(folder)
    cache._recalled.clear()
    load._ahead.clear()
    writes = []
    real_open = open

    def watching(path, mode="r", *args, **kwargs):  # type: ignore[no-untyped-def]
        if "w" in mode and str(path).startswith(str(pointer.parent)):
            writes.append(path)
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", watching)
    load.load_policy(STRICT, source="a.yaml", blob_id="a" * 40)
    assert writes == []


def test_each_folder_has_its_own_pointer_and_they_are_pruned(folder, monkeypatch):
    monkeypatch.setattr(cache, "_KEEP", 2)
    names = []
    for n in range(4):
        here = folder / f"repo{n}"
        here.mkdir()
        monkeypatch.chdir(here)
        load.load_policy(f"enforce: all\n# {n}\n".encode(), source="a.yaml")
        names.append({p.name for p in _pointers(folder)})
    assert len(names[1]) == 2  # one pointer per folder
    # pruned with the entries on a cache miss (before that miss's own pointer is noted)
    assert len(names[-1]) == 3 and not names[0] <= names[-1]


def test_no_cache_means_no_pointer_and_nothing_ahead(folder, monkeypatch):
    monkeypatch.setenv("AGENTLINT_NO_CACHE", "1")
    load.load_policy(STRICT, source="a.yaml", blob_id="a" * 40)
    assert load.read_ahead() is None
    assert not (folder / "cache").exists()


def test_a_removed_working_folder_reads_nothing_ahead(folder, monkeypatch):
    monkeypatch.setattr(load.os, "getcwd", lambda: (_ for _ in ()).throw(FileNotFoundError()))
    assert load.read_ahead() is None
    assert load.load_policy(STRICT, source="a.yaml").enforce == "all"


def _counting_builds(monkeypatch):  # type: ignore[no-untyped-def]
    """The sources model.build is called with: "" for a policy read ahead."""
    built: list[str] = []
    real = load.model.build

    def counting(data, source):  # type: ignore[no-untyped-def]
        built.append(source)
        return real(data, source)

    monkeypatch.setattr(load.model, "build", counting)
    load._ahead.clear()
    cache._recalled.clear()
    return built


def test_the_commit_check_takes_the_policy_read_ahead(seeded, run, monkeypatch, tmp_path):
    monkeypatch.setenv("AGENTLINT_CACHE_DIR", str(tmp_path / "cache"))
    seeded.add("src/app.py", content="x = 2\n")
    assert run("check", "--staged").code == 0  # fills the cache, and notes the policy
    built = _counting_builds(monkeypatch)
    assert run("check", "--staged").code == 0
    assert built == [""]  # built once, while git answered; load_policy took that one


def test_the_guard_takes_the_policy_read_ahead(seeded, run, monkeypatch, tmp_path):
    import io
    import json
    import sys

    monkeypatch.setenv("AGENTLINT_CACHE_DIR", str(tmp_path / "cache"))
    payload = {
        "session_id": "s",
        "cwd": str(seeded.path),
        "hook_event_name": "PreToolUse",
        "tool_name": "Edit",
        "tool_input": {"file_path": str(seeded.path / "src" / "app.py")},
    }
    for n in range(2):
        built = _counting_builds(monkeypatch) if n else []
        raw = json.dumps(payload).encode()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
        assert run("hook", "claude-code").code == 0
    assert built == [""]
