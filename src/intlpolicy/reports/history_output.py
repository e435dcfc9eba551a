"""`history` output: a Swedish list for a case officer, or JSON with one object per commit.

A record that is example data in any readable version says so: the text opens with the same
notice as route-project, and every JSON object carries `"example"` (the JSON is a list, so
the flag of the record stands in each of its commits). In a shallow clone the oldest commit
fetched is `truncated`, not `created`, and its `note` says how to fetch the rest.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Final

from intlpolicy.editing.yamltext import scalar_text
from intlpolicy.labels import EXAMPLE_NOTICE_ANY_RECORD, EXAMPLE_NOTICES
from intlpolicy.loading.changes import FieldChange
from intlpolicy.loading.record_log import HistoryEntry, RecordHistory
from intlpolicy.text import printable
from intlpolicy.vocabulary import HistoryFormat

# Long values (a report's summary) are cut in the text; the JSON keeps them whole.
MAX_VALUE_CHARS = 100

STATUS_TEXT = {
    "created": "skapad",
    "deleted": "borttagen",
    "renamed": "flyttad från {old_path}",
}


def _short(text: str) -> str:
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


def value_text(value: Any, in_flow: bool = False) -> str:
    """A value as YAML would write it (collections in flow style); texts as `scalar_text`, so
    the text reads back as the same value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, dict):
        items = (f"{value_text(k, True)}: {value_text(v, True)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(value_text(v, True) for v in value) + "]"
    return scalar_text(str(value), in_flow)


def _texts(change: FieldChange) -> tuple[str | None, str | None]:
    """The old and new value as YAML text; None where the field was not there."""
    old = None if change.kind == "added" else value_text(change.old)
    new = None if change.kind == "removed" else value_text(change.new)
    return old, new


def change_line(change: FieldChange) -> str:
    old, new = _texts(change)
    if old is None:
        return f"{change.path}: tillagt {_short(new or '')}"
    if new is None:
        return f"{change.path}: borttaget"
    return f"{change.path}: {_short(old)} → {_short(new)}"


def change_dict(change: FieldChange) -> dict[str, Any]:
    old, new = _texts(change)
    return {"path": change.path, "old": old, "new": new}


def _entry_lines(entry: HistoryEntry) -> list[str]:
    lines = [f"{entry.short_commit}  {entry.date[:10]}  {entry.author}: {entry.subject}"]
    if entry.status == "created" and entry.problem is None:
        lines.append(f"  skapad ({_count(len(entry.changes), 'fält', 'fält')})")
        return lines
    if entry.note is not None:
        # One clause a line, so the command to run stays whole within 80 columns.
        lines += ["  " + clause for clause in entry.note.replace("; ", ";\n").splitlines()]
    if entry.status in STATUS_TEXT:
        lines.append("  " + STATUS_TEXT[entry.status].format(old_path=entry.old_path))
    if entry.problem is not None:
        lines.append(f"  {entry.problem}")
    elif entry.status not in ("deleted", "truncated"):
        if entry.compared_with_earlier:
            lines.append("  (förra versionen kunde inte läsas; jämfört med senast läsbara)")
        if entry.changes:
            lines.append("  ändrade fält:")
            lines += [f"    {change_line(change)}" for change in entry.changes]
        elif entry.status != "renamed":  # a plain move already says all there is
            lines.append("  inga ändrade fält (bara kommentarer eller formatering)")
    return lines


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def render_text(history: RecordHistory) -> str:
    lines: list[str] = []
    if history.example:
        lines.append(EXAMPLE_NOTICES.get(history.kind or "", EXAMPLE_NOTICE_ANY_RECORD))
    if not history.entries:
        lines.append(f"Inga incheckningar har ändrat {history.path}.")
    else:
        count = _count(len(history.entries), "incheckning", "incheckningar")
        lines += [f"Historik för {history.path} ({count}, nyast först)", ""]
        for entry in history.entries:
            lines += [*_entry_lines(entry), ""]
        lines.pop()
    if history.uncommitted:
        lines.append(f"Obs: arbetskopian har ändringar i {history.path} som inte är incheckade.")
    # Commit subjects, authors and paths come from outside: control characters shown escaped.
    return "\n".join(printable(line) for line in lines) + "\n"


def entry_dict(entry: HistoryEntry, example: bool = False) -> dict[str, Any]:
    return {
        "commit": entry.commit,
        "date": entry.date,
        "author": entry.author,
        "subject": entry.subject,
        "path": entry.path,
        "status": entry.status,
        "old_path": entry.old_path,
        "problem": entry.problem,
        "note": entry.note,
        "changes": [change_dict(change) for change in entry.changes],
        "example": example,
    }


def render_json(history: RecordHistory) -> str:
    document = [entry_dict(entry, history.example) for entry in history.entries]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# The `--format` choices of `history`, and what each renders.
RENDERERS: Final[dict[HistoryFormat, Callable[[RecordHistory], str]]] = {
    "text": render_text,
    "json": render_json,
}
