"""The options of `intlpolicy new`, and the questions it asks for missing values.

Closed choices come from the models' vocabularies (one list of kinds, roles and agreements).
Missing required values are asked for on a terminal; without one (a script, CI) they are a
usage error that names them all. An answer is checked at once by the parser that would refuse
the same value given as an option, and a wrong one is asked for again.
"""

import sys
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Final, TypeVar, get_args

import typer

from intlpolicy import labels, vocabulary
from intlpolicy.cli.app import Role, literal_choices, worded_choices

if TYPE_CHECKING:  # mypy cannot follow an Enum made at run time; typer sees the real one
    OrganisationKind = StrEnum
    Agreement = StrEnum
    FocusArea = StrEnum
else:
    OrganisationKind = literal_choices("OrganisationKind", vocabulary.OrganisationKind)
    Agreement = literal_choices("Agreement", vocabulary.Agreement)
    FocusArea = literal_choices("FocusArea", vocabulary.FocusArea)

_T = TypeVar("_T")


def _option(text: str, metavar: str, *names: str) -> Any:
    return typer.Option(*names, metavar=metavar, help=text, show_default=False)


def _id_option(name: str) -> Any:
    return _option(
        f"Postens id (små bokstäver a-z, siffror och bindestreck); standard: bildas av {name}.",
        "ID",
        "--id",
    )


def _date_option(what: str) -> Any:
    return _option(f"{what} (ÅÅÅÅ-MM-DD).", "DATUM")


Text = str | None
IdFromTitle = Annotated[Text, _id_option("--title")]
IdFromName = Annotated[Text, _id_option("--name")]
IdFromCity = Annotated[Text, _id_option("--city")]

# new project
Title = Annotated[Text, _option("Projektets titel.", "TITEL")]
ProjectOrganisation = Annotated[
    Text, _option("Id för stadens nämnd eller bolag som deltar, t.ex. kulturnamnden.", "ID")
]
ProjectRole = Annotated[Role | None, _option(worded_choices(labels.PROJECT_ROLES) + ".", "ROLL")]
Eu = Annotated[
    bool, typer.Option("--eu/--not-eu", help="Pengar från ett EU-program eller en EU-fond.")
]
Programme = Annotated[Text, _option("EU-programmet, t.ex. Erasmus+.", "PROGRAM")]
Fund = Annotated[
    Text, _option("Fonden, t.ex. ERDF (Europeiska regionala utvecklingsfonden).", "FOND")
]
Budget = Annotated[
    Text,
    _option(
        "Hela projektets totalbudget, alla partner, som ett tal utan valuta (valutan anges "
        "med --currency), t.ex. 950000 eller '11 999 999,99'; sparas exakt.",
        "BELOPP",
    ),
]
Currency = Annotated[str, typer.Option(metavar="VALUTA", help="Valutan för --budget (ISO-kod).")]
Rate = Annotated[Text, _option("Växelkurs, SEK per enhet av --currency.", "KURS")]
RateDate = Annotated[Text, _date_option("Dagen kursen gäller")]
RateSource = Annotated[Text, _option("Kursens källa, t.ex. InforEuro.", "KÄLLA")]
Start = Annotated[Text, _date_option("Projektets första dag")]
End = Annotated[Text, _date_option("Projektets sista dag")]
Submitted = Annotated[Text, _date_option("Dagen ansökan lämnades in")]
FocusAreas = Annotated[
    list[FocusArea] | None,
    typer.Option(
        "--focus-area",
        help="En av policyns inriktningar ("
        + " | ".join(get_args(vocabulary.FocusArea))
        + "); upprepa flaggan för fler.",
        metavar="INRIKTNING",
        show_default=False,
    ),
]

# new report
ReportOrganisation = Annotated[
    Text, _option("Id för nämnden som redovisar, t.ex. kulturnamnden.", "ID")
]
Year = Annotated[int | None, _option("Året som redovisas.", "ÅR")]
Summary = Annotated[Text, _option("Nämndens egen sammanfattning av året.", "SAMMANFATTNING")]
ReportSubmitted = Annotated[
    Text, _date_option("Dagen redovisningen skickades till kommunstyrelsen")
]

# new organisation
Name = Annotated[Text, _option("Det officiella svenska namnet.", "NAMN")]
Kind = Annotated[
    OrganisationKind | None,
    _option("committee (nämnd), company (helägt bolag) eller other (annat organ).", "TYP"),
]
Administration = Annotated[Text, _option("Förvaltningen.", "NAMN")]
Parent = Annotated[Text, _option("Id för moderbolaget, t.ex. malmo-stadshus-ab.", "ID")]
ActiveFrom = Annotated[
    Text, _option("Första dagen organet finns (ÅÅÅÅ-MM-DD); standard: okänd.", "DATUM")
]

# new network
NetworkName = Annotated[Text, _option("Nätverkets namn.", "NAMN")]
Url = Annotated[Text, _option("Nätverkets webbplats (https://…).", "URL")]
MemberSince = Annotated[int | None, _option("Året staden gick med.", "ÅR")]

# new twin-city
City = Annotated[Text, _option("Stadens eller regionens svenska namn, t.ex. Florens.", "NAMN")]
Country = Annotated[Text, _option("Land, ISO 3166-1 alpha-2 (t.ex. EE).", "LAND")]
Since = Annotated[int | None, _option("Året avtalet slöts.", "ÅR")]
AgreementOption = Annotated[
    Agreement,
    typer.Option(metavar="AVTAL", help=worded_choices(labels.AGREEMENTS) + "."),
]
TWIN_CITY = Agreement("twin_city")


# Answers to a choice question that are neither a code nor its word in `labels`.
ANSWER_ALIASES: Final[dict[str, str]] = {"ägare": "owner"}


def _interactive() -> bool:
    return sys.stdin.isatty()


Check = Callable[[Any], object]


class Answers:
    """The required values: asked for on a terminal, else collected for one usage error.

    `known_organisation` checks an answer that names an organisation against the records (set
    by the command when there is a terminal to ask on)."""

    def __init__(self) -> None:
        self.interactive = _interactive()
        self.missing: list[str] = []
        self.known_organisation: Check | None = None

    def text(
        self, option: str, value: str | None, question: str, check: Check | None = None
    ) -> str:
        """The value given as `option`, else the answer to `question`; `check` refuses (raises
        Refused for) a value as it would refuse the option, and a refused answer is asked again."""
        if value is not None:
            return value
        if self.interactive:
            return _ask(question, lambda answer: _checked(check, answer), "", option)
        self.missing.append(option)
        return ""

    def organisation(self, option: str, value: str | None, question: str) -> str:
        """An organisation's id; an answer that names none gets the closest id, and the
        question again."""
        return self.text(option, value, question, self.known_organisation)

    def choice(self, option: str, value: str | None, question: str, names: dict[str, str]) -> str:
        """One of a vocabulary's codes, asked for by its Swedish words (`names`, from
        `labels`); the code itself and an alias are answers too."""
        if value is not None:
            return str(value)
        if self.interactive:
            accepted = {code: code for code in names}
            accepted.update({word: code for code, word in names.items()})
            accepted.update({a: code for a, code in ANSWER_ALIASES.items() if code in names})
            words = list(names.values())
            return _ask(
                f"{question} ({' | '.join(words)})",
                lambda answer: accepted.get(answer.strip().lower()),
                "svara " + ", ".join(words[:-1]) + " eller " + words[-1],
            )
        self.missing.append(option)
        return ""

    def number(
        self, option: str, value: int | None, question: str, check: Check | None = None
    ) -> int:
        """A whole number, given as `option` or answered (and then checked as `text` checks)."""
        if value is not None:
            return value
        if self.interactive:

            def whole(answer: str) -> int | None:
                number = _whole_number(answer)
                return None if number is None else _checked(check, number)

            return _ask(question, whole, "svara med ett heltal, t.ex. 2024", option)
        self.missing.append(option)
        return 0

    def check(self) -> None:
        """Refuse (exit 2) when a required value is missing and there was no one to ask."""
        if self.missing:
            from intlpolicy.errors import UsageRefused

            raise UsageRefused("new-missing-values", options=", ".join(self.missing))


def _ask(question: str, convert: Callable[[str], _T | None], advice: str, option: str = "") -> _T:
    """Ask until the answer converts; a wrong answer gets a Swedish line and the question again:
    `advice` when `convert` gives None; when it refuses (Refused), the refusal's own text, less
    the `option` it names (the person answered a question and typed no option)."""
    from intlpolicy.errors import Refused

    while True:
        try:
            answer = convert(str(typer.prompt(question)))
        except Refused as refused:
            typer.echo(f"Fel: {refused.message.removeprefix(option + ' ')}", err=True)
            continue
        if answer is not None:
            return answer
        typer.echo(f"Fel: {advice}", err=True)


def _checked(check: Check | None, answer: _T) -> _T:
    """The answer, once `check` has not refused it."""
    if check is not None:
        check(answer)
    return answer


def _whole_number(answer: str) -> int | None:
    return int(answer.strip()) if answer.strip().isdecimal() else None
