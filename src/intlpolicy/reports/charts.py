"""Inline SVG bar charts for the HTML report: drawn from the data, no scripts, no requests.

Every text in the SVG is escaped; the chart carries a <title> and <desc> for screen readers,
and the HTML report shows the same figures in a table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape

from markupsafe import Markup

from intlpolicy.reports.annual import FOCUS_AREA_TITLES, AnnualReport
from intlpolicy.reports.swedish import NO_BREAK_SPACE, format_number

_WIDTH = 640
_LABEL_WIDTH = 250
_BAR_HEIGHT = 22
_GAP = 8
_VALUE_WIDTH = 110


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: Decimal
    shown: str  # the value as the reader sees it


def bar_chart(title: str, description: str, bars: list[Bar]) -> Markup:
    """A horizontal bar chart as an inline <svg> element."""
    height = max(1, len(bars)) * (_BAR_HEIGHT + _GAP) + _GAP
    largest = max((bar.value for bar in bars), default=Decimal(0))
    room = _WIDTH - _LABEL_WIDTH - _VALUE_WIDTH
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{_WIDTH}" '
        f'height="{height}" viewBox="0 0 {_WIDTH} {height}" class="chart">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(description)}</desc>",
    ]
    if not bars:
        parts.append(f'<text x="0" y="{_BAR_HEIGHT}" class="chart-empty">Inga uppgifter</text>')
    for index, bar in enumerate(bars):
        y = _GAP + index * (_BAR_HEIGHT + _GAP)
        length = 0 if largest == 0 else int(room * bar.value / largest)
        middle = y + _BAR_HEIGHT // 2 + 5
        parts.append(
            f'<text x="{_LABEL_WIDTH - 8}" y="{middle}" text-anchor="end" '
            f'class="chart-label">{escape(bar.label)}</text>'
        )
        parts.append(
            f'<rect x="{_LABEL_WIDTH}" y="{y}" width="{max(length, 1)}" '
            f'height="{_BAR_HEIGHT}" class="chart-bar"/>'
        )
        parts.append(
            f'<text x="{_LABEL_WIDTH + max(length, 1) + 6}" y="{middle}" '
            f'class="chart-value">{escape(bar.shown)}</text>'
        )
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
    )


def money_chart(report: AnnualReport) -> Markup:
    bars = [
        Bar(
            group.organisation.name,
            group.received_sek,
            f"{format_number(group.received_sek, 0, NO_BREAK_SPACE)}{NO_BREAK_SPACE}kr",
        )
        for group in report.projects_by_committee
        if group.received_sek > 0
    ]
    summary = ", ".join(f"{bar.label}: {bar.shown}" for bar in bars) or "inga utbetalningar"
    return bar_chart(
        f"Utbetalda EU-medel per nämnd {report.year}",
        f"Medel som betalats ut under året, i kronor. {summary}.",
        bars,
    )
