"""Editing a record in place: load round-trip, change, check like `validate`, write atomically.

`apply_edit` is the one way a command changes an existing record:

- the path must be a record file inside the data root, also after following links;
- the change is applied to the round-trip document (comments, order and quoting kept);
- the data root is validated with the new bytes in place of the file, by the same loader,
  models and checks as `validate`: an edit that brings new errors is refused, with them;
- the file must still hold the bytes that were read (a content hash), else nothing is written;
- a read-only file is refused; the write is atomic (`editing/atomic.py`), so a full disk or
  a refused write leaves the file as it was.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from intlpolicy.editing.atomic import os_cause, write_atomically
from intlpolicy.editing.roundtrip import Change, Document, unified_diff
from intlpolicy.errors import Refused
from intlpolicy.findings import Finding
from intlpolicy.loading.files import DiskReader, Listing, display_path
from intlpolicy.services.validate import validate_data_root

__all__ = [
    "EditInvalid",
    "EditRefused",
    "EditResult",
    "OverlayReader",
    "apply_edit",
    "check_edits",
    "digest_of",
    "new_errors",
    "record_rel",
    "write_record",
]


class EditRefused(Refused):
    """A record was not changed: the edit would break it, or the file cannot be written."""


class EditInvalid(EditRefused):
    """The record with the change would have errors it did not have (`edit-invalid`): one
    line names the first, where it is and the option that set it; `findings` holds them all."""

    findings_in_message = True


@dataclass(frozen=True, slots=True)
class EditResult:
    path: Path
    shown: str  # the path as the user sees it (the data root as they wrote it)
    before: bytes
    after: bytes
    diff: str  # unified diff, empty when nothing changed
    changed: bool
    written: bool


class OverlayReader:
    """The data root on disk, except the files whose bytes are given (the edits to check):
    `OverlayReader(disk, {rel: raw, ...})`, or `OverlayReader(disk, rel, raw)` for one."""

    forkable = True  # holds no open handles: a forked worker can read with it

    def __init__(
        self, disk: DiskReader, files: Mapping[str, bytes] | str, raw: bytes | None = None
    ) -> None:
        self.disk = disk
        if isinstance(files, str):
            assert raw is not None, "one file: its rel and its bytes"
            files = {files: raw}
        self.files = dict(files)

    def listing(self) -> Listing:
        listing = self.disk.listing()
        present = set(listing.files)
        added = [rel for rel in self.files if rel not in present]
        if not added:
            return listing
        return Listing(sorted([*listing.files, *added]), listing.folders, listing.problems)

    def size(self, rel: str) -> int:
        raw = self.files.get(rel)
        return self.disk.size(rel) if raw is None else len(raw)

    def read_bytes(self, rel: str) -> bytes:
        raw = self.files.get(rel)
        return self.disk.read_bytes(rel) if raw is None else raw

    def read_text(self, rel: str) -> str | None:
        raw = self.files.get(rel)
        if raw is None:
            return self.disk.read_text(rel)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return None


def record_rel(root: Path, path: Path, shown: str) -> str:
    """`path`'s place in the data root (forward slashes); refuses a path outside it, also
    one that leads out of it through a symbolic link."""
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    if rel == os.curdir or rel.split(os.sep, 1)[0] == os.pardir:
        raise EditRefused("edit-outside-root", file=shown, root=root)
    real_root = os.path.realpath(root)
    if not os.path.realpath(path).startswith(real_root.rstrip(os.sep) + os.sep):
        raise EditRefused("edit-link-outside-root", file=shown, root=root)
    return rel.replace(os.sep, "/")


def _key(finding: Finding) -> tuple[str, str, str, str, str]:
    return (finding.file, finding.record, finding.path, finding.code, finding.message)


def new_errors(before: list[Finding], after: list[Finding]) -> list[Finding]:
    """The errors of `after` that `before` did not have (lines may have moved)."""
    known = {_key(finding) for finding in before}
    return [finding for finding in after if _key(finding) not in known]


def check_edit(
    root: Path,
    display_root: str,
    rel: str,
    raw: bytes,
    today: date,
    options: Mapping[str, str] | None = None,
) -> None:
    """Refuse (`edit-invalid`, with the errors) when the data root with `raw` in place of
    `rel` has errors it did not have before. `options` names what set a field: a field's
    path (or the path it begins with) -> the option and value (`--from 2026-10-01`)."""
    check_edits(root, display_root, {rel: raw}, today, options)


def check_edits(
    root: Path,
    display_root: str,
    files: Mapping[str, bytes],
    today: date,
    options: Mapping[str, str] | None = None,
) -> None:
    """`check_edit` for several files at once (rel -> new bytes): the data root is validated
    once with all of them in place, and once more as it is only when that has errors."""
    disk = DiskReader(root)
    after = validate_data_root(root, today, display_root, OverlayReader(disk, files)).errors
    if not after:
        return
    before = validate_data_root(root, today, display_root, disk).errors
    introduced = new_errors(before, after)
    if introduced:
        raise _invalid(introduced, options or {})


def _invalid(introduced: list[Finding], options: Mapping[str, str]) -> EditInvalid:
    first, count = introduced[0], len(introduced)
    prefixes = [
        key for key in options if first.path == key or first.path.startswith((key + ".", key + "["))
    ]
    what = options[max(prefixes, key=len)] if prefixes else "ändringen"
    return EditInvalid(
        "edit-invalid",
        introduced,
        file=first.file,
        line=first.line,
        column=first.column,
        what=what,
        problem=first.message,
        more=f" (och {count - 1} fel till)" if count > 1 else "",
    )


def write_record(path: Path, shown: str, digest: str, after: bytes) -> None:
    """Replace the record at `path` by `after`, atomically, unless it is read-only or no
    longer holds the bytes whose digest (`digest_of`) is `digest`."""
    _check_writable(path, shown)
    _check_unchanged(path, shown, digest)
    write_atomically(path, after, overwrite=True)


def digest_of(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _check_unchanged(path: Path, shown: str, digest: str) -> None:
    try:
        with open(path, "rb") as stream:
            now = stream.read()
    except OSError as error:
        raise EditRefused("edit-not-written", file=shown, cause=os_cause(error)) from None
    if digest_of(now) != digest:
        raise EditRefused("edit-changed-underneath", file=shown)


def _check_writable(path: Path, shown: str) -> None:
    mode = os.stat(path).st_mode
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        raise EditRefused("edit-read-only", file=shown)


def apply_edit(
    root: Path,
    path: Path,
    change: Change,
    *,
    dry_run: bool,
    today: date,
    display_root: str | None = None,
    options: Mapping[str, str] | None = None,
) -> EditResult:
    """Apply `change` to the record at `path` under the data root `root` and write it (not
    when `dry_run`). Raises EditRefused (or DocumentRefused for a file that cannot be read
    as a record); the file is then byte-for-byte unchanged. `options`: see `check_edit`."""
    shown_root = str(root) if display_root is None else display_root
    rel = record_rel(root, path, str(path))
    shown = display_path(shown_root, rel)
    document = Document.load(path, shown)
    digest = digest_of(document.original)
    change(document.data)
    after = document.dump()
    changed = after != document.original
    diff = unified_diff(shown, document.original, after)
    if changed:
        check_edit(root, shown_root, rel, after, today, options)
    if changed and not dry_run:
        write_record(path, shown, digest, after)
    return EditResult(path, shown, document.original, after, diff, changed, changed and not dry_run)
