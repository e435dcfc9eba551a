"""What changed between two versions of a record: the fields that differ, as dotted paths.

Both versions are parsed values (mappings, lists, scalars as the YAML reader gives them), so a
case officer reads `total_budget.amount: 950000 → 1100000` rather than a text diff. The values
stay values here; `reports.history_output` writes them as YAML text.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Literal

from intlpolicy.findings import format_path

ChangeKind = Literal["changed", "added", "removed"]


@dataclass(frozen=True, slots=True)
class FieldChange:
    path: str  # dotted with indexes: `partners[1].country`
    old: Any  # the value before (None when added: there was none)
    new: Any  # the value after (None when removed)
    kind: ChangeKind = "changed"


def same(old: Any, new: Any) -> bool:
    """Whether two parsed values are written alike: the same type and the same digits, so
    `950000` and `950000.00`, `1` and `true`, `12` and `"12"` differ."""
    return repr(old) == repr(new)


def diff_values(old: Any, new: Any, path: tuple[str | int, ...] = ()) -> list[FieldChange]:
    """The fields that differ between two parsed versions, as dotted paths."""
    if isinstance(old, dict) and isinstance(new, dict):
        changes: list[FieldChange] = []
        for key, value in new.items():
            if key in old:
                changes += diff_values(old[key], value, (*path, str(key)))
            else:
                changes.append(FieldChange(_path(path, key), None, value, "added"))
        changes += [
            FieldChange(_path(path, key), value, None, "removed")
            for key, value in old.items()
            if key not in new
        ]
        return changes
    if isinstance(old, list) and isinstance(new, list):
        return _diff_lists(old, new, path)
    return [] if same(old, new) else [FieldChange(format_path(path), old, new)]


def _path(path: tuple[str | int, ...], key: Any) -> str:
    return format_path((*path, str(key)))


def _diff_lists(old: list[Any], new: list[Any], path: tuple[str | int, ...]) -> list[FieldChange]:
    # Items are matched as a sequence, so removing the first partner is one removal, not a
    # change of every later index.
    matcher = difflib.SequenceMatcher(
        a=[repr(v) for v in old], b=[repr(v) for v in new], autojunk=False
    )
    changes: list[FieldChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(paired):
            changes += diff_values(old[i1 + k], new[j1 + k], (*path, j1 + k))
        changes += [
            FieldChange(format_path((*path, i)), old[i], None, "removed")
            for i in range(i1 + paired, i2)
        ]
        changes += [
            FieldChange(format_path((*path, j)), None, new[j], "added")
            for j in range(j1 + paired, j2)
        ]
    return changes
