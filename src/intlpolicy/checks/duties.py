"""The policy's duties of committees (warnings: CI does not turn red on 1 January).

Every committee has a current contact person to the EU-nätverket, and reports its
international work once a year. A yearly report counts only when it is a report, not a draft:
submitted, and with activities or the committee's statement that it had no international work.
The register covers the committees' reports from a year recorded in data (`register_from`);
before that year no report is asked for.

A company has no duty, but it may take part in the EU-nätverket only under a policy version
that allows the city's wholly-owned companies to (`companies_in_eu_network`, new in 2024).
"""

from __future__ import annotations

from collections.abc import Iterator

from intlpolicy.checks import fixes
from intlpolicy.checks.base import CheckContext, check
from intlpolicy.loading.records import Issue, RecordSet
from intlpolicy.models import Report
from intlpolicy.routing import PolicyTied, policy_in_force


@check
def committee_has_contact(context: CheckContext) -> Iterator[Issue]:
    records = context.records
    for key, organisation in records.organisations.items():
        if organisation.kind != "committee" or not organisation.active.covers(context.today):
            continue
        if organisation.current_contact(context.today) is None:
            yield Issue(
                records.source("organisation", key),
                "contact-missing",
                {"name": organisation.name},
                ("eu_network_contacts",),
                at_key=True,
                fix=fixes.add_contact(key),
            )


@check
def company_contact_allowed(context: CheckContext) -> Iterator[Issue]:
    """A company's contact dated before a policy version that lets companies take part."""
    records = context.records
    policies = records.policies.values()
    for key, organisation in records.organisations.items():
        if organisation.kind != "company":
            continue
        for index, contact in enumerate(organisation.eu_network_contacts):
            try:
                in_force = policy_in_force(policies, contact.from_)
            except PolicyTied:  # the version cannot be told; `policy_days_differ` says so
                continue
            if in_force is not None and in_force.companies_in_eu_network:
                continue
            later = [
                p for p in policies if p.companies_in_eu_network and p.in_force_from > contact.from_
            ]
            allowing = min(later, key=lambda p: p.in_force_from, default=None)
            params = {"name": organisation.name, "from": contact.from_.isoformat()}
            if allowing is None:
                code = "company-contact-not-allowed"
            else:
                code = "company-contact-too-early"
                params |= {
                    "allowed_from": allowing.in_force_from.isoformat(),
                    "policy": allowing.id,
                }
            yield Issue(
                records.source("organisation", key),
                code,
                params,
                ("eu_network_contacts", index, "from"),
            )


def register_start(records: RecordSet) -> int | None:
    """The first year the register covers: the earliest `register_from` of the policy
    versions; without one, the first year with a reports/ folder, never before the first
    policy's year. None: the register covers no year yet."""
    policies = records.policies.values()
    recorded = [p.register_from for p in policies if p.register_from is not None]
    if recorded:
        return min(recorded)
    years = records.report_years
    if not years:
        return None
    # A stray folder (`reports/1800/`) must not ask for reports from before any policy.
    first_policy = min((p.in_force_from.year for p in policies), default=min(years))
    return max(min(years), first_policy)


def report_years(context: CheckContext) -> range:
    """Finished years that need a report: from the first year the register covers."""
    start = register_start(context.records)
    return range(0) if start is None else range(start, context.today.year)


@check
def committee_has_yearly_reports(context: CheckContext) -> Iterator[Issue]:
    records = context.records
    years = report_years(context)
    for key, organisation in records.organisations.items():
        if organisation.kind != "committee":
            continue
        for year in years:
            if not organisation.active.overlaps_year(year):
                continue
            report_key = f"{year}/{key}"
            report = records.reports.get(report_key)
            if report is None and records.is_known("report", report_key):
                continue  # a broken file: its errors say what to fix
            if report is not None and report.is_submitted:
                continue
            path = f"reports/{report_key}.yaml"
            fix: str | None
            if report is None:
                hint, fix = f"lägg till {path}", fixes.new_report(key, year)
            else:
                hint, fix = f"{path} är ett utkast", _submit_fix(report)
            yield Issue(
                records.source("organisation", key),
                "report-missing",
                {"name": organisation.name, "year": year, "hint": hint},
                ("id",),
                fix=fix,
            )


@check
def reports_are_reports(context: CheckContext) -> Iterator[Issue]:
    """A report of a year that has not begun is an error; a draft is a warning."""
    records = context.records
    for key, report in records.reports.items():
        source = records.source("report", key)
        if report.year > context.today.year:
            yield Issue(source, "report-in-future", {"year": report.year}, ("year",))
        elif not report.is_submitted:
            missing, path = _draft_gaps(report)
            params = {"year": report.year, "missing": missing}
            yield Issue(source, "draft-report", params, path, fix=_submit_fix(report))


def _submit_fix(report: Report) -> str | None:
    """`report-submit` when the submission date is all a draft lacks; its activities (or the
    statement of none) are the committee's to write."""
    if report.submitted is None and (report.activities or report.no_international_work):
        return fixes.submit_report(report.organisation, report.year)
    return None


def _draft_gaps(report: Report) -> tuple[str, tuple[str, ...]]:
    gaps = []
    if report.submitted is None:
        gaps.append("dagen då den lämnades saknas (fältet submitted)")
    if not report.activities and not report.no_international_work:
        gaps.append(
            "inga aktiviteter och inget besked om att nämnden saknade internationellt arbete "
            "(no_international_work: true)"
        )
    path = ("submitted",) if report.submitted is None else ("activities",)
    return "; ".join(gaps), path
