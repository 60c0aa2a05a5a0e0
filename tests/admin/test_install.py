"""`agentlint --version` and `doctor` notice the unrelated PyPI package named agentlint
(mauhpr/agentlint), which installs the same `agentlint` command. The environments are laid
out as pip and pipx lay them out: a console script whose shebang names the environment's
interpreter, and the distribution's METADATA in its site-packages."""

from __future__ import annotations

import os

import pytest

from agentlint import install
from agentlint.cli import main

OTHER = "Real-time quality guardrails for AI coding agents"
OURS = "Policy linter for changes made by AI coding agents: protected paths, approvals."
SCRIPT = "import re\nimport sys\nfrom agentlint.cli import main\nsys.exit(main())\n"


def _environment(root, summary: str | None, layout: str = "posix"):
    """A virtual environment with an `agentlint` console script; returns its bin folder."""
    bin_dir = root / ("Scripts" if layout == "windows" else "bin")
    site = root / ("Lib" if layout == "windows" else "lib/python3.12") / "site-packages"
    bin_dir.mkdir(parents=True)
    site.mkdir(parents=True)
    python = bin_dir / "python"
    python.write_text("")
    script = bin_dir / "agentlint"
    script.write_text(f"#!{python}\n# -*- coding: utf-8 -*-\n{SCRIPT}")
    script.chmod(0o755)
    if summary is not None:
        info = site / "agentlint-0.9.2.dist-info"
        info.mkdir()
        headers = f"Metadata-Version: 2.4\nName: agentlint\nVersion: 0.9.2\nSummary: {summary}\n"
        (info / "METADATA").write_text(headers + "\nDescription: Summary: not a header\n")
    return bin_dir


@pytest.fixture
def other_on_path(tmp_path, monkeypatch):
    bin_dir = _environment(tmp_path / "pipx/venvs/agentlint", OTHER)
    # pipx links the script into ~/.local/bin: the link is followed to the environment
    local = tmp_path / "local-bin"
    local.mkdir()
    (local / "agentlint").symlink_to(bin_dir / "agentlint")
    monkeypatch.setenv("PATH", f"{local}{os.pathsep}{os.environ['PATH']}")
    return local / "agentlint"


def test_version_warns_when_the_other_package_is_on_path(other_on_path, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    out, err = capsys.readouterr()
    assert out.startswith("agentlint ")
    assert f"agentlint: warning: {other_on_path} is mauhpr/agentlint" in err
    assert "pipx uninstall agentlint" in err
    assert "pipx install git+<agentlint-repo-url>@<tag>" in err


def test_doctor_fails_when_the_other_package_is_on_path(other_on_path, seeded, run):
    result = run("doctor")
    assert result.code == 1
    line = next(x for x in result.lines if "install:" in x)
    assert line.startswith(f"FAIL install: {other_on_path} is mauhpr/agentlint")
    assert "every hook that runs `agentlint` runs that tool instead" in line


def test_this_agentlint_on_path_is_ok(tmp_path, monkeypatch, seeded, run, capsys):
    bin_dir = _environment(tmp_path / "venv", OURS)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    assert install.on_path() is None
    result = run("doctor")
    assert f"ok   install: `agentlint` on PATH ({bin_dir / 'agentlint'}) is this agentlint" in (
        result.out
    )
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().err == ""


def test_an_unknown_package_of_the_same_name_is_named_by_its_summary(tmp_path, monkeypatch):
    bin_dir = _environment(tmp_path / "venv", "Something else entirely")
    monkeypatch.setenv("PATH", str(bin_dir))
    found = install.on_path()
    assert found is not None and found.describe() == (
        "another package named agentlint ('Something else entirely')"
    )


def test_windows_layout_and_odd_scripts(tmp_path, monkeypatch):
    bin_dir = _environment(tmp_path / "win", OTHER, layout="windows")
    assert install.script_site_dirs(str(bin_dir / "agentlint")) == [
        str(tmp_path / "win/Lib/site-packages")
    ]
    odd = tmp_path / "odd"
    odd.mkdir()
    (odd / "binary").write_bytes(b"\x7fELF\x00")
    (odd / "bare").write_text("#!\n")
    assert install.script_site_dirs(str(odd / "binary")) == []
    assert install.script_site_dirs(str(odd / "bare")) == []
    assert install.script_site_dirs(str(odd / "missing")) == []
    no_summary = _environment(tmp_path / "nosum", None)
    monkeypatch.setenv("PATH", str(no_summary))
    assert install.on_path() is None  # no metadata: nothing to say
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    assert install.on_path() is None


def test_this_environments_metadata_is_ours():
    assert install.in_environment() is None  # the test run's own install


def test_the_other_packages_metadata_in_this_environment(tmp_path, monkeypatch, capsys):
    """pip replaces one `agentlint` with the other (same name): the metadata found first
    on sys.path is the environment's."""
    bin_dir = _environment(tmp_path / "venv", OTHER)
    site = tmp_path / "venv/lib/python3.12/site-packages"
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    found = install.in_environment()
    assert found is not None and found.where == "this Python environment"
    with pytest.raises(SystemExit):
        main(["--version"])
    assert "this Python environment is mauhpr/agentlint" in capsys.readouterr().err
    assert bin_dir.exists()


def test_metadata_read_stops_at_the_body(tmp_path):
    info = tmp_path / "agentlint-1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Name: agentlint\n\nSummary: in the body\n")
    assert install.summaries([str(tmp_path)]) == [(str(info), "")]
