"""Every `organisation`, `parent`, `networks`, `twin_cities` and `projects` value names a record."""

from __future__ import annotations

from collections.abc import Iterator

from intlpolicy.checks.base import CheckContext, check
from intlpolicy.findings import did_you_mean
from intlpolicy.labels import RECORD_KINDS
from intlpolicy.loading.records import Issue, Source


def _reference(
    context: CheckContext, source: Source, kind: str, value: str, path: tuple[str | int, ...]
) -> Iterator[Issue]:
    records = context.records
    if records.is_known(kind, value):
        return
    hint = did_you_mean(value, records.known.get(kind, ()))
    yield Issue(
        source,
        "unknown-reference",
        {"kind": RECORD_KINDS[kind], "value": value, "hint": hint},
        path,
    )


@check
def organisation_references(context: CheckContext) -> Iterator[Issue]:
    records = context.records
    for key, organisation in records.organisations.items():
        if organisation.parent is not None:
            source = records.source("organisation", key)
            yield from _reference(context, source, "organisation", organisation.parent, ("parent",))
    for key, project in records.projects.items():
        source = records.source("project", key)
        yield from _reference(
            context, source, "organisation", project.organisation, ("organisation",)
        )
    for key, network in records.networks.items():
        source = records.source("network", key)
        for index, participant in enumerate(network.participants):
            yield from _reference(
                context,
                source,
                "organisation",
                participant.organisation,
                ("participants", index, "organisation"),
            )


@check
def report_references(context: CheckContext) -> Iterator[Issue]:
    records = context.records
    for key, report in records.reports.items():
        source = records.source("report", key)
        yield from _reference(
            context, source, "organisation", report.organisation, ("organisation",)
        )
        for index, activity in enumerate(report.activities):
            for field, kind, values in (
                ("networks", "network", activity.networks),
                ("twin_cities", "twin_city", activity.twin_cities),
                ("projects", "project", activity.projects),
            ):
                for position, value in enumerate(values):
                    yield from _reference(
                        context, source, kind, value, ("activities", index, field, position)
                    )


@check
def parent_loops(context: CheckContext) -> Iterator[Issue]:
    """An organisation whose chain of `parent` comes back to itself: one error on each file
    of the loop, naming it from that organisation."""
    records = context.records
    parents = {key: o.parent for key, o in records.organisations.items() if o.parent is not None}
    for key in parents:
        chain = [key]
        while (parent := parents.get(chain[-1])) is not None and parent not in chain:
            chain.append(parent)
        if parent == key:
            loop = " → ".join([*chain, key])
            yield Issue(
                records.source("organisation", key), "parent-loop", {"loop": loop}, ("parent",)
            )
