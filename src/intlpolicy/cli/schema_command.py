"""`intlpolicy schema`: JSON Schemas of the record kinds, for editors."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from intlpolicy.cli.app import DataOption, app

SchemaOutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        metavar="MAPP",
        help="Skriv filerna <slag>.schema.json i den här mappen (den skapas om den saknas) i "
        "stället för att skriva ut ett JSON-objekt med alla scheman.",
        file_okay=False,
        show_default=False,
    ),
]


@app.command("schema")
def schema_command(output: SchemaOutputOption = None, data: DataOption = None) -> None:
    """JSON-scheman för posterna, för editorer. Ett schema (JSON Schema 2020-12) för vart och
    ett av de sju postslagen, med svenska beskrivningar av fälten.

    Med schemana fyller VS Codes YAML-tillägg i nycklar och markerar fel medan en post skrivs.
    --data tas emot som i de andra kommandona men läses inte. Returkod 0 när schemana är
    skrivna, 1 när en fil inte kan skrivas, 2 vid fel i kommandoraden.
    """
    from intlpolicy.services.schema import record_schemas, render_schema, write_schemas

    if output is None:
        sys.stdout.write(render_schema(record_schemas()))
        return
    for path in write_schemas(output):
        typer.echo(f"Skrev {path}", err=True)
