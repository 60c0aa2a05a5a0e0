"""The Claude Code hook fixture, for the guard's attacks."""

from tests.guard.conftest import hook  # noqa: F401
