"""`history`: the commits that changed one record, and what each changed in its fields.

The record is named as a person types it (an id, a report key, a file path); this finds its
file in the data root's repository, and loading.record_log reads its history from git.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from intlpolicy.errors import Refused, UnknownId
from intlpolicy.loading.files import display_path
from intlpolicy.loading.git import Repository, find_repository, run_git
from intlpolicy.loading.record_log import RecordHistory, read_log
from intlpolicy.models import KIND_BY_FOLDER, KINDS

_REPORT_KEY = re.compile(r"[0-9]{4}/[^/]+")


class HistoryError(Refused):
    """The record cannot be found in the data root or in its git history."""


def record_history(root: Path, shown: str, reference: str) -> RecordHistory:
    """Every commit that changed the record, following renames. Refuses (GitError,
    HistoryError, UnknownId) a record it cannot find; a version that does not parse becomes a
    `problem` of its entry, never an exception.
    """
    repository = find_repository(root, shown)
    path = _record_path(repository, reference)
    entries, example = read_log(repository, path, lambda p: _shown(repository, shown, p))
    status = run_git(repository.top, "status", "--porcelain", "-z", "--", path)
    folder = (repository.rel_of(path) or "").split("/")[0]
    kind = KIND_BY_FOLDER[folder].name if folder in KIND_BY_FOLDER else None
    return RecordHistory(
        reference, _shown(repository, shown, path), entries, bool(status), example, kind
    )


def _shown(repository: Repository, shown: str, path: str) -> str:
    rel = repository.rel_of(path)
    return path if rel is None else display_path(shown, rel)


# --- finding the record's file ------------------------------------------------------------


def _record_path(repository: Repository, reference: str) -> str:
    """The repository path of the record named by an id, a report key or a file path."""
    is_yaml = reference.endswith((".yaml", ".yml"))
    report = _REPORT_KEY.fullmatch(reference) is not None and not is_yaml
    if report:
        candidates = [repository.path_of(f"reports/{reference}.yaml")]
    elif "/" in reference or os.sep in reference or is_yaml:
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
        raise HistoryError("history-ambiguous", reference=reference, paths=", ".join(on_disk))
    if not on_disk:
        where = ", ".join(f"{Path(repository.rel_of(p) or p).parent}/" for p in candidates)
        detail = (
            f": ingen fil {Path(candidates[0]).name} i {where} "
            "vare sig i arbetskopian eller i git-historiken"
        )
        raise UnknownId("posten", reference, _known_records(repository, report), detail)
    return on_disk[0]


def _path_in_repository(repository: Repository, reference: str) -> str:
    # The folder is resolved (symlinks, `..`) but not the file, which may be gone by now.
    given = Path(reference)
    folder = Path(os.path.realpath(given.parent))
    try:
        inside = (folder / given.name).relative_to(os.path.realpath(repository.top))
    except ValueError:
        raise HistoryError(
            "history-outside-repository", reference=reference, top=repository.top
        ) from None
    path = inside.as_posix()
    # Only a record file under the data root has a history of fields.
    in_root = repository.rel_of(path) is not None
    if not in_root or not path.endswith(".yaml") or (repository.top / path).is_dir():
        raise HistoryError("history-not-a-record", reference=reference)
    if not (repository.top / path).is_file() and not run_git(
        repository.top, "log", "-1", "--format=%H", "--", path
    ):
        raise HistoryError("history-no-file", reference=reference)
    return path


def _known_records(repository: Repository, report: bool) -> list[str]:
    """The records on disk that `reference` could have meant: report keys or ids."""
    root = repository.top / repository.prefix
    if report:
        return sorted(f"{p.parent.name}/{p.stem}" for p in root.glob("reports/*/*.yaml"))
    folders = [kind.folder for kind in KINDS if kind.name != "report"]
    return sorted(p.stem for folder in folders for p in root.glob(f"{folder}/*.yaml"))
