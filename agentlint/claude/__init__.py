"""Claude Code at the action boundary: the guard run before each tool call, the evidence
log written after it, and what the review record and the commit hook make of that log."""
