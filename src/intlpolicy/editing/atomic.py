"""Writing files as a shell's `>` would, but atomically where it can: a reader sees the old
file or the new one, never half of one.

- A regular file (or a path that does not exist yet) is written to a hidden temporary file
  beside it, `.NAME.XXXXXXXX.tmp`, and renamed into place. The data root's reader skips
  hidden files, and `validate` warns about one older than an hour (left by `kill -9`).
- A symbolic link is followed: the file it points to is replaced, the link stays.
- Anything else that exists (a FIFO, a character device such as `/dev/stdout`, a terminal)
  is opened and written in place, never replaced. So are paths under /dev and /proc.

A write that the system refuses (full disk, no permission, a name too long) is a
`WriteFailed` refusal naming the path and the cause in Swedish.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from intlpolicy.errors import Refused
from intlpolicy.swedish import os_cause

__all__ = ["WriteFailed", "WriteRefused", "os_cause", "write_atomically", "writes_in_place"]

TEMPORARY_SUFFIX = ".tmp"


class WriteRefused(Refused):
    """The target exists and overwriting was not asked for, or cannot be written."""


class WriteFailed(Refused):
    """The system refused the write: the path and the cause, in Swedish."""

    def __init__(self, path: Path | str, error: OSError) -> None:
        super().__init__("write-failed", path=path, cause=os_cause(error))


def writes_in_place(path: Path) -> bool:
    """True for what a shell's `>` writes into rather than replaces: an existing FIFO,
    device or terminal (also through a link, as /dev/stdout is), and anything under /dev or
    /proc, also through a link (even when it is, wrongly, a regular file)."""
    for name in (os.path.abspath(path), os.path.realpath(path)):
        if name.startswith(("/dev/", "/proc/")):
            return True
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)  # follows links
    except OSError:
        return False  # missing (or a dangling link): a new file


def write_atomically(path: Path, text: str | bytes, *, overwrite: bool) -> None:
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    if os.path.lexists(path) and not overwrite:
        raise WriteRefused("output-exists", path=path)
    try:
        if writes_in_place(path):
            _write_in_place(path, data)
        else:
            _replace(path, Path(os.path.realpath(path)), data, overwrite=overwrite)
    except OSError as error:
        raise WriteFailed(path, error) from None


def _write_in_place(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_TRUNC | os.O_CLOEXEC)
    with os.fdopen(fd, "wb") as stream:
        stream.write(data)


def _replace(shown: Path, path: Path, data: bytes, *, overwrite: bool) -> None:
    """Write `data` to the regular file `path` (the link `shown` resolved) atomically."""
    directory = path.parent
    if not directory.is_dir():
        raise WriteRefused("output-folder-missing", folder=shown.parent)
    handle, temporary = tempfile.mkstemp(
        dir=directory, prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX
    )
    try:
        # mkstemp makes the file private (0600); give it the mode a new file would get, or
        # keep the mode of the file it replaces.
        os.fchmod(handle, _mode_for(path))
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if not overwrite:
            # Refuse to replace a file that appeared meanwhile.
            os.link(temporary, path)
            os.unlink(temporary)
        else:
            os.replace(temporary, path)
    except FileExistsError:
        os.unlink(temporary)
        raise WriteRefused("output-exists", path=shown) from None
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def move_folder_into_place(built: Path, target: Path) -> None:
    """Rename the finished folder `built` to `target`, which must not exist or be an empty
    folder (the rename replaces an empty folder and fails on any other): a reader sees no
    folder, or all of it. `built` gets the mode a new folder would get (mkdtemp's is 0700)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(built, 0o777 & ~umask)
    os.rename(built, target)
