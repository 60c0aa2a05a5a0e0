"""The pipeline every command that judges a change runs: gather the change, load the
policy in force before it, decide which commits agents made, add what only judged changes
need, and run the checks. It returns findings; reporting them is the caller's business.

Data flows one way: commands call this module, and it calls the layers below (change,
policy, scope, checks). Nothing here imports a command."""

from __future__ import annotations

import os
import sys

from agentlint import git, scope, structs
from agentlint.change import gather
from agentlint.change.model import Change, FileChange
from agentlint.errors import fail
from agentlint.findings import Finding
from agentlint.policy.load import load_policy, load_policy_file, read_file
from agentlint.policy.model import Policy
from agentlint.report import Context
from agentlint.rules import family_selected, selected

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Iterable, Mapping
    from typing import Any


def select_source(
    args: argparse.Namespace, env: Mapping[str, str]
) -> tuple[str, tuple[str | None, ...]]:
    """Which change to check: flags first, then pre-commit's pre-push range, then staged."""
    if args.commit is not None:
        return "commit", (args.commit,)
    if args.range_ is not None:
        return "range", parse_range(args.range_)
    if args.staged:
        return "staged", ()
    if env.get("PRE_COMMIT_FROM_REF") and env.get("PRE_COMMIT_TO_REF"):
        return "range", (env["PRE_COMMIT_FROM_REF"], env["PRE_COMMIT_TO_REF"])
    if env.get("PRE_COMMIT_REMOTE_NAME") and env.get("PRE_COMMIT_LOCAL_BRANCH"):
        return "range", (None, env["PRE_COMMIT_LOCAL_BRANCH"])  # first push: whole history
    if getattr(args, "branch", False):
        return "branch", ()
    return "staged", ()


def branch_range() -> tuple[str, str] | None:
    """BASE..HEAD for the branch since it left the default branch, or None when HEAD is
    the default branch itself (nothing of its own to check). No default branch at all is
    exit 2: checking nothing must never read as a pass."""
    from agentlint.change import branch

    start = branch.find_start()
    if start is None:
        raise fail(
            "there is no range to check: nothing is staged, and this branch has no upstream, "
            "origin/HEAD, origin/main or main to compare with",
            fix="name the range, for example `agentlint check --range origin/main..HEAD` "
            "(in CI, fetch the base branch with full depth)",
        )
    if start.base == start.head:
        return None
    return start.base, start.head


def parse_range(spec: str) -> tuple[str, str]:
    base, dots, head = spec.partition("...")
    if not dots:
        base, dots, head = spec.partition("..")
    if not dots or not base:
        raise fail(f"--range {spec!r} is not BASE..HEAD", fix="write it like origin/main..HEAD")
    return base, head or "HEAD"


def _gather(kind: str, params: tuple[str | None, ...], message_file: str | None) -> gather.Gathered:
    if kind == "branch":
        spec = branch_range()
        if spec is None:  # HEAD is the default branch: an empty range from HEAD
            head = git.run("rev-parse", "HEAD").decode().strip()
            return gather.range_(head, head, message_file)
        return gather.range_(spec[0], spec[1], message_file)
    if kind == "commit":
        if message_file:
            raise fail(
                "--message-file goes with --staged or --range, not --commit",
                fix="drop --message-file",
            )
        return gather.commit(str(params[0]))
    if kind == "range":
        return gather.range_(params[0], str(params[1]), message_file)
    return gather.staged(message_file)


def _load(args: argparse.Namespace, gathered: gather.Gathered) -> Policy:
    if args.config:
        return load_policy_file(args.config)
    return load_policy(
        gathered.policy_text, source=gathered.policy_source, blob_id=gathered.policy_blob
    )


def _allowed_signers(args: argparse.Namespace, policy: Policy, gathered: gather.Gathered) -> bytes:
    path = str(policy.allowed_signers)
    if args.config:
        top = os.path.dirname(os.path.abspath(args.config))
        return read_file(os.path.join(top, path), "approvals.allowed_signers")
    from agentlint.change import extras

    blob = extras.read_blob(gathered.policy_rev, path) if gathered.policy_rev else None
    if blob is None:
        raise fail(
            f"approvals.allowed_signers names {path!r}, which is not committed at "
            f"{gathered.policy_source}",
            where=path,
            fix="commit the allowed-signers file before the change it judges",
        )
    return blob


SIGN_OFFS = ("approved-by", "reviewed-by")


def with_env_markers(change: Change, policy: Policy) -> Change:
    """Mark the commit being made with the agent environment variables that are set."""
    if change.mode != "staged":
        return change
    markers = tuple(v for v in policy.env_markers if os.environ.get(v))
    return change._replace(commits=tuple(c._replace(env_markers=markers) for c in change.commits))


def test_files(
    change: Change, policy: Policy, touched: set[str]
) -> tuple[list[FileChange], list[FileChange]]:
    """Net-diff entries the weakened-test rules measure: text files in a language agentlint
    reads, touched by judged commits, and not excluded from the `tests` category. The
    first list matches the category's paths or a test file's name (`test.ts`, `spec.js`,
    Django's `tests.py`); the second holds the other candidates, which are test files
    when they define tests on either side (see `by_content`)."""
    category = policy.category("tests")
    if category is None:
        return [], []
    from agentlint.classify import decide, decide_paths
    from agentlint.weakened.languages import is_test_name, language

    named, candidates = [], []
    ignorecase, exclude = policy.ignorecase, category.exclude
    for f in change.files:  # plain loops: a large change runs this for each of its files
        if f.is_binary:
            continue
        paths = f.paths
        readable = [p for p in paths if language(p) is not None]
        if not readable or not any(p in touched for p in paths):
            continue
        if exclude and any(decide(exclude, p, ignorecase) is not None for p in readable):
            continue
        for p in readable:
            if is_test_name(p) or decide_paths(category, p, ignorecase) is not None:
                named.append(f)
                break
        else:
            candidates.append(f)
    return named, candidates


def by_content(
    candidates: list[FileChange], before: str, after: str, objects: dict[str, Any]
) -> list[FileChange]:
    """The candidates that define tests on either side of the change."""
    from agentlint.change import extras
    from agentlint.weakened.languages import defines_tests

    return [
        f
        for f, test in zip(
            candidates, extras.read_tests(candidates, before, after, objects), strict=True
        )
        if defines_tests(test.old_path or test.path, test.before)
        or defines_tests(test.path, test.after)
    ]


def _in_a_session() -> bool:
    """Whether some agent's session variable is set (see evidence.session.identify)."""
    from agentlint.evidence import MARKER_ENV, SESSION_ENV

    return any(os.environ.get(v) for v in (*SESSION_ENV.values(), *MARKER_ENV.values()))


def _holding(rev: str) -> Callable[..., dict[str, bytes]]:
    """extras.files_holding at `rev`, for the weakened-test check to call if it must."""

    def holding(*args: Any, **kwargs: Any) -> dict[str, bytes]:
        from agentlint.change import extras

        return extras.files_holding(rev, *args, **kwargs)

    return holding


def enrich(
    args: argparse.Namespace,
    gathered: gather.Gathered,
    policy: Policy,
    change: Change,
    judged: tuple[int, ...],
    paths: Iterable[str],
    selectors: tuple[str, ...] = (),
) -> Change:
    """Add what only judged changes need: gitattributes, review records and signature
    verdicts. The records (and the session's evidence) serve the AL1 rules and the test
    files the AL3 rules: with `selectors` that pick none of them, they are not read."""
    from agentlint.change import extras
    from agentlint.record import locate

    paths = list(paths)
    before, after = gathered.before or "", gathered.after
    wanted = {a for c in policy.categories for a in c.attributes}
    attribute_names = extras.attribute_names(paths, [before, after]) if wanted else {}
    records_wanted = family_selected("AL1", selectors)
    records = locate.records(change, judged, policy.record.dir) if records_wanted else []
    tests, candidates = (
        test_files(change, policy, set(paths)) if family_selected("AL3", selectors) else ([], [])
    )
    objects = extras.fetch(
        [
            *attribute_names.values(),
            *extras.record_names(records, before, after),
            *extras.test_names([*tests, *candidates], before, after),
        ],
        session=gathered.session,
    )  # one git call for all three, or none where the policy's cat-file serves them
    gathered.end()  # the last objects asked of it: git exits while the checks run
    tests += by_content(candidates, before, after, objects)
    change = change._replace(
        attributes=extras.marked_paths(paths, [before, after], attribute_names, objects, wanted),
        records=extras.read_records(records, before, after, objects),
        tests=extras.read_tests(tests, before, after, objects),
    )
    if change.tests and after:
        change = change._replace(holding=_holding(after))
    if change.mode == "staged" and records_wanted and _in_a_session():
        from agentlint.evidence import session

        if session.identify(os.environ) is not None:
            change = change._replace(evidence=session.load(paths, os.environ, os.getcwd()))
    if policy.require_signed and change.mode != "staged":
        carriers = [
            c.sha
            for c in change.commits
            if c.sha and any(t.key.lower() in SIGN_OFFS for t in c.trailers)
        ]
        if carriers:  # and the judged commits: one signed with the approver's key is theirs
            carriers += [sha for n in judged if (sha := change.commits[n].sha)]
            verdicts = extras.signatures(carriers, _allowed_signers(args, policy, gathered))
            change = change._replace(
                commits=tuple(
                    c._replace(signature=verdicts.get(c.sha or "")) for c in change.commits
                )
            )
    return change


def range_args(spec: str, message_file: str | None = None, config: str | None = None) -> Any:
    """Arguments for evaluate() on a range, for commands that check one themselves."""
    from agentlint.fastargs import Namespace

    return Namespace(
        commit=None,
        range_=spec,
        staged=False,
        message_file=message_file,
        message_file_arg=None,
        config=config,
        allow_empty=True,  # the caller says what an empty range means to it
    )


class Evaluated(structs.Struct):
    change: Change
    policy: Policy
    findings: list[Finding]
    agent_commits: int


def evaluate(args: argparse.Namespace, selectors: tuple[str, ...] = ()) -> Evaluated:
    """Every finding on the change `args` select, before --select and reporting. With
    `selectors` (--select's), the checks and the reading that only unselected rules need
    are skipped: what the selected rules find is the same."""
    message_file = args.message_file or args.message_file_arg
    kind, params = select_source(args, os.environ)
    gathered = _gather(kind, params, message_file)
    if (
        kind == "staged" and not message_file and not gathered.change.files and os.environ.get("CI")
    ):  # CI running the hooks (`pre-commit run --all-files`): nothing is staged there
        gathered.close()
        kind = "branch"
        gathered = _gather(kind, params, message_file)
    try:
        return _evaluate(args, kind, gathered, message_file, selectors)
    finally:
        gathered.close()


def _evaluate(
    args: argparse.Namespace,
    kind: str,
    gathered: gather.Gathered,
    message_file: str | None,
    selectors: tuple[str, ...],
) -> Evaluated:
    if (
        kind == "range"
        and args.range_ is not None
        and not gathered.change.commits
        and not getattr(args, "allow_empty", False)
    ):
        raise fail(
            f"--range {args.range_} holds no commits (is it reversed, or already merged?)",
            fix="name the range as BASE..HEAD with HEAD the branch to check, or pass "
            "--allow-empty when an empty range is expected",
        )
    policy = _load(args, gathered)
    if gathered.change.mode == "commit" and len(gathered.change.commits[0].parents) > 1:
        print(
            f"agentlint: note: {args.commit} is a merge commit; it is compared against its "
            "first parent",
            file=sys.stderr,
        )
    change = with_env_markers(gathered.change, policy)
    agents, pr_agent = scope.agent_commits(change, policy)
    _note_unknown_bots(change, policy, agents)
    judged = scope.judged_commits(change, policy, agents, pr_agent)
    if not judged:
        gathered.end()  # nothing more to read: git exits while the verdict is written
    findings: list[Finding] = []
    if judged:  # otherwise no rule applies, and none of the work below is needed
        from agentlint import classify
        from agentlint.checks import run_checks

        touches = scope.touched(change, judged)
        policy = classify.with_case(policy, touches, gathered.ignorecase)
        change = enrich(args, gathered, policy, change, judged, touches, selectors)
        subject = scope.build(change, policy, agents, pr_agent, touches)
        findings = [
            f._replace(path=f.path or _message_location(change, message_file))
            for f in run_checks(change, policy, subject, selectors)
        ]
        if change.mode == "range":
            findings = with_commits(change, findings)
        elif (
            change.mode == "staged"
            and selected("AL101", selectors)
            and any(_is_bare_al101(f, policy) for f in findings)
        ):
            findings = _branch_record(change, policy, findings, touches)
    return Evaluated(change, policy, findings, len(agents))


def with_commits(change: Change, findings: list[Finding]) -> list[Finding]:
    """Range mode: every finding names a commit, the last one of the change that touched
    its path (or the change's head, for findings about the change as a whole)."""
    last: dict[str, str] = {}
    for commit in change.commits:
        for path in commit.paths:
            if commit.sha:
                last[path] = commit.sha
    head = change.head or (change.commits[-1].sha if change.commits else None)
    return [f if f.commit else f._replace(commit=last.get(f.path or "", head)) for f in findings]


def _is_bare_al101(finding: Finding, policy: Policy) -> bool:
    return finding.code == "AL101" and finding.path == policy.record.dir


def _branch_record(
    change: Change, policy: Policy, findings: list[Finding], touches: Iterable[str]
) -> list[Finding]:
    """At the commit stages, an agent commit without a record on a branch whose record
    already exists (made by an earlier commit): say to update that record, not to start one."""
    from agentlint.checks.record import update_branch_record
    from agentlint.record.locate import record_name

    if change.base is None:
        return findings
    folder = policy.record.dir
    # both at once: the branch's name, and the records the parent commit holds
    branch = git.start("symbolic-ref", "--quiet", "--short", "HEAD", ok_codes=(0, 1))
    listing = git.start("ls-tree", "-z", "--name-only", change.base, "--", folder)
    code, out, _ = branch.wait()
    path = folder + record_name(out.decode("utf-8", "replace").strip() if code == 0 else "")
    if path.encode() not in listing.result().split(b"\0"):
        return findings
    files = sorted(p for p in touches if not p.startswith(policy.record.dir))
    return [
        update_branch_record(f, path, files) if _is_bare_al101(f, policy) else f for f in findings
    ]


def _note_unknown_bots(change: Change, policy: Policy, agents: dict[int, str]) -> None:
    from agentlint import detect

    unknown = [change.commits[n] for n, name in agents.items() if name == detect.UNKNOWN_BOT]
    for who in detect.unknown_bots(unknown, policy) if unknown else ():
        print(f"agentlint: note: {detect.unknown_bot_hint(who)}", file=sys.stderr)


PR_LOCATION = "pull-request"  # where findings about a PR's title and body point


def _message_location(change: Change, message_file: str | None) -> str | None:
    """Where a finding about the message points: the commit message file at the commit-msg
    stage, and in range mode a stable pseudo-path for the pull request, never the
    temporary file CI wrote its title and body to (SARIF needs a relative location)."""
    if message_file and change.mode == "range":
        return PR_LOCATION
    return message_file


def nothing_checked(change: Change, has_message: bool) -> str | None:
    """Why this run checked nothing, said so that a pass is not taken for a check."""
    if change.files:
        return None
    if change.mode == "range" and not change.commits:
        return (
            "the branch has no commits of its own beyond its base; to check another range, "
            "run `agentlint check --range BASE..HEAD`"
        )
    if change.mode == "staged" and not has_message:
        return (
            "nothing is staged; to check the commits of a branch, run "
            "`agentlint check --range origin/main..HEAD` (or `--branch`)"
        )
    return None


def review_context(change: Change, policy: Policy) -> Context:
    """What the review packet needs besides findings: the scope the rules judged."""
    agents, pr_agent = scope.agent_commits(change, policy)
    judged = scope.judged_commits(change, policy, agents, pr_agent)
    if not judged:
        return Context(change, policy, None)
    touches = scope.touched(change, judged)
    return Context(change, policy, scope.build(change, policy, agents, pr_agent, touches))
