"""`intlpolicy history`: who changed a record, when, and which fields."""

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, cast

import typer

from intlpolicy import vocabulary
from intlpolicy.cli.app import DataOption, app, data_root, literal_choices, refusals_as_json

if TYPE_CHECKING:  # mypy cannot follow an Enum made at run time; typer sees the real one
    HistoryFormat = StrEnum
else:
    HistoryFormat = literal_choices("HistoryFormat", vocabulary.HistoryFormat)
TEXT = HistoryFormat("text")

RecordArgument = Annotated[
    str,
    typer.Argument(
        help="The record: an id (green-transitions, kulturnamnden, policy-2024), "
        "a report key (2024/kulturnamnden) or the path to its file.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    HistoryFormat,
    typer.Option(
        "--format",
        help="text: a list for a case officer; json: one object per commit (a refusal too).",
    ),
]


@app.command()
def history(
    record: RecordArgument,
    data: DataOption = None,
    output_format: FormatOption = TEXT,
) -> None:
    """List the commits that changed a record, newest first, with the fields each changed.

    Follows renames. Exit 0 when listed, 1 for an unknown record or a data root outside git,
    2 on usage errors.
    """
    from intlpolicy.reports.history_output import RENDERERS
    from intlpolicy.services.history import record_history

    chosen = cast(vocabulary.HistoryFormat, output_format.value)
    refusals_as_json(chosen == "json")
    root, shown = data_root(data)
    sys.stdout.write(RENDERERS[chosen](record_history(root, shown, record)))
