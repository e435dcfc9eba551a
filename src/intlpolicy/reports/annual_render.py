"""Rendering the yearly report with Jinja: Markdown (default) or one self-contained HTML file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from intlpolicy.reports.annual import FOCUS_AREA_TITLES, AnnualReport
from intlpolicy.reports.swedish import NO_BREAK_SPACE, SPACE, format_number
from intlpolicy.reports.templating import environment, render_template

TEMPLATES: Final = {"markdown": "annual-report.md.j2", "html": "annual-report.html.j2"}

ROUTE_TITLES: Final = {
    "ks_information": "informationsärende till KS",
    "eu_network": "via EU-nätverket",
    "not_applicable": "rutinen gäller inte",
}
NOTICE_TITLES: Final = {
    "recorded": "registrerad",
    "missing": "saknas",
    "late": "efter ansökan",
    "not_required": "krävs inte",
}
ROLE_TITLES: Final = {"owner": "projektägare", "partner": "partner"}
KIND_TITLES: Final = {
    "network": "nätverk",
    "project": "projekt",
    "exchange": "utbyte",
    "study_visit": "studiebesök",
    "advocacy": "påverkansarbete",
    "twin_city": "vänort",
    "other": "övrigt",
}


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
    env.globals.update(
        focus_titles=FOCUS_AREA_TITLES,
        route_titles=ROUTE_TITLES,
        notice_titles=NOTICE_TITLES,
        role_titles=ROLE_TITLES,
        kind_titles=KIND_TITLES,
    )
    context: dict[str, Any] = {"report": report}
    if html:
        from intlpolicy.reports.charts import focus_chart, money_chart

        context["focus_chart"] = focus_chart(report)
        context["money_chart"] = money_chart(report)
    return render_template(env, TEMPLATES[output_format], context)
