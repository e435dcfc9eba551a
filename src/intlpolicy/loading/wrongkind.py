"""A whole record in the wrong folder: one finding that says where it belongs.

A project copied into reports/2024/ fails the report model with every one of its keys, and
each key's did-you-mean then points at an unrelated report field. The case officer's mistake
is one, so the finding is one: `wrong-kind-folder`, naming the kind the keys belong to and
the file it should be.

The rule (`misplaced_kind`), asked only of a record that failed its own folder's model:
- at least two of its top-level keys are unknown to the folder's kind (a record of the right
  kind with one misspelt key keeps its `unknown-key` finding and hint), and
- every top-level key is a field of exactly one other kind (a key no kind has, such as a
  typo, or keys several kinds share, keep the per-key findings: the record is then not
  plainly another kind's).
The record need not be valid as that kind: once moved, its own findings are reported there.
"""

from __future__ import annotations

import re
from typing import Any, Final

from intlpolicy.loading.records import Issue, Source
from intlpolicy.models import KINDS, RecordKind

# A value quoted into the suggested path only when it is a plain file name part.
_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,79}")
_MIN_UNKNOWN: Final = 2


def _top_fields(kind: RecordKind) -> frozenset[str]:
    return frozenset(f.alias or n for n, f in kind.model.model_fields.items())


_FIELDS: Final = {kind.name: _top_fields(kind) for kind in KINDS}


def misplaced_kind(source: Source, data: dict[str, Any]) -> Issue | None:
    """The one `wrong-kind-folder` issue for a record whose keys are another kind's, else None."""
    own = source.kind
    assert own is not None
    keys = set(data)
    if len(keys - _FIELDS[own.name]) < _MIN_UNKNOWN:
        return None
    others = [k for k in KINDS if k.name != own.name and keys <= _FIELDS[k.name]]
    if len(others) != 1:
        return None
    kind = others[0]
    params = {
        "record_kind": kind.name,
        "folder_kind": own.name,
        "expected": expected_path(kind, data),
    }
    return Issue(source, "wrong-kind-folder", params, position=(1, 1))


def expected_path(kind: RecordKind, data: dict[str, Any]) -> str:
    """Where a record of `kind` with these fields is kept, inside the data root: a report in
    reports/<år>/<organisation>.yaml, a compiled report in compiled-reports/<år>.yaml, any
    other record in <folder>/<id>.yaml. A field missing or unusable stays a placeholder."""
    if kind.name == "report":
        year = _name(data.get("year"), "<år>")
        return f"{kind.folder}/{year}/{_name(data.get('organisation'), '<organisation>')}.yaml"
    if kind.name == "compiled_report":
        return f"{kind.folder}/{_name(data.get('year'), '<år>')}.yaml"
    return f"{kind.folder}/{_name(data.get('id'), '<id>')}.yaml"


def _name(value: Any, placeholder: str) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return value if isinstance(value, str) and _NAME.fullmatch(value) else placeholder
