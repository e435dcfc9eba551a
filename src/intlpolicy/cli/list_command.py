"""`intlpolicy list`: the records of one kind, in the format the registry names."""

import os
import shutil
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Final, cast, get_args

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
from intlpolicy.labels import ROUTE_NAMES
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
    "table: en tabell att läsa, anpassad till terminalen; json: ett objekt med koder och "
    "exakta decimaltal; csv: för ett svenskt kalkylprogram (semikolon, decimalkomma, svenska "
    "rubriker, UTF-8 med BOM); csv-plain: komma, punkt och engelska nycklar, för andra "
    "program; xlsx: en Excel-arbetsbok (kräver --output och pip install 'intlpolicy[xlsx]'). "
    "Standard: filändelsen i --output (.txt, .json, .csv, .xlsx; någon annan vägras), annars "
    "table."
)


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def screen() -> Screen:
    """A terminal's width; elsewhere $COLUMNS when set, otherwise no limit."""
    if _stdout_is_terminal():
        return Screen(True, shutil.get_terminal_size().columns)
    columns = os.environ.get("COLUMNS", "")
    return Screen(False, int(columns) if columns.isdigit() and int(columns) > 0 else None)


KindArgument = Annotated[
    KindChoice,
    typer.Argument(metavar="POSTER", help="Vilka poster som listas.", show_default=False),
]
OrganisationOption = Annotated[
    str | None,
    typer.Option(
        metavar="ID",
        help="Bara den här organisationens projekt eller redovisningar (ett id).",
        show_default=False,
    ),
]
YearOption = Annotated[
    int | None,
    typer.Option(
        metavar="ÅR",
        help="Redovisningar för året; projekt som lämnades in eller pågick under året.",
        show_default=False,
    ),
]
RouteOption = Annotated[
    RouteChoice | None,
    typer.Option(
        metavar="VÄG",
        help="Bara projekt med den här vägen enligt rutinen för EU-finansiering (avgörande "
        "datum: dagen ansökan lämnades in, annars i dag): "
        + ", ".join(f"{code} ({ROUTE_NAMES[code]})" for code in get_args(vocabulary.Route))
        + ".",
        show_default=False,
    ),
]
MissingNoticeOption = Annotated[
    bool,
    typer.Option(
        "--missing-notice",
        help="Bara inlämnade projekt där den anmälan som krävs inte är registrerad.",
    ),
]
# The --output file's suffix -> the format it means (csv-plain writes .csv too).
LIST_SUFFIXES: Final = {".txt": "table", ".json": "json", ".csv": "csv", ".xlsx": "xlsx"}
FormatOption = Annotated[
    ListFormat | None, typer.Option("--format", help=FORMAT_HELP, show_default=False)
]

LIST_HELP = """Lista posterna av ett slag, med filter. Filer med fel utelämnas (och räknas).

Projekt visar totalbudgeten i SEK (exakt), vägen enligt rutinen för EU-finansiering och om
den anmälan som krävs är registrerad. Organisationer visar om det finns en aktuell
kontaktperson i EU-nätverket, aldrig vem.

Tabellen anpassas till terminalen: id och belopp hålls hela, titlar och namn kortas först
(med …), annan text bryts mellan orden, på högst två rader. Räcker bredden ändå inte
utelämnas kolumner i den här ordningen, och en anteckning under tabellen nämner dem
(projekt behöver ungefär 135 kolumner för att alla ska synas):

\b
  projects       Exempeldata, Roll, Totalbudget (SEK), Organisation, Anmälan
  organisations  Moderbolag, Förvaltning, Verksam, Typ
  reports        Exempeldata, Aktiviteter, Inlämnad
  networks       Webbplats, Deltagande organ, Medlem sedan
  twin-cities    Avtal, Sedan, Land
  compiled-reports  Källa, Dnr KS, Dnr KF, Kommunstyrelsen

Returkod 0 när listan är skriven, 1 när organisationen i --organisation inte finns (eller
när xlsx saknar sitt paket), 2 vid fel i kommandoraden.
"""


@app.command("list", help=LIST_HELP)
def list_command(
    kind: KindArgument,
    data: DataOption = None,
    organisation: OrganisationOption = None,
    year: YearOption = None,
    route: RouteOption = None,
    missing_notice: MissingNoticeOption = False,
    output_format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Lista posterna av ett slag (hjälptexten är LIST_HELP)."""
    from intlpolicy.cli.document_options import output_format as chosen_format
    from intlpolicy.reports.listing_output import skipped_note
    from intlpolicy.services.listing import ListRequest, list_data_root
    from intlpolicy.tabulation import ListFilters

    given = None if output_format is None else output_format.value
    chosen = chosen_format(given, output, "table", LIST_SUFFIXES, {"csv-plain": "csv"})
    refusals_as_json(chosen == "json")
    renderer = RENDERERS[chosen]
    renderer.check(chosen, output)
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
