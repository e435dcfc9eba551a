"""The yearly report's print layout, laid out by WeasyPrint: a chart and its table never split."""

from __future__ import annotations

import io
import re

import pytest

from conftest import REPO_DATA, invoke

weasyprint = pytest.importorskip("weasyprint", reason="the test extra installs WeasyPrint")
pypdf = pytest.importorskip("pypdf", reason="the test extra installs pypdf")


def printed_pages(html: str) -> list[str]:
    pdf = weasyprint.HTML(string=html).write_pdf()
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def chart_pair_page() -> tuple[str, str]:
    """The 2024 report's head (its CSS) and the activity chart with its table, alone."""
    result = invoke("annual-report", "--year", "2024", "--format", "html", "--data", str(REPO_DATA))
    assert result.exit_code == 0, result.output
    html = result.stdout
    head = html[: html.index("<body>")]
    pair = re.search(r'<div class="pair">.*?</table>\n</div>\n</div>', html, re.S)
    assert pair is not None
    return head, pair.group(0)


@pytest.mark.parametrize("above_mm", range(162, 230, 12))
def test_a_chart_and_its_table_print_on_one_page(
    chart_pair_page: tuple[str, str], above_mm: int
) -> None:
    # Whatever stands above the pair, the page breaks before the chart or after the table.
    head, pair = chart_pair_page
    filler = f'<div style="height: {above_mm}mm"></div>'
    pages = printed_pages(f"{head}<body><main>{filler}{pair}</main></body></html>")
    chart = [n for n, text in enumerate(pages) if "Aktiviteter per inriktning 2024\n" in text]
    table = [n for n, text in enumerate(pages) if "Totalt" in text]
    assert chart == table, f"{above_mm} mm ovanför: diagrammet på sida {chart}, tabellen på {table}"
