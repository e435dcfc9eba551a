"""`intlpolicy validate`: its options; what it does is `cli/validate_run.py`."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from intlpolicy.cli.app import DataOption, RevOption, app, format_choices
from intlpolicy.cli.validate_run import run_validate
from intlpolicy.reports.findings_output import RENDERERS

if TYPE_CHECKING:  # mypy cannot follow an Enum made at run time; typer sees the real one
    ValidateFormat = StrEnum
else:
    ValidateFormat = format_choices("ValidateFormat", ["auto", *RENDERERS])
AUTO = ValidateFormat("auto")


NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Läs och kontrollera varje fil på nytt i stället för att använda cachen "
        "(i $XDG_CACHE_HOME/intlpolicy, annars ~/.cache/intlpolicy) med tidigare "
        "körningars resultat för filer som inte har ändrats.",
    ),
]


@app.command()
def validate(
    data: DataOption = None,
    output_format: Annotated[
        ValidateFormat,
        typer.Option(
            "--format",
            help="text: en rad per fel eller varning (fil:rad:kolumn: nivå kod meddelande); "
            "json: ett objekt (också när kommandot inte kan utföras); github: anteckningar för "
            "GitHub Actions. auto väljer github när GITHUB_ACTIONS=true, annars text.",
        ),
    ] = AUTO,
    strict: Annotated[
        bool, typer.Option("--strict", help="Misslyckas (returkod 1) även vid varningar.")
    ] = False,
    rev: RevOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Kontrollera alla poster. Varje post prövas mot YAML-reglerna, schemat, hänvisningarna
    till andra poster och skyldigheterna enligt policyn; alla fel och varningar skrivs ut i samma
    körning.

    Returkod 0 när posterna är utan fel (varningar tillåtna), 1 vid fel (med --strict även
    vid varningar), 2 vid fel i kommandoraden.
    """
    run_validate(data, output_format, strict, rev, no_cache)
