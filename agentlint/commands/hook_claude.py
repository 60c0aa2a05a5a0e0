"""`agentlint hook claude-code`: Claude Code's PreToolUse, PostToolUse and
PostToolUseFailure hook.

PreToolUse: allow (exit 0, no output), ask (exit 0 and a `permissionDecision: ask`), or deny
(exit 2 with the reason on stderr, which every Claude Code version honours, plus the
`permissionDecision: deny` JSON). Input that cannot be read is denied: the guard fails
closed. The policy is the one committed at HEAD, so an agent cannot loosen it by editing
the work tree.

PostToolUse / PostToolUseFailure: one line in the session's evidence log. Other events
are ignored.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

from agentlint.claude import evidence, payload, tools, workspace
from agentlint.claude.guard import Target, Verdict
from agentlint.errors import AgentlintError
from agentlint.policy.model import Policy


def run(args: argparse.Namespace) -> int:
    raw = sys.stdin.buffer.read()
    try:
        event = payload.parse_event(raw)
    except AgentlintError as exc:
        reason = "; ".join(p.render() for p in exc.problems)
        return _deny(
            Verdict("deny", (f"the hook input cannot be read, so the call is refused: {reason}",))
        )
    if event.kind not in payload.EVENTS:
        return 0
    cwd = event.cwd or os.getcwd()
    root = workspace.find_root(os.environ.get("CLAUDE_PROJECT_DIR"), cwd)
    try:
        if event.kind == "PreToolUse":
            return _pre(event, cwd, root)
        _post(event, cwd, root)
    except AgentlintError as exc:
        reason = "; ".join(p.render() for p in exc.problems)
        if event.kind == "PreToolUse":
            return _deny(
                Verdict("deny", (f"the guard cannot run, so the call is refused: {reason}",))
            )
        print(f"agentlint: error: the evidence log was not written: {reason}", file=sys.stderr)
        return 2
    return 0


def _pre(event: payload.Event, cwd: str, root: str | None) -> int:
    from agentlint.claude import guard, shell
    from agentlint.claude.workspace import expand, places

    named = [(a.path, a.write, cwd) for a in tools.accesses(event)]
    bypasses: list[str] = []
    if event.tool == "Bash":
        inspection = shell.inspect(payload.text_field(event.tool_input, "command") or "", cwd)
        bypasses = inspection.bypasses
        named += [(w, True, c) for w, c in inspection.writes]
        named += [(r, False, c) for r, c in inspection.reads]
    targets = [
        Target(place, write)
        for path, write, base in named
        for word in (expand(path, base, walk=write) if event.tool == "Bash" else [path])
        for place in places(word, base, root)
    ]
    policy, attributes = _policy(root, [t.place.relative for t in targets if t.place.relative])
    if event.tool == "Bash" and not policy.guard.bash:
        bypasses, targets = [], []
    verdict = guard.judge(tools.allowlist_names(event), targets, bypasses, policy, attributes)
    if verdict.decision == "allow":
        return 0
    if verdict.decision == "ask":
        _emit("ask", verdict.reason)
        return 0
    if root is not None:
        _log(event, root, "denied", None, verdict.reasons[0])
    return _deny(verdict)


def _policy(root: str | None, paths: list[str]) -> tuple[Policy, dict[str, frozenset[str]]]:
    from agentlint.change import extras
    from agentlint.policy.load import CONFIG_NAME, load_policy

    if root is None:
        return load_policy(None, source="built-in policy"), {}
    os.chdir(root)
    names = extras.attribute_names(paths, ["HEAD"])
    config = f"HEAD:{CONFIG_NAME}"
    objects = extras.fetch([config, *names.values()])
    found = objects.get(config)
    blob = found if found is not None and found.kind == "blob" else None
    source = f"{CONFIG_NAME} (at HEAD)" if blob else "built-in policy"
    policy = load_policy(
        blob.content if blob else None, source=source, blob_id=blob.sha if blob else None
    )
    wanted = {a for c in policy.categories for a in c.attributes}
    from agentlint import classify

    policy = classify.with_case(policy, paths)  # asks git only when case matters
    return policy, extras.marked_paths(paths, ["HEAD"], names, objects, wanted, top=root)


def _emit(decision: str, reason: str) -> None:
    output = {
        "hookSpecificOutput": {
            "hookEventName": "PreToolUse",
            "permissionDecision": decision,
            "permissionDecisionReason": reason,
        }
    }
    sys.stdout.write(json.dumps(output) + "\n")
    sys.stdout.flush()


def _deny(verdict: Verdict) -> int:
    _emit("deny", verdict.reason)
    print(verdict.reason, file=sys.stderr)
    return 2


def _post(event: payload.Event, cwd: str, root: str | None) -> None:
    if root is None:
        return  # no repository, so no record to feed
    failed = event.kind == "PostToolUseFailure"
    status = (
        evidence.exit_status(event.kind, event.response, event.error)
        if event.tool == "Bash"
        else None
    )
    _log(event, root, "failure" if failed else "post", status, event.error if failed else None)


def _log(event: payload.Event, root: str, kind: str, status: int | None, error: str | None) -> None:
    paths, write = [], False
    for access in tools.accesses(event):
        place = workspace.places(access.path, event.cwd or root, root)[0]
        paths.append(place.relative or place.absolute)
        write = access.write
    command = payload.text_field(event.tool_input, "command") if event.tool == "Bash" else None
    line = evidence.line_for(
        kind,
        tools.record_name(event),
        paths,
        write=write,
        command=command,
        exit_status=status,
        error=error,
        tool_use_id=event.tool_use_id,
        ts=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    )
    try:
        evidence.append(evidence.log_path(root, event.session_id), line)
    except OSError as exc:
        from agentlint.errors import fail

        raise fail(
            f"cannot append to the evidence log: {exc.strerror}",
            where=evidence.log_path(root, event.session_id),
            fix="make .agentlint/runs/ writable",
        ) from None
