"""Example records (`example: true`, as `init --from blank` writes them) are checked like any
record; a real record that refers to one, or a real project decided under an example policy,
is a warning: the example has to be replaced before the real record can be relied on."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from intlpolicy.checks.base import CheckContext, check
from intlpolicy.labels import RECORD_KINDS
from intlpolicy.loading.records import Issue, RecordSet, Source
from intlpolicy.routing import PolicyTied, deciding_date, policy_in_force


def _examples(records: RecordSet) -> set[tuple[str, str]]:
    """(kind, id) of every example record a record can name."""
    return {
        (kind, key)
        for kind in ("organisation", "project", "network", "twin_city")
        for key, record in records.by_kind(kind).items()
        if record.example
    }


def _references(record: Any, kind: str) -> Iterator[tuple[str, str, tuple[str | int, ...]]]:
    """(kind, id, path) of every record that `record` names."""
    if kind == "organisation" and record.parent is not None:
        yield "organisation", record.parent, ("parent",)
    if kind in ("project", "report"):
        yield "organisation", record.organisation, ("organisation",)
    if kind == "network":
        for index, participant in enumerate(record.participants):
            yield "organisation", participant.organisation, ("participants", index, "organisation")
    if kind == "report":
        for index, activity in enumerate(record.activities):
            for field, named in (
                ("networks", "network"),
                ("twin_cities", "twin_city"),
                ("projects", "project"),
            ):
                for position, value in enumerate(getattr(activity, field)):
                    yield named, value, ("activities", index, field, position)


def _warning(source: Source, kind: str, value: str, path: tuple[str | int, ...]) -> Issue:
    params = {"kind": RECORD_KINDS[kind], "value": value}
    return Issue(source, "example-reference", params, path)


@check
def references_to_examples(context: CheckContext) -> Iterator[Issue]:
    records = context.records
    examples = _examples(records)
    if not examples:  # the usual register: no record to look through
        return
    for kind in ("organisation", "project", "report", "network"):
        for key, record in records.by_kind(kind).items():
            if record.example:
                continue
            for named, value, path in _references(record, kind):
                if (named, value) in examples:
                    yield _warning(records.source(kind, key), named, value, path)


@check
def real_projects_under_an_example_policy(context: CheckContext) -> Iterator[Issue]:
    records = context.records
    if not any(policy.example for policy in records.policies.values()):
        return
    for key, project in records.projects.items():
        submitted = project.application.submitted if project.application else None
        day, _ = deciding_date(submitted, None, context.today)
        try:
            policy = policy_in_force(records.policies.values(), day)
        except PolicyTied:  # the version cannot be told; `policy_days_differ` says so
            continue
        if not project.example and policy is not None and policy.example:
            source = records.source("project", key)
            yield _warning(source, "policy", policy.id, ())
