"""Turning issues into located findings: each file with findings is composed once.

One file at a time: all of a file's findings are located in one walk of its node tree, and the
tree is dropped before the next file's, so memory does not grow with the number of files
that have findings (and the cycle collector never has thousands of trees to walk).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from intlpolicy.findings import Finding, format_path, message_for, severity_of
from intlpolicy.loading.positions import Locator
from intlpolicy.loading.records import Issue


def locate(issues: Iterable[Issue], read_text: Callable[[str], str | None]) -> list[Finding]:
    """Findings sorted by file, line and column."""
    by_file: dict[str, list[Issue]] = {}
    for issue in issues:
        by_file.setdefault(issue.source.rel, []).append(issue)
    findings: list[Finding] = []
    for rel, file_issues in by_file.items():
        findings.extend(_locate_file(rel, file_issues, read_text))
    findings.sort(key=lambda f: (f.file, f.line, f.column, f.code))
    return findings


def _locate_file(
    rel: str, issues: list[Issue], read_text: Callable[[str], str | None]
) -> list[Finding]:
    """One file's findings; its node tree (composed only when a position is needed) lives
    only as long as this call."""
    locator: Locator | None = None
    findings: list[Finding] = []
    for issue in issues:
        if issue.position is not None:
            line, column = issue.position
        else:
            if locator is None:
                locator = Locator(read_text(rel))
            line, column = locator.locate(issue.path, issue.at_key)
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
