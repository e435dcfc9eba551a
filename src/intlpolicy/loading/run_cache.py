"""The whole-run cache of `validate`: a run made again on the same records prints the stored
output without importing pydantic, PyYAML or typer.

The key is everything the output depends on: the tool (`cachefiles.tool_identity`), the
arguments, the current folder (findings' paths are relative to it), the environment (all of
it but a few variables a shell changes on its own; it holds INTLPOLICY_TODAY, NO_COLOR, TERM,
the locale), whether stdout and stderr are terminals, the day the duties are judged on, and
the data root: every folder's name and every file's path, size, modification and change time
(ns), inode and device (policy and practice files are in the root like every other record).

The files' bytes are not read: a program can set a file's modification time back, but not its
change time (ctime), which any write, rename or `touch` moves to the present; the inode
changes when an editor or `git checkout` replaces the file. So a file whose bytes changed has
another key, as in git's index, at the cost of `lstat` alone (hashing every file costs about
as much as the rest of a stored run at 10 000 files). The one gap, a file written twice within
one tick of the file system's clock, is closed as git closes it: a result is not stored when
any file's times are within `record_cache.STAT_TRUST_NS` of the run's start.

Anything in doubt means no stored result: only `validate` with --data, --format and --strict
(never --rev, --no-cache or another option); a data root given as a data root, or found in
the current folder as `data/` (no walk upwards); no symbolic link, special file, unreadable
folder, hidden temporary file (it becomes a finding after an hour, whatever the records) or
file over MAX_FILE_BYTES in it; stdout a terminal, a pipe, a regular file or the null device.
A result is stored only when the key computed after the run equals the one before it.

Standard library only, and none of its slow modules (see `cachefiles`): this module runs
before anything else is imported.
"""

from __future__ import annotations

import os
import stat
import struct
import time

from intlpolicy.loading import cachefiles

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Final

MAX_ENTRIES: Final = 64
MAX_BYTES: Final = 256 * 1024 * 1024
MAX_FILE_BYTES: Final = 1024 * 1024  # as loading/files.py: larger files are not keyed
# The record folders (models.KINDS; tests/test_cache.py checks that they agree).
RECORD_FOLDERS: Final = (
    "policy",
    "organisations",
    "projects",
    "reports",
    "networks",
    "twin-cities",
    "compiled-reports",
    "practice",
)
# Set by a shell as it goes, never read by the tool.
_VOLATILE: Final = frozenset({"OLDPWD", "_", "SHLVL"})
# As record_cache.STAT_TRUST_NS (that module needs pydantic): a file changed this close to the
# run's start may change again under the same time stamps.
STAT_TRUST_NS: Final = 2_000_000_000
FORMATS: Final = frozenset({"auto", "text", "json", "github"})


class Stored:
    """A run's output: what it wrote to stdout and stderr, and its exit code."""

    __slots__ = ("exit_code", "stderr", "stdout")

    def __init__(self, stdout: str, stderr: str, exit_code: int) -> None:
        self.stdout = stdout
        self.stderr = stderr
        self.exit_code = exit_code


class Run:
    """One invocation, as the key sees it."""

    __slots__ = ("argv", "cwd", "environ", "terminals")

    def __init__(
        self,
        argv: tuple[str, ...],
        cwd: str,
        environ: tuple[tuple[str, str], ...],
        terminals: tuple[bool, bool],
    ) -> None:
        self.argv = argv
        self.cwd = cwd
        self.environ = environ
        self.terminals = terminals


_pending: tuple[Run, str] | None = None
# The files' lstat as the key before the run saw them: (the data root's real path, path in
# the root -> size, mtime_ns, ctime_ns, inode, device), for the per-file cache to take instead
# of its own `lstat` of every file (`record_cache.RecordCache`).
_seen: tuple[str, dict[str, tuple[int, int, int, int, int]]] | None = None


def this_run(argv: Sequence[str]) -> Run | None:
    """The current process's run (`argv` without the program name), or None when its output
    could not be replayed as it would be written (stdout a device other than the null one)."""
    try:
        cwd = os.getcwd()
        info = os.fstat(1)
        null = os.stat(os.devnull)
        terminals = (os.isatty(1), os.isatty(2))
    except (OSError, ValueError):
        return None
    special = stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
    if special and not terminals[0] and info.st_rdev != null.st_rdev:
        return None  # e.g. /dev/full: the command itself says why writing fails
    environ = tuple(sorted((k, v) for k, v in os.environ.items() if k not in _VOLATILE))
    return Run(tuple(argv), cwd, environ, terminals)


def run_key(run: Run) -> str | None:
    """The key of the run's result, or None: no stored result for this run (in doubt)."""
    found = _key(run)
    return None if found is None else found[0]


def _key(
    run: Run, seen: dict[str, tuple[int, int, int, int, int]] | None = None
) -> tuple[str, int] | None:
    """The key and the newest time stamp (ns) of any file or folder of the data root (`seen`:
    filled with each file's lstat)."""
    root = _data_root(run)
    if root is None:
        return None
    environ = dict(run.environ)
    digest = cachefiles.blake2b(digest_size=32)
    digest.update(cachefiles.tool_identity())
    today = environ.get("INTLPOLICY_TODAY") or time.strftime("%Y-%m-%d")
    head = (run.argv, run.cwd, run.environ, run.terminals, today, root)
    digest.update(repr(head).encode("utf-8", "surrogateescape"))
    newest = _hash_tree(root, digest, seen)
    if newest is None:
        return None
    if seen is not None:
        global _seen
        _seen = (os.path.realpath(root), seen)
    return digest.hexdigest(), newest


class Plain:
    """A `validate` run whose options are all plain: what its words say."""

    __slots__ = ("data", "no_cache", "output_format", "strict")

    def __init__(self, data: str | None, output_format: str, strict: bool, no_cache: bool) -> None:
        self.data = data
        self.output_format = output_format
        self.strict = strict
        self.no_cache = no_cache


def plain_validate(argv: Sequence[str]) -> Plain | None:
    """`validate` with only --data, --format (one of its names), --strict and --no-cache, read
    as click reads them (an option's value is the next word, whatever it looks like; the last
    one given counts); None for anything else (--rev, --help, a word it does not know): that is
    for the command line to read, and to explain."""
    if not argv or argv[0] != "validate":
        return None
    found = Plain(None, "auto", strict=False, no_cache=False)
    words = list(argv[1:])
    while words:
        word = words.pop(0)
        name, equals, value = word.partition("=")
        if word in ("--strict", "--no-cache"):
            found.strict |= word == "--strict"
            found.no_cache |= word == "--no-cache"
            continue
        if name not in ("--data", "--format"):
            return None
        if not equals:
            if not words:
                return None
            value = words.pop(0)
        if name == "--format" and value not in FORMATS:
            return None
        if name == "--data":
            found.data = value
        else:
            found.output_format = value
    return found


def _data_root(run: Run) -> str | None:
    """The folder the command will read, when that is certain without the command's code."""
    plain = plain_validate(run.argv)
    if plain is None or plain.no_cache:
        return None
    given = plain.data
    if given is None:
        given = dict(run.environ).get("INTLPOLICY_DATA") or None
    if given is not None:
        root = os.path.abspath(os.path.join(run.cwd, given))
        return root if given and _is_data_root(root) else None
    here = os.path.realpath(run.cwd)
    root = os.path.join(here, "data")
    return root if os.path.isdir(os.path.join(root, "policy")) else None


def _is_data_root(folder: str) -> bool:
    return os.path.isdir(os.path.join(folder, "policy")) and any(
        os.path.isdir(os.path.join(folder, name)) for name in RECORD_FOLDERS[1:]
    )


def _hash_tree(
    root: str, digest: cachefiles.blake2b, seen: dict[str, tuple[int, int, int, int, int]] | None
) -> int | None:
    """Feed every folder and file of `root` to `digest`; the newest time stamp in it, or None
    when something is in doubt. `seen`: filled with each file's lstat."""
    folders = [""]
    newest = 0
    while folders:
        rel = folders.pop()
        try:
            with os.scandir(os.path.join(root, rel)) as scan:
                items = sorted(scan, key=lambda item: item.name)
        except OSError:
            return None
        for item in items:
            name = item.name
            path = f"{rel}/{name}" if rel else name
            if name.startswith("."):
                if name.endswith(".tmp"):
                    return None
                continue  # never read by the tool
            try:
                info = item.stat(follow_symlinks=False)
            except OSError:
                return None
            if stat.S_ISDIR(info.st_mode):  # even an empty one: it can be a finding
                digest.update(repr(("folder", path)).encode("utf-8", "surrogateescape"))
                folders.append(path)
                continue
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
                return None  # a link, a device, a FIFO, a large file: the command decides
            times = (info.st_mtime_ns, info.st_ctime_ns)
            newest = max(newest, *times)
            fields = (path, info.st_mode, info.st_size, *times, info.st_ino, info.st_dev)
            digest.update(repr(fields).encode("utf-8", "surrogateescape"))
            if seen is not None:
                seen[path] = (info.st_size, *times, info.st_ino, info.st_dev)
    return newest


def _entry_path(key: str, create: bool) -> str | None:
    folder = cachefiles.cache_folder("runs", create=create)
    return None if folder is None else os.path.join(folder, key)


def stored_result(key: str) -> Stored | None:
    path = _entry_path(key, create=False)
    contents = None if path is None else cachefiles.read_entry(path, MAX_BYTES)
    if contents is None or len(contents) < 73:
        return None
    if contents[:64] != key.encode("ascii"):
        return None
    code, out_length = struct.unpack("<BQ", contents[64:73])
    try:
        stdout = contents[73 : 73 + out_length].decode("utf-8", "surrogateescape")
        stderr = contents[73 + out_length :].decode("utf-8", "surrogateescape")
    except UnicodeDecodeError:
        return None
    return Stored(stdout, stderr, code)


def expect(run: Run) -> str | None:
    """Remember this run's key, computed before the command starts, for `keep`."""
    global _pending, _seen
    started = time.time_ns()
    _seen = None
    found = _key(run, {})
    _pending = None
    if found is None:
        return None
    key, newest = found
    if newest < started - STAT_TRUST_NS:  # else a file may change again unseen: keep nothing
        _pending = (run, key)
    return key


def seen_before_run(root: str) -> dict[str, tuple[int, int, int, int, int]] | None:
    """The lstat of each file of `root` (by its path in the root) as this run's key saw them
    before the command started; None when the key was not made, or of another folder, or
    when they were asked for once already (a later run in the same process, a library
    caller's, takes its own). Each was taken before the file's bytes were read, as the
    per-file cache needs."""
    global _seen
    seen, _seen = _seen, None  # for the one run they were taken for: used once
    if seen is None or seen[0] != os.path.realpath(root):
        return None
    return seen[1]


def keep(stdout: str, stderr: str, exit_code: int) -> None:
    """Store the output of the run `expect` saw, if its key is still the same after it."""
    global _pending
    if _pending is None:
        return
    run, key = _pending
    _pending = None
    if run_key(run) != key or not 0 <= exit_code < 256:
        return  # a record changed while the command ran: its output may be of either
    path = _entry_path(key, create=True)
    if path is None:
        return
    out = stdout.encode("utf-8", "surrogateescape")
    err = stderr.encode("utf-8", "surrogateescape")
    head = key.encode("ascii") + struct.pack("<BQ", exit_code, len(out))
    if cachefiles.write_entry(path, head + out + err):
        cachefiles.evict(os.path.dirname(path), MAX_ENTRIES, MAX_BYTES)
