"""`intlpolicy history`: who changed a record, when, and which fields."""

import sys
from enum import StrEnum
from typing import Annotated

import typer

from intlpolicy.cli.app import DataOption, app, data_root, stop
from intlpolicy.exitcodes import ExitCode


class HistoryFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
def history(
    record: Annotated[
        str,
        typer.Argument(
            help="The record: an id (green-transitions, kulturnamnden, policy-2024), "
            "a report key (2024/kulturnamnden) or the path to its file.",
            show_default=False,
        ),
    ],
    data: DataOption = None,
    output_format: Annotated[
        HistoryFormat,
        typer.Option(
            "--format",
            help="text: a list for a case officer; json: one object per commit.",
        ),
    ] = HistoryFormat.text,
) -> None:
    """List the commits that changed a record, newest first, with the fields each changed.

    Follows renames. Exit 0 when listed, 1 for an unknown record or a data root outside git,
    2 on usage errors.
    """
    from intlpolicy.loading.git import GitError
    from intlpolicy.reports import history_output
    from intlpolicy.services.history import HistoryError, record_history

    root, shown = data_root(data)
    try:
        result = record_history(root, shown, record)
    except (GitError, HistoryError) as error:
        stop(str(error), ExitCode.FINDINGS)
    if output_format is HistoryFormat.json:
        sys.stdout.write(history_output.render_json(result))
    else:
        sys.stdout.write(history_output.render_text(result))
