"""The policy's duties of committees (warnings: CI does not turn red on 1 January).

Every committee has a current contact person to the EU-nätverket, and reports its
international work once a year.
"""

from __future__ import annotations

from collections.abc import Iterator

from intlpolicy.checks.base import CheckContext, check
from intlpolicy.loading.records import Issue


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
            )


def report_years(context: CheckContext) -> range:
    """Finished years that need a report: from the first year with a reports/ folder."""
    years = context.records.report_years
    if not years:
        return range(0)
    # A stray folder (`reports/1800/`) must not ask for reports from before any policy.
    policies = context.records.policies.values()
    first_policy = min((p.in_force_from.year for p in policies), default=min(years))
    return range(max(min(years), first_policy), context.today.year)


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
            if records.is_known("report", f"{year}/{key}"):
                continue
            yield Issue(
                records.source("organisation", key),
                "report-missing",
                {"name": organisation.name, "year": year, "organisation": key},
                ("id",),
            )
