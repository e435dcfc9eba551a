"""Turning issues into located findings: each file with findings is composed once."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from intlpolicy.findings import Finding, format_path, message_for, severity_of
from intlpolicy.loading.positions import Locator
from intlpolicy.loading.records import Issue


def locate(issues: Iterable[Issue], read_text: Callable[[str], str | None]) -> list[Finding]:
    """Findings sorted by file, line and column."""
    locators: dict[str, Locator] = {}
    findings: list[Finding] = []
    for issue in issues:
        if issue.position is not None:
            line, column = issue.position
        else:
            rel = issue.source.rel
            locator = locators.get(rel)
            if locator is None:
                locator = locators[rel] = Locator(read_text(rel))
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
            )
        )
    findings.sort(key=lambda f: (f.file, f.line, f.column, f.code))
    return findings
