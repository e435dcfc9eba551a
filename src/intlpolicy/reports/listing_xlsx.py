"""`list --format xlsx`: an Excel workbook (openpyxl, the optional extra `xlsx`).

Swedish headers and labels; SEK amounts are numbers shown as kronor, dates are dates; the
header row is frozen and has filters. A text cell that a spreadsheet would run as a formula
is neutralised, as in CSV.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from intlpolicy.reports.listing_cells import KIND_TITLES, labelled, neutralised

if TYPE_CHECKING:
    from intlpolicy.reports.listing_output import Screen
    from intlpolicy.tabulation import Cell, RecordTable

# Excel's format codes: `,` groups thousands and Swedish Excel shows it as a space
# (`# ##0 "kr"` in its dialog), so the code stays portable across locales.
KRONOR: Final = '#,##0 "kr"'
KRONOR_ORE: Final = '#,##0.00 "kr"'
DATE: Final = "yyyy-mm-dd"
MAX_WIDTH: Final = 60


def sheet_value(key: str, value: Cell) -> tuple[Any, str | None]:
    """The value a cell holds and its number format (None: the default)."""
    value = labelled(key, value)
    if isinstance(value, bool):
        return ("ja" if value else "nej"), None
    if isinstance(value, Decimal):
        whole = value == value.to_integral_value()
        return value, KRONOR if whole else KRONOR_ORE
    if isinstance(value, date):
        return value, DATE
    if isinstance(value, list):
        return neutralised(", ".join(value)), None
    if isinstance(value, str):
        return neutralised(value), None
    return value, None


def render_xlsx(table: RecordTable, skipped_files: int, screen: Screen) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = KIND_TITLES[table.kind][:31]  # Excel's limit on a sheet name
    sheet.append([column.header for column in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for r, row in enumerate(table.rows, start=2):
        for c, column in enumerate(table.columns, start=1):
            value, number_format = sheet_value(column.key, row.get(column.key))
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
            if number_format is not None:
                cell.number_format = number_format
    for c, column in enumerate(table.columns, start=1):
        letter = get_column_letter(c)
        longest = max(
            [len(column.header), *(len(str(row.get(column.key) or "")) for row in table.rows)]
        )
        sheet.column_dimensions[letter].width = min(longest + 2, MAX_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
