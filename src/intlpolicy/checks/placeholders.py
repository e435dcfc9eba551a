"""No record keeps a fix's placeholder (NAMN, DIARIENUMMER …, `fixes.PLACEHOLDERS`) as a value.

A hint copied into the YAML by hand and not filled in would otherwise pass: the yearly report
would print "DIARIENUMMER" to KS. The records are walked generically (every field of every
model, nested models, lists and mappings), so a new text field is covered without a change
here. A placeholder in a date, amount or e-mail field is already a schema error, and such a
record never reaches the checks: that value gets one finding, not two.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from types import UnionType
from typing import Annotated, Any, Final, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from intlpolicy.checks.base import CheckContext, check
from intlpolicy.checks.fixes import PLACEHOLDERS
from intlpolicy.loading.records import Issue

Path = tuple[str | int, ...]

_WORDS: Final = frozenset(PLACEHOLDERS)
_SCALARS: Final = frozenset({str, date, Decimal, int, bool, type(None)})
# The values that hold no text: skipped without a call.
_LEAVES: Final = frozenset({type(None), bool, int, Decimal, date})


@dataclass(frozen=True, slots=True)
class _Plan:
    """A model class's fields for the fast pass: `texts` may hold text and nothing else and
    `lists` are lists of such (each checked in one set operation); `parts` are walked (lists,
    mappings, models, and any field whose type is not read here). The fields that hold no
    text (dates, amounts, numbers, models of those) are left alone."""

    keys: dict[str, str]  # attribute name -> the key the YAML writes (`from_` -> `from`)
    texts: tuple[str, ...]
    lists: tuple[str, ...]
    parts: tuple[str, ...]


# Per class met, its plan (None: no model). Asked of pydantic once per class.
_PLANS: Final[dict[type, _Plan | None]] = {}
_PLANNING: Final[set[type]] = set()


def _shape(annotation: Any) -> str:
    """What a field of this type holds: `text` (text or nothing), `texts` (a list of those),
    `leaf` (no text: a date, an amount, a number, a model of such) or `part` (walked)."""
    origin = get_origin(annotation)
    if origin is Literal:
        return "text" if any(isinstance(arg, str) for arg in get_args(annotation)) else "leaf"
    if origin is Annotated:
        return _shape(get_args(annotation)[0])
    if origin is list:
        inner = _shape(get_args(annotation)[0]) if get_args(annotation) else "part"
        return {"text": "texts", "leaf": "leaf"}.get(inner, "part")
    if origin in (Union, UnionType):
        shapes = {_shape(arg) for arg in get_args(annotation)} - {"leaf"}
        return shapes.pop() if len(shapes) == 1 else "leaf" if not shapes else "part"
    if annotation in _SCALARS:
        return "text" if annotation is str else "leaf"
    if isinstance(annotation, type) and annotation not in _PLANNING:
        plan = _plan(annotation)
        if plan is not None and not (plan.texts or plan.lists or plan.parts):
            return "leaf"
    return "part"


def _plan(kind: type) -> _Plan | None:
    if kind in _PLANS:
        return _PLANS[kind]
    plan = None
    if issubclass(kind, BaseModel):
        _PLANNING.add(kind)
        fields = kind.model_fields
        shapes = {name: _shape(field.annotation) for name, field in fields.items()}
        _PLANNING.discard(kind)
        plan = _Plan(
            keys={name: field.alias or name for name, field in fields.items()},
            texts=tuple(name for name, shape in shapes.items() if shape == "text"),
            lists=tuple(name for name, shape in shapes.items() if shape == "texts"),
            parts=tuple(name for name, shape in shapes.items() if shape == "part"),
        )
    _PLANS[kind] = plan
    return plan


def _items(value: Any) -> Iterable[tuple[str | int, Any]]:
    """The parts of a list, a mapping or a model, each with the key a path names it by."""
    kind = value.__class__
    if kind is list:
        return enumerate(value)
    if kind is dict:
        mapping: dict[str, Any] = value
        return mapping.items()
    plan = _plan(kind)
    if plan is None:  # a value of a type the records do not hold today: no text in it
        return ()
    return ((plan.keys[name], item) for name, item in value.__dict__.items())


def _holds_placeholder(value: Any) -> bool:
    """Whether some text in `value` (a record, or a list, mapping or model in one) is exactly
    a placeholder: the fast pass every record takes, building no paths and calling itself
    only for a model or a mapping inside (most values are text, dates and amounts)."""
    kind = value.__class__
    plan = _PLANS[kind] if kind in _PLANS else _plan(kind)
    if plan is None:
        if kind is not list and kind is not dict:
            return False  # a value of a type the records do not hold today: no text in it
        return _any_holds(value.values() if kind is dict else value)
    fields = value.__dict__
    if not _WORDS.isdisjoint(map(fields.__getitem__, plan.texts)):
        return True
    for name in plan.lists:
        item = fields[name]
        if item and not _WORDS.isdisjoint(item):
            return True
    for name in plan.parts:
        item = fields[name]
        kind = item.__class__
        if kind is list:
            if item and _any_holds(item):
                return True
        elif kind is str:
            if item in _WORDS:
                return True
        elif kind not in _LEAVES and _holds_placeholder(item):
            return True
    return False


def _any_holds(items: Iterable[Any]) -> bool:
    for item in items:
        kind = item.__class__
        if kind is str:
            if item in _WORDS:
                return True
        elif kind not in _LEAVES and _holds_placeholder(item):
            return True
    return False


def _placeholders(value: Any, path: Path) -> Iterator[tuple[str, Path]]:
    """(placeholder, path) of every text in `value` that is exactly a placeholder."""
    for key, item in _items(value):
        kind = item.__class__
        if kind is str:
            if item in PLACEHOLDERS:
                yield item, (*path, key)
        elif kind not in _LEAVES:
            yield from _placeholders(item, (*path, key))


@check
def placeholders_left(context: CheckContext) -> list[Issue]:
    records = context.records
    issues: list[Issue] = []
    tables: dict[str, dict[str, Any]] = {}
    for (kind, key), source in records.sources.items():
        table = tables.get(kind)
        if table is None:
            table = tables[kind] = records.by_kind(kind)
        record = table[key]
        if not _holds_placeholder(record):
            continue
        for placeholder, path in _placeholders(record, ()):
            params = {"placeholder": placeholder, "meaning": PLACEHOLDERS[placeholder]}
            issues.append(Issue(source, "placeholder-left", params, path))
    return issues
