"""`intlpolicy annual-report`: the compiled yearly report for KS and KF."""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum
from pathlib import Path
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
from intlpolicy.cli.document_options import (
    DiaryNumberOption,
    DocumentDateOption,
    check_binary_destination,
    document_identity,
    output_format,
)
from intlpolicy.cli.progress import progress_bar, wanted
from intlpolicy.reports.annual import RENDERERS

if TYPE_CHECKING:  # mypy cannot follow an Enum made at run time; typer sees the real one
    from intlpolicy.compilation import Identity
    from intlpolicy.loading.files import Progress
    from intlpolicy.services.annual_report import AnnualReportRequest

    ReportFormat = StrEnum
else:
    ReportFormat = format_choices("ReportFormat", RENDERERS)
# A year as a person writes it; whether the policy covers it is the service's question.
FIRST_YEAR, LAST_YEAR = 1000, 9999


@app.command("annual-report")
def annual_report_command(
    year: Annotated[
        int, typer.Option("--year", metavar="ÅR", help="Året som redovisas, t.ex. 2024.")
    ],
    data: DataOption = None,
    output_format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            help="markdown, html (en fristående fil) eller pdf (A4 med sidnummer; kräver "
            "pip install -e '.[pdf]'). Standard: filändelsen i --output (.md, .html, .pdf; "
            "någon annan vägras), annars markdown (också för ett filnamn utan ändelse).",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    rev: RevOption = None,
    diary: DiaryNumberOption = None,
    issued: DocumentDateOption = None,
) -> None:
    """Skapa den samlade redovisningen för ett år. Redovisning av nämndernas internationella
    arbete, till kommunstyrelsen och kommunfullmäktige.

    Titelsidan visar avsändaren (fältet issuer i policyn), datum, diarienummer och registrets
    version. PDF skrivs till --output, eller till stdout om den inte är en terminal. Fel i
    posterna stoppar redovisningen. Returkod 0 när redovisningen är skapad, 1 vid fel i
    posterna, ett år utanför policyns eller när PDF-paketet saknas, 2 vid fel i kommandoraden.
    """
    from intlpolicy.errors import UsageRefused
    from intlpolicy.services.annual_report import build_annual_report

    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UsageRefused("annual-report-bad-year", year=year)
    chosen = chosen_format(output_format, output)
    identity = document_identity(diary, issued, today())
    with progress_bar(wanted(machine_output=False)) as progress:
        request = annual_report_request(year, data, rev, progress, identity)
        report = build_annual_report(request)
    root = request.source.root
    write_output(RENDERERS[chosen](report, root), output, root, f"Redovisningen för {year}")


def chosen_format(given: ReportFormat | None, output: Path | None) -> str:
    """The format from --format or the output's suffix; refused before any work when it
    cannot be written (PDF without WeasyPrint, or onto a terminal)."""
    chosen = output_format(None if given is None else given.value, output, "markdown")
    check_binary_destination(chosen, output)
    if chosen == "pdf":
        from intlpolicy.reports.pdf import check_pdf_renderer

        check_pdf_renderer()
    return chosen


def annual_report_request(
    year: int,
    data: str | None,
    rev: str | None,
    progress: Progress | None,
    identity: Identity,
) -> AnnualReportRequest:
    """The options as the service's request: the data root (at `rev`, from git), the data's
    commit and its date for the report to name, and the document's identity."""
    from intlpolicy.loading.git import provenance
    from intlpolicy.services.annual_report import AnnualReportRequest
    from intlpolicy.services.validate import Source

    root, shown = data_root(data, at_revision=rev is not None)
    source = Source(root, shown, revision_reader(root, shown, rev), progress)
    commit, dirty, committed = provenance(root, rev)
    identity = replace(identity, committed=committed)
    return AnnualReportRequest(source, year, today(), commit, dirty, identity)
