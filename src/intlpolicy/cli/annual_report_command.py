"""`intlpolicy annual-report`: the compiled yearly report for KS and KF."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from intlpolicy.cli.app import (
    DataOption,
    OutputOption,
    RevOption,
    app,
    data_root,
    format_choices,
    revision_reader,
    today,
    write_output,
)
from intlpolicy.cli.progress import progress_bar, wanted
from intlpolicy.reports.annual import RENDERERS

if TYPE_CHECKING:  # mypy cannot follow an Enum made at run time; typer sees the real one
    from intlpolicy.loading.files import Progress
    from intlpolicy.services.annual_report import AnnualReportRequest

    ReportFormat = StrEnum
else:
    ReportFormat = format_choices("ReportFormat", RENDERERS)
MARKDOWN = ReportFormat("markdown")
# A year as a person writes it; whether the policy covers it is the service's question.
FIRST_YEAR, LAST_YEAR = 1000, 9999


@app.command("annual-report")
def annual_report_command(
    year: Annotated[
        int, typer.Option("--year", metavar="ÅR", help="Året som redovisas, t.ex. 2024.")
    ],
    data: DataOption = None,
    output_format: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            help="markdown, eller html: en fristående fil som går bra att skriva ut på A4.",
        ),
    ] = MARKDOWN,
    output: OutputOption = None,
    rev: RevOption = None,
) -> None:
    """Skapa den samlade redovisningen för ett år. Redovisning av nämndernas internationella
    arbete, till kommunstyrelsen och kommunfullmäktige.

    Ett fel i posterna stoppar redovisningen och skrivs ut; varningar listas i redovisningens
    avsnitt om uppföljning. Returkod 0 när redovisningen är skapad, 1 vid fel i posterna eller
    ett år utanför policyns, 2 vid fel i kommandoraden.
    """
    from intlpolicy.errors import UsageRefused
    from intlpolicy.services.annual_report import build_annual_report

    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UsageRefused("annual-report-bad-year", year=year)
    with progress_bar(wanted(machine_output=False)) as progress:
        request = annual_report_request(year, data, rev, progress)
        report = build_annual_report(request)
    root = request.source.root
    write_output(RENDERERS[output_format](report, root), output, root, f"Redovisningen för {year}")


def annual_report_request(
    year: int, data: str | None, rev: str | None, progress: Progress | None
) -> AnnualReportRequest:
    """The options as the service's request: the data root (at `rev`, from git) and the
    data's commit for the report to name."""
    from intlpolicy.loading.git import provenance
    from intlpolicy.services.annual_report import AnnualReportRequest
    from intlpolicy.services.validate import Source

    root, shown = data_root(data, at_revision=rev is not None)
    source = Source(root, shown, revision_reader(root, shown, rev), progress)
    commit, dirty = provenance(root, rev)
    return AnnualReportRequest(source, year, today(), commit, dirty)
