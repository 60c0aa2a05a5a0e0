"""Small immutable records for the hook path, without `typing`.

`class Finding(Struct)` with annotated fields (defaults allowed) reads and type-checks as a
`typing.NamedTuple` does, and behaves as one where agentlint relies on it: positional and
keyword construction, `==` and `hash` by value (also against a plain tuple of the same
values), ordering, unpacking, indexing, `len`, `_replace`, `_asdict`, `_fields`, `repr`,
copying and pickling, and assignment to a field raises AttributeError. It is not a tuple
(`isinstance(x, tuple)` is false, and `+` does not concatenate).

Why: `typing` costs a hook about 4 ms to import, and each NamedTuple class about 0.2 ms to
build; a class built by `_StructType` costs a few microseconds. mypy learns the
constructor's signature from `dataclass_transform`, which only the type checker sees.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any, ClassVar, Self, dataclass_transform
else:

    def dataclass_transform(**_: object) -> object:
        return lambda cls: cls


_set = object.__setattr__


@dataclass_transform(eq_default=True, frozen_default=True)
class _StructType(type):
    """Turns a class body's annotated names into slots; their values into defaults."""

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> _StructType:
        if not bases:  # Struct itself
            return super().__new__(mcs, name, bases, namespace)
        annotations = namespace.get("__annotations__", {})
        if not annotations:
            raise TypeError(f"{name}: a Struct needs annotated fields (and annotations import)")
        if any(getattr(b, "_fields", ()) for b in bases):
            raise TypeError(f"{name}: a Struct cannot add fields to another Struct")
        fields = tuple(annotations)
        defaults = {f: namespace.pop(f) for f in fields if f in namespace}
        namespace["__slots__"] = fields
        namespace["_fields"] = fields
        namespace["_field_defaults"] = defaults
        namespace["__match_args__"] = fields
        return super().__new__(mcs, name, bases, namespace)


class Struct(metaclass=_StructType):
    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]]
    _field_defaults: ClassVar[dict[str, Any]]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        fields = self._fields
        if len(args) > len(fields):
            raise TypeError(f"{type(self).__name__}() takes {len(fields)} arguments")
        for field, value in zip(fields, args, strict=False):
            _set(self, field, value)
        if len(args) == len(fields) and not kwargs:
            return
        defaults = self._field_defaults
        for field in fields[len(args) :]:
            if field in kwargs:
                _set(self, field, kwargs.pop(field))
            elif field in defaults:
                _set(self, field, defaults[field])
            else:
                raise TypeError(f"{type(self).__name__}() missing argument {field!r}")
        if kwargs:
            raise TypeError(f"{type(self).__name__}() got unexpected arguments {sorted(kwargs)}")

    def _tuple(self) -> tuple[Any, ...]:
        return tuple([getattr(self, f) for f in self._fields])

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot delete {name!r}")

    def __repr__(self) -> str:
        shown = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields)
        return f"{type(self).__name__}({shown})"

    def _other(self, other: object) -> tuple[Any, ...] | None:
        """The values to compare with: another record of the same type, or a tuple."""
        if type(other) is type(self):
            return other._tuple()
        return other if isinstance(other, tuple) else None

    def __eq__(self, other: object) -> bool:
        values = self._other(other)
        return NotImplemented if values is None else self._tuple() == values

    def __ne__(self, other: object) -> bool:
        values = self._other(other)
        return NotImplemented if values is None else self._tuple() != values

    def __lt__(self, other: object) -> bool:
        values = self._other(other)
        return NotImplemented if values is None else self._tuple() < values

    def __le__(self, other: object) -> bool:
        values = self._other(other)
        return NotImplemented if values is None else self._tuple() <= values

    def __gt__(self, other: object) -> bool:
        values = self._other(other)
        return NotImplemented if values is None else self._tuple() > values

    def __ge__(self, other: object) -> bool:
        values = self._other(other)
        return NotImplemented if values is None else self._tuple() >= values

    def __hash__(self) -> int:
        return hash(self._tuple())

    def __iter__(self) -> Iterator[Any]:
        return iter(self._tuple())

    def __len__(self) -> int:
        return len(self._fields)

    def __getitem__(self, index: Any) -> Any:
        return self._tuple()[index]

    def __reduce__(self) -> tuple[type[Self], tuple[Any, ...]]:
        return type(self), self._tuple()

    def _replace(self, **changes: Any) -> Self:
        unknown = set(changes).difference(self._fields)
        if unknown:
            raise ValueError(f"Got unexpected field names: {sorted(unknown)!r}")
        return type(self)(*[changes.get(f, getattr(self, f)) for f in self._fields])

    def _asdict(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in self._fields}
