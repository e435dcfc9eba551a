"""Loading a data root: parse every file, validate it against its model, collect issues.

A broken file gives issues and is left out of the record set; it never hides the findings
of the other files.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from intlpolicy.loading.files import DiskReader, Progress, Reader, discover
from intlpolicy.loading.modelerrors import validate_record
from intlpolicy.loading.pool import parse_all
from intlpolicy.loading.records import Issue, RecordSet, Source


@dataclass(frozen=True, slots=True)
class LoadResult:
    records: RecordSet
    issues: list[Issue]


def load_data_root(
    root: Path,
    display_root: str | None = None,
    reader: Reader | None = None,
    progress: Progress | None = None,
) -> LoadResult:
    """Read every record under `root` (from `reader`, the disk by default).

    Never raises for bad data: problems become issues.
    """
    shown = str(root) if display_root is None else display_root
    source_reader = reader if reader is not None else DiskReader(root)
    layout = discover(source_reader.listing(), shown)
    loaded = load_sources(layout.sources, source_reader, layout.issues, progress)
    loaded.records.report_years = layout.report_years
    return loaded


@contextmanager
def _collector_paused() -> Iterator[None]:
    # Thousands of live models make each cycle-collector pass slow, and this code builds no
    # reference cycles, so the collector is paused while records are built.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_sources(
    sources: list[Source],
    reader: Reader,
    issues: list[Issue],
    progress: Progress | None = None,
) -> LoadResult:
    records = RecordSet(files=len(sources))
    with _collector_paused():
        for source, data, parse_issues in parse_all(sources, reader, progress):
            assert source.kind is not None
            records.known.setdefault(source.kind.name, set()).add(source.record)
            issues.extend(parse_issues)
            if data is None:
                continue
            model = validate_record(source, data, issues)
            if model is None:
                continue
            records.by_kind(source.kind.name)[source.record] = model
            records.sources[(source.kind.name, source.record)] = source
    return LoadResult(records, issues)
