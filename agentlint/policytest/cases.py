"""Policy test cases: a bad run turned into a small YAML file that replays it.

```yaml
name: did the agent touch a forbidden path?
base:                      # the files before the run (one human commit); optional
  src/app.py: "print(1)\n"
commits:                   # what the run committed, in order
  - agent: true            # or author: "Name <email>"
    message: "Add a deploy key"
    files:                 # new content, or null to delete
      deploy/prod.key: "-----BEGIN KEY-----\n"
    patch: |               # or a unified diff, applied with git apply
      ...
pr: "PR title\n\nbody"     # optional: linted like --message-file in range mode
expect: [AL205]            # codes (or {code, path}) that must be reported
absent: [AL201]            # codes (or {code, path}) that must not be
```
"""

from __future__ import annotations

from typing import Any, NamedTuple

from agentlint.errors import AgentlintError, Problem

AGENT = "Claude <noreply@anthropic.com>"
HUMAN = "Hannah Human <hannah@example.com>"


class Expect(NamedTuple):
    code: str
    path: str | None

    def __str__(self) -> str:
        return f"{self.code} at {self.path}" if self.path else self.code


class Step(NamedTuple):
    author: str
    message: str
    files: dict[str, str | None]
    patch: str | None


class Case(NamedTuple):
    source: str
    name: str
    base: dict[str, str | None]
    commits: tuple[Step, ...]
    pr: str | None
    expect: tuple[Expect, ...]
    absent: tuple[Expect, ...]


def parse_case(text: bytes, source: str) -> Case:
    from agentlint import yamlfile

    data = yamlfile.load(text, source=source).data
    problems: list[Problem] = []

    def bad(what: str) -> None:
        problems.append(Problem(what, source, "see `agentlint policy test --help` for the format"))

    if not isinstance(data, dict):
        raise AgentlintError(Problem("a policy test case is a YAML mapping", source))
    unknown = set(data) - {"name", "description", "base", "commits", "pr", "expect", "absent"}
    if unknown:
        bad(f"unknown keys: {', '.join(sorted(map(str, unknown)))}")
    commits = data.get("commits")
    if not isinstance(commits, list) or not commits:
        bad("`commits` must list at least one commit")
        commits = []
    steps = tuple(_step(c, i, bad) for i, c in enumerate(commits))
    expect, absent = _expects(data.get("expect", []), bad), _expects(data.get("absent", []), bad)
    if not expect and not absent:
        bad("a case needs `expect` or `absent`: a case that checks nothing always passes")
    if problems:
        raise AgentlintError(*problems)
    return Case(
        source,
        str(data.get("name") or source),
        _files(data.get("base") or {}, "base", bad),
        steps,
        str(data["pr"]) if data.get("pr") is not None else None,
        expect,
        absent,
    )


def _step(data: Any, index: int, bad: Any) -> Step:
    where = f"commits[{index}]"
    if not isinstance(data, dict):
        bad(f"{where} is not a mapping")
        return Step(HUMAN, "x", {}, None)
    unknown = set(data) - {"agent", "author", "message", "files", "patch"}
    if unknown:
        bad(f"{where}: unknown keys: {', '.join(sorted(map(str, unknown)))}")
    author = str(data.get("author") or (AGENT if data.get("agent") else HUMAN))
    if "<" not in author or not author.endswith(">"):
        bad(f"{where}.author must be `Name <email>`")
    patch = data.get("patch")
    if patch is not None and not isinstance(patch, str):
        bad(f"{where}.patch must be text")
    files = _files(data.get("files") or {}, f"{where}.files", bad)
    if not files and not patch:
        bad(f"{where} changes nothing: give `files` or `patch`")
    return Step(author, str(data.get("message") or "change"), files, patch)


def _files(data: Any, where: str, bad: Any) -> dict[str, str | None]:
    if not isinstance(data, dict):
        bad(f"{where} must map paths to contents")
        return {}
    out: dict[str, str | None] = {}
    for path, content in data.items():
        path = str(path)
        if path.startswith("/") or ".." in path.split("/") or path.startswith(".git/"):
            bad(f"{where}: {path!r} must be a path inside the repository")
        elif content is not None and not isinstance(content, str):
            bad(f"{where}.{path} must be text, or null to delete the file")
        else:
            out[path] = content
    return out


def _expects(data: Any, bad: Any) -> tuple[Expect, ...]:
    if not isinstance(data, list):
        bad("`expect` and `absent` are lists")
        return ()
    out = []
    for item in data:
        if isinstance(item, str):
            out.append(Expect(item, None))
        elif isinstance(item, dict) and isinstance(item.get("code"), str):
            out.append(Expect(item["code"], str(item["path"]) if item.get("path") else None))
        else:
            bad(f"{item!r} is not a rule code or a {{code, path}} mapping")
    from agentlint.rules import RULES

    for expect in out:
        if expect.code not in RULES:
            bad(f"{expect.code!r} is not a rule code (see `agentlint rules`)")
    return tuple(out)
