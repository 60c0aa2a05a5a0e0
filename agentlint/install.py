"""Which `agentlint` is installed: this one, or the unrelated package of the same name.

PyPI's `agentlint` is another project (mauhpr/agentlint, "Real-time quality guardrails for
AI coding agents") that installs the same `agentlint` command, with the same entry point
(`agentlint.cli:main`). When it is the one on PATH, every hook that runs `agentlint` runs
that tool instead ("No such command 'hook'"). It is told apart by the Summary of its
distribution metadata, read from the environment the command on PATH runs in (its
shebang names the interpreter; pipx's link is followed first).
"""

from __future__ import annotations

import glob
import os
import shutil
from typing import NamedTuple

OTHER_SUMMARY = "Real-time quality guardrails for AI coding agents"
OUR_SUMMARY = "Policy linter for changes made by AI coding agents"
REPO_PLACEHOLDER = "<agentlint-repo-url>"
INSTALL_FIX = (
    f"install this agentlint from its repository at a release tag: `pipx install "
    f"git+{REPO_PLACEHOLDER}@<tag>` (README, Install; PyPI's `agentlint` is another tool)"
)


class Found(NamedTuple):
    where: str  # the command on PATH, or the environment's metadata folder
    summary: str  # the distribution's Summary ("" when it has none)

    @property
    def is_other(self) -> bool:
        return not self.summary.startswith(OUR_SUMMARY)

    def describe(self) -> str:
        if self.summary.startswith(OTHER_SUMMARY):
            return "mauhpr/agentlint, the unrelated tool PyPI installs as `agentlint`"
        return f"another package named agentlint ({self.summary or 'no summary'!r})"


def summaries(site_dirs: list[str]) -> list[tuple[str, str]]:
    """(metadata folder, Summary) of every `agentlint` distribution in these folders."""
    found = []
    for site in site_dirs:
        for info in sorted(glob.glob(os.path.join(site, "agentlint-*.dist-info"))):
            found.append((info, _summary(os.path.join(info, "METADATA"))))
    return found


def _summary(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if not line.strip():
                    break  # the headers end at the first blank line
                if line.lower().startswith("summary:"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return ""


def script_site_dirs(script: str) -> list[str]:
    """The site-packages folders of the environment a console script runs in."""
    real = os.path.realpath(script)
    try:
        with open(real, "rb") as handle:
            first = handle.readline(4096)
    except OSError:
        return []
    if not first.startswith(b"#!"):
        return []
    words = first[2:].decode("utf-8", "replace").split()
    if not words:
        return []
    interpreter = words[0]
    prefix = os.path.dirname(os.path.dirname(interpreter))
    return sorted(glob.glob(os.path.join(prefix, "lib", "python*", "site-packages"))) + sorted(
        glob.glob(os.path.join(prefix, "Lib", "site-packages"))
    )


def on_path() -> Found | None:
    """The other package, when the `agentlint` command on PATH is it."""
    script = shutil.which("agentlint")
    if script is None:
        return None
    for _, summary in summaries(script_site_dirs(script)):
        found = Found(script, summary)
        if found.is_other:
            return found
    return None


def in_environment() -> Found | None:
    """The other package, when this environment's `agentlint` metadata is its."""
    from importlib import metadata

    try:
        summary = metadata.distribution("agentlint").metadata["Summary"] or ""
    except metadata.PackageNotFoundError:
        return None  # run from a source tree: nothing installed here
    found = Found("this Python environment", summary)
    return found if found.is_other else None


def problems() -> list[str]:
    """One sentence per place the other package was found, with the fix."""
    return [
        f"{found.where} is {found.describe()}, not this agentlint; uninstall it there "
        f"(`pipx uninstall agentlint`, or `pip uninstall agentlint` in its environment), "
        f"then {INSTALL_FIX}"
        for found in (on_path(), in_environment())
        if found is not None
    ]
