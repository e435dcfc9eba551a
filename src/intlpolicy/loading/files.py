"""Finding the record files of a data root, and reading them safely."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Protocol

from intlpolicy.loading.records import Issue, Source
from intlpolicy.models import KIND_BY_FOLDER, KINDS

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
class Listing:
    """What a data root holds: files and folders, as paths with forward slashes."""

    files: list[str]
    folders: list[str]


class DiskReader:
    """Reads the files of a data root on disk."""

    forkable = True  # holds no open handles: a forked worker can read with it

    def __init__(self, root: Path) -> None:
        self.root = root

    def listing(self) -> Listing:
        files: list[str] = []
        folders: list[str] = []
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            rel_dir = Path(dirpath).relative_to(self.root).as_posix()
            prefix = "" if rel_dir == "." else rel_dir + "/"
            folders.extend(prefix + d for d in dirnames)
            files.extend(prefix + f for f in sorted(filenames) if not f.startswith("."))
        return Listing(files, folders)

    def size(self, rel: str) -> int:
        return (self.root / rel).stat().st_size

    def read_bytes(self, rel: str) -> bytes:
        return (self.root / rel).read_bytes()

    def read_text(self, rel: str) -> str | None:
        try:
            return decode(self.read_bytes(rel))
        except (OSError, UnicodeDecodeError):
            return None


def decode(raw: bytes) -> str:
    text = raw.decode("utf-8")
    return text[1:] if text.startswith("\ufeff") else text


def display_path(display_root: str, rel: str) -> str:
    return os.path.join(display_root, *rel.split("/"))


def discover(listing: Listing, display_root: str) -> Layout:
    """Sort a data root's files: each YAML file in the right place becomes a Source."""
    sources: list[Source] = []
    issues: list[Issue] = []
    report_years: list[int] = []
    unknown: set[str] = set()

    def other(rel: str, code: str, **params: str) -> None:
        name = rel.rsplit("/", 1)[-1]
        source = Source(rel, display_path(display_root, rel), name)
        issues.append(Issue(source, code, params, position=(1, 1)))

    for folder in listing.folders:
        top, _, rest = folder.partition("/")
        if top not in KIND_BY_FOLDER:
            if not rest and top not in unknown:
                unknown.add(top)
                other(top, "unknown-folder", name=top, known=_KNOWN_FOLDERS)
        elif top == "reports" and "/" not in rest and _YEAR_RE.fullmatch(rest):
            report_years.append(int(rest))
    for rel in listing.files:
        if not rel.endswith((".yaml", ".yml")):
            continue
        parts = rel.split("/")
        kind = KIND_BY_FOLDER.get(parts[0]) if len(parts) > 1 else None
        if kind is None:
            if len(parts) == 1:
                other(rel, "misplaced-file", expected="<mapp>/<id>.yaml, t.ex. projects/<id>.yaml")
            elif parts[0] not in unknown:  # a folder only a listing of files reveals (git)
                unknown.add(parts[0])
                other(parts[0], "unknown-folder", name=parts[0], known=_KNOWN_FOLDERS)
            continue
        is_report = kind.name == "report"
        depth = 3 if is_report else 2
        if len(parts) != depth or (is_report and not _YEAR_RE.fullmatch(parts[1])):
            expected = (
                "reports/<år>/<organisation>.yaml" if is_report else f"{kind.folder}/<id>.yaml"
            )
            other(rel, "misplaced-file", expected=expected)
        elif rel.endswith(".yml"):
            other(rel, "wrong-extension", expected=parts[-1][:-4] + ".yaml")
        else:
            stem = parts[-1][:-5]
            key = f"{parts[1]}/{stem}" if is_report else stem
            sources.append(Source(rel, display_path(display_root, rel), key, kind))
            if is_report:
                report_years.append(int(parts[1]))
    return Layout(sources, issues, sorted(set(report_years)))


class Reader(Protocol):
    """Where the files of a data root come from: the disk, or a git revision."""

    def listing(self) -> Listing: ...
    def size(self, rel: str) -> int: ...
    def read_bytes(self, rel: str) -> bytes: ...
    def read_text(self, rel: str) -> str | None: ...


# Called as files are read: (files just finished, files in all).
Progress = Callable[[int, int], None]
