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
from typing import Final

from pydantic import BaseModel

from intlpolicy.loading.files import DiskReader, Progress, Reader, discover
from intlpolicy.loading.modelerrors import validate_record
from intlpolicy.loading.pool import parse_all
from intlpolicy.loading.record_cache import Entry, RecordCache
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
    cache: RecordCache | None = None,
) -> LoadResult:
    """Read every record under `root` (from `reader`, the disk by default; `cache`: the
    per-file cache, whose entries stand in for parsing and validating unchanged files).

    Never raises for bad data: problems become issues.
    """
    shown = str(root) if display_root is None else display_root
    source_reader = reader if reader is not None else DiskReader(root)
    layout = discover(source_reader.listing(), shown)
    loaded = load_sources(layout.sources, source_reader, layout.issues, progress, cache)
    loaded.records.report_years = layout.report_years
    return loaded


# From this many files on, the records are moved to the collector's oldest generation when
# loaded (below, the pass that would walk them is short).
AGED_MIN_FILES: Final = 1000


@contextmanager
def _collector_paused(many: bool) -> Iterator[None]:
    # Thousands of live models make each cycle-collector pass slow, and this code builds no
    # reference cycles, so the collector is paused while records are built. With `many`, every
    # object is then moved to its oldest generation at once (frozen and thawed: no pass walks
    # them for that): else its first pass after would walk every object made meanwhile (0.3 s
    # at 10 000 records). Only a full collection then sees them (and any other object of the
    # process: garbage cycles made before wait for it).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if many:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def load_sources(
    sources: list[Source],
    reader: Reader,
    issues: list[Issue],
    progress: Progress | None = None,
    cache: RecordCache | None = None,
) -> LoadResult:
    records = RecordSet(files=len(sources))
    with _collector_paused(many=len(sources) >= AGED_MIN_FILES):
        for source, model, file_issues in _each_file(sources, reader, progress, cache):
            assert source.kind is not None
            records.known.setdefault(source.kind.name, set()).add(source.record)
            issues.extend(file_issues)
            if model is None:
                continue
            records.by_kind(source.kind.name)[source.record] = model
            records.sources[(source.kind.name, source.record)] = source
    return LoadResult(records, issues)


Loaded = tuple[Source, BaseModel | None, list[Issue]]


def _each_file(
    sources: list[Source], reader: Reader, progress: Progress | None, cache: RecordCache | None
) -> Iterator[Loaded]:
    """Every file's record (None: broken) and file-local issues, in the order of `sources`:
    from the cache's entry for its bytes, or parsed and validated (and then remembered)."""
    hits = {} if cache is None else _cached(sources, reader, progress, cache)
    misses = [source for source in sources if source.rel not in hits]
    parsed = parse_all(misses, reader, progress, hashed=cache is not None)
    for source in sources:
        entry = hits.get(source.rel)
        if entry is not None:
            yield source, entry.record, entry.issues_of(source)
            continue
        _, data, file_issues, digest = next(parsed)
        model = None if data is None else validate_record(source, data, file_issues)
        if cache is not None:
            cache.remember(source, digest, model, file_issues)
        yield source, model, file_issues
    for _ in parsed:  # pragma: no cover - every file was taken; this lets the pool finish
        raise AssertionError("a file parsed twice")


def _cached(
    sources: list[Source], reader: Reader, progress: Progress | None, cache: RecordCache
) -> dict[str, Entry]:
    hits: dict[str, Entry] = {}
    for source in sources:
        entry = cache.lookup(source, reader)
        if entry is not None:
            hits[source.rel] = entry
    if progress and hits:
        progress(len(hits), len(sources))
    return hits
