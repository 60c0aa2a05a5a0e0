"""Small immutable records for the hook path, without `typing`; and `memo`, a cache
decorator without `functools`.

`class Finding(Struct)` with annotated fields (defaults allowed) reads and type-checks as a
`typing.NamedTuple` does, and is built the same way: a tuple subclass whose fields are
read-only properties over its items. So equality, hashing, ordering, unpacking, indexing,
`len`, copying and pickling are a tuple's, and `_replace`, `_asdict`, `_fields` and `repr`
are a NamedTuple's.

Why: `typing` costs a hook about 4 ms to import, and each NamedTuple class about 0.2 ms to
build (collections.namedtuple compiles a constructor from source); a class built by
`_StructType` costs about 40 µs, and an instance about what a NamedTuple's does. mypy
learns the constructor's signature from `dataclass_transform`, which only the type
checker sees.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, ClassVar, Self, TypeVar, dataclass_transform

    F = TypeVar("F", bound=Callable[..., Any])
else:

    def dataclass_transform(**_: object) -> object:
        return lambda cls: cls


try:  # the C accessor collections.namedtuple uses
    from _collections import _tuplegetter  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - other interpreters
    from operator import itemgetter

    def _tuplegetter(index: int, doc: str) -> Any:
        return property(itemgetter(index), doc=doc)


_new = tuple.__new__

# string.ascii_letters and string.digits, without `string` (which imports `re`)
ASCII_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
DIGITS = "0123456789"


@dataclass_transform(eq_default=True, frozen_default=True)
class _StructType(type):
    """Turns a class body's annotated names into fields; their values into defaults."""

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> _StructType:
        if not bases or bases == (tuple,):  # Struct itself
            return super().__new__(mcs, name, bases, namespace)
        annotations = namespace.get("__annotations__", {})
        if not annotations:
            raise TypeError(f"{name}: a Struct needs annotated fields (and annotations import)")
        if any(getattr(b, "_fields", ()) for b in bases):
            raise TypeError(f"{name}: a Struct cannot add fields to another Struct")
        fields = tuple(annotations)
        defaults = {f: namespace.pop(f) for f in fields if f in namespace}
        for index, field in enumerate(fields):
            namespace[field] = _tuplegetter(index, f"field {index}: {field}")
        namespace.update(
            __slots__=(), _fields=fields, _field_defaults=defaults, __match_args__=fields
        )
        return super().__new__(mcs, name, bases, namespace)


class Struct(tuple, metaclass=_StructType):  # type: ignore[type-arg]
    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]]
    _field_defaults: ClassVar[dict[str, Any]]

    def __new__(cls, *args: Any, **kwargs: Any) -> Self:
        fields = cls._fields
        if len(args) == len(fields) and not kwargs:
            return _new(cls, args)
        if len(args) > len(fields):
            raise TypeError(f"{cls.__name__}() takes {len(fields)} arguments")
        values = list(args)
        defaults = cls._field_defaults
        for field in fields[len(args) :]:
            if field in kwargs:
                values.append(kwargs.pop(field))
            elif field in defaults:
                values.append(defaults[field])
            else:
                raise TypeError(f"{cls.__name__}() missing argument {field!r}")
        if kwargs:
            raise TypeError(f"{cls.__name__}() got unexpected arguments {sorted(kwargs)}")
        return _new(cls, values)

    def __repr__(self) -> str:
        shown = ", ".join(f"{f}={v!r}" for f, v in zip(self._fields, self, strict=True))
        return f"{type(self).__name__}({shown})"

    def __getnewargs__(self) -> tuple[Any, ...]:
        return tuple(self)

    def _replace(self, **changes: Any) -> Self:
        unknown = set(changes).difference(self._fields)
        if unknown:
            raise ValueError(f"Got unexpected field names: {sorted(unknown)!r}")
        values = [changes.get(f, v) for f, v in zip(self._fields, self, strict=True)]
        return _new(type(self), values)

    def _asdict(self) -> dict[str, Any]:
        return dict(zip(self._fields, self, strict=True))


def memo(maxsize: int | None = None) -> Callable[[F], F]:
    """`functools.lru_cache` for the hook path, which never imports `functools`: results
    kept by their (hashable) positional arguments, all forgotten once `maxsize` are held
    (a call with keyword arguments is not kept). `cache_clear()` forgets them."""

    def wrap(function: F) -> F:
        kept: dict[Any, Any] = {}

        def cached(*args: Any, **kwargs: Any) -> Any:
            if kwargs:  # kept by position only: a call by keyword is made afresh
                return function(*args, **kwargs)
            try:
                return kept[args]
            except KeyError:
                pass
            if maxsize is not None and len(kept) >= maxsize:
                kept.clear()
            result = kept[args] = function(*args)
            return result

        cached.__doc__ = function.__doc__
        cached.__name__ = function.__name__
        cached.__qualname__ = function.__qualname__
        cached.__wrapped__ = function  # type: ignore[attr-defined]
        cached.cache_clear = kept.clear  # type: ignore[attr-defined]
        return cached  # type: ignore[return-value]

    return wrap
