"""The coding agents, one adapter each: read the agent's hook payload into one neutral
action, render the guard's decision the way that agent reads it, and write the agent's
settings. Nothing here judges anything: that is `agentlint.guard`'s work."""
