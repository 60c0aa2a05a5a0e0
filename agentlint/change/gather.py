"""Ask git for the change under check, in a fixed, small number of calls.

Each mode starts its git calls together and then collects them, so a check costs about
one git round trip, whatever the number of commits in a range.
"""

from __future__ import annotations

import os

from agentlint import git, structs
from agentlint.change import parse
from agentlint.change.model import Change, Commit, FileChange, Identity
from agentlint.errors import AgentlintError, Problem, fail
from agentlint.policy.load import CONFIG_NAME, read_ahead

# Inexact rename detection compares every deleted file with every added one; past
# RENAME_LIMIT files on either side git skips it (exact renames are still found) and
# reports the rest as deletions and additions, whose paths count the same. Fixed here, so
# a verdict never depends on the user's diff.renameLimit (docs/concepts.md).
RENAME_LIMIT = 400
DIFF_ARGS = (
    "-z",
    "--raw",
    "--numstat",
    "-M",
    f"-l{RENAME_LIMIT}",
    "--no-abbrev",
    "--no-ext-diff",
    "--no-textconv",
    "--no-color",
    "--ignore-submodules=none",
)
LOG_ARGS = (
    "-z",
    f"--format={parse.LOG_FORMAT}",
    "--raw",
    "-M",
    f"-l{RENAME_LIMIT}",
    "--no-abbrev",
    "--no-ext-diff",
    "--no-color",
)
MAX_MESSAGE = 1 << 20
FETCH_FIX = (
    "fetch the full history: `git fetch --unshallow` (GitHub Actions: "
    "actions/checkout with `fetch-depth: 0`; GitLab CI: `GIT_DEPTH: 0`)"
)


class Gathered(structs.Struct):
    change: Change
    policy_text: bytes | None
    policy_source: str
    policy_rev: str | None  # where the policy (and allowed signers) were read
    policy_blob: str | None  # git's blob id of the policy text
    before: str | None  # tree before the change, for .gitattributes ("" = empty)
    after: str  # tree after the change (":" = the index)
    ignorecase: bool | None = None  # core.ignorecase, when it came free with another call
    # the cat-file that read the policy, kept open for the objects the checks need next
    # (see extras.fetch); whoever gathered closes it
    session: git.BatchSession | None = None

    def end(self) -> None:
        """No more objects will be asked of the session (see git.BatchSession.end)."""
        if self.session is not None:
            self.session.end()

    def close(self) -> None:
        if self.session is not None:
            self.session.close()


def _gathered(
    change: Change,
    config: git.BatchObject | None,
    source: str,
    rev: str | None,
    before: str,
    after: str,
) -> Gathered:
    text, blob = (config.content, config.sha) if config else (None, None)
    return Gathered(change, text, source, rev, blob, before, after)


def read_message(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_MESSAGE + 1)
    except OSError as exc:
        raise fail(
            f"cannot read the message file: {exc.strerror}",
            where=path,
            fix="pass the file git gives the commit-msg hook, or a readable file",
        ) from None
    if len(raw) > MAX_MESSAGE:
        raise fail("the message file is larger than 1 MiB", where=path, fix="shorten it")
    return raw.decode("utf-8", "replace")


def _trailers(text: str) -> git.Pending:
    return git.start("interpret-trailers", "--parse", stdin=text.encode("utf-8", "surrogateescape"))


def _check_rev(rev: str, what: str) -> None:
    if not rev or rev.startswith("-") or any(c in rev for c in "\0\n"):
        raise fail(f"{what} {rev!r} is not a revision", fix="name a commit, branch or tag")


def staged(message_file: str | None) -> Gathered:
    """The index against HEAD, and the commit being made."""
    text = read_message(message_file) if message_file else None
    session = git.BatchSession()
    try:
        return _staged(text, session)._replace(session=session)
    except BaseException:
        session.close()
        raise


def _staged(text: str | None, session: git.BatchSession) -> Gathered:
    diff = git.start("diff", "--cached", *DIFF_ARGS)
    listing = git.start("var", "-l")
    names = ["HEAD", f"HEAD:{CONFIG_NAME}", "MERGE_HEAD"]
    batch = None if session.send(names) else git.cat_file_batch(names)
    if text is not None:  # the commit-msg stage
        from agentlint import message
    # git parses the trailers; start it now on the message cleaned with the usual comment
    # character, and again below only if core.commentChar turns out to clean it otherwise
    guess = message.clean(text, "#") if text else ""
    guessed = _trailers(guess) if guess else None
    read_ahead()  # the policy, likely the one last loaded here, while git answers
    # first: it fails clearly outside a repo
    objects = session.receive() if batch is None else git.parse_batch(batch.result(), names)
    files = parse.parse_diff(diff.result())
    var = parse.decode(listing.result())
    head = objects["HEAD"]
    merging = objects["MERGE_HEAD"]
    merge_base_tree = None
    if head is not None and merging is not None and merging.kind == "commit":
        # a merge being concluded: judge only what it changes beyond git's own merge of its
        # parents, as range mode does, not every change the other branch brings in
        merge_base_tree, resolved = _merge_resolution(head.sha, merging.sha)
        files = resolved if resolved is not None else files
    config = objects[f"HEAD:{CONFIG_NAME}"]
    base = head.sha if head else None  # the parent of the commit being made
    config_rev = "HEAD"
    if head is not None and merging is None and _is_amending(var):
        # `git commit --amend`: the new commit replaces HEAD, so judge all it will hold
        # against HEAD's parents, under the policy in force before HEAD
        amended = _amended(head)
        base, config, files, merge_base_tree = amended
        config_rev = "HEAD^1"
    cleaned = message.clean(text, message.comment_char(var)) if text is not None else ""
    if guessed is not None and cleaned != guess:
        guessed.wait()  # the guess was wrong: reap it, and ask again
        guessed = None
    if cleaned and guessed is None:
        guessed = _trailers(cleaned)
    trailers = parse.parse_trailers(parse.decode(guessed.result())) if guessed else ()
    author, committer = _idents(var)
    head_sha = head.sha if head else None
    parents: tuple[str, ...] = (head_sha,) if head_sha else ()
    if merge_base_tree is not None and merging is not None:
        parents = (*parents, merging.sha)
    if config_rev != "HEAD" and head is not None:
        parents = _parents(head)
    pending = Commit(
        None,
        parents,
        author,
        committer,
        cleaned,
        trailers,
        tuple(p for f in files for p in f.paths),
    )
    change = Change("staged", base, None, (pending,), files)
    source = f"{CONFIG_NAME} (at {config_rev})" if config else "built-in policy"
    before = merge_base_tree or base or ""  # a merge: git's own merge of its parents
    found = _gathered(change, config, source, base, before, ":")
    return found._replace(ignorecase=git.ignorecase_in(var))


def _is_amending(var: str) -> bool:
    """Whether git runs this check as a hook of `git commit --amend`. git gives its commit
    hooks GIT_INDEX_FILE; without it (a check run by hand, CI) nothing is read."""
    if not os.environ.get("GIT_INDEX_FILE"):
        return False
    from agentlint.change import amend

    runner = amend.hook_runner()
    return runner is not None and amend.is_amend_argv(runner, amend.aliases_in(var))


def _parents(head: git.BatchObject) -> tuple[str, ...]:
    """The parents named in a commit object's header."""
    header = head.content.split(b"\n\n", 1)[0].decode("ascii", "replace")
    return tuple(line[7:] for line in header.splitlines() if line.startswith("parent "))


def _amended(
    head: git.BatchObject,
) -> tuple[str | None, git.BatchObject | None, tuple[FileChange, ...], str | None]:
    """What `git commit --amend` will hold: the index against HEAD's first parent (the
    empty tree for a root commit; for a merge, against git's own merge of its parents),
    with the policy at that parent. Returns (parent, policy, files, merge tree)."""
    parents = _parents(head)
    if not parents:
        empty = git.EMPTY_TREE["sha256" if len(head.sha) == 64 else "sha1"]
        return None, None, parse.parse_diff(git.run("diff", "--cached", *DIFF_ARGS, empty)), None
    name = f"{parents[0]}:{CONFIG_NAME}"
    batch = git.cat_file_batch([name])
    tree, files = _merge_resolution(*parents[:2]) if len(parents) == 2 else (None, None)
    if files is None:
        files = parse.parse_diff(git.run("diff", "--cached", *DIFF_ARGS, parents[0]))
    return parents[0], git.parse_batch(batch.result(), [name])[name], files, tree


def _merge_resolution(head: str, merging: str) -> tuple[str | None, tuple[FileChange, ...] | None]:
    """git's own merge of HEAD and MERGE_HEAD (`merge-tree --write-tree`, which touches
    neither the work tree nor the index), and the index's difference from it: the merge's
    own resolutions. (None, None) when this git cannot merge in memory (before 2.38): then
    the whole index is judged against HEAD, which fails closed."""
    code, out, _ = git.start(
        "merge-tree", "--write-tree", "--no-messages", head, merging, ok_codes=(0, 1, 128, 129)
    ).wait()
    tree = out.split(b"\n", 1)[0].decode("ascii", "replace").strip()
    if code not in (0, 1) or not _is_tree_id(tree):
        return None, None
    return tree, parse.parse_diff(git.run("diff", "--cached", *DIFF_ARGS, tree))


def _is_tree_id(text: str) -> bool:
    return len(text) in (40, 64) and all(c in "0123456789abcdef" for c in text)


def identities() -> tuple[Identity, Identity]:
    """Who git would record as the author and committer of a new commit."""
    return _idents(parse.decode(git.run("var", "-l")))


def _idents(listing: str) -> tuple[Identity, Identity]:
    found: dict[str, Identity] = {}
    for line in listing.splitlines():
        key, _, value = line.partition("=")
        if key in ("GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"):
            ident = parse.parse_ident_line(value)
            if ident:
                found[key] = ident
    if len(found) != 2:
        raise fail("git cannot tell who is committing", fix="set user.name and user.email")
    return found["GIT_AUTHOR_IDENT"], found["GIT_COMMITTER_IDENT"]


def _to_commit(entry: parse.LogEntry) -> Commit:
    paths = tuple(p for f in entry.files for p in f.paths)
    return Commit(
        entry.sha,
        entry.parents,
        entry.author,
        entry.committer,
        entry.message,
        entry.trailers,
        paths,
    )


def _is_shallow(pending: git.Pending) -> bool:
    return parse.decode(pending.result()).split()[0] == "true"


def _verify(rev: str) -> git.Pending:
    return git.start("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", ok_codes=(0, 1))


def _resolve(pending: git.Pending, rev: str, what: str, shallow: bool) -> str:
    code, out, _ = pending.wait()
    if code != 0:
        if shallow:
            raise fail(f"{what} {rev!r} is not in this clone, which is shallow", fix=FETCH_FIX)
        raise fail(
            f"unknown {what} {rev!r}",
            fix=f"fetch it (`git fetch origin {rev}`) or "
            "check the name; in CI, " + FETCH_FIX.split(": ", 1)[1],
        )
    return parse.decode(out).strip()


def commit(rev: str) -> Gathered:
    """One commit against its first parent."""
    _check_rev(rev, "commit")
    shallow_call = git.start("rev-parse", "--is-shallow-repository")
    verify = _verify(rev)
    log = git.start(
        "log", "-1", "--numstat", "--root", "--diff-merges=first-parent", *LOG_ARGS, rev, "--"
    )
    names = [f"{rev}^1:{CONFIG_NAME}"]
    batch = git.cat_file_batch(names)
    shallow = _is_shallow(shallow_call)
    _resolve(verify, rev, "commit", shallow)
    entries = parse.parse_log(log.result())
    if len(entries) != 1:
        raise fail(f"git returned no commit for {rev!r}", fix="name a single commit")
    entry = entries[0]
    if shallow and not entry.parents:
        raise fail(
            f"commit {rev!r} is at the edge of a shallow clone: its parent is missing",
            fix=FETCH_FIX,
        )
    config = git.parse_batch(batch.result(), names)[names[0]]
    parent = entry.parents[0] if entry.parents else None
    change = Change("commit", parent, entry.sha, (_to_commit(entry),), entry.files)
    source = f"{CONFIG_NAME} (at {rev}^1)" if config else "built-in policy"
    return _gathered(change, config, source, parent, parent or "", entry.sha)


def _remerge(shas: list[str]) -> git.Pending:
    """What each two-parent merge changes beyond git's own merge of its parents; `shas`
    in topological order, children first."""
    return git.start(
        "log",
        "--stdin",
        "--no-walk=unsorted",
        "--diff-merges=remerge",
        "-z",
        "--format=%H",
        "--raw",
        "--no-abbrev",
        "--no-ext-diff",
        "--no-color",
        stdin="".join(f"{sha}\n" for sha in shas).encode(),
    )


def _remerged(pending: git.Pending | None) -> dict[str, tuple[str, ...]]:
    if pending is None:
        return {}
    try:
        out = pending.result()
    except git.GitError as exc:
        if "remerge" in exc.stderr:
            raise fail(
                "this git cannot tell what a merge changed (`--remerge-diff`)",
                fix="install git 2.36 or newer to check ranges that contain merges",
            ) from None
        raise
    return parse.parse_remerge(out)


def range_(base: str | None, head: str, pr_file: str | None) -> Gathered:
    """Every commit in BASE..HEAD and the net diff BASE...HEAD; BASE None means all history."""
    _check_rev(head, "HEAD revision")
    if base is not None:
        _check_rev(base, "BASE revision")
    shallow_call = git.start("rev-parse", "--is-shallow-repository", "--show-object-format")
    verify_head = _verify(head)
    verify_base = _verify(base) if base is not None else None
    spec = f"{base}..{head}" if base is not None else head
    # merges are charged below, with what they change beyond git's own merge of their parents
    log = git.start(
        "log", "--reverse", "--topo-order", "--root", "--no-diff-merges", *LOG_ARGS, spec, "--"
    )
    # with a BASE the net diff starts now too; its errors are read after the revisions'
    diff = git.start("diff", *DIFF_ARGS, f"{base}...{head}", "--") if base is not None else None
    names = [f"{base}:{CONFIG_NAME}"] if base is not None else []
    batch = git.cat_file_batch(names) if names else None
    pr_text = read_message(pr_file) if pr_file else None
    pr_call = _trailers(pr_text) if pr_text else None
    state = parse.decode(shallow_call.result()).split()
    if state[0] == "true":
        raise fail("this clone is shallow, so the range's history may be incomplete", fix=FETCH_FIX)
    head_sha = _resolve(verify_head, head, "HEAD revision", False)
    base_sha = _resolve(verify_base, base, "BASE", False) if verify_base and base else None
    if diff is None:  # no BASE (a first push): everything against the empty tree
        diff = git.start("diff", *DIFF_ARGS, git.EMPTY_TREE[state[1]], head_sha, "--")
    commits = tuple(_to_commit(e) for e in parse.parse_log(log.result()))
    # newest first: git frees a shown commit's parents, so a merge re-merged after one of
    # its ancestors was shown would get a wrong merge base (fixed in git 2.48)
    merges = [c.sha for c in reversed(commits) if len(c.parents) == 2 and c.sha]
    remerged = _remerge(merges) if merges else None
    try:
        files = parse.parse_diff(diff.result())
    except git.GitError as exc:
        if "merge base" in exc.stderr:
            raise AgentlintError(
                Problem(
                    f"{base} and {head} share no history",
                    None,
                    "check BASE, and fetch its full history (" + FETCH_FIX.split(": ", 1)[1] + ")",
                )
            ) from None
        raise
    from agentlint.change import history

    commits = history.charge(commits, _remerged(remerged), files)
    config = git.parse_batch(batch.result(), names)[names[0]] if batch else None
    pr_trailers = parse.parse_trailers(parse.decode(pr_call.result())) if pr_call else ()
    change = Change("range", base_sha, head_sha, commits, files, pr_text, pr_trailers)
    source = f"{CONFIG_NAME} (at {base})" if config else "built-in policy"
    return _gathered(change, config, source, base_sha, base_sha or "", head_sha)
