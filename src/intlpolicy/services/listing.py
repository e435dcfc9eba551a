"""`list`: the records of one kind, from a data root that may hold broken files.

A broken file is left out and counted, so a handläggare can still see the rest; the table
itself is built by the pure `intlpolicy.tabulation`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Final

from intlpolicy.errors import UnknownId, UsageRefused
from intlpolicy.findings import Severity, severity_of
from intlpolicy.loading.store import load_data_root
from intlpolicy.tabulation import ListFilters, RecordTable, list_records
from intlpolicy.vocabulary import ListKind

# The option each filter has on the command line, and the kinds it applies to.
FILTER_OPTIONS: Final[dict[str, tuple[str, frozenset[ListKind]]]] = {
    "organisation": ("--organisation", frozenset({"projects", "reports"})),
    "year": ("--year", frozenset({"projects", "reports"})),
    "route": ("--route", frozenset({"projects"})),
    "missing_notice": ("--missing-notice", frozenset({"projects"})),
}


class ListUsageRefused(UsageRefused):
    """`list` was asked for something its options cannot mean (exit 2)."""


@dataclass(frozen=True, slots=True)
class ListRequest:
    """What `list` was asked for; refuses a filter that does not apply to the kind."""

    root: Path
    shown: str  # the data root as the user wrote it
    kind: ListKind
    today: date
    filters: ListFilters = field(default_factory=ListFilters)

    def __post_init__(self) -> None:
        not_applicable = unsupported_filters(self.kind, self.filters)
        if not_applicable:
            raise ListUsageRefused(
                "list-filter-not-applicable", options=", ".join(not_applicable), kind=self.kind
            )


@dataclass(frozen=True, slots=True)
class ListResult:
    table: RecordTable
    skipped_files: int  # record files with errors, left out


def unsupported_filters(kind: ListKind, filters: ListFilters) -> list[str]:
    """The options given that do not apply to `kind`."""
    given = {
        "organisation": filters.organisation is not None,
        "year": filters.year is not None,
        "route": filters.route is not None,
        "missing_notice": filters.missing_notice,
    }
    return [
        option
        for name, (option, kinds) in FILTER_OPTIONS.items()
        if given[name] and kind not in kinds
    ]


def list_data_root(request: ListRequest) -> ListResult:
    """Load the data root and list one kind of record. Bad data is skipped, never raised;
    an --organisation that names no organisation is refused with a did-you-mean."""
    loaded = load_data_root(request.root, request.shown)
    broken = {
        issue.source.rel
        for issue in loaded.issues
        if issue.source.kind is not None and severity_of(issue.code) is Severity.ERROR
    }
    records = loaded.records
    wanted = request.filters.organisation
    if wanted is not None and not records.is_known("organisation", wanted):
        raise UnknownId("organisationen", wanted, records.known.get("organisation", ()))
    table = list_records(request.kind, records, request.filters, request.today)
    return ListResult(table, len(broken))
