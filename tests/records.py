"""Review records for tests: a valid one, and ways to change it."""

from __future__ import annotations

import copy
import json
from typing import Any

RECORD_PATH = ".agentlint/records/fix-totals.yaml"

VALID_YAML = """\
# agentlint review record
version: 1
task: "Invoice totals are off by one cent for some currencies; fix the rounding."
agent:
  name: claude-code
  model: claude-sonnet-4-5
scope:
  paths:
    - src/report/
    - tests/report/
  tools: [Read, Edit, Bash]
plan:
  - Read the invoice total code and its tests
  - Round half-even per currency, add a regression test
files:
  read: [src/report/totals.py, tests/report/test_totals.py]
  changed: [src/report/totals.py, tests/report/test_totals.py]
tools_used: [Read, Edit, Bash]
commands:
  - run: pytest tests/report -q
    exit_status: 1
    kind: test
  - run: pytest tests/report -q
    exit_status: 0
    kind: test
  - run: ruff check src
    exit_status: 0
    kind: lint
attempts:
  - tried: Rounding with float arithmetic
    outcome: Still one cent off for JPY
    learned: Use Decimal and the currency's exponent
assumptions:
  - assumption: No stored invoice relies on the old rounding
    if_wrong: Reprinted invoices would differ by one cent
rollback:
  plan: Revert the commit; totals go back to the old rounding. No data is migrated.
cost:
  tokens: 120000
  usd: 1.25
  minutes: 14
"""


def base() -> dict[str, Any]:
    """The valid record as data."""
    from agentlint import yamlfile

    return copy.deepcopy(yamlfile.load(VALID_YAML.encode(), source="x").data)


def text(data: dict[str, Any] | None = None, **changes: Any) -> str:
    """A record (JSON, which is YAML) from `data` or the valid record, with top-level
    keys replaced by `changes` (None deletes the key)."""
    record = base() if data is None else data
    for key, value in changes.items():
        if value is None:
            record.pop(key, None)
        else:
            record[key] = value
    return json.dumps(record, indent=2)


def files(*changed: str, read: tuple[str, ...] = ()) -> dict[str, list[str]]:
    return {"read": list(read), "changed": list(changed)}
