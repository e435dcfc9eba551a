"""Writing files atomically: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from intlpolicy.errors import Refused


class WriteRefused(Refused):
    """The target exists and overwriting was not asked for, or cannot be written."""


def write_atomically(path: Path, text: str | bytes, *, overwrite: bool) -> None:
    if path.exists() and not overwrite:
        raise WriteRefused("output-exists", path=path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise WriteRefused("output-folder-missing", folder=directory)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private (0600); give it the mode a new file would get, or
        # keep the mode of the file it replaces.
        os.fchmod(handle, _mode_for(path))
        data = text if isinstance(text, bytes) else text.encode("utf-8")
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
        raise WriteRefused("output-exists", path=path) from None
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
