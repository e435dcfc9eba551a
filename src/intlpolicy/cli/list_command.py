"""`intlpolicy list`: the records of one kind, in the format the registry names."""

import os
import shutil
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, cast

import typer

from intlpolicy import vocabulary
from intlpolicy.cli.app import (
    DataOption,
    OutputOption,
    app,
    data_root,
    literal_choices,
    refusals_as_json,
    today,
    write_output,
)
from intlpolicy.reports.listing_output import RENDERERS, Screen

if TYPE_CHECKING:  # mypy cannot follow an Enum made at run time; typer sees the real one
    KindChoice = StrEnum
    RouteChoice = StrEnum
    ListFormat = StrEnum
else:
    KindChoice = literal_choices("KindChoice", vocabulary.ListKind)
    RouteChoice = literal_choices("RouteChoice", vocabulary.Route)
    ListFormat = StrEnum("ListFormat", {name: name for name in RENDERERS})

FORMAT_HELP = (
    "table: for people, fitted to the terminal; json: one object with codes and exact "
    "decimals; csv: for a Swedish spreadsheet (semicolons, decimal comma, Swedish headers, "
    "UTF-8 with BOM); csv-plain: comma, dot and English keys, for other tools; xlsx: an Excel "
    "workbook (needs --output and pip install 'intlpolicy[xlsx]')."
)


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def screen() -> Screen:
    """A terminal's width; elsewhere $COLUMNS when set, otherwise no limit."""
    if _stdout_is_terminal():
        return Screen(True, shutil.get_terminal_size().columns)
    columns = os.environ.get("COLUMNS", "")
    return Screen(False, int(columns) if columns.isdigit() and int(columns) > 0 else None)


KindArgument = Annotated[KindChoice, typer.Argument(help="What to list.", show_default=False)]
OrganisationOption = Annotated[
    str | None,
    typer.Option(help="Only this organisation's projects or reports (an id).", show_default=False),
]
YearOption = Annotated[
    int | None,
    typer.Option(
        help="Reports of this year; projects submitted in it or running during it.",
        show_default=False,
    ),
]
RouteOption = Annotated[
    RouteChoice | None,
    typer.Option(
        help="Only projects with this route of the EU funding routine "
        "(deciding date: submitted, else today).",
        show_default=False,
    ),
]
MissingNoticeOption = Annotated[
    bool,
    typer.Option(
        "--missing-notice", help="Only submitted projects whose required notice is not recorded."
    ),
]
DEFAULT_FORMAT = ListFormat("table")
FormatOption = Annotated[ListFormat, typer.Option("--format", help=FORMAT_HELP)]

LIST_HELP = """List the records of one kind, with filters. Files with errors are left out (counted).

Projects show the total budget in SEK (exact), the route of the EU funding routine and
whether the required notice is recorded. Organisations show whether a current EU-network
contact exists, never who.

The table fits the terminal: ids and amounts stay whole, titles and names shorten with …
first, other text wraps between words. When it still does not fit, columns are left out in
this order, and a note under the table names them (projects need about 135 columns to show
them all):

\b
  projects       Exempeldata, Roll, Organisation, Totalbudget (SEK), Anmälan
  organisations  Moderbolag, Förvaltning, Verksam, Typ
  reports        Exempeldata, Aktiviteter, Inlämnad
  networks       Webbplats, Deltagande organ, Medlem sedan
  twin-cities    Avtal, Sedan, Land
  compiled-reports  Källa, Dnr KS, Dnr KF, Kommunstyrelsen

Exit 0 when listed, 1 when --organisation names no organisation (or xlsx lacks its
package), 2 on usage errors.
"""


@app.command("list", help=LIST_HELP)
def list_command(
    kind: KindArgument,
    data: DataOption = None,
    organisation: OrganisationOption = None,
    year: YearOption = None,
    route: RouteOption = None,
    missing_notice: MissingNoticeOption = False,
    output_format: FormatOption = DEFAULT_FORMAT,
    output: OutputOption = None,
) -> None:
    """List the records of one kind (the help is LIST_HELP)."""
    from intlpolicy.reports.listing_output import skipped_note
    from intlpolicy.services.listing import ListRequest, list_data_root
    from intlpolicy.tabulation import ListFilters

    refusals_as_json(output_format == "json")
    renderer = RENDERERS[output_format.value]
    renderer.check(output_format.value, output)
    root, shown = data_root(data)
    filters = ListFilters(organisation, year, route.value if route else None, missing_notice)
    result = list_data_root(
        ListRequest(root, shown, cast(vocabulary.ListKind, kind.value), today(), filters)
    )
    note = skipped_note(result.skipped_files)
    if note is not None:
        typer.echo(f"intlpolicy: {note}", err=True)
    rendered = renderer.render(result.table, result.skipped_files, screen())
    write_output(rendered, output, root, "Listan")
