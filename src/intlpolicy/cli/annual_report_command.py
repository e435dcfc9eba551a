"""`intlpolicy annual-report`: the compiled yearly report for KS and KF."""

from enum import StrEnum
from typing import Annotated

import typer

from intlpolicy.cli.app import (
    DataOption,
    OutputOption,
    RevOption,
    app,
    data_root,
    refuse,
    revision_reader,
    stop,
    today,
    write_output,
)
from intlpolicy.cli.progress import progress_bar, wanted
from intlpolicy.exitcodes import ExitCode


class ReportFormat(StrEnum):
    markdown = "markdown"
    html = "html"


@app.command("annual-report")
def annual_report_command(
    year: Annotated[int, typer.Option("--year", help="The year to report, e.g. 2024.")],
    data: DataOption = None,
    output_format: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            help="markdown, or html: one self-contained file that prints well on A4.",
        ),
    ] = ReportFormat.markdown,
    output: OutputOption = None,
    rev: RevOption = None,
) -> None:
    """Render the compiled yearly report (Redovisning av nämndernas internationella arbete).

    Any error in the records stops the report with the findings; warnings are listed in its
    follow-up section. Exit 0 when rendered, 1 on bad data or a year outside the policy's,
    2 on usage errors.
    """
    from intlpolicy.loading.git import GitError, provenance
    from intlpolicy.reports.annual import render_annual_report
    from intlpolicy.reports.templating import TemplateProblem
    from intlpolicy.services.annual_report import ReportRefused, build_annual_report

    root, shown = data_root(data, at_revision=rev is not None)
    reader = revision_reader(root, shown, rev)
    try:
        commit, dirty = provenance(root, rev)
    except GitError as error:
        stop(str(error), ExitCode.FINDINGS)
    try:
        with progress_bar(wanted(machine_output=False)) as progress:
            report = build_annual_report(
                root,
                shown,
                year,
                today(),
                reader=reader,
                commit=commit,
                dirty=dirty,
                progress=progress,
            )
    except ReportRefused as refused:
        refuse(refused.message, refused.findings)
    try:
        text = render_annual_report(report, output_format.value, root)
    except TemplateProblem as problem:
        stop(str(problem), ExitCode.FINDINGS)
    write_output(text, output, root, f"Redovisningen för {year}")
