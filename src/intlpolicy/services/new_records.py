"""The text of a new record of each kind, from the values a person gave `new`.

Each kind has its fields (the request, already parsed: dates are dates, money is Money) and
a function that writes the record's YAML with Swedish comments and the examples a
handläggare fills in. The ids the fields name are checked here; whether the records they
name exist is checked when the record is created (services/scaffold.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import get_args

from ruamel.yaml.comments import CommentedMap

from intlpolicy.editing.commented import NotUnicode, RecordBuilder, block, flow_list
from intlpolicy.errors import Refused
from intlpolicy.models import Network, Organisation, Project, Report, TwinCity
from intlpolicy.models.common import YEAR_RANGE, ExchangeRate, Money, OpenPeriod, is_slug, slugify
from intlpolicy.models.migrations import CURRENT_SCHEMA_VERSION
from intlpolicy.models.project import Application, Funding, ProjectPeriod
from intlpolicy.vocabulary import (
    FOCUS_AREAS,
    ActivityKind,
    Agreement,
    FocusArea,
    OrganisationKind,
    ParticipantRole,
    Role,
)


class ScaffoldError(Refused):
    """`new` cannot create the record; nothing was written. `findings` locate schema errors."""


@dataclass(frozen=True, slots=True)
class NewRecord:
    """A record ready to be written: where, what, and which organisations it names."""

    folder: str  # the kind's folder, e.g. projects
    rel: str  # path inside the data root
    record: str  # the id (reports: 2024/kulturnamnden)
    text: str
    references: tuple[tuple[str, str], ...] = ()  # (option, organisation id)


def check_id(value: str, option: str) -> str:
    """`value` if it is a slug; else a refusal that suggests one."""
    if not is_slug(value):
        suggestion = slugify(value) or "mitt-id"
        raise ScaffoldError("new-invalid-id", option=option, value=value, suggestion=suggestion)
    return value


def id_from(given: str | None, name: str, option: str) -> str:
    """The given id (--id), or the slug of the name given by `option`."""
    if given is not None:
        return check_id(given, "--id")
    derived = slugify(name)
    if not derived:
        raise ScaffoldError("new-no-id", option=option, name=name)
    return derived


def _money(doc: RecordBuilder, model: type[Project], key: str, money: Money) -> None:
    held = doc.field(model, key, CommentedMap())
    doc.field(Money, "amount", money.amount, held)
    doc.field(Money, "currency", money.currency, held)
    rate = money.exchange_rate
    if rate is not None:
        rate_map = doc.field(Money, "exchange_rate", CommentedMap(), held)
        doc.field(ExchangeRate, "rate", rate.rate, rate_map)
        doc.field(ExchangeRate, "date", rate.date, rate_map)
        doc.field(ExchangeRate, "source", rate.source, rate_map)


def _others(values: tuple[str, ...], example: str) -> str:
    """The values of a vocabulary other than the example's, for a comment: `a | b`."""
    return " | ".join(value for value in values if value != example)


@dataclass(frozen=True, slots=True)
class ProjectFields:
    title: str
    organisation: str
    role: Role
    total_budget: Money
    id: str | None = None  # default: the slug of the title
    eu: bool = True
    programme: str | None = None
    fund: str | None = None
    period: tuple[date, date] | None = None
    submitted: date | None = None
    focus_areas: tuple[FocusArea, ...] = ()


def project_record(fields: ProjectFields) -> NewRecord:
    record_id = id_from(fields.id, fields.title, "--title")
    check_id(fields.organisation, "--organisation")
    doc = RecordBuilder()
    doc.field(Project, "schema_version", CURRENT_SCHEMA_VERSION)
    doc.field(Project, "id", record_id)
    doc.field(Project, "title", fields.title)
    doc.field(Project, "organisation", fields.organisation)
    doc.field(Project, "role", fields.role)
    funding = doc.field(Project, "funding", CommentedMap())
    doc.field(Funding, "eu", fields.eu, funding)
    doc.field(Funding, "programme", fields.programme, funding)
    doc.field(Funding, "fund", fields.fund, funding)
    _money(doc, Project, "total_budget", fields.total_budget)
    doc.comment("eu_contribution: samma form som total_budget – EU-bidraget, om det är känt")
    doc.comment("own_budget: {amount: 0, currency: SEK} – stadens egen andel (medfinansiering)")
    application = doc.field(Project, "application", CommentedMap())
    doc.field(Application, "submitted", fields.submitted, application)
    doc.field(Application, "decision", "pending", application)
    doc.field(Application, "decided", None, application)
    if fields.period is not None:
        period = doc.field(Project, "period", CommentedMap())
        doc.field(ProjectPeriod, "start", fields.period[0], period)
        doc.field(ProjectPeriod, "end", fields.period[1], period)
    else:
        doc.comment("period: {start: ÅÅÅÅ-MM-DD, end: ÅÅÅÅ-MM-DD} – projektperioden")
    chosen = [area for area in FOCUS_AREAS if area in fields.focus_areas]  # the policy's order
    doc.field(Project, "focus_areas", flow_list(chosen))
    doc.field(Project, "partners", [])
    doc.comment("  - {name: Københavns Kommune, country: DK}")
    doc.field(Project, "notices", {})
    doc.comment(f"Vilken anmälan rutinen kräver visar: intlpolicy route-project {record_id}")
    doc.comment("  eu_network: {date: ÅÅÅÅ-MM-DD}")
    doc.comment("  ks_information: {date: ÅÅÅÅ-MM-DD, diary_number: DIARIENUMMER}  # som i diariet")
    doc.field(Project, "payments", [])
    doc.comment("  - {year: 2025, amount: 350000, currency: SEK}")
    references = (("--organisation", fields.organisation),)
    return NewRecord("projects", f"projects/{record_id}.yaml", record_id, doc.text(), references)


@dataclass(frozen=True, slots=True)
class ReportFields:
    organisation: str
    year: int
    summary: str
    submitted: date | None = None


def check_report_year(year: int) -> int:
    """`year` if a report can be for it; else a refusal (--year) that gives the range."""
    low, high = YEAR_RANGE
    if not low <= year <= high:
        raise ScaffoldError("new-year-out-of-range", year=year, low=low, high=high)
    return year


def report_record(fields: ReportFields) -> NewRecord:
    check_id(fields.organisation, "--organisation")
    check_report_year(fields.year)
    doc = RecordBuilder()
    doc.field(Report, "schema_version", CURRENT_SCHEMA_VERSION)
    doc.field(Report, "organisation", fields.organisation)
    doc.field(Report, "year", fields.year)
    doc.field(Report, "submitted", fields.submitted)
    doc.field(Report, "summary", block(fields.summary))
    # A draft until it is submitted with activities, or with the statement of none.
    doc.field(Report, "no_international_work", False)
    doc.field(Report, "activities", [])
    doc.comment("En aktivitet skrivs så här:")
    doc.comment("  - title: Eurocities Culture Forum")
    doc.comment(f"    focus_area: profilering   # {_others(FOCUS_AREAS, 'profilering')}")
    doc.comment(f"    kind: network   # {_others(get_args(ActivityKind), 'network')}")
    doc.comment("    networks: [eurocities]        # twin_cities: [] och projects: [] likadant")
    doc.comment("    countries: [DE]")
    doc.comment("    description: Vad nämnden gjorde och vad det gav.")
    key = f"{fields.year}/{fields.organisation}"
    references = (("--organisation", fields.organisation),)
    return NewRecord("reports", f"reports/{key}.yaml", key, doc.text(), references)


@dataclass(frozen=True, slots=True)
class OrganisationFields:
    name: str
    kind: OrganisationKind
    id: str | None = None  # default: the slug of the name
    administration: str | None = None
    parent: str | None = None
    active_from: date | None = None


def organisation_record(fields: OrganisationFields) -> NewRecord:
    record_id = id_from(fields.id, fields.name, "--name")
    if fields.parent is not None:
        check_id(fields.parent, "--parent")
    doc = RecordBuilder()
    doc.field(Organisation, "schema_version", CURRENT_SCHEMA_VERSION)
    doc.field(Organisation, "id", record_id)
    doc.field(Organisation, "name", fields.name)
    doc.field(Organisation, "kind", fields.kind)
    doc.field(Organisation, "administration", fields.administration)
    doc.field(Organisation, "parent", fields.parent)
    active = doc.field(Organisation, "active", CommentedMap())
    doc.field(OpenPeriod, "from", fields.active_from, active)
    doc.field(OpenPeriod, "to", None, active)
    doc.field(Organisation, "eu_network_contacts", [])
    doc.comment("En kontaktperson skrivs så här (to: null = nuvarande):")
    doc.comment(
        "  - {name: Förnamn Efternamn, email: fornamn.efternamn@malmo.se, "
        "from: ÅÅÅÅ-MM-DD, to: null}"
    )
    if fields.kind == "company":
        doc.comment("Ett helägt bolag får men måste inte ha en kontaktperson, tidigast från den")
        doc.comment("policyversion som tillåter det (companies_in_eu_network: true).")
    references = (("--parent", fields.parent),) if fields.parent is not None else ()
    rel = f"organisations/{record_id}.yaml"
    return NewRecord("organisations", rel, record_id, doc.text(), references)


@dataclass(frozen=True, slots=True)
class NetworkFields:
    name: str
    id: str | None = None  # default: the slug of the name
    url: str | None = None
    member_since: int | None = None


def network_record(fields: NetworkFields) -> NewRecord:
    record_id = id_from(fields.id, fields.name, "--name")
    doc = RecordBuilder()
    doc.field(Network, "schema_version", CURRENT_SCHEMA_VERSION)
    doc.field(Network, "id", record_id)
    doc.field(Network, "name", fields.name)
    doc.field(Network, "url", fields.url)
    doc.field(Network, "member_since", fields.member_since)
    doc.field(Network, "participants", [])
    roles = " | ".join(get_args(ParticipantRole))
    doc.comment(f"Ett deltagande organ skrivs så här (role: {roles}), med källan till uppgiften;")
    doc.comment("utan källa (source) visas det inte i den publicerade listan eller redovisningen:")
    doc.comment(
        "  - {organisation: kommunstyrelsen, role: member, from: ÅÅÅÅ-01-01, to: null,"
        " source: 'Beslut KS ÅÅÅÅ-MM-DD, dnr …'}"
    )
    return NewRecord("networks", f"networks/{record_id}.yaml", record_id, doc.text())


@dataclass(frozen=True, slots=True)
class TwinCityFields:
    city: str
    country: str
    since: int
    id: str | None = None  # default: the slug of the city
    agreement: Agreement = "twin_city"


def twin_city_record(fields: TwinCityFields) -> NewRecord:
    record_id = id_from(fields.id, fields.city, "--city")
    doc = RecordBuilder()
    doc.field(TwinCity, "schema_version", CURRENT_SCHEMA_VERSION)
    doc.field(TwinCity, "id", record_id)
    doc.field(TwinCity, "city", fields.city)
    doc.field(TwinCity, "country", fields.country)
    doc.field(TwinCity, "since", fields.since)
    doc.field(TwinCity, "agreement", fields.agreement)
    return NewRecord("twin-cities", f"twin-cities/{record_id}.yaml", record_id, doc.text())


NewFields = ProjectFields | ReportFields | OrganisationFields | NetworkFields | TwinCityFields


def draft(fields: NewFields) -> NewRecord:
    """The record the fields describe, as text (not yet checked or written)."""
    try:
        return _draft(fields)
    except NotUnicode as refused:
        raise ScaffoldError("new-not-unicode", value=refused.value) from None


def _draft(fields: NewFields) -> NewRecord:
    match fields:
        case ProjectFields():
            return project_record(fields)
        case ReportFields():
            return report_record(fields)
        case OrganisationFields():
            return organisation_record(fields)
        case NetworkFields():
            return network_record(fields)
        case TwinCityFields():
            return twin_city_record(fields)
