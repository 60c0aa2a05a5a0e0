"""The Claude Code hook fixture, for the guard's attacks."""

from tests.claude.conftest import hook  # noqa: F401
