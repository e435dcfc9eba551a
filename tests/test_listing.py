"""`intlpolicy list`: rows, filters, formats, and a data root with broken files."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from intlpolicy.cli import app, list_command
from intlpolicy.loading.store import load_data_root
from intlpolicy.reports.listing_output import render_json
from intlpolicy.services.listing import ListFilters, list_records

REPO_DATA = Path(__file__).resolve().parent.parent / "data"
TODAY = "2025-03-01"
runner = CliRunner()


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("INTLPOLICY_TODAY", TODAY)
    monkeypatch.delenv("INTLPOLICY_DATA", raising=False)
    yield


def listing(root: Path, *args: str) -> Result:
    return runner.invoke(app, ["list", *args, "--data", str(root)])


def rows(root: Path, *args: str) -> list[dict[str, Any]]:
    result = listing(root, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["count"] == len(document["records"])
    records: list[dict[str, Any]] = document["records"]
    return records


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def add_project(root: Path, project_id: str, **fields: str) -> None:
    """A SEK project of kulturnamnden; `fields` replace whole top-level lines."""
    lines = {
        "schema_version": "1",
        "id": project_id,
        "title": f"Projekt {project_id}",
        "organisation": "kulturnamnden",
        "role": "owner",
        "funding": "{eu: true}",
        "total_budget": "{amount: 12000000, currency: SEK}",
    }
    lines.update(fields)
    text = "".join(f"{key}: {value}\n" for key, value in lines.items())
    write(root, f"projects/{project_id}.yaml", text)


# --- projects -----------------------------------------------------------------------------------


def test_projects_of_the_repository() -> None:
    by_id = {row["id"]: row for row in rows(REPO_DATA, "projects")}
    assert sorted(by_id) == ["cultural-heritage-ai", "green-transitions", "multilingual-classrooms"]
    heritage = by_id["cultural-heritage-ai"]
    assert heritage["total_budget_sek"] == "15687000.0000"  # 1 400 000 EUR × 11.2050, exact
    assert heritage["route"] == "ks_information"
    assert heritage["notice"] == "recorded"
    assert by_id["green-transitions"]["route"] == "eu_network"
    assert by_id["green-transitions"]["total_budget_sek"] == "10910275.0000"
    assert by_id["multilingual-classrooms"]["route"] == "not_applicable"
    assert by_id["multilingual-classrooms"]["notice"] == "not_required"
    assert all(row["example"] is True for row in by_id.values())
    assert list(heritage) == [
        "id",
        "title",
        "organisation",
        "role",
        "total_budget_sek",
        "route",
        "notice",
        "example",
    ]


def test_json_equals_the_library_table() -> None:
    loaded = load_data_root(REPO_DATA)
    table = list_records("projects", loaded.records, ListFilters(), date.fromisoformat(TODAY))
    result = listing(REPO_DATA, "projects", "--format", "json")
    assert result.stdout == render_json(table, 0)


def test_filter_by_organisation(valid_root: Path) -> None:
    add_project(valid_root, "other-body", organisation="malmo-stadshus-ab")
    assert [
        row["id"] for row in rows(valid_root, "projects", "--organisation", "kulturnamnden")
    ] == ["green-transitions"]
    assert [
        row["id"] for row in rows(valid_root, "projects", "--organisation", "malmo-stadshus-ab")
    ] == ["other-body"]


def test_an_unknown_organisation_filter_exits_1(valid_root: Path) -> None:
    result = listing(valid_root, "projects", "--organisation", "nope")
    assert result.exit_code == 1
    assert "'nope' finns inte" in result.stderr


def test_filter_by_year_submitted_or_running(valid_root: Path) -> None:
    # green-transitions: submitted 2024-09-16, runs 2025-01-01 – 2027-12-31
    add_project(valid_root, "later", period="{start: 2029-01-01, end: 2030-06-30}")
    add_project(valid_root, "undated")
    assert [row["id"] for row in rows(valid_root, "projects", "--year", "2024")] == [
        "green-transitions"
    ]
    assert [row["id"] for row in rows(valid_root, "projects", "--year", "2027")] == [
        "green-transitions"
    ]
    assert [row["id"] for row in rows(valid_root, "projects", "--year", "2030")] == ["later"]
    assert rows(valid_root, "projects", "--year", "2028") == []


def test_filter_by_route(valid_root: Path) -> None:
    add_project(valid_root, "large")  # 12 000 000 SEK: at the threshold
    add_project(valid_root, "partner", role="partner")
    assert [row["id"] for row in rows(valid_root, "projects", "--route", "ks_information")] == [
        "large"
    ]
    assert [row["id"] for row in rows(valid_root, "projects", "--route", "eu_network")] == [
        "green-transitions"
    ]
    assert [row["id"] for row in rows(valid_root, "projects", "--route", "not_applicable")] == [
        "partner"
    ]


def test_an_unknown_route_is_a_usage_error(valid_root: Path) -> None:
    assert listing(valid_root, "projects", "--route", "ks").exit_code == 2


def test_missing_notice(valid_root: Path) -> None:
    add_project(valid_root, "submitted-silently", application="{submitted: 2025-01-10}")
    add_project(valid_root, "not-yet-submitted")
    add_project(
        valid_root,
        "notified-late",
        application="{submitted: 2025-01-10}",
        notices="{ks_information: {date: 2025-01-20, diary_number: KS-2025-1}}",
    )
    states = {row["id"]: row["notice"] for row in rows(valid_root, "projects")}
    assert states == {
        "green-transitions": "recorded",
        "not-yet-submitted": "not_yet_due",
        "notified-late": "late",
        "submitted-silently": "missing",
    }
    missing = rows(valid_root, "projects", "--missing-notice")
    assert [row["id"] for row in missing] == ["submitted-silently"]


def test_the_deciding_date_of_an_unsubmitted_project_is_today(
    valid_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_project(valid_root, "early")
    monkeypatch.setenv("INTLPOLICY_TODAY", "2020-01-01")  # before the routine existed
    assert {row["id"]: row["route"] for row in rows(valid_root, "projects")}["early"] == (
        "not_applicable"
    )
    monkeypatch.setenv("INTLPOLICY_TODAY", "2025-01-01")
    assert {row["id"]: row["route"] for row in rows(valid_root, "projects")}["early"] == (
        "ks_information"
    )


# --- the other kinds -----------------------------------------------------------------------------


def test_organisations_show_no_personal_data(valid_root: Path) -> None:
    by_id = {row["id"]: row for row in rows(valid_root, "organisations")}
    assert by_id["kulturnamnden"]["current_contact"] is True
    assert by_id["revisorskollegiet"]["current_contact"] is False
    assert by_id["malmo-live-konserthus-ab"]["parent"] == "malmo-stadshus-ab"
    for output_format in ("json", "csv", "table"):
        output = listing(valid_root, "organisations", "--format", output_format).stdout
        assert "Bertil" not in output and "@malmo.se" not in output and "Anna" not in output


def test_reports_filter_by_year_and_organisation() -> None:
    all_reports = rows(REPO_DATA, "reports")
    assert [(row["year"], row["organisation"]) for row in all_reports] == [
        (2024, "kulturnamnden"),
        (2024, "miljonamnden"),
    ]
    assert all(row["example"] is True for row in all_reports)
    assert rows(REPO_DATA, "reports", "--year", "2023") == []
    only = rows(REPO_DATA, "reports", "--organisation", "miljonamnden")
    assert [row["organisation"] for row in only] == ["miljonamnden"]
    assert only[0]["submitted"] == "2025-02-21"


def test_networks_and_twin_cities() -> None:
    networks = {row["id"]: row for row in rows(REPO_DATA, "networks")}
    assert networks["eurocities"]["member_since"] == 1997
    assert networks["eurocities"]["participants"] == ["kommunstyrelsen"]
    cities = {row["id"]: row for row in rows(REPO_DATA, "twin-cities")}
    assert len(cities) == 10
    assert cities["chieti"]["agreement"] == "special_cooperation"
    assert cities["vasa"]["since"] == 1940


@pytest.mark.parametrize(
    ("kind", "option"),
    [
        ("organisations", ("--organisation", "kulturnamnden")),
        ("networks", ("--year", "2024")),
        ("reports", ("--route", "eu_network")),
        ("twin-cities", ("--missing-notice",)),
    ],
)
def test_a_filter_that_does_not_apply_is_a_usage_error(
    valid_root: Path, kind: str, option: tuple[str, ...]
) -> None:
    result = listing(valid_root, kind, *option)
    assert result.exit_code == 2
    assert option[0] in result.stderr


def test_an_unknown_kind_is_a_usage_error(valid_root: Path) -> None:
    assert listing(valid_root, "policies").exit_code == 2


# --- formats -------------------------------------------------------------------------------------


def test_csv_has_a_header_row_and_exact_amounts() -> None:
    result = listing(REPO_DATA, "projects", "--format", "csv")
    assert result.exit_code == 0
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
    assert heritage["total_budget_sek"] == "15687000.0000"
    assert heritage["example"] == "exempeldata"
    assert heritage["title"] == "Cultural Heritage and AI – Open Collections for Everyone"


def test_csv_says_exempeldata_for_example_rows_and_json_keeps_the_boolean(
    valid_root: Path,
) -> None:
    add_project(valid_root, "illustration", example="true")
    table = list(
        csv.DictReader(io.StringIO(listing(valid_root, "projects", "--format", "csv").stdout))
    )
    assert {row["id"]: row["example"] for row in table} == {
        "green-transitions": "",
        "illustration": "exempeldata",
    }
    assert {row["id"]: row["example"] for row in rows(valid_root, "projects")} == {
        "green-transitions": False,
        "illustration": True,
    }
    reports = listing(valid_root, "reports", "--format", "csv").stdout
    assert "true" not in reports and "false" not in reports


def test_a_late_notice_reads_efter_ansokan_in_the_table(valid_root: Path) -> None:
    add_project(
        valid_root,
        "notified-late",
        application="{submitted: 2025-01-10}",
        notices="{ks_information: {date: 2025-01-20, diary_number: KS-2025-1}}",
    )
    lines = listing(valid_root, "projects").stdout.splitlines()
    assert "efter ansökan" in next(line for line in lines if line.startswith("notified-late"))


def test_csv_joins_lists() -> None:
    table = list(
        csv.DictReader(io.StringIO(listing(REPO_DATA, "networks", "--format", "csv").stdout))
    )
    assert {row["participants"] for row in table} == {"kommunstyrelsen"}


def test_the_default_table_is_plain_when_not_on_a_terminal() -> None:
    result = listing(REPO_DATA, "projects")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["Id", "Titel", "Organisation"]
    assert "15 687 000 kr" in result.stdout
    assert "informationsärende till KS" in result.stdout
    assert "exempeldata" in result.stdout
    assert "\x1b[" not in result.stdout  # no colour
    assert not set("┃━│─┏") & set(result.stdout)  # no box
    assert all(line == line.rstrip() for line in lines)


def test_the_table_on_a_terminal_is_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(list_command, "_stdout_is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "200")
    result = listing(REPO_DATA, "twin-cities")
    assert result.exit_code == 0
    assert "Vänorter och samarbetsavtal (10)" in result.stdout
    assert "━" in result.stdout
    assert "särskilt samarbetsavtal" in result.stdout


def test_an_empty_list_is_fine(tmp_path: Path) -> None:
    root = tmp_path / "data"
    root.mkdir()
    assert rows(root, "projects") == []
    result = listing(root, "projects")
    assert result.exit_code == 0
    assert "Projekt: 0" in result.stdout


# --- a data root with errors ---------------------------------------------------------------------


def test_broken_records_are_skipped_and_counted(valid_root: Path) -> None:
    write(valid_root, "projects/broken.yaml", "schema_version: 1\nid: broken\ntotl_budget: 1\n")
    write(valid_root, "projects/garbage.yaml", "{{{")
    result = listing(valid_root, "projects", "--format", "json")
    assert result.exit_code == 0
    assert [row["id"] for row in json.loads(result.stdout)["records"]] == ["green-transitions"]
    assert json.loads(result.stdout)["skipped_files"] == 2
    assert result.stderr.count("\n") == 1
    assert "2 filer med fel" in result.stderr


def test_a_project_whose_organisation_is_broken_has_no_route(valid_root: Path) -> None:
    write(valid_root, "organisations/kulturnamnden.yaml", "schema_version: 1\nid: kulturnamnden\n")
    result = listing(valid_root, "projects", "--format", "json")
    assert result.exit_code == 0
    row = json.loads(result.stdout)["records"][0]
    assert row["route"] is None and row["notice"] == "unknown"
    assert "1 fil med fel" in result.stderr


def test_list_has_help_for_itself_and_every_option() -> None:
    result = runner.invoke(app, ["list", "--help"])
    assert result.exit_code == 0
    for option in ("--organisation", "--year", "--route", "--missing-notice", "--format", "--data"):
        assert option in result.stdout
