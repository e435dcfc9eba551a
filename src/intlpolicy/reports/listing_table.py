"""`list --format table`: the table for people, fitted to the terminal.

On a terminal it is drawn with rich (bold header, example rows dimmed); to a pipe or a file
it is plain aligned text, as wide as $COLUMNS when that is set and unlimited otherwise. Both
follow `table_fit`'s rules; when the terminal is too narrow, columns are left out in the
order of DROP_ORDER and a note under the table names them.
"""

from __future__ import annotations

import io
import textwrap
from typing import TYPE_CHECKING, Final

from intlpolicy.reports.listing_cells import (
    EXAMPLE_NOTE,
    KIND_NONE,
    KIND_TITLES,
    display_value,
    example_rows,
)
from intlpolicy.reports.table_fit import Fit, FitColumn, Fitted, fit_columns
from intlpolicy.text import printable

if TYPE_CHECKING:
    from intlpolicy.reports.listing_output import Screen
    from intlpolicy.tabulation import RecordTable

GAP: Final = 2  # spaces between columns, in the plain table and in rich's alike
# Columns that hold an id, an amount, a year or a date: never wrapped, never shortened.
FIXED: Final = frozenset(
    {"id", "organisation", "parent", "year", "total_budget_sek", "submitted", "url", "active"}
    | {"member_since", "since", "activities", "country", "current_contact", "example"}
    | {"ks_date", "kf_date"}
)
# Titles and names: shortened with … before anything else gives way.
NAMES: Final = frozenset({"title", "name", "administration", "city", "source"})
RIGHT_ALIGNED: Final = frozenset({"total_budget_sek", "activities", "since", "member_since"})
# The columns a too narrow terminal leaves out first, by kind (the order --help states).
DROP_ORDER: Final[dict[str, tuple[str, ...]]] = {
    "projects": ("example", "role", "total_budget_sek", "organisation", "notice"),
    "organisations": ("parent", "administration", "active", "kind"),
    "reports": ("example", "activities", "submitted"),
    "networks": ("url", "participants", "member_since"),
    "twin-cities": ("agreement", "since", "country"),
    "compiled-reports": ("source", "ks_diary_number", "kf_diary_number", "ks_date"),
}


def _fit_of(key: str) -> Fit:
    return "fixed" if key in FIXED else "name" if key in NAMES else "text"


def _fit(table: RecordTable, width: int | None) -> tuple[list[FitColumn], Fitted]:
    columns = [
        FitColumn(
            column.header,
            [printable(display_value(column.key, row.get(column.key))) for row in table.rows],
            _fit_of(column.key),
            right=column.key in RIGHT_ALIGNED,
        )
        for column in table.columns
    ]
    keys = [column.key for column in table.columns]
    drop = [keys.index(key) for key in DROP_ORDER[table.kind] if key in keys]
    return columns, fit_columns(columns, width, GAP, drop)


def _notes(table: RecordTable, columns: list[FitColumn], fitted: Fitted) -> list[str]:
    lines = [f"{KIND_TITLES[table.kind]}: {len(table.rows)}"]
    examples = example_rows(table)
    example_shown = any(table.columns[i].key == "example" for i in fitted.shown)
    if examples and example_shown:
        lines.append(EXAMPLE_NOTE)
    elif examples:
        which = "alla" if len(examples) == len(table.rows) else printable(", ".join(examples))
        lines.append(f"exempeldata (illustrativa exempel, inte verkliga poster): {which}")
    if fitted.dropped:
        names = ", ".join(columns[i].header for i in fitted.dropped)
        lines.append(f"Utelämnade kolumner (för smalt fönster): {names}")
    return lines


def _wrapped(lines: list[str], width: int | None) -> list[str]:
    if width is None:
        return lines
    out: list[str] = []
    for line in lines:
        out.extend(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False))
    return out


def render_plain(table: RecordTable, screen: Screen) -> str:
    """Aligned columns without colour or box, for a pipe or a file."""
    columns, fitted = _fit(table, screen.width)
    shown = [columns[i] for i in fitted.shown]

    def block(cells: list[list[str]]) -> list[str]:
        height = max(len(lines) for lines in cells)
        out = []
        for n in range(height):
            parts = []
            for column, lines, width in zip(shown, cells, fitted.widths, strict=True):
                text = lines[n] if n < len(lines) else ""
                parts.append(text.rjust(width) if column.right else text.ljust(width))
            out.append((" " * GAP).join(parts).rstrip())
        return out

    header = block([c.header_lines(w) for c, w in zip(shown, fitted.widths, strict=True)])
    rows = [
        block([c.cell_lines(c.cells[r], w) for c, w in zip(shown, fitted.widths, strict=True)])
        for r in range(len(table.rows))
    ]
    spaced = any(len(lines) > 1 for lines in rows)
    lines = [*header, (" " * GAP).join("-" * width for width in fitted.widths)]
    for n, row_lines in enumerate(rows):
        if spaced and n:
            lines.append("")
        lines.extend(row_lines)
    lines.append("")
    lines.extend(_wrapped(_notes(table, columns, fitted), screen.width))
    return "\n".join(lines) + "\n"


def render_rich(table: RecordTable, screen: Screen) -> str:
    """The same table for a terminal, drawn by rich: bold header, example rows dimmed."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    columns, fitted = _fit(table, screen.width)
    shown = [columns[i] for i in fitted.shown]
    rows = [
        [c.cell_lines(c.cells[r], w) for c, w in zip(shown, fitted.widths, strict=True)]
        for r in range(len(table.rows))
    ]
    rendered = Table(
        title=f"{KIND_TITLES[table.kind]} ({len(table.rows)})",
        box=box.SIMPLE_HEAVY,
        show_edge=False,
        pad_edge=False,
        padding=(0, GAP - 1, 0, 0),  # with the one-space rule: GAP between columns
        header_style="bold",
        leading=1 if any(len(cell) > 1 for row in rows for cell in row) else 0,
    )
    for column, width in zip(shown, fitted.widths, strict=True):
        rendered.add_column(
            "\n".join(column.header_lines(width)),
            justify="right" if column.right else "left",
            width=width,
            no_wrap=True,
        )
    for row, cells in zip(table.rows, rows, strict=True):
        # Record text is text, never rich markup (`[red]` in a title stays as written).
        rendered.add_row(
            *(Text("\n".join(lines)) for lines in cells),
            style="dim" if row.get("example") is True else None,
        )
    # On a terminal too narrow even for the ids, the lines run over rather than cut an id.
    needed = sum(fitted.widths) + GAP * (len(fitted.widths) - 1)
    width = max(screen.width or needed, needed)
    console = Console(file=io.StringIO(), width=width, force_terminal=True, highlight=False)
    console.print(rendered)
    console.print()
    for note in _notes(table, columns, fitted):
        console.print(Text(note), style="dim")
    output = console.file.getvalue()  # type: ignore[attr-defined]
    return str(output)


def render_table(table: RecordTable, skipped_files: int, screen: Screen) -> str:
    """rich on a terminal, plain text elsewhere; one line when there is nothing to list."""
    if not table.rows:
        return KIND_NONE[table.kind] + "\n"
    return render_rich(table, screen) if screen.terminal else render_plain(table, screen)
