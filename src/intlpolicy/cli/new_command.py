"""`intlpolicy new KIND`: a new record, as a valid file in the right folder under the right name.

Each command is its options (cli/new_options.py) and one request (cli/new_requests.py); the
service (services/scaffold.py) writes the record or refuses.
"""

import sys
from functools import partial
from pathlib import Path

import typer

from intlpolicy.cli import new_options as o
from intlpolicy.cli import swedish_click
from intlpolicy.cli.app import DataOption, app, data_root
from intlpolicy.cli.edit_options import DryRunOption
from intlpolicy.cli.new_requests import (
    NetworkRequest,
    NewRequest,
    OrganisationRequest,
    ProjectRequest,
    ReportRequest,
    TwinCityRequest,
)

new_app = typer.Typer(
    name="new",
    help=(
        "Skapa en ny post. Posten blir en YAML-fil med svenska kommentarer, i rätt mapp och "
        "med rätt namn, och kontrolleras innan den skrivs. En befintlig fil skrivs aldrig "
        "över. Varje slag tar --data MAPP (mappen med posterna) och frågar efter det som "
        "saknas när det körs i en terminal.\n\n"
        "Returkoder: 0 posten är skriven, 1 felaktiga uppgifter (ett ogiltigt id, en okänd "
        "organisation, en befintlig fil, ett ogiltigt värde), 2 fel i kommandoraden (ett "
        "obligatoriskt värde saknas och det finns ingen terminal att fråga i)."
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    **swedish_click.TYPER_SETTINGS,
)
app.add_typer(new_app, name="new")


def _create(request: type[NewRequest], ctx: typer.Context) -> None:
    """Ask for what is missing, check the values, write the record and print its path; with
    --dry-run print the new file as a diff and write nothing."""
    from intlpolicy.editing.roundtrip import unified_diff
    from intlpolicy.reports.edit_output import printable_diff
    from intlpolicy.services.scaffold import create_record

    params = dict(ctx.params)
    dry_run = bool(params.pop("dry_run"))
    asked = request(**params)
    answers = o.Answers()
    if answers.interactive:  # an organisation answered is looked up at once, in this root
        answers.known_organisation = partial(_organisation_answer, *data_root(asked.data))
    fields = asked.fields(answers)
    root, shown = data_root(asked.data)
    path, text = create_record(root, shown, fields, dry_run=dry_run)
    if not dry_run:
        sys.stdout.write(path + "\n")
        typer.echo(
            "intlpolicy: posten är skapad; fyll i resten och kör intlpolicy validate", err=True
        )
        return
    diff = unified_diff(path, b"", text.encode("utf-8")).split("\n", 1)[1]
    sys.stdout.write(printable_diff("--- /dev/null\n" + diff))
    typer.echo(
        f"Provkörning (--dry-run): {path} skrevs inte; ovan är posten som skulle skapas.", err=True
    )


def _organisation_answer(root: Path, shown: str, answer: str) -> None:
    """Refuse an answer that names no organisation of the root, as --organisation is refused
    (the same checks, the closest id first)."""
    from intlpolicy.services.new_records import check_id
    from intlpolicy.services.scaffold import check_organisation

    check_organisation(root, shown, None, answer)
    check_id(answer, "--organisation")


@new_app.command("project")
def new_project(
    ctx: typer.Context,
    data: DataOption = None,
    dry_run: DryRunOption = False,
    title: o.Title = None,
    record_id: o.IdFromTitle = None,
    organisation: o.ProjectOrganisation = None,
    role: o.ProjectRole = None,
    eu: o.Eu = True,
    programme: o.Programme = None,
    fund: o.Fund = None,
    budget: o.Budget = None,
    currency: o.Currency = "SEK",
    rate: o.Rate = None,
    rate_date: o.RateDate = None,
    rate_source: o.RateSource = None,
    start: o.Start = None,
    end: o.End = None,
    submitted: o.Submitted = None,
    focus_areas: o.FocusAreas = None,
) -> None:
    """Skapa projects/<id>.yaml: ett internationellt projekt eller en ansökan om
    EU-finansiering."""
    _create(ProjectRequest, ctx)


@new_app.command("report")
def new_report(
    ctx: typer.Context,
    data: DataOption = None,
    dry_run: DryRunOption = False,
    organisation: o.ReportOrganisation = None,
    year: o.Year = None,
    summary: o.Summary = None,
    submitted: o.ReportSubmitted = None,
) -> None:
    """Skapa reports/<år>/<organisation>.yaml: en nämnds årliga redovisning."""
    _create(ReportRequest, ctx)


@new_app.command("organisation")
def new_organisation(
    ctx: typer.Context,
    data: DataOption = None,
    dry_run: DryRunOption = False,
    name: o.Name = None,
    record_id: o.IdFromName = None,
    kind: o.Kind = None,
    administration: o.Administration = None,
    parent: o.Parent = None,
    active_from: o.ActiveFrom = None,
) -> None:
    """Skapa organisations/<id>.yaml: en nämnd, ett bolag eller ett annat organ i staden."""
    _create(OrganisationRequest, ctx)


@new_app.command("network")
def new_network(
    ctx: typer.Context,
    data: DataOption = None,
    dry_run: DryRunOption = False,
    name: o.NetworkName = None,
    record_id: o.IdFromName = None,
    url: o.Url = None,
    member_since: o.MemberSince = None,
) -> None:
    """Skapa networks/<id>.yaml: ett internationellt nätverk."""
    _create(NetworkRequest, ctx)


@new_app.command("twin-city")
def new_twin_city(
    ctx: typer.Context,
    data: DataOption = None,
    dry_run: DryRunOption = False,
    city: o.City = None,
    record_id: o.IdFromCity = None,
    country: o.Country = None,
    since: o.Since = None,
    agreement: o.AgreementOption = o.TWIN_CITY,
) -> None:
    """Skapa twin-cities/<id>.yaml: en vänort eller ett särskilt samarbetsavtal."""
    _create(TwinCityRequest, ctx)
