"""`list`'s outputs by format name: the `--format` choices are this registry's keys.

table: for people (fitted to the terminal); json: one object with codes and exact decimal
strings, for scripts; csv: for a Swedish spreadsheet; csv-plain: RFC 4180 for other tools;
xlsx: an Excel workbook (needs the optional extra and --output).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, cast

from intlpolicy.errors import Refused, UsageRefused

if TYPE_CHECKING:
    from intlpolicy.tabulation import Cell, RecordTable


@dataclass(frozen=True, slots=True)
class Screen:
    """Where a table goes: a terminal or not, and how wide a line may be (None: no limit)."""

    terminal: bool
    width: int | None


class OutputRefused(Refused):
    """An output format cannot be produced here (a missing optional package)."""


class OutputUsageRefused(UsageRefused):
    """An output format was asked for where it cannot go (a binary file to a terminal)."""


Render = Callable[["RecordTable", int, Screen], "str | bytes"]


@dataclass(frozen=True, slots=True)
class ListRenderer:
    function: str  # "module:function", imported when used: `intlpolicy --help` stays fast
    file_only: bool = False  # binary: written to --output, never to stdout
    package: str | None = None  # the optional package it needs
    install: str = ""  # the one line that installs it

    def render(self, table: RecordTable, skipped_files: int, screen: Screen) -> str | bytes:
        module, _, name = self.function.partition(":")
        render = cast(Render, getattr(importlib.import_module(module), name))
        return render(table, skipped_files, screen)

    def check(self, name: str, output: Path | None) -> None:
        """Refuse before any work when this format cannot be written as asked."""
        if self.package is not None and importlib.util.find_spec(self.package) is None:
            raise OutputRefused(
                "list-extra-missing", format=name, package=self.package, install=self.install
            )
        if self.file_only and output is None:
            raise OutputUsageRefused("list-output-required", format=name)


def _plain(value: Cell) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def render_json(table: RecordTable, skipped_files: int, screen: Screen | None = None) -> str:
    import json

    document = {
        "kind": table.kind,
        "count": len(table.rows),
        "skipped_files": skipped_files,
        "records": [{key: _plain(value) for key, value in row.items()} for row in table.rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


_HERE = "intlpolicy.reports"
RENDERERS: Final[dict[str, ListRenderer]] = {
    "table": ListRenderer(f"{_HERE}.listing_table:render_table"),
    "json": ListRenderer(f"{_HERE}.listing_output:render_json"),
    "csv": ListRenderer(f"{_HERE}.listing_csv:render_swedish_csv"),
    "csv-plain": ListRenderer(f"{_HERE}.listing_csv:render_plain_csv"),
    "xlsx": ListRenderer(
        f"{_HERE}.listing_xlsx:render_xlsx",
        file_only=True,
        package="openpyxl",
        install="pip install 'intlpolicy[xlsx]'",
    ),
}


def skipped_note(skipped_files: int) -> str | None:
    """The line on stderr that says broken files were left out, or None."""
    if not skipped_files:
        return None
    files = "fil" if skipped_files == 1 else "filer"
    return f"{skipped_files} {files} med fel hoppades över; kör intlpolicy validate för detaljer"
