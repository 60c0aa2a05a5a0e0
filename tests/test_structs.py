"""agentlint.structs.Struct behaves as the typing.NamedTuple it replaces, where the code
relies on it: construction, equality and hashing (records are dict keys and set members),
ordering (findings are sorted), unpacking, indexing, _replace, _asdict, repr, copies."""

from __future__ import annotations

import copy
import pickle
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agentlint import structs


class OldPair(NamedTuple):
    name: str
    count: int
    note: str | None = None


class NewPair(structs.Struct):
    name: str
    count: int
    note: str | None = None


class Other(structs.Struct):
    name: str
    count: int
    note: str | None = None


values = st.tuples(st.text(max_size=4), st.integers(-3, 3), st.none() | st.text(max_size=2))


def _both(args: tuple[str, int, str | None], given: int) -> tuple[OldPair, NewPair]:
    """The same values, passed as `given` positional arguments and the rest by keyword."""
    names = ("name", "count", "note")
    kwargs = dict(zip(names[given:], args[given:], strict=True))
    return OldPair(*args[:given], **kwargs), NewPair(*args[:given], **kwargs)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(values, values, st.integers(0, 3), st.integers(0, 3))
def test_a_struct_compares_hashes_and_sorts_as_the_named_tuple(
    a: tuple[str, int, str | None], b: tuple[str, int, str | None], ga: int, gb: int
) -> None:
    old_a, new_a = _both(a, ga)
    old_b, new_b = _both(b, gb)
    assert (new_a == new_b) == (old_a == old_b)
    assert (new_a != new_b) == (old_a != old_b)
    assert hash(new_a) == hash(old_a)  # the same hash as the tuple of its values
    if (a[2] is None and b[2] is None) or (a[2] is not None and b[2] is not None):
        for op in ("__lt__", "__le__", "__gt__", "__ge__"):
            assert getattr(new_a, op)(new_b) == getattr(old_a, op)(old_b), op
    assert new_a == tuple(old_a) and tuple(old_a) == new_a
    assert list(new_a) == list(old_a)
    assert len(new_a) == len(old_a)
    assert [new_a[i] for i in range(-3, 3)] == [old_a[i] for i in range(-3, 3)]
    assert new_a[1:] == old_a[1:]
    name, count, note = new_a
    assert (name, count, note) == old_a
    assert new_a._asdict() == old_a._asdict()
    assert new_a._fields == old_a._fields
    assert repr(new_a) == repr(old_a).replace("OldPair", "NewPair")
    assert {new_a: 1}.get(NewPair(*a)) == 1


@settings(max_examples=200, deadline=None)
@given(values, st.dictionaries(st.sampled_from(["name", "count", "note"]), st.integers(0, 2)))
def test_replace_is_the_named_tuples(
    a: tuple[str, int, str | None], changes: dict[str, int]
) -> None:
    old, new = OldPair(*a), NewPair(*a)
    assert new._replace(**changes) == old._replace(**changes)
    assert type(new._replace(**changes)) is NewPair
    assert new == NewPair(*a)  # unchanged


@settings(max_examples=100, deadline=None)
@given(values)
def test_copies_and_pickles_are_equal(a: tuple[str, int, str | None]) -> None:
    new = NewPair(*a)
    for twin in (copy.copy(new), copy.deepcopy(new), pickle.loads(pickle.dumps(new))):
        assert twin == new and type(twin) is NewPair


def test_a_struct_is_immutable_like_a_named_tuple() -> None:
    new = NewPair("a", 1)
    with pytest.raises(AttributeError):
        new.count = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del new.name  # type: ignore[misc]
    with pytest.raises(AttributeError):
        new.extra = 1  # type: ignore[attr-defined]
    assert new == NewPair("a", 1)


def test_wrong_arguments_raise_type_error_as_a_named_tuple_does() -> None:
    for args, kwargs in [
        ((), {}),
        (("a", 1, "n", "x"), {}),
        (("a",), {"nope": 1}),
        (("a", 1), {"name": "b"}),
    ]:
        with pytest.raises(TypeError):
            OldPair(*args, **kwargs)
        with pytest.raises(TypeError):
            NewPair(*args, **kwargs)
    with pytest.raises(ValueError):
        NewPair("a", 1)._replace(nope=1)  # type: ignore[call-arg]


def test_a_struct_is_a_tuple_as_a_named_tuple_is() -> None:
    """Records of two types with the same values compare as their tuples, as NamedTuples do."""
    assert isinstance(NewPair("a", 1), tuple)
    assert (NewPair("a", 1) == Other("a", 1)) == (OldPair("a", 1) == ("a", 1, None))
    assert NewPair("a", 1) != ["a", 1, None]
    assert NewPair("a", 1) + (2,) == OldPair("a", 1) + (2,)  # noqa: RUF005 (the behaviour)


def test_a_struct_needs_annotated_fields_and_cannot_extend_another() -> None:
    with pytest.raises(TypeError, match="annotated fields"):

        class Empty(structs.Struct):
            pass

    with pytest.raises(TypeError, match="cannot add fields"):

        class More(NewPair):
            extra: int


def test_methods_and_properties_of_the_body_stay() -> None:
    class WithMethod(structs.Struct):
        value: int

        @property
        def double(self) -> int:
            return self.value * 2

    assert WithMethod(2).double == 4
    assert not hasattr(WithMethod(2), "__dict__")  # slots only


def test_memo_keeps_results_by_arguments_and_forgets_them_when_full() -> None:
    calls: list[tuple[int, int]] = []

    @structs.memo(2)
    def add(a: int, b: int = 0) -> int:
        """Adds."""
        calls.append((a, b))
        return a + b

    assert add(1, 2) == add(1, 2) == 3
    assert calls == [(1, 2)]
    assert add(2) == 2 and add(3) == 3  # the third result clears the first two
    assert add(1, 2) == 3 and calls[-1] == (1, 2)
    assert add.__doc__ == "Adds." and add.__name__ == "add"
    add.cache_clear()  # type: ignore[attr-defined]
    assert add(2) == 2 and calls[-1] == (2, 0)
    assert add(2, b=5) == 7 and calls[-1] == (2, 5)  # by keyword: made afresh, not kept
    assert add(2, b=5) == 7 and calls[-2:] == [(2, 5), (2, 5)]


def test_memo_does_not_keep_errors() -> None:
    seen: list[int] = []

    @structs.memo()
    def fail_once(n: int) -> int:
        seen.append(n)
        if len(seen) == 1:
            raise ValueError(n)
        return n

    with pytest.raises(ValueError):
        fail_once(1)
    assert fail_once(1) == 1 and seen == [1, 1]
