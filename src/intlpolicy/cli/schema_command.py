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
        help="Write <kind>.schema.json files into this folder (created if missing) "
        "instead of printing one JSON object of all schemas.",
        file_okay=False,
        show_default=False,
    ),
]


@app.command("schema")
def schema_command(output: SchemaOutputOption = None, data: DataOption = None) -> None:
    """JSON Schemas (draft 2020-12) of the seven record kinds, with Swedish field descriptions.

    For editors: VS Code's YAML extension completes keys and flags mistakes while a record is
    typed. --data is accepted for symmetry and not read. Exit 0 when written, 1 when a file
    cannot be written, 2 on usage errors.
    """
    from intlpolicy.services.schema import record_schemas, render_schema, write_schemas

    if output is None:
        sys.stdout.write(render_schema(record_schemas()))
        return
    for path in write_schemas(output):
        typer.echo(f"Skrev {path}", err=True)
