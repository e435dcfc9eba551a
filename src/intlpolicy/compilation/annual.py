"""The whole yearly report for one year: the parts of `activities` and `projects` put together,
the follow-up of the policy's duties, and the compiled report's decision trail.

The follow-up lists only what the year's records say: the committees without a submitted
report (a draft is not one), and the warnings about the year's own records."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from intlpolicy.checks.duties import register_start
from intlpolicy.compilation import activities as act
from intlpolicy.compilation import projects as proj
from intlpolicy.compilation.figures import (
    AnnualReport,
    ApplicationRow,
    FollowUp,
    Identity,
    ProjectRow,
    ReportEntry,
)
from intlpolicy.findings import Finding
from intlpolicy.loading.records import RecordSet
from intlpolicy.models import Organisation
from intlpolicy.routing import issuer_on, policy_in_force

# Duties the follow-up section lists in its own tables (and for this year only).
_SHOWN_ELSEWHERE = frozenset(
    {"contact-missing", "report-missing", "draft-report", "notice-missing", "notice-late"}
)


def compile_annual_report(
    records: RecordSet,
    year: int,
    today: date,
    warnings: list[Finding] | None = None,
    commit: str | None = None,
    dirty: bool = False,
    identity: Identity | None = None,
) -> AnnualReport:
    """Every figure of the report for `year`, from valid records; `identity` dates the
    document (default: `today`, no diary number, no commit date)."""
    identity = identity or Identity(today)
    # Duties are judged at the end of the year, or today for the running year.
    reference_day = min(date(year, 12, 31), today)
    committees = act.active_committees(records.organisations.values(), year)
    entries = act.report_entries(records, year)
    committee_reports = act.of_kind(entries, "committee")
    drafts = act.of_kind(act.report_entries(records, year, submitted=False), "committee")
    # The report is of the committees' work: companies' and others' reports have their own
    # sections and do not count in the committees' figures.
    activities = act.activity_entries(committee_reports)
    by_committee = proj.projects_by_committee(records, year)
    rows = [row for group in by_committee for row in group.rows]
    applications = proj.applications(records, year, today)
    return AnnualReport(
        year=year,
        complete=year < today.year,
        register_from=register_start(records),
        compiled=records.compiled_reports.get(str(year)),
        policy=policy_in_force(records.policies.values(), reference_day),
        commit=commit,
        dirty=dirty,
        issued=identity.issued,
        diary_number=identity.diary_number,
        sender=issuer_on(records.policies.values(), identity.issued),
        committed=identity.committed,
        example_data=uses_example_data(entries, rows, applications),
        committees_active=committees,
        committee_reports=committee_reports,
        company_reports=act.of_kind(entries, "company"),
        other_reports=act.of_kind(entries, "other"),
        activity_count=len(activities),
        activities_by_focus=act.count_by_focus(activities),
        focus_sections=act.focus_sections(activities),
        projects_owner=proj.count_active(rows, "owner"),
        projects_partner=proj.count_active(rows, "partner"),
        projects_started=sum(1 for r in rows if r.started),
        projects_ended=sum(1 for r in rows if r.ended),
        projects_by_committee=by_committee,
        applications=applications,
        applications_by_route=proj.count_by_route(applications),
        received_sek=proj.received_in_total(records.projects.values(), year),
        networks=act.network_uses(records, activities, year),
        twin_cities=act.twin_city_uses(records, activities),
        follow_up=follow_up(
            committees,
            committee_reports,
            [e.organisation for e in drafts],
            applications,
            years_warnings(records, year, rows, applications, warnings or []),
            reference_day,
        ),
    )


def years_warnings(
    records: RecordSet,
    year: int,
    rows: Sequence[ProjectRow],
    applications: Sequence[ApplicationRow],
    warnings: Sequence[Finding],
) -> list[Finding]:
    """The warnings about the year's own records: its reports, its compiled report and the
    projects the report shows. Another year's matter is not this year's remark."""
    keys = [("report", key) for key, r in records.reports.items() if r.year == year]
    keys += [("project", row.project.id) for row in rows]
    keys += [("project", row.project.id) for row in applications]
    keys.append(("compiled_report", str(year)))
    files = {records.sources[key].file for key in keys if key in records.sources}
    return [w for w in warnings if w.file in files]


def follow_up(
    committees: Sequence[Organisation],
    committee_reports: Sequence[ReportEntry],
    drafts: Sequence[Organisation],
    applications: Sequence[ApplicationRow],
    warnings: Sequence[Finding],
    reference_day: date,
) -> FollowUp:
    """What the committees still owe: reports, contacts, notices; and the other warnings."""
    reported = {e.organisation.id for e in committee_reports}
    missing = [c for c in committees if c.id not in reported]
    return FollowUp(
        missing_reports=missing,
        drafts=[c for c in drafts if c in missing],
        missing_contacts=[
            c
            for c in committees
            if c.active.covers(reference_day) and c.current_contact(reference_day) is None
        ],
        applications_without_notice=[a for a in applications if a.notice in ("missing", "late")],
        warnings=[w for w in warnings if w.code not in _SHOWN_ELSEWHERE],
    )


def uses_example_data(
    entries: Sequence[ReportEntry],
    rows: Sequence[ProjectRow],
    applications: Sequence[ApplicationRow],
) -> bool:
    """Whether any record the report shows is an example (`example: true`)."""
    return (
        any(e.report.example for e in entries)
        or any(r.project.example for r in rows)
        or any(a.project.example for a in applications)
    )
