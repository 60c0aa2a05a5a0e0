"""The one module that runs git.

Every call takes a list of arguments (never a shell), keeps the caller's environment
(hooks rely on an inherited GIT_INDEX_FILE), asks git not to take optional locks, and
raises GitError carrying the command, the exit code and stderr. Independent calls can be
started together with `start` and collected with `Pending.result`, so a check pays for
the slowest git call rather than the sum of them.
"""

from __future__ import annotations

import os

from agentlint import structs
from agentlint.errors import AgentlintError, Problem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any

EMPTY_TREE = {
    "sha1": "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
    "sha256": "6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321",
}


class GitError(AgentlintError):
    """git failed, or could not be run at all."""

    def __init__(self, cmd: Sequence[str], returncode: int, stderr: str, problem: Problem):
        super().__init__(problem)
        self.cmd = tuple(cmd)
        self.returncode = returncode
        self.stderr = stderr


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["GIT_OPTIONAL_LOCKS"] = "0"  # never refresh or write the index behind the user's back
    env["GIT_TERMINAL_PROMPT"] = "0"
    env.pop("GIT_EXTERNAL_DIFF", None)
    return env


def _explain(cmd: Sequence[str], returncode: int, stderr: str) -> Problem:
    text = stderr.strip()
    fatal = [line for line in text.splitlines() if line.startswith(("fatal:", "error:"))]
    first = (fatal or text.splitlines() or [f"exit status {returncode}"])[0]
    if "not a git repository" in text.lower():
        return Problem(
            "not inside a git repository",
            os.getcwd(),
            "run agentlint from inside a repository (or `git init` one)",
        )
    if "dubious ownership" in text.lower():
        return Problem(
            "git refuses this repository because of its ownership",
            os.getcwd(),
            "mark it safe with `git config --global --add safe.directory <path>`",
        )
    return Problem(f"`git {' '.join(cmd[1:])}` failed: {first}")


_NOT_FOUND = Problem("git was not found on PATH", None, "install git 2.34 or newer")


class Pending:
    """A git command that has been started; `result()` waits for it.

    Started with `os.posix_spawnp` and three pipes where the platform has it (the
    `subprocess` module alone costs a hook several milliseconds to import), else with
    `subprocess`. Either way stdin is written and both outputs read together, so git can
    never block on a full pipe."""

    def __init__(
        self,
        cmd: list[str],
        stdin: bytes | None,
        ok_codes: frozenset[int],
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.cmd = cmd
        self._stdin = stdin
        self._ok = ok_codes
        self._out: tuple[int, bytes, bytes] | None = None
        full_env = {**_env(), **(env or {})}
        self._child: _Child | None = None
        self._proc: Any = None
        try:
            if hasattr(os, "posix_spawnp"):
                argv = cmd if cwd is None else [cmd[0], "-C", cwd, *cmd[1:]]
                self._child = _Child(argv, stdin, full_env)
            else:  # pragma: no cover - Windows
                import subprocess

                self._proc = subprocess.Popen(
                    cmd,
                    stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    env=full_env,
                    cwd=cwd,
                )
        except FileNotFoundError:
            self._child = self._proc = None

    def wait(self) -> tuple[int, bytes, bytes]:
        """Wait, and return (exit code, stdout, stderr) without raising for a bad code."""
        if self._out is None:
            if self._child is not None:
                self._out = self._child.communicate()
            elif self._proc is not None:  # pragma: no cover - Windows
                out, err = self._proc.communicate(self._stdin)
                self._out = (self._proc.returncode, out, err)
            else:
                raise GitError(self.cmd, 127, "", _NOT_FOUND)
        return self._out

    def result(self) -> bytes:
        """Wait, and return stdout, raising GitError unless git succeeded."""
        code, out, err = self.wait()
        if code not in self._ok:
            stderr = err.decode("utf-8", "replace")
            raise GitError(self.cmd, code, stderr, _explain(self.cmd, code, stderr))
        return out


def _default_signals() -> tuple[int, ...]:
    """The signals Python ignores that a child must get back (as subprocess does)."""
    import _signal  # type: ignore[import-not-found]

    return tuple(getattr(_signal, n) for n in ("SIGPIPE", "SIGXFSZ") if hasattr(_signal, n))


_DEFAULT_SIGNALS = _default_signals() if hasattr(os, "posix_spawnp") else ()


class _Child:
    """One spawned process and its pipes. stdin is written and both outputs read together
    (with `poll`), so git can never block on a full pipe: in one go (`communicate`), or
    in rounds (a BatchSession's `write` and `read`, then `communicate` to end)."""

    def __init__(self, argv: list[str], stdin: bytes | None, env: Mapping[str, str]) -> None:
        import select

        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        if stdin is not None:
            in_r, in_w = os.pipe()
        else:
            in_r, in_w = os.open(os.devnull, os.O_RDONLY), -1
        actions = [
            (os.POSIX_SPAWN_DUP2, in_r, 0),
            (os.POSIX_SPAWN_DUP2, out_w, 1),
            (os.POSIX_SPAWN_DUP2, err_w, 2),
        ]
        try:
            self.pid = os.posix_spawnp(
                argv[0], argv, env, file_actions=actions, setsigdef=_DEFAULT_SIGNALS
            )
        except BaseException:
            for fd in (out_r, err_r, in_w):
                if fd >= 0:
                    os.close(fd)
            raise
        finally:
            for fd in (in_r, out_w, err_w):  # the child's ends: it holds its own copies
                os.close(fd)
        if in_w >= 0:
            os.set_blocking(in_w, False)
        self.stdout, self.stderr, self.stdin = out_r, err_r, in_w
        self._stdin = stdin or b""
        self._poller = select.poll()
        self._poller.register(out_r, select.POLLIN)
        self._poller.register(err_r, select.POLLIN)
        self._open = {out_r, err_r}

    def poll(self, writing: bool) -> list[int]:
        """The pipes that are ready (stdin too when there is more to write)."""
        import select

        if writing:
            self._poller.register(self.stdin, select.POLLOUT)
        try:
            return [fd for fd, _ in self._poller.poll()]
        finally:
            if writing:
                self._poller.unregister(self.stdin)

    def write(self, data: memoryview) -> int:
        try:
            return os.write(self.stdin, data[:65536])
        except BlockingIOError:
            return 0
        except BrokenPipeError:  # git stopped reading: what it wrote says why
            return len(data)

    def read(self, fd: int) -> bytes:
        data = os.read(fd, 65536)
        if not data and fd in self._open:  # the end of that output
            self._poller.unregister(fd)
            self._open.discard(fd)
            os.close(fd)
        return data

    def close_stdin(self) -> None:
        if self.stdin >= 0:
            os.close(self.stdin)
            self.stdin = -1

    def communicate(self, stdin: bytes | None = None) -> tuple[int, bytes, bytes]:
        """Write `stdin` (by default what the process was started with) and close it, read
        both outputs to their end, and reap the process: (exit code, stdout, stderr)."""
        view = memoryview(self._stdin if stdin is None else stdin)
        chunks: dict[int, list[bytes]] = {self.stdout: [], self.stderr: []}
        try:
            while self._open:
                if not view:
                    self.close_stdin()
                for fd in self.poll(bool(view)):
                    if fd == self.stdin:
                        view = view[self.write(view) :]
                    elif data := self.read(fd):
                        chunks[fd].append(data)
        finally:
            self.close_stdin()
            for fd in self._open:
                os.close(fd)
            self._open = set()
        _, status = os.waitpid(self.pid, 0)
        out, err = (b"".join(chunks[fd]) for fd in (self.stdout, self.stderr))
        return os.waitstatus_to_exitcode(status), out, err


def start(
    *args: str,
    stdin: bytes | None = None,
    config: Sequence[str] = (),
    ok_codes: Sequence[int] = (0,),
    cwd: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Pending:
    """Start `git [-c config]... args...` without waiting for it, in `cwd`, with `env`
    added to the inherited environment."""
    cmd = ["git"]
    for item in config:
        cmd += ["-c", item]
    cmd += args
    return Pending(cmd, stdin, frozenset(ok_codes), cwd=cwd, env=env)


def run(*args: str, stdin: bytes | None = None, config: Sequence[str] = ()) -> bytes:
    """Run git and return its stdout."""
    return start(*args, stdin=stdin, config=config).result()


def cat_file_batch(objects: Sequence[str]) -> Pending:
    """Start `git cat-file --batch` for object names: ids, or `rev:path` names.

    Requests are one a line, so a name holding a newline, or ending in a carriage return
    (which git drops from a line), is sent NUL-terminated with `-z` (git 2.38 or newer).
    """
    raw = [o.encode("utf-8", "surrogateescape") for o in objects]
    if any(b"\0" in r for r in raw):
        raise AgentlintError(Problem("an object name holds a NUL byte", None, _REPORT))
    if any(b"\n" in r or r.endswith(b"\r") for r in raw):
        return start(
            "cat-file", "--batch", "--buffer", "-z", stdin=b"".join(r + b"\0" for r in raw)
        )
    return start("cat-file", "--batch", "--buffer", stdin=b"".join(r + b"\n" for r in raw))


_SESSION = ["git", "cat-file", "--batch"]


def _plain(names: Sequence[str]) -> bytes | None:
    """The request lines for `names`, or None when one needs `-z` (a newline, a final
    carriage return) or holds a NUL: those go to a `cat_file_batch` of their own."""
    raw = [o.encode("utf-8", "surrogateescape") for o in names]
    if any(b"\0" in r or b"\n" in r or r.endswith(b"\r") for r in raw):
        return None
    return b"".join(r + b"\n" for r in raw)


class BatchSession:
    """`git cat-file --batch` kept running and asked in rounds, so that a check that
    needs objects twice (the policy first; the record, .gitattributes and test files
    once the policy and the diff say which) starts one git process, not two. Each
    round's replies are checked as `parse_batch` checks them. `ask` returns None where
    a session cannot serve the names (or this platform cannot keep one): the caller
    then starts a `cat_file_batch` of its own."""

    def __init__(self) -> None:
        self._child: _Child | None = None
        self._out = bytearray()  # replies read and not yet handed out (grown in place)
        self._err: list[bytes] = []
        self._sent: list[str] = []  # names whose replies are not yet handed out
        if hasattr(os, "posix_spawnp"):
            try:
                self._child = _Child(_SESSION, b"", _env())
            except FileNotFoundError:
                self._child = None

    def send(self, names: Sequence[str]) -> bool:
        """Ask for `names` without waiting; False when the session cannot serve them."""
        request = _plain(names)
        if self._child is None or self._child.stdin < 0 or request is None or self._sent:
            return False
        self._sent = list(names)
        self._exchange(request, done=False)
        return True

    def receive(self) -> dict[str, BatchObject | None]:
        """The replies to the names last sent, checked."""
        names = self._sent
        self._exchange(b"", done=True, names=names)
        self._sent = []
        end = _replies_end(self._out, names)
        reply = bytes(self._out[:end])
        del self._out[:end]
        return parse_batch(reply, names)

    def ask(self, names: Sequence[str]) -> dict[str, BatchObject | None] | None:
        return self.receive() if self.send(names) else None

    def _exchange(self, request: bytes, *, done: bool, names: Sequence[str] = ()) -> None:
        """Write `request`; with `done`, read until the replies to `names` are complete."""
        child = self._child
        if child is None:
            raise GitError(_SESSION, 127, "", _NOT_FOUND)
        view = memoryview(request)
        while view or (done and _replies_end(self._out, names) is None):
            ready = child.poll(bool(view))
            if child.stdin in ready and view:
                view = view[child.write(view) :]
            for fd in ready:
                if fd == child.stdin:
                    continue
                data = child.read(fd)
                if fd == child.stderr:
                    self._err.append(data)
                elif data:
                    self._out += data
                else:  # git ended before answering: say why
                    raise self._ended()
            if not view and not done:
                return

    def _ended(self) -> AgentlintError:
        """git closed its output before answering: its exit code and stderr say why."""
        child, self._child = self._child, None
        code = 127
        if child is not None:
            code, _, err = child.communicate(b"")
            self._err.append(err)
        if code == 0:  # it exited cleanly without answering: an answer that does not match
            return _mismatch(self._sent[0] if self._sent else "")
        return self._failed(code)

    def _failed(self, code: int) -> GitError:
        stderr = b"".join(self._err).decode("utf-8", "replace")
        return GitError(_SESSION, code, stderr, _explain(_SESSION, code, stderr))

    def end(self) -> None:
        """No more rounds: git gets the end of its input and exits while the caller works
        on (`close` then finds it gone instead of waiting for it)."""
        if self._child is not None and not self._sent:
            self._child.close_stdin()

    def close(self) -> None:
        """End the session: git gets the end of its input and exits. Output beyond the
        replies asked for, or git failing at the end, is an error, as in a one-shot call
        (unless a round was left unread: an error elsewhere is already on its way)."""
        child, self._child = self._child, None
        if child is None:
            return
        code, extra, err = child.communicate(b"")
        self._err.append(err)
        if self._sent:
            return
        if self._out or extra:
            raise _mismatch("")
        if code != 0:
            raise self._failed(code)


def _replies_end(out: bytes | bytearray, names: Sequence[str]) -> int | None:
    """Where the replies to `names` end in `out`, None while one is still coming. A reply
    that is not of the expected shape ends the reading there: parse_batch then says so."""
    pos = 0
    for name in names:
        gone = _missing(out, name.encode("utf-8", "surrogateescape"), pos)
        if gone:
            pos += gone
            continue
        end = out.find(b"\n", pos)
        if end < 0:
            return None
        parts = out[pos:end].split(b" ")
        if len(parts) != 3 or not parts[2].isdigit():
            return len(out)
        pos = end + 1 + int(parts[2]) + 1
        if pos > len(out):
            return None
    return pos


class BatchObject(structs.Struct):
    sha: str
    kind: str
    content: bytes


_REPORT = "report this if it persists"
_GONE = (b" missing\n", b" ambiguous\n")


def _missing(out: bytes | bytearray, raw: bytes, pos: int) -> int:
    """The length of the reply "<name> missing" (or "ambiguous") at `pos`, else 0."""
    if out.startswith(raw, pos):  # as an object asked by its id starts, too
        for word in _GONE:
            if out.startswith(word, pos + len(raw)):
                return len(raw) + len(word)
    return 0


def parse_batch(out: bytes, names: Sequence[str]) -> dict[str, BatchObject | None]:
    """Split `git cat-file --batch` output into {name: object, or None when missing}.

    Every reply must answer its request: a missing object echoes the exact name asked, an
    object asked by id comes back with that id, and nothing is left over. Anything else
    is an error, never a silent gap."""
    result: dict[str, BatchObject | None] = {}
    pos = 0
    for name in names:
        raw = name.encode("utf-8", "surrogateescape")
        gone = _missing(out, raw, pos)
        if gone:
            result[name] = None
            pos += gone
            continue
        end = out.find(b"\n", pos)
        parts = out[pos:end].split(b" ") if end >= 0 else []
        if not (len(parts) == 3 and parts[2].isdigit() and _is_hex(parts[0])):
            raise _mismatch(name)
        if _is_hex(raw) and parts[0] != raw:
            raise _mismatch(name)
        size = int(parts[2])
        body = end + 1
        if out[body + size : body + size + 1] != b"\n":
            raise _mismatch(name)
        result[name] = BatchObject(parts[0].decode(), parts[1].decode(), out[body : body + size])
        pos = body + size + 1
    if pos != len(out):
        raise _mismatch(names[-1] if names else "")
    return result


def _mismatch(name: str) -> AgentlintError:
    from agentlint.report.paths import quoted

    return AgentlintError(
        Problem(
            "git's answer to `cat-file --batch` does not match what was asked",
            quoted(name),
            "check that git is 2.34 or newer (2.38 for names with a newline); " + _REPORT,
        )
    )


def _is_hex(value: bytes) -> bool:
    return len(value) in (40, 64) and not value.translate(None, b"0123456789abcdef")


def _is_true(value: str | None) -> bool:
    """git's reading of a boolean setting (a key with no value is true)."""
    return value is None or value.strip().lower() in ("true", "yes", "on", "1")


def ignorecase_in(listing: str) -> bool:
    """core.ignorecase from `git var -l` output, which lists the config too."""
    found = False
    for line in listing.splitlines():
        key, sep, value = line.partition("=")
        if key.lower() == "core.ignorecase":
            found = _is_true(value if sep else None)  # the last setting wins, as in git
    return found


def ignorecase() -> bool:
    """Whether the repository's checkout is case-insensitive (core.ignorecase)."""
    code, out, _ = start(
        "config", "--type=bool", "--get", "core.ignorecase", ok_codes=(0, 1)
    ).wait()
    return code == 0 and out.strip() == b"true"
