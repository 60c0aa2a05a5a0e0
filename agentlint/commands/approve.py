"""`agentlint approve [--category C...] [--range BASE..HEAD]`: a human approves with one
command.

It shows what is pending on the branch (the protected paths, and the commits that
touched them), checks that the person running it may approve those categories, and then
creates the approval the way the policy needs it: an empty commit carrying one
`Approved-by:` trailer, signed (`git commit -S`) when the policy requires signed approvals.
It refuses to run under an agent identity or inside an agent session: an approval the
agent could make is not an approval.
"""

from __future__ import annotations

import argparse
import os
import sys

from agentlint import detect, git
from agentlint.change import gather
from agentlint.change.model import Commit, Identity
from agentlint.errors import fail
from agentlint.findings import Finding
from agentlint.policy.model import Policy

PENDING = ("AL201", "AL202", "AL203", "AL206", *(f"AL30{n}" for n in range(1, 8)))
SESSION_MARKERS = ("CLAUDE_CODE_SESSION_ID", "CLAUDE_PROJECT_DIR")


def default_base() -> str:
    """Where the branch left its upstream (or the usual main branches)."""
    from agentlint.change import branch

    start = branch.find_start()
    if start is None or start.base == start.head:
        raise fail(
            "cannot tell where this branch starts",
            fix="name the range: agentlint approve --range origin/main..HEAD",
        )
    return start.base


def refuse_agents(policy: Policy, who: Identity) -> None:
    markers = [v for v in (*policy.env_markers, *SESSION_MARKERS) if os.environ.get(v)]
    if markers:
        raise fail(
            f"refusing to approve inside an agent session ({', '.join(markers)} is set)",
            fix="a human runs `agentlint approve` in their own terminal",
        )
    name = detect.identity_detector(who, policy.detectors)
    if name:
        raise fail(
            f"refusing to approve as {who}: that identity is an agent's ({name})",
            fix="set your own user.name and user.email, then run it again",
        )


def refuse_own_commits(
    commits: tuple[Commit, ...], waiting: dict[str, list[Finding]], who: Identity
) -> None:
    """An approval never covers its approver's own commits: say so before making one that
    `check` would then report as self-approval (AL202)."""
    shas = {f.commit for found in waiting.values() for f in found if f.commit}
    email = who.email.lower()
    own = [
        c
        for c in commits
        if c.sha in shas and email in (c.author.email.lower(), c.committer.email.lower())
    ]
    if own:
        listed = ", ".join(c.sha[:12] for c in own if c.sha)
        raise fail(
            f"refusing to approve as {who}: you authored or committed {listed}, which the "
            "approval would cover, and an approver cannot approve their own work",
            fix="ask another approver; if an agent made these commits under your name, give "
            "it its own identity (`agentlint setup claude`) for the commits it makes",
        )


def pending(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Approval findings by category (weakened tests count as the `tests` category)."""
    out: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.code in PENDING:
            category = finding.category or ("tests" if finding.code.startswith("AL3") else None)
            if category:
                out.setdefault(category, []).append(finding)
    return out


def run(args: argparse.Namespace) -> int:
    from agentlint.pipeline import evaluate, range_args
    from agentlint.report.paths import lossless, quoted

    base = args.base_range.split("..")[0] if args.base_range else default_base()
    head = (args.base_range.partition("..")[2].lstrip(".") or "HEAD") if args.base_range else "HEAD"
    check = range_args(f"{base}..{head}", config=args.config)
    change, policy, findings, _ = evaluate(check)
    author, _ = gather.identities()
    refuse_agents(policy, author)
    waiting = pending(findings)
    refuse_own_commits(change.commits, waiting, author)
    print(
        f"agentlint: range {base[:12]}..{head} ({len(change.commits)} commit"
        f"{'s' * (len(change.commits) != 1)}), judged by {policy.source}",
        file=sys.stderr,
    )
    wanted = list(dict.fromkeys(args.category or sorted(waiting)))
    if not wanted:
        print("agentlint: nothing is waiting for an approval in this range", file=sys.stderr)
        return 0
    for name in wanted:
        category = policy.category(name)
        if category is None:
            raise fail(f"there is no category {name!r}", fix="see `agentlint explain PATH`")
        approvers = policy.approvers_for(category)
        if author.email.lower() not in approvers:
            listed = ", ".join(approvers) or "nobody (set categories.<name>.approvers)"
            raise fail(
                f"{author.email} may not approve {name!r}; its approvers are {listed}",
                fix="ask one of them to run `agentlint approve`",
            )
        for finding in waiting.get(name, []):
            where = f" in {finding.commit[:12]}" if finding.commit else ""
            shown = f"{quoted(finding.path or '?')}{where}"
            print(f"{name}: {shown}: {finding.code} {lossless(finding.message)}")
    message = f"Approve {', '.join(wanted)}\n\nApproved-by: {author}\n"
    if args.dry_run:
        sys.stdout.write(message)
        return 0
    sign = ["-S"] if policy.require_signed else []
    code, _, err = git.start(
        "commit",
        "--allow-empty",
        "--no-edit",
        "-q",
        *sign,
        "-F",
        "-",
        stdin=message.encode(),
        ok_codes=(0, 1, 128),
    ).wait()
    if code != 0:
        raise fail(
            f"git could not create the approval commit: {err.decode('utf-8', 'replace').strip()}",
            fix="set up commit signing (gpg.format ssh, user.signingkey)"
            if sign
            else "fix what git says, then run it again",
        )
    sha = git.run("rev-parse", "--short", "HEAD").decode().strip()
    signed = "signed " if sign else ""
    print(
        f"agentlint: created {signed}approval commit {sha} for {', '.join(wanted)}", file=sys.stderr
    )
    return 0
