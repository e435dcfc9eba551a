"""The EU projects of the year, the money received, and the applications submitted.

A project is in the tables when it ran during the year or money came in that year (a final
payment may arrive after the project ended). Total budgets are shown per project, never
summed: they are the whole projects' budgets, all partners.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from intlpolicy.compilation.activities import name_key
from intlpolicy.compilation.figures import ApplicationRow, CommitteeProjects, ProjectRow
from intlpolicy.loading.records import RecordSet
from intlpolicy.models import Organisation, Policy, Project
from intlpolicy.models.practice import Practice
from intlpolicy.routing import decide_recorded_project, practice_of
from intlpolicy.swedish import swedish_key

ROUTES = ("ks_information", "eu_network", "not_applicable")


def is_active(project: Project, year: int) -> bool:
    """Running during the year: granted (or recorded without an application) and in period."""
    application = project.application
    if application is not None and application.decision != "granted":
        return False
    if project.period is not None:
        return project.period.start.year <= year <= project.period.end.year
    return any(payment.year == year for payment in project.payments)


def received(project: Project, year: int) -> Decimal:
    """The money paid out to the project during the year, in exact SEK."""
    return sum((p.in_sek() for p in project.payments if p.year == year), Decimal(0))


def received_in_total(projects: Iterable[Project], year: int) -> Decimal:
    """The EU money received during the year by all projects."""
    return sum((received(p, year) for p in projects if p.funding.eu), Decimal(0))


def total_budget_sek(project: Project) -> Decimal | None:
    """The whole project's budget in SEK; None when a foreign amount has no rate."""
    budget = project.total_budget
    if budget.currency != "SEK" and budget.exchange_rate is None:
        return None
    return budget.in_sek()


def project_row(project: Project, year: int) -> ProjectRow:
    active = is_active(project, year)
    period = project.period
    return ProjectRow(
        project,
        total_budget_sek(project),
        project.own_budget.in_sek() if project.own_budget else None,
        received(project, year),
        active,
        started=active and period is not None and period.start.year == year,
        ended=active and period is not None and period.end.year == year,
    )


def projects_by_committee(records: RecordSet, year: int) -> list[CommitteeProjects]:
    """The year's EU projects, grouped by the city's body taking part, in Swedish order."""
    rows_by_org: dict[str, list[ProjectRow]] = {}
    for project in records.projects.values():
        if project.funding.eu and (is_active(project, year) or received(project, year) > 0):
            rows_by_org.setdefault(project.organisation, []).append(project_row(project, year))
    groups = (
        CommitteeProjects(
            records.organisations[org],
            sorted(rows, key=lambda r: swedish_key(r.project.title)),
            sum((r.received_sek for r in rows), Decimal(0)),
        )
        for org, rows in rows_by_org.items()
        if org in records.organisations
    )
    return sorted(groups, key=lambda c: name_key(c.organisation))


def count_active(rows: Iterable[ProjectRow], role: str) -> int:
    return sum(1 for r in rows if r.active and r.project.role == role)


def applications(records: RecordSet, year: int, today: date) -> list[ApplicationRow]:
    """The applications submitted during the year, with their route and notice state."""
    policies = list(records.policies.values())
    practice = practice_of(records)
    rows = []
    for project in records.projects.values():
        application = project.application
        organisation = records.organisations.get(project.organisation)
        if application is None or application.submitted is None or organisation is None:
            continue
        if application.submitted.year == year:
            rows.append(_application_row(project, organisation, policies, today, practice))
    rows.sort(key=lambda r: (name_key(r.organisation), swedish_key(r.project.title)))
    return rows


def _application_row(
    project: Project,
    organisation: Organisation,
    policies: list[Policy],
    today: date,
    practice: Practice,
) -> ApplicationRow:
    decision = decide_recorded_project(project, organisation, policies, today, practice)
    notice = decision.notice.state if decision.notice is not None else "not_required"
    return ApplicationRow(
        project,
        organisation,
        decision.route,
        decision.reason_code,
        decision.total_budget_sek,
        notice,
    )


def count_by_route(rows: Iterable[ApplicationRow]) -> dict[str, int]:
    """The number of applications per route, every route present."""
    by_route = Counter(a.route for a in rows)
    return {route: by_route[route] for route in ROUTES}
