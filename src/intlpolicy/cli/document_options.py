"""What the documents that leave the building share on the command line: their identity
(`--diary-number`, `--date`) and their format, given or read from the output file's suffix.

`annual-report` and `route-project --draft` use the same options with the same words; `list`
and `publish` read their format from `--output`'s suffix the same way (`output_format`). A
suffix that names no format the command writes is refused before anything is written
(`output-suffix`); a name without a suffix takes `--format` or the command's default.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Final

import typer

from intlpolicy.errors import UsageRefused

if TYPE_CHECKING:
    from intlpolicy.compilation import Identity

DiaryNumberOption = Annotated[
    str | None,
    typer.Option(
        "--diary-number",
        metavar="DIARIENUMMER",
        help="Dokumentets diarienummer, som diariet skriver det. "
        'Utan det står det "Dnr: ej tilldelat" på titelsidan.',
        show_default=False,
    ),
]

DocumentDateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="ÅÅÅÅ-MM-DD",
        help="Dokumentets datum på titelsidan och i PDF-filens egenskaper (standard: i dag).",
        show_default=False,
    ),
]

# The output file's suffix -> the format it means.
SUFFIX_FORMATS: Final = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
BINARY_FORMATS: Final = frozenset({"pdf"})
RECORDS: Final = frozenset({".yaml", ".yml"})  # a record's file: never an output


def diary_number(text: str | None) -> str | None:
    """The diary number as given (free text, the diarium's own form), or None; refuses a
    blank one or one over several lines."""
    if text is None:
        return None
    if not text.strip() or any(c in text for c in "\n\r"):
        raise UsageRefused("diary-number-invalid", value=text)
    return text.strip()


def document_date(text: str | None, today: date) -> date:
    """The document's date: `--date`, else today."""
    from intlpolicy.cli.option_values import parse_date

    return today if text is None else parse_date(text, "--date")


def document_identity(diary: str | None, issued: str | None, today: date) -> Identity:
    """The document's identity from `--diary-number` and `--date` (the data's commit date
    is added where the records are read)."""
    from intlpolicy.compilation import Identity  # lazily: the models cost start-up time

    return Identity(document_date(issued, today), diary_number(diary))


def suffix_format(
    path: Path, formats: Mapping[str, str], option: str, *, bare: bool = False
) -> str | None:
    """The format `path`'s suffix names in `formats`; None for a name without a suffix
    where `bare` allows one (the command's `--format` or default then decides). Any other
    suffix is a usage error naming it and the known ones: never Markdown in a file whose
    name promises a spreadsheet."""
    suffix = path.suffix.lower()
    if suffix in formats:
        return formats[suffix]
    if bare and not suffix:
        return None
    *others, last = formats
    known = f"{', '.join(others)} eller {last}" if others else last
    raise UsageRefused("output-suffix", option=option, suffix=suffix or "(ingen)", known=known)


def output_format(
    given: str | None,
    output: Path | None,
    default: str,
    suffixes: Mapping[str, str] = SUFFIX_FORMATS,
    shared: Mapping[str, str] | None = None,
) -> str:
    """The format asked for: `--format`, else the one the output file's suffix names in
    `suffixes`, else `default` (a name without a suffix, or stdout). A suffix that names no
    format, or another format than `--format`, is a usage error. `shared`: a format that
    shares another's suffix (csv-plain writes .csv, as csv does)."""
    implied = None
    # "-" is stdout; a record's suffix is left to `app.guard_output`, whose refusal (the file
    # would replace a record) says the most.
    if output is not None and str(output) != "-" and output.suffix.lower() not in RECORDS:
        implied = suffix_format(output, suffixes, "--output", bare=True)
    if given is None:
        return implied or default
    if implied is not None and implied != (shared or {}).get(given, given):
        raise UsageRefused(
            "format-contradicts-suffix", format=given, path=str(output), implied=implied
        )
    return given


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def check_binary_destination(chosen: str, output: Path | None) -> None:
    """A binary document (PDF) goes to a file or a pipe, never onto a terminal."""
    to_stdout = output is None or str(output) == "-"
    if chosen in BINARY_FORMATS and to_stdout and _stdout_is_terminal():
        raise UsageRefused("binary-to-terminal", format=chosen)
