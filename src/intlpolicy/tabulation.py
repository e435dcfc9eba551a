"""The records of one kind as a table of plain values, for `list`: pure, records in, rows out.

Cells keep their values (codes, exact Decimals, dates); how a person, a spreadsheet or a
script sees them is the renderers' business (`reports/listing_*`). Organisations are listed
without personal data: whether a current EU-network contact exists, never who it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Final, Literal

from intlpolicy.loading.records import RecordSet
from intlpolicy.models import Project
from intlpolicy.models.common import OpenPeriod
from intlpolicy.routing import decide_recorded_project, practice_of
from intlpolicy.vocabulary import ListKind

NoticeState = Literal["recorded", "late", "missing", "not_yet_due", "not_required", "unknown"]
Cell = str | int | bool | Decimal | date | list[str] | None


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # JSON key, plain CSV header
    header: str  # Swedish, for the table and the spreadsheets


@dataclass(frozen=True, slots=True)
class RecordTable:
    kind: ListKind
    columns: tuple[Column, ...]
    rows: list[dict[str, Cell]]

    @property
    def has_examples(self) -> bool:
        return any(row.get("example") is True for row in self.rows)


@dataclass(frozen=True, slots=True)
class ListFilters:
    organisation: str | None = None
    year: int | None = None
    route: str | None = None
    missing_notice: bool = False


def list_records(
    kind: ListKind, records: RecordSet, filters: ListFilters, today: date
) -> RecordTable:
    columns, rows = _LISTERS[kind]
    return RecordTable(kind, columns, list(rows(records, filters, today)))


# --- projects ----------------------------------------------------------------------------------

PROJECT_COLUMNS: Final = (
    Column("id", "Id"),
    Column("title", "Titel"),
    Column("organisation", "Organisation"),
    Column("role", "Roll"),
    Column("total_budget_sek", "Totalbudget (SEK)"),
    Column("route", "Väg"),
    Column("notice", "Anmälan"),
    Column("example", "Exempeldata"),
)


def project_route(
    project: Project, records: RecordSet, today: date
) -> tuple[str | None, NoticeState]:
    """The route of the routine (deciding date: submitted, else today) and the notice state."""
    organisation = records.organisations.get(project.organisation)
    if organisation is None:  # an unknown organisation, or one whose file is broken
        return None, "unknown"
    decision = decide_recorded_project(
        project, organisation, records.policies.values(), today, practice_of(records)
    )
    notice = decision.notice
    submitted = project.application.submitted if project.application else None
    state: NoticeState
    if notice is None:
        state = "not_required"
    elif not notice.recorded and submitted is None:
        # Nothing is late before the application is sent.
        state = "not_yet_due"
    else:
        state = notice.state
    return decision.route, state


def _in_year(project: Project, year: int) -> bool:
    submitted = project.application.submitted if project.application else None
    if submitted is not None and submitted.year == year:
        return True
    period = project.period
    return period is not None and period.start.year <= year <= period.end.year


def _projects(records: RecordSet, filters: ListFilters, today: date) -> Iterator[dict[str, Cell]]:
    for key in sorted(records.projects):
        project = records.projects[key]
        if filters.organisation is not None and project.organisation != filters.organisation:
            continue
        if filters.year is not None and not _in_year(project, filters.year):
            continue
        route, notice = project_route(project, records, today)
        if filters.route is not None and route != filters.route:
            continue
        if filters.missing_notice and notice != "missing":
            continue
        yield {
            "id": project.id,
            "title": project.title,
            "organisation": project.organisation,
            "role": project.role,
            # exact; the model has made sure a foreign amount has its rate
            "total_budget_sek": project.total_budget.in_sek(),
            "route": route,
            "notice": notice,
            "example": project.example,
        }


# --- the other kinds ---------------------------------------------------------------------------

ORGANISATION_COLUMNS: Final = (
    Column("id", "Id"),
    Column("name", "Namn"),
    Column("kind", "Typ"),
    Column("administration", "Förvaltning"),
    Column("parent", "Moderbolag"),
    Column("active", "Verksam"),
    Column("current_contact", "Aktuell kontakt"),
)


def _period(period: OpenPeriod) -> str:
    start = period.from_.isoformat() if period.from_ else ""
    end = period.to.isoformat() if period.to else ""
    return f"{start}–{end}" if start or end else ""


def _organisations(
    records: RecordSet, filters: ListFilters, today: date
) -> Iterator[dict[str, Cell]]:
    for key in sorted(records.organisations):
        organisation = records.organisations[key]
        yield {
            "id": organisation.id,
            "name": organisation.name,
            "kind": organisation.kind,
            "administration": organisation.administration,
            "parent": organisation.parent,
            "active": _period(organisation.active),
            "current_contact": organisation.current_contact(today) is not None,
        }


REPORT_COLUMNS: Final = (
    Column("year", "År"),
    Column("organisation", "Organisation"),
    Column("submitted", "Inlämnad"),
    Column("activities", "Aktiviteter"),
    Column("draft", "Utkast"),
    Column("example", "Exempeldata"),
)


def _reports(records: RecordSet, filters: ListFilters, today: date) -> Iterator[dict[str, Cell]]:
    for report in sorted(records.reports.values(), key=lambda r: (r.year, r.organisation)):
        if filters.organisation is not None and report.organisation != filters.organisation:
            continue
        if filters.year is not None and report.year != filters.year:
            continue
        yield {
            "year": report.year,
            "organisation": report.organisation,
            "submitted": report.submitted,
            "activities": len(report.activities),
            # not submitted, or neither activities nor the statement of none: not a report yet
            "draft": not report.is_submitted,
            "example": report.example,
        }


NETWORK_COLUMNS: Final = (
    Column("id", "Id"),
    Column("name", "Namn"),
    Column("url", "Webbplats"),
    Column("member_since", "Medlem sedan"),
    Column("participants", "Deltagande organ"),
)


def _networks(records: RecordSet, filters: ListFilters, today: date) -> Iterator[dict[str, Cell]]:
    for key in sorted(records.networks):
        network = records.networks[key]
        yield {
            "id": network.id,
            "name": network.name,
            "url": network.url,
            "member_since": network.member_since,
            "participants": _unique(p.organisation for p in network.participants),
        }


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


TWIN_CITY_COLUMNS: Final = (
    Column("id", "Id"),
    Column("city", "Stad"),
    Column("country", "Land"),
    Column("since", "Sedan"),
    Column("agreement", "Avtal"),
)


def _twin_cities(
    records: RecordSet, filters: ListFilters, today: date
) -> Iterator[dict[str, Cell]]:
    for key in sorted(records.twin_cities):
        city = records.twin_cities[key]
        yield {
            "id": city.id,
            "city": city.city,
            "country": city.country,
            "since": city.since,
            "agreement": city.agreement,
        }


COMPILED_REPORT_COLUMNS: Final = (
    Column("year", "År"),
    Column("ks_date", "Kommunstyrelsen"),
    Column("ks_diary_number", "Dnr KS"),
    Column("kf_date", "Kommunfullmäktige"),
    Column("kf_diary_number", "Dnr KF"),
    Column("source", "Källa"),
)


def _compiled_reports(
    records: RecordSet, filters: ListFilters, today: date
) -> Iterator[dict[str, Cell]]:
    for compiled in sorted(records.compiled_reports.values(), key=lambda c: c.year):
        yield {
            "year": compiled.year,
            "ks_date": compiled.ks_date,
            "ks_diary_number": compiled.ks_diary_number,
            "kf_date": compiled.kf_date,
            "kf_diary_number": compiled.kf_diary_number,
            "source": compiled.source,
        }


_Rows = Callable[[RecordSet, ListFilters, date], Iterator[dict[str, Cell]]]
_LISTERS: Final[dict[ListKind, tuple[tuple[Column, ...], _Rows]]] = {
    "projects": (PROJECT_COLUMNS, _projects),
    "organisations": (ORGANISATION_COLUMNS, _organisations),
    "reports": (REPORT_COLUMNS, _reports),
    "networks": (NETWORK_COLUMNS, _networks),
    "twin-cities": (TWIN_CITY_COLUMNS, _twin_cities),
    "compiled-reports": (COMPILED_REPORT_COLUMNS, _compiled_reports),
}
