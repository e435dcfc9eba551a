"""A record's history in git: every commit that changed its file, following renames, with
the fields each one changed. A version that does not parse is a `problem` of its entry,
never an exception.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from intlpolicy.findings import message_for
from intlpolicy.loading import yamlparse
from intlpolicy.loading.changes import FieldChange, diff_values
from intlpolicy.loading.files import MAX_FILE_BYTES, decode
from intlpolicy.loading.git import MISSING_OBJECT, Repository, run_git
from intlpolicy.loading.git_blobs import BlobReader

_NO_OBJECT = "0" * 40
# One commit: a header of unit-separated fields, then its raw diff lines (with -z).
_LOG_FORMAT = "%x1e%H%x1f%aI%x1f%an%x1f%s"
# The oldest commit of a shallow clone shows every file as added: it is not the creation.
TRUNCATED_NOTE = (
    "historiken är avkortad: förrådet är en grund klon (shallow clone); "
    "kör git fetch --unshallow för hela historiken"
)


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    commit: str
    short_commit: str
    date: str  # ISO 8601, the author's date
    author: str
    subject: str
    path: str  # the record's file at this commit, as the user sees it
    status: str  # created | changed | renamed | deleted | truncated (a shallow clone's graft)
    changes: list[FieldChange] = field(default_factory=list)
    old_path: str | None = None  # renamed: the file it was before
    problem: str | None = None  # the file could not be read at this commit
    compared_with_earlier: bool = False  # the parent's version was unreadable
    note: str | None = None  # truncated: why the history stops here


@dataclass(frozen=True, slots=True)
class RecordHistory:
    record: str  # as the user named it
    path: str  # the file as the user sees it
    entries: list[HistoryEntry]  # newest first
    uncommitted: bool  # the work tree holds changes to the file not yet committed
    example: bool = False  # some readable version has `example: true`
    kind: str | None = None  # project, report, ...: the folder the record lies in now


def read_log(
    repository: Repository, path: str, show: Callable[[str], str]
) -> tuple[list[HistoryEntry], bool]:
    """The entries of the file at repository path `path`, newest first, and whether any
    readable version is example data. `show` turns a repository path into the form shown."""
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
        return _entries(commits, shorts, blobs, show, _grafts(repository))
    finally:
        blobs.close()


def _grafts(repository: Repository) -> frozenset[str]:
    """The commits whose parents a shallow clone did not fetch; none in a full repository."""
    out = run_git(repository.top, "rev-parse", "--is-shallow-repository", "--git-path", "shallow")
    shallow, _, path = out.decode("utf-8", errors="surrogateescape").partition("\n")
    if shallow.strip() != "true":
        return frozenset()
    try:
        listed = (repository.top / path.strip()).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return frozenset()
    return frozenset(listed.split())


def _short_ids(repository: Repository, commits: list[str]) -> dict[str, str]:
    # `--no-abbrev` (full blob ids for cat-file) also lengthens %h, so the short ids that
    # people quote are asked for separately, in one call.
    if not commits:
        return {}
    out = run_git(repository.top, "log", "--no-walk=unsorted", "--format=%H %h", *commits)
    pairs = (line.partition(" ") for line in out.decode("ascii").splitlines())
    return {full: short for full, _, short in pairs}


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
    commits: list[_Commit],
    shorts: dict[str, str],
    blobs: BlobReader,
    show: Callable[[str], str],
    grafts: frozenset[str],
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
        truncated = commit.commit in grafts  # no parent: every file shows as added
        if truncated:  # what changed here is unknown: the parent was not fetched
            status, old = "truncated", None
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
                note=TRUNCATED_NOTE if truncated else None,
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
        return None, MISSING_OBJECT
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
