"""`intlpolicy report-submit`: mark a committee's yearly report as submitted to KS."""

from __future__ import annotations

from typing import Annotated

import typer

from intlpolicy.cli.app import DataOption, app
from intlpolicy.cli.edit_options import (
    DryRunOption,
    OrganisationArgument,
    edit_target,
    show,
    text_option,
)

YearOption = Annotated[
    int, typer.Option("--year", metavar="ÅR", help="Året som redovisas.", show_default=False)
]
DateOption = Annotated[
    str,
    text_option(
        "--date", "DATUM", "Dagen redovisningen lämnades till kommunstyrelsen (ÅÅÅÅ-MM-DD)."
    ),
]
NoWorkOption = Annotated[
    bool,
    typer.Option(
        "--no-international-work",
        help="Nämnden hade inget internationellt arbete under året (no_international_work: "
        "true): en redovisning utan aktiviteter lämnas in med det beskedet.",
    ),
]


@app.command("report-submit")
def report_submit_command(
    organisation: OrganisationArgument,
    year: YearOption,
    day: DateOption,
    no_international_work: NoWorkOption = False,
    dry_run: DryRunOption = False,
    data: DataOption = None,
) -> None:
    """Markera en årlig redovisning som inlämnad. Dagen den lämnades till kommunstyrelsen
    skrivs i fältet submitted.

    En redovisning räknas som inlämnad när den har dagen den lämnades och aktiviteter, eller
    beskedet att nämnden inte hade något internationellt arbete; annars är den ett utkast.
    Returkod 0 när redovisningen är markerad, 1 vid fel i indata eller posterna, 2 vid fel i
    kommandoraden.
    """
    from intlpolicy.cli.option_values import parse_date
    from intlpolicy.reports.edit_output import render_edit, submitted_notes
    from intlpolicy.services.report_submit import submit_report

    target = edit_target(data, dry_run)
    submitted = parse_date(day, "--date")
    result = submit_report(target, organisation, year, submitted, no_international_work)
    show(render_edit(result.edit, submitted_notes(result.previous, submitted)))
