"""Load the policy that judges a change: parse, check the version, validate, merge, compile.

A config that fails to load is an error (exit 2) listing every problem; it never falls
back to a weaker policy.
"""

from __future__ import annotations

import os

from agentlint import __version__, cache
from agentlint.errors import AgentlintError, Problem
from agentlint.policy import model

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from agentlint.yamlfile import Path

CONFIG_NAME = ".agentlint.yaml"
MAX_CONFIG_BYTES = 256 * 1024


_DAMAGED = (KeyError, TypeError, ValueError, IndexError, AttributeError)
_ahead: dict[str, model.Policy] = {}  # cache key -> the policy read_ahead built


def read_ahead() -> model.Policy | None:
    """Read and build, while git works out which policy is in force, the policy last
    loaded from this folder (and return it, for the caller's own work ahead):
    load_policy takes it only when that policy's cache key (its content's git blob id,
    and agentlint's code) is the key of the one in force."""
    cache.code_stamp()  # load_policy's key needs it: worked out now, while git works
    where = _here()
    cache_key = cache.recall(where) if where else None
    cached = cache.read(cache_key) if cache_key else None
    if cache_key is None or cached is None:
        return None
    try:
        policy = _ahead[cache_key] = model.build(cached, "")
    except _DAMAGED:
        return None
    return policy


def load_policy(text: bytes | None, *, source: str, blob_id: str | None = None) -> model.Policy:
    """The policy from config `text` (None: the built-in policy alone). `blob_id` is git's
    id for the text when it came from git, so the cache needs no hashing."""
    cache_key = cache.key(cache.content_id(text, blob_id))
    ahead = _ahead.pop(cache_key, None)
    if ahead is not None:
        return ahead._replace(source=source)
    cached = cache.read(cache_key)
    if cached is not None:
        try:
            policy = model.build(cached, source)
        except _DAMAGED:
            pass  # a damaged entry is rebuilt, never trusted
        else:
            _remember(cache_key)
            return policy
    compiled = compile_text(text, source=source)
    cache.write(cache_key, compiled)
    _remember(cache_key)
    return model.build(compiled, source)


def _here() -> str | None:
    try:
        return os.getcwd()
    except OSError:  # the working folder was removed
        return None


def _remember(cache_key: str) -> None:
    where = _here()
    if where:
        cache.remember(where, cache_key)


def read_file(path: str, what: str = "config") -> bytes:
    """A policy-related file from disk (--config, allowed signers), with a clean error."""
    try:
        with open(path, "rb") as handle:
            return handle.read(4 * MAX_CONFIG_BYTES)  # oversize is reported by the loader
    except OSError as exc:
        raise AgentlintError(
            Problem(
                f"cannot read the {what}: {exc.strerror}",
                path,
                f"pass a readable {what} file",
            )
        ) from None


def load_policy_file(path: str) -> model.Policy:
    """The policy from a file named on the command line (--config)."""
    return load_policy(read_file(path), source=path)


def compile_text(text: bytes | None, *, source: str) -> dict[str, Any]:
    """Every step of loading but the cache; raises AgentlintError with all problems."""
    from agentlint import schema, yamlfile
    from agentlint.policy import compile as compile_
    from agentlint.policy import merge

    user: dict[str, Any] = {}
    lines: dict[Path, int] = {}
    if text is not None:
        loaded = yamlfile.load(text, source=source, max_bytes=MAX_CONFIG_BYTES)
        lines = loaded.lines
        if loaded.data is not None and not isinstance(loaded.data, dict):
            raise AgentlintError(
                Problem(
                    "the config must be a mapping of keys",
                    f"{source}:1",
                    "start from `agentlint validate-config --help` or docs/configuration.md",
                )
            )
        user = loaded.data or {}
        check_version(user, source=source, lines=lines)
        problems = schema.validate(user, "config.schema.json", source=source, lines=lines)
        if problems:
            raise AgentlintError(*problems)
    merged, problems = merge.merge(user, source=source, lines=lines)
    compiled, more = compile_.compile_policy(merged, source=source, lines=lines)
    if problems or more:
        raise AgentlintError(*problems, *more)
    return compiled


def check_version(user: dict[str, Any], *, source: str, lines: dict[Path, int]) -> None:
    spec_text = user.get("minimum_version")
    if not isinstance(spec_text, str):
        return
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    where = f"{source}:{lines.get(('minimum_version',), 1)}"
    try:
        spec = SpecifierSet(spec_text if spec_text[:1] in "<>=!~" else f">={spec_text}")
    except InvalidSpecifier:
        raise AgentlintError(
            Problem(
                f"minimum_version {spec_text!r} is not a PEP 440 version specifier",
                where,
                'write it like ">=0.2"',
            )
        ) from None
    if not spec.contains(__version__, prereleases=True):
        raise AgentlintError(
            Problem(
                f"this policy needs agentlint {spec}, but this is agentlint {__version__}",
                where,
                "upgrade agentlint from its repository URL at a newer tag (not the PyPI name "
                "`agentlint`, an unrelated tool), or bump `rev:` in "
                ".pre-commit-config.yaml)",
            )
        )
