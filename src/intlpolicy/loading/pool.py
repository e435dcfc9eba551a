"""Parsing many files at once: above PARALLEL_MIN_FILES, in a pool of forked workers.

YAML parsing dominates the cost and is independent per file, so the workers parse and return
plain values; the models are built in the parent, where the cross-record checks need them.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
from collections import deque
from collections.abc import Iterator
from itertools import islice
from typing import Any, Final

from intlpolicy.loading.files import Progress, Reader
from intlpolicy.loading.parsing import parse_source
from intlpolicy.loading.records import Issue, Source

# Below this many files a process pool costs more than it saves.
PARALLEL_MIN_FILES: Final = 2000
_CHUNK: Final = 256
# More workers than this do not help: building the models here in the parent is then the
# bottleneck.
MAX_WORKERS: Final = 4


def worker_count() -> int:
    """How many processes parse in parallel: one per CPU, at most MAX_WORKERS."""
    return min(os.cpu_count() or 1, MAX_WORKERS)


Parsed = tuple[Source, dict[str, Any] | None, list[Issue]]


def _parse_chunk(sources: list[Source], reader: Reader) -> list[Parsed]:
    parsed: list[Parsed] = []
    for source in sources:
        found: list[Issue] = []
        parsed.append((source, parse_source(source, reader, found), found))
    return parsed


_worker_reader: Reader | None = None


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _parse_in_worker(sources: list[Source]) -> list[Parsed]:
    assert _worker_reader is not None
    return _parse_chunk(sources, _worker_reader)


def parse_all(sources: list[Source], reader: Reader, progress: Progress | None) -> Iterator[Parsed]:
    """Parse every file; above PARALLEL_MIN_FILES in a pool of forked workers.

    YAML parsing dominates the cost and is independent per file, so the workers parse and
    return plain values; the models are built here, where the cross-record checks need them.
    """
    chunks = [sources[i : i + _CHUNK] for i in range(0, len(sources), _CHUNK)]
    workers = worker_count()
    forkable = getattr(reader, "forkable", False) and "fork" in mp.get_all_start_methods()
    if len(sources) < PARALLEL_MIN_FILES or workers < 2 or not forkable:
        for chunk in chunks:
            yield from _parse_chunk(chunk, reader)
            if progress:
                progress(len(chunk), len(sources))
        return
    global _worker_reader
    _worker_reader = reader
    try:
        # Ctrl-C is the parent's to handle: workers ignore it (no tracebacks from them), and
        # it is held back while the pool starts, so no worker can be left behind half-made.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            pool = mp.get_context("fork").Pool(workers, initializer=_ignore_interrupts)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        with pool:
            # At most a few chunks in flight: parsed values the models are not yet built from
            # would otherwise pile up here (imap has no back-pressure).
            waiting = iter(chunks)
            in_flight = deque(
                pool.apply_async(_parse_in_worker, (chunk,))
                for chunk in islice(waiting, 2 * workers)
            )
            while in_flight:
                parsed = in_flight.popleft().get()
                following = next(waiting, None)
                if following is not None:
                    in_flight.append(pool.apply_async(_parse_in_worker, (following,)))
                yield from parsed
                if progress:
                    progress(len(parsed), len(sources))
    finally:
        _worker_reader = None
