"""The yearly report as a PDF, printed by WeasyPrint and read back with pypdf: what a KS member
gets on paper. Also the report's identity (sender, date, Dnr, the data's version) and how the
format follows `--output`."""

from __future__ import annotations

import io
import re
import sys
import tomllib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from conftest import REPO_DATA, TODAY, invoke, pdf_pages, pdf_text
from intlpolicy.compilation import AnnualReport, Identity
from intlpolicy.errors import Refused
from intlpolicy.models import Policy
from intlpolicy.reports.annual import render_pdf
from intlpolicy.reports.pdf import html_to_pdf
from intlpolicy.routing import issuer_on
from intlpolicy.services.annual_report import AnnualReportRequest, build_annual_report
from intlpolicy.services.validate import Source

GOLDEN = Path(__file__).parent / "golden" / "annual-report-2024-pdf.txt"
SENDER = "Malmö stad, Stadskontoret, avdelningen för omvärld och näringsliv"
TITLE = "Redovisning av nämndernas internationella arbete 2024"
# The embedded data's 2024 report as sent: a diary number, a date, and a commit of the data.
IDENTITY = Identity(date(2025, 2, 20), "KS-2025-00123", committed=date(2025, 2, 14))
MAX_PAGES = 7
MIN_CHARACTERS = 300


def build_2024() -> AnnualReport:
    request = AnnualReportRequest(
        Source(REPO_DATA, "data"), 2024, TODAY, "c3e008e2f151", False, IDENTITY
    )
    return build_annual_report(request)


@pytest.fixture(scope="module")
def report_pdf(cache_home: Path) -> Iterator[bytes]:
    """The 2024 report of the embedded data as a PDF, rendered once for the module."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(cache_home))
        yield render_pdf(build_2024(), REPO_DATA)


@pytest.fixture(scope="module")
def pages(report_pdf: bytes) -> list[str]:
    return pdf_pages(report_pdf)


def body_text(page: str) -> str:
    """A page's own text: without the running header and footer that every page repeats."""
    text = " ".join(page.split())
    for margin in (TITLE, SENDER, f"Dnr: {IDENTITY.diary_number}"):
        text = text.replace(margin, "")
    return " ".join(re.sub(r"\b\d+ \(\d+\)$", "", text).split())


def drawn_rectangles(document: bytes, index: int) -> set[tuple[float, ...]]:
    """The rectangles a page draws, as (x, y, width, height) in their own coordinates: an
    SVG's are drawn in the SVG's coordinates, so a chart's bars can be found by theirs."""
    reader = PdfReader(io.BytesIO(document))
    operations = ContentStream(reader.pages[index].get_contents(), reader).operations
    return {
        tuple(round(float(value), 1) for value in operands)
        for operands, operator in operations
        if operator == b"re"
    }


def chart_bars(svg: str) -> set[tuple[float, ...]]:
    """The bars of a chart's SVG, as (x, y, width, height)."""
    bars = set()
    for tag in re.findall(r"<rect\b[^>]*>", svg):
        if "chart-bar" in tag:
            values = dict(re.findall(r'\b(x|y|width|height)="([-\d.]+)"', tag))
            bars.add(tuple(round(float(values[k]), 1) for k in ("x", "y", "width", "height")))
    return bars


# --- what a KS member gets on paper -------------------------------------------------------------


def test_the_2024_report_prints_on_at_most_seven_pages(pages: list[str]) -> None:
    assert len(pages) <= MAX_PAGES, f"{len(pages)} sidor"


def test_every_page_has_its_number_of_the_total_in_the_footer(pages: list[str]) -> None:
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        lines = [line.strip() for line in page.splitlines()]
        footer = re.compile(rf"(.*\s)?{number} \({total}\)")
        assert any(footer.fullmatch(line) for line in lines), (number, page[-200:])


def test_page_one_has_sender_date_diary_number_and_the_datas_version(pages: list[str]) -> None:
    first = " ".join(pages[0].split())
    assert SENDER in first
    assert "Datum: 20 februari 2025" in first
    assert "Dnr: KS-2025-00123" in first
    assert "Registret per 2025-02-14 (version c3e008e2f151)" in first
    assert TITLE in first


def test_later_pages_have_the_title_and_diary_number_in_the_header(pages: list[str]) -> None:
    for page in pages[1:]:
        header = f"{TITLE} Dnr: KS-2025-00123"
        assert any(line.strip() == header for line in page.splitlines()), page[:200]


def test_no_page_but_the_last_is_near_empty(pages: list[str]) -> None:
    short = {
        number: len(body_text(page))
        for number, page in enumerate(pages[:-1], start=1)
        if len(body_text(page)) < MIN_CHARACTERS
    }
    assert short == {}, f"sidor med färre än {MIN_CHARACTERS} tecken: {short}"


def test_the_charts_are_drawn(report_pdf: bytes, pages: list[str], cache_home: Path) -> None:
    from intlpolicy.reports.charts import focus_chart

    bars = chart_bars(str(focus_chart(build_2024())))
    assert len(bars) == 3  # one bar per focus area
    drawn = set().union(*(drawn_rectangles(report_pdf, i) for i in range(len(pages))))
    assert bars <= drawn


def test_the_same_data_gives_the_same_pdf(report_pdf: bytes, cache_home: Path) -> None:
    again = render_pdf(build_2024(), REPO_DATA)
    assert again == report_pdf  # the same bytes, so also the same text
    info = PdfReader(io.BytesIO(report_pdf)).metadata
    assert info is not None
    assert info["/CreationDate"] == info["/ModDate"] == "D:20250220000000Z"
    assert info["/Title"] == TITLE and info["/Author"] == SENDER


def test_golden_pdf_text(pages: list[str], update_golden: bool) -> None:
    """The text of every page, as pypdf reads it; pages separated by a form feed line."""
    text = (
        "\n\f\n".join("\n".join(line.rstrip() for line in page.splitlines()) for page in pages)
        + "\n"
    )
    if update_golden:
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8"), (
        f"{GOLDEN.name} differs: after a deliberate change run --update-golden"
    )


# --- the command line ---------------------------------------------------------------------------


def test_annual_report_writes_a_pdf_named_by_its_suffix(tmp_path: Path) -> None:
    target = tmp_path / "redovisning.pdf"
    result = invoke("annual-report", "--year", "2024", "--data", REPO_DATA, "--output", target)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    document = target.read_bytes()
    assert document.startswith(b"%PDF-")
    text = pdf_text(document)
    assert "Datum: 26 november 2026" in text  # --date defaults to today
    assert "Dnr: ej tilldelat" in text


def test_a_pdf_goes_to_stdout_when_it_is_no_terminal() -> None:
    result = invoke("annual-report", "--year", "2024", "--data", REPO_DATA, "--format", "pdf")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"%PDF-")


def test_a_pdf_never_goes_onto_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from intlpolicy.cli import document_options

    monkeypatch.setattr(document_options, "_stdout_is_terminal", lambda: True)
    result = invoke("annual-report", "--year", "2024", "--data", REPO_DATA, "--format", "pdf")
    assert result.exit_code == 2
    assert result.stdout_bytes == b""
    assert result.stderr.startswith("intlpolicy: --format pdf är en binär fil")


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("rep.html", "<!DOCTYPE html>"),
        ("rep.HTM", "<!DOCTYPE html>"),
        ("rep.md", f"# {TITLE}"),
        ("rep", f"# {TITLE}"),  # no suffix: the default, Markdown (.txt is refused)
    ],
)
def test_the_format_follows_the_outputs_suffix(tmp_path: Path, name: str, start: str) -> None:
    target = tmp_path / name
    result = invoke("annual-report", "--year", "2024", "--data", REPO_DATA, "--output", target)
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith(start)


def test_a_suffix_that_contradicts_format_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "rep.html"
    args = ("annual-report", "--year", "2024", "--data", REPO_DATA, "--output", target)
    result = invoke(*args, "--format", "markdown")
    assert result.exit_code == 2
    assert result.stderr == (
        f"intlpolicy: --format markdown men filen '{target}' slutar som html; ta bort "
        "--format (formatet läses då av filändelsen) eller byt filändelse\n"
    )
    assert not target.exists()
    assert invoke(*args, "--format", "html").exit_code == 0  # agreeing is fine


def test_diary_number_and_date_on_the_markdown_title_page() -> None:
    args = ("annual-report", "--year", "2024", "--data", REPO_DATA)
    given = invoke(*args, "--diary-number", "KS-2025-00123", "--date", "2025-02-20").stdout
    assert f"# {TITLE}\n\n{SENDER}\\\nDatum: 20 februari 2025\\\nDnr: KS-2025-00123\n" in given
    default = invoke(*args).stdout
    assert "Datum: 26 november 2026\\\nDnr: ej tilldelat\n" in default


@pytest.mark.parametrize(
    ("option", "value", "code", "message"),
    [
        ("--date", "2025-02-30", 1, "--date '2025-02-30' är inget giltigt datum"),
        ("--diary-number", " ", 2, "--diary-number ' ' är inget diarienummer"),
        ("--diary-number", "KS-1\nKS-2", 2, "är inget diarienummer; ange det på en rad"),
    ],
)
def test_a_bad_date_or_diary_number_is_refused(
    option: str, value: str, code: int, message: str
) -> None:
    result = invoke("annual-report", "--year", "2024", "--data", REPO_DATA, option, value)
    assert result.exit_code == code
    assert message in result.stderr and result.stdout == ""


# --- without WeasyPrint -------------------------------------------------------------------------


def test_without_weasyprint_pdf_is_one_line_naming_the_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails, find_spec finds none
    target = tmp_path / "rep.pdf"
    result = invoke("annual-report", "--year", "2024", "--data", REPO_DATA, "--output", target)
    assert result.exit_code == 1
    assert result.stderr == (
        "intlpolicy: PDF kräver paketet weasyprint; installera det med: pip install -e '.[pdf]'\n"
    )
    assert not target.exists() and result.stdout == ""
    # Refused before any work: even before the data root is looked for.
    missing = tmp_path / "finns-inte"
    early = invoke("annual-report", "--year", "2024", "--data", missing, "--format", "pdf")
    assert early.exit_code == 1 and "pip install -e '.[pdf]'" in early.stderr
    with pytest.raises(Refused) as refused:  # the library refuses the same way
        html_to_pdf("<p>x</p>", title="x", created=TODAY)
    assert refused.value.code == "pdf-extra-missing"


def test_the_install_line_fits_a_checkout_or_an_installed_package(tmp_path: Path) -> None:
    """`pip install -e '.[pdf]'` only works in a checkout; an installed intlpolicy is told to
    install WeasyPrint itself, at the version the extra asks for."""
    from intlpolicy.reports.pdf import install_line

    assert install_line() == "pip install -e '.[pdf]'"  # the tests run from the checkout
    site = tmp_path / "lib" / "site-packages" / "intlpolicy" / "reports"
    site.mkdir(parents=True)
    assert install_line(str(site / "pdf.py")) == "pip install 'weasyprint>=70'"
    extra = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    assert extra["project"]["optional-dependencies"]["pdf"] == ["weasyprint>=70"]


# --- the printer reads nothing outside the HTML -------------------------------------------------


def test_the_pdf_embeds_no_local_file(tmp_path: Path) -> None:
    secret = tmp_path / "hemligt.svg"
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="20">'
        '<text y="15">HEMLIGT</text></svg>'
    )
    secret.write_text(svg, encoding="utf-8")
    from base64 import b64encode

    inline = "data:image/svg+xml;base64," + b64encode(svg.encode()).decode()
    shown = pdf_text(html_to_pdf(f'<img src="{inline}">', title="x", created=TODAY))
    assert "HEMLIGT" in shown  # a data: URL is part of the HTML itself
    read = pdf_text(html_to_pdf(f'<img src="{secret.as_uri()}">', title="x", created=TODAY))
    assert "HEMLIGT" not in read


# --- the sender ---------------------------------------------------------------------------------


def policy(version: str, in_force: str, issuer: str | None) -> Policy:
    fields = {
        "schema_version": 1,
        "id": version,
        "title": "Policy för Malmö stads internationella arbete",
        "diary_number": "STK-2015-1008",
        "adopted_by": "kommunfullmaktige",
        "adopted": in_force,
        "in_force_from": in_force,
        "focus_areas": ["profilering"],
    }
    return Policy.model_validate(fields | ({"issuer": issuer} if issuer else {}))


def test_the_sender_is_the_latest_version_in_force_that_names_one() -> None:
    versions = [
        policy("policy-2016", "2016-11-02", "Malmö stad, Stadskontoret"),
        policy("policy-2020", "2020-01-01", None),
        policy("policy-2024", "2024-08-29", SENDER),
    ]
    assert issuer_on(versions, date(2016, 1, 1)) is None
    assert issuer_on(versions, date(2021, 6, 1)) == "Malmö stad, Stadskontoret"
    assert issuer_on(versions, date(2024, 8, 29)) == SENDER


def test_validate_refuses_a_sender_over_two_lines(valid_root: Path) -> None:
    target = valid_root / "policy" / "policy-2024.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text + 'issuer: "Malmö stad\\nStadskontoret"\n', encoding="utf-8")
    result = invoke("validate", "--data", valid_root)
    assert result.exit_code == 1
    assert "error issuer-not-one-line avsändaren (fältet issuer) ska stå på en rad" in result.stdout


def test_the_command_line_starts_without_the_printer_or_the_models() -> None:
    """Importing the commands (what `intlpolicy --help` does) loads neither WeasyPrint nor the
    report's figures and models: `annual-report`'s PDF and identity are imported when used."""
    import subprocess

    code = (
        "import sys, intlpolicy.cli; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('weasyprint', 'pydantic') "
        "or m.startswith(('intlpolicy.compilation', 'intlpolicy.models'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
