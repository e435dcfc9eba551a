"""`list`: the records of one kind as rows, for a table, JSON or a spreadsheet.

Works on a data root with errors: a broken file is left out and counted, so a handläggare can
still see the rest. Organisations are listed without personal data: whether a current
EU-network contact exists, never who it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Final, Literal

from intlpolicy.loading.records import RecordSet
from intlpolicy.loading.store import load_data_root
from intlpolicy.models import Project
from intlpolicy.models.common import OpenPeriod
from intlpolicy.routing import route_recorded

ListKind = Literal["projects", "organisations", "reports", "networks", "twin-cities"]
LIST_KINDS: Final[tuple[ListKind, ...]] = (
    "projects",
    "organisations",
    "reports",
    "networks",
    "twin-cities",
)
NoticeState = Literal["recorded", "late", "missing", "not_yet_due", "not_required", "unknown"]
Cell = str | int | bool | Decimal | list[str] | None


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # JSON key and CSV header
    header: str  # Swedish, for the table


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


# The option each filter has on the command line, and the kinds it applies to.
FILTER_OPTIONS: Final[dict[str, tuple[str, frozenset[ListKind]]]] = {
    "organisation": ("--organisation", frozenset({"projects", "reports"})),
    "year": ("--year", frozenset({"projects", "reports"})),
    "route": ("--route", frozenset({"projects"})),
    "missing_notice": ("--missing-notice", frozenset({"projects"})),
}


class ListError(Exception):
    """A filter names something that does not exist."""


@dataclass(frozen=True, slots=True)
class ListResult:
    table: RecordTable
    skipped_files: int  # record files with errors, left out


def unsupported_filters(kind: ListKind, filters: ListFilters) -> list[str]:
    """The options given that do not apply to `kind`."""
    given = {
        "organisation": filters.organisation is not None,
        "year": filters.year is not None,
        "route": filters.route is not None,
        "missing_notice": filters.missing_notice,
    }
    return [
        option
        for name, (option, kinds) in FILTER_OPTIONS.items()
        if given[name] and kind not in kinds
    ]


def list_data_root(
    root: Path, display_root: str, kind: ListKind, filters: ListFilters, today: date
) -> ListResult:
    """Load the data root and list one kind of record. Never raises for bad data."""
    loaded = load_data_root(root, display_root)
    broken = {issue.source.rel for issue in loaded.issues if issue.source.kind is not None}
    records = loaded.records
    if filters.organisation is not None and not records.is_known(
        "organisation", filters.organisation
    ):
        raise ListError(f"organisationen '{filters.organisation}' finns inte")
    return ListResult(list_records(kind, records, filters, today), len(broken))


def list_records(
    kind: ListKind, records: RecordSet, filters: ListFilters, today: date
) -> RecordTable:
    columns, rows = _LISTERS[kind](records, filters, today)
    return RecordTable(kind, columns, list(rows))


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
    decision = route_recorded(project, organisation, records.policies.values(), today)
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


def _projects(
    records: RecordSet, filters: ListFilters, today: date
) -> tuple[tuple[Column, ...], Iterator[dict[str, Cell]]]:
    def rows() -> Iterator[dict[str, Cell]]:
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

    return PROJECT_COLUMNS, rows()


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
) -> tuple[tuple[Column, ...], Iterator[dict[str, Cell]]]:
    def rows() -> Iterator[dict[str, Cell]]:
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

    return ORGANISATION_COLUMNS, rows()


REPORT_COLUMNS: Final = (
    Column("year", "År"),
    Column("organisation", "Organisation"),
    Column("submitted", "Inlämnad"),
    Column("activities", "Aktiviteter"),
    Column("example", "Exempeldata"),
)


def _reports(
    records: RecordSet, filters: ListFilters, today: date
) -> tuple[tuple[Column, ...], Iterator[dict[str, Cell]]]:
    def rows() -> Iterator[dict[str, Cell]]:
        ordered = sorted(records.reports.values(), key=lambda r: (r.year, r.organisation))
        for report in ordered:
            if filters.organisation is not None and report.organisation != filters.organisation:
                continue
            if filters.year is not None and report.year != filters.year:
                continue
            yield {
                "year": report.year,
                "organisation": report.organisation,
                "submitted": report.submitted.isoformat() if report.submitted else None,
                "activities": len(report.activities),
                "example": report.example,
            }

    return REPORT_COLUMNS, rows()


NETWORK_COLUMNS: Final = (
    Column("id", "Id"),
    Column("name", "Namn"),
    Column("url", "Webbplats"),
    Column("member_since", "Medlem sedan"),
    Column("participants", "Deltagande organ"),
)


def _networks(
    records: RecordSet, filters: ListFilters, today: date
) -> tuple[tuple[Column, ...], Iterator[dict[str, Cell]]]:
    def rows() -> Iterator[dict[str, Cell]]:
        for key in sorted(records.networks):
            network = records.networks[key]
            yield {
                "id": network.id,
                "name": network.name,
                "url": network.url,
                "member_since": network.member_since,
                "participants": _unique(p.organisation for p in network.participants),
            }

    return NETWORK_COLUMNS, rows()


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
) -> tuple[tuple[Column, ...], Iterator[dict[str, Cell]]]:
    def rows() -> Iterator[dict[str, Cell]]:
        for key in sorted(records.twin_cities):
            city = records.twin_cities[key]
            yield {
                "id": city.id,
                "city": city.city,
                "country": city.country,
                "since": city.since,
                "agreement": city.agreement,
            }

    return TWIN_CITY_COLUMNS, rows()


_Lister = Callable[
    [RecordSet, ListFilters, date], tuple[tuple[Column, ...], Iterator[dict[str, Cell]]]
]
_LISTERS: Final[dict[ListKind, _Lister]] = {
    "projects": _projects,
    "organisations": _organisations,
    "reports": _reports,
    "networks": _networks,
    "twin-cities": _twin_cities,
}
