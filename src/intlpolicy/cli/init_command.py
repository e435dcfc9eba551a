"""`intlpolicy init`: a new records repository for a city that starts using the tool."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from intlpolicy import vocabulary
from intlpolicy.cli.app import DataOption, app, literal_choices, today

if TYPE_CHECKING:  # mypy cannot follow an Enum made at run time; typer sees the real one
    InitBase = StrEnum
else:
    InitBase = literal_choices("InitBase", vocabulary.InitBase)
MALMO = InitBase("malmo")

FolderArgument = Annotated[
    Path,
    typer.Argument(
        metavar="MAPP",
        help="Mappen för det nya förrådet: ny eller tom.",
        show_default=False,
    ),
]
BaseOption = Annotated[
    InitBase,
    typer.Option(
        "--from",
        help="malmo: Malmö stads policy i kraft, organisationer och tillämpning (från "
        "verktygets egna poster); blank: ett exempel av varje slags post, märkt example: true.",
    ),
]


@app.command()
def init(folder: FolderArgument, base: BaseOption = MALMO, data: DataOption = None) -> None:
    """Skapa ett nytt förråd för posterna.

    Förrådet får mapparna under data/, posterna att börja med, pre-commit-krokar (validate och
    fmt), ett jobb för GitHub Actions och ett för GitLab CI, scheman för VS Code, en README och,
    när git finns, den första commiten.

    En mapp som redan finns och inte är tom rörs inte. --data tas emot som i de andra
    kommandona men läses inte. Returkod 0 när förrådet är skapat, 1 när det inte kan skapas,
    2 vid fel i kommandoraden.
    """
    from intlpolicy.reports.init_output import init_text
    from intlpolicy.services.init_repository import init_repository

    chosen = cast(vocabulary.InitBase, base.value)
    result = init_repository(folder, chosen, today())
    sys.stdout.write(
        init_text(result.target, chosen, result.records, result.commit, result.git_problem)
    )
