"""The one error type agentlint raises for problems it can explain (exit 2)."""

from __future__ import annotations

from agentlint import structs


class Problem(structs.Struct):
    """One thing wrong: what it is, where it is, and how to fix it."""

    what: str
    where: str | None = None
    fix: str | None = None

    def render(self) -> str:
        parts = [self.what]
        if self.where:
            parts.append(f"at {self.where}")
        if self.fix:
            parts.append(f"fix: {self.fix}")
        return ", ".join(parts)


class AgentlintError(Exception):
    """A problem with usage, configuration or git. Always exit code 2."""

    def __init__(self, *problems: Problem) -> None:
        super().__init__("; ".join(p.render() for p in problems))
        self.problems = problems


def fail(what: str, *, where: str | None = None, fix: str | None = None) -> AgentlintError:
    """Build an error with one problem, for `raise errors.fail(...)`."""
    return AgentlintError(Problem(what, where, fix))
