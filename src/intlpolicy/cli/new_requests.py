"""What a person asked `intlpolicy new` for, checked in one place per record kind.

A request holds the options as typed (click's `ctx.params`). `fields()` asks for the missing
required values (or refuses with exit 2 when there is no terminal), then reads the texts
(amounts, dates, money) into the fields the service writes a record from; a bad value is a
refusal that names its option. An answer is checked by the same parser when it is given, so a
wrong one is asked again rather than refused after the last question.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, cast

from intlpolicy import labels, vocabulary
from intlpolicy.cli.new_options import Answers, Check

if TYPE_CHECKING:
    from datetime import date

    from intlpolicy.services.new_records import (
        NetworkFields,
        NewFields,
        OrganisationFields,
        ProjectFields,
        ReportFields,
        TwinCityFields,
    )


class NewRequest(Protocol):
    @property
    def data(self) -> str | None: ...

    def fields(self, answers: Answers) -> "NewFields": ...


def _date(text: str | None, option: str) -> "date | None":
    from intlpolicy.cli.option_values import parse_date

    return None if text is None else parse_date(text, option)


def _amount(option: str) -> Check:
    """The check of an answer for `option`: the parser that reads the option's text."""
    from intlpolicy.cli.option_values import parse_amount

    return lambda answer: parse_amount(answer, option)


def _a_date(option: str) -> Check:
    return lambda answer: _date(answer, option)


@dataclass(frozen=True, slots=True)
class ProjectRequest:
    data: str | None
    title: str | None
    record_id: str | None
    organisation: str | None
    role: str | None
    eu: bool
    programme: str | None
    fund: str | None
    budget: str | None
    currency: str
    rate: str | None
    rate_date: str | None
    rate_source: str | None
    start: str | None
    end: str | None
    submitted: str | None
    focus_areas: Sequence[str] | None

    def fields(self, answers: Answers) -> "ProjectFields":
        from intlpolicy.cli.option_values import money_from_options, parse_amount
        from intlpolicy.errors import UsageRefused
        from intlpolicy.services.new_records import ProjectFields

        title = answers.text("--title", self.title, "Projektets titel")
        organisation = answers.organisation(
            "--organisation", self.organisation, "Organisation (id)"
        )
        role = answers.choice("--role", self.role, "Roll", labels.PROJECT_ROLES)
        budget = answers.text(
            "--budget", self.budget, "Totalbudget för hela projektet", _amount("--budget")
        )
        currency = self.currency.strip().upper()
        rate, rate_date, rate_source = self.rate, self.rate_date, self.rate_source
        if currency != "SEK":
            rate = answers.text(
                "--rate", rate, f"Växelkurs (SEK per {currency})", _amount("--rate")
            )
            rate_date = answers.text(
                "--rate-date", rate_date, "Kursens datum (ÅÅÅÅ-MM-DD)", _a_date("--rate-date")
            )
            rate_source = answers.text("--rate-source", rate_source, "Kursens källa")
        answers.check()
        if (self.start is None) != (self.end is None):
            raise UsageRefused("new-half-period")
        start, end = _date(self.start, "--start"), _date(self.end, "--end")
        amount = parse_amount(budget, "--budget")
        return ProjectFields(
            title=title,
            organisation=organisation,
            role=cast(vocabulary.Role, role),
            total_budget=money_from_options(amount, currency, rate, rate_date, rate_source),
            id=self.record_id,
            eu=self.eu,
            programme=self.programme,
            fund=self.fund,
            period=(start, end) if start is not None and end is not None else None,
            submitted=_date(self.submitted, "--submitted"),
            focus_areas=tuple(cast(vocabulary.FocusArea, a) for a in self.focus_areas or ()),
        )


@dataclass(frozen=True, slots=True)
class ReportRequest:
    data: str | None
    organisation: str | None
    year: int | None
    summary: str | None
    submitted: str | None

    def fields(self, answers: Answers) -> "ReportFields":
        from intlpolicy.services.new_records import ReportFields, check_report_year

        organisation = answers.organisation("--organisation", self.organisation, "Nämnd (id)")
        year = answers.number("--year", self.year, "Redovisningsår", check_report_year)
        summary = answers.text("--summary", self.summary, "Sammanfattning av året")
        answers.check()
        return ReportFields(organisation, year, summary, _date(self.submitted, "--submitted"))


@dataclass(frozen=True, slots=True)
class OrganisationRequest:
    data: str | None
    name: str | None
    record_id: str | None
    kind: str | None
    administration: str | None
    parent: str | None
    active_from: str | None

    def fields(self, answers: Answers) -> "OrganisationFields":
        from intlpolicy.services.new_records import OrganisationFields

        name = answers.text("--name", self.name, "Namn")
        kind = answers.choice("--kind", self.kind, "Typ", labels.ORGANISATION_KINDS)
        answers.check()
        return OrganisationFields(
            name=name,
            kind=cast(vocabulary.OrganisationKind, kind),
            id=self.record_id,
            administration=self.administration,
            parent=self.parent,
            active_from=_date(self.active_from, "--active-from"),
        )


@dataclass(frozen=True, slots=True)
class NetworkRequest:
    data: str | None
    name: str | None
    record_id: str | None
    url: str | None
    member_since: int | None

    def fields(self, answers: Answers) -> "NetworkFields":
        from intlpolicy.services.new_records import NetworkFields

        name = answers.text("--name", self.name, "Nätverkets namn")
        answers.check()
        return NetworkFields(name, self.record_id, self.url, self.member_since)


@dataclass(frozen=True, slots=True)
class TwinCityRequest:
    data: str | None
    city: str | None
    record_id: str | None
    country: str | None
    since: int | None
    agreement: str

    def fields(self, answers: Answers) -> "TwinCityFields":
        from intlpolicy.services.new_records import TwinCityFields

        city = answers.text("--city", self.city, "Stad eller region")
        country = answers.text("--country", self.country, "Land (t.ex. EE)")
        since = answers.number("--since", self.since, "År för avtalet")
        answers.check()
        agreement = cast(vocabulary.Agreement, str(self.agreement))
        return TwinCityFields(city, country.strip().upper(), since, self.record_id, agreement)
