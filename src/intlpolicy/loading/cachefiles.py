"""The user's cache folder and the entries kept in it: never beside the records, never trusted.

The folder is $XDG_CACHE_HOME/intlpolicy (else ~/.cache/intlpolicy), made readable by its owner
only. An entry is written whole to a temporary file in its folder and renamed into place, so a
concurrent run reads either the old entry or the new one, never half of one. Each entry starts
with a checksum of its contents and is only read when it is a regular file of this user: a
missing, unwritable, foreign, truncated or corrupt entry only means the work is done again.
Nothing here raises.

Standard library only, and only its modules that load in well under a millisecond (not
typing, hashlib, tempfile or contextlib, each several): the console entry point's fast path
imports this module before anything else.
"""

from __future__ import annotations

import os
import stat
import sys
import time

try:
    from _blake2 import blake2b  # what hashlib.blake2b is, without loading OpenSSL's hashes
except ImportError:  # pragma: no cover - an interpreter without it
    from hashlib import blake2b

__all__ = [
    "blake2b",
    "cache_folder",
    "evict",
    "file_digest",
    "open_entry",
    "read_entry",
    "tool_identity",
    "write_entry",
    "write_entry_with",
]

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import BinaryIO, Final

_MAGIC: Final = b"intlpolicy-cache 1\n"
_DIGEST: Final = 32  # the blake2b hash of the contents after it
# A temporary file older than this was left by a writer that was killed: removed.
_STALE_TEMPORARY_SECONDS: Final = 3600


def file_digest(raw: bytes) -> bytes:
    """The hash a file's bytes are known by in the caches."""
    return blake2b(raw, digest_size=20).digest()


def cache_folder(*parts: str, create: bool = True) -> str | None:
    """`$XDG_CACHE_HOME/intlpolicy/PARTS` (else `~/.cache/...`), or None when it cannot be
    made or is not a folder of this user's own (a relative XDG_CACHE_HOME is ignored, as the
    XDG specification asks)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    folder = os.path.join(base, "intlpolicy", *parts)
    try:
        if create:
            os.makedirs(folder, mode=0o700, exist_ok=True)
        info = os.stat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        return None
    return folder


def read_entry(path: str, limit: int) -> bytes | None:
    """The contents of the entry at `path`, or None: missing, larger than `limit`, not this
    user's regular file, or not what `write_entry` wrote (checksum)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
            return None
        if info.st_size > limit + len(_MAGIC) + _DIGEST:
            return None
        with os.fdopen(os.dup(fd), "rb") as stream:
            raw = stream.read()
    except OSError:
        return None
    finally:
        os.close(fd)
    head = len(_MAGIC) + _DIGEST
    if len(raw) < head or not raw.startswith(_MAGIC):
        return None
    contents = raw[head:]
    if blake2b(contents, digest_size=_DIGEST).digest() != raw[len(_MAGIC) : head]:
        return None
    return contents


def open_entry(path: str, limit: int) -> tuple[int, int] | None:
    """An open descriptor of the entry at `path` and the offset its contents start at, once
    its checksum is found right (read in parts: the entry is never held in memory whole);
    None as for `read_entry`. The caller closes the descriptor; the entry it reads cannot
    change meanwhile (a new one is renamed into place, another file)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    head = len(_MAGIC) + _DIGEST
    try:
        info = os.fstat(fd)
        good = stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid()
        good = good and head <= info.st_size <= limit + head
        stored = os.pread(fd, head, 0) if good else b""
        digest = blake2b(digest_size=_DIGEST)
        offset = head
        while good:
            part = os.pread(fd, 1024 * 1024, offset)
            if not part:
                break
            digest.update(part)
            offset += len(part)
    except OSError:
        good = False
    if good and stored == _MAGIC + digest.digest():
        return fd, head
    os.close(fd)
    return None


def write_entry(path: str, contents: bytes) -> bool:
    """Write the entry atomically (temporary file, then rename); False when it cannot be."""
    return write_entry_with(path, lambda stream: stream.write(contents))


class _Checksummed:
    """A file the contents go through on their way, hashed as they pass."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.digest = blake2b(digest_size=_DIGEST)

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self.stream.write(data)


def write_entry_with(path: str, dump: Callable[[_Checksummed], object]) -> bool:
    """Write an entry whose contents `dump` writes (e.g. `pickle.dump`, which then never holds
    all of them in memory at once), atomically; False when it cannot be."""
    import tempfile

    folder = os.path.dirname(path)
    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(_MAGIC + bytes(_DIGEST))
            checksummed = _Checksummed(stream)
            dump(checksummed)
            stream.seek(len(_MAGIC))
            stream.write(checksummed.digest.digest())
        os.replace(temporary, path)
    except Exception:  # a full disk, or contents that cannot be written: no entry
        _remove(temporary)
        return False
    return True


def _remove(path: str) -> None:
    try:  # noqa: SIM105 - contextlib is not loaded for a stored run
        os.unlink(path)
    except OSError:
        pass


def evict(folder: str, max_entries: int, max_bytes: int) -> None:
    """Remove the oldest entries (by the time they were written) beyond `max_entries` or
    `max_bytes` in all, and temporary files a killed writer left behind."""
    now = time.time()
    entries: list[tuple[float, int, str]] = []
    try:
        with os.scandir(folder) as scan:
            for item in scan:
                try:
                    info = item.stat(follow_symlinks=False)
                except OSError:
                    continue
                if not item.name.startswith("."):
                    entries.append((info.st_mtime, info.st_size, item.path))
                elif now - info.st_mtime > _STALE_TEMPORARY_SECONDS:
                    _remove(item.path)
    except OSError:
        return
    entries.sort(reverse=True)  # newest first
    total = 0
    for number, (_, size, path) in enumerate(entries):
        total += size
        if number >= max_entries or total > max_bytes:
            _remove(path)


def tool_identity() -> bytes:
    """What the tool's results depend on besides the records: its version, its own source files
    (size and modification time of each: an edited checkout or a new install is another tool),
    the Python that runs it (version and environment) and the packages installed beside it
    (their dist-info names carry their versions). A few hundred `stat` calls, about a
    millisecond."""
    import intlpolicy

    digest = blake2b(digest_size=16)
    digest.update(f"{intlpolicy.__version__}\0{sys.version}\0{sys.prefix}\0".encode())
    package = os.path.dirname(os.path.abspath(intlpolicy.__file__))
    for folder, folders, files in os.walk(package):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                info = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    for place in sys.path:
        if place.endswith(("site-packages", "dist-packages")):
            try:
                installed = sorted(n for n in os.listdir(place) if n.endswith(".dist-info"))
            except OSError:
                continue
            digest.update(("\0".join(installed) + "\0").encode())
    return digest.digest()
