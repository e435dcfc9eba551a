"""`intlpolicy list`: rows, filters, refusals, and a data root with broken files.

The formats and the fitted table are tested in test_listing_output.py.
"""

from __future__ import annotations

import json
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from conftest import REPO_DATA, TODAY, invoke, run_on, tie_policy
from intlpolicy.loading.store import load_data_root
from intlpolicy.reports.listing_output import render_json
from intlpolicy.tabulation import ListFilters, list_records


def listing(root: Path, *args: str) -> Result:
    return invoke("list", *args, "--data", str(root))


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
    table = list_records("projects", loaded.records, ListFilters(), TODAY)
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
    assert "menade du" not in result.stderr  # nothing is close to nope


@pytest.mark.parametrize("typed", ["Kulturnämnden", "kulturnamden"])
def test_an_organisation_typed_as_its_name_or_misspelt_gets_a_suggestion(typed: str) -> None:
    result = listing(REPO_DATA, "projects", "--organisation", typed)
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"intlpolicy: organisationen '{typed}' finns inte – menade du 'kulturnamnden'?"
    )


def test_a_refusal_of_list_format_json_is_json_with_its_code() -> None:
    result = listing(REPO_DATA, "reports", "--organisation", "kulturnamden", "--format", "json")
    assert result.exit_code == 1
    refused = json.loads(result.stdout)["refused"]
    assert refused["code"] == "unknown-id"
    assert "menade du 'kulturnamnden'?" in refused["message"]


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
    run_on(monkeypatch, date(2020, 1, 1))  # before the routine existed
    assert {row["id"]: row["route"] for row in rows(valid_root, "projects")}["early"] == (
        "not_applicable"
    )
    run_on(monkeypatch, date(2025, 1, 1))
    assert {row["id"]: row["route"] for row in rows(valid_root, "projects")}["early"] == (
        "ks_information"
    )


# --- the other kinds -----------------------------------------------------------------------------


def test_organisations_show_no_personal_data(valid_root: Path) -> None:
    by_id = {row["id"]: row for row in rows(valid_root, "organisations")}
    assert by_id["kulturnamnden"]["current_contact"] is True
    assert by_id["revisorskollegiet"]["current_contact"] is False
    assert by_id["malmo-live-konserthus-ab"]["parent"] == "malmo-stadshus-ab"
    for output_format in ("json", "csv", "csv-plain", "table"):
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
    # No participant in the embedded data has a source; none is recorded (issue 10).
    assert networks["eurocities"]["participants"] == []
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
    assert result.stderr == f"intlpolicy: {option[0]} gäller inte för {kind}\n"
    as_json = listing(valid_root, kind, *option, "--format", "json")
    assert as_json.exit_code == 2
    assert json.loads(as_json.stdout)["refused"]["code"] == "list-filter-not-applicable"


def test_an_unknown_kind_is_a_usage_error(valid_root: Path) -> None:
    assert listing(valid_root, "policies").exit_code == 2


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


def test_projects_are_not_listed_when_the_version_in_force_is_tied(valid_root: Path) -> None:
    tie_policy(valid_root, "policy-2024")  # green-transitions is submitted 2024-09-16
    result = listing(valid_root, "projects")
    routed = invoke("route-project", "green-transitions", "--data", str(valid_root))
    assert result.exit_code == routed.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr == routed.stderr  # the same refusal as route-project's
    assert "policyversionerna policy-2024 och policy-2024-kopia" in result.stderr
    assert "samma dag, 2024-08-29" in result.stderr
    as_json = listing(valid_root, "projects", "--format", "json")
    assert as_json.exit_code == 1
    assert json.loads(as_json.stdout)["refused"]["code"] == "policy-same-day"
    # A list that needs no policy version is still shown.
    assert listing(valid_root, "organisations").exit_code == 0


def test_a_tie_between_versions_no_longer_in_force_does_not_stop_the_list(
    valid_root: Path,
) -> None:
    tie_policy(valid_root, "policy-2016")  # superseded by policy-2024 on 2024-08-29
    assert [row["route"] for row in rows(valid_root, "projects")] == ["eu_network"]


def test_list_has_help_for_itself_and_every_option() -> None:
    result = invoke("list", "--help")
    assert result.exit_code == 0
    for option in ("--organisation", "--year", "--route", "--missing-notice", "--format", "--data"):
        assert option in result.stdout
