"""The evidence log the hooks write while an agent works, with secrets masked, and what the
review record and the commit hook make of it."""

# The variables that say a command runs in an agent's session: its session id, where the
# agent exports one, else only a marker (see evidence/session.py). Here, so that the commit
# hook can tell in a line that it runs in no session, without importing the rest.
SESSION_ENV = {
    "claude-code": "CLAUDE_CODE_SESSION_ID",
    "codex": "CODEX_THREAD_ID",
    "gemini": "GEMINI_SESSION_ID",
}
MARKER_ENV = {"cursor": "CURSOR_AGENT", "gemini": "GEMINI_CLI", "copilot": "COPILOT_AGENT_PROMPT"}
