"""The command line: parse options, call one library function, pick a renderer, exit.

Heavy imports (the models, YAML, jinja2, rich tables) happen inside the commands, so that
`intlpolicy --help` starts fast.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from enum import StrEnum
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
) -> None:
    """Check every record: YAML, schema, references and the policy's duties.

    Prints all findings in one run. Exit 0 when clean (warnings allowed), 1 on errors
    (or on warnings with --strict), 2 on usage errors.
    """
    from intlpolicy.reports import findings_output as out
    from intlpolicy.validation import validate_data_root

    root, shown = data_root(data)
    result = validate_data_root(root, today(), shown)
    chosen = output_format
    if chosen is ValidateFormat.auto:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        chosen = ValidateFormat.github if github else ValidateFormat.text
    if chosen is ValidateFormat.json:
        sys.stdout.write(out.render_json(result, strict))
    elif chosen is ValidateFormat.github:
        sys.stdout.write(out.render_github(result.findings))
        sys.stderr.write(out.summary_line(result) + "\n")
    elif sys.stdout.isatty():
        _print_coloured(result)
    else:
        sys.stdout.write(out.render_text(result))
    raise typer.Exit(ExitCode.OK if result.ok(strict) else ExitCode.FINDINGS)


class RouteFormat(StrEnum):
    text = "text"
    json = "json"


class Role(StrEnum):
    owner = "owner"
    partner = "partner"


@app.command("route-project")
def route_project_command(
    project: Annotated[
        str | None,
        typer.Argument(
            help="A recorded project: its id (e.g. green-transitions) or the path to its file. "
            "Leave out to give the facts as options.",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    budget: Annotated[
        str | None,
        typer.Option(help="Total budget of the whole project, e.g. 12000000 or '11 999 999,99'."),
    ] = None,
    currency: Annotated[str, typer.Option(help="Currency of --budget (ISO code).")] = "SEK",
    rate: Annotated[
        str | None, typer.Option(help="Exchange rate, SEK per unit of --currency.")
    ] = None,
    rate_date: Annotated[
        str | None, typer.Option(help="Date the rate applies to (YYYY-MM-DD).")
    ] = None,
    rate_source: Annotated[
        str | None, typer.Option(help="Where the rate comes from, e.g. InforEuro.")
    ] = None,
    organisation: Annotated[
        str | None, typer.Option(help="Id of the committee or company, e.g. kulturnamnden.")
    ] = None,
    role: Annotated[Role, typer.Option(help="owner (projektägare) or partner.")] = Role.owner,
    eu: Annotated[
        bool, typer.Option("--eu/--not-eu", help="Money from an EU programme or fund.")
    ] = True,
    on_date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Decide as if the application were submitted on this day (YYYY-MM-DD); "
            "overrides the recorded date.",
        ),
    ] = None,
    output_format: Annotated[
        RouteFormat,
        typer.Option("--format", help="text: sentences for a handläggare; json: one object."),
    ] = RouteFormat.text,
    draft: Annotated[
        Path | None,
        typer.Option(
            help="Write a draft informationsärende (Markdown) to this file; only for the KS route.",
            dir_okay=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the --draft file.")] = False,
) -> None:
    """Apply the EU funding routine: informationsärende to KS, or information via EU-nätverket.

    Reads only the project, its organisation and the policy versions. Exit 0 when routed,
    1 on bad input (unknown id, missing rate, broken record), 2 on usage errors.
    """
    from intlpolicy.loading.selection import InputError
    from intlpolicy.reports import route_output
    from intlpolicy.route_request import FactOptions, parse_date, route_from_options, route_recorded

    root, shown = data_root(data)
    fact_options = {"--budget": budget, "--organisation": organisation, "--rate": rate}
    try:
        override = parse_date(on_date, "--date") if on_date else None
        if project is not None:
            given = [name for name, value in fact_options.items() if value is not None]
            if given:
                stop(
                    f"{', '.join(given)} går inte att kombinera med ett projekt; "
                    "ange antingen PROJEKT eller fakta som flaggor",
                    ExitCode.USAGE,
                )
            answer = route_recorded(root, shown, project, today=today(), date_override=override)
        else:
            if budget is None or organisation is None:
                stop(
                    "ange ett projekt (id eller fil), eller --budget och --organisation",
                    ExitCode.USAGE,
                )
            facts = FactOptions(
                budget=budget,
                organisation=organisation,
                currency=currency,
                rate=rate,
                rate_date=rate_date,
                rate_source=rate_source,
                role=role.value,
                eu=eu,
            )
            answer = route_from_options(root, shown, facts, today=today(), date_override=override)
    except InputError as error:
        _report_input_error(error)
    if output_format is RouteFormat.json:
        sys.stdout.write(route_output.render_json(answer))
    else:
        sys.stdout.write(route_output.render_text(answer))
    if draft is not None:
        _write_draft(answer, root, draft, force)


def _report_input_error(error: Exception) -> NoReturn:
    from intlpolicy.loading.selection import InputError
    from intlpolicy.reports.findings_output import text_line

    assert isinstance(error, InputError)
    for finding in error.findings:
        typer.echo(text_line(finding), err=True)
    stop(error.message, ExitCode.FINDINGS)


def _write_draft(answer: object, root: Path, target: Path, force: bool) -> None:
    from intlpolicy.reports.drafts import NoDraftNeeded, render_draft
    from intlpolicy.route_request import RouteAnswer
    from intlpolicy.writing import WriteRefused, write_atomically

    assert isinstance(answer, RouteAnswer)
    try:
        text = render_draft(answer, root)
    except NoDraftNeeded as reason:
        typer.echo(f"Inget utkast skrevs: {reason}", err=True)
        return
    try:
        write_atomically(target, text, overwrite=force)
    except WriteRefused as refused:
        stop(str(refused), ExitCode.FINDINGS)
    typer.echo(f"Utkast till informationsärende skrivet till {target}", err=True)


def _print_coloured(result: object) -> None:
    from rich.console import Console
    from rich.text import Text

    from intlpolicy.reports import findings_output as out
    from intlpolicy.validation import ValidationResult

    assert isinstance(result, ValidationResult)
    console = Console(highlight=False, soft_wrap=True)
    styles = {"error": "bold red", "warning": "yellow"}
    for finding in result.findings:
        line = Text(f"{finding.file}:{finding.line}:{finding.column}: ", style="bold")
        line.append(finding.severity.value, style=styles[finding.severity.value])
        line.append(f" {finding.code}", style="dim")
        line.append(f" {finding.message}")
        console.print(line)
    style = "red" if result.errors else ("yellow" if result.warnings else "green")
    console.print(Text(out.summary_line(result), style=style))


def main() -> None:
    """Console entry point: no traceback reaches the user."""
    try:
        app(standalone_mode=True)
    except KeyboardInterrupt:
        sys.stderr.write("intlpolicy: avbrutet\n")
        raise SystemExit(int(ExitCode.INTERRUPTED)) from None
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); nothing left to say.
        sys.stderr.close()
        raise SystemExit(int(ExitCode.FINDINGS)) from None
    except Exception as exc:  # a bug, not bad data: say so without a traceback
        if os.environ.get("INTLPOLICY_DEBUG"):
            raise
        sys.stderr.write(
            f"intlpolicy: internt fel ({type(exc).__name__}: {exc}); "
            "kör igen med INTLPOLICY_DEBUG=1 och rapportera felet\n"
        )
        raise SystemExit(int(ExitCode.FINDINGS)) from None
