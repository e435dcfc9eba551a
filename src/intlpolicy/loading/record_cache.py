"""The per-file cache: what a record file's bytes alone decide, kept from one run to the next.

For each file: the validated record (or None), its file-local issues (parse and schema) and
the positions of the fields its findings point at, keyed by the file's path and the hash of its
bytes. One pack per data root and tool (`cachefiles.tool_identity` and SCHEMA_VERSION name
it), in `$XDG_CACHE_HOME/intlpolicy/records/`. The cross-record checks and the duties are never
cached: they depend on other files and on the date.

A pack holds only the entries of the files its run read, so it never outgrows the data root;
at most MAX_PACKS packs are kept (the oldest are removed).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from pydantic import BaseModel

from intlpolicy.loading import cachefiles
from intlpolicy.loading.cachefiles import file_digest
from intlpolicy.loading.files import MAX_FILE_BYTES, Reader
from intlpolicy.loading.records import Issue, Source

# The record format this tool reads (`schema_version: 1`): part of every pack's name.
SCHEMA_VERSION: Final = 1
MAX_PACKS: Final = 16
MAX_PACK_BYTES: Final = 1024 * 1024 * 1024

Position = tuple[int, int]
# An issue without its source: code, parameters, field path, at the key, position.
StoredIssue = tuple[str, dict[str, Any], tuple[str | int, ...], bool, Position | None]


@dataclass(slots=True)
class Entry:
    record: BaseModel | None
    issues: tuple[StoredIssue, ...]
    positions: dict[tuple[tuple[str | int, ...], bool], Position] = field(default_factory=dict)

    def issues_of(self, source: Source) -> list[Issue]:
        return [Issue(source, *stored) for stored in self.issues]


class RecordCache:
    """The pack of one data root: looked up file by file, saved once at the end of a run."""

    def __init__(self, root: Path) -> None:
        self._path: str | None = None
        self._stored: dict[tuple[str, bytes], Entry] = {}
        self._used: dict[tuple[str, bytes], Entry] = {}
        self._digests: dict[str, bytes] = {}  # rel -> the digest of its entry this run
        self._verified: set[str] = set()  # files read again to locate, still the same bytes
        self._changed = False
        folder = cachefiles.cache_folder("records")
        if folder is None:
            return
        name = hashlib.blake2b(digest_size=16)
        name.update(cachefiles.tool_identity())
        name.update(f"schema {SCHEMA_VERSION}\0{os.path.realpath(root)}".encode())
        self._path = os.path.join(folder, name.hexdigest())
        contents = cachefiles.read_entry(self._path, MAX_PACK_BYTES)
        if contents is None:
            return
        try:
            stored = pickle.loads(contents)
        except Exception:  # a pack of an older form, or damaged past its checksum
            return
        if isinstance(stored, dict):
            self._stored = stored

    def lookup(self, source: Source, reader: Reader) -> Entry | None:
        """The entry for the file's current bytes, or None (the file is then parsed)."""
        try:
            raw = reader.read_bytes(source.rel)
        except OSError:
            return None
        if len(raw) > MAX_FILE_BYTES:
            return None
        key = (source.rel, file_digest(raw))
        entry = self._stored.get(key)
        if entry is None or not isinstance(entry, Entry):
            return None
        self._used[key] = entry
        self._digests[source.rel] = key[1]
        return entry

    def remember(
        self, source: Source, digest: bytes | None, record: Any, issues: list[Issue]
    ) -> None:
        """Keep a file just parsed (`digest`: of the bytes parsed; None: nothing to keep)."""
        if digest is None:
            return
        stored = tuple((i.code, i.params, i.path, i.at_key, i.position) for i in issues)
        self._used[(source.rel, digest)] = Entry(record, stored)
        self._digests[source.rel] = digest
        self._changed = True

    def known_position(self, rel: str, issue: Issue) -> Position | None:
        """Where the issue's field is in the file, if an earlier run of its bytes found it."""
        entry = self._entry(rel)
        return None if entry is None else entry.positions.get((issue.path, issue.at_key))

    def _entry(self, rel: str) -> Entry | None:
        digest = self._digests.get(rel)
        return None if digest is None else self._used.get((rel, digest))

    def learn_position(self, rel: str, text: str | None, issue: Issue, at: Position) -> None:
        """Keep a position found in `text`, if `text` is still the bytes of the entry."""
        digest = self._digests.get(rel)
        entry = self._entry(rel)
        if entry is None or digest is None or text is None:
            return
        if rel not in self._verified:
            if file_digest(text.encode("utf-8")) != digest and not _with_bom(text, digest):
                self._used.pop((rel, digest), None)  # changed meanwhile: keep nothing of it
                self._changed = True
                return
            self._verified.add(rel)
        entry.positions[(issue.path, issue.at_key)] = at
        self._changed = True

    def save(self) -> None:
        """Write the pack of this run's files, if anything differs from the stored one."""
        if self._path is None:
            return
        if not self._changed and len(self._used) == len(self._stored):
            return
        try:
            contents = pickle.dumps(self._used, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # something in a record that pickle cannot keep: keep nothing
            return
        if cachefiles.write_entry(self._path, contents):
            cachefiles.evict(os.path.dirname(self._path), MAX_PACKS, MAX_PACK_BYTES)


def _with_bom(text: str, digest: bytes) -> bool:
    return file_digest(("\ufeff" + text).encode("utf-8")) == digest
