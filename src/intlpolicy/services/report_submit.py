"""`report-submit`: mark a committee's yearly report as submitted to KS.

In the record, *submitted* is the day the committee sent the report to kommunstyrelsen
(`submitted: 2025-02-14`). A report counts as submitted only when it has that day and its
content: activities, or the committee's statement that it had no international work
(`no_international_work: true`); without either it stays a draft (`Report.is_submitted`).
So the command refuses a report that would still be a draft, unless the statement is given
with it (`--no-international-work`). The day cannot be after today or before the year the
report is about begins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ruamel.yaml.comments import CommentedMap

from intlpolicy.editing.node_edits import set_in_model_order
from intlpolicy.loading.selection import load_organisation, load_report
from intlpolicy.models import Report
from intlpolicy.services.edits import EditResult
from intlpolicy.services.record_edits import (
    EditTarget,
    FixRefused,
    edit_record,
    not_in_future,
    one_line_errors,
)


@dataclass(frozen=True, slots=True)
class SubmitResult:
    edit: EditResult
    previous: date | None  # the day the report already had (a correction replaces it)


@one_line_errors()
def submit_report(
    target: EditTarget,
    organisation_id: str,
    year: int,
    day: date,
    no_international_work: bool = False,
) -> SubmitResult:
    not_in_future(day, target.today, "--date")
    if day.year < year:
        raise FixRefused("report-submit-before-year", day=day.isoformat(), year=year)
    root, shown = target.root, target.display_root
    organisation = load_organisation(root, shown, organisation_id)
    report = load_report(root, shown, organisation.id, year)
    if no_international_work and report.activities:
        raise FixRefused(
            "report-submit-work-with-activities", key=report.key, count=len(report.activities)
        )
    if not report.activities and not (report.no_international_work or no_international_work):
        raise FixRefused("report-submit-draft", key=report.key)
    values: dict[str, Any] = {"submitted": day}
    if no_international_work:
        values["no_international_work"] = True

    def change(data: CommentedMap) -> None:
        for key, value in values.items():
            set_in_model_order(data, key, value, Report)

    path = root / "reports" / str(year) / f"{organisation.id}.yaml"
    options = {"submitted": f"--date {day.isoformat()}"}
    if no_international_work:
        options["no_international_work"] = "--no-international-work"
    return SubmitResult(edit_record(target, path, change, options), report.submitted)
