"""`migrate`: upgrade every record of a data root to a version of the record format.

The files are read with the fast loader first, and only the records of an older version are
edited, each through `apply_edit` (round-trip, so comments and key order stay; checked like
`validate`; written atomically). A record newer than the tool stops the run before anything is
written; an edit that is refused (it would bring errors, the file is read-only or changed
meanwhile) stops it too, and the files upgraded before it get their old bytes back.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from intlpolicy import __version__
from intlpolicy.editing.atomic import write_atomically
from intlpolicy.errors import Refused, UsageRefused
from intlpolicy.loading.files import DiskReader, discover
from intlpolicy.loading.parsing import parse_source
from intlpolicy.loading.records import Source
from intlpolicy.models.migrations import (
    CURRENT_SCHEMA_VERSION,
    oldest_readable,
    readable_versions,
    record_version,
    upgrade,
)
from intlpolicy.services.edits import EditResult, apply_edit


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

    def edit(source: Source, *, write: bool) -> EditResult:
        assert source.kind is not None
        kind = source.kind.name

        def change(data: MutableMapping[str, Any]) -> None:
            upgrade(data, kind, target)

        path = root.joinpath(*source.rel.split("/"))
        return apply_edit(
            root, path, change, dry_run=not write, today=today, display_root=display_root
        )

    edits: list[EditResult] = []
    try:
        for source in plan.outdated:
            edits.append(edit(source, write=not dry_run))
    except Refused:
        _restore(edits)  # all or nothing: the files written so far get their bytes back
        raise
    return MigrationResult(target, dry_run, edits, plan.current, plan.skipped)


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
