"""Names agree: a file is named after its record's id, a report after its year and
organisation, a compiled report after its year, and no two records of a kind share an id."""

from __future__ import annotations

from collections.abc import Iterator

from intlpolicy.checks.base import CheckContext, check
from intlpolicy.loading.records import Issue, Source
from intlpolicy.models import CompiledReport, Report
from intlpolicy.routing import same_day_versions, version_names


@check
def names_match_files(context: CheckContext) -> Iterator[Issue]:
    records = context.records
    for (kind, key), source in records.sources.items():
        model = records.by_kind(kind)[key]
        if isinstance(model, Report):
            yield from _report_names(source, model)
            continue
        if isinstance(model, CompiledReport):
            if model.key != key:
                params = {"value": model.year, "expected": f"{model.year}.yaml"}
                yield Issue(source, "compiled-report-year-mismatch", params, ("year",))
            continue
        value = getattr(model, "id", key)
        if value == key:
            continue
        if records.is_known(kind, value):
            # The id is another file's name: say which, that is what the user needs.
            other = records.sources.get((kind, value))
            shown = other.file if other else f"{value}.yaml"
            yield Issue(source, "duplicate-id", {"value": value, "other": shown}, ("id",))
        else:
            yield Issue(
                source, "id-mismatch", {"value": value, "expected": f"{value}.yaml"}, ("id",)
            )


@check
def policy_days_differ(context: CheckContext) -> Iterator[Issue]:
    """No two policy versions in force from the same day: which one applies is then unknown."""
    records = context.records
    keys = {id(policy): key for key, policy in records.policies.items()}
    for day, versions in same_day_versions(records.policies.values()).items():
        params = {"versions": version_names(versions), "day": day.isoformat()}
        for policy in versions:
            source = records.source("policy", keys[id(policy)])
            yield Issue(source, "policy-same-day", params, ("in_force_from",))


def _report_names(source: Source, report: Report) -> Iterator[Issue]:
    folder, stem = source.record.split("/", 1)
    if str(report.year) != folder:
        yield Issue(
            source, "report-year-mismatch", {"value": report.year, "folder": folder}, ("year",)
        )
    if report.organisation != stem:
        yield Issue(
            source,
            "report-organisation-mismatch",
            {"value": report.organisation, "expected": f"{report.organisation}.yaml"},
            ("organisation",),
        )
