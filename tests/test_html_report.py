"""The yearly report as one self-contained HTML file: content, accessibility, print, escaping."""

from __future__ import annotations

import re
import shutil
import textwrap
from decimal import Decimal
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REPO_DATA, TODAY, invoke
from intlpolicy.reports.charts import Bar, bar_chart

NBSP = "\u00a0"
SCRIPT = "<script>alert(1)</script>"
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"


def render(root: Path, year: str = "2024", output_format: str = "html") -> str:
    result = invoke("annual-report", "--year", year, "--format", output_format, "--data", str(root))
    assert result.exit_code == 0, result.output
    return result.stdout


class Outline(HTMLParser):
    """What the tests look at in an HTML document: tags, attributes, headings, tables."""

    VOID = frozenset({"meta", "br", "hr", "img", "input", "link", "col", "wbr", "source"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []
        self.unbalanced: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self._heading: tuple[str, list[str]] | None = None
        self.css = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.VOID:
            return
        self.open.append(tag)
        if tag in ("h2", "h3"):
            self._heading = (tag, [])
        self._in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))  # <rect .../> inside the SVG

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.open or self.open[-1] != tag:
            self.unbalanced.append(tag)
            return
        self.open.pop()
        if self._heading is not None and tag == self._heading[0]:
            level, parts = self._heading
            self.headings.append((level, " ".join("".join(parts).split())))
            self._heading = None
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading[1].append(data)
        if self._in_style:
            self.css += data

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    parser.close()
    return parser


def markdown_headings(markdown: str) -> list[tuple[str, str]]:
    """The headings as a reader sees them: Markdown's escapes (`\\*`, `&lt;`) undone."""
    levels = {"## ": "h2", "### ": "h3"}
    found = []
    for line in markdown.splitlines():
        for prefix, level in levels.items():
            if line.startswith(prefix):
                shown = unescape(re.sub(r"\\(.)", r"\1", line[len(prefix) :]))
                found.append((level, " ".join(shown.split())))
    return found


# --- the embedded data root -------------------------------------------------------------------


@pytest.fixture(scope="module")
def embedded_html() -> str:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INTLPOLICY_TODAY", TODAY.isoformat())
        patch.delenv("INTLPOLICY_DATA", raising=False)
        return render(REPO_DATA)


def test_embedded_data_renders_a_swedish_html5_document(embedded_html: str) -> None:
    assert embedded_html.startswith("<!DOCTYPE html>\n")
    assert '<html lang="sv">' in embedded_html
    assert '<meta charset="utf-8">' in embedded_html
    assert "<title>Redovisning av nämndernas internationella arbete 2024</title>" in embedded_html
    assert "<h1>Redovisning av nämndernas internationella arbete 2024</h1>" in embedded_html
    parsed = outline(embedded_html)
    assert parsed.unbalanced == []
    assert parsed.open == []


def test_no_external_resources(embedded_html: str) -> None:
    parsed = outline(embedded_html)
    for forbidden in ("link", "script", "img", "iframe", "object", "embed", "video", "audio"):
        assert parsed.named(forbidden) == [], forbidden
    for tag, attrs in parsed.tags:
        for name, value in attrs.items():
            if value and re.search(r"(?i)(https?:)?//", value):
                # Only a plain link to a page named in the records is allowed.
                assert (tag, name) == ("a", "href"), (tag, name, value)
    assert "@import" not in parsed.css
    assert "url(" not in parsed.css
    assert "@font-face" not in parsed.css


def test_print_css_for_a4(embedded_html: str) -> None:
    css = outline(embedded_html).css
    assert re.search(r"@page\s*\{\s*size:\s*A4;\s*margin:", css)
    assert "@media print" in css
    print_css = css[css.index("@media print") :]
    # Chapters follow on from each other; only the body after the title page starts a page.
    assert re.search(r"\bh2 \{[^}]*break-before: auto;", print_css)
    assert re.search(r"\bmain \{[^}]*break-before: page;", print_css)
    assert re.search(r"thead \{ display: table-header-group; \}", print_css)
    assert re.search(r"tr, [^{]*\.pair \{[^}]*break-inside: avoid;", print_css)
    # Fixed column widths, shared by every committee's table, and tabular figures.
    assert re.search(r"\btable \{[^}]*table-layout: fixed;", css)
    assert re.search(r"\.num \{[^}]*font-variant-numeric: tabular-nums;", css)


def test_a_chart_and_its_table_are_one_unbreakable_pair(embedded_html: str) -> None:
    pairs = re.findall(r'<div class="pair">(.*?)</table>\n</div>\n</div>', embedded_html, re.S)
    assert len(pairs) == 1  # 2024 has activities but no EU money paid out
    assert "<figure>" in pairs[0] and "<svg" in pairs[0] and "<table>" in pairs[0]


def test_empty_sections_are_one_line_in_the_summary(embedded_html: str) -> None:
    summary = embedded_html[
        embedded_html.index('<section id="sammanfattning"') : embedded_html.index("</section>")
    ]
    assert (
        '<p class="empty-sections">Inga pågående EU-projekt under året. '
        "Inga EU-medel betalades ut till nämndernas projekt under året.</p>"
    ) in summary
    # No money chart and no table of nothing; the EU section is there for the applications.
    assert "Utbetalda EU-medel per nämnd" not in embedded_html
    assert ("h2", "EU-projekt") in outline(embedded_html).headings
    markdown = render(REPO_DATA, output_format="markdown")
    assert "Inga pågående EU-projekt under året. Inga EU-medel betalades ut" in markdown


def test_a_year_without_activities_has_no_empty_chapters() -> None:
    html = render(REPO_DATA, year="2025")
    headings = [text for level, text in outline(html).headings if level == "h2"]
    for absent in ("Verksamhetsutveckling", "Internationella nätverk", "Vänorter"):
        assert absent not in headings
        assert f'href="#{absent}' not in html
    assert "Inga aktiviteter redovisade. " in html
    assert "Inga nätverksaktiviteter redovisade. Inga vänortsaktiviteter redovisade." in html
    markdown = render(REPO_DATA, year="2025", output_format="markdown")
    assert [h for h in outline(html).headings if h != ("h2", "Innehåll")] == markdown_headings(
        markdown
    )


def test_tables_use_iso_dates_running_text_long_ones(hostile_root: Path) -> None:
    html = render(hostile_root)
    assert "Redovisningen lämnades 14 februari 2025." in html
    cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", html)
    assert any("2024-10-01 –" in cell for cell in cells)  # the project's period
    months = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti")
    assert not [cell for cell in cells if any(f" {month} " in cell for month in months)]


def test_two_charts_with_titles(hostile_root: Path) -> None:
    html = render(hostile_root)
    charts = re.findall(r"<svg\b.*?</svg>", html, flags=re.S)
    assert len(charts) == 2
    for chart in charts:
        title = re.search(r'<title id="([^"]+)">([^<]+)</title>', chart)
        assert title is not None
        assert f'aria-labelledby="{title.group(1)} ' in chart
        assert 'role="img"' in chart
        assert "<desc" in chart
    assert "Aktiviteter per inriktning 2024" in charts[0]
    assert "Utbetalda EU-medel per nämnd 2024" in charts[1]


def test_tables_are_accessible(embedded_html: str) -> None:
    parsed = outline(embedded_html)
    tables = parsed.named("table")
    assert len(tables) >= 3
    assert len(parsed.named("caption")) == len(tables)
    headers = parsed.named("th")
    assert headers
    assert all(th.get("scope") in ("col", "row") for th in headers)
    assert any(th.get("scope") == "col" for th in headers)
    assert any(th.get("scope") == "row" for th in headers)
    # Numbers are right-aligned through the `num` class.
    assert re.search(r"\.num \{ text-align: right;", parsed.css)
    assert '<td class="num">15\u00a0687\u00a0000\u00a0kr</td>' in embedded_html


def test_money_keeps_no_break_spaces(embedded_html: str) -> None:
    assert f"10{NBSP}910{NBSP}275{NBSP}kr" in embedded_html
    assert "10 910 275 kr" not in embedded_html


def test_same_sections_and_headings_as_markdown(embedded_html: str) -> None:
    markdown = render(REPO_DATA, output_format="markdown")
    html_headings = [h for h in outline(embedded_html).headings if h != ("h2", "Innehåll")]
    assert html_headings == markdown_headings(markdown)


def test_title_page_facts(embedded_html: str) -> None:
    assert "Policy för Malmö stads internationella arbete" in embedded_html
    assert "STK-2015-1008" in embedded_html
    assert "<strong>Exempeldata.</strong>" in embedded_html
    # 2024 is over on the test's today, so no preliminary note.
    assert "Året är inte avslutat" not in embedded_html
    assert "Underlag" in embedded_html
    assert '<nav class="toc"' in embedded_html


def test_same_data_gives_the_same_bytes(embedded_html: str, tmp_path: Path) -> None:
    assert render(REPO_DATA) == embedded_html
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    for target in (first, second):
        result = invoke(
            "annual-report", "--year", "2024", "--format", "html", "--data", str(REPO_DATA),
            "--output", str(target),
        )  # fmt: skip
        assert result.exit_code == 0, result.output
    assert first.read_bytes() == second.read_bytes()
    assert first.read_text(encoding="utf-8") == embedded_html


def test_a_running_year_is_marked_preliminary() -> None:
    html = render(REPO_DATA, year="2026")
    assert "<strong>Året är inte avslutat.</strong>" in html
    assert "(året är inte avslutat)" in html


# --- record text is escaped -------------------------------------------------------------------


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture
def hostile_root(valid_root: Path) -> Path:
    """The valid fixture with markup in a report, a committee's name and a company report."""
    write(
        valid_root,
        "reports/2024/kulturnamnden.yaml",
        f"""\
        schema_version: 1
        organisation: kulturnamnden
        year: 2024
        submitted: 2025-02-14
        summary: |
          Första stycket {SCRIPT} & mer.

          Andra stycket.
        activities:
          - title: "{SCRIPT}"
            focus_area: profilering
            kind: network
            networks: [eurocities]
            description: <img src=x onerror=alert(2)> beskrivning
          - title: Konstnärsutbyte med Tallinn
            focus_area: profilering
            kind: exchange
            twin_cities: [tallinn]
            countries: [EE]
        """,
    )
    write(
        valid_root,
        "reports/2024/malmo-stadshus-ab.yaml",
        f"""\
        schema_version: 1
        organisation: malmo-stadshus-ab
        year: 2024
        submitted: 2025-02-10
        no_international_work: true
        summary: Bolagets text {SCRIPT}.
        """,
    )
    organisation = valid_root / "organisations/kulturnamnden.yaml"
    organisation.write_text(
        organisation.read_text(encoding="utf-8").replace(
            "name: Kulturnämnden", 'name: "Kultur & <b>nämnden</b>"'
        ),
        encoding="utf-8",
    )
    project = valid_root / "projects/green-transitions.yaml"
    project.write_text(
        project.read_text(encoding="utf-8")
        .replace("start: 2025-01-01", "start: 2024-10-01")
        .replace(
            "  - {year: 2025, amount: 350000, currency: SEK}",
            "  - {year: 2024, amount: 350000, currency: SEK}",
        ),
        encoding="utf-8",
    )
    return valid_root


def test_record_text_is_escaped(hostile_root: Path) -> None:
    html = render(hostile_root)
    assert SCRIPT not in html
    assert "<script" not in html
    assert "<img" not in html
    assert "<b>nämnden</b>" not in html
    assert f"<strong>{ESCAPED_SCRIPT}</strong>" in html
    assert f"<p>Första stycket {ESCAPED_SCRIPT} &amp; mer.</p>" in html
    assert "<p>Andra stycket.</p>" in html
    assert "&lt;img src=x onerror=alert(2)&gt; beskrivning" in html
    assert f"<p>Bolagets text {ESCAPED_SCRIPT}.</p>" in html
    # In the chart too: the committee received money in 2024.
    money_chart = re.findall(r"<svg\b.*?</svg>", html, flags=re.S)[1]
    assert "Kultur &amp; &lt;b&gt;nämnden&lt;/b&gt;" in money_chart
    assert f"350{NBSP}000{NBSP}kr" in money_chart
    parsed = outline(html)
    assert parsed.named("script") == []
    assert parsed.unbalanced == []


def test_hostile_root_has_companies_and_the_money_table(hostile_root: Path) -> None:
    html = render(hostile_root)
    markdown = render(hostile_root, output_format="markdown")
    headings = outline(html).headings
    assert ("h2", "Bolagen") in headings
    assert [h for h in headings if h != ("h2", "Innehåll")] == markdown_headings(markdown)
    assert '<a href="#bolagen">Bolagen</a>' in html
    row = (
        '<tr><th scope="row">Kultur &amp; &lt;b&gt;nämnden&lt;/b&gt;</th>'
        f'<td class="num">350{NBSP}000{NBSP}kr</td></tr>'
    )
    assert row in html
    assert "Totalbudgeten är hela projektets, alla partner." in html
    # The tables of every committee share one set of column widths.
    assert html.count('<col class="p-title">') == html.count("<caption>EU-projekt 2024, ")


def test_a_template_beside_the_data_root_overrides(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(REPO_DATA, root)
    write(tmp_path, "templates/annual-report.html.j2", "<p>{{ report.year }}</p>\n")
    assert render(root) == "<p>2024</p>\n"


# --- the charts -------------------------------------------------------------------------------


def test_bar_chart_escapes_and_wraps_labels() -> None:
    long_label = "Gymnasie- och vuxenutbildningsnämnden med ett mycket långt namn"
    chart = str(
        bar_chart(
            "Titel <x>",
            "Beskrivning & mer",
            [Bar(long_label, Decimal(2), "2"), Bar("A <b>", Decimal(1), "1")],
            ident="test",
        )
    )
    assert '<title id="test-title">Titel &lt;x&gt;</title>' in chart
    assert '<desc id="test-desc">Beskrivning &amp; mer</desc>' in chart
    assert "A &lt;b&gt;</tspan>" in chart
    assert "…" not in chart  # the label goes over two lines instead of being shortened
    assert chart.count("<tspan") == 3
    assert f"<title>{long_label}: 2</title>" in chart  # the full label as a tooltip too
    assert "http" not in chart


def test_empty_chart_says_so() -> None:
    chart = str(bar_chart("T", "D", [], ident="e", empty="Inga utbetalningar"))
    assert "Inga utbetalningar</text>" in chart
    assert "<rect" not in chart
