"""Gather the change under check from git: commits, trailers and the diff."""
