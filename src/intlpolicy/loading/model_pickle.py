"""Pickling the per-file cache's records compactly (`record_cache.py`): a model is kept as its
class and its fields' values, and made again without validation, with one copy of each string.
"""

from __future__ import annotations

import io
import pickle
from sys import intern
from typing import Any, Final

from pydantic import BaseModel


def pickled(entry: object) -> bytes:
    """`entry` pickled, its models as `_restore` makes them again."""
    buffer = io.BytesIO()
    _ModelPickler(buffer, pickle.HIGHEST_PROTOCOL).dump(entry)
    return buffer.getvalue()


class _ModelPickler(pickle.Pickler):
    """Pickles a record's models as their class and their fields' values, without the names:
    unpickled, each model's `__dict__` takes its keys from the class, shared by every model of
    it (pickled by name, each entry would bring its own copies: 300 MB at 100 000 records)."""

    def reducer_override(self, obj: Any) -> Any:
        if not isinstance(obj, BaseModel):
            return NotImplemented
        cls = type(obj)
        values = obj.__dict__
        if obj.__pydantic_extra__ is not None or obj.__pydantic_private__ is not None:
            return NotImplemented
        if tuple(values) != _field_names(cls):
            return NotImplemented
        return _restore, (cls, tuple(values.values()))


_NAMES: dict[type[BaseModel], tuple[str, ...]] = {}
_NO_FIELDS_SET: Final[Any] = frozenset()


def _field_names(cls: type[BaseModel]) -> tuple[str, ...]:
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = tuple(cls.model_fields)
    return names


_set = object.__setattr__
_new = object.__new__
# The slots pydantic keeps beside `__dict__`, set as pydantic's own `__setstate__` sets them.
_slots: dict[str, Any] = dict(vars(BaseModel))
_set_fields_set = _slots["__pydantic_fields_set__"].__set__
_set_extra = _slots["__pydantic_extra__"].__set__
_set_private = _slots["__pydantic_private__"].__set__


def _restore(cls: type[BaseModel], values: tuple[Any, ...]) -> BaseModel:
    """A model as pydantic made it, from its fields' values in their order (no validation:
    they were validated when the entry was made, by this same tool: the pack's name holds its
    identity, so the classes have the fields they had).

    The fields are set one by one, not as a ready `__dict__`: so the model's dictionary shares
    its keys with every other model of its class (CPython's key-sharing dictionaries), a third
    less memory for the records of a warm run."""
    model = _new(cls)
    names = _NAMES.get(cls) or _field_names(cls)
    for name, value in zip(names, values, strict=False):
        kind = value.__class__  # one copy of each string, as loading/modelerrors.py
        if kind is str:
            value = intern(value)
        elif kind is list and value and value[0].__class__ is str:
            value[:] = map(intern, value)
        _set(model, name, value)
    _set_fields_set(model, _NO_FIELDS_SET)  # one shared empty set, as loading/modelerrors.py
    _set_extra(model, None)
    _set_private(model, None)
    return model
