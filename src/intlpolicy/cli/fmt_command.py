"""`intlpolicy fmt`: every record in the one canonical layout."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from intlpolicy.cli.app import DataOption, app, data_root
from intlpolicy.exitcodes import ExitCode

CheckOption = Annotated[
    bool,
    typer.Option(
        "--check",
        help="Ändra ingenting: lista filerna som skulle formateras om och avsluta med "
        "returkod 1 om det finns någon (för pre-commit och CI).",
    ),
]
DiffOption = Annotated[
    bool, typer.Option("--diff", help="Med --check: visa också ändringarna, som en diff per fil.")
]
FmtDryRunOption = Annotated[
    bool,
    typer.Option(
        "--dry-run", help="Visa ändringarna (som en diff per fil) men skriv ingenting; returkod 0."
    ),
]


@app.command("fmt")
def fmt_command(
    data: DataOption = None,
    check: CheckOption = False,
    diff: DiffOption = False,
    dry_run: FmtDryRunOption = False,
) -> None:
    """Skriv alla poster i samma form: fälten i modellens ordning, två blanksteg per
    indragsnivå, datum utan citattecken, belopp som de skrivits och alla kommentarer kvar.
    Värdena ändras aldrig; en fil som inte kan läsas som en post (ett YAML-fel) lämnas
    orörd och visas med sitt fel.

    Varje fil som formateras om visas med sin diff.

    Returkod 0 när alla filer är i den gemensamma formen (eller har formaterats om, eller
    med --dry-run), 1 med --check när någon fil skulle formateras om, och när en fil inte
    kan formateras; 2 vid fel i kommandoraden.
    """
    from intlpolicy.reports.fmt_output import render_fmt
    from intlpolicy.services.fmt import format_data_root

    root, shown = data_root(data)
    unwritten = check or dry_run
    result = format_data_root(root, shown, check=unwritten)
    rendered = render_fmt(result, check=unwritten, diff=diff or not check, data=data)
    sys.stdout.write(rendered.stdout)
    sys.stderr.write(rendered.stderr)
    failed = bool(result.unreadable) or (check and bool(result.changed))
    raise typer.Exit(ExitCode.FINDINGS if failed else ExitCode.OK)
