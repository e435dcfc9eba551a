"""Finding the record files of a data root, and reading them safely."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

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


class DiskReader:
    """Reads the files of a data root on disk."""

    def __init__(self, root: Path) -> None:
        self.root = root

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


def discover(root: Path, display_root: str) -> Layout:
    """Walk the data root: each YAML file in the right place becomes a Source."""
    sources: list[Source] = []
    issues: list[Issue] = []
    report_years: list[int] = []

    def other(rel: str, code: str, **params: str) -> None:
        name = rel.rsplit("/", 1)[-1]
        source = Source(rel, display_path(display_root, rel), name)
        issues.append(Issue(source, code, params, position=(1, 1)))

    for top in sorted(os.scandir(root), key=lambda entry: entry.name):
        if top.name.startswith("."):
            continue
        if top.is_dir():
            kind = KIND_BY_FOLDER.get(top.name)
            if kind is None:
                other(top.name, "unknown-folder", name=top.name, known=_KNOWN_FOLDERS)
                continue
            depth = 2 if kind.name == "report" else 1
            for dirpath, dirnames, filenames in os.walk(top.path):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                rel_dir = Path(dirpath).relative_to(root).as_posix()
                level = rel_dir.count("/") + 1
                if depth == 2 and level == 2 and _YEAR_RE.fullmatch(rel_dir[8:]):
                    report_years.append(int(rel_dir[8:]))
                for filename in sorted(filenames):
                    rel = f"{rel_dir}/{filename}"
                    if not filename.endswith((".yaml", ".yml")):
                        continue
                    expected = (
                        "reports/<år>/<organisation>.yaml"
                        if depth == 2
                        else f"{kind.folder}/<id>.yaml"
                    )
                    if level != depth or (depth == 2 and not _YEAR_RE.fullmatch(rel_dir[8:])):
                        other(rel, "misplaced-file", expected=expected)
                    elif filename.endswith(".yml"):
                        other(rel, "wrong-extension", expected=filename[:-4] + ".yaml")
                    else:
                        stem = filename[:-5]
                        key = f"{rel_dir[8:]}/{stem}" if depth == 2 else stem
                        sources.append(Source(rel, display_path(display_root, rel), key, kind))
        elif top.name.endswith((".yaml", ".yml")):
            other(top.name, "misplaced-file", expected="<mapp>/<id>.yaml, t.ex. projects/<id>.yaml")
    return Layout(sources, issues, report_years)
