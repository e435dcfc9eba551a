"""`route-project --draft FILE`: the informationsärende to kommunstyrelsen in the form of the
city's tjänsteskrivelse, as Markdown (.md) or HTML for print (.html).

Golden files pin the whole draft: `pytest --update-golden` rewrites
tests/golden/informationsarende.md and .html from the current templates; review the diff before
committing.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from conftest import TODAY, invoke, pdf_pages

GOLDEN = Path(__file__).parent / "golden" / "informationsarende.md"
GOLDEN_HTML = GOLDEN.with_suffix(".html")
# The seed's tjänsteskrivelse, in its order; the assessment is the administration's.
HEADINGS = (
    "Sammanfattning",
    "Förslag till beslut",
    "Beslutsunderlag",
    "Beslutsplanering",
    "Beslutet skickas till",
    "Ärendet",
    "Kulturförvaltningens bedömning",
    "Ansvariga",
)
# What the case officer knows and the record does not, for the golden drafts.
DETAILS = (
    *("--diary-number", "KN-2024-00412", "--document-date", "2024-09-02"),
    *("--meeting-date", "2024-09-10", "--ks-meeting-date", "2024-10-02"),
)

# Every optional part of a project filled in, so the golden draft shows all of the template.
KS_PROJECT = """\
schema_version: 1
id: cultural-heritage-lab
title: Cultural Heritage Lab Öresund
organisation: kulturnamnden
role: owner
funding:
  eu: true
  programme: Kreativa Europa
  fund: Culture
total_budget:
  amount: 1100000
  currency: EUR
  exchange_rate: {rate: 11.4845, date: 2024-09-01, source: InforEuro}
eu_contribution:
  amount: 660000
  currency: EUR
  exchange_rate: {rate: 11.4845, date: 2024-09-01, source: InforEuro}
application:
  submitted: 2024-09-16
  decision: pending
period: {start: 2025-01-01, end: 2027-12-31}
focus_areas: [verksamhetsutveckling, profilering]
partners:
  - {name: Københavns Kommune, country: DK}
  - {name: Gdańsk, country: PL}
notices:
  ks_information: {date: 2024-09-10, diary_number: KS-2024-00123}
own_budget: {amount: 1500000, currency: SEK}
"""

# Only what the schema requires: the template must still render (StrictUndefined).
MINIMAL_KS_PROJECT = """\
schema_version: 1
id: minimal
title: Minimalt projekt
organisation: kulturnamnden
role: owner
funding: {eu: true}
total_budget: {amount: 12000000, currency: SEK}
"""


@pytest.fixture
def root(valid_root: Path) -> Path:
    """The valid data root plus a project on the KS route."""
    write(valid_root / "projects" / "cultural-heritage-lab.yaml", KS_PROJECT)
    return valid_root


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for drafts, apart from the data root."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def draft(root: Path, project: str, target: Path, *extra: str) -> Result:
    return invoke("route-project", "--data", root, project, "--draft", target, *extra)


def render(root: Path, project: str, target: Path, *extra: str) -> str:
    result = draft(root, project, target, *extra)
    assert result.exit_code == 0, result.output
    return target.read_text(encoding="utf-8")


def markdown_headings(text: str) -> list[str]:
    return [line[3:] for line in text.splitlines() if line.startswith("## ")]


def html_headings(text: str) -> list[str]:
    return re.findall(r"<h2>(.*?)</h2>", text)


# --- golden -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("golden", "name"), [(GOLDEN, "draft.md"), (GOLDEN_HTML, "draft.html")])
def test_draft_matches_golden(
    root: Path, out: Path, update_golden: bool, golden: Path, name: str
) -> None:
    text = render(root, "cultural-heritage-lab", out / name, *DETAILS)
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8", newline="\n")
    assert golden.is_file(), f"no golden file {golden.name} yet: run `pytest --update-golden`"
    assert text == golden.read_text(encoding="utf-8"), (
        f"the draft differs from tests/golden/{golden.name}; if the change is intended, "
        "run `pytest --update-golden` and review the diff"
    )


def test_golden_reads_like_a_tjansteskrivelse() -> None:
    text = GOLDEN.read_text(encoding="utf-8")
    assert markdown_headings(text) == list(HEADINGS)
    assert "Dnr: KN-2024-00412" in text
    assert "Datum: 2024-09-02" in text
    assert "Kulturnämnden föreslår kommunstyrelsen besluta" in text
    assert "12 632 950 kr" in text
    assert "1 100 000 × 11,4845 = 12 632 950 kr" in text
    assert "Policy för Malmö stads internationella arbete (STK-2015-1008)" in text
    assert "2024-08-29" in text
    assert "har ansökt" in text  # the application was submitted 2024-09-16
    assert "KS-2024-00123" not in text  # KS's own number for the case is not the draft's
    assert "{{" not in text and "{%" not in text
    assert "None" not in text
    assert "exempeldata" not in text.lower()
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_html_golden_is_the_same_text_on_a_page_for_print() -> None:
    html = GOLDEN_HTML.read_text(encoding="utf-8")
    assert html_headings(html) == list(HEADINGS)
    assert "@page" in html and "size: A4" in html
    assert 'counter(page) " (" counter(pages) ")"' in html  # 2 (3), the Swedish form
    assert "Tjänsteskrivelse" in html and "Kulturförvaltningen" in html
    assert "KN-2024-00412" in html and "2024-09-02" in html
    # Amounts keep together on paper.
    assert "1\u00a0100\u00a0000 × 11,4845 = 12\u00a0632\u00a0950\u00a0kr" in html
    assert "{{" not in html and "None" not in html


# --- the form: headings, letterhead, planning, recipients ---------------------------------------


@pytest.mark.parametrize(
    ("name", "headings"), [("d.md", markdown_headings), ("d.html", html_headings)]
)
def test_the_eight_headings_in_the_seeds_order(
    root: Path, out: Path, name: str, headings: Callable[[str], list[str]]
) -> None:
    assert headings(render(root, "cultural-heritage-lab", out / name)) == list(HEADINGS)


@pytest.mark.parametrize("name", ["d.md", "d.html"])
def test_without_the_options_the_draft_shows_what_to_fill_in(
    root: Path, out: Path, name: str
) -> None:
    """No diarienummer is invented, and no date of a meeting: visible blanks instead."""
    text = render(root, "cultural-heritage-lab", out / name)
    assert re.search(r"Dnr(:|</th><td[^>]*>) ?ej tilldelat", text)
    assert "Kulturnämnden [datum för nämndens sammanträde fylls i]" in text
    assert "Kommunstyrelsen [datum för kommunstyrelsens sammanträde fylls i]" in text
    assert TODAY.isoformat() in text  # the document's date: today
    assert "[namn och titel för de ansvariga fylls i]" in text
    assert "____" not in text and "KS-2024-00123" not in text


@pytest.mark.parametrize("name", ["d.md", "d.html"])
def test_the_given_date_diarienummer_and_meetings_appear(root: Path, out: Path, name: str) -> None:
    text = render(root, "cultural-heritage-lab", out / name, *DETAILS)
    assert "KN-2024-00412" in text and "ej tilldelat" not in text
    assert "2024-09-02" in text and TODAY.isoformat() not in text
    assert "Kulturnämnden 2024-09-10" in text
    assert "Kommunstyrelsen 2024-10-02" in text
    assert "fylls i]" not in text.replace("[namn och titel för de ansvariga fylls i]", "")


def test_diarienummer_is_free_text_on_one_line(root: Path, out: Path) -> None:
    text = render(root, "cultural-heritage-lab", out / "d.md", "--diary-number", "KUN 2024/412\n#x")
    assert "Dnr: KUN 2024/412 #x\n" in text  # joined onto one line: no heading


def test_only_one_meeting_given_leaves_the_other_to_fill_in(root: Path, out: Path) -> None:
    text = render(root, "cultural-heritage-lab", out / "d.md", "--ks-meeting-date", "2024-10-02")
    assert "Kulturnämnden [datum för nämndens sammanträde fylls i]" in text
    assert "Kommunstyrelsen 2024-10-02" in text


def test_decision_is_sent_to_the_committee_ks_and_stadskontoret(root: Path, out: Path) -> None:
    text = render(root, "cultural-heritage-lab", out / "d.md")
    section = text.split("## Beslutet skickas till\n", 1)[1].split("\n## ", 1)[0]
    assert section.split("\n- ")[1:] == [
        "Kommunstyrelsen",
        "Kulturnämnden",
        "Stadskontoret, avdelningen för omvärld och näringsliv\n",
    ]


def test_beslutsunderlag_names_the_application_and_the_budget_annex(root: Path, out: Path) -> None:
    text = render(root, "cultural-heritage-lab", out / "d.md")
    section = text.split("## Beslutsunderlag\n", 1)[1].split("\n## ", 1)[0]
    assert "Ansökan om EU-medel från Kreativa Europa (Culture): Cultural Heritage Lab" in section
    assert "Bilaga: Projektets budget, Cultural Heritage Lab Öresund" in section


def test_assessment_is_the_administrations_in_the_genitive(root: Path, out: Path) -> None:
    organisation = root / "organisations" / "kulturnamnden.yaml"
    text = organisation.read_text(encoding="utf-8")
    organisation.write_text(text.replace("Kulturförvaltningen", "Stadskontoret"), "utf-8")
    draft_text = render(root, "cultural-heritage-lab", out / "d.md")
    assert "## Stadskontorets bedömning" in draft_text
    assert "Malmö stad, Stadskontoret\n" in draft_text


def test_without_an_administration_the_heading_is_forvaltningens(root: Path, out: Path) -> None:
    """Nothing is invented: a committee whose record names no administration gets the
    general heading and the committee as sender."""
    organisation = root / "organisations" / "kulturnamnden.yaml"
    text = organisation.read_text(encoding="utf-8")
    organisation.write_text(re.sub(r"administration: .*", "administration: null", text), "utf-8")
    draft_text = render(root, "cultural-heritage-lab", out / "d.md")
    assert markdown_headings(draft_text)[6] == "Förvaltningens bedömning"
    assert "Malmö stad, Kulturnämnden\n" in draft_text


@pytest.mark.parametrize(
    ("name", "genitive"),
    [
        ("Kulturförvaltningen", "Kulturförvaltningens"),
        ("Stadskontoret", "Stadskontorets"),
        ("Fastighets- och gatukontoret", "Fastighets- och gatukontorets"),
        ("Malmö Stadshus AB", "Malmö Stadshus AB:s"),
        ("Kulturhus", "Kulturhus"),
    ],
)
def test_genitive(name: str, genitive: str) -> None:
    from intlpolicy.reports.drafts import genitive as of

    assert of(name) == genitive


# --- the content --------------------------------------------------------------------------------


def test_minimal_project_renders(valid_root: Path, out: Path) -> None:
    write(valid_root / "projects" / "minimal.yaml", MINIMAL_KS_PROJECT)
    text = render(valid_root, "minimal", out / "minimal.md")
    assert markdown_headings(text) == list(HEADINGS)
    assert "12 000 000 kr" in text
    assert "lika med" in text  # exactly at the threshold
    assert "None" not in text
    assert "Dnr: ej tilldelat" in text  # a line to fill in once the case is registered
    assert "Ansökan om EU-medel: Minimalt projekt" in text  # no programme recorded


def test_application_not_yet_submitted_says_ansoker(valid_root: Path, out: Path) -> None:
    write(valid_root / "projects" / "minimal.yaml", MINIMAL_KS_PROJECT)
    text = render(valid_root, "minimal", out / "minimal.md")
    assert "Kulturnämnden ansöker om medel" in text
    assert "har ansökt" not in text


def test_submitted_application_says_har_ansokt(root: Path, out: Path) -> None:
    text = render(root, "cultural-heritage-lab", out / "draft.md")
    assert "Kulturnämnden har ansökt om medel" in text
    assert "Ansökan lämnades:** 2024-09-16" in text


def test_example_project_draft_says_exempeldata(root: Path, out: Path) -> None:
    path = root / "projects" / "cultural-heritage-lab.yaml"
    path.write_text(
        KS_PROJECT.replace("schema_version: 1\n", "schema_version: 1\nexample: true\n"),
        encoding="utf-8",
    )
    text = render(root, "cultural-heritage-lab", out / "draft.md")
    assert text.index("> **EXEMPELDATA**") < text.index("## Sammanfattning")


# --- only for the KS route ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["green-transitions"], "EU-nätverket"),
        (
            ["green-transitions", "--date", "2024-08-28"],
            "rutinen gäller inte för projektet, eftersom ingen version av policyn",
        ),
    ],
)
def test_no_draft_for_other_routes(
    valid_root: Path, out: Path, args: list[str], reason: str
) -> None:
    target = out / "draft.md"
    result = draft(valid_root, args[0], target, *args[1:])
    assert result.exit_code == 0, result.output
    assert "Inget utkast" in result.stderr
    assert reason in result.stderr
    assert "_" not in result.stderr.split(":", 1)[1]  # no code (below_threshold) in Swedish
    assert not target.exists()
    assert list(out.iterdir()) == []


STATED = ("--budget", "1300000", "--currency", "EUR", "--rate", "11.2")


@pytest.mark.parametrize("name", ["d.md", "d.html"])
def test_draft_from_options_without_a_record(valid_root: Path, out: Path, name: str) -> None:
    """An application not yet recorded: the facts given fill the draft, the rest is left
    visibly blank, and the draft says that the project is not registered."""
    target = out / name
    result = invoke(
        "route-project",
        *("--data", valid_root, *STATED, "--organisation", "kulturnamnden"),
        *("--draft", target, "--meeting-date", "2026-12-08"),
    )
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    headings = markdown_headings if name.endswith(".md") else html_headings
    assert headings(text) == list(HEADINGS)
    assert "Projektet är inte registrerat" in text
    assert "projektet [projektets namn]" in text
    assert "1 300 000 EUR" in text.replace("\u00a0", " ")
    assert "14 560 000 kr" in text.replace("\u00a0", " ")
    assert "Kulturnämnden 2026-12-08" in text
    for blank in ("[program och fond]", "[start – slut]", "[partner och länder]"):
        assert blank in text
    assert "None" not in text and "\\[" not in text


def stated_draft(root: Path, target: Path, *extra: str) -> str:
    """The draft of a stated application, dated apart from TODAY (the deciding date)."""
    result = invoke(
        "route-project",
        *("--data", root, *STATED, "--rate-source", "InforEuro", "--organisation", "kulturnamnden"),
        *("--draft", target, "--document-date", "2026-12-01", *extra),
    )
    assert result.exit_code == 0, result.output
    return target.read_text(encoding="utf-8").replace("\u00a0", " ")


@pytest.mark.parametrize("name", ["d.md", "d.html"])
def test_a_stated_rate_without_its_date_is_undated(valid_root: Path, out: Path, name: str) -> None:
    """Without --rate-date the draft gives the rate no date: not the deciding date (TODAY)."""
    text = stated_draft(valid_root, out / name)
    assert "11,2 kr/EUR (InforEuro; kursens datum inte angivet)" in text
    assert TODAY.isoformat() not in text


@pytest.mark.parametrize("name", ["d.md", "d.html"])
def test_a_stated_rate_date_is_in_the_draft(valid_root: Path, out: Path, name: str) -> None:
    text = stated_draft(valid_root, out / name, "--rate-date", "2026-11-20")
    assert "11,2 kr/EUR (InforEuro, 2026-11-20)" in text
    assert "inte angivet" not in text


def test_the_draft_says_the_notice_timing_once_as_practice(valid_root: Path, out: Path) -> None:
    """The timing is the practice rule's sentence, labelled, once; the policy gives none."""
    text = " ".join(stated_draft(valid_root, out / "d.md").split())
    assert text.count("senast samma dag som ansökan") == 1
    assert "Stadens tillämpning, inte policyns ord: informationen till kommunstyrelsen" in text
    assert "innan" not in text and "före ansökan" not in text


def test_a_recorded_draft_has_no_blanks_for_recorded_facts(root: Path, out: Path) -> None:
    text = render(root, "cultural-heritage-lab", out / "d.md")
    assert "Projektet är inte registrerat" not in text
    assert "[program och fond]" not in text and "[projektets namn]" not in text


def test_draft_from_options_below_the_threshold_writes_nothing(valid_root: Path, out: Path) -> None:
    target = out / "d.md"
    result = invoke(
        "route-project",
        *("--data", valid_root, "--budget", "100000", "--organisation", "kulturnamnden"),
        *("--draft", target),
    )
    assert result.exit_code == 0, result.output
    assert "Inget utkast" in result.stderr
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("name", ["d.txt", "d", "d.docx", "d.htm"])
def test_a_suffix_that_names_no_format_is_a_usage_error(root: Path, out: Path, name: str) -> None:
    """Never Markdown in a file that claims to be something else."""
    result = draft(root, "cultural-heritage-lab", out / name)
    assert result.exit_code == 2, result.output
    assert ".md" in result.stderr and ".html" in result.stderr
    assert "Informationsärende" not in result.stdout  # refused before anything was routed
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    "option",
    [
        ("--diary-number", "KN-1"),
        ("--document-date", "2024-09-02"),
        ("--meeting-date", "2024-09-10"),
        ("--ks-meeting-date", "2024-10-02"),
        ("--force",),
    ],
)
def test_draft_options_without_draft_are_a_usage_error(
    valid_root: Path, option: tuple[str]
) -> None:
    result = invoke("route-project", "--data", valid_root, "green-transitions", *option)
    assert result.exit_code == 2, result.output
    assert option[0] in result.stderr and "--draft" in result.stderr


def test_a_bad_document_date_is_refused_before_writing(root: Path, out: Path) -> None:
    result = draft(root, "cultural-heritage-lab", out / "d.md", "--document-date", "2024-13-01")
    assert result.exit_code == 1, result.output
    assert "--document-date" in result.stderr
    assert list(out.iterdir()) == []


def test_html_keeps_record_text_as_text(root: Path, out: Path) -> None:
    path = root / "projects" / "cultural-heritage-lab.yaml"
    text = path.read_text(encoding="utf-8")
    title = "Lab <script>alert(1)</script> [x](javascript:alert(1)) *fet*"
    path.write_text(text.replace("Cultural Heritage Lab Öresund", f"'{title}'"), "utf-8")
    html = render(root, "cultural-heritage-lab", out / "d.html", "--diary-number", "<b>1</b>")
    assert "<script>" not in html and "<b>1</b>" not in html
    assert "javascript:" not in html.replace("[x](javascript:alert(1))", "")
    assert 'href="javascript' not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;1&lt;/b&gt;" in html


# --- writing the file ---------------------------------------------------------------------------


def test_draft_is_written_and_announced(root: Path, out: Path) -> None:
    target = out / "draft.md"
    result = draft(root, "cultural-heritage-lab", target)
    assert result.exit_code == 0, result.output
    assert "Informationsärende till kommunstyrelsen" in result.stdout  # the route is printed too
    assert str(target) in result.stderr
    assert [p.name for p in out.iterdir()] == ["draft.md"]  # no temporary file left behind


def test_existing_file_is_not_overwritten_without_force(root: Path, out: Path) -> None:
    target = out / "draft.md"
    target.write_text("Handläggarens egna ändringar\n", encoding="utf-8")
    result = draft(root, "cultural-heritage-lab", target)
    assert result.exit_code == 1
    assert "--force" in result.stderr
    assert "Traceback" not in result.output
    assert target.read_text(encoding="utf-8") == "Handläggarens egna ändringar\n"
    assert [p.name for p in out.iterdir()] == ["draft.md"]


def test_force_replaces_the_file(root: Path, out: Path) -> None:
    target = out / "draft.md"
    target.write_text("gammalt utkast\n", encoding="utf-8")
    result = draft(root, "cultural-heritage-lab", target, "--force")
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Information om ansökan om EU-medel")
    assert [p.name for p in out.iterdir()] == ["draft.md"]


def test_missing_folder_is_a_clear_error(root: Path, out: Path) -> None:
    target = out / "saknas" / "draft.md"
    result = draft(root, "cultural-heritage-lab", target)
    assert result.exit_code == 1
    assert "saknas" in result.stderr
    assert "Traceback" not in result.output
    assert list(out.iterdir()) == []


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.mark.usefixtures("umask_022")
@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_draft_gets_ordinary_file_permissions(root: Path, out: Path) -> None:
    """The draft is shared with colleagues: it must get the mode any new file gets (0644 under
    umask 022), not the private 0600 of a temporary file."""
    target = out / "draft.md"
    assert draft(root, "cultural-heritage-lab", target).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


# --- templates beside the data root ---------------------------------------------------------------


def test_template_beside_the_data_root_overrides_the_packaged_one(root: Path, out: Path) -> None:
    write(
        root.parent / "templates" / "informationsarende.md.j2",
        "Eget utkast för {{ project.title }}: {{ decision.total_budget_sek | sek }}\n",
    )
    text = render(root, "cultural-heritage-lab", out / "draft.md")
    assert text == "Eget utkast för Cultural Heritage Lab Öresund: 12 632 950 kr\n"


def test_other_templates_beside_the_data_root_are_ignored(root: Path, out: Path) -> None:
    write(root.parent / "templates" / "annat.md.j2", "{{ nothing }}\n")
    text = render(root, "cultural-heritage-lab", out / "draft.md")
    assert text.startswith("# Information om ansökan om EU-medel")


@pytest.mark.parametrize(
    "template",
    [
        "Diarienummer: {{ diarienummer }}\n",  # a variable the draft does not have
        "{{ project.budget_owner }}\n",  # an attribute the project does not have
    ],
)
def test_missing_variable_in_an_overriding_template_is_an_error(
    root: Path, out: Path, template: str
) -> None:
    """StrictUndefined: never an empty string in a document for KS. The CLI must say which
    template and which name, exit 1, print no traceback and write nothing."""
    template_path = write(root.parent / "templates" / "informationsarende.md.j2", template)
    target = out / "draft.md"
    result = draft(root, "cultural-heritage-lab", target)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith("intlpolicy: ")
    assert "informationsarende.md.j2" in message or str(template_path) in message
    assert ("diarienummer" in message) or ("budget_owner" in message)
    assert not target.exists()
    assert list(out.iterdir()) == []


def test_syntax_error_in_an_overriding_template_is_an_error(root: Path, out: Path) -> None:
    write(root.parent / "templates" / "informationsarende.md.j2", "{% if project %}\n")
    target = out / "draft.md"
    result = draft(root, "cultural-heritage-lab", target)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "informationsarende.md.j2" in result.stderr
    assert not target.exists()


# --- PDF ------------------------------------------------------------------------------------------


def test_pdf_draft_has_the_eight_headings_in_order(root: Path, out: Path) -> None:
    """Printed by WeasyPrint and read back with pypdf: the seed's headings in order, the
    letterhead on page 1, `N (M)` on every page, the title in the properties, same bytes."""
    from pypdf import PdfReader

    target = out / "d.pdf"
    result = draft(root, "cultural-heritage-lab", target, *DETAILS)
    assert result.exit_code == 0, result.output
    document = target.read_bytes()
    pages = pdf_pages(document)
    lines = [line.strip() for page in pages for line in page.splitlines()]
    assert [line for line in lines if line in HEADINGS] == list(HEADINGS)
    assert "KN-2024-00412" in pages[0] and "2024-09-02" in pages[0]
    assert all(f"{n} ({len(pages)})" in page for n, page in enumerate(pages, 1))
    title = PdfReader(target).metadata.title
    assert title == "Information om ansökan om EU-medel för projektet Cultural Heritage Lab Öresund"
    again = out / "again.pdf"
    assert draft(root, "cultural-heritage-lab", again, *DETAILS).exit_code == 0
    assert again.read_bytes() == document


def test_pdf_draft_without_weasyprint_says_how_to_install(
    root: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails, find_spec finds none
    result = draft(root, "cultural-heritage-lab", out / "d.pdf")
    assert result.exit_code == 1, result.output
    assert "pip install" in result.stderr
    assert "Informationsärende" not in result.stdout  # refused before anything was routed
    assert list(out.iterdir()) == []
