"""Parsing many files at once: from PARALLEL_MIN_FILES on, in forked worker processes.

YAML parsing dominates the cost and is independent per file, so the workers parse and return
plain values; the models are built in the parent, where the cross-record checks need them.

The workers are plain forked processes, one pipe each, and no helper threads: the sources are
inherited through the fork, so only chunk numbers travel to a worker (a few bytes, a write that
cannot block) and parsed chunks travel back. Stopping is killing: whatever ends the loop (the
last chunk, Ctrl-C, an error while the models are built) kills every worker and reaps it, which
cannot hang the way `multiprocessing.Pool.terminate` can when its task thread is stuck in a
full pipe.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Final

from intlpolicy.loading.files import Progress, Reader
from intlpolicy.loading.parsing import parse_source
from intlpolicy.loading.records import Issue, Source

if TYPE_CHECKING:  # multiprocessing itself is imported only when a pool is started
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

# Below this many files a pool of processes costs more than it saves.
PARALLEL_MIN_FILES: Final = 2000
_CHUNK: Final = 256
# More workers than this do not help: building the models here in the parent is then the
# bottleneck.
MAX_WORKERS: Final = 4
# Chunks given to a worker before its first result is read: one to parse, one waiting.
_AHEAD: Final = 2
_REAP_SECONDS: Final = 2.0


def worker_count() -> int:
    """How many processes parse in parallel: one per CPU, at most MAX_WORKERS."""
    return min(os.cpu_count() or 1, MAX_WORKERS)


# A file parsed: its source, its mapping (None: broken), its issues, the hash of the bytes
# parsed (None when not asked for, or when the file could not be read).
Parsed = tuple[Source, dict[str, Any] | None, list[Issue], bytes | None]


def _parse_chunk(sources: list[Source], reader: Reader, hashed: bool) -> list[Parsed]:
    parsed: list[Parsed] = []
    for source in sources:
        found: list[Issue] = []
        digests: list[bytes] | None = [] if hashed else None
        data = parse_source(source, reader, found, digests)
        parsed.append((source, data, found, digests[0] if digests else None))
    return parsed


def _serve(conn: Connection, chunks: list[list[Source]], reader: Reader, hashed: bool) -> None:
    """A worker: parse the chunks whose numbers arrive, until None (or the pipe closes)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    while True:
        try:
            number = conn.recv()
        except EOFError:
            return
        if number is None:
            return
        try:
            # The parent has the sources (and the store uses its own): only what was found
            # in each file travels back.
            parsed = _parse_chunk(chunks[number], reader, hashed)
            conn.send((True, [(data, found, digest) for _, data, found, digest in parsed]))
        except Exception as error:  # reaches the parent, which raises it
            conn.send((False, error))


def parse_all(
    sources: list[Source], reader: Reader, progress: Progress | None, hashed: bool = False
) -> Iterator[Parsed]:
    """Parse every file, in order; from PARALLEL_MIN_FILES files on in forked worker
    processes. `hashed`: each file's bytes are hashed too (for the per-file cache)."""
    chunks = [sources[i : i + _CHUNK] for i in range(0, len(sources), _CHUNK)]
    workers = worker_count()
    forkable = len(sources) >= PARALLEL_MIN_FILES and workers >= 2
    if forkable:
        import multiprocessing as mp

        forkable = getattr(reader, "forkable", False) and "fork" in mp.get_all_start_methods()
    if not forkable:
        for chunk in chunks:
            yield from _parse_chunk(chunk, reader, hashed)
            if progress:
                progress(len(chunk), len(sources))
        return
    processes: list[BaseProcess] = []
    pipes: list[Connection] = []
    finished = False
    try:
        # Ctrl-C is held back while the workers are forked, so none is left half made.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            context = mp.get_context("fork")
            for _ in range(min(workers, len(chunks))):
                mine, theirs = context.Pipe()
                process = context.Process(target=_serve, args=(theirs, chunks, reader, hashed))
                process.daemon = True
                process.start()
                theirs.close()
                processes.append(process)
                pipes.append(mine)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        count = len(pipes)
        # Chunk n goes to worker n % count; each worker parses its chunks in order, so the
        # results are read back in the order of the files.
        for number in range(min(len(chunks), _AHEAD * count)):
            pipes[number % count].send(number)
        for number in range(len(chunks)):
            pipe = pipes[number % count]
            ok, parsed = pipe.recv()
            if not ok:
                raise parsed
            following = number + _AHEAD * count
            if following < len(chunks):
                pipe.send(following)
            for source, (data, found, digest) in zip(chunks[number], parsed, strict=True):
                yield source, data, found, digest
            if progress:
                progress(len(parsed), len(sources))
        for pipe in pipes:
            pipe.send(None)
        finished = True
    finally:
        _stop(processes, pipes, finished)


def _stop(processes: list[BaseProcess], pipes: list[Connection], finished: bool) -> None:
    """End every worker and reap it. Interrupted, they are killed at once (SIGKILL cannot be
    ignored or blocked); finished, they were told to stop and get a moment to do so."""
    for pipe in pipes:
        pipe.close()
    for process in processes:
        if finished:
            process.join(_REAP_SECONDS)
        if process.exitcode is None:
            process.kill()
            process.join(_REAP_SECONDS)
