"""`intlpolicy list --format table`: fitted to 80, 100 and 160 columns, plain and rich."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO_DATA, TODAY, invoke
from intlpolicy.cli import list_command
from intlpolicy.loading.records import RecordSet
from intlpolicy.reports.listing_cells import EXAMPLE_NOTE, display_value, row_name
from intlpolicy.reports.listing_table import DROP_ORDER
from intlpolicy.tabulation import ListFilters, list_records
from test_listing import add_project, listing

EXAMPLE_ALL = "exempeldata (illustrativa exempel, inte verkliga poster): alla"
KINDS = ("projects", "organisations", "reports", "networks", "twin-cities", "compiled-reports")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


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
    title_words |= {"Samlade", "redovisningar", "deras", "beslutsgång"}
    headers = {"Id", "Titel", "Organisation", "Roll", "Totalbudget", "(SEK)", "Väg", "Anmälan"}
    headers |= {"Exempeldata", "Namn", "Typ", "Förvaltning", "Moderbolag", "Verksam", "Aktuell"}
    headers |= {"kontakt", "År", "Inlämnad", "Aktiviteter", "Webbplats", "Medlem", "sedan"}
    headers |= {"Deltagande", "organ", "Stad", "Land", "Sedan", "Avtal", "Utkast"}
    headers |= {"Kommunstyrelsen", "Kommunfullmäktige", "Dnr", "KS", "KF", "Källa"}
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
    notes = " ".join(lines[-4:])
    assert EXAMPLE_ALL in notes
    dropped = "Exempeldata, Roll, Totalbudget (SEK), Organisation"
    assert f"Utelämnade kolumner (för smalt fönster): {dropped}" in notes


@pytest.mark.parametrize("kind", KINDS)
def test_at_80_columns_a_cell_wraps_onto_two_lines_at_most(
    monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    rows, _ = records(REPO_DATA, kind)
    lines = table_at(monkeypatch, kind, 80, terminal=False).splitlines()
    rule = next(n for n, line in enumerate(lines) if set(line.strip()) <= {"-", " "})
    blocks = "\n".join(lines[rule + 1 :]).split("\n\n")[:-1]  # the rows, then the notes
    if len(blocks) != len(rows):  # no row wraps: one line each, no blank line between
        blocks = blocks[0].splitlines() if blocks else []
    assert len(blocks) == len(rows), "\n".join(lines)
    assert all(len(block.splitlines()) <= 2 for block in blocks), "\n".join(lines)


def test_a_blank_repository_at_80_columns_shows_what_a_case_officer_needs(
    tmp_path: Path, git_isolated: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke("init", tmp_path / "x", "--from", "blank").exit_code == 0
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(list_command, "_stdout_is_terminal", lambda: False)
    lines = listing(tmp_path / "x" / "data", "projects").stdout.splitlines()
    assert lines[0].split() == ["Id", "Titel", "Organisation", "Väg", "Anmälan"]
    row = next(n for n, line in enumerate(lines) if line.startswith("exempelprojekt "))
    assert "exempelnamnden  information via  registrerad" in lines[row]
    assert lines[row + 1].strip() == "EU-nätverket"  # the route on two lines, not three
    assert lines[row + 2] == ""


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
    assert (
        narrow[-1]
        == "Utelämnade kolumner (för smalt fönster): Exempeldata, Roll, Totalbudget (SEK)"
    )
    assert narrow[0].split() == ["Id", "Titel", "Organisation", "Väg", "Anmälan"]


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
    add_project(
        valid_root,
        "late",
        application="{submitted: 2025-01-10}",
        notices="{ks_information: {date: 2025-01-20, diary_number: KS-2025-1}}",
    )
    lines = listing(valid_root, "projects").stdout.splitlines()
    assert "efter ansökan" in next(line for line in lines if line.startswith("late "))


@pytest.mark.parametrize("terminal", [False, True], ids=["plain", "rich"])
def test_an_empty_list_says_so_on_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: bool
) -> None:
    root = tmp_path / "data"
    root.mkdir()
    monkeypatch.setattr(list_command, "_stdout_is_terminal", lambda: terminal)
    result = listing(root, "projects")
    assert result.exit_code == 0
    assert result.stdout == "Inga projekt.\n"
    assert listing(root, "twin-cities").stdout == "Inga vänorter eller samarbetsavtal.\n"
    assert json.loads(listing(root, "projects", "--format", "json").stdout)["records"] == []


def test_the_readme_shows_what_list_prints_at_80_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (REPO_DATA.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### `intlpolicy list`") :]
    example = section[section.index("$ intlpolicy list projects\n") :].split("```")[0]
    expected = example.removeprefix("$ intlpolicy list projects\n")
    assert table_at(monkeypatch, "projects", 80, terminal=False) == expected


@pytest.mark.parametrize("terminal", [False, True], ids=["plain", "rich"])
def test_on_a_terminal_too_narrow_for_the_ids_lines_run_over_rather_than_cut_an_id(
    monkeypatch: pytest.MonkeyPatch, terminal: bool
) -> None:
    rows, _ = records(REPO_DATA, "organisations")
    tokens = table_at(monkeypatch, "organisations", 20, terminal).split()
    assert all(row["id"] in tokens for row in rows)
