"""The pool of workers parses exactly what the single process parses."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from intlpolicy.loading import store
from intlpolicy.services.validate import validate_data_root

TODAY = date(2025, 3, 1)


def _many_records(root: Path, copies: int) -> None:
    template = (root / "twin-cities" / "tallinn.yaml").read_text(encoding="utf-8")
    for index in range(copies):
        name = f"stad-{index}"
        text = template.replace("id: tallinn", f"id: {name}")
        if index % 7 == 0:
            text += "okand_nyckel: 1\n"  # a finding in some files
        (root / "twin-cities" / f"{name}.yaml").write_text(text, encoding="utf-8")
    (root / "twin-cities" / "trasig.yaml").write_text("id: [\n", encoding="utf-8")


def test_pool_and_single_process_give_the_same_findings(
    valid_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _many_records(valid_root, 60)
    serial = validate_data_root(valid_root, TODAY, "data")
    monkeypatch.setattr(store, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(store, "_CHUNK", 7)
    parallel = validate_data_root(valid_root, TODAY, "data")
    assert parallel.findings == serial.findings
    assert parallel.record_count == serial.record_count
    assert sorted(parallel.records.twin_cities) == sorted(serial.records.twin_cities)
    assert len(serial.errors) == 60 // 7 + 1 + 1  # unknown keys and the broken file


def test_progress_counts_every_file(valid_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _many_records(valid_root, 30)
    monkeypatch.setattr(store, "PARALLEL_MIN_FILES", 10)
    seen: list[tuple[int, int]] = []
    loaded = store.load_data_root(valid_root, "data", progress=lambda n, t: seen.append((n, t)))
    assert sum(n for n, _ in seen) == loaded.records.files
    assert {t for _, t in seen} == {loaded.records.files}


def test_a_reader_that_cannot_fork_is_read_in_one_process(
    valid_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _many_records(valid_root, 20)
    monkeypatch.setattr(store, "PARALLEL_MIN_FILES", 1)

    class NoFork(store.DiskReader):
        forkable = False

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(store.mp, "get_context", forbidden)
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
