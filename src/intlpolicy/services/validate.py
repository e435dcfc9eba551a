"""`validate`: load a data root, run every check, and locate the findings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from intlpolicy.checks import CheckContext, run_checks
from intlpolicy.findings import Finding, Severity
from intlpolicy.loading.files import DiskReader
from intlpolicy.loading.locate import locate
from intlpolicy.loading.records import RecordSet
from intlpolicy.loading.store import Progress, Reader, load_data_root


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
) -> ValidationResult:
    """Every finding of a data root in one pass. Never raises for bad data.

    `reader` gives the files (e.g. of a git revision); by default they are read from disk.
    """
    source_reader = reader if reader is not None else DiskReader(root)
    loaded = load_data_root(root, display_root, source_reader, progress)
    issues = loaded.issues + run_checks(CheckContext(loaded.records, today))
    return ValidationResult(loaded.records, locate(issues, source_reader.read_text))
