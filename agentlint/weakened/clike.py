"""The scanner-based extractors of Go, Java and Rust, by language."""

from __future__ import annotations

from agentlint.weakened import golang, java, rust
from agentlint.weakened.model import Parsed

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

measure_java = java.measure_java
measure_rust = rust.measure_rust

MEASURES: dict[str, Callable[[str | None], Parsed]] = {
    "go": golang.measure_go,
    "java": java.measure_java,
    "rust": rust.measure_rust,
}
