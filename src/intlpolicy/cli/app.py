"""The typer application and what every command shares: the data root, today, clean exits."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from intlpolicy import __version__
from intlpolicy.exitcodes import EXIT_CODES_HELP, ExitCode

app = typer.Typer(
    name="intlpolicy",
    help=(
        "Records, checks and reports for Malmö stad's policy on international work "
        "(Policy för Malmö stads internationella arbete).\n\n" + EXIT_CODES_HELP
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def stop(message: str, code: ExitCode) -> NoReturn:
    """Print one clear message on stderr and exit with `code`."""
    typer.echo(f"intlpolicy: {message}", err=True)
    raise typer.Exit(int(code))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"intlpolicy {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Records, checks and reports for Malmö stad's policy on international work."""


DataOption = Annotated[
    str | None,
    typer.Option(
        "--data",
        help="Data root (default: $INTLPOLICY_DATA, else ./data).",
        show_default=False,
    ),
]


def data_root(option: str | None) -> tuple[Path, str]:
    """The data root and the form of it that findings show (exactly as the user wrote it)."""
    if option is not None:
        shown = option
    elif os.environ.get("INTLPOLICY_DATA"):
        shown = os.environ["INTLPOLICY_DATA"]
    else:
        shown = "data"
    root = Path(shown)
    if not root.is_dir():
        stop(f"datarot saknas: '{shown}' är ingen mapp (ange --data MAPP)", ExitCode.USAGE)
    return root, shown


def today() -> date:
    """Today, or the day named by $INTLPOLICY_TODAY (for reproducible runs and tests)."""
    value = os.environ.get("INTLPOLICY_TODAY")
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        stop(f"INTLPOLICY_TODAY='{value}' är inget datum (ÅÅÅÅ-MM-DD)", ExitCode.USAGE)
