"""`intlpolicy list`: the records of one kind, as a table, JSON or CSV."""

import sys
from enum import StrEnum
from typing import Annotated

import typer

from intlpolicy.cli.app import DataOption, app, data_root, stop, today
from intlpolicy.exitcodes import ExitCode


class ListKindChoice(StrEnum):
    projects = "projects"
    organisations = "organisations"
    reports = "reports"
    networks = "networks"
    twin_cities = "twin-cities"


class RouteChoice(StrEnum):
    ks_information = "ks_information"
    eu_network = "eu_network"
    not_applicable = "not_applicable"


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


@app.command("list")
def list_command(
    kind: Annotated[
        ListKindChoice,
        typer.Argument(
            help="What to list: projects, organisations, reports, networks or twin-cities.",
            show_default=False,
        ),
    ],
    data: DataOption = None,
    organisation: Annotated[
        str | None,
        typer.Option(
            help="Only this organisation's projects or reports (an id).", show_default=False
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            help="Reports of this year; projects submitted in it or running during it.",
            show_default=False,
        ),
    ] = None,
    route: Annotated[
        RouteChoice | None,
        typer.Option(
            help="Only projects with this route of the EU funding routine "
            "(deciding date: submitted, else today).",
            show_default=False,
        ),
    ] = None,
    missing_notice: Annotated[
        bool,
        typer.Option(
            "--missing-notice",
            help="Only submitted projects whose required notice is not recorded.",
        ),
    ] = False,
    output_format: Annotated[
        ListFormat,
        typer.Option(
            "--format",
            help="table: for people (boxed and coloured on a terminal, plain otherwise); "
            "json: one object; csv: a header row and one row per record, for spreadsheets.",
        ),
    ] = ListFormat.table,
) -> None:
    """List the records of one kind, with filters. Files with errors are left out (counted).

    Projects show the total budget in SEK (exact), the route of the EU funding routine and
    whether the required notice is recorded. Organisations show whether a current
    EU-network contact exists, never who. Exit 0 when listed, 1 when --organisation names
    no organisation, 2 on usage errors.
    """
    from intlpolicy.reports import listing_output as out
    from intlpolicy.services.listing import (
        LIST_KINDS,
        ListError,
        ListFilters,
        list_data_root,
        unsupported_filters,
    )

    root, shown = data_root(data)
    filters = ListFilters(
        organisation=organisation,
        year=year,
        route=route.value if route is not None else None,
        missing_notice=missing_notice,
    )
    list_kind = next(name for name in LIST_KINDS if name == kind.value)
    not_applicable = unsupported_filters(list_kind, filters)
    if not_applicable:
        stop(f"{', '.join(not_applicable)} gäller inte för {list_kind}", ExitCode.USAGE)
    try:
        result = list_data_root(root, shown, list_kind, filters, today())
    except ListError as error:
        stop(str(error), ExitCode.FINDINGS)
    skipped = result.skipped_files
    if skipped:
        files = "fil" if skipped == 1 else "filer"
        typer.echo(
            f"intlpolicy: {skipped} {files} med fel hoppades över; "
            "kör intlpolicy validate för detaljer",
            err=True,
        )
    if output_format is ListFormat.json:
        sys.stdout.write(out.render_json(result.table, result.skipped_files))
    elif output_format is ListFormat.csv:
        sys.stdout.write(out.render_csv(result.table))
    elif _stdout_is_terminal():
        from rich.console import Console

        Console(highlight=False).print(out.rich_table(result.table))
    else:
        sys.stdout.write(out.render_plain(result.table))
