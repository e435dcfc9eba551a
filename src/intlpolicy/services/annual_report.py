"""`annual-report`: validate the data root, then compile the year's figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from intlpolicy.compilation import AnnualReport, Identity, compile_annual_report
from intlpolicy.errors import Refused
from intlpolicy.loading.records import RecordSet
from intlpolicy.services.validate import Source, valid_records


class ReportRefused(Refused):
    """The report cannot be made: errors in the records, or a year outside the policy's."""


@dataclass(frozen=True, slots=True)
class AnnualReportRequest:
    """What `annual-report` was asked for: the year, from which records, as of which day, and
    the data's git commit for the report to name (None outside git; dirty: uncommitted
    changes)."""

    source: Source
    year: int
    today: date
    commit: str | None = None
    dirty: bool = False
    identity: Identity | None = None  # the document's date and diary number; default: today


def build_annual_report(request: AnnualReportRequest) -> AnnualReport:
    """The figures of the year's report; refuses on errors in the records or a year outside
    the policy's (the first policy's year to this year)."""
    year, today = request.year, request.today
    # The records are checked as of today (a report of a year that has not begun is wrong
    # now, whichever year is asked for); the report shows only the warnings about the year's
    # own records, and judges the committees' duties at the end of the year (or today, for
    # the running year), so the report of a past year reads the same whatever day it is made.
    result = valid_records(request.source, today, ReportRefused, "report-records-invalid")
    check_year(result.records, year, today)
    return compile_annual_report(
        result.records,
        year,
        today,
        warnings=result.warnings,
        commit=request.commit,
        dirty=request.dirty,
        identity=request.identity,
    )


def check_year(records: RecordSet, year: int, today: date) -> None:
    """Refuse a year before the first policy's or after this one."""
    policies = records.policies.values()
    if not policies:
        raise ReportRefused("report-no-policy")
    first = min(policy.adopted.year for policy in policies)
    if not first <= year <= today.year:
        raise ReportRefused("report-year-outside-policy", year=year, first=first, last=today.year)
