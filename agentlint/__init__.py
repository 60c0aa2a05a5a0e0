"""agentlint: a policy linter for changes made by AI coding agents."""

__version__ = "0.1.0"
