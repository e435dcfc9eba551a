"""`fmt`: every record of a data root in the one canonical layout (`editing/canonical.py`).

Each file is read once and parsed by the fast reader that `validate` uses; only a file that
the cheap check says may differ is formatted (a round trip through ruamel.yaml). A formatted
file must read back as exactly the same values, else nothing is written. A file that cannot
be read as a record (a YAML error) is not formatted: it is listed with its error, as
`validate` shows it. Written files go through the same checks as every edit
(`services/edits.py`): inside the data root, writable, unchanged since read, atomic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from intlpolicy.editing.canonical import canonical_bytes, layout_may_differ, misordered
from intlpolicy.editing.roundtrip import DocumentRefused
from intlpolicy.errors import Refused
from intlpolicy.findings import Finding
from intlpolicy.loading import yamlparse
from intlpolicy.loading.files import DiskReader, Listing, decode, discover
from intlpolicy.loading.locate import locate
from intlpolicy.loading.parsing import parse_source
from intlpolicy.loading.records import Issue, Source
from intlpolicy.services.edits import digest_of, record_rel, write_record

__all__ = ["FmtResult", "FormattedFile", "format_data_root"]


@dataclass(frozen=True, slots=True)
class FormattedFile:
    rel: str
    shown: str
    before: bytes
    after: bytes


@dataclass(slots=True)
class FmtResult:
    checked: int = 0  # record files read
    changed: list[FormattedFile] = field(default_factory=list)  # not canonical (or: formatted)
    unreadable: list[Finding] = field(default_factory=list)  # not formatted: why
    unread_files: int = 0  # files that cannot be read as a record (a YAML error, say)
    refused_files: int = 0  # files read, whose new layout would read as other values
    written: bool = False


class _Remembering:
    """The disk reader, keeping the bytes of the file read last (each file is read once)."""

    def __init__(self, disk: DiskReader) -> None:
        self.disk = disk
        self.raw = b""

    def listing(self) -> Listing:
        return self.disk.listing()

    def size(self, rel: str) -> int:
        return self.disk.size(rel)

    def read_bytes(self, rel: str) -> bytes:
        self.raw = self.disk.read_bytes(rel)
        return self.raw

    def read_text(self, rel: str) -> str | None:
        return self.disk.read_text(rel)


def _canonical(source: Source, raw: bytes, data: dict[str, object]) -> bytes:
    """The file's canonical bytes; refuses when they would not read back as `data`."""
    assert source.kind is not None
    model = source.kind.model
    if not misordered(data, model) and not layout_may_differ(raw):
        return raw
    after = canonical_bytes(raw, model, source.file)
    if after != raw and not _same_values(after, data):
        raise Refused("fmt-would-change-values", file=source.file)
    return after


def _same_values(after: bytes, data: dict[str, object]) -> bool:
    """Whether the formatted bytes read back as `data` (an alias moved above its anchor
    would not read at all)."""
    try:
        return bool(yamlparse.load(decode(after)) == data)
    except yamlparse.YamlProblem:
        return False


def format_data_root(root: Path, display_root: str, *, check: bool) -> FmtResult:
    """Find (`check`) or put right (else) every record file not in the canonical layout."""
    reader = _Remembering(DiskReader(root))
    layout = discover(reader.listing(), display_root)
    result = FmtResult()
    issues: list[Issue] = []
    refused: list[Finding] = []
    for source in layout.sources:
        reader.raw = b""
        data = parse_source(source, reader, issues)
        result.checked += 1
        if data is None:
            result.unread_files += 1
            continue
        try:
            after = _canonical(source, reader.raw, data)
        except DocumentRefused as document:
            refused.extend(document.findings)
            result.refused_files += 1
            continue
        if after != reader.raw:
            result.changed.append(FormattedFile(source.rel, source.file, reader.raw, after))
    result.unreadable = sorted(
        locate(issues, reader.read_text) + refused, key=lambda f: (f.file, f.line, f.column)
    )
    if not check:
        for formatted in result.changed:
            path = root / formatted.rel
            record_rel(root, path, formatted.shown)
            write_record(path, formatted.shown, digest_of(formatted.before), formatted.after)
        result.written = bool(result.changed)
    return result
