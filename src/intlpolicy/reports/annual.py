"""Rendering the yearly report with Jinja: Markdown (default) or one self-contained HTML file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from intlpolicy.compilation import AnnualReport
from intlpolicy.labels import (
    ACTIVITY_KINDS,
    FOCUS_AREA_TITLES,
    NOTICE_STATES,
    PROJECT_ROLES,
    ROUTE_TITLES,
)
from intlpolicy.reports.templating import environment, render_template
from intlpolicy.swedish import NO_BREAK_SPACE, SPACE, format_number

TEMPLATES: Final = {"markdown": "annual-report.md.j2", "html": "annual-report.html.j2"}


def swedish_date(day: date) -> str:
    """`14 februari 2025`."""
    from babel.dates import format_date

    return str(format_date(day, "d MMMM y", locale="sv"))


def markdown_cell(text: object) -> str:
    """Record text made safe for a Markdown table cell: a `|` or a line break would end it."""
    return " ".join(str(text).split()).replace("|", "\\|")


def render_annual_report(report: AnnualReport, output_format: str, data_root: Path | None) -> str:
    html = output_format == "html"
    space = NO_BREAK_SPACE if html else SPACE
    env = environment(data_root, autoescape=html)

    def kronor(value: Decimal | None) -> str:
        if value is None:
            return "–"
        return f"{format_number(value, 0, space)}{space}kr"

    def count(value: int) -> str:
        return format_number(Decimal(value), 0, space)

    env.filters["kronor"] = kronor
    env.filters["md_cell"] = markdown_cell
    env.filters["count"] = count
    env.filters["date_sv"] = swedish_date
    # The templates' names for the tables; a template beside the data root relies on them.
    env.globals.update(
        focus_titles=FOCUS_AREA_TITLES,
        route_titles=ROUTE_TITLES,
        notice_titles=NOTICE_STATES,
        role_titles=PROJECT_ROLES,
        kind_titles=ACTIVITY_KINDS,
    )
    context: dict[str, Any] = {"report": report}
    if html:
        from intlpolicy.reports.charts import focus_chart, money_chart

        context["focus_chart"] = focus_chart(report)
        context["money_chart"] = money_chart(report)
    return render_template(env, TEMPLATES[output_format], context)
