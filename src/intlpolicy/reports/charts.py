"""Inline SVG bar charts for the HTML report: drawn from the data, no scripts, no requests.

Every text in the SVG is escaped. The chart is named by its <title> and <desc> (through
`aria-labelledby`, which screen readers follow more reliably than the bare elements), each bar
carries its own <title> as a tooltip, and the HTML report shows the same figures in a table
beside it. Colours are presentation attributes, so the chart also reads without the page's CSS.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape

from markupsafe import Markup

from intlpolicy.compilation import AnnualReport
from intlpolicy.labels import FOCUS_AREA_TITLES
from intlpolicy.swedish import NO_BREAK_SPACE, format_number

_WIDTH = 640
_BAR_HEIGHT = 22
_GAP = 8
_VALUE_WIDTH = 130
_CHAR_WIDTH = 7.2  # an average character at the chart's 13px sans-serif, for the label column
_LABEL_MIN, _LABEL_MAX = 120, 290
_LABEL_CHARS = 40  # longer labels are shortened in the chart (the table has them in full)
_BAR_FILL = "#1f5f8b"
_TEXT_FILL = "#1a1a1a"


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: Decimal
    shown: str  # the value as the reader sees it


def _short(label: str) -> str:
    if len(label) <= _LABEL_CHARS:
        return label
    return label[: _LABEL_CHARS - 1].rstrip() + "…"


def _label_width(bars: list[Bar]) -> int:
    longest = max((len(_short(bar.label)) for bar in bars), default=0)
    return max(_LABEL_MIN, min(_LABEL_MAX, int(longest * _CHAR_WIDTH) + 12))


def bar_chart(
    title: str,
    description: str,
    bars: list[Bar],
    *,
    ident: str = "chart",
    empty: str = "Inga uppgifter",
) -> Markup:
    """A horizontal bar chart as an inline <svg> element; `ident` keeps its ids unique."""
    height = max(1, len(bars)) * (_BAR_HEIGHT + _GAP) + _GAP
    largest = max((bar.value for bar in bars), default=Decimal(0))
    label_width = _label_width(bars)
    room = _WIDTH - label_width - _VALUE_WIDTH
    parts = [
        f'<svg role="img" aria-labelledby="{ident}-title {ident}-desc" width="{_WIDTH}" '
        f'height="{height}" viewBox="0 0 {_WIDTH} {height}" class="chart" '
        f'font-family="system-ui, sans-serif" font-size="13">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
    ]
    if not bars:
        parts.append(
            f'<text x="0" y="{_BAR_HEIGHT}" fill="{_TEXT_FILL}" class="chart-empty">'
            f"{escape(empty)}</text>"
        )
    for index, bar in enumerate(bars):
        y = _GAP + index * (_BAR_HEIGHT + _GAP)
        length = 0 if largest == 0 else int(room * bar.value / largest)
        length = max(length, 1)
        middle = y + _BAR_HEIGHT // 2 + 5
        parts.append(f"<g><title>{escape(bar.label)}: {escape(bar.shown)}</title>")
        parts.append(
            f'<text x="{label_width - 8}" y="{middle}" text-anchor="end" fill="{_TEXT_FILL}" '
            f'class="chart-label">{escape(_short(bar.label))}</text>'
        )
        parts.append(
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{_BAR_HEIGHT}" '
            f'fill="{_BAR_FILL}" class="chart-bar"/>'
        )
        parts.append(
            f'<text x="{label_width + length + 6}" y="{middle}" fill="{_TEXT_FILL}" '
            f'class="chart-value">{escape(bar.shown)}</text>'
        )
        parts.append("</g>")
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
