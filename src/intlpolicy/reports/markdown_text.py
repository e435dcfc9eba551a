"""Record text made safe for Markdown: it stays text, never a heading, link, tag or comment.

The Markdown templates (the yearly report, the informationsärende) are rendered with
`markdown_environment`: every `{{ value }}` is escaped by `markdown_text` unless a filter has
already made it Markdown (a macro's output, `md_paragraphs`, `md_code`, `md_cell`). So a
summary's `# Falsk rubrik`, a title's `[Klicka här](javascript:…)`, `<script>`, `<!--` or a
line break that would split a heading all come out as the text written. Ordinary text (names
with å ä ö, numbers, dates) gets no backslash.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final, TypeVar

from markupsafe import Markup

from intlpolicy.text import printable

if TYPE_CHECKING:
    import jinja2

Env = TypeVar("Env", bound="jinja2.Environment")

# Anywhere in a line: backslash, code, emphasis, links and images, table cells, strikethrough;
# `_` only where it could open or close emphasis (not inside a word: `total_budget`).
_INLINE: Final = re.compile(r"[\\`*\[\]|~]|(?<![^\W_])_|_(?![^\W_])")
# HTML: a tag or a comment starts with `<`; `&` only where it would start an entity (`&lt;`).
_HTML: Final = re.compile(r"<|&(?=#?\w+;)")
# At the start of a line: a heading, a quote, a list item, a setext underline, a numbered item.
# (After any spaces; the marker, or a number's `.` or `)`, gets the backslash.)
_LINE_START: Final = re.compile(r"^\s*(?:(?=[#>+=-])|\d+(?=[.)](?:\s|$)))")
_SPACES: Final = re.compile(r"\s+")


def _escape_line(line: str) -> str:
    line = _HTML.sub(lambda m: "&lt;" if m.group() == "<" else "&amp;", line)
    line = _INLINE.sub(lambda m: "\\" + m.group(), line)
    match = _LINE_START.match(line)
    if match is None:
        return line
    return line[: match.end()] + "\\" + line[match.end() :]  # `\# x`, `2024\. x`


def markdown_text(value: object) -> Markup:
    """Text on one line (a heading, a list item, a table cell): a line break or a run of spaces
    becomes one space (kept at either end: `" (" ~ name ~ ")"`); other control characters are
    shown escaped (`\\x1b`)."""
    return Markup(_escape_line(printable(_SPACES.sub(" ", str(value)))))


def markdown_paragraphs(value: object) -> Markup:
    """Text of several lines (a summary): its line breaks and blank lines are kept, each line
    escaped as text, so no line can start a heading, a list or a quote."""
    lines = (" ".join(line.split()) for line in str(value).strip().splitlines())
    return Markup("\n".join(_escape_line(printable(line)) for line in lines))


def markdown_code(value: object) -> Markup:
    """A code span holding the text as written (a record id, a field path)."""
    text = printable(" ".join(str(value).split()))
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return Markup(f"{fence}{padded}{fence}")


def _finalize(value: object) -> object:
    """Every `{{ value }}` of a Markdown template: escaped unless already Markdown."""
    return value if isinstance(value, Markup) else markdown_text(value)


def markdown_environment(env: Env) -> Env:
    """The same environment (loader, filters, sandbox) rendering Markdown: values escaped."""
    markdown = env.overlay(autoescape=True, finalize=_finalize)
    markdown.filters = dict(env.filters)  # an overlay shares the dict; keep env's as it was
    markdown.filters.update(
        md_text=markdown_text,
        md_paragraphs=markdown_paragraphs,
        md_code=markdown_code,
        md_cell=markdown_text,
    )
    return markdown
