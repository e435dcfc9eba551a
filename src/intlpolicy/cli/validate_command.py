"""`intlpolicy validate`."""

import os
import sys
from enum import StrEnum
from typing import Annotated

import typer

from intlpolicy.cli.app import DataOption, RevOption, app, data_root, revision_reader, today
from intlpolicy.cli.progress import progress_bar, wanted
from intlpolicy.exitcodes import ExitCode


class ValidateFormat(StrEnum):
    auto = "auto"
    text = "text"
    json = "json"
    github = "github"


@app.command()
def validate(
    data: DataOption = None,
    output_format: Annotated[
        ValidateFormat,
        typer.Option(
            "--format",
            help="text: file:line:column: severity code message; json: one object; "
            "github: Actions annotations. auto picks github when GITHUB_ACTIONS=true.",
        ),
    ] = ValidateFormat.auto,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1) on warnings too.")
    ] = False,
    rev: RevOption = None,
) -> None:
    """Check every record: YAML, schema, references and the policy's duties.

    Prints all findings in one run. Exit 0 when clean (warnings allowed), 1 on errors
    (or on warnings with --strict), 2 on usage errors.
    """
    from intlpolicy.reports import findings_output as out
    from intlpolicy.services.validate import validate_data_root

    root, shown = data_root(data, at_revision=rev is not None)
    chosen = output_format
    if chosen is ValidateFormat.auto:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        chosen = ValidateFormat.github if github else ValidateFormat.text
    reader = revision_reader(root, shown, rev)
    with progress_bar(wanted(machine_output=chosen is not ValidateFormat.text)) as progress:
        result = validate_data_root(root, today(), shown, reader, progress)
    if chosen is ValidateFormat.json:
        sys.stdout.write(out.render_json(result, strict))
    elif chosen is ValidateFormat.github:
        sys.stdout.write(out.render_github(result.findings))
        sys.stderr.write(out.summary_line(result) + "\n")
    elif sys.stdout.isatty():
        out.print_coloured(result)
    else:
        sys.stdout.write(out.render_text(result))
    raise typer.Exit(ExitCode.OK if result.ok(strict) else ExitCode.FINDINGS)
