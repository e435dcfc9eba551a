"""The per-file cache: what a record file's bytes alone decide, kept from one run to the next.

For each file: the validated record (or None), its file-local issues (parse and schema) and
the positions of the fields its findings point at, keyed by the file's path and the hash of its
bytes. One pack per data root and tool (`cachefiles.tool_identity` and SCHEMA_VERSION name
it), in `$XDG_CACHE_HOME/intlpolicy/records/`. The cross-record checks and the duties are never
cached: they depend on other files and on the date.

The hash of a file's bytes is known without reading them when the file's `lstat` (size,
modification and change time in ns, inode, device) is the one the pack recorded beside the
hash, as git's index does: a change of the bytes changes the change time (ctime), which no
program can set. A file whose times are within STAT_TRUST_NS of the start of the run that
recorded them ("racily clean") is read and hashed again.

Each entry is pickled on its own and read from the pack only when looked up, so a run
re-pickles only the entries it changed and never holds the pack in memory. A pack holds only
the entries of its run's files, so it never outgrows the data root; at most
MAX_PACKS packs are kept (the oldest are removed).
"""

from __future__ import annotations

import os
import pickle
import stat
import struct
import time
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from pydantic import BaseModel

from intlpolicy.loading import cachefiles, run_cache
from intlpolicy.loading.cachefiles import file_digest
from intlpolicy.loading.files import MAX_FILE_BYTES, Reader
from intlpolicy.loading.model_pickle import pickled
from intlpolicy.loading.records import Issue, Source

# The record format this tool reads (`schema_version: 1`): part of every pack's name.
SCHEMA_VERSION: Final = 1
MAX_PACKS: Final = 16
MAX_PACK_BYTES: Final = 1024 * 1024 * 1024
# Coarser than any file system's time stamps: a file changed this close to a run's start may
# have had its bytes changed again under the same time stamp.
STAT_TRUST_NS: Final = 2_000_000_000

Position = tuple[int, int]
# An issue without its source: code, parameters, field path, at the key, position.
StoredIssue = tuple[str, dict[str, Any], tuple[str | int, ...], bool, Position | None]
Key = tuple[str, bytes]  # the file's path in the data root, the hash of its bytes
Signature = tuple[int, int, int, int, int]  # size, mtime_ns, ctime_ns, inode, device


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
        self._prefix = os.path.join(root, "")  # the root with a separator; rel has "/"
        self._started = time.time_ns()
        self._path: str | None = None
        self._pack: int | None = None  # the stored pack, open; its entries are read from it
        self._base = 0  # where its entries start
        self._index: dict[Key, tuple[int, int]] = {}  # where each entry's pickle is in it
        self._known: dict[str, tuple[Signature, bytes]] = {}  # rel -> lstat and hash seen
        self._recorded = 0  # when the run that wrote the pack started
        self._used: dict[Key, Entry] = {}
        self._kept: dict[Key, tuple[int, int]] = {}  # entries used unchanged: copied over
        self._seen: dict[str, tuple[Signature, bytes]] = {}
        self._signatures: dict[str, Signature] = {}
        self._digests: dict[str, bytes] = {}  # rel -> the hash of its entry this run
        self._verified: set[str] = set()  # files read again to locate, still the same bytes
        # Each file's lstat, when the whole-run cache's key took them before the run began.
        self._stats = run_cache.seen_before_run(str(root)) or {}
        folder = cachefiles.cache_folder("records")
        if folder is not None:
            name = cachefiles.blake2b(digest_size=16)
            name.update(cachefiles.tool_identity())
            name.update(f"schema {SCHEMA_VERSION}\0{os.path.realpath(root)}".encode())
            self._path = os.path.join(folder, name.hexdigest())
            self._open(self._path)

    def _open(self, path: str) -> None:
        """The pack: its length (8 bytes), its header (the index, the files' lstat and hash,
        when its run started), then each entry's pickle, read only when looked up."""
        opened = cachefiles.open_entry(path, MAX_PACK_BYTES)
        if opened is None:
            return
        fd, start = opened
        weakref.finalize(self, os.close, fd)
        try:
            (length,) = struct.unpack("<Q", os.pread(fd, 8, start))
            index, known, recorded = pickle.loads(os.pread(fd, length, start + 8))
        except Exception:  # a pack of another form
            return
        if isinstance(index, dict) and isinstance(known, dict) and isinstance(recorded, int):
            self._pack, self._base = fd, start + 8 + length
            self._index, self._known, self._recorded = index, known, recorded

    def _blob(self, key: Key) -> bytes | None:
        at = self._index.get(key)
        if at is None or self._pack is None:
            return None
        offset, length = at
        try:
            blob = os.pread(self._pack, length, self._base + offset)
        except OSError:
            return None
        return blob if len(blob) == length else None

    def _signature(self, rel: str) -> Signature | None:
        known = self._stats.get(rel)
        if known is not None:
            return known
        try:
            info = os.lstat(f"{self._prefix}{rel}")
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode):
            return None  # a link or a special file: the reader decides, every time
        return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)

    def _digest(self, source: Source, reader: Reader, signature: Signature | None) -> bytes | None:
        known = self._known.get(source.rel)
        if signature is not None and known is not None and known[0] == signature:
            _, mtime, ctime, _, _ = signature
            if max(mtime, ctime) < self._recorded - STAT_TRUST_NS:
                return known[1]
        try:
            raw = reader.read_bytes(source.rel)
        except OSError:
            return None
        return None if len(raw) > MAX_FILE_BYTES else file_digest(raw)

    def lookup(self, source: Source, reader: Reader) -> Entry | None:
        """The entry for the file's current bytes, or None (the file is then parsed)."""
        signature = self._signature(source.rel)  # before the bytes are read
        if signature is not None:
            self._signatures[source.rel] = signature
        digest = self._digest(source, reader, signature)
        blob = None if digest is None else self._blob((source.rel, digest))
        if digest is None or blob is None:
            return None
        try:
            entry = pickle.loads(blob)
        except Exception:
            return None
        if not isinstance(entry, Entry):
            return None
        key = (source.rel, digest)
        self._used[key] = entry
        self._kept[key] = self._index[key]
        self._note(source.rel, digest)
        return entry

    def _note(self, rel: str, digest: bytes) -> None:
        self._digests[rel] = digest
        signature = self._signatures.get(rel)
        if signature is not None:
            self._seen[rel] = (signature, digest)

    def remember(
        self, source: Source, digest: bytes | None, record: Any, issues: list[Issue]
    ) -> None:
        """Keep a file just parsed (`digest`: of the bytes parsed; None: nothing to keep)."""
        if digest is None:
            return
        stored = tuple((i.code, i.params, i.path, i.at_key, i.position) for i in issues)
        self._used[(source.rel, digest)] = Entry(record, stored)
        self._note(source.rel, digest)

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
                self._seen.pop(rel, None)
                return
            self._verified.add(rel)
        entry.positions[(issue.path, issue.at_key)] = at
        self._kept.pop((rel, digest), None)  # pickled again, with it

    def save(self) -> None:
        """Write the pack of this run's files, if anything differs from the stored one: the
        entries used unchanged are copied from the stored pack, the others pickled."""
        if self._path is None:
            return
        unchanged = self._kept.keys() == self._used.keys() == self._index.keys()
        if unchanged and self._seen == self._known:
            return
        try:
            fresh = {
                key: pickled(entry) for key, entry in self._used.items() if key not in self._kept
            }
        except Exception:  # something in a record that pickle cannot keep: keep nothing
            return
        index: dict[Key, tuple[int, int]] = {}
        offset = 0
        for key in self._used:
            length = len(fresh[key]) if key in fresh else self._kept[key][1]
            index[key] = (offset, length)
            offset += length
        header = pickle.dumps((index, self._seen, self._started), pickle.HIGHEST_PROTOCOL)

        def dump(stream: Any) -> None:
            stream.write(struct.pack("<Q", len(header)) + header)
            for part in self._parts(index, fresh):
                stream.write(part)

        if cachefiles.write_entry_with(self._path, dump):
            cachefiles.evict(os.path.dirname(self._path), MAX_PACKS, MAX_PACK_BYTES)

    def _parts(self, index: dict[Key, tuple[int, int]], fresh: dict[Key, bytes]) -> Iterator[bytes]:
        """The entries in the order of `index`: the fresh ones as pickled, the others read
        from the stored pack, where neighbours in this order are mostly neighbours there too
        (a run looks up the files in the same order each time): read a stretch at a time."""
        start = end = 0  # the stretch of the stored pack not yet read
        for key in index:
            if key not in fresh:
                offset, length = self._kept[key]
                if offset != end or end - start >= _STRETCH:
                    yield from self._stretch(start, end)
                    start = offset
                end = offset + length
                continue
            yield from self._stretch(start, end)
            start = end = 0
            yield fresh[key]
        yield from self._stretch(start, end)

    def _stretch(self, start: int, end: int) -> Iterator[bytes]:
        if start == end:
            return
        blob = b"" if self._pack is None else os.pread(self._pack, end - start, self._base + start)
        if len(blob) != end - start:
            raise OSError("the stored pack could not be read again")
        yield blob


_STRETCH: Final = 1024 * 1024


def _with_bom(text: str, digest: bytes) -> bool:
    return file_digest(("\ufeff" + text).encode("utf-8")) == digest
