"""`validate`: load a data root, run every check, and locate the findings.

`valid_records` is the same for the commands that need records without errors (the yearly
report, the published lists): it refuses, with the errors as findings, when there are any.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from intlpolicy.checks import CheckContext, run_checks
from intlpolicy.errors import Refused
from intlpolicy.findings import Finding, Severity
from intlpolicy.loading.files import DiskReader, Progress, Reader
from intlpolicy.loading.locate import locate
from intlpolicy.loading.record_cache import RecordCache
from intlpolicy.loading.records import RecordSet
from intlpolicy.loading.store import load_data_root


@dataclass(frozen=True, slots=True)
class Source:
    """Where a command's records come from: the data root, the form of it that findings show
    (as the user wrote it), the files' reader (a git revision; None: the disk) and a progress
    callback for the loader."""

    root: Path
    display_root: str
    reader: Reader | None = None
    progress: Progress | None = None
    cached: bool = False  # use the per-file cache (files on disk only; never for a revision)


@dataclass(frozen=True, slots=True)
class ValidationResult:
    records: RecordSet
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    @property
    def record_count(self) -> int:
        return self.records.files

    def ok(self, strict: bool = False) -> bool:
        return not self.errors and not (strict and self.warnings)


def validate_data_root(
    root: Path,
    today: date,
    display_root: str | None = None,
    reader: Reader | None = None,
    progress: Progress | None = None,
    cached: bool = False,
) -> ValidationResult:
    """Every finding of a data root in one pass. Never raises for bad data.

    `reader` gives the files (e.g. of a git revision); by default they are read from disk.
    `cached`: files on disk whose bytes an earlier run saw are taken from the per-file cache
    (`loading/record_cache.py`); the cross-record checks and the duties always run.
    """
    source_reader = reader if reader is not None else DiskReader(root)
    cache = RecordCache(root) if cached and reader is None else None
    loaded = load_data_root(root, display_root, source_reader, progress, cache)
    issues = loaded.issues + run_checks(CheckContext(loaded.records, today))
    findings = locate(issues, source_reader.read_text, cache)
    if cache is not None:
        cache.save()
    return ValidationResult(loaded.records, findings)


def validate_source(source: Source, today: date) -> ValidationResult:
    """Every finding of the source's records, the duties judged on `today`."""
    return validate_data_root(
        source.root, today, source.display_root, source.reader, source.progress, source.cached
    )


def valid_records(
    source: Source, today: date, refusal: type[Refused], code: str
) -> ValidationResult:
    """Validate, then refuse on errors: `refusal(code)` carries the errors as its findings and
    their number as `count`. Warnings do not stop the caller; they are in the result."""
    result = validate_source(source, today)
    if result.errors:
        raise refusal(code, result.errors, count=len(result.errors))
    return result
