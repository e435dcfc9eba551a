"""`intlpolicy new KIND`: a new record, as a valid file in the right folder under the right name.

Missing required values are asked for on a terminal; without one (a script, CI) they are a
usage error that names them all.
"""

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from intlpolicy.cli.app import DataOption, Role, app, data_root, refuse, stop
from intlpolicy.exitcodes import ExitCode

if TYPE_CHECKING:
    from intlpolicy.services.scaffold import NewRecord

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


class OrganisationKind(StrEnum):
    committee = "committee"
    company = "company"
    other = "other"


class Agreement(StrEnum):
    twin_city = "twin_city"
    special_cooperation = "special_cooperation"


def _interactive() -> bool:
    return sys.stdin.isatty()


class _Answers:
    """The required values: asked for on a terminal, else collected for one usage error."""

    def __init__(self) -> None:
        self.interactive = _interactive()
        self.missing: list[str] = []

    def text(self, option: str, value: str | None, question: str) -> str:
        if value is not None:
            return value
        if self.interactive:
            return str(typer.prompt(question))
        self.missing.append(option)
        return ""

    def choice(self, option: str, value: StrEnum | None, question: str, kind: type[StrEnum]) -> str:
        if value is not None:
            return value.value
        if self.interactive:
            allowed = [member.value for member in kind]
            prompt = f"{question} ({' | '.join(allowed)})"
            return str(typer.prompt(prompt, value_proc=_one_of(allowed)))
        self.missing.append(option)
        return ""

    def number(self, option: str, value: int | None, question: str) -> int:
        if value is not None:
            return value
        if self.interactive:
            return int(typer.prompt(question, type=int))
        self.missing.append(option)
        return 0

    def check(self) -> None:
        if self.missing:
            stop(
                f"saknar {', '.join(self.missing)}; ange värdena som flaggor "
                "(i en terminal frågar intlpolicy efter dem)",
                ExitCode.USAGE,
            )


def _one_of(allowed: list[str]) -> Callable[[str], str]:
    def check(text: str) -> str:
        if text.strip() not in allowed:
            raise typer.BadParameter(f"välj en av {', '.join(allowed)}")
        return text.strip()

    return check


def _create(data: str | None, build: "Callable[[Path], NewRecord]") -> None:
    """Build the record from the parsed values and write it; exit 1 on bad values."""
    from intlpolicy.errors import Refused
    from intlpolicy.services.scaffold import create_record

    root, shown = data_root(data)
    try:
        written = create_record(root, shown, build(root))
    except Refused as refused:  # a bad option value (InputError) or record (ScaffoldError)
        refuse(refused.message, refused.findings)
    sys.stdout.write(written + "\n")
    typer.echo("intlpolicy: posten är skapad; fyll i resten och kör intlpolicy validate", err=True)


@new_app.command("project")
def new_project(
    data: DataOption = None,
    title: Annotated[str | None, typer.Option(help="Project title.", show_default=False)] = None,
    record_id: Annotated[
        str | None,
        typer.Option(
            "--id", help="The id (a slug); default: made from --title.", show_default=False
        ),
    ] = None,
    organisation: Annotated[
        str | None,
        typer.Option(
            help="Id of the city body taking part, e.g. kulturnamnden.", show_default=False
        ),
    ] = None,
    role: Annotated[
        Role | None, typer.Option(help="owner (projektägare) or partner.", show_default=False)
    ] = None,
    eu: Annotated[
        bool, typer.Option("--eu/--not-eu", help="Money from an EU programme or fund.")
    ] = True,
    programme: Annotated[
        str | None, typer.Option(help="EU programme, e.g. Erasmus+.", show_default=False)
    ] = None,
    fund: Annotated[str | None, typer.Option(help="Fund, e.g. ERDF.", show_default=False)] = None,
    budget: Annotated[
        str | None,
        typer.Option(
            help="Total budget of the whole project, all partners, e.g. 950000 or "
            "'11 999 999,99'; kept exactly.",
            show_default=False,
        ),
    ] = None,
    currency: Annotated[str, typer.Option(help="Currency of --budget (ISO code).")] = "SEK",
    rate: Annotated[
        str | None,
        typer.Option(help="Exchange rate, SEK per unit of --currency.", show_default=False),
    ] = None,
    rate_date: Annotated[
        str | None, typer.Option(help="Date the rate applies to (YYYY-MM-DD).", show_default=False)
    ] = None,
    rate_source: Annotated[
        str | None,
        typer.Option(help="Where the rate comes from, e.g. InforEuro.", show_default=False),
    ] = None,
    start: Annotated[
        str | None, typer.Option(help="First day of the project (YYYY-MM-DD).", show_default=False)
    ] = None,
    end: Annotated[
        str | None, typer.Option(help="Last day of the project (YYYY-MM-DD).", show_default=False)
    ] = None,
    submitted: Annotated[
        str | None,
        typer.Option(help="Day the application was submitted (YYYY-MM-DD).", show_default=False),
    ] = None,
) -> None:
    """Create projects/<id>.yaml: an international project or EU funding application."""
    answers = _Answers()
    title = answers.text("--title", title, "Projektets titel")
    organisation = answers.text("--organisation", organisation, "Organisation (id)")
    chosen_role = answers.choice("--role", role, "Roll", Role)
    budget = answers.text("--budget", budget, "Totalbudget för hela projektet")
    currency = currency.strip().upper()
    if currency != "SEK":
        rate = answers.text("--rate", rate, f"Växelkurs (SEK per {currency})")
        rate_date = answers.text("--rate-date", rate_date, "Kursens datum (ÅÅÅÅ-MM-DD)")
        rate_source = answers.text("--rate-source", rate_source, "Kursens källa")
    answers.check()
    if (start is None) != (end is None):
        stop("ange både --start och --end (projektperioden), eller ingen av dem", ExitCode.USAGE)

    def build(root: Path) -> "NewRecord":
        from intlpolicy.cli.option_values import money_from_options, parse_amount, parse_date
        from intlpolicy.services.scaffold import ProjectFields, id_from, project_record

        total = money_from_options(
            parse_amount(budget, "--budget"), currency, rate, rate_date, rate_source
        )
        period = None
        if start is not None and end is not None:
            period = (parse_date(start, "--start"), parse_date(end, "--end"))
        fields = ProjectFields(
            id=id_from(record_id, title, "--title"),
            title=title,
            organisation=organisation,
            role=chosen_role,
            total_budget=total,
            eu=eu,
            programme=programme,
            fund=fund,
            period=period,
            submitted=parse_date(submitted, "--submitted") if submitted else None,
        )
        return project_record(fields)

    _create(data, build)


@new_app.command("report")
def new_report(
    data: DataOption = None,
    organisation: Annotated[
        str | None,
        typer.Option(help="Id of the reporting committee, e.g. kulturnamnden.", show_default=False),
    ] = None,
    year: Annotated[
        int | None, typer.Option(help="The year reported on.", show_default=False)
    ] = None,
    summary: Annotated[
        str | None,
        typer.Option(help="The committee's own account of the year.", show_default=False),
    ] = None,
    submitted: Annotated[
        str | None,
        typer.Option(help="Day the report was sent to KS (YYYY-MM-DD).", show_default=False),
    ] = None,
) -> None:
    """Create reports/<year>/<organisation>.yaml: a committee's yearly report."""
    answers = _Answers()
    organisation = answers.text("--organisation", organisation, "Nämnd (id)")
    year = answers.number("--year", year, "Redovisningsår")
    summary = answers.text("--summary", summary, "Sammanfattning av året")
    answers.check()

    def build(root: Path) -> "NewRecord":
        from intlpolicy.cli.option_values import parse_date
        from intlpolicy.services.scaffold import ReportFields, report_record

        day = parse_date(submitted, "--submitted") if submitted else None
        return report_record(ReportFields(organisation, year, summary, day))

    _create(data, build)


@new_app.command("organisation")
def new_organisation(
    data: DataOption = None,
    name: Annotated[
        str | None, typer.Option(help="Official Swedish name.", show_default=False)
    ] = None,
    record_id: Annotated[
        str | None,
        typer.Option(
            "--id", help="The id (a slug); default: made from --name.", show_default=False
        ),
    ] = None,
    kind: Annotated[
        OrganisationKind | None,
        typer.Option(
            help="committee (nämnd), company (wholly-owned company) or other.", show_default=False
        ),
    ] = None,
    administration: Annotated[
        str | None, typer.Option(help="The administration (förvaltning).", show_default=False)
    ] = None,
    parent: Annotated[
        str | None,
        typer.Option(help="Id of the parent company, e.g. malmo-stadshus-ab.", show_default=False),
    ] = None,
    active_from: Annotated[
        str | None,
        typer.Option(
            help="First day the body exists (YYYY-MM-DD); default unknown.", show_default=False
        ),
    ] = None,
) -> None:
    """Create organisations/<id>.yaml: a committee, company or other body of the city."""
    answers = _Answers()
    name = answers.text("--name", name, "Namn")
    chosen_kind = answers.choice("--kind", kind, "Typ", OrganisationKind)
    answers.check()

    def build(root: Path) -> "NewRecord":
        from intlpolicy.cli.option_values import parse_date
        from intlpolicy.services.scaffold import OrganisationFields, id_from, organisation_record

        fields = OrganisationFields(
            id=id_from(record_id, name, "--name"),
            name=name,
            kind=chosen_kind,
            administration=administration,
            parent=parent,
            active_from=parse_date(active_from, "--active-from") if active_from else None,
        )
        return organisation_record(fields)

    _create(data, build)


@new_app.command("network")
def new_network(
    data: DataOption = None,
    name: Annotated[
        str | None, typer.Option(help="Name of the network.", show_default=False)
    ] = None,
    record_id: Annotated[
        str | None,
        typer.Option(
            "--id", help="The id (a slug); default: made from --name.", show_default=False
        ),
    ] = None,
    url: Annotated[
        str | None, typer.Option(help="The network's website (https://…).", show_default=False)
    ] = None,
    member_since: Annotated[
        int | None, typer.Option(help="Year the city joined.", show_default=False)
    ] = None,
) -> None:
    """Create networks/<id>.yaml: an international network."""
    answers = _Answers()
    name = answers.text("--name", name, "Nätverkets namn")
    answers.check()

    def build(root: Path) -> "NewRecord":
        from intlpolicy.services.scaffold import NetworkFields, id_from, network_record

        fields = NetworkFields(id_from(record_id, name, "--name"), name, url, member_since)
        return network_record(fields)

    _create(data, build)


@new_app.command("twin-city")
def new_twin_city(
    data: DataOption = None,
    city: Annotated[
        str | None,
        typer.Option(help="Swedish name of the city or region, e.g. Florens.", show_default=False),
    ] = None,
    record_id: Annotated[
        str | None,
        typer.Option(
            "--id", help="The id (a slug); default: made from --city.", show_default=False
        ),
    ] = None,
    country: Annotated[
        str | None,
        typer.Option(help="Country, ISO 3166-1 alpha-2 (e.g. EE).", show_default=False),
    ] = None,
    since: Annotated[
        int | None, typer.Option(help="Year of the agreement.", show_default=False)
    ] = None,
    agreement: Annotated[
        Agreement,
        typer.Option(help="twin_city (vänort) or special_cooperation (särskilt samarbetsavtal)."),
    ] = Agreement.twin_city,
) -> None:
    """Create twin-cities/<id>.yaml: a twin city or special cooperation agreement."""
    answers = _Answers()
    city = answers.text("--city", city, "Stad eller region")
    country = answers.text("--country", country, "Land (t.ex. EE)")
    since = answers.number("--since", since, "År för avtalet")
    answers.check()

    def build(root: Path) -> "NewRecord":
        from intlpolicy.services.scaffold import TwinCityFields, id_from, twin_city_record

        fields = TwinCityFields(
            id_from(record_id, city, "--city"),
            city,
            country.strip().upper(),
            since,
            agreement.value,
        )
        return twin_city_record(fields)

    _create(data, build)
