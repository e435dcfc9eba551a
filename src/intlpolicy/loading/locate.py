"""Turning issues into located findings: each file with findings is composed once.

One file at a time: all of a file's findings are located in one walk of its node tree, and the
tree is dropped before the next file's, so memory does not grow with the number of files
that have findings (and the cycle collector never has thousands of trees to walk).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable

from intlpolicy.findings import Finding, format_path, message_for, severity_of
from intlpolicy.loading.positions import Locator
from intlpolicy.loading.record_cache import RecordCache
from intlpolicy.loading.records import Issue


def locate(
    issues: Iterable[Issue],
    read_text: Callable[[str], str | None],
    cache: RecordCache | None = None,
) -> list[Finding]:
    """Findings sorted by file, line and column. `cache`: positions found in an earlier run
    of the same bytes are taken from it, and those found now are kept in it."""
    by_file: dict[str, list[Issue]] = {}
    for issue in issues:
        by_file.setdefault(issue.source.rel, []).append(issue)
    findings: list[Finding] = []
    # The trees are freed by their reference counts (they hold no cycles but a recursive
    # alias's, which the collector finds after): collector passes here would only walk every
    # loaded record again and again (0.6 s of 1.6 s at 10 000 files with findings).
    enabled = gc.isenabled()
    gc.disable()
    try:
        for rel, file_issues in by_file.items():
            findings.extend(_locate_file(rel, file_issues, read_text, cache))
    finally:
        if enabled:
            gc.enable()
    findings.sort(key=lambda f: (f.file, f.line, f.column, f.code))
    return findings


def _locate_file(
    rel: str,
    issues: list[Issue],
    read_text: Callable[[str], str | None],
    cache: RecordCache | None,
) -> list[Finding]:
    """One file's findings; its node tree (composed only when a position is needed) lives
    only as long as this call."""
    locator: Locator | None = None
    text: str | None = None
    findings: list[Finding] = []
    for issue in issues:
        if issue.position is not None:
            line, column = issue.position
        elif cache is not None and (known := cache.known_position(rel, issue)) is not None:
            line, column = known
        else:
            if locator is None:
                text = read_text(rel)
                locator = Locator(text)
            line, column = locator.locate(issue.path, issue.at_key)
            if cache is not None:
                cache.learn_position(rel, text, issue, (line, column))
        findings.append(
            Finding(
                file=issue.source.file,
                line=line,
                column=column,
                record=issue.source.record,
                path=format_path(issue.path),
                code=issue.code,
                severity=severity_of(issue.code),
                message=message_for(issue.code, issue.params),
                fix=issue.fix,
            )
        )
    return findings
