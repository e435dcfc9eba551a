"""The options of `intlpolicy new`, and the questions it asks for missing values.

Closed choices come from the models' vocabularies (one list of kinds, roles and agreements).
Missing required values are asked for on a terminal; without one (a script, CI) they are a
usage error that names them all.
"""

import sys
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, get_args

import typer

from intlpolicy import vocabulary
from intlpolicy.cli.app import Role, literal_choices

if TYPE_CHECKING:  # mypy cannot follow an Enum made at run time; typer sees the real one
    OrganisationKind = StrEnum
    Agreement = StrEnum
    FocusArea = StrEnum
else:
    OrganisationKind = literal_choices("OrganisationKind", vocabulary.OrganisationKind)
    Agreement = literal_choices("Agreement", vocabulary.Agreement)
    FocusArea = literal_choices("FocusArea", vocabulary.FocusArea)


def _option(text: str, *names: str) -> Any:
    return typer.Option(*names, help=text, show_default=False)


def _id_option(name: str) -> Any:
    return _option(f"The id (a slug); default: made from {name}.", "--id")


def _date_option(what: str) -> Any:
    return _option(f"{what} (YYYY-MM-DD).")


Text = str | None
IdFromTitle = Annotated[Text, _id_option("--title")]
IdFromName = Annotated[Text, _id_option("--name")]
IdFromCity = Annotated[Text, _id_option("--city")]

# new project
Title = Annotated[Text, _option("Project title.")]
ProjectOrganisation = Annotated[
    Text, _option("Id of the city body taking part, e.g. kulturnamnden.")
]
ProjectRole = Annotated[Role | None, _option("owner (projektägare) or partner.")]
Eu = Annotated[bool, typer.Option("--eu/--not-eu", help="Money from an EU programme or fund.")]
Programme = Annotated[Text, _option("EU programme, e.g. Erasmus+.")]
Fund = Annotated[Text, _option("Fund, e.g. ERDF.")]
Budget = Annotated[
    Text,
    _option(
        "Total budget of the whole project, all partners, e.g. 950000 or '11 999 999,99'; "
        "kept exactly."
    ),
]
Currency = Annotated[str, typer.Option(help="Currency of --budget (ISO code).")]
Rate = Annotated[Text, _option("Exchange rate, SEK per unit of --currency.")]
RateDate = Annotated[Text, _date_option("Date the rate applies to")]
RateSource = Annotated[Text, _option("Where the rate comes from, e.g. InforEuro.")]
Start = Annotated[Text, _date_option("First day of the project")]
End = Annotated[Text, _date_option("Last day of the project")]
Submitted = Annotated[Text, _date_option("Day the application was submitted")]
FocusAreas = Annotated[
    list[FocusArea] | None,
    typer.Option(
        "--focus-area",
        help="A focus area of the policy ("
        + " | ".join(get_args(vocabulary.FocusArea))
        + "); repeat the option for more than one.",
        metavar="<area>",
        show_default=False,
    ),
]

# new report
ReportOrganisation = Annotated[Text, _option("Id of the reporting committee, e.g. kulturnamnden.")]
Year = Annotated[int | None, _option("The year reported on.")]
Summary = Annotated[Text, _option("The committee's own account of the year.")]
ReportSubmitted = Annotated[Text, _date_option("Day the report was sent to KS")]

# new organisation
Name = Annotated[Text, _option("Official Swedish name.")]
Kind = Annotated[
    OrganisationKind | None,
    _option("committee (nämnd), company (wholly-owned company) or other."),
]
Administration = Annotated[Text, _option("The administration (förvaltning).")]
Parent = Annotated[Text, _option("Id of the parent company, e.g. malmo-stadshus-ab.")]
ActiveFrom = Annotated[Text, _option("First day the body exists (YYYY-MM-DD); default unknown.")]

# new network
NetworkName = Annotated[Text, _option("Name of the network.")]
Url = Annotated[Text, _option("The network's website (https://…).")]
MemberSince = Annotated[int | None, _option("Year the city joined.")]

# new twin-city
City = Annotated[Text, _option("Swedish name of the city or region, e.g. Florens.")]
Country = Annotated[Text, _option("Country, ISO 3166-1 alpha-2 (e.g. EE).")]
Since = Annotated[int | None, _option("Year of the agreement.")]
AgreementOption = Annotated[
    Agreement,
    typer.Option(help="twin_city (vänort) or special_cooperation (särskilt samarbetsavtal)."),
]
TWIN_CITY = Agreement("twin_city")


def _interactive() -> bool:
    return sys.stdin.isatty()


class Answers:
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

    def choice(self, option: str, value: str | None, question: str, literal: Any) -> str:
        """One of the values of a vocabulary (a `Literal`)."""
        if value is not None:
            return str(value)
        if self.interactive:
            allowed = [str(v) for v in get_args(literal)]
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
        """Refuse (exit 2) when a required value is missing and there was no one to ask."""
        if self.missing:
            from intlpolicy.errors import UsageRefused

            raise UsageRefused("new-missing-values", options=", ".join(self.missing))


def _one_of(allowed: list[str]) -> Callable[[str], str]:
    def check(text: str) -> str:
        if text.strip() not in allowed:
            raise typer.BadParameter(f"välj en av {', '.join(allowed)}")
        return text.strip()

    return check
