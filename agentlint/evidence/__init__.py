"""The evidence log the hooks write while an agent works, with secrets masked, and what the
review record and the commit hook make of it."""
