"""Ids are unique within their kind."""

from __future__ import annotations

from collections.abc import Iterator

from intlpolicy.checks.base import CheckContext, check
from intlpolicy.loading.records import Issue


@check
def unique_ids(context: CheckContext) -> Iterator[Issue]:
    records = context.records
    seen: dict[tuple[str, str], str] = {}
    for (kind, key), source in sorted(records.sources.items()):
        model = records.by_kind(kind)[key]
        value = getattr(model, "id", None)
        if value is None:
            continue
        first = seen.setdefault((kind, value), source.file)
        if first != source.file:
            yield Issue(source, "duplicate-id", {"value": value, "other": first}, ("id",))
