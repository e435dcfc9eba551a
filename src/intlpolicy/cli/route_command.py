"""`intlpolicy route-project`: the EU funding routine, and the informationsärende draft."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from intlpolicy.cli.app import (
    DataOption,
    RevOption,
    Role,
    app,
    data_root,
    guard_output,
    refuse,
    revision_reader,
    stop,
    today,
)
from intlpolicy.exitcodes import ExitCode


class RouteFormat(StrEnum):
    text = "text"
    json = "json"


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
    currency: Annotated[
        str | None, typer.Option(help="Currency of --budget (ISO code) [default: SEK].")
    ] = None,
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
    role: Annotated[
        Role | None, typer.Option(help="owner (projektägare) or partner [default: owner].")
    ] = None,
    eu: Annotated[
        bool | None,
        typer.Option("--eu/--not-eu", help="Money from an EU programme or fund [default: --eu]."),
    ] = None,
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
    rev: RevOption = None,
) -> None:
    """Apply the EU funding routine: informationsärende to KS, or information via EU-nätverket.

    Reads only the project, its organisation and the policy versions. Exit 0 when routed,
    1 on bad input (unknown id, missing rate, broken record), 2 on usage errors.
    """
    from intlpolicy.cli.option_values import parse_date
    from intlpolicy.loading.selection import InputError
    from intlpolicy.reports import route_output
    from intlpolicy.services.route import FactOptions, route_from_options, route_recorded

    root, shown = data_root(data, at_revision=rev is not None)
    facts = {
        "--budget": budget,
        "--organisation": organisation,
        "--currency": currency,
        "--rate": rate,
        "--rate-date": rate_date,
        "--rate-source": rate_source,
        "--role": role,
        "--eu/--not-eu": eu,
    }
    given = [name for name, value in facts.items() if value is not None]
    if project is not None and given:
        stop(
            f"{', '.join(given)} går inte att kombinera med ett projekt; "
            "ange antingen PROJEKT eller fakta som flaggor",
            ExitCode.USAGE,
        )
    if project is None and (budget is None or organisation is None):
        stop("ange ett projekt (id eller fil), eller --budget och --organisation", ExitCode.USAGE)
    if rate is None and (rate_date is not None or rate_source is not None):
        stop("--rate-date och --rate-source hör till --rate; ange kursen också", ExitCode.USAGE)
    if draft is not None and project is None:
        stop(
            "--draft kräver ett registrerat projekt (ange projektets id eller fil)", ExitCode.USAGE
        )
    if draft is not None:
        guard_output(draft, root)
    if draft is not None and draft.exists() and not force:
        stop(f"'{draft}' finns redan; använd --force för att skriva över", ExitCode.FINDINGS)
    reader = revision_reader(root, shown, rev)
    try:
        override = parse_date(on_date, "--date") if on_date else None
        if project is not None:
            answer = route_recorded(
                root, shown, project, today=today(), date_override=override, reader=reader
            )
        else:
            assert budget is not None and organisation is not None
            options = FactOptions(
                budget=budget,
                organisation=organisation,
                currency=currency or "SEK",
                rate=rate,
                rate_date=rate_date,
                rate_source=rate_source,
                role=role.value if role is not None else "owner",
                eu=True if eu is None else eu,
            )
            answer = route_from_options(
                root, shown, options, today=today(), date_override=override, reader=reader
            )
    except InputError as error:
        refuse(error.message, error.findings)
    if output_format is RouteFormat.json:
        sys.stdout.write(route_output.render_json(answer))
    else:
        sys.stdout.write(route_output.render_text(answer))
    if draft is not None:
        _write_draft(answer, root, draft, force)


def _write_draft(answer: object, root: Path, target: Path, force: bool) -> None:
    from intlpolicy.editing.atomic import WriteRefused, write_atomically
    from intlpolicy.reports.drafts import NoDraftNeeded, render_draft
    from intlpolicy.reports.templating import TemplateProblem
    from intlpolicy.services.route import RouteAnswer

    assert isinstance(answer, RouteAnswer)
    try:
        text = render_draft(answer, root)
    except NoDraftNeeded as reason:
        typer.echo(f"Inget utkast skrevs: {reason}", err=True)
        return
    except TemplateProblem as problem:
        stop(str(problem), ExitCode.FINDINGS)
    try:
        write_atomically(target, text, overwrite=force)
    except WriteRefused as refused:
        stop(str(refused), ExitCode.FINDINGS)
    typer.echo(f"Utkast till informationsärende skrivet till {target}", err=True)
