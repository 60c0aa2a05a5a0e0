"""Files shipped with agentlint: JSON Schemas and the rule pages.

An installed wheel carries `schemas/` and `docs/rules/` inside the package; a source
checkout has them at the top level. Both are found the same way.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path


@functools.lru_cache(maxsize=1)
def _root() -> Path:
    package = Path(str(resources.files("agentlint")))
    if (package / "schemas").is_dir():
        return package
    return package.parent


def path(*parts: str) -> Path:
    return _root().joinpath(*parts)


def read_text(*parts: str) -> str:
    return path(*parts).read_text(encoding="utf-8")


def list_dir(*parts: str) -> list[str]:
    return sorted(p.name for p in path(*parts).iterdir() if p.is_file())
