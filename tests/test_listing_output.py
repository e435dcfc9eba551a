"""`intlpolicy list`'s outputs: the table fitted to 80, 100 and 160 columns, the Swedish and
the plain CSV, the Excel workbook, and neutralised formulas."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from conftest import REPO_DATA, TODAY, invoke
from intlpolicy.cli import list_command
from intlpolicy.loading.records import RecordSet
from intlpolicy.reports.listing_cells import EXAMPLE_NOTE, display_value, row_name
from intlpolicy.reports.listing_table import DROP_ORDER
from intlpolicy.tabulation import ListFilters, list_records

EXAMPLE_ALL = "exempeldata (illustrativa exempel, inte verkliga poster): alla"
KINDS = ("projects", "organisations", "reports", "networks", "twin-cities")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Cells a spreadsheet would run as formulas (OWASP's list of first characters).
FORMULAS = ('=HYPERLINK("http://x")', "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1")


def listing(root: Path, *args: str) -> Result:
    return invoke("list", *args, "--data", str(root))


def records(root: Path, kind: str) -> tuple[list[dict[str, Any]], list[str]]:
    """The rows of `kind` (JSON) and every word a person may see in its table."""
    document = json.loads(listing(root, kind, "--format", "json").stdout)
    rows: list[dict[str, Any]] = document["records"]
    words: set[str] = set()
    for row in rows:
        for key, value in row.items():
            exact = Decimal(value) if key == "total_budget_sek" else value
            words.update(display_value(key, exact).split())
    return rows, sorted(words)


def table_at(monkeypatch: pytest.MonkeyPatch, kind: str, width: int, terminal: bool) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setattr(list_command, "_stdout_is_terminal", lambda: terminal)
    result = listing(REPO_DATA, kind)
    assert result.exit_code == 0, result.output
    return ANSI.sub("", result.stdout)


# --- the table fits the terminal ----------------------------------------------------------------


@pytest.mark.parametrize("terminal", [False, True], ids=["plain", "rich"])
@pytest.mark.parametrize("width", [80, 100, 160])
@pytest.mark.parametrize("kind", KINDS)
def test_the_table_fits_without_breaking_an_id_or_a_word(
    monkeypatch: pytest.MonkeyPatch, kind: str, width: int, terminal: bool
) -> None:
    rows, words = records(REPO_DATA, kind)
    output = table_at(monkeypatch, kind, width, terminal)
    lines = output.splitlines()
    assert all(len(line) <= width for line in lines), "\n".join(lines)
    tokens = output.split()
    for row in rows:  # every id shown whole
        assert row_name(row).split("/")[-1] in tokens
    rule = next(n for n, line in enumerate(lines) if set(line.strip()) <= {"-", " ", "━"})
    header_words = {word for line in lines[:rule] for word in line.split()}
    title_words = {"Projekt", "Organisationer", "Redovisningar", "Nätverk", "Vänorter"}
    title_words |= {"och", "samarbetsavtal", f"({len(rows)})"}
    headers = {"Id", "Titel", "Organisation", "Roll", "Totalbudget", "(SEK)", "Väg", "Anmälan"}
    headers |= {"Exempeldata", "Namn", "Typ", "Förvaltning", "Moderbolag", "Verksam", "Aktuell"}
    headers |= {"kontakt", "År", "Inlämnad", "Aktiviteter", "Webbplats", "Medlem", "sedan"}
    headers |= {"Deltagande", "organ", "Stad", "Land", "Sedan", "Avtal"}
    assert header_words <= headers | title_words  # no header word split
    notes = f"{EXAMPLE_NOTE} {EXAMPLE_ALL} Utelämnade kolumner (för smalt fönster):".split()
    known = set(words) | set(notes) | headers | title_words | {str(len(rows))}
    known |= {w + ":" for w in title_words}
    body = {word for line in lines[rule + 1 :] for word in line.split()}
    broken = {w for w in body if {w, w.rstrip(",")}.isdisjoint(known) and not w.endswith("…")}
    assert not broken  # no word broken or cut without …


def test_projects_at_80_columns_read_cleanly(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = table_at(monkeypatch, "projects", 80, terminal=False).splitlines()
    assert lines[0].split() == ["Id", "Titel", "Väg", "Anmälan"]
    heritage = next(line for line in lines if line.startswith("cultural-heritage-ai "))
    assert "Cultural Heritage and…" in heritage  # shortened with … at a word
    assert heritage.split()[-2:] == ["informationsärende", "registrerad"]
    assert lines[lines.index(heritage) + 1].strip() == "till KS"  # wrapped between words
    notes = "\n".join(lines[-4:])
    assert EXAMPLE_ALL in notes
    assert "Utelämnade kolumner (för smalt fönster): Exempeldata, Roll, Organisation" in notes


def test_columns_drop_in_the_order_the_help_states(monkeypatch: pytest.MonkeyPatch) -> None:
    help_lines = [" ".join(line.split()) for line in invoke("list", "--help").stdout.splitlines()]
    for kind, keys in DROP_ORDER.items():
        columns = {column.key: column.header for column in list_records(kind, RecordSet(),
                   ListFilters(), TODAY).columns}  # fmt: skip
        assert f"{kind} {', '.join(columns[key] for key in keys)}" in help_lines
    wide = table_at(monkeypatch, "projects", 160, terminal=False).splitlines()
    assert "Roll" in wide[0] and "Exempeldata" in wide[0]
    assert not any("Utelämnade" in line for line in wide)
    narrow = table_at(monkeypatch, "projects", 100, terminal=False).splitlines()
    assert narrow[-1] == "Utelämnade kolumner (för smalt fönster): Exempeldata, Roll, Organisation"


def test_without_columns_the_plain_table_keeps_every_row_on_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    result = listing(REPO_DATA, "projects")
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["Id", "Titel", "Organisation"]
    assert "Cultural Heritage and AI – Open Collections for Everyone" in result.stdout
    assert "15 687 000 kr" in result.stdout and "informationsärende till KS" in result.stdout
    assert "exempeldata" in result.stdout
    assert "\x1b[" not in result.stdout  # no colour
    assert not set("┃━│─┏") & set(result.stdout)  # no box
    assert all(line == line.rstrip() for line in lines)


def test_the_table_on_a_terminal_is_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    output = table_at(monkeypatch, "twin-cities", 200, terminal=True)
    assert "Vänorter och samarbetsavtal (10)" in output
    assert "━" in output and "särskilt samarbetsavtal" in output


def test_a_late_notice_reads_efter_ansokan_in_the_table(
    valid_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)  # one line per row
    (valid_root / "projects" / "late.yaml").write_text(
        "schema_version: 1\nid: late\ntitle: Sent\norganisation: kulturnamnden\nrole: owner\n"
        "funding: {eu: true}\ntotal_budget: {amount: 12000000, currency: SEK}\n"
        "application: {submitted: 2025-01-10}\n"
        "notices: {ks_information: {date: 2025-01-20, diary_number: KS-2025-1}}\n",
        encoding="utf-8",
    )
    lines = listing(valid_root, "projects").stdout.splitlines()
    assert "efter ansökan" in next(line for line in lines if line.startswith("late "))


def test_an_empty_list_is_fine(tmp_path: Path) -> None:
    root = tmp_path / "data"
    root.mkdir()
    result = listing(root, "projects")
    assert result.exit_code == 0
    assert "Projekt: 0" in result.stdout
    assert json.loads(listing(root, "projects", "--format", "json").stdout)["records"] == []


# --- CSV: Swedish and plain -------------------------------------------------------------------


def add_sek_project(root: Path, project_id: str, title: str, amount: str) -> None:
    (root / "projects" / f"{project_id}.yaml").write_text(
        f"schema_version: 1\nid: {project_id}\ntitle: {json.dumps(title)}\n"
        "organisation: kulturnamnden\nrole: owner\nfunding: {eu: true}\n"
        f"total_budget: {{amount: {amount}, currency: SEK}}\n",
        encoding="utf-8",
    )


def swedish_csv(root: Path, *args: str) -> list[dict[str, str]]:
    raw = listing(root, *args, "--format", "csv").stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    text = raw.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_csv_is_for_a_swedish_spreadsheet(valid_root: Path) -> None:
    add_sek_project(valid_root, "ore", "Med ören", "11999999.9")
    table = swedish_csv(valid_root, "projects")
    assert list(table[0]) == [
        "Id",
        "Titel",
        "Organisation",
        "Roll",
        "Totalbudget (SEK)",
        "Väg",
        "Anmälan",
        "Exempeldata",
    ]
    by_id = {row["Id"]: row for row in table}
    assert by_id["green-transitions"]["Totalbudget (SEK)"] == "10910275"  # no .0000
    assert by_id["ore"]["Totalbudget (SEK)"] == "11999999,90"  # decimal comma, öre
    assert by_id["green-transitions"]["Roll"] == "projektägare"
    assert by_id["green-transitions"]["Väg"] == "information via EU-nätverket"
    assert by_id["green-transitions"]["Exempeldata"] == ""
    repo = {row["Id"]: row for row in swedish_csv(REPO_DATA, "projects")}
    assert repo["cultural-heritage-ai"]["Exempeldata"] == "exempeldata"
    assert repo["cultural-heritage-ai"]["Totalbudget (SEK)"] == "15687000"


def test_csv_plain_is_for_other_tools() -> None:
    result = listing(REPO_DATA, "projects", "--format", "csv-plain")
    assert not result.stdout_bytes.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(table[0]) == [
        "id",
        "title",
        "organisation",
        "role",
        "total_budget_sek",
        "route",
        "notice",
        "example",
    ]
    heritage = next(row for row in table if row["id"] == "cultural-heritage-ai")
    assert heritage["total_budget_sek"] == "15687000"
    assert heritage["role"] == "owner" and heritage["route"] == "ks_information"
    assert heritage["example"] == "true"
    assert heritage["title"] == "Cultural Heritage and AI – Open Collections for Everyone"
    networks = list(csv.DictReader(io.StringIO(listing(REPO_DATA, "networks", "--format",
                                                       "csv-plain").stdout)))  # fmt: skip
    assert {row["participants"] for row in networks} == {"kommunstyrelsen"}


def test_a_plain_decimal_keeps_its_point(valid_root: Path) -> None:
    add_sek_project(valid_root, "ore", "Med ören", "11999999.9")
    table = list(csv.DictReader(io.StringIO(listing(valid_root, "projects", "--format",
                                                    "csv-plain").stdout)))  # fmt: skip
    assert {row["id"]: row["total_budget_sek"] for row in table}["ore"] == "11999999.90"


@pytest.mark.parametrize("formula", FORMULAS)
def test_csv_neutralises_formulas(valid_root: Path, formula: str) -> None:
    add_sek_project(valid_root, "evil", formula, "100")
    swedish = {row["Id"]: row["Titel"] for row in swedish_csv(valid_root, "projects")}
    plain = listing(valid_root, "projects", "--format", "csv-plain").stdout
    titles = {row["id"]: row["title"] for row in csv.DictReader(io.StringIO(plain))}
    stored = json.loads(listing(valid_root, "projects", "--format", "json").stdout)
    title = next(row["title"] for row in stored["records"] if row["id"] == "evil")
    assert swedish["evil"] == titles["evil"] == "'" + title
    assert swedish["green-transitions"] == "Green Transitions in the Öresund Region"


def test_csv_to_a_file(valid_root: Path, tmp_path: Path) -> None:
    target = tmp_path / "projekt.csv"
    result = listing(valid_root, "projects", "--format", "csv", "--output", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_bytes().startswith(b"\xef\xbb\xbfId;Titel;")
    inside = listing(valid_root, "projects", "--format", "csv", "--output",
                     str(valid_root / "lista.csv"))  # fmt: skip
    assert inside.exit_code == 1 and not (valid_root / "lista.csv").exists()


# --- xlsx -------------------------------------------------------------------------------------


def test_xlsx_is_a_workbook_a_person_can_filter(valid_root: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    add_sek_project(valid_root, "ore", "Med ören", "11999999.9")
    target = tmp_path / "projekt.xlsx"
    result = listing(valid_root, "projects", "--format", "xlsx", "--output", str(target))
    assert result.exit_code == 0, result.output
    sheet = load_workbook(target).active
    assert sheet is not None
    assert [cell.value for cell in sheet[1]][:5] == [
        "Id",
        "Titel",
        "Organisation",
        "Roll",
        "Totalbudget (SEK)",
    ]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:H3"
    green = sheet["E2"]
    assert sheet["A2"].value == "green-transitions"
    assert green.value == 10910275 and green.data_type == "n"
    assert green.number_format == '#,##0 "kr"'
    assert sheet["E3"].value == pytest.approx(11999999.9)
    assert sheet["E3"].number_format == '#,##0.00 "kr"'
    assert sheet["D2"].value == "projektägare"


def test_xlsx_dates_are_dates(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "redovisningar.xlsx"
    assert listing(REPO_DATA, "reports", "--format", "xlsx", "--output", str(target)).exit_code == 0
    sheet = load_workbook(target).active
    assert sheet is not None
    assert [cell.value for cell in sheet[1]] == [
        "År",
        "Organisation",
        "Inlämnad",
        "Aktiviteter",
        "Exempeldata",
    ]
    submitted = sheet["C2"]
    assert isinstance(submitted.value, datetime) and submitted.is_date
    assert submitted.number_format == "yyyy-mm-dd"
    assert sheet["A2"].value == 2024 and sheet["E2"].value == "exempeldata"


@pytest.mark.parametrize("formula", FORMULAS)
def test_xlsx_neutralises_formulas(valid_root: Path, tmp_path: Path, formula: str) -> None:
    from openpyxl import load_workbook

    add_sek_project(valid_root, "evil", formula, "100")
    target = tmp_path / "projekt.xlsx"
    assert (
        listing(valid_root, "projects", "--format", "xlsx", "--output", str(target)).exit_code == 0
    )
    title = load_workbook(target).active["B2"]  # type: ignore[index]
    assert title.data_type == "s" and str(title.value).startswith("'")


def test_xlsx_needs_an_output_file() -> None:
    result = listing(REPO_DATA, "projects", "--format", "xlsx")
    assert result.exit_code == 2
    assert result.stdout_bytes == b""
    assert result.stderr == "intlpolicy: --format xlsx skriver en binär fil: ange --output FIL\n"


def test_xlsx_without_openpyxl_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if it were not installed
    target = tmp_path / "projekt.xlsx"
    result = listing(REPO_DATA, "projects", "--format", "xlsx", "--output", str(target))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "intlpolicy: --format xlsx kräver paketet openpyxl; installera det med: "
        "pip install 'intlpolicy[xlsx]'"
    ]
    assert not target.exists()


def test_the_readme_shows_what_list_prints_at_80_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (REPO_DATA.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### `intlpolicy list`") :]
    example = section[section.index("$ intlpolicy list projects\n") :].split("```")[0]
    expected = example.removeprefix("$ intlpolicy list projects\n")
    assert table_at(monkeypatch, "projects", 80, terminal=False) == expected
