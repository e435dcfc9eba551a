"""Say only what is true about the register (issue 10): its coverage, the compiled report's
decision trail, a year without applications, the year's own warnings, drafts that are not
reports, and the KF step that only the 2024 policy has."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from conftest import REPO_DATA, invoke, run_on

SKELETON = """\
    schema_version: 1
    organisation: {org}
    year: {year}
    submitted: null
    summary: |
      Utkast.
    activities: []
    """

SUBMITTED_NO_ACTIVITIES = """\
    schema_version: 1
    organisation: {org}
    year: {year}
    submitted: 2025-02-01
    summary: |
      Inlämnad utan aktiviteter.
    activities: []
    """

NO_WORK = """\
    schema_version: 1
    organisation: {org}
    year: {year}
    submitted: 2025-02-01
    summary: |
      Nämnden hade inget internationellt arbete under året.
    no_international_work: true
    """


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A copy of the embedded data (outside git)."""
    root = tmp_path / "data"
    shutil.copytree(REPO_DATA, root)
    return root


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def report(root: Path, year: int) -> str:
    result = invoke("annual-report", "--year", str(year), "--data", root)
    assert result.exit_code == 0, result.output
    return result.stdout


def findings(root: Path) -> list[dict[str, str]]:
    result = invoke("validate", "--format", "json", "--data", root)
    document = json.loads(result.stdout)
    return [*document["errors"], *document["warnings"]]


def codes_for(root: Path, record: str) -> set[str]:
    return {f["code"] for f in findings(root) if f["record"] == record}


# --- 1. the register's coverage ---------------------------------------------------------------


@pytest.mark.parametrize("year", [2016, 2023])
def test_a_year_before_the_register_claims_no_failure(year: int) -> None:
    text = report(REPO_DATA, year)
    assert "av 11" not in text and "av 15" not in text
    assert "utan redovisning" not in text
    assert "Uppföljning av policyn" not in text
    assert "växelkurs" not in text
    assert f"Registret har inga uppgifter om nämndernas redovisningar för {year}" in text
    assert "från och med 2024" in text


def test_the_html_report_of_a_year_before_the_register_claims_no_failure() -> None:
    result = invoke("annual-report", "--year", "2023", "--format", "html", "--data", REPO_DATA)
    assert result.exit_code == 0, result.output
    assert "av 15" not in result.stdout and "utan redovisning" not in result.stdout
    assert "Registret har inga uppgifter" in result.stdout


def test_report_missing_starts_with_the_register(repo_copy: Path) -> None:
    # An old report in the register does not make every committee owe reports from then on.
    write(
        repo_copy, "reports/2022/kulturnamnden.yaml", NO_WORK.format(org="kulturnamnden", year=2022)
    )
    missing = [f for f in findings(repo_copy) if f["code"] == "report-missing"]
    years = {f["message"].split(" för ")[1][:4] for f in missing}
    assert years == {"2024", "2025"}


def test_the_register_start_is_data(repo_copy: Path) -> None:
    policy = repo_copy / "policy" / "policy-2024.yaml"
    policy.write_text(
        policy.read_text(encoding="utf-8").replace("register_from: 2024", "register_from: 2025"),
        encoding="utf-8",
    )
    assert "Registret har inga uppgifter" in report(repo_copy, 2024)
    missing = [f for f in findings(repo_copy) if f["code"] == "report-missing"]
    assert missing and all("för 2025" in f["message"] for f in missing)


# --- 2. the compiled report's decision trail -------------------------------------------------


def test_the_2023_compiled_report_is_recorded_and_shown() -> None:
    text = report(REPO_DATA, 2023)
    assert "kommunfullmäktige 23 maj 2024" in text


def test_list_shows_the_compiled_reports() -> None:
    result = invoke("list", "compiled-reports", "--format", "json", "--data", REPO_DATA)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["records"]
    assert rows[0]["year"] == 2023 and rows[0]["kf_date"] == "2024-05-23"
    text = invoke("list", "compiled-reports", "--data", REPO_DATA).stdout
    assert "2024-05-23" in text


def test_a_compiled_report_named_after_another_year_is_an_error(repo_copy: Path) -> None:
    write(repo_copy, "compiled-reports/2022.yaml", "schema_version: 1\nyear: 2021\n")
    assert "compiled-report-year-mismatch" in codes_for(repo_copy, "2022")


def test_the_schema_covers_the_compiled_report(tmp_path: Path) -> None:
    result = invoke("schema", "--output", tmp_path / "schemas")
    assert result.exit_code == 0, result.output
    names = {p.name for p in (tmp_path / "schemas").iterdir()}
    assert any("compiled-report" in name for name in names), names


# --- 3. a year without applications ----------------------------------------------------------


def test_a_year_without_applications_says_so() -> None:
    text = report(REPO_DATA, 2025)
    assert "Inga ansökningar om EU-medel under året." in text
    assert "Alla ansökningar under året har anmälts" not in text


# --- 4. the year's own warnings --------------------------------------------------------------


def test_a_years_report_lists_only_that_years_warnings(repo_copy: Path) -> None:
    # A 2025 application whose exchange rate is stale: a 2025 matter, not 2024's.
    project = repo_copy / "projects" / "green-transitions.yaml"
    text = project.read_text(encoding="utf-8").replace("2024-09-16", "2025-06-16")
    text = text.replace("2024-12-10", "2025-12-10")  # decided after it was submitted
    project.write_text(text, encoding="utf-8")
    assert any(f["code"] == "rate-stale" for f in findings(repo_copy))
    assert "växelkursen är från" not in report(repo_copy, 2024)
    assert "växelkursen är från" in report(repo_copy, 2025)


# --- 5. reports are reports ------------------------------------------------------------------


@pytest.mark.parametrize("template", [SKELETON, SUBMITTED_NO_ACTIVITIES])
def test_a_draft_is_not_a_report(repo_copy: Path, template: str) -> None:
    write(
        repo_copy,
        "reports/2024/tekniska-namnden.yaml",
        template.format(org="tekniska-namnden", year=2024),
    )
    assert "draft-report" in codes_for(repo_copy, "2024/tekniska-namnden")
    missing = [f for f in findings(repo_copy) if f["code"] == "report-missing"]
    assert any("tekniska-namnden.yaml" in f["message"] and "2024" in f["message"] for f in missing)
    [listed] = [
        row
        for row in json.loads(
            invoke("list", "reports", "--format", "json", "--data", repo_copy).stdout
        )["records"]
        if row["organisation"] == "tekniska-namnden"
    ]
    assert listed["draft"] is True
    text = report(repo_copy, 2024)
    assert "| 2 av 15 |" in text
    follow_up = text.split("## Uppföljning av policyn")[1]
    assert "- Tekniska nämnden (utkast, inte inlämnad)" in follow_up


def test_no_international_work_is_a_report(repo_copy: Path) -> None:
    write(
        repo_copy,
        "reports/2024/tekniska-namnden.yaml",
        NO_WORK.format(org="tekniska-namnden", year=2024),
    )
    assert codes_for(repo_copy, "2024/tekniska-namnden") == set()
    missing = [f for f in findings(repo_copy) if f["code"] == "report-missing"]
    assert not any("reports/2024/tekniska-namnden" in f["message"] for f in missing)
    text = report(repo_copy, 2024)
    assert "| 3 av 15 |" in text
    assert "Nämnden hade inget internationellt arbete under 2024." in text


def test_a_report_for_a_future_year_is_an_error(repo_copy: Path) -> None:
    write(
        repo_copy, "reports/2030/kulturnamnden.yaml", NO_WORK.format(org="kulturnamnden", year=2030)
    )
    result = invoke("validate", "--data", repo_copy)
    assert result.exit_code == 1
    assert "report-in-future" in codes_for(repo_copy, "2030/kulturnamnden")


def test_a_new_report_is_a_draft(repo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    run_on(monkeypatch, date(2026, 11, 26))
    args = ("--organisation", "tekniska-namnden", "--year", "2025", "--summary", "Utkast")
    result = invoke("new", "report", *args, "--data", repo_copy)
    assert result.exit_code == 0, result.output
    assert "draft-report" in codes_for(repo_copy, "2025/tekniska-namnden")
    missing = [f for f in findings(repo_copy) if f["code"] == "report-missing"]
    assert any("reports/2025/tekniska-namnden" in f["message"] for f in missing)


# --- 6. the KF step is the 2024 policy's -----------------------------------------------------

KF_STEP = "kommunfullmäktige tar del av den samlade redovisningen"


def test_the_kf_step_is_not_claimed_under_the_2016_policy(repo_copy: Path) -> None:
    # The register made to cover 2016, so the report of that year is rendered in full.
    policy = repo_copy / "policy" / "policy-2024.yaml"
    policy.write_text(
        policy.read_text(encoding="utf-8").replace("register_from: 2024", "register_from: 2016"),
        encoding="utf-8",
    )
    assert KF_STEP not in report(repo_copy, 2016).replace("\n", " ")
    assert KF_STEP in report(repo_copy, 2024).replace("\n", " ")


def test_the_kf_step_comes_from_the_policy_record(repo_copy: Path) -> None:
    policy = repo_copy / "policy" / "policy-2024.yaml"
    text = policy.read_text(encoding="utf-8").replace("compiled_report_to_kf: true", "")
    policy.write_text(text, encoding="utf-8")
    assert KF_STEP not in report(repo_copy, 2024).replace("\n", " ")


def test_no_international_work_with_activities_is_an_error(repo_copy: Path) -> None:
    path = repo_copy / "reports" / "2024" / "kulturnamnden.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("summary:", "no_international_work: true\nsummary:"), "utf-8")
    assert "no-work-with-activities" in codes_for(repo_copy, "2024/kulturnamnden")
