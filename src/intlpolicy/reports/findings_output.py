"""The three renderings of validation findings: text, JSON and GitHub Actions annotations.

`RENDERERS` is the registry: its names are `validate --format`'s choices (besides `auto`,
which the command resolves to one of them first), so a new format is one entry.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final, Protocol

from intlpolicy.findings import Finding
from intlpolicy.text import printable


class ValidationSummary(Protocol):
    @property
    def findings(self) -> list[Finding]: ...
    @property
    def errors(self) -> list[Finding]: ...
    @property
    def warnings(self) -> list[Finding]: ...
    @property
    def record_count(self) -> int: ...
    def ok(self, strict: bool = False) -> bool: ...


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def summary_line(result: ValidationSummary) -> str:
    return ", ".join(
        (
            _count(result.record_count, "post", "poster"),
            _count(len(result.errors), "fel", "fel"),
            _count(len(result.warnings), "varning", "varningar"),
        )
    )


def text_line(finding: Finding) -> str:
    """One finding on one line: a file name or a value cannot break it or reach the terminal
    raw (control characters are shown escaped)."""
    return printable(
        f"{finding.file}:{finding.line}:{finding.column}: "
        f"{finding.severity.value} {finding.code} {finding.message}"
    )


# The line under a finding that names the command making its fix (`Finding.fix`).
FIX_PREFIX = "  Åtgärd: "


def fix_line(finding: Finding) -> str | None:
    return None if finding.fix is None else printable(FIX_PREFIX + finding.fix)


def render_text(result: ValidationSummary) -> str:
    lines: list[str] = []
    for finding in result.findings:
        lines.append(text_line(finding))
        if (hint := fix_line(finding)) is not None:
            lines.append(hint)
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def render_json(result: ValidationSummary, strict: bool = False) -> str:
    import json  # only for this format: the daily text run does not load it

    # The text of json.dumps(document, ensure_ascii=False, indent=2) + "\n", written one
    # finding at a time: the whole document at once (a dict per finding, then the pure-Python
    # encoder's millions of pieces) was the peak of a large run's memory. A finding's values
    # are all scalars, so the C encoder writes its indented lines: the separator between two
    # items carries the line break and the indentation.
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",\n      ", ": ")).encode
    parts = ["{\n", f'  "ok": {json.dumps(result.ok(strict))},\n']
    parts.append(f'  "records": {json.dumps(result.record_count)},\n')
    for key, findings, end in (
        ("errors", result.errors, ",\n"),
        ("warnings", result.warnings, "\n"),
    ):
        parts.append(f'  "{key}": ' + ("[\n" if findings else "[]"))
        for number, finding in enumerate(findings):
            if number:
                parts.append(",\n")
            parts.append("    {\n      " + encode(finding.as_dict())[1:-1] + "\n    }")
        parts.append(("\n  ]" if findings else "") + end)
    parts.append("}\n")
    return "".join(parts)


def _escape_data(text: str) -> str:
    """The Actions spec's escapes (`%`, CR, LF); any other control character shown escaped."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(finding: Finding) -> str:
    properties = ",".join(
        (
            f"file={_escape_property(finding.file)}",
            f"line={finding.line}",
            f"col={finding.column}",
            f"title={_escape_property(finding.code)}",
        )
    )
    # The fix is the annotation's second line (an escaped line break, as the spec allows).
    text = (
        finding.message
        if finding.fix is None
        else f"{finding.message}\n{FIX_PREFIX.strip()} {finding.fix}"
    )
    return f"::{finding.severity.value} {properties}::{_escape_data(text)}"


def render_github(findings: Sequence[Finding]) -> str:
    return "".join(github_line(finding) + "\n" for finding in findings)


def coloured_text(result: ValidationSummary) -> str:
    """The text format for a terminal: the same lines, with the severity in colour.

    rich honours NO_COLOR; it is imported here only, so other formats start without it.
    """
    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, highlight=False, soft_wrap=True)
    styles = {"error": "bold red", "warning": "yellow"}
    for finding in result.findings:
        where = printable(f"{finding.file}:{finding.line}:{finding.column}: ")
        line = Text(where, style="bold")
        line.append(finding.severity.value, style=styles[finding.severity.value])
        line.append(printable(f" {finding.code}"), style="dim")
        line.append(printable(f" {finding.message}"))
        console.print(line)
        if (hint := fix_line(finding)) is not None:
            console.print(Text(hint, style="cyan"))
    style = "red" if result.errors else ("yellow" if result.warnings else "green")
    console.print(Text(summary_line(result), style=style))
    return buffer.getvalue()


@dataclass(frozen=True, slots=True)
class Rendered:
    """What a rendering writes: the output on stdout, a note for the person on stderr."""

    stdout: str
    stderr: str = ""


@dataclass(frozen=True, slots=True)
class Options:
    """`strict`: warnings fail too (the JSON's `ok`); `colour`: stdout is a terminal."""

    strict: bool = False
    colour: bool = False


FindingsRenderer = Callable[[ValidationSummary, Options], Rendered]


def _text(result: ValidationSummary, options: Options) -> Rendered:
    return Rendered(coloured_text(result) if options.colour else render_text(result))


def _json(result: ValidationSummary, options: Options) -> Rendered:
    return Rendered(render_json(result, options.strict))


def _github(result: ValidationSummary, options: Options) -> Rendered:
    # Annotations for the runner on stdout; the summary for the person reading the log.
    return Rendered(render_github(result.findings), summary_line(result) + "\n")


RENDERERS: Final[dict[str, FindingsRenderer]] = {"text": _text, "json": _json, "github": _github}
