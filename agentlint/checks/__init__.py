"""The checks. Each is a pure function (change, policy, scope) -> list[Finding].

New rule families plug in by adding an entry to CHECKS: the review record (AL1xx) and
weakened tests (AL3xx) do so the same way.
"""

from __future__ import annotations

from agentlint.checks import postures, record, size, weakened
from agentlint.rules import family_selected

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from agentlint.change.model import Change
    from agentlint.findings import Finding
    from agentlint.policy.model import Policy
    from agentlint.scope import Scope

    Check = Callable[[Change, Policy, Scope], list[Finding]]

CHECKS: dict[str, Check] = {
    "record": record.check_record,
    "postures": postures.check_postures,
    "size": size.check_size,
    "weakened": weakened.check_weakened,
}
# the rule family each check reports (tests/checks/test_families.py holds them to it)
FAMILIES = {"record": "AL1", "postures": "AL2", "size": "AL4", "weakened": "AL3"}


def run_checks(
    change: Change, policy: Policy, scope: Scope, selectors: tuple[str, ...] = ()
) -> list[Finding]:
    """Every finding, with the policy's per-rule severities applied; with --select
    `selectors`, the checks whose rules none of them picks do not run."""
    findings = []
    for name, check in CHECKS.items():
        if not family_selected(FAMILIES[name], selectors):
            continue
        for finding in check(change, policy, scope):
            severity = policy.severity.get(finding.code, finding.severity)
            if severity != "off":
                findings.append(finding._replace(severity=severity))
    return findings
