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
        metavar="POST",
        help="Posten: ett id (green-transitions, kulturnamnden, policy-2024), en redovisning "
        "(2024/kulturnamnden) eller sökvägen till filen.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    HistoryFormat,
    typer.Option(
        "--format",
        help="text: en lista för handläggaren; json: ett objekt per commit (också när "
        "kommandot inte kan utföras).",
    ),
]


@app.command()
def history(
    record: RecordArgument,
    data: DataOption = None,
    output_format: FormatOption = TEXT,
) -> None:
    """Visa en posts historik i git, nyast först. Varje ändring (commit) visas med de fält
    den ändrade, också när filen har bytt namn.

    Returkod 0 när historiken är skriven, 1 för en okänd post eller en datamapp utanför git,
    2 vid fel i kommandoraden.
    """
    from intlpolicy.reports.history_output import RENDERERS
    from intlpolicy.services.history import record_history

    chosen = cast(vocabulary.HistoryFormat, output_format.value)
    refusals_as_json(chosen == "json")
    root, shown = data_root(data)
    sys.stdout.write(RENDERERS[chosen](record_history(root, shown, record)))
