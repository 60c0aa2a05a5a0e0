"""`agentlint hook AGENT`: an agent's tool-call hook, the same guard for every agent.

The agent's adapter (agentlint.agents) reads its payload into one neutral action. Before
the call: allow (exit 0, no output), ask, or deny, rendered the way that agent reads a
decision; a deny is said twice, the agent's JSON and exit 2 with the reason on stderr.
Input that cannot be read is denied: the guard fails closed. After the call: one line in
the session's evidence log. Other events are ignored.
"""

from __future__ import annotations

import os
import sys
import time

from agentlint.errors import AgentlintError
from agentlint.guard import workspace
from agentlint.guard.action import Action, AfterError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

ADAPTERS = {
    "claude-code": "claude",
    "copilot": "copilot",
    "cursor": "cursor",
    "codex": "codex",
    "gemini": "gemini",
}
# the variable each agent sets to the project's folder for its hooks, where it has one
PROJECT_DIR = {"claude-code": "CLAUDE_PROJECT_DIR", "gemini": "GEMINI_PROJECT_DIR"}
PROJECT_DIR |= {"cursor": "CURSOR_PROJECT_DIR"}


def run(args: argparse.Namespace) -> int:
    agent = args.hook_command
    # importlib.import_module, without importing importlib (and warnings) on a hook path
    adapter = __import__(f"agentlint.agents.{ADAPTERS[agent]}", fromlist=["read"])
    raw = sys.stdin.buffer.read()
    try:
        action: Action | None = adapter.read(raw)
    except AfterError as exc:
        reason = "; ".join(p.render() for p in exc.problems)
        print(f"agentlint: error: the evidence log was not written: {reason}", file=sys.stderr)
        return 2
    except AgentlintError as exc:
        reason = "; ".join(p.render() for p in exc.problems)
        return _deny(adapter, f"the hook input cannot be read, so the call is refused: {reason}")
    if action is None:
        return 0
    cwd = action.cwd or os.getcwd()
    root = workspace.find_root(os.environ.get(PROJECT_DIR.get(agent, "")), cwd)
    try:
        if action.event == "before":
            return _before(adapter, action, root)
        if root is not None:  # no repository, so no record to feed
            _log(action, root, "failure" if action.event == "failure" else "post", action.error)
    except AgentlintError as exc:
        reason = "; ".join(p.render() for p in exc.problems)
        if action.event == "before":
            return _deny(adapter, f"the guard cannot run, so the call is refused: {reason}")
        print(f"agentlint: error: the evidence log was not written: {reason}", file=sys.stderr)
        return 2
    return 0


def _before(adapter: object, action: Action, root: str | None) -> int:
    from agentlint.guard.decide import decide

    verdict = decide(action, root)
    if verdict.decision == "allow":
        return 0
    if verdict.decision == "deny" and root is not None:
        _log(action, root, "denied", verdict.reasons[0])
    return _emit(adapter, verdict.decision, verdict.reason)


def _deny(adapter: object, reason: str) -> int:
    return _emit(adapter, "deny", f"agentlint: {reason}")


def _emit(adapter: object, decision: str, reason: str) -> int:
    out, err, code = adapter.render(decision, reason)  # type: ignore[attr-defined]
    if out:
        sys.stdout.write(out)
        sys.stdout.flush()
    if err:
        sys.stderr.write(err)
    return int(code)


def _log(action: Action, root: str, kind: str, error: str | None) -> None:
    from agentlint.evidence import log as evidence

    paths, write = [], False
    for access in action.paths:
        place = workspace.places(access.path, action.cwd or root, root)[0]
        paths.append(place.relative or place.absolute)
        write = write or access.write
    line = evidence.line_for(
        kind,
        action.record_name,
        paths,
        write=write,
        command=action.command,
        exit_status=action.exit_status if kind != "denied" else None,
        error=error,
        tool_use_id=action.tool_use_id,
        ts=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        agent=action.agent,
        kind=action.kind,
    )
    try:
        evidence.append(evidence.log_path(root, action.session), line)
    except OSError as exc:
        from agentlint.errors import fail

        raise fail(
            f"cannot append to the evidence log: {exc.strerror}",
            where=evidence.log_path(root, action.session),
            fix="make .agentlint/runs/ writable",
        ) from None
