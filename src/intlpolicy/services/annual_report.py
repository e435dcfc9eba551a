"""`annual-report`: validate the data root, then compile the year's figures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from intlpolicy.compilation import AnnualReport, compile_annual_report
from intlpolicy.errors import Refused
from intlpolicy.loading.store import Progress, Reader
from intlpolicy.services.validate import validate_data_root


class ReportRefused(Refused):
    """The report cannot be made: errors in the records, or a year outside the policy's."""


def build_annual_report(
    root: Path,
    display_root: str,
    year: int,
    today: date,
    *,
    reader: Reader | None = None,
    commit: str | None = None,
    dirty: bool = False,
    progress: Progress | None = None,
) -> AnnualReport:
    # The policy's duties are judged as they stood at the end of the year (or today, for the
    # running year): the report of a past year reads the same whatever day it is made.
    as_of = min(date(year, 12, 31), today)
    result = validate_data_root(root, as_of, display_root, reader, progress)
    if result.errors:
        count = len(result.errors)
        raise ReportRefused(
            f"redovisningen skapades inte: posterna innehåller {count} fel "
            "(rätta dem, se intlpolicy validate)",
            result.errors,
        )
    policies = result.records.policies.values()
    if not policies:
        raise ReportRefused("det finns ingen policy i policy/; redovisningen kan inte skapas")
    first = min(policy.adopted.year for policy in policies)
    if not first <= year <= today.year:
        raise ReportRefused(
            f"år {year} kan inte redovisas: välj ett år från {first} (den första policyn) "
            f"till {today.year}"
        )
    return compile_annual_report(
        result.records, year, today, warnings=result.warnings, commit=commit, dirty=dirty
    )
