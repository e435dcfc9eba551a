"""`list` output: a table for people (rich on a terminal, plain text otherwise), JSON, CSV.

JSON and CSV keep the codes (`ks_information`) and exact decimal strings, for scripts and
spreadsheets; the tables show Swedish labels and amounts in kronor. One exception: CSV's
example column says `exempeldata` (or nothing), since a spreadsheet shows it to people and
every output that uses example records must say so.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from intlpolicy.labels import (
    AGREEMENTS,
    NOTICE_STATES,
    ORGANISATION_KINDS,
    PROJECT_ROLES,
    ROUTE_TITLES,
)
from intlpolicy.services.listing import Cell, RecordTable
from intlpolicy.swedish import format_sek

if TYPE_CHECKING:
    from rich.table import Table

KIND_TITLES: Final = {
    "projects": "Projekt",
    "organisations": "Organisationer",
    "reports": "Årsredovisningar",
    "networks": "Nätverk",
    "twin-cities": "Vänorter och samarbetsavtal",
}

# The example column says exempeldata, in the table and in CSV alike (JSON keeps the boolean).
EXAMPLE_LABELS: Final[dict[Any, str]] = {True: "exempeldata", False: ""}
# Swedish labels of codes, by column.
LABELS: Final[dict[str, dict[Any, str]]] = {
    "role": PROJECT_ROLES,
    "route": {**ROUTE_TITLES, None: "okänd"},  # None: the organisation is unknown
    "notice": NOTICE_STATES,
    "kind": ORGANISATION_KINDS,
    "agreement": AGREEMENTS,
    "current_contact": {True: "ja", False: "nej"},
    "example": EXAMPLE_LABELS,
}
RIGHT_ALIGNED: Final = frozenset({"total_budget_sek", "activities", "since", "member_since"})
# Ids and amounts are never broken across lines on a terminal; the other columns wrap.
UNBROKEN: Final = frozenset({"id", "year", "total_budget_sek"})
EXAMPLE_NOTE: Final = "exempeldata = illustrativt exempel, inte en verklig post"


def _plain_value(value: Cell) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    return value


def render_json(table: RecordTable, skipped_files: int) -> str:
    document = {
        "kind": table.kind,
        "count": len(table.rows),
        "skipped_files": skipped_files,
        "records": [{key: _plain_value(value) for key, value in row.items()} for row in table.rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _csv_value(key: str, value: Cell) -> str:
    if key == "example" and isinstance(value, bool):
        return EXAMPLE_LABELS[value]
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)


def render_csv(table: RecordTable) -> str:
    """A header row of the column keys, then one row per record (RFC 4180, UTF-8)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column.key for column in table.columns])
    for row in table.rows:
        writer.writerow([_csv_value(c.key, row.get(c.key)) for c in table.columns])
    return buffer.getvalue()


def display_value(key: str, value: Cell) -> str:
    """A cell as a person reads it: Swedish labels, kronor, lists joined."""
    labels = LABELS.get(key)
    if labels is not None and not isinstance(value, list) and value in labels:
        return labels[value]
    if isinstance(value, Decimal):
        return format_sek(value)
    if isinstance(value, list):
        return ", ".join(value)
    if value is None:
        return ""
    return str(value)


def _cells(table: RecordTable) -> list[list[str]]:
    return [[display_value(c.key, row.get(c.key)) for c in table.columns] for row in table.rows]


def _footer(table: RecordTable) -> list[str]:
    lines = [f"{KIND_TITLES[table.kind]}: {len(table.rows)}"]
    if table.has_examples:
        lines.append(EXAMPLE_NOTE)
    return lines


def render_plain(table: RecordTable) -> str:
    """Aligned columns without colour or box, for a pipe or a file."""
    headers = [column.header for column in table.columns]
    body = _cells(table)
    widths = [max(len(text) for text in column) for column in zip(headers, *body, strict=False)]
    right = [column.key in RIGHT_ALIGNED for column in table.columns]

    def line(cells: list[str]) -> str:
        padded = (
            cell.rjust(width) if is_right else cell.ljust(width)
            for cell, width, is_right in zip(cells, widths, right, strict=True)
        )
        return "  ".join(padded).rstrip()

    lines = [line(headers), line(["-" * width for width in widths])]
    lines.extend(line(cells) for cells in body)
    lines.append("")
    lines.extend(_footer(table))
    return "\n".join(lines) + "\n"


def rich_table(table: RecordTable) -> Table:
    """The same table for a terminal: rich, with a box and the example rows dimmed."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    rendered = Table(
        title=f"{KIND_TITLES[table.kind]} ({len(table.rows)})",
        box=box.SIMPLE_HEAVY,
        caption=EXAMPLE_NOTE if table.has_examples else None,
        header_style="bold",
    )
    for column in table.columns:
        no_wrap = column.key in UNBROKEN
        if column.key in RIGHT_ALIGNED:
            rendered.add_column(column.header, justify="right", no_wrap=no_wrap, overflow="fold")
        else:
            rendered.add_column(column.header, no_wrap=no_wrap, overflow="fold")
    for row, cells in zip(table.rows, _cells(table), strict=True):
        # Record text is text, never rich markup (`[red]` in a title stays as written).
        rendered.add_row(
            *(Text(cell) for cell in cells), style="dim" if row.get("example") is True else None
        )
    return rendered
