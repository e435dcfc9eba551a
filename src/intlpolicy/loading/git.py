"""Reading a data root from git: as it stood at a revision, straight from the object store.

Nothing is checked out and neither the work tree nor the index is written, so `--rev` is
safe to run in the middle of someone's unfinished edit.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import NamedTuple

from intlpolicy.loading.files import Listing, decode
from intlpolicy.loading.git_blobs import BlobReader
from intlpolicy.loading.git_process import GitCommandFailed, GitError, run_git

__all__ = [
    "BlobReader",
    "GitCommandFailed",
    "GitError",
    "GitReader",
    "Provenance",
    "Repository",
    "find_repository",
    "provenance",
    "resolve_commit",
    "run_git",
]

_SYMLINK_MODE = b"120000"
MISSING_OBJECT = (
    "objektet saknas i git-förrådet (förrådet är skadat; git fsck visar vad som fattas)"
)


@dataclass(frozen=True, slots=True)
class Repository:
    """The repository a data root lives in, and the root's path inside it."""

    top: Path
    prefix: str  # forward slashes, no trailing slash; "" when the root is the top itself

    def path_of(self, rel: str) -> str:
        """The repository path of `rel`, a path inside the data root."""
        return f"{self.prefix}/{rel}" if self.prefix else rel

    def rel_of(self, path: str) -> str | None:
        """The path inside the data root of a repository path, or None when outside it."""
        if not self.prefix:
            return path
        return path[len(self.prefix) + 1 :] if path.startswith(self.prefix + "/") else None


def find_repository(root: Path, shown: str) -> Repository:
    """The repository holding `root`. The root itself may be missing from the work tree
    (renamed since the revision asked for), so git is asked from its nearest folder that exists.
    """
    existing = Path(os.path.abspath(root))
    missing: list[str] = []
    while not existing.is_dir() and existing.parent != existing:
        missing.insert(0, existing.name)
        existing = existing.parent
    try:
        out = run_git(existing, "rev-parse", "--show-toplevel", "--show-prefix")
    except GitCommandFailed as failure:
        raise GitError("git-no-repository", root=shown, detail=failure.detail) from None
    top, prefix = [*out.decode("utf-8", errors="surrogateescape").split("\n"), "", ""][:2]
    parts = [part for part in prefix.split("/") if part] + missing
    return Repository(Path(top), "/".join(parts))


def resolve_commit(repository: Repository, rev: str) -> str:
    """The full commit id `rev` names (a tag, branch, `HEAD~3`, a commit id)."""
    if not rev.strip() or rev.startswith("-") or any(c in rev for c in "\n\r\0"):
        raise GitError("git-invalid-revision", rev=rev)
    try:
        out = run_git(repository.top, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except GitCommandFailed:
        raise GitError("git-unknown-revision", rev=rev, top=repository.top) from None
    return out.decode("ascii").strip()


SHORT_ID_LENGTH = 12  # fixed, so the same commit reads the same as the repository grows


def short_id(repository: Repository, commit: str) -> str:
    return commit[:SHORT_ID_LENGTH]


def last_data_commit(repository: Repository, commit: str) -> tuple[str, date]:
    """The latest commit up to `commit` that changed the data root (a commit that changed
    only code does not change which records a report is made from), and its date (the
    committer's, in the committer's time zone)."""
    root = repository.prefix or "."
    out = run_git(repository.top, "log", "-1", "--format=%H %cs", commit, "--", root)
    if not out.strip():  # no commit touched the root: the commit itself
        out = run_git(repository.top, "log", "-1", "--format=%H %cs", commit)
    full, day = out.decode("ascii").split()
    return full, date.fromisoformat(day)


class Provenance(NamedTuple):
    """Which commit a data root's records come from, for a report's title page."""

    commit: str | None  # short id; None when the root is not in a repository (or no commit yet)
    dirty: bool  # the work tree under the root differs from that commit
    committed: date | None = None  # the commit's date: "registret per 2025-02-14"


def provenance(root: Path, rev: str | None = None) -> Provenance:
    """The short id of the last commit that changed the data root (at HEAD, or at `rev`),
    and whether the work tree under `root` differs from HEAD.

    With `rev`, the records are read from that revision, so they are never dirty. A bad
    `rev` raises GitError; no repository (or no git) gives (None, False).
    """
    try:
        repository = find_repository(root, str(root))
    except GitError:
        if rev is not None:
            raise
        return Provenance(None, False)
    if rev is not None:
        commit, day = last_data_commit(repository, resolve_commit(repository, rev))
        return Provenance(short_id(repository, commit), False, day)
    try:
        head = run_git(repository.top, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    except GitCommandFailed:  # a repository without any commit yet
        return Provenance(None, False)
    # Untracked files count: a record not yet committed makes the output differ from HEAD.
    status = run_git(repository.top, "status", "--porcelain", "-z", "--", repository.prefix or ".")
    commit, day = last_data_commit(repository, head.decode("ascii").strip())
    return Provenance(short_id(repository, commit), bool(status.strip(b"\0")), day)


@dataclass(frozen=True, slots=True)
class _Blob:
    object_id: str
    size: int
    symlink: bool


class GitReader:
    """The files of a data root at a git revision; satisfies loading.files.Reader.

    Listing is one `git ls-tree`; contents come through one `git cat-file --batch` process,
    started on the first read. Close it (or use `with`) to end that process.
    """

    def __init__(self, root: Path, rev: str, shown: str | None = None) -> None:
        shown = str(root) if shown is None else shown
        self.rev = rev
        self.repository = find_repository(root, shown)
        self.commit = resolve_commit(self.repository, rev)
        self.short_commit = short_id(self.repository, self.commit)
        self._blobs: dict[str, _Blob] = {}
        self._listing = self._list(shown)
        self._reader = BlobReader(self.repository.top)

    def _list(self, shown: str) -> Listing:
        prefix = self.repository.prefix
        scope = ["--", prefix] if prefix else []
        out = run_git(
            self.repository.top,
            *("ls-tree", "-r", "-t", "-z", "--long", self.commit, *scope),
            action=f"läsa revisionen '{self.rev}'",
        )
        files: list[str] = []
        folders: list[str] = []
        root_kind = b"tree" if not prefix else None
        for entry in out.split(b"\0"):
            meta, _, raw_path = entry.partition(b"\t")
            fields = meta.split()
            if len(fields) != 4:
                continue
            mode, kind, object_id, size = fields
            path = raw_path.decode("utf-8", errors="surrogateescape")
            if path == prefix:
                root_kind = kind
                continue
            rel = self.repository.rel_of(path)
            # As on disk: hidden files and folders hold no records. Submodules (`commit`) are
            # other repositories, not part of this data root.
            if rel is None or any(part.startswith(".") for part in rel.split("/")):
                continue
            if kind == b"tree":
                folders.append(rel)
            elif kind == b"blob":
                files.append(rel)
                symlink = mode == _SYMLINK_MODE
                # ls-tree says "BAD" for the size of an object missing from the object store;
                # reading it then gives a read-error finding on its file.
                known = int(size) if size.isdigit() else 0
                self._blobs[rel] = _Blob(object_id.decode("ascii"), known, symlink)
        if root_kind != b"tree":
            raise GitError(
                "git-root-not-at-revision",
                root=shown,
                prefix=prefix,
                state="finns inte" if root_kind is None else "är ingen mapp",
                rev=self.rev,
                commit=self.short_commit,
            )
        # The same order as DiskReader's walk, so findings and records come out alike.
        files.sort(key=_walk_order)
        folders.sort(key=_walk_order)
        return Listing(files, folders)

    def listing(self) -> Listing:
        return self._listing

    def _blob(self, rel: str) -> _Blob:
        blob = self._blobs.get(rel)
        if blob is None:
            raise FileNotFoundError(errno.ENOENT, f"finns inte i revisionen {self.rev}", rel)
        return blob

    def size(self, rel: str) -> int:
        return self._blob(rel).size

    def read_bytes(self, rel: str) -> bytes:
        blob = self._blob(rel)
        if blob.symlink:
            raise OSError(errno.EINVAL, "en symbolisk länk i git; den följs inte vid --rev", rel)
        try:
            content = self._reader.read(blob.object_id)
        except GitError as error:  # becomes a read-error finding, not a crash
            raise OSError(errno.EIO, str(error), rel) from None
        if content is None:
            raise OSError(errno.ENOENT, MISSING_OBJECT, rel)
        return content

    def read_text(self, rel: str) -> str | None:
        try:
            return decode(self.read_bytes(rel))
        except (OSError, UnicodeDecodeError):
            return None

    def close(self) -> None:
        self._reader.close()

    def __enter__(self) -> GitReader:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _walk_order(rel: str) -> tuple[tuple[str, ...], str]:
    # os.walk top-down with sorted names: a folder's own entries before its sub-folders'.
    *folders, name = rel.split("/")
    return tuple(folders), name
