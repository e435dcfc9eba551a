"""`intlpolicy list`'s files: CSV for a Swedish spreadsheet, plain CSV for other tools, the
Excel workbook, and formulas neutralised in all three."""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import datetime
from pathlib import Path

import pytest

from conftest import REPO_DATA
from test_listing import add_project, listing

# Cells a spreadsheet would run as formulas (OWASP's list of first characters).
FORMULAS = ('=HYPERLINK("http://x")', "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1")


def add_sek_project(root: Path, project_id: str, title: str, amount: str) -> None:
    total_budget = f"{{amount: {amount}, currency: SEK}}"
    add_project(root, project_id, title=json.dumps(title), total_budget=total_budget)


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
    assert {row["participants"] for row in networks} == {""}


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


@pytest.mark.parametrize("given", [[], ["--format", "table"]], ids=["suffix", "format"])
def test_an_output_suffix_that_names_no_format_is_refused(
    valid_root: Path, tmp_path: Path, given: list[str]
) -> None:
    """Never a text table in a file named .docx: one line, exit 2, no file."""
    result = listing(valid_root, "projects", *given, "--output", str(tmp_path / "projekt.docx"))
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "intlpolicy: --output: filändelsen .docx anger inget format; "
        "använd .txt, .json, .csv eller .xlsx\n"
    )
    assert not (tmp_path / "projekt.docx").exists()


def test_the_output_suffix_chooses_the_format(valid_root: Path, tmp_path: Path) -> None:
    target = tmp_path / "projekt.csv"
    assert listing(valid_root, "projects", "--output", str(target)).exit_code == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfId;Titel;")  # csv, not the table
    plain = listing(valid_root, "projects", "--format", "csv-plain", "--output", str(target))
    assert plain.exit_code == 0 and target.read_bytes().startswith(b"id,title,")
    target.unlink()
    contradicted = listing(valid_root, "projects", "--format", "json", "--output", str(target))
    assert contradicted.exit_code == 2 and "--format json men filen" in contradicted.stderr
    assert not target.exists()
    workbook = tmp_path / "projekt.xlsx"
    assert listing(valid_root, "projects", "--output", str(workbook)).exit_code == 0
    assert workbook.read_bytes().startswith(b"PK")  # a workbook, not text


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
        "Utkast",
        "Exempeldata",
    ]
    submitted = sheet["C2"]
    assert isinstance(submitted.value, datetime) and submitted.is_date
    assert submitted.number_format == "yyyy-mm-dd"
    assert sheet["A2"].value == 2024 and sheet["F2"].value == "exempeldata"


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
