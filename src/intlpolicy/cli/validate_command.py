"""`intlpolicy validate`."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from intlpolicy.cli.app import (
    DataOption,
    RevOption,
    app,
    data_root,
    format_choices,
    refusals_as_json,
    revision_reader,
    today,
)
from intlpolicy.cli.progress import progress_bar, wanted
from intlpolicy.exitcodes import ExitCode
from intlpolicy.loading import run_cache
from intlpolicy.reports.findings_output import RENDERERS, Options, Rendered

if TYPE_CHECKING:  # mypy cannot follow an Enum made at run time; typer sees the real one
    ValidateFormat = StrEnum
else:
    ValidateFormat = format_choices("ValidateFormat", ["auto", *RENDERERS])
AUTO = ValidateFormat("auto")


def resolved_format(chosen: str) -> str:
    """`auto` is github in GitHub Actions, else text; any other name is itself."""
    if chosen != "auto":
        return chosen
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


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
    from intlpolicy.checks.fixes import as_run_from
    from intlpolicy.services.validate import Source, ValidationResult, validate_source

    chosen = resolved_format(output_format)
    refusals_as_json(chosen == "json")
    root, shown = data_root(data, at_revision=rev is not None)
    reader = revision_reader(root, shown, rev)
    with progress_bar(wanted(machine_output=chosen != "text")) as progress:
        source = Source(root, shown, reader, progress, cached=not no_cache and rev is None)
        result = validate_source(source, today())
    result = ValidationResult(result.records, as_run_from(result.findings, data, rev is not None))
    rendered = RENDERERS[chosen](result, Options(strict, colour=sys.stdout.isatty()))
    _print_and_keep(rendered, ExitCode.OK if result.ok(strict) else ExitCode.FINDINGS)


def _print_and_keep(rendered: Rendered, code: ExitCode) -> NoReturn:
    """Print the run's output, then keep it for a run made again on the same records
    (`loading/run_cache.py`; only when the console entry point expects it)."""
    sys.stdout.write(rendered.stdout)
    sys.stderr.write(rendered.stderr)
    sys.stdout.flush()  # written in full: only then is the run's output kept
    run_cache.keep(rendered.stdout, rendered.stderr, int(code))
    raise typer.Exit(code)
