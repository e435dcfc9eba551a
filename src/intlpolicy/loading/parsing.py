"""One file to one mapping: size cap, UTF-8, the safe YAML parser; every problem an issue."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from intlpolicy.findings import shorten
from intlpolicy.loading import yamlparse
from intlpolicy.loading.cachefiles import file_digest
from intlpolicy.loading.files import MAX_FILE_BYTES, NotARecordFile, Reader, decode
from intlpolicy.loading.placeholders import placeholder_issues
from intlpolicy.loading.records import Issue, Source
from intlpolicy.loading.yamlerrors import editor_position
from intlpolicy.swedish import os_cause


def parse_source(
    source: Source, reader: Reader, issues: list[Issue], digests: list[bytes] | None = None
) -> dict[str, Any] | None:
    """The mapping in one file, or None after adding the issue that explains why not.

    `digests`: the hash of the bytes parsed is appended to it (for the per-file cache)."""
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
    except NotARecordFile as refused:  # a device, a FIFO, a link out of the data root
        issues.append(Issue(source, refused.code, position=(1, 1)))
        return None
    except OSError as exc:
        issues.append(Issue(source, "read-error", {"reason": os_cause(exc)}, position=(1, 1)))
        return None
    if len(raw) > MAX_FILE_BYTES:  # the size read, whatever size was reported
        limit = {"size": max(size, len(raw)), "limit": MAX_FILE_BYTES}
        issues.append(Issue(source, "file-too-large", limit, position=(1, 1)))
        return None
    if digests is not None:
        digests.append(file_digest(raw))
    try:
        text = decode(raw)
    except UnicodeDecodeError as exc:
        # Everything before the first bad byte is UTF-8: the position counts its characters.
        before = decode(raw[: exc.start])
        line, column = editor_position(before, len(before), more=True)
        position = (line + 1, column + 1)
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
    issues.extend(placeholder_issues(source, data, text))
    return data


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
