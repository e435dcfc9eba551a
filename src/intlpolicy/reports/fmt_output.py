"""`fmt`'s output: the files not in the canonical layout (or formatted), their diffs when
asked for, the files that cannot be formatted with their error, and a summary line."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from typing import Protocol

from intlpolicy.editing.roundtrip import unified_diff
from intlpolicy.findings import Finding
from intlpolicy.reports.findings_output import Rendered, text_line
from intlpolicy.text import printable


class FormattedFileLike(Protocol):
    @property
    def shown(self) -> str: ...
    @property
    def before(self) -> bytes: ...
    @property
    def after(self) -> bytes: ...


class FmtSummary(Protocol):
    """What `services.fmt.FmtResult` gives the renderer."""

    @property
    def checked(self) -> int: ...
    @property
    def changed(self) -> Sequence[FormattedFileLike]: ...
    @property
    def unreadable(self) -> Sequence[Finding]: ...
    @property
    def unread_files(self) -> int: ...
    @property
    def refused_files(self) -> int: ...


def render_fmt(result: FmtSummary, *, check: bool, diff: bool, data: str | None = None) -> Rendered:
    """stdout: one line per file (`skulle formateras om:` or `formaterades om:`), the diffs
    with `--diff`; stderr: the files that cannot be formatted and the summary, whose command
    carries the `--data` that fmt was given (`data`), as validate's fixes do."""
    verb = "skulle formateras om" if check else "formaterades om"
    lines = [printable(f"{verb}: {changed.shown}") for changed in result.changed]
    if diff:
        for changed in result.changed:
            text = unified_diff(changed.shown, changed.before, changed.after)
            lines.extend(printable(line) for line in text.splitlines())
    notes = [text_line(finding) for finding in result.unreadable]
    notes.append(_summary(result, check, data))
    stdout = "".join(f"{line}\n" for line in lines)
    return Rendered(stdout, "".join(f"{line}\n" for line in notes))


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _summary(result: FmtSummary, check: bool, data: str | None) -> str:
    """One line that says only what is true: how many files are in the canonical layout
    (were already, without --check), how many cannot be read or formatted, how many would
    be (or were) formatted."""
    changed, unread, refused = len(result.changed), result.unread_files, result.refused_files
    if not (changed or unread or refused):
        return f"{plural(result.checked, 'postfil', 'postfiler')}: alla i den gemensamma formen"
    in_form = result.checked - changed - unread - refused
    noun = "postfil" if result.checked == 1 else "postfiler"
    already = "i den gemensamma formen" if check else "var redan i den gemensamma formen"
    parts = [f"{in_form} av {result.checked} {noun} {already}"]
    if unread:
        parts.append(f"{_files(unread)} kan inte läsas (se felet ovan) och formaterades inte")
    if refused:
        parts.append(f"{_files(refused)} kan inte formateras (se felet ovan)")
    if changed and check:
        command = "intlpolicy fmt" if data is None else f"intlpolicy fmt --data {shlex.quote(data)}"
        parts.append(f"{_files(changed)} skulle formateras om; kör {command}")
    elif changed:
        parts.append(f"{_files(changed)} formaterades om")
    return "; ".join(parts)


def _files(count: int) -> str:
    return plural(count, "fil", "filer")
