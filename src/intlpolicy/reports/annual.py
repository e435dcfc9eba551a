"""Rendering the yearly report with Jinja: Markdown (default), one self-contained HTML file,
or that HTML printed to a PDF (reports/pdf.py, the optional extra `pdf`).

`RENDERERS` is the registry: its names are `annual-report --format`'s choices, so a new
format is one entry. jinja2 and babel are imported when a report is rendered, not before.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from intlpolicy.labels import (
    ACTIVITY_KINDS,
    FOCUS_AREA_TITLES,
    NOTICE_STATES,
    PROJECT_ROLES,
    ROUTE_TITLES,
)
from intlpolicy.swedish import NO_BREAK_SPACE, SPACE, format_number

if TYPE_CHECKING:
    import jinja2

    from intlpolicy.compilation import AnnualReport

# A renderer: the report's figures and the data root (whose templates/ folder beside it
# overrides a packaged template) in, the document out (text, or a PDF's bytes). Raises
# TemplateProblem.
AnnualRenderer = Callable[["AnnualReport", Path | None], str | bytes]


def swedish_date(day: date) -> str:
    """`14 februari 2025`."""
    from babel.dates import format_date

    return str(format_date(day, "d MMMM y", locale="sv"))


def empty_sections(report: AnnualReport) -> list[str]:
    """One sentence for each part of the report that has nothing to show this year. The
    templates leave such a part out and say it once, in the summary, instead of a heading
    over a single line (a printed page of its own)."""
    lines = []
    empty = [section.title for section in report.focus_sections if not section.committees]
    if empty and len(empty) == len(report.focus_sections):
        lines.append("Inga aktiviteter redovisade.")
    elif empty:
        areas = [f"{title[:1].lower()}{title[1:]}" for title in empty]
        listed = ", ".join(areas[:-1]) + " eller " + areas[-1] if len(areas) > 1 else areas[0]
        lines.append(f"Inga aktiviteter redovisade inom {listed}.")
    if not report.projects_by_committee:
        lines.append("Inga pågående EU-projekt under året.")
    if not any(group.received_sek > 0 for group in report.projects_by_committee):
        lines.append("Inga EU-medel betalades ut till nämndernas projekt under året.")
    if not report.applications:
        lines.append("Inga ansökningar om EU-medel lämnades under året.")
    if not report.networks:
        lines.append("Inga nätverksaktiviteter redovisade.")
    if not report.twin_cities:
        lines.append("Inga vänortsaktiviteter redovisade.")
    return lines


def report_environment(data_root: Path | None, html: bool) -> jinja2.Environment:
    """The templates' filters and tables; a template beside the data root relies on them."""
    from intlpolicy.reports.markdown_text import markdown_environment
    from intlpolicy.reports.templating import environment

    space = NO_BREAK_SPACE if html else SPACE
    env = environment(data_root, autoescape=html)
    if not html:  # record text escaped as Markdown, as the HTML's is escaped as HTML
        env = markdown_environment(env)

    def kronor(value: Decimal | None) -> str:
        if value is None:
            return "–"
        return f"{format_number(value, 0, space)}{space}kr"

    def count(value: int) -> str:
        return format_number(Decimal(value), 0, space)

    env.filters["kronor"] = kronor
    env.filters["count"] = count
    env.filters["date_sv"] = swedish_date  # running text: `14 februari 2025`
    env.filters["date_iso"] = date.isoformat  # tables: `2025-02-14`
    env.globals.update(
        focus_titles=FOCUS_AREA_TITLES,
        route_titles=ROUTE_TITLES,
        notice_titles=NOTICE_STATES,
        role_titles=PROJECT_ROLES,
        kind_titles=ACTIVITY_KINDS,
    )
    return env


def render_markdown(report: AnnualReport, data_root: Path | None) -> str:
    """templates/annual-report.md.j2: plain Markdown, ordinary spaces."""
    from intlpolicy.reports.templating import render_template

    env = report_environment(data_root, html=False)
    context = {"report": report, "empty_sections": empty_sections(report)}
    return render_template(env, "annual-report.md.j2", context)


def render_html(report: AnnualReport, data_root: Path | None) -> str:
    """templates/annual-report.html.j2: one self-contained file with two inline SVG charts;
    amounts keep no-break spaces."""
    from intlpolicy.reports.charts import focus_chart, money_chart
    from intlpolicy.reports.templating import render_template

    env = report_environment(data_root, html=True)
    context: dict[str, Any] = {
        "report": report,
        "empty_sections": empty_sections(report),
        "focus_chart": focus_chart(report),
        "money_chart": money_chart(report),
    }
    return render_template(env, "annual-report.html.j2", context)


def report_title(report: AnnualReport) -> str:
    return f"Redovisning av nämndernas internationella arbete {report.year}"


def render_pdf(report: AnnualReport, data_root: Path | None) -> bytes:
    """The HTML report printed on A4: its `@page` rules give the running header and the page
    numbers; the PDF's dates are the document's date, so the same data gives the same PDF."""
    from intlpolicy.reports.pdf import html_to_pdf

    html = render_html(report, data_root)
    title = report_title(report)
    return html_to_pdf(html, title=title, created=report.issued, author=report.sender)


RENDERERS: Final[dict[str, AnnualRenderer]] = {
    "markdown": render_markdown,
    "html": render_html,
    "pdf": render_pdf,
}
