"""One mapping to one record: validate it against its model, and turn pydantic's errors into
issues with the codes of `findings.CODES` (a misspelt key gives one unknown-key issue with its
did-you-mean, not also a missing field; a record of another kind in the folder gives one
`wrong-kind-folder` issue, see `wrongkind`)."""

from __future__ import annotations

import re
import types
import typing
from sys import intern
from typing import Any, Final

from pydantic import BaseModel, ValidationError

from intlpolicy import __version__
from intlpolicy.findings import CODES, closest, did_you_mean
from intlpolicy.loading.parsing import describe
from intlpolicy.loading.placeholders import CODE as PLACEHOLDER
from intlpolicy.loading.records import Issue, Source
from intlpolicy.loading.wrongkind import misplaced_kind
from intlpolicy.models.migrations import CURRENT_SCHEMA_VERSION, readable_versions, upgrade

_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "ett heltal",
    "int_parsing": "ett heltal",
    "bool_type": "true eller false",
    "bool_parsing": "true eller false",
    "dict_type": "en mappning (fält: värde)",
    "model_type": "en mappning (fält: värde)",
    "model_attributes_type": "en mappning (fält: värde)",
    "list_type": "en lista",
}


def validate_record(source: Source, data: dict[str, Any], issues: list[Issue]) -> BaseModel | None:
    assert source.kind is not None
    model = source.kind.model
    if not _read_upgraded(source, data, issues):
        return None
    try:
        return compact(model.model_validate(data))
    except ValidationError as exc:
        misplaced = misplaced_kind(source, data)
        if misplaced is not None:  # another kind's record: one finding, not one per key
            issues.append(misplaced)
            return None
        found = [issue_from_error(source, model, error) for error in exc.errors(include_url=False)]
        refused = {issue.path for issue in found}  # a placeholder there: the schema's finding
        issues[:] = [i for i in issues if i.code != PLACEHOLDER or i.path not in refused]
        issues.extend(_without_echoes(found))
        return None


def _read_upgraded(source: Source, data: dict[str, Any], issues: list[Issue]) -> bool:
    """Upgrade an older record in memory (a warning says to migrate the file); False, with
    the error, for a version this tool cannot read."""
    assert source.kind is not None
    result = upgrade(data, source.kind.name)
    where = ("schema_version",)
    if result.status == "upgraded":
        upgraded: dict[str, Any] = {"old": result.found, "new": CURRENT_SCHEMA_VERSION}
        fix = f"intlpolicy migrate --to {CURRENT_SCHEMA_VERSION}"  # as checks/fixes.py words
        issues.append(Issue(source, "schema-outdated", upgraded, where, fix=fix))
    elif result.status == "too-new":
        issues.append(
            Issue(source, "schema-too-new", {"value": result.found, "tool": __version__}, where)
        )
    elif result.status == "too-old":
        too_old: dict[str, Any] = {"value": result.found, "readable": readable_versions()}
        issues.append(Issue(source, "unsupported-schema-version", too_old, where))
    return result.status in ("current", "upgraded")


_NO_FIELDS_SET: Final[Any] = frozenset()


_MODEL_TYPES: Final[dict[type, bool]] = {}


def _is_model(kind: type) -> bool:
    """issubclass(kind, BaseModel), remembered: the check through pydantic's ABC metaclass
    is slow, and compact() asks it for every field of every record."""
    known = _MODEL_TYPES.get(kind)
    if known is None:
        known = _MODEL_TYPES[kind] = issubclass(kind, BaseModel)
    return known


_set = object.__setattr__


def compact(record: BaseModel) -> BaseModel:
    """Drop the per-instance set of explicitly given field names that pydantic keeps.

    Nothing here reads it (no `exclude_unset`, no `model_copy(update=...)`), and with
    100 000 records its million small sets are a third of the memory. The models are
    frozen, so the shared empty set is never mutated.

    Also keep one copy of each string (a currency, a country code, a funder's name): parsed
    file by file they are separate objects, 330 000 of them for 15 000 values at 10 000
    records (28 MiB). And give the model a dictionary that shares its keys with every other
    model of its class (CPython's key-sharing dictionaries: filled field by field, not made
    whole as pydantic makes it), a third less memory for the records.
    """
    shared = object.__new__(record.__class__)
    for name, value in record.__dict__.items():
        kind = value.__class__
        if kind is str:
            value = intern(value)
        elif kind is list:
            for number, item in enumerate(value):
                if item.__class__ is str:
                    value[number] = intern(item)
                elif _is_model(item.__class__):
                    compact(item)
        elif _is_model(kind):
            compact(value)
        _set(shared, name, value)
    _set(record, "__dict__", shared.__dict__)
    _set(record, "__pydantic_fields_set__", _NO_FIELDS_SET)
    return record


def _without_echoes(found: list[Issue]) -> list[Issue]:
    """A misspelt key also makes its field missing; the unknown-key finding, which names the
    field it was probably meant to be, is the one that says what to fix."""
    meant = {
        (*issue.path[:-1], issue.params["suggestion"])
        for issue in found
        if issue.code == "unknown-key" and issue.params.get("suggestion")
    }
    return [i for i in found if not (i.code == "missing-field" and i.path in meant)]


# --- pydantic errors to issues ------------------------------------------------------------


def issue_from_error(source: Source, model: type[BaseModel], error: Any) -> Issue:
    kind: str = error["type"]
    loc: tuple[str | int, ...] = tuple(error["loc"])
    value = error.get("input")
    if kind in CODES:
        return Issue(source, kind, dict(error.get("ctx") or {}), loc)
    if kind == "missing":
        return Issue(source, "missing-field", {"field": loc[-1]}, loc)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        known = _field_names(model, loc[:-1])
        return Issue(
            source,
            "unknown-key",
            {
                "key": key,
                "hint": did_you_mean(key, known),
                "suggestion": closest(key, known) or "",
            },
            loc,
            at_key=True,
        )
    if kind == "literal_error":
        if loc == ("schema_version",):
            params = {"value": value, "readable": readable_versions()}
            return Issue(source, "unsupported-schema-version", params, loc)
        expected = re.findall(r"'([^']*)'|(\d+)", str(error["ctx"]["expected"]))
        allowed = ", ".join(quoted or number for quoted, number in expected)
        return Issue(source, "invalid-value", {"value": value, "allowed": allowed}, loc)
    if kind in _TYPE_NAMES:
        type_name = _TYPE_NAMES[kind]
        if loc == ("schema_version",):
            type_name = "heltalet 1 (postformatets version)"
        return Issue(source, "wrong-type", {"expected": type_name, "found": describe(value)}, loc)
    return Issue(source, "invalid-field", {"detail": error["msg"]}, loc)


def _field_names(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The keys allowed at `loc` inside `model`, for a did-you-mean hint."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = next((f for n, f in current.model_fields.items() if (f.alias or n) == part), None)
        if field is None:
            return []
        current = _inner_model(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or n for n, f in current.model_fields.items()]
    return []


def _inner_model(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list):
        for arg in typing.get_args(annotation):
            inner = _inner_model(arg)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
        return None
    return annotation
