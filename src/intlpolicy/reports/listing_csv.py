"""`list --format csv` for a Swedish spreadsheet and `--format csv-plain` for other tools.

csv: `;` between fields, decimal comma, the table's Swedish headers and labels, UTF-8 with a
byte order mark (so Excel reads å, ä, ö), amounts exact without padding zeros.
csv-plain: RFC 4180 (comma, dot), the JSON keys and codes, no byte order mark.
Both neutralise a text cell a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from intlpolicy.reports.listing_cells import exact_digits, labelled, neutralised

if TYPE_CHECKING:
    from intlpolicy.reports.listing_output import Screen
    from intlpolicy.tabulation import Cell, RecordTable

BOM = "\ufeff"


def swedish_value(key: str, value: Cell) -> str:
    value = labelled(key, value)
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, Decimal):
        return exact_digits(value, point=",")
    return _text(value, ", ")


def plain_value(key: str, value: Cell) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return exact_digits(value)
    return _text(value, "; ")


def _text(value: Cell, joiner: str) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return neutralised(joiner.join(value))
    if isinstance(value, str):
        return neutralised(value)
    return str(value)


def render_swedish_csv(table: RecordTable, skipped_files: int, screen: Screen) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([column.header for column in table.columns])
    for row in table.rows:
        writer.writerow([swedish_value(c.key, row.get(c.key)) for c in table.columns])
    return BOM + buffer.getvalue()


def render_plain_csv(table: RecordTable, skipped_files: int, screen: Screen) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column.key for column in table.columns])
    for row in table.rows:
        writer.writerow([plain_value(c.key, row.get(c.key)) for c in table.columns])
    return buffer.getvalue()
