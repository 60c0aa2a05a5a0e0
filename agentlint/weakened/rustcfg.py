"""What a Rust `cfg(...)` predicate is in a test build, where that is known without the
build: `cfg(test)` holds; `any()` and names rustc never sets (`darwin`: the real one is
`target_os = "macos"`) do not; anything else depends on the build."""

from __future__ import annotations

# cfg names that rustc never sets (bare OS names: the real ones are `target_os = "..."`)
NEVER_SET = {
    "darwin",
    "macos",
    "linux",
    "ios",
    "android",
    "freebsd",
    "netbsd",
    "openbsd",
    "dragonfly",
    "solaris",
    "illumos",
    "fuchsia",
    "redox",
    "haiku",
    "emscripten",
    "wasi",
    "FALSE",
    "never",
}


_DEEPEST = 32  # predicates nested deeper are not evaluated (an agent can write any depth)


def value(expr: str, depth: int = 0) -> bool | None:
    """What a squashed `cfg(...)` predicate is in a test build, when that is known:
    `test` holds, `any()` and names rustc never sets (`darwin`) do not; None: it depends."""
    if depth > _DEEPEST:
        return None
    if expr == "test" or expr == "all()":
        return True
    if expr in NEVER_SET or expr == "any()":
        return False
    for op in ("not(", "all(", "any("):
        if expr.startswith(op) and expr.endswith(")"):
            parts = [value(p, depth + 1) for p in split(expr[4:-1])]
            if op == "not(":
                return None if len(parts) != 1 or parts[0] is None else not parts[0]
            if op == "all(":
                return False if False in parts else (True if all(parts) else None)
            return True if True in parts else (False if all(p is False for p in parts) else None)
    return None


def split(inner: str) -> list[str]:
    """The top-level comma-separated parts of a squashed predicate list."""
    parts, depth, start = [], 0, 0
    for n, ch in enumerate(inner):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            parts.append(inner[start:n])
            start = n + 1
    parts.append(inner[start:])
    return [p for p in parts if p]
