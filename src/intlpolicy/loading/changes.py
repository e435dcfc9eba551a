"""What changed between two versions of a record: the fields that differ, as dotted paths.

Both versions are parsed values (mappings, lists, scalars), so a case officer reads
`total_budget.amount: 950000 → 1100000` rather than a text diff.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from intlpolicy.editing import yamltext
from intlpolicy.findings import format_path


@dataclass(frozen=True, slots=True)
class FieldChange:
    path: str  # dotted with indexes: `partners[1].country`
    old: str | None  # YAML scalar (or flow) form; None when the field was not there
    new: str | None


def diff_values(old: Any, new: Any, path: tuple[str | int, ...] = ()) -> list[FieldChange]:
    """The fields that differ between two parsed versions, as dotted paths."""
    if isinstance(old, dict) and isinstance(new, dict):
        changes: list[FieldChange] = []
        for key, value in new.items():
            if key in old:
                changes += diff_values(old[key], value, (*path, str(key)))
            else:
                changes.append(FieldChange(_path(path, key), None, yaml_text(value)))
        changes += [
            FieldChange(_path(path, key), yaml_text(value), None)
            for key, value in old.items()
            if key not in new
        ]
        return changes
    if isinstance(old, list) and isinstance(new, list):
        return _diff_lists(old, new, path)
    old_text, new_text = yaml_text(old), yaml_text(new)
    if old_text == new_text and type(old) is type(new):
        return []
    return [FieldChange(format_path(path), old_text, new_text)]


def _path(path: tuple[str | int, ...], key: Any) -> str:
    return format_path((*path, str(key)))


def _diff_lists(old: list[Any], new: list[Any], path: tuple[str | int, ...]) -> list[FieldChange]:
    # Items are matched as a sequence, so removing the first partner is one removal, not a
    # change of every later index.
    matcher = difflib.SequenceMatcher(
        a=[yaml_text(v) for v in old], b=[yaml_text(v) for v in new], autojunk=False
    )
    changes: list[FieldChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(paired):
            changes += diff_values(old[i1 + k], new[j1 + k], (*path, j1 + k))
        changes += [
            FieldChange(format_path((*path, i)), yaml_text(old[i]), None)
            for i in range(i1 + paired, i2)
        ]
        changes += [
            FieldChange(format_path((*path, j)), None, yaml_text(new[j]))
            for j in range(j1 + paired, j2)
        ]
    return changes


def yaml_text(value: Any, in_flow: bool = False) -> str:
    """A value as YAML would write it (collections in flow style); texts as `scalar_text`."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, dict):
        items = (f"{yaml_text(k, True)}: {yaml_text(v, True)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(yaml_text(v, True) for v in value) + "]"
    return yamltext.scalar_text(str(value), in_flow)
