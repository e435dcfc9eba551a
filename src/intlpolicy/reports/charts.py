"""Inline SVG bar charts for the HTML report: drawn from the data, no scripts, no requests.

Every text in the SVG is escaped. The chart is named by its <title> and <desc> (through
`aria-labelledby`, which screen readers follow more reliably than the bare elements), each bar
carries its own <title> as a tooltip, and the HTML report shows the same figures in a table
beside it. Colours are presentation attributes, so the chart also reads without the page's CSS.

Nothing in a chart is cut: each label is measured in the charts' font (reports/text_width.py),
goes over two lines when it is long, and the label column is as wide as the widest line; the
chart grows wider rather than lose a letter (the page scales the SVG down to fit).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape
from math import ceil

from markupsafe import Markup

from intlpolicy.compilation import AnnualReport
from intlpolicy.labels import FOCUS_AREA_TITLES
from intlpolicy.reports.text_width import FONT_FAMILY, text_width, wrap_two
from intlpolicy.swedish import NO_BREAK_SPACE, format_number

_WIDTH = 640  # the narrowest chart; a chart with long labels or values is wider, never cut
_FONT_SIZE = 13
_LINE = 16  # a wrapped label's line spacing
_BAR_HEIGHT = 22
_GAP = 8
_PAD = 8  # between a label and its bar, and between a bar and its value
_EDGE = 2  # kept free at the chart's left and right edges
_WRAP_AT = 240  # a label wider than this goes over two lines
_MIN_ROOM = 160  # the least room for the longest bar
_BAR_FILL = "#1f5f8b"
_TEXT_FILL = "#1a1a1a"


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: Decimal
    shown: str  # the value as the reader sees it


@dataclass(frozen=True, slots=True)
class _Layout:
    lines: list[list[str]]  # each bar's label, on one or two lines
    label_width: int  # the label column, up to where the bars start
    room: int  # the longest bar's length
    width: int


def _layout(bars: list[Bar]) -> _Layout:
    """The label column as wide as the widest label line, the value column as wide as the
    widest value, the bars in between; the chart grows rather than cuts."""
    lines = [wrap_two(bar.label, _FONT_SIZE, _WRAP_AT) for bar in bars]
    widest_label = max((text_width(line, _FONT_SIZE) for ls in lines for line in ls), default=0)
    widest_value = max((text_width(bar.shown, _FONT_SIZE) for bar in bars), default=0)
    label_width = _EDGE + ceil(widest_label) + _PAD
    value_width = _PAD + ceil(widest_value) + _EDGE
    width = max(_WIDTH, label_width + _MIN_ROOM + value_width)
    return _Layout(lines, label_width, width - label_width - value_width, width)


def _row_height(lines: list[str]) -> int:
    return max(_BAR_HEIGHT, len(lines) * _LINE + 4)


def _label(x: int, middle: int, lines: list[str]) -> str:
    """The label right-aligned at `x`, its lines centred on `middle` (a line's baseline sits
    about a third of the font size below its middle)."""
    first = middle + 4 - (len(lines) - 1) * _LINE // 2
    spans = "".join(
        f'<tspan x="{x}" y="{first + index * _LINE}">{escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    return f'<text text-anchor="end" fill="{_TEXT_FILL}" class="chart-label">{spans}</text>'


def bar_chart(
    title: str,
    description: str,
    bars: list[Bar],
    *,
    ident: str = "chart",
    empty: str = "Inga uppgifter",
) -> Markup:
    """A horizontal bar chart as an inline <svg> element; `ident` keeps its ids unique."""
    layout = _layout(bars)
    heights = [_row_height(lines) for lines in layout.lines]
    height = sum(heights) + _GAP * (len(bars) + 1) if bars else _BAR_HEIGHT + 2 * _GAP
    largest = max((bar.value for bar in bars), default=Decimal(0))
    parts = [
        f'<svg role="img" aria-labelledby="{ident}-title {ident}-desc" width="{layout.width}" '
        f'height="{height}" viewBox="0 0 {layout.width} {height}" class="chart" '
        f'font-family="{FONT_FAMILY}" font-size="{_FONT_SIZE}">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
    ]
    if not bars:
        parts.append(
            f'<text x="{_EDGE}" y="{_BAR_HEIGHT}" fill="{_TEXT_FILL}" class="chart-empty">'
            f"{escape(empty)}</text>"
        )
    top = _GAP
    for bar, lines, row in zip(bars, layout.lines, heights, strict=True):
        length = 0 if largest == 0 else int(layout.room * bar.value / largest)
        length = max(length, 1)
        middle = top + row // 2
        parts.append(f"<g><title>{escape(bar.label)}: {escape(bar.shown)}</title>")
        parts.append(_label(layout.label_width - _PAD, middle, lines))
        parts.append(
            f'<rect x="{layout.label_width}" y="{middle - _BAR_HEIGHT // 2}" width="{length}" '
            f'height="{_BAR_HEIGHT}" fill="{_BAR_FILL}" class="chart-bar"/>'
        )
        parts.append(
            f'<text x="{layout.label_width + length + _PAD}" y="{middle + 4}" '
            f'fill="{_TEXT_FILL}" class="chart-value">{escape(bar.shown)}</text>'
        )
        parts.append("</g>")
        top += row + _GAP
    parts.append("</svg>")
    return Markup("".join(parts))


def focus_chart(report: AnnualReport) -> Markup:
    bars = [
        Bar(FOCUS_AREA_TITLES[key], Decimal(count), str(count))
        for key, count in report.activities_by_focus.items()
    ]
    summary = ", ".join(f"{bar.label}: {bar.shown}" for bar in bars)
    return bar_chart(
        f"Aktiviteter per inriktning {report.year}",
        f"Antal redovisade aktiviteter per inriktning. {summary}.",
        bars,
        ident="chart-focus",
    )


def money_bars(report: AnnualReport) -> list[Bar]:
    """The committees that received EU money during the year (the chart and its table)."""
    return [
        Bar(
            group.organisation.name,
            group.received_sek,
            f"{format_number(group.received_sek, 0, NO_BREAK_SPACE)}{NO_BREAK_SPACE}kr",
        )
        for group in report.projects_by_committee
        if group.received_sek > 0
    ]


def money_chart(report: AnnualReport) -> Markup:
    bars = money_bars(report)
    summary = ", ".join(f"{bar.label}: {bar.shown}" for bar in bars) or "Inga utbetalningar"
    return bar_chart(
        f"Utbetalda EU-medel per nämnd {report.year}",
        f"Medel som betalats ut under året, i kronor. {summary}.",
        bars,
        ident="chart-money",
        empty="Inga EU-medel betalades ut under året",
    )
