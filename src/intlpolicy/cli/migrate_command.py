"""`intlpolicy migrate`: upgrade every record to a version of the record format."""

import sys
from typing import Annotated

import typer

from intlpolicy.cli.app import DataOption, app, data_root, today

ToOption = Annotated[
    int | None,
    typer.Option(
        "--to",
        metavar="VERSION",
        help="Postformatets version att uppgradera till (standard: den senaste som denna "
        "intlpolicy känner).",
        show_default=False,
    ),
]
DryRunOption = Annotated[
    bool,
    typer.Option("--dry-run", help="Visa ändringarna som diff men skriv ingenting."),
]


@app.command()
def migrate(to: ToOption = None, dry_run: DryRunOption = False, data: DataOption = None) -> None:
    """Uppgradera posternas format (schema_version).

    Alla poster av en äldre version av postformatet uppgraderas. Varje fil ändras på plats:
    kommentarer, fältens ordning och citattecken är kvar, och ändringen visas som diff. Varje
    uppgradering prövas som validate prövar posterna; går någon inte att göra får de filer som
    redan skrivits tillbaka sitt gamla innehåll. Äldre poster läses också utan migrate
    (validate varnar schema-outdated). Returkod 0 när posterna är uppgraderade (eller redan var
    det), 1 när de inte kan uppgraderas, 2 vid fel i kommandoraden.
    """
    from intlpolicy.reports.migrate_output import migration_text
    from intlpolicy.services.migrate import migrate_data_root

    root, shown = data_root(data)
    result = migrate_data_root(root, shown, to, dry_run=dry_run, today=today())
    diffs = [edit.diff for edit in result.edits]
    sys.stdout.write(
        migration_text(
            diffs, result.target, dry_run=dry_run, current=result.current, skipped=result.skipped
        )
    )
