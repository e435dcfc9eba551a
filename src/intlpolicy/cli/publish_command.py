"""`intlpolicy publish`: the list of networks or twin cities for the city's website."""

from enum import StrEnum
from typing import Annotated

import typer

from intlpolicy.cli.app import (
    DataOption,
    OutputOption,
    app,
    data_root,
    refuse,
    stop,
    today,
    write_output,
)
from intlpolicy.exitcodes import ExitCode


class PublishedList(StrEnum):
    networks = "networks"
    twin_cities = "twin-cities"


class PublishFormat(StrEnum):
    html = "html"
    json = "json"


@app.command("publish")
def publish_command(
    which: Annotated[
        PublishedList,
        typer.Argument(
            metavar="LIST",
            help="networks (internationella nätverk) or twin-cities (vänorter).",
        ),
    ],
    data: DataOption = None,
    output_format: Annotated[
        PublishFormat,
        typer.Option(
            "--format",
            help="html: an escaped <section> to paste into the website; json: a list of objects.",
        ),
    ] = PublishFormat.html,
    output: OutputOption = None,
) -> None:
    """Render the published list of international networks or twin cities.

    The policy keeps these lists on the city's website rather than in an annex. Only names
    of networks, cities and the city's bodies are published, never contact persons. Exit 0
    when rendered, 1 on errors in the records, 2 on usage errors.
    """
    from intlpolicy.reports.publish_output import render_publication
    from intlpolicy.reports.templating import TemplateProblem
    from intlpolicy.services.publish import PublishRefused, build_publication

    root, shown = data_root(data)
    try:
        publication = build_publication(root, shown, which.value, today())
    except PublishRefused as refused:
        refuse(refused.message, refused.findings)
    try:
        text = render_publication(publication, output_format.value, root)
    except TemplateProblem as problem:
        stop(str(problem), ExitCode.FINDINGS)
    write_output(text, output, root, f"Listan ({which.value})")
