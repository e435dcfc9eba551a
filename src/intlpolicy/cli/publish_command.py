"""`intlpolicy publish`: the list of networks or twin cities for the city's website."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Final

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
# The --output file's suffix -> the format it means.
PUBLISH_SUFFIXES: Final = {".html": "html", ".htm": "html", ".json": "json"}


@app.command("publish")
def publish_command(
    which: Annotated[
        PublishedList,
        typer.Argument(
            metavar="LISTA",
            help="networks (internationella nätverk) eller twin-cities (vänorter).",
        ),
    ],
    data: DataOption = None,
    output_format: Annotated[
        PublishFormat | None,
        typer.Option(
            "--format",
            help="html: ett <section>-avsnitt med skyddade tecken, att klistra in på "
            "webbplatsen; json: en lista av objekt (också när kommandot inte kan utföras). "
            "Standard: filändelsen i --output (.html, .json; någon annan vägras), annars html.",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
) -> None:
    """Skapa listan över nätverk eller vänorter. Listan över stadens internationella nätverk
    eller vänorter, för stadens webbplats.

    Policyn har inte längre listorna som bilaga; de publiceras på stadens webbplats. Bara
    namn på nätverk, städer och stadens organ publiceras, aldrig kontaktpersoner. Returkod 0
    när listan är skapad, 1 vid fel i posterna, 2 vid fel i kommandoraden.
    """
    from intlpolicy.cli.document_options import output_format as chosen_format
    from intlpolicy.services.publish import PublishRequest, build_publication
    from intlpolicy.services.validate import Source

    given = None if output_format is None else output_format.value
    chosen = chosen_format(given, output, "html", PUBLISH_SUFFIXES)
    refusals_as_json(chosen == "json")
    root, shown = data_root(data)
    request = PublishRequest(Source(root, shown), which.value, today())  # type: ignore[arg-type]
    text = RENDERERS[chosen](build_publication(request), root)
    write_output(text, output, root, f"Listan ({which.value})")
