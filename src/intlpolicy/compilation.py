"""The figures of the compiled yearly report (Redovisning av nämndernas internationella arbete).

Pure: records in, figures out; no I/O and no formatting. The total budgets of projects are the
whole projects' budgets (all partners), so they are shown per project and never summed as if
they were the city's money; the sums are of money received during the year (`payments`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from intlpolicy.findings import Finding
from intlpolicy.labels import AGREEMENTS, FOCUS_AREA_TITLES
from intlpolicy.loading.records import RecordSet
from intlpolicy.models import Network, Organisation, Policy, Project, Report, TwinCity
from intlpolicy.models.common import FOCUS_AREAS
from intlpolicy.models.report import Activity
from intlpolicy.routing import policy_in_force, route_recorded
from intlpolicy.swedish import swedish_key

# Duties the follow-up section lists in its own tables (and for this year only).
_SHOWN_ELSEWHERE = frozenset({"contact-missing", "report-missing", "notice-missing", "notice-late"})


@dataclass(frozen=True, slots=True)
class ActivityEntry:
    organisation: Organisation
    activity: Activity
    example: bool


@dataclass(frozen=True, slots=True)
class CommitteeActivities:
    organisation: Organisation
    activities: list[Activity]


@dataclass(frozen=True, slots=True)
class FocusSection:
    key: str
    title: str
    committees: list[CommitteeActivities]
    count: int


@dataclass(frozen=True, slots=True)
class ProjectRow:
    project: Project
    total_budget_sek: Decimal | None
    own_budget_sek: Decimal | None
    received_sek: Decimal
    active: bool  # running during the year (a row may also be there for a payment only)
    started: bool
    ended: bool


@dataclass(frozen=True, slots=True)
class CommitteeProjects:
    organisation: Organisation
    rows: list[ProjectRow]
    received_sek: Decimal


@dataclass(frozen=True, slots=True)
class ApplicationRow:
    project: Project
    organisation: Organisation
    route: str
    reason_code: str
    total_budget_sek: Decimal | None
    notice: str  # recorded | missing | late | not_required


@dataclass(frozen=True, slots=True)
class LinkUse:
    """A network or twin city, and which committees took part with which activities."""

    name: str
    id: str
    detail: str  # member since / country and year
    committees: list[CommitteeActivities]
    members: list[Organisation]


@dataclass(frozen=True, slots=True)
class ReportEntry:
    organisation: Organisation
    report: Report


@dataclass(frozen=True, slots=True)
class FollowUp:
    missing_reports: list[Organisation]
    missing_contacts: list[Organisation]
    applications_without_notice: list[ApplicationRow]
    warnings: list[Finding]


@dataclass(frozen=True, slots=True)
class AnnualReport:
    year: int
    complete: bool  # the year is over
    policy: Policy | None
    commit: str | None
    dirty: bool
    example_data: bool
    committees_active: list[Organisation]
    committee_reports: list[ReportEntry]
    company_reports: list[ReportEntry]
    other_reports: list[ReportEntry]
    activity_count: int
    activities_by_focus: dict[str, int]
    focus_sections: list[FocusSection]
    projects_owner: int
    projects_partner: int
    projects_started: int
    projects_ended: int
    projects_by_committee: list[CommitteeProjects]
    applications: list[ApplicationRow]
    applications_by_route: dict[str, int]
    received_sek: Decimal
    networks: list[LinkUse]
    twin_cities: list[LinkUse]
    follow_up: FollowUp

    @property
    def committees_reported(self) -> int:
        return len(self.committee_reports)


def _name_key(organisation: Organisation) -> str:
    return swedish_key(organisation.name)


def _project_active(project: Project, year: int) -> bool:
    """Running during the year: granted (or recorded without an application) and in period."""
    application = project.application
    if application is not None and application.decision != "granted":
        return False
    if project.period is not None:
        return project.period.start.year <= year <= project.period.end.year
    return any(payment.year == year for payment in project.payments)


def _received(project: Project, year: int) -> Decimal:
    return sum((p.in_sek() for p in project.payments if p.year == year), Decimal(0))


def _sek(project: Project) -> Decimal | None:
    budget = project.total_budget
    if budget.currency != "SEK" and budget.exchange_rate is None:
        return None
    return budget.in_sek()


def _group(entries: Iterable[ActivityEntry]) -> list[CommitteeActivities]:
    by_org: dict[str, CommitteeActivities] = {}
    for entry in entries:
        group = by_org.setdefault(
            entry.organisation.id, CommitteeActivities(entry.organisation, [])
        )
        group.activities.append(entry.activity)
    return sorted(by_org.values(), key=lambda g: _name_key(g.organisation))


def compile_annual_report(
    records: RecordSet,
    year: int,
    today: date,
    warnings: list[Finding] | None = None,
    commit: str | None = None,
    dirty: bool = False,
) -> AnnualReport:
    """Every figure of the report for `year`, from valid records."""
    organisations = records.organisations
    year_end = date(year, 12, 31)
    reference_day = min(year_end, today)
    policy = policy_in_force(records.policies.values(), reference_day)

    committees = sorted(
        (
            o
            for o in organisations.values()
            if o.kind == "committee" and o.active.overlaps_year(year)
        ),
        key=_name_key,
    )
    reports = [r for r in records.reports.values() if r.year == year]
    entries = [
        ReportEntry(organisations[r.organisation], r)
        for r in reports
        if r.organisation in organisations
    ]
    entries.sort(key=lambda e: _name_key(e.organisation))
    committee_reports = [e for e in entries if e.organisation.kind == "committee"]
    company_reports = [e for e in entries if e.organisation.kind == "company"]
    other_reports = [e for e in entries if e.organisation.kind == "other"]

    # The report is of the committees' work: companies' and others' reports have their own
    # sections and do not count in the committees' figures.
    activities = [
        ActivityEntry(e.organisation, a, e.report.example)
        for e in committee_reports
        for a in e.report.activities
    ]
    by_focus = Counter(a.activity.focus_area for a in activities)
    focus_sections = [
        FocusSection(
            key,
            FOCUS_AREA_TITLES[key],
            _group(a for a in activities if a.activity.focus_area == key),
            by_focus[key],
        )
        for key in FOCUS_AREAS
    ]

    # A project is in the tables when it ran during the year or money came in that year
    # (a final payment may arrive after the project ended).
    eu_projects = [
        p
        for p in records.projects.values()
        if p.funding.eu and (_project_active(p, year) or _received(p, year) > 0)
    ]
    rows_by_org: dict[str, list[ProjectRow]] = {}
    for project in eu_projects:
        own = project.own_budget.in_sek() if project.own_budget else None
        active = _project_active(project, year)
        period = project.period
        rows_by_org.setdefault(project.organisation, []).append(
            ProjectRow(
                project,
                _sek(project),
                own,
                _received(project, year),
                active,
                started=active and period is not None and period.start.year == year,
                ended=active and period is not None and period.end.year == year,
            )
        )
    projects_by_committee = sorted(
        (
            CommitteeProjects(
                organisations[org],
                sorted(rows, key=lambda r: swedish_key(r.project.title)),
                sum((r.received_sek for r in rows), Decimal(0)),
            )
            for org, rows in rows_by_org.items()
            if org in organisations
        ),
        key=lambda c: _name_key(c.organisation),
    )
    all_rows = [row for group in projects_by_committee for row in group.rows]

    applications = _applications(records, year, today)
    by_route = Counter(a.route for a in applications)

    received = sum(
        (_received(p, year) for p in records.projects.values() if p.funding.eu), Decimal(0)
    )

    networks = _links(
        records.networks.values(),
        activities,
        organisations,
        year,
        lambda a: a.networks,
        _network_detail,
    )
    twin_cities = _links(
        records.twin_cities.values(),
        activities,
        organisations,
        year,
        lambda a: a.twin_cities,
        _twin_detail,
    )

    reported_ids = {e.organisation.id for e in committee_reports}
    follow_up = FollowUp(
        missing_reports=[c for c in committees if c.id not in reported_ids],
        missing_contacts=[
            c
            for c in committees
            if c.active.covers(reference_day) and c.current_contact(reference_day) is None
        ],
        applications_without_notice=[a for a in applications if a.notice in ("missing", "late")],
        warnings=[w for w in warnings or [] if w.code not in _SHOWN_ELSEWHERE],
    )
    example_data = (
        any(e.report.example for e in entries)
        or any(r.project.example for r in all_rows)
        or any(a.project.example for a in applications)
    )
    return AnnualReport(
        year=year,
        complete=year < today.year,
        policy=policy,
        commit=commit,
        dirty=dirty,
        example_data=example_data,
        committees_active=committees,
        committee_reports=committee_reports,
        company_reports=company_reports,
        other_reports=other_reports,
        activity_count=len(activities),
        activities_by_focus={key: by_focus[key] for key in FOCUS_AREAS},
        focus_sections=focus_sections,
        projects_owner=sum(1 for r in all_rows if r.active and r.project.role == "owner"),
        projects_partner=sum(1 for r in all_rows if r.active and r.project.role == "partner"),
        projects_started=sum(1 for r in all_rows if r.started),
        projects_ended=sum(1 for r in all_rows if r.ended),
        projects_by_committee=projects_by_committee,
        applications=applications,
        applications_by_route={
            route: by_route[route] for route in ("ks_information", "eu_network", "not_applicable")
        },
        received_sek=received,
        networks=networks,
        twin_cities=twin_cities,
        follow_up=follow_up,
    )


def _network_detail(item: Network | TwinCity) -> tuple[str, str]:
    assert isinstance(item, Network)
    return item.name, f"medlem sedan {item.member_since}" if item.member_since else ""


def _twin_detail(item: Network | TwinCity) -> tuple[str, str]:
    assert isinstance(item, TwinCity)
    return item.city, f"{item.country}, {AGREEMENTS[item.agreement]} sedan {item.since}"


def _links(
    items: Iterable[Network] | Iterable[TwinCity],
    activities: list[ActivityEntry],
    organisations: dict[str, Organisation],
    year: int,
    references: Callable[[Activity], list[str]],
    describe: Callable[[Network | TwinCity], tuple[str, str]],
) -> list[LinkUse]:
    uses: list[LinkUse] = []
    for item in items:
        used = [a for a in activities if item.id in references(a.activity)]
        members: list[Organisation] = []
        if isinstance(item, Network):
            members = sorted(
                (
                    organisations[p.organisation]
                    for p in item.participants
                    if p.organisation in organisations and p.overlaps_year(year)
                ),
                key=_name_key,
            )
        if not used:
            continue
        name, detail = describe(item)
        uses.append(LinkUse(name, item.id, detail, _group(used), members))
    return sorted(uses, key=lambda u: swedish_key(u.name))


def _applications(records: RecordSet, year: int, today: date) -> list[ApplicationRow]:
    rows: list[ApplicationRow] = []
    policies = list(records.policies.values())
    for project in records.projects.values():
        application = project.application
        organisation = records.organisations.get(project.organisation)
        if application is None or application.submitted is None or organisation is None:
            continue
        if application.submitted.year != year:
            continue
        decision = route_recorded(project, organisation, policies, today)
        notice = decision.notice.state if decision.notice is not None else "not_required"
        rows.append(
            ApplicationRow(
                project,
                organisation,
                decision.route,
                decision.reason_code,
                decision.total_budget_sek,
                notice,
            )
        )
    rows.sort(key=lambda r: (_name_key(r.organisation), swedish_key(r.project.title)))
    return rows
