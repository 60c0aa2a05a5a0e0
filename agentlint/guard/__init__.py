"""The action-time guard, agent-neutral: which files a tool call reads or writes (from its
paths, its shell command or its patch), and the allow / ask / deny judgement under the
same policy that judges the commit."""
