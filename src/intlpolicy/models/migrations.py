"""Versions of the record format (`schema_version`) and the steps from one version to the next.

`STEPS[n]` upgrades a record of version n to version n + 1. A step is a small function on the
record's mapping and works alike on the plain dict the fast loader reads and on the ruamel
round-trip document `migrate` writes back (a `CommentedMap` is a dict): it changes keys only
through `rename_key` and `insert_key`, which keep a round-trip document's key order and
comments. Reading upgrades an older record in memory with the same steps (and `validate` warns
`schema-outdated`); `intlpolicy migrate` writes the upgrade into the files.

Today the format has one version, so the registry is empty: no shape change is pending. A
change of a record's shape adds the next version here: raise `CURRENT_SCHEMA_VERSION`, register
its step, let `SchemaVersion` accept the new number, and run `intlpolicy migrate` on `data/`
(docs/migrations.md).
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from typing import Any, Final

CURRENT_SCHEMA_VERSION: Final = 1

# (record, kind name) -> None: changes the mapping in place. The kind is the singular name of
# `models.KINDS` (`organisation`, `twin_city`, ...), since a step usually concerns one kind.
Step = Callable[[MutableMapping[str, Any], str], None]

STEPS: Final[dict[int, Step]] = {}


@dataclass(frozen=True, slots=True)
class Upgrade:
    """What reading did to a record's version: `found` is what the file says (None: no
    integer there, left to the model), `status` one of `current`, `upgraded`, `too-new`
    (a newer format than this tool reads) and `too-old` (no step leads from it)."""

    found: int | None
    status: str


def record_version(data: MutableMapping[str, Any]) -> int | None:
    """The record's `schema_version`, when it is an integer (never `true`)."""
    value = data.get("schema_version")
    if isinstance(value, bool) or not isinstance(value, int):  # ruamel's ints are a subclass
        return None
    return int(value)


def oldest_readable(steps: dict[int, Step] | None = None) -> int:
    """The oldest version the registered steps lead up from to the current one."""
    table = STEPS if steps is None else steps
    version = CURRENT_SCHEMA_VERSION
    while version - 1 in table:
        version -= 1
    return version


def readable_versions() -> str:
    """`1`, or `1–3` once there are steps: the versions this tool reads, for messages."""
    oldest = oldest_readable()
    if oldest == CURRENT_SCHEMA_VERSION:
        return str(oldest)
    return f"{oldest}–{CURRENT_SCHEMA_VERSION}"


def upgrade(data: MutableMapping[str, Any], kind: str, to: int = CURRENT_SCHEMA_VERSION) -> Upgrade:
    """Upgrade `data` in place to version `to` (never down); the status says what happened."""
    found = record_version(data)
    if found is None:
        return Upgrade(None, "current")
    if found > CURRENT_SCHEMA_VERSION:
        return Upgrade(found, "too-new")
    if found < oldest_readable():
        return Upgrade(found, "too-old")
    if found >= to:
        return Upgrade(found, "current")
    for version in range(found, to):
        STEPS[version](data, kind)
        data["schema_version"] = version + 1
    return Upgrade(found, "upgraded")


def rename_key(data: MutableMapping[str, Any], old: str, new: str) -> None:
    """Rename a key where it stands, keeping a round-trip document's comment on it."""
    if old not in data:
        return
    keys = list(data)
    position = keys.index(old)
    value = data.pop(old)
    comments = getattr(getattr(data, "ca", None), "items", None)
    if comments is not None and old in comments:
        comments[new] = comments.pop(old)
    insert_key(data, position, new, value)


def insert_key(data: MutableMapping[str, Any], position: int, key: str, value: Any) -> None:
    """Put `key` at `position` in the key order, in a plain dict and a round-trip document."""
    insert = getattr(data, "insert", None)
    if callable(insert):  # a round-trip document
        insert(position, key, value)
        return
    items = list(data.items())
    items.insert(position, (key, value))
    data.clear()
    data.update(items)
