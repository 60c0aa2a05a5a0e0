"""The policy: categories of paths and their postures, agent detectors, approvals, limits."""
