"""Reading many objects from git through one long-running process."""

from __future__ import annotations

import subprocess
import weakref
from pathlib import Path

from intlpolicy.loading.git_process import GitError, git_command, git_environment


class BlobReader:
    """One long-running `git cat-file --batch`: each object costs a line, not a process.

    The process ends on `close()`, or when the reader is garbage-collected or Python exits,
    so a caller that forgets to close leaves no git process behind.
    """

    def __init__(self, top: Path) -> None:
        self._top = top
        self._process: subprocess.Popen[bytes] | None = None
        self._finalizer: weakref.finalize[[subprocess.Popen[bytes]], BlobReader] | None = None

    def _started(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            try:
                self._process = subprocess.Popen(
                    git_command(self._top, ["cat-file", "--batch"]),
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    env=git_environment(),
                )
            except FileNotFoundError:
                raise GitError("git-not-installed") from None
            self._finalizer = weakref.finalize(self, _stop, self._process)
        return self._process

    def read(self, object_name: str) -> bytes | None:
        """The content of an object (e.g. a blob id), or None when git does not have it."""
        process = self._started()
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(object_name.encode("utf-8", errors="surrogateescape") + b"\n")
            process.stdin.flush()
            header = process.stdout.readline().split()
            if header[-1:] in ([b"missing"], [b"ambiguous"]):
                return None
            size = int(header[2])
            content = process.stdout.read(size)
            process.stdout.read(1)  # the newline after each object
        except (OSError, ValueError, IndexError):
            content, size = b"", -1
        if len(content) != size:
            self.close()
            raise GitError("git-ended")
        return content

    def close(self) -> None:
        finalizer, self._finalizer, self._process = self._finalizer, None, None
        if finalizer is not None:
            finalizer()


def _stop(process: subprocess.Popen[bytes]) -> None:
    for stream in (process.stdin, process.stdout):
        if stream is not None:
            stream.close()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:  # pragma: no cover - cat-file ends when stdin closes
        process.kill()
        process.wait()
