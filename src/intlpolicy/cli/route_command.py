"""`intlpolicy route-project`: the EU funding routine, and the informationsärende draft.

Options → a `RouteRequest` (built and checked in `build_request`, the one place) → one service
call → the renderer the `--format` names → exit 0. Refusals are raised, never caught here.
"""

import sys
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from intlpolicy import vocabulary
from intlpolicy.cli.app import (
    DataOption,
    RevOption,
    Role,
    app,
    data_root,
    format_choices,
    refusals_as_json,
    revision_reader,
    today,
    worded_choices,
)
from intlpolicy.cli.route_draft import (
    DiaryNumberOption,
    DocumentDateOption,
    DraftOption,
    DraftOptions,
    ForceOption,
    KsMeetingDateOption,
    MeetingDateOption,
)
from intlpolicy.errors import UsageRefused
from intlpolicy.labels import PROJECT_ROLES
from intlpolicy.reports.route_output import RENDERERS

if TYPE_CHECKING:
    from intlpolicy.routing import RouteAnswer
    from intlpolicy.services.route import RouteRequest, StatedApplication

    RouteFormat = StrEnum
else:
    # The --format choices are the renderers' names: a new format is one entry in RENDERERS.
    RouteFormat = format_choices("RouteFormat", RENDERERS)
DEFAULT_FORMAT = RouteFormat("text")

ProjectArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="PROJEKT",
        help="Ett registrerat projekt: dess id (t.ex. green-transitions) eller sökvägen till "
        "dess fil. Utelämna det för att ange uppgifterna som flaggor.",
        show_default=False,
    ),
]
BudgetOption = Annotated[
    str | None,
    typer.Option(
        metavar="BELOPP",
        help="Hela projektets totalbudget, t.ex. '11 999 999,99' eller 12000000.",
    ),
]
CurrencyOption = Annotated[
    str | None,
    typer.Option(metavar="VALUTA", help="Valutan för --budget (ISO-kod).  [standard: SEK]"),
]
RateOption = Annotated[
    str | None, typer.Option(metavar="KURS", help="Växelkurs, SEK per enhet av --currency.")
]
RateDateOption = Annotated[
    str | None,
    typer.Option(
        metavar="DATUM",
        help="Kursens datum (ÅÅÅÅ-MM-DD). Utan det anger utdata inget datum för kursen.",
    ),
]
RateSourceOption = Annotated[
    str | None, typer.Option(metavar="KÄLLA", help="Kursens källa, t.ex. InforEuro.")
]
OrganisationOption = Annotated[
    str | None,
    typer.Option(metavar="ID", help="Id för nämnden eller bolaget, t.ex. kulturnamnden."),
]
RoleOption = Annotated[
    Role | None,
    typer.Option(
        metavar="ROLL",
        help=worded_choices(PROJECT_ROLES) + ".  [standard: owner]",
    ),
]
EuOption = Annotated[
    bool | None,
    typer.Option(
        "--eu/--not-eu",
        help="Pengar från ett EU-program eller en EU-fond.  [standard: --eu]",
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="DATUM",
        help="Avgör som om ansökan lämnades in den här dagen (ÅÅÅÅ-MM-DD); ersätter det "
        "registrerade datumet. Utkastets datum anges med --document-date.",
    ),
]
FormatOption = Annotated[
    RouteFormat,
    typer.Option(
        "--format",
        help="text: meningar för handläggaren; json: ett objekt (också när kommandot inte kan "
        "utföras).",
    ),
]


@app.command("route-project")
def route_project_command(
    project: ProjectArgument = None,
    data: DataOption = None,
    budget: BudgetOption = None,
    currency: CurrencyOption = None,
    rate: RateOption = None,
    rate_date: RateDateOption = None,
    rate_source: RateSourceOption = None,
    organisation: OrganisationOption = None,
    role: RoleOption = None,
    eu: EuOption = None,
    on_date: DateOption = None,
    output_format: FormatOption = DEFAULT_FORMAT,
    draft: DraftOption = None,
    force: ForceOption = False,
    diary_number: DiaryNumberOption = None,
    document_date: DocumentDateOption = None,
    meeting_date: MeetingDateOption = None,
    ks_meeting_date: KsMeetingDateOption = None,
    rev: RevOption = None,
) -> None:
    """Avgör hur en EU-ansökan ska anmälas. Rutinen för EU-finansiering ger antingen ett
    informationsärende till kommunstyrelsen eller information via EU-nätverket.

    Läser bara projektet, dess organisation och policyversionerna. Returkod 0 när vägen är
    avgjord, 1 vid felaktiga uppgifter (okänt id, kurs saknas, trasig post), 2 vid fel i
    kommandoraden.
    """
    from intlpolicy.services.route import route_application

    refusals_as_json(output_format == "json")
    facts = FactOptions(budget, organisation, currency, rate, rate_date, rate_source, role, eu)
    paper = DraftOptions(draft, force, diary_number, document_date, meeting_date, ks_meeting_date)
    root, shown = data_root(data, at_revision=rev is not None)
    request = build_request(project, facts, on_date, paper, root, shown, rev)
    answer = route_application(request)
    sys.stdout.write(RENDERERS[output_format](answer))
    if draft is not None:
        write_draft(answer, root, paper)


@dataclass(frozen=True, slots=True)
class FactOptions:
    """The facts of an application as typed, for routing it without a record."""

    budget: str | None
    organisation: str | None
    currency: str | None
    rate: str | None
    rate_date: str | None
    rate_source: str | None
    role: "Role | None"
    eu: bool | None

    def given(self) -> list[str]:
        """The options given, by name."""
        options = {
            "--budget": self.budget,
            "--organisation": self.organisation,
            "--currency": self.currency,
            "--rate": self.rate,
            "--rate-date": self.rate_date,
            "--rate-source": self.rate_source,
            "--role": self.role,
            "--eu/--not-eu": self.eu,
        }
        return [name for name, value in options.items() if value is not None]


def build_request(
    project: str | None,
    facts: FactOptions,
    on_date: str | None,
    paper: DraftOptions,
    root: Path,
    shown: str,
    rev: str | None,
) -> "RouteRequest":
    """The one place the options are checked together and parsed into a request."""
    from intlpolicy.cli.option_values import parse_date
    from intlpolicy.services.route import RouteRequest

    if project is not None and facts.given():
        raise UsageRefused("facts-with-project", options=", ".join(facts.given()))
    if project is None and (facts.budget is None or facts.organisation is None):
        raise UsageRefused("project-or-facts-missing")
    if facts.rate is None and (facts.rate_date is not None or facts.rate_source is not None):
        raise UsageRefused("rate-details-without-rate")
    paper.check(root)
    reader = revision_reader(root, shown, rev)
    override = parse_date(on_date, "--date") if on_date else None
    day = today()
    subject = project if project is not None else _stated(facts, override or day)
    return RouteRequest(subject, root, shown, day, override, reader)


def _stated(facts: FactOptions, rate_day: date) -> "StatedApplication":
    """The application as stated by the options. Without --rate-date the rate has no date of
    its own: the model holds the deciding date as a stand-in, and no output shows it."""
    from intlpolicy.cli.option_values import money_from_options, parse_amount
    from intlpolicy.services.route import StatedApplication

    assert facts.budget is not None and facts.organisation is not None
    money = money_from_options(
        parse_amount(facts.budget, "--budget"),
        facts.currency,
        facts.rate,
        facts.rate_date,
        facts.rate_source,
        rate_day=rate_day,
    )
    # typer has checked --role against vocabulary.Role.
    role = cast(vocabulary.Role, "owner" if facts.role is None else facts.role.value)
    eu = True if facts.eu is None else facts.eu
    dated = facts.rate_date is not None
    return StatedApplication(facts.organisation, money, role, eu, rate_date_given=dated)


def write_draft(answer: "RouteAnswer", root: Path, options: DraftOptions) -> None:
    """The informationsärende, when the route asks for one; otherwise say why there is none."""
    from intlpolicy.editing.atomic import write_atomically
    from intlpolicy.reports.drafts import DRAFT_RENDERERS, why_no_draft
    from intlpolicy.text import printable

    assert options.target is not None
    reason = why_no_draft(answer)
    if reason is not None:
        typer.echo(f"Inget utkast skrevs: {printable(reason.message)}", err=True)
        return
    render = DRAFT_RENDERERS[options.format()]
    document = render(answer, options.details(), root)
    write_atomically(options.target, document, overwrite=options.force)
    shown = printable(str(options.target))
    typer.echo(f"Utkast till informationsärende skrivet till {shown}", err=True)
