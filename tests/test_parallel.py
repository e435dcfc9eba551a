"""The pool of workers parses exactly what the single process parses."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import VALID_TODAY
from intlpolicy.loading import pool, store
from intlpolicy.loading.files import DiskReader, discover
from intlpolicy.services.validate import validate_data_root

needs_fork = pytest.mark.skipif(
    "fork" not in mp.get_all_start_methods(), reason="the pool forks its workers (POSIX only)"
)


def _many_records(root: Path, copies: int) -> None:
    template = (root / "twin-cities" / "tallinn.yaml").read_text(encoding="utf-8")
    for index in range(copies):
        name = f"stad-{index}"
        text = template.replace("id: tallinn", f"id: {name}")
        if index % 7 == 0:
            text += "okand_nyckel: 1\n"  # a finding in some files
        (root / "twin-cities" / f"{name}.yaml").write_text(text, encoding="utf-8")
    (root / "twin-cities" / "trasig.yaml").write_text("id: [\n", encoding="utf-8")


def _count_parses(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Every file parsed appends the id of the process that parsed it to `log`.

    The workers are forked after this patch, so they inherit it; a line per file, written
    with O_APPEND, is one atomic write even with several workers at once."""
    parse = pool.parse_source

    def counted(*args: Any, **kwargs: Any) -> Any:
        fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        try:
            os.write(fd, f"{os.getpid()}\n".encode())
        finally:
            os.close(fd)
        return parse(*args, **kwargs)

    monkeypatch.setattr(pool, "parse_source", counted)


def _parsers(log: Path) -> list[int]:
    return [int(pid) for pid in log.read_text().split()] if log.exists() else []


@needs_fork
def test_pool_and_single_process_give_the_same_findings(
    valid_root: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _many_records(valid_root, 60)
    log = tmp_path / "parsed-by"
    _count_parses(monkeypatch, log)
    serial = validate_data_root(valid_root, VALID_TODAY, "data")
    files = serial.records.files
    assert _parsers(log) == [os.getpid()] * files  # below the threshold: no pool
    log.unlink()

    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(pool, "_CHUNK", 7)
    monkeypatch.setattr(pool, "worker_count", lambda: 2)  # a pool even on one CPU
    parallel = validate_data_root(valid_root, VALID_TODAY, "data")
    parsers = _parsers(log)
    assert len(parsers) == files, "every file is parsed exactly once"
    assert os.getpid() not in parsers, "the pool's workers parse, not this process"
    assert parallel.findings == serial.findings
    assert parallel.record_count == serial.record_count
    assert sorted(parallel.records.twin_cities) == sorted(serial.records.twin_cities)
    assert len(serial.errors) == 60 // 7 + 1 + 1  # unknown keys and the broken file


@pytest.mark.parametrize(("cpus", "workers"), [(None, 1), (1, 1), (2, 2), (4, 4), (64, 4)])
def test_one_worker_per_cpu_up_to_the_maximum(
    monkeypatch: pytest.MonkeyPatch, cpus: int | None, workers: int
) -> None:
    monkeypatch.setattr(pool.os, "cpu_count", lambda: cpus)
    assert pool.worker_count() == workers


def test_progress_counts_every_file(valid_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _many_records(valid_root, 30)
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 10)
    seen: list[tuple[int, int]] = []
    loaded = store.load_data_root(valid_root, "data", progress=lambda n, t: seen.append((n, t)))
    assert sum(n for n, _ in seen) == loaded.records.files
    assert {t for _, t in seen} == {loaded.records.files}


def test_a_reader_that_cannot_fork_is_read_in_one_process(
    valid_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _many_records(valid_root, 20)
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 1)

    class NoFork(DiskReader):
        forkable = False

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(mp, "get_context", forbidden)
    loaded = store.load_data_root(valid_root, "data", NoFork(valid_root))
    assert loaded.records.files > 20


def test_loaded_records_share_one_empty_fields_set(valid_root: Path) -> None:
    """Memory at scale: no record keeps its own set of given field names, and nothing that
    the tool reads changes for it."""
    loaded = store.load_data_root(valid_root, "data")
    project = next(iter(loaded.records.projects.values()))
    assert project.model_fields_set == frozenset()
    assert project.total_budget.model_fields_set is project.model_fields_set
    again = type(project).model_validate(project.model_dump(by_alias=True))
    assert again == project


@needs_fork
def test_stopping_midway_kills_every_worker_at_once(
    valid_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C (or an error while the models are built) ends the pool within a moment, even
    with workers that are stuck and deaf to SIGTERM: nothing waits on them, nothing is left."""
    _many_records(valid_root, 40)
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(pool, "_CHUNK", 5)
    monkeypatch.setattr(pool, "worker_count", lambda: 2)
    parse = pool.parse_source
    parent = os.getpid()

    sources = discover(DiskReader(valid_root).listing(), "data").sources
    first_chunk = {source.rel for source in sources[:5]}

    def stuck(*args: Any, **kwargs: Any) -> Any:
        if os.getpid() != parent and args[0].rel not in first_chunk:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            time.sleep(20)
        return parse(*args, **kwargs)

    monkeypatch.setattr(pool, "parse_source", stuck)
    # Children of earlier tests (a git process not yet collected) are not this pool's workers.
    children = Path(f"/proc/{parent}/task/{parent}/children")
    before = set(children.read_text().split())
    parsed = pool.parse_all(sources, DiskReader(valid_root), None)
    next(parsed)
    workers = [int(pid) for pid in set(children.read_text().split()) - before]
    assert workers
    time.sleep(0.5)  # the other worker is now stuck in its chunk
    started = time.monotonic()
    parsed.close()  # as an exception in the consumer does
    assert time.monotonic() - started < 3
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists(), f"worker {pid} is left"


def test_the_readmes_say_where_the_pool_starts_as_the_code_does() -> None:
    """`--from N files or more` in README.md and benchmarks/README.md is PARALLEL_MIN_FILES,
    and the code starts the pool at exactly that many files."""
    import re

    top = Path(__file__).resolve().parent.parent
    for readme in (top / "README.md", top / "benchmarks" / "README.md"):
        text = " ".join(readme.read_text(encoding="utf-8").split())
        said = re.findall(r"has ([0-9 ]+) files or more \(`PARALLEL_MIN_FILES`", text)
        assert said, f"{readme.name} says where the pool starts"
        assert {int(n.replace(" ", "")) for n in said} == {pool.PARALLEL_MIN_FILES}


def test_the_pool_starts_at_parallel_min_files_not_above(
    valid_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _many_records(valid_root, 20)
    files = store.load_data_root(valid_root, "data", DiskReader(valid_root)).records.files

    def started(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(mp, "get_context", started)
    monkeypatch.setattr(pool, "worker_count", lambda: 2)
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", files + 1)
    store.load_data_root(valid_root, "data", DiskReader(valid_root))  # one file short: no pool
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", files)
    with pytest.raises(AssertionError, match="a pool was started"):
        store.load_data_root(valid_root, "data", DiskReader(valid_root))
