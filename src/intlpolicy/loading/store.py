"""Loading a data root: parse every file, validate it against its model, collect issues.

A broken file gives issues and is left out of the record set; it never hides the findings
of the other files.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import re
import signal
import types
import typing
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any, Final, Protocol

from pydantic import BaseModel, ValidationError

from intlpolicy.findings import CODES, closest, did_you_mean, shorten
from intlpolicy.loading import yamlparse
from intlpolicy.loading.files import MAX_FILE_BYTES, DiskReader, Listing, decode, discover
from intlpolicy.loading.records import Issue, RecordSet, Source


class Reader(Protocol):
    """Where the files of a data root come from: the disk, or a git revision."""

    def listing(self) -> Listing: ...
    def size(self, rel: str) -> int: ...
    def read_bytes(self, rel: str) -> bytes: ...
    def read_text(self, rel: str) -> str | None: ...


# Called as files are read: (files just finished, files in all).
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class LoadResult:
    records: RecordSet
    issues: list[Issue]


def load_data_root(
    root: Path,
    display_root: str | None = None,
    reader: Reader | None = None,
    progress: Progress | None = None,
) -> LoadResult:
    """Read every record under `root` (from `reader`, the disk by default).

    Never raises for bad data: problems become issues.
    """
    shown = str(root) if display_root is None else display_root
    source_reader = reader if reader is not None else DiskReader(root)
    layout = discover(source_reader.listing(), shown)
    loaded = load_sources(layout.sources, source_reader, layout.issues, progress)
    loaded.records.report_years = layout.report_years
    return loaded


@contextmanager
def _collector_paused() -> Iterator[None]:
    # Thousands of live models make each cycle-collector pass slow, and this code builds no
    # reference cycles, so the collector is paused while records are built.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# Below this many files a process pool costs more than it saves.
PARALLEL_MIN_FILES: Final = 2000
_CHUNK: Final = 256
# More workers than this do not help: building the models here in the parent is then the
# bottleneck.
MAX_WORKERS: Final = 4


def worker_count() -> int:
    """How many processes parse in parallel: one per CPU, at most MAX_WORKERS."""
    return min(os.cpu_count() or 1, MAX_WORKERS)


def load_sources(
    sources: list[Source],
    reader: Reader,
    issues: list[Issue],
    progress: Progress | None = None,
) -> LoadResult:
    records = RecordSet(files=len(sources))
    with _collector_paused():
        for source, data, parse_issues in _parse_all(sources, reader, progress):
            assert source.kind is not None
            records.known.setdefault(source.kind.name, set()).add(source.record)
            issues.extend(parse_issues)
            if data is None:
                continue
            model = _validate(source, data, issues)
            if model is None:
                continue
            records.by_kind(source.kind.name)[source.record] = model
            records.sources[(source.kind.name, source.record)] = source
    return LoadResult(records, issues)


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


def _parse_all(
    sources: list[Source], reader: Reader, progress: Progress | None
) -> Iterator[Parsed]:
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


def parse_source(source: Source, reader: Reader, issues: list[Issue]) -> dict[str, Any] | None:
    """The mapping in one file, or None after adding the issue that explains why not."""
    try:
        size = reader.size(source.rel)
        if size > MAX_FILE_BYTES:
            issues.append(
                Issue(
                    source,
                    "file-too-large",
                    {"size": size, "limit": MAX_FILE_BYTES},
                    position=(1, 1),
                )
            )
            return None
        raw = reader.read_bytes(source.rel)
    except OSError as exc:
        issues.append(
            Issue(source, "read-error", {"reason": exc.strerror or str(exc)}, position=(1, 1))
        )
        return None
    try:
        text = decode(raw)
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        # The column counts characters, as an editor shows them, not bytes.
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        position = (raw.count(b"\n", 0, exc.start) + 1, column)
        issues.append(Issue(source, "not-utf8", {"byte": raw[exc.start]}, position=position))
        return None
    try:
        data = yamlparse.load(text)
    except yamlparse.YamlProblem as problem:
        issues.append(
            Issue(
                source,
                problem.code,
                problem.params,
                position=(problem.line + 1, problem.column + 1),
            )
        )
        return None
    if data is None:
        issues.append(Issue(source, "empty-file", position=(1, 1)))
        return None
    if not isinstance(data, dict):
        issues.append(Issue(source, "not-a-mapping", {"found": describe(data)}, position=(1, 1)))
        return None
    return data


def _validate(source: Source, data: dict[str, Any], issues: list[Issue]) -> BaseModel | None:
    assert source.kind is not None
    model = source.kind.model
    try:
        return _compact(model.model_validate(data))
    except ValidationError as exc:
        found = [issue_from_error(source, model, error) for error in exc.errors(include_url=False)]
        issues.extend(_without_echoes(found))
        return None


_NO_FIELDS_SET: Final[Any] = frozenset()


def _compact(record: BaseModel) -> BaseModel:
    """Drop the per-instance set of explicitly given field names that pydantic keeps.

    Nothing here reads it (no `exclude_unset`, no `model_copy(update=...)`), and with
    100 000 records its million small sets are a third of the memory. The models are
    frozen, so the shared empty set is never mutated.
    """
    object.__setattr__(record, "__pydantic_fields_set__", _NO_FIELDS_SET)
    for value in record.__dict__.values():
        if isinstance(value, BaseModel):
            _compact(value)
        elif type(value) is list:
            for item in value:
                if isinstance(item, BaseModel):
                    _compact(item)
    return record


def _without_echoes(found: list[Issue]) -> list[Issue]:
    """A misspelt key also makes its field missing; the unknown-key finding, which names the
    field it was probably meant to be, is the one that says what to fix."""
    meant = {
        (*issue.path[:-1], issue.params["suggestion"])
        for issue in found
        if issue.code == "unknown-key" and issue.params.get("suggestion")
    }
    return [i for i in found if not (i.code == "missing-field" and i.path in meant)]


# --- pydantic errors to issues ------------------------------------------------------------

_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "ett heltal",
    "int_parsing": "ett heltal",
    "bool_type": "true eller false",
    "bool_parsing": "true eller false",
    "dict_type": "en mappning (fält: värde)",
    "model_type": "en mappning (fält: värde)",
    "model_attributes_type": "en mappning (fält: värde)",
    "list_type": "en lista",
}


def describe(value: Any) -> str:
    """A Swedish description of a YAML value, for messages."""
    if value is None:
        return "ett tomt värde (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (sant/falskt)"
    if isinstance(value, int):
        return f"heltalet {value}"
    if isinstance(value, Decimal):
        return f"talet {value}"
    if isinstance(value, str):
        return f"texten '{shorten(value)}'"
    if isinstance(value, list):
        return "en lista"
    if isinstance(value, dict):
        return "en mappning"
    return type(value).__name__


def issue_from_error(source: Source, model: type[BaseModel], error: Any) -> Issue:
    kind: str = error["type"]
    loc: tuple[str | int, ...] = tuple(error["loc"])
    value = error.get("input")
    if kind in CODES:
        return Issue(source, kind, dict(error.get("ctx") or {}), loc)
    if kind == "missing":
        return Issue(source, "missing-field", {"field": loc[-1]}, loc)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        known = _field_names(model, loc[:-1])
        return Issue(
            source,
            "unknown-key",
            {
                "key": key,
                "hint": did_you_mean(key, known),
                "suggestion": closest(key, known) or "",
            },
            loc,
            at_key=True,
        )
    if kind == "literal_error":
        if loc == ("schema_version",):
            return Issue(source, "unsupported-schema-version", {"value": value}, loc)
        expected = re.findall(r"'([^']*)'|(\d+)", str(error["ctx"]["expected"]))
        allowed = ", ".join(quoted or number for quoted, number in expected)
        return Issue(source, "invalid-value", {"value": value, "allowed": allowed}, loc)
    if kind in _TYPE_NAMES:
        return Issue(
            source, "wrong-type", {"expected": _TYPE_NAMES[kind], "found": describe(value)}, loc
        )
    return Issue(source, "invalid-field", {"detail": error["msg"]}, loc)


def _field_names(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The keys allowed at `loc` inside `model`, for a did-you-mean hint."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = next((f for n, f in current.model_fields.items() if (f.alias or n) == part), None)
        if field is None:
            return []
        current = _inner_model(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or n for n, f in current.model_fields.items()]
    return []


def _inner_model(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list):
        for arg in typing.get_args(annotation):
            inner = _inner_model(arg)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
        return None
    return annotation
