from __future__ import annotations

from agentlint.cli import entry

entry()
