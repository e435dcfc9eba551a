"""`intlpolicy publish`: the list of networks or twin cities for the city's website."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from intlpolicy.cli.app import (
    DataOption,
    OutputOption,
    app,
    data_root,
    format_choices,
    literal_choices,
    refusals_as_json,
    today,
    write_output,
)
from intlpolicy.publication import ListName
from intlpolicy.reports.publish_output import RENDERERS

if TYPE_CHECKING:  # mypy cannot follow an Enum made at run time; typer sees the real one
    PublishedList = StrEnum
    PublishFormat = StrEnum
else:
    PublishedList = literal_choices("PublishedList", ListName)
    PublishFormat = format_choices("PublishFormat", RENDERERS)
HTML = PublishFormat("html")


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
            help="html: an escaped <section> to paste into the website; json: a list of "
            "objects (a refusal, too, is reported as JSON).",
        ),
    ] = HTML,
    output: OutputOption = None,
) -> None:
    """Render the published list of international networks or twin cities.

    The policy keeps these lists on the city's website rather than in an annex. Only names
    of networks, cities and the city's bodies are published, never contact persons. Exit 0
    when rendered, 1 on errors in the records, 2 on usage errors.
    """
    from intlpolicy.services.publish import PublishRequest, build_publication
    from intlpolicy.services.validate import Source

    refusals_as_json(output_format == "json")
    root, shown = data_root(data)
    request = PublishRequest(Source(root, shown), which.value, today())  # type: ignore[arg-type]
    text = RENDERERS[output_format](build_publication(request), root)
    write_output(text, output, root, f"Listan ({which.value})")
