"""AL401: the agent change touches more files or lines than the policy's budget."""

from __future__ import annotations

from agentlint.change.model import Change
from agentlint.classify import decide
from agentlint.findings import Finding
from agentlint.policy.load import CONFIG_NAME
from agentlint.policy.model import Policy
from agentlint.scope import Scope


def check_size(change: Change, policy: Policy, scope: Scope) -> list[Finding]:
    if not scope.judged:
        return []
    files = [f for f in change.files if any(p in scope.touches for p in f.paths)]
    lines = sum(
        (f.added or 0) + (f.deleted or 0)
        for f in files
        if decide(policy.limit_exclude, f.path) is None
    )
    findings = []
    if policy.max_files is not None and len(files) > policy.max_files:
        findings.append(
            Finding(
                "AL401",
                f"the change touches {len(files)} files (limit {policy.max_files}); split it "
                f"into smaller changes, or raise limits.max_files in {CONFIG_NAME}",
                CONFIG_NAME,
            )
        )
    if policy.max_lines is not None and lines > policy.max_lines:
        findings.append(
            Finding(
                "AL401",
                f"the change has {lines} changed lines (limit {policy.max_lines}); split it "
                f"into smaller changes, or raise limits.max_lines in {CONFIG_NAME}",
                CONFIG_NAME,
            )
        )
    return findings
