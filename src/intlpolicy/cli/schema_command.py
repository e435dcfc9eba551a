"""`intlpolicy schema`: JSON Schemas of the record kinds, for editors."""

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from intlpolicy.cli.app import DataOption, app, stop
from intlpolicy.exitcodes import ExitCode


@app.command("schema")
def schema_command(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            help="Write <kind>.schema.json files into this folder (created if missing) "
            "instead of printing one JSON object of all schemas.",
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
) -> None:
    """JSON Schemas (draft 2020-12) of the six record kinds, with Swedish field descriptions.

    For editors: VS Code's YAML extension completes keys and flags mistakes while a record is
    typed. --data is accepted for symmetry and not read. Exit 0 when written, 1 when a file
    cannot be written, 2 on usage errors.
    """
    from intlpolicy.editing.atomic import WriteRefused
    from intlpolicy.services.schema import record_schemas, write_schemas

    if output is None:
        sys.stdout.write(json.dumps(record_schemas(), ensure_ascii=False, indent=2) + "\n")
        return
    try:
        written = write_schemas(output)
    except (OSError, WriteRefused) as error:
        stop(f"schemafilerna kunde inte skrivas till '{output}': {error}", ExitCode.FINDINGS)
    for path in written:
        typer.echo(f"Skrev {path}", err=True)
