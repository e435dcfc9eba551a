"""`history`: the commits that changed one record, and what each changed in its fields.

Both versions of the file are parsed and their values compared, so a case officer reads
`total_budget.amount: 950000 → 1100000` rather than a text diff.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from intlpolicy.editing import yamltext
from intlpolicy.findings import format_path, message_for
from intlpolicy.loading import yamlparse
from intlpolicy.loading.files import MAX_FILE_BYTES, decode, display_path
from intlpolicy.loading.git import BlobReader, Repository, find_repository, run_git
from intlpolicy.models import KIND_BY_FOLDER, KINDS

_NO_OBJECT = "0" * 40
_REPORT_KEY = re.compile(r"[0-9]{4}/[^/]+")
# One commit: a header of unit-separated fields, then its raw diff lines (with -z).
_LOG_FORMAT = "%x1e%H%x1f%aI%x1f%an%x1f%s"


class HistoryError(Exception):
    """The record cannot be found; the message is for the user, in Swedish."""


@dataclass(frozen=True, slots=True)
class FieldChange:
    path: str  # dotted with indexes: `partners[1].country`
    old: str | None  # YAML scalar (or flow) form; None when the field was not there
    new: str | None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    commit: str
    short_commit: str
    date: str  # ISO 8601, the author's date
    author: str
    subject: str
    path: str  # the record's file at this commit, as the user sees it
    status: str  # created | changed | renamed | deleted
    changes: list[FieldChange] = field(default_factory=list)
    old_path: str | None = None  # renamed: the file it was before
    problem: str | None = None  # the file could not be read at this commit
    compared_with_earlier: bool = False  # the parent's version was unreadable


@dataclass(frozen=True, slots=True)
class RecordHistory:
    record: str  # as the user named it
    path: str  # the file as the user sees it
    entries: list[HistoryEntry]  # newest first
    uncommitted: bool  # the work tree holds changes to the file not yet committed
    example: bool = False  # some readable version has `example: true`
    kind: str | None = None  # project, report, ...: the folder the record lies in now


def record_history(root: Path, shown: str, reference: str) -> RecordHistory:
    """Every commit that changed the record, following renames. Raises GitError or
    HistoryError; a version that does not parse becomes a `problem`, never an exception.
    """
    repository = find_repository(root, shown)
    path = _record_path(repository, reference)
    out = run_git(
        repository.top,
        *("log", "--follow", "-M", "--raw", "--no-abbrev", "-z", "--no-color"),
        f"--format={_LOG_FORMAT}",
        *("--", path),
    )
    commits = [commit for commit in map(_parse_commit, out.split(b"\x1e")[1:]) if commit]
    shorts = _short_ids(repository, [commit.commit for commit in commits])
    blobs = BlobReader(repository.top)
    try:
        entries, example = _entries(commits, shorts, blobs, lambda p: _shown(repository, shown, p))
    finally:
        blobs.close()
    status = run_git(repository.top, "status", "--porcelain", "-z", "--", path)
    folder = (repository.rel_of(path) or "").split("/")[0]
    kind = KIND_BY_FOLDER[folder].name if folder in KIND_BY_FOLDER else None
    return RecordHistory(
        reference, _shown(repository, shown, path), entries, bool(status), example, kind
    )


def _short_ids(repository: Repository, commits: list[str]) -> dict[str, str]:
    # `--no-abbrev` (full blob ids for cat-file) also lengthens %h, so the short ids that
    # people quote are asked for separately, in one call.
    if not commits:
        return {}
    out = run_git(repository.top, "log", "--no-walk=unsorted", "--format=%H %h", *commits)
    pairs = (line.partition(" ") for line in out.decode("ascii").splitlines())
    return {full: short for full, _, short in pairs}


def _shown(repository: Repository, shown: str, path: str) -> str:
    rel = repository.rel_of(path)
    return path if rel is None else display_path(shown, rel)


# --- finding the record's file ------------------------------------------------------------


def _record_path(repository: Repository, reference: str) -> str:
    """The repository path of the record named by an id, a report key or a file path."""
    if _REPORT_KEY.fullmatch(reference) and not reference.endswith((".yaml", ".yml")):
        candidates = [repository.path_of(f"reports/{reference}.yaml")]
    elif "/" in reference or os.sep in reference or reference.endswith((".yaml", ".yml")):
        return _path_in_repository(repository, reference)
    else:
        folders = [kind.folder for kind in KINDS if kind.name != "report"]
        candidates = [repository.path_of(f"{folder}/{reference}.yaml") for folder in folders]
    on_disk = [p for p in candidates if (repository.top / p).is_file()]
    if not on_disk:  # a deleted record still has a history
        seen = run_git(repository.top, "log", "--format=", "--name-only", "-z", "--", *candidates)
        known = set(seen.decode("utf-8", errors="surrogateescape").split("\0"))
        on_disk = [p for p in candidates if p in known]
    if len(on_disk) > 1:
        raise HistoryError(
            f"'{reference}' är flera poster ({', '.join(on_disk)}); ange sökvägen till filen"
        )
    if not on_disk:
        where = ", ".join(p.rsplit("/", 2)[-2] + "/" for p in candidates)
        raise HistoryError(
            f"posten '{reference}' finns inte: ingen fil {reference}.yaml i {where} "
            "vare sig i arbetskopian eller i git-historiken"
        )
    return on_disk[0]


def _path_in_repository(repository: Repository, reference: str) -> str:
    # The folder is resolved (symlinks, `..`) but not the file, which may be gone by now.
    given = Path(reference)
    folder = Path(os.path.realpath(given.parent))
    try:
        inside = (folder / given.name).relative_to(os.path.realpath(repository.top))
    except ValueError:
        raise HistoryError(
            f"filen '{reference}' ligger utanför git-förrådet {repository.top}"
        ) from None
    path = inside.as_posix()
    # Only a record file under the data root has a history of fields.
    in_root = repository.rel_of(path) is not None
    if not in_root or not path.endswith(".yaml") or (repository.top / path).is_dir():
        raise HistoryError(
            f"'{reference}' är ingen post i dataroten (ange en .yaml-fil eller ett id)"
        )
    if not (repository.top / path).is_file() and not run_git(
        repository.top, "log", "-1", "--format=%H", "--", path
    ):
        raise HistoryError(f"filen '{reference}' finns inte, och git har ingen historik för den")
    return path


# --- reading git log ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Commit:
    commit: str
    date: str
    author: str
    subject: str
    status: str  # A, M, D, T, R, C
    old_object: str
    new_object: str
    old_path: str
    new_path: str


def _parse_commit(chunk: bytes) -> _Commit | None:
    """One commit of `git log --raw -z`; None for one without a diff (a merge)."""
    header, _, rest = chunk.partition(b"\0")
    fields = header.decode("utf-8", errors="replace").split("\x1f")
    tokens = rest.lstrip(b"\n").split(b"\0")
    if len(fields) != 4 or not tokens[0].startswith(b":"):
        return None
    meta = tokens[0].decode("ascii").split()
    status = meta[4][0]
    paths = [t.decode("utf-8", errors="surrogateescape") for t in tokens[1:3]]
    old_path, new_path = (paths[0], paths[1]) if status in "RC" else (paths[0], paths[0])
    commit, date, author, subject = fields
    return _Commit(commit, date, author, subject, status, meta[2], meta[3], old_path, new_path)


def _entries(
    commits: list[_Commit], shorts: dict[str, str], blobs: BlobReader, show: Callable[[str], str]
) -> tuple[list[HistoryEntry], bool]:
    """The entries, newest first, and whether any readable version is example data."""
    entries: list[HistoryEntry] = []
    last_readable: Any = {}
    example = False
    for commit in reversed(commits):  # oldest first, to know the last readable version
        old, old_problem = _version(blobs, commit.old_object)
        new, new_problem = _version(blobs, commit.new_object)
        example = example or _is_example(old) or _is_example(new)
        earlier = False
        if commit.old_object == _NO_OBJECT:
            status, old = "created", {}
        elif commit.new_object == _NO_OBJECT:
            status, new = "deleted", {}
        else:
            status = "renamed" if commit.status in "RC" else "changed"
            if old_problem is not None and new_problem is None:
                # Compare with the last version that could be read, so the fields changed
                # across the broken stretch are still shown.
                old, earlier = last_readable, True
        changes = [] if old is None or new_problem is not None else diff_values(old, new)
        if new_problem is None and status != "deleted":
            last_readable = new
        entries.append(
            HistoryEntry(
                commit=commit.commit,
                short_commit=shorts.get(commit.commit, commit.commit[:7]),
                date=commit.date,
                author=commit.author,
                subject=commit.subject,
                path=show(commit.new_path),
                status=status,
                changes=changes,
                old_path=show(commit.old_path) if status == "renamed" else None,
                problem=None if new_problem is None else f"kunde inte läsas: {new_problem}",
                compared_with_earlier=earlier,
            )
        )
    entries.reverse()
    return entries, example


def _is_example(version: Any) -> bool:
    return isinstance(version, dict) and version.get("example") is True


def _version(blobs: BlobReader, object_id: str) -> tuple[Any, str | None]:
    """The parsed content of one version, or the reason it could not be read."""
    if object_id == _NO_OBJECT:
        return None, None
    raw = blobs.read(object_id)
    if raw is None:
        return None, "objektet saknas i git-förrådet"
    if len(raw) > MAX_FILE_BYTES:
        return None, message_for("file-too-large", {"size": len(raw), "limit": MAX_FILE_BYTES})
    try:
        data = yamlparse.load(decode(raw))
    except UnicodeDecodeError:
        return None, "filen är inte UTF-8"
    except yamlparse.YamlProblem as problem:
        where = f"rad {problem.line + 1}, kolumn {problem.column + 1}"
        return None, f"{where}: {message_for(problem.code, problem.params)}"
    if not isinstance(data, dict):
        return None, "filen är tom" if data is None else "filen är ingen mappning (fält: värde)"
    return data, None


# --- comparing values ------------------------------------------------------------------------


def diff_values(old: Any, new: Any, path: tuple[str | int, ...] = ()) -> list[FieldChange]:
    """The fields that differ between two parsed versions, as dotted paths."""
    if isinstance(old, dict) and isinstance(new, dict):
        changes: list[FieldChange] = []
        for key, value in new.items():
            if key in old:
                changes += diff_values(old[key], value, (*path, str(key)))
            else:
                changes.append(FieldChange(_path(path, key), None, yaml_text(value)))
        changes += [
            FieldChange(_path(path, key), yaml_text(value), None)
            for key, value in old.items()
            if key not in new
        ]
        return changes
    if isinstance(old, list) and isinstance(new, list):
        return _diff_lists(old, new, path)
    old_text, new_text = yaml_text(old), yaml_text(new)
    if old_text == new_text and type(old) is type(new):
        return []
    return [FieldChange(format_path(path), old_text, new_text)]


def _path(path: tuple[str | int, ...], key: Any) -> str:
    return format_path((*path, str(key)))


def _diff_lists(old: list[Any], new: list[Any], path: tuple[str | int, ...]) -> list[FieldChange]:
    # Items are matched as a sequence, so removing the first partner is one removal, not a
    # change of every later index.
    matcher = difflib.SequenceMatcher(
        a=[yaml_text(v) for v in old], b=[yaml_text(v) for v in new], autojunk=False
    )
    changes: list[FieldChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(paired):
            changes += diff_values(old[i1 + k], new[j1 + k], (*path, j1 + k))
        changes += [
            FieldChange(format_path((*path, i)), yaml_text(old[i]), None)
            for i in range(i1 + paired, i2)
        ]
        changes += [
            FieldChange(format_path((*path, j)), None, yaml_text(new[j]))
            for j in range(j1 + paired, j2)
        ]
    return changes


def yaml_text(value: Any, in_flow: bool = False) -> str:
    """A value as YAML would write it (collections in flow style); texts as `scalar_text`."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, dict):
        items = (f"{yaml_text(k, True)}: {yaml_text(v, True)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(yaml_text(v, True) for v in value) + "]"
    return yamltext.scalar_text(str(value), in_flow)
