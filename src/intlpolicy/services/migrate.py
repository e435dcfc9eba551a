"""`migrate`: upgrade every record of a data root to a version of the record format.

The files are read with the fast loader first, and only the records of an older version are
edited, in one batch: each record's new bytes are made as `apply_edit` makes them (round-trip,
so comments and key order stay), then the data root is validated once with all of them in
place (`check_edits`, as `validate` checks), and only then are the files written, each
atomically. A record newer than the tool, or an upgrade that would bring an error, stops the
run before anything is written; a write that is refused (the file is read-only or changed
meanwhile) stops it too, and the files upgraded before it get their old bytes back.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from intlpolicy import __version__
from intlpolicy.editing.atomic import write_atomically
from intlpolicy.editing.roundtrip import Document, unified_diff
from intlpolicy.errors import Refused, UsageRefused
from intlpolicy.loading.files import DiskReader, discover, display_path
from intlpolicy.loading.parsing import parse_source
from intlpolicy.loading.records import Source
from intlpolicy.models.migrations import (
    CURRENT_SCHEMA_VERSION,
    oldest_readable,
    readable_versions,
    record_version,
    upgrade,
)
from intlpolicy.services.edits import (
    EditResult,
    check_edits,
    digest_of,
    record_rel,
    write_record,
)


class MigrationRefused(Refused):
    """The records were not upgraded: nothing was written."""


@dataclass(frozen=True, slots=True)
class MigrationResult:
    target: int
    dry_run: bool
    edits: list[EditResult]  # the upgraded records (or, with dry_run, those that would be)
    current: int  # records already at the target version (or newer ones left as they are)
    skipped: list[str]  # files without a readable version (shown paths): see `validate`


@dataclass(frozen=True, slots=True)
class _Plan:
    outdated: list[Source]
    current: int
    skipped: list[str]


def migrate_data_root(
    root: Path, display_root: str, to: int | None, *, dry_run: bool, today: date
) -> MigrationResult:
    """Upgrade the records under `root` to version `to` (the current one by default)."""
    target = CURRENT_SCHEMA_VERSION if to is None else to
    if not oldest_readable() <= target <= CURRENT_SCHEMA_VERSION:
        raise UsageRefused("migrate-unknown-version", value=target, readable=readable_versions())
    plan = _plan(root, display_root, target)
    upgraded = [_upgraded(root, display_root, source, target) for source in plan.outdated]
    changed = {rel: edit.after for rel, edit in upgraded if edit.changed}
    if changed:  # one validation of the whole root with every new file in place
        check_edits(root, display_root, changed, today)
    edits = [edit for _, edit in upgraded]
    if not dry_run:
        edits = _write_all(edits)
    return MigrationResult(target, dry_run, edits, plan.current, plan.skipped)


def _upgraded(root: Path, display_root: str, source: Source, target: int) -> tuple[str, EditResult]:
    """The record's place in the root and its upgrade, made as `apply_edit` makes an edit
    (round-trip load, change, dump, diff), not yet checked nor written."""
    assert source.kind is not None
    path = root.joinpath(*source.rel.split("/"))
    rel = record_rel(root, path, str(path))
    shown = display_path(display_root, rel)
    document = Document.load(path, shown)
    upgrade(document.data, source.kind.name, target)
    after = document.dump()
    diff = unified_diff(shown, document.original, after)
    changed = after != document.original
    return rel, EditResult(path, shown, document.original, after, diff, changed, written=False)


def _write_all(edits: list[EditResult]) -> list[EditResult]:
    """Write every changed file (each checked as `write_record` checks it); all or nothing:
    on a refusal the files written so far get their bytes back."""
    written: list[EditResult] = []
    try:
        for edit in edits:
            if edit.changed:
                write_record(edit.path, edit.shown, digest_of(edit.before), edit.after)
                written.append(replace(edit, written=True))
    except Refused:
        _restore(written)
        raise
    return [replace(edit, written=edit.changed) for edit in edits]


def _restore(written: list[EditResult]) -> None:
    """Give the files this run wrote their old bytes back: exactly the bytes that were read,
    and only while a file still holds what this run wrote (never over someone else's edit)."""
    for result in reversed(written):
        if not result.written:
            continue
        with open(result.path, "rb") as stream:
            if stream.read() != result.after:
                continue
        write_atomically(result.path, result.before, overwrite=True)


def _plan(root: Path, display_root: str, target: int) -> _Plan:
    """The records below `target`, read fast; refuses a record newer than this tool reads."""
    reader = DiskReader(root)
    layout = discover(reader.listing(), display_root)
    outdated: list[Source] = []
    current = 0
    skipped: list[str] = []
    for source in layout.sources:
        data = parse_source(source, reader, [])
        version = None if data is None else record_version(data)
        if version is None:  # broken, or no integer version: `validate` says why
            skipped.append(source.file)
        elif version > CURRENT_SCHEMA_VERSION:
            raise MigrationRefused(
                "migrate-record-too-new",
                file=source.file,
                value=version,
                current=CURRENT_SCHEMA_VERSION,
                tool=__version__,
            )
        elif version < oldest_readable():
            raise MigrationRefused(
                "migrate-record-too-old",
                file=source.file,
                value=version,
                readable=readable_versions(),
            )
        elif version < target:
            outdated.append(source)
        else:
            current += 1
    return _Plan(outdated, current, skipped)
