"""How `list` shows a cell: Swedish labels for people and spreadsheets, codes for scripts.

Shared by the terminal table, both CSV dialects and the workbook, so a label is chosen once.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from intlpolicy.labels import (
    AGREEMENTS,
    NOTICE_STATES,
    ORGANISATION_KINDS,
    PROJECT_ROLES,
    ROUTE_TITLES,
)
from intlpolicy.swedish import format_sek

if TYPE_CHECKING:
    from intlpolicy.tabulation import Cell, RecordTable

KIND_TITLES: Final = {
    "projects": "Projekt",
    "organisations": "Organisationer",
    "reports": "Redovisningar",
    "networks": "Nätverk",
    "twin-cities": "Vänorter och samarbetsavtal",
    "compiled-reports": "Samlade redovisningar och deras beslutsgång",
}
# What the table says, on one line, when nothing is listed.
KIND_NONE: Final = {
    "projects": "Inga projekt.",
    "organisations": "Inga organisationer.",
    "reports": "Inga redovisningar.",
    "networks": "Inga nätverk.",
    "twin-cities": "Inga vänorter eller samarbetsavtal.",
    "compiled-reports": "Inga samlade redovisningar.",
}

# Example rows say exempeldata wherever people read them (JSON and plain CSV keep the boolean).
EXAMPLE_LABELS: Final[dict[Any, str]] = {True: "exempeldata", False: ""}
EXAMPLE_NOTE: Final = "exempeldata = illustrativt exempel, inte en verklig post"
# Swedish labels of codes, by column.
LABELS: Final[dict[str, dict[Any, str]]] = {
    "role": PROJECT_ROLES,
    "route": {**ROUTE_TITLES, None: "okänd"},  # None: the organisation is unknown
    "notice": NOTICE_STATES,
    "kind": ORGANISATION_KINDS,
    "agreement": AGREEMENTS,
    "current_contact": {True: "ja", False: "nej"},
    "draft": {True: "utkast", False: ""},
    "example": EXAMPLE_LABELS,
}
# A spreadsheet reads a cell that starts with one of these as a formula (OWASP: CSV injection).
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def labelled(key: str, value: Cell) -> Cell:
    """A code replaced by its Swedish label; other values unchanged."""
    labels = LABELS.get(key)
    if labels is not None and not isinstance(value, list) and value in labels:
        return labels[value]
    return value


def display_value(key: str, value: Cell) -> str:
    """A cell as a person reads it in a table: Swedish labels, kronor, lists joined."""
    value = labelled(key, value)
    if isinstance(value, Decimal):
        return format_sek(value)
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def exact_digits(value: Decimal, point: str = ".") -> str:
    """Kronor as a spreadsheet reads a number, exact: `15687000.0000` -> `15687000`,
    `11999999.9` -> `11999999.90` (öre in two digits, more only when written)."""
    whole, _, fraction = f"{value:f}".partition(".")
    fraction = fraction.rstrip("0")
    if not fraction:
        return whole
    return f"{whole}{point}{fraction.ljust(2, '0')}"


def neutralised(text: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula (prefix `'`, as OWASP says)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def row_name(row: dict[str, Cell]) -> str:
    """What names a row in a note: its id, a report's `2024/kulturnamnden`, or a compiled
    report's year."""
    if "id" in row:
        return str(row["id"])
    if "organisation" not in row:
        return str(row.get("year"))
    return f"{row.get('year')}/{row.get('organisation')}"


def example_rows(table: RecordTable) -> list[str]:
    return [row_name(row) for row in table.rows if row.get("example") is True]
