"""Finding the record files of a data root, and reading them safely."""

from __future__ import annotations

import errno
import os
import re
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Protocol

from intlpolicy.loading.records import Issue, Source
from intlpolicy.models import KIND_BY_FOLDER, KINDS
from intlpolicy.swedish import os_cause

MAX_FILE_BYTES: Final = 1024 * 1024
_YEAR_RE = re.compile(r"[0-9]{4}")
_KNOWN_FOLDERS: Final = ", ".join(kind.folder for kind in KINDS)


@dataclass(frozen=True, slots=True)
class Layout:
    """The record files found under a data root, and the problems of its layout."""

    sources: list[Source]
    issues: list[Issue]
    report_years: list[int]  # the year folders under reports/, even empty ones


@dataclass(frozen=True, slots=True)
class Problem:
    """Something in a data root's layout that is a finding: (path, code, parameters)."""

    rel: str
    code: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Listing:
    """What a data root holds: files and folders, as paths with forward slashes."""

    files: list[str]
    folders: list[str]
    problems: list[Problem] = field(default_factory=list)


class NotARecordFile(OSError):
    """A file the reader will not read: `code` is the finding that says why."""

    def __init__(self, code: str, rel: str) -> None:
        super().__init__(errno.EPERM, code, rel)
        self.code = code


# Never block on a FIFO, never follow a symbolic link unchecked.
_OPEN_FLAGS: Final = (
    os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | os.O_CLOEXEC
)
_LINK_ERRNOS: Final = frozenset({errno.ELOOP, errno.EMLINK})


# `.NAME.XXXXXXXX.tmp`: the hidden temporary file of an atomic write (editing/atomic.py).
# Never read as a record; one left for an hour (by `kill -9`) is reported.
_TEMPORARY_RE: Final = re.compile(r"\..+\.[A-Za-z0-9_]{8}\.tmp")
STALE_TEMPORARY_SECONDS: Final = 3600


def _stale_temporaries(folder: str, names: list[str]) -> list[str]:
    stale: list[str] = []
    now = time.time()
    for name in sorted(n for n in names if _TEMPORARY_RE.fullmatch(n)):
        try:
            age = now - os.lstat(os.path.join(folder, name)).st_mtime
        except OSError:
            continue  # gone meanwhile: its write has finished
        if age >= STALE_TEMPORARY_SECONDS:
            stale.append(name)
    return stale


class DiskReader:
    """Reads the files of a data root on disk: only regular files, never more than
    MAX_FILE_BYTES + 1 bytes, and through a symbolic link only to a file inside the root."""

    forkable = True  # holds no open handles: a forked worker can read with it

    def __init__(self, root: Path) -> None:
        self.root = root
        self._real_root = os.path.realpath(root)
        self._folder_inside: dict[str, bool] = {}

    def listing(self) -> Listing:
        files: list[str] = []
        folders: list[str] = []
        problems: list[Problem] = []

        def unreadable(error: OSError) -> None:
            rel = os.path.relpath(str(error.filename), self.root).replace(os.sep, "/")
            rel = "" if rel == "." else rel  # the data root itself
            reason = os_cause(error)
            problems.append(Problem(rel, "unreadable-folder", {"reason": reason}))

        for dirpath, dirnames, filenames in os.walk(self.root, onerror=unreadable):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            rel_dir = Path(dirpath).relative_to(self.root).as_posix()
            prefix = "" if rel_dir == "." else rel_dir + "/"
            for name in dirnames:  # never walked into (os.walk follows no links)
                if os.path.islink(os.path.join(dirpath, name)) and not self._inside(
                    os.path.join(dirpath, name)
                ):
                    problems.append(Problem(prefix + name, "symlink-outside-root"))
            folders.extend(prefix + d for d in dirnames)
            files.extend(prefix + f for f in sorted(filenames) if not f.startswith("."))
            problems.extend(
                Problem(prefix + name, "stale-temporary-file")
                for name in _stale_temporaries(dirpath, filenames)
            )
        return Listing(files, folders, problems)

    def _inside(self, path: str) -> bool:
        real = os.path.realpath(path)
        return real == self._real_root or real.startswith(self._real_root.rstrip(os.sep) + os.sep)

    def size(self, rel: str) -> int:
        return (self.root / rel).stat().st_size

    def read_bytes(self, rel: str) -> bytes:
        folder, _, _ = rel.rpartition("/")
        inside = self._folder_inside.get(folder)
        if inside is None:  # a folder reached through a link that leaves the root
            inside = self._folder_inside[folder] = self._inside(os.path.join(self.root, folder))
        if not inside:
            raise NotARecordFile("symlink-outside-root", rel)
        path = os.path.join(self.root, *rel.split("/"))
        try:
            fd = os.open(path, _OPEN_FLAGS)
        except OSError as error:
            if error.errno not in _LINK_ERRNOS or not os.path.islink(path):
                raise
            if not self._inside(path):
                raise NotARecordFile("symlink-outside-root", rel) from None
            fd = os.open(os.path.realpath(path), _OPEN_FLAGS)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise NotARecordFile("not-a-regular-file", rel)
            return _read_at_most(fd, MAX_FILE_BYTES + 1)
        finally:
            os.close(fd)

    def read_text(self, rel: str) -> str | None:
        try:
            return decode(self.read_bytes(rel))
        except (OSError, UnicodeDecodeError):
            return None


def _read_at_most(fd: int, limit: int) -> bytes:
    """The file's bytes, but no more than `limit`: a file that grows, or reports a size that
    is not what it holds, cannot make the reader read without end."""
    parts: list[bytes] = []
    left = limit
    while left > 0:
        part = os.read(fd, left)
        if not part:
            break
        parts.append(part)
        left -= len(part)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def decode(raw: bytes) -> str:
    text = raw.decode("utf-8")
    return text[1:] if text.startswith("\ufeff") else text


def printable_name(name: str) -> str:
    """A file name as it can be printed: bytes that are not UTF-8 (kept by the file system
    as surrogates) shown escaped, `v\\xe4ster.yaml`, instead of failing the output."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = name.encode("utf-8", errors="surrogateescape")
        except UnicodeEncodeError:
            return name.encode("utf-8", errors="backslashreplace").decode("utf-8")
        return raw.decode("utf-8", errors="backslashreplace")
    return name


def display_path(display_root: str, rel: str) -> str:
    if not rel:
        return display_root
    return os.path.join(display_root, *printable_name(rel).split("/"))


def discover(listing: Listing, display_root: str) -> Layout:
    """Sort a data root's files: each YAML file in the right place becomes a Source."""
    sources: list[Source] = []
    issues: list[Issue] = []
    report_years: list[int] = []
    unknown: set[str] = set()

    def other(rel: str, code: str, **params: str) -> None:
        name = printable_name(rel.rsplit("/", 1)[-1])
        source = Source(rel, display_path(display_root, rel), name)
        issues.append(Issue(source, code, params, position=(1, 1)))

    for problem in listing.problems:
        other(problem.rel, problem.code, **problem.params)
    for folder in listing.folders:
        top, _, rest = folder.partition("/")
        if top not in KIND_BY_FOLDER:
            if not rest and top not in unknown:
                unknown.add(top)
                other(top, "unknown-folder", name=printable_name(top), known=_KNOWN_FOLDERS)
        elif top == "reports" and "/" not in rest and _YEAR_RE.fullmatch(rest):
            report_years.append(int(rest))
    for rel in listing.files:
        extension = _yaml_extension(rel)
        if extension is None:
            continue
        parts = rel.split("/")
        kind = KIND_BY_FOLDER.get(parts[0]) if len(parts) > 1 else None
        if kind is None:
            if len(parts) == 1:
                other(rel, "misplaced-file", expected="<mapp>/<id>.yaml, t.ex. projects/<id>.yaml")
            elif parts[0] not in unknown:  # a folder only a listing of files reveals (git)
                unknown.add(parts[0])
                other(
                    parts[0], "unknown-folder", name=printable_name(parts[0]), known=_KNOWN_FOLDERS
                )
            continue
        is_report = kind.name == "report"
        depth = 3 if is_report else 2
        stem = printable_name(parts[-1][: -len(extension)])
        if len(parts) != depth or (is_report and not _YEAR_RE.fullmatch(parts[1])):
            expected = (
                "reports/<år>/<organisation>.yaml" if is_report else f"{kind.folder}/<id>.yaml"
            )
            other(rel, "misplaced-file", expected=expected)
        elif extension != ".yaml":
            other(rel, "wrong-extension", expected=stem + ".yaml")
        else:
            key = f"{parts[1]}/{stem}" if is_report else stem
            sources.append(Source(rel, display_path(display_root, rel), key, kind))
            if is_report:
                report_years.append(int(parts[1]))
    if not sources and not issues:
        issues.append(Issue(Source("", display_root, ""), "no-records", position=(1, 1)))
    return Layout(sources, issues, sorted(set(report_years)))


def _yaml_extension(rel: str) -> str | None:
    """`.yaml`, or a way of writing it that is not the one used (`.yml`, `.YAML`): the
    extension as written, or None for a file that is no YAML file."""
    dot = rel.rfind(".")
    if dot < 0 or "/" in rel[dot:]:
        return None
    extension = rel[dot:]
    return extension if extension.lower() in (".yaml", ".yml") else None


class Reader(Protocol):
    """Where the files of a data root come from: the disk, or a git revision."""

    def listing(self) -> Listing: ...
    def size(self, rel: str) -> int: ...
    def read_bytes(self, rel: str) -> bytes: ...
    def read_text(self, rel: str) -> str | None: ...


class OneFileReader:
    """One file's bytes, for the loader, as if it were a data root holding only that file
    (a record about to be written, checked before it is)."""

    def __init__(self, rel: str, raw: bytes) -> None:
        self.rel = rel
        self.raw = raw

    def listing(self) -> Listing:
        return Listing([self.rel], [])

    def size(self, rel: str) -> int:
        return len(self.raw)

    def read_bytes(self, rel: str) -> bytes:
        return self.raw

    def read_text(self, rel: str) -> str | None:
        try:
            return self.raw.decode("utf-8")
        except UnicodeDecodeError:
            return None


# Called as files are read: (files just finished, files in all).
Progress = Callable[[int, int], None]
