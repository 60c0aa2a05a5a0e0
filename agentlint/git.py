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
                raise GitError(
                    self.cmd,
                    127,
                    "",
                    Problem("git was not found on PATH", None, "install git 2.34 or newer"),
                )
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
    """One spawned process and its pipes."""

    def __init__(self, argv: list[str], stdin: bytes | None, env: Mapping[str, str]) -> None:
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
        self._fds = (out_r, err_r, in_w)
        self._stdin = stdin or b""

    def communicate(self) -> tuple[int, bytes, bytes]:
        import select

        out_r, err_r, in_w = self._fds
        chunks: dict[int, list[bytes]] = {out_r: [], err_r: []}
        poller = select.poll()
        poller.register(out_r, select.POLLIN)
        poller.register(err_r, select.POLLIN)
        view = memoryview(self._stdin)
        if in_w >= 0:
            if view:
                os.set_blocking(in_w, False)
                poller.register(in_w, select.POLLOUT)
            else:
                os.close(in_w)
                in_w = -1
        open_fds = {out_r, err_r} | ({in_w} if in_w >= 0 else set())
        try:
            while open_fds:
                for fd, _ in poller.poll():
                    if fd == in_w:
                        try:
                            view = view[os.write(in_w, view[:65536]) :]
                        except BlockingIOError:
                            continue
                        except BrokenPipeError:  # git stopped reading: its answer says why
                            view = view[len(view) :]
                        if not view:
                            poller.unregister(in_w)
                            os.close(in_w)
                            open_fds.discard(in_w)
                            in_w = -1
                        continue
                    data = os.read(fd, 65536)
                    if data:
                        chunks[fd].append(data)
                    else:
                        poller.unregister(fd)
                        os.close(fd)
                        open_fds.discard(fd)
        finally:
            for fd in open_fds:
                os.close(fd)
        _, status = os.waitpid(self.pid, 0)
        return os.waitstatus_to_exitcode(status), b"".join(chunks[out_r]), b"".join(chunks[err_r])


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


class BatchObject(structs.Struct):
    sha: str
    kind: str
    content: bytes


_REPORT = "report this if it persists"
_GONE = (b" missing\n", b" ambiguous\n")


def _missing(out: bytes, raw: bytes, pos: int) -> int:
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
