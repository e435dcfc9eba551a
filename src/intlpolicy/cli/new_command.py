"""`intlpolicy new KIND`: a new record, as a valid file in the right folder under the right name.

Each command is its options (cli/new_options.py) and one request (cli/new_requests.py); the
service (services/scaffold.py) writes the record or refuses.
"""

import sys

import typer

from intlpolicy.cli import new_options as o
from intlpolicy.cli.app import DataOption, app, data_root
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
        "Create a new record: a YAML file with Swedish comments, in the right folder under "
        "the right name, checked before it is written. Never overwrites a file. Each kind "
        "takes --data DIR (the data root) and asks for missing values on a terminal.\n\n"
        "Exit codes: 0 written, 1 bad input (an id that is not a slug, an unknown "
        "organisation, an existing file, an invalid value), 2 usage error (a required "
        "value missing without a terminal)."
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(new_app, name="new")


def _create(request: NewRequest) -> None:
    """Ask for what is missing, check the values, write the record; print its path."""
    from intlpolicy.services.scaffold import create_record

    fields = request.fields(o.Answers())
    root, shown = data_root(request.data)
    sys.stdout.write(create_record(root, shown, fields) + "\n")
    typer.echo("intlpolicy: posten är skapad; fyll i resten och kör intlpolicy validate", err=True)


@new_app.command("project")
def new_project(
    ctx: typer.Context,
    data: DataOption = None,
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
    """Create projects/<id>.yaml: an international project or EU funding application."""
    _create(ProjectRequest(**ctx.params))


@new_app.command("report")
def new_report(
    ctx: typer.Context,
    data: DataOption = None,
    organisation: o.ReportOrganisation = None,
    year: o.Year = None,
    summary: o.Summary = None,
    submitted: o.ReportSubmitted = None,
) -> None:
    """Create reports/<year>/<organisation>.yaml: a committee's yearly report."""
    _create(ReportRequest(**ctx.params))


@new_app.command("organisation")
def new_organisation(
    ctx: typer.Context,
    data: DataOption = None,
    name: o.Name = None,
    record_id: o.IdFromName = None,
    kind: o.Kind = None,
    administration: o.Administration = None,
    parent: o.Parent = None,
    active_from: o.ActiveFrom = None,
) -> None:
    """Create organisations/<id>.yaml: a committee, company or other body of the city."""
    _create(OrganisationRequest(**ctx.params))


@new_app.command("network")
def new_network(
    ctx: typer.Context,
    data: DataOption = None,
    name: o.NetworkName = None,
    record_id: o.IdFromName = None,
    url: o.Url = None,
    member_since: o.MemberSince = None,
) -> None:
    """Create networks/<id>.yaml: an international network."""
    _create(NetworkRequest(**ctx.params))


@new_app.command("twin-city")
def new_twin_city(
    ctx: typer.Context,
    data: DataOption = None,
    city: o.City = None,
    record_id: o.IdFromCity = None,
    country: o.Country = None,
    since: o.Since = None,
    agreement: o.AgreementOption = o.TWIN_CITY,
) -> None:
    """Create twin-cities/<id>.yaml: a twin city or special cooperation agreement."""
    _create(TwinCityRequest(**ctx.params))
