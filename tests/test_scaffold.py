"""`intlpolicy new`: new records are valid files in the right place, and nothing is overwritten."""

from __future__ import annotations

import contextlib
import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from dataclasses import fields
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import get_args

import pytest
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from conftest import VALID_TODAY, command_group, invoke
from intlpolicy.cli import new_options
from intlpolicy.cli.new_requests import (
    NetworkRequest,
    OrganisationRequest,
    ProjectRequest,
    ReportRequest,
    TwinCityRequest,
)
from intlpolicy.exitcodes import ExitCode
from intlpolicy.loading import yamlparse
from intlpolicy.models import KINDS, Project, Report
from intlpolicy.models.common import Money
from intlpolicy.services import new_records
from intlpolicy.services.new_records import (
    NetworkFields,
    OrganisationFields,
    ProjectFields,
    ReportFields,
    ScaffoldError,
    TwinCityFields,
    draft,
    network_record,
    report_record,
)
from intlpolicy.services.schema import record_schema
from intlpolicy.services.validate import validate_data_root
from intlpolicy.vocabulary import Agreement, FocusArea, OrganisationKind, Role


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """No one to ask: a missing value is a usage error (a test with a terminal says so)."""
    monkeypatch.setattr(new_options, "_interactive", lambda: False)


def new(root: Path, *args: str, input: str | None = None) -> Result:
    return invoke("new", *args, "--data", root, input=input)


PROJECT = (
    "project",
    "--title",
    "Blue Cities in the Öresund Region",
    "--organisation",
    "kulturnamnden",
    "--role",
    "owner",
    "--budget",
    "11999999.99",
)


def errors_for(root: Path, rel: str) -> list[str]:
    """The errors `validate` finds in one file of the data root."""
    result = validate_data_root(root, VALID_TODAY, "data")
    return [f"{f.code} {f.message}" for f in result.errors if f.file == f"data/{rel}"]


def assert_valid_new_file(root: Path, rel: str, result: Result) -> str:
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{root / rel}\n"
    text = (root / rel).read_text(encoding="utf-8")
    assert text.startswith("schema_version: 1 ")
    assert errors_for(root, rel) == []
    assert validate_data_root(root, VALID_TODAY, "data").errors == []
    kind = next(kind for kind in KINDS if kind.folder == rel.split("/")[0])
    validator = Draft202012Validator(record_schema(kind), format_checker=FormatChecker())
    instance = json.loads(json.dumps(yamlparse.load(text), default=float))
    assert list(validator.iter_errors(instance)) == []
    assert not [p for p in (root / rel).parent.iterdir() if p.name.startswith(".")]
    return text


# --- each kind --------------------------------------------------------------------------------


def test_new_project_invents_no_diary_number_pattern(valid_root: Path) -> None:
    """A diarienummer is free text as the diarium gives it (DESIGN: no invented pattern): the
    comment that shows how a notice is written offers a placeholder, not a number format."""
    text = assert_valid_new_file(
        valid_root, "projects/blue-cities-in-the-oresund-region.yaml", new(valid_root, *PROJECT)
    )
    line = next(line for line in text.splitlines() if "diary_number" in line)
    assert "diary_number: DIARIENUMMER" in line
    assert not re.search(r"[A-ZÅÄÖ]{2,}-(ÅÅÅÅ|\d{4})-[N\d_]{3,}", text)


def test_new_project_keeps_the_exact_amount(valid_root: Path) -> None:
    text = assert_valid_new_file(
        valid_root, "projects/blue-cities-in-the-oresund-region.yaml", new(valid_root, *PROJECT)
    )
    assert "  amount: 11999999.99 " in text
    assert "title: Blue Cities in the Öresund Region " in text
    project = Project.model_validate(yamlparse.load(text))
    assert project.total_budget.amount == Decimal("11999999.99")
    assert project.total_budget.currency == "SEK"
    assert project.funding.eu is True
    routed = invoke("route-project", project.id, "--data", valid_root, "--format", "json")
    assert json.loads(routed.stdout)["route"] == "eu_network"  # 11 999 999,99 < 12 000 000


def test_new_project_in_a_foreign_currency_with_period(valid_root: Path) -> None:
    result = new(
        valid_root,
        *PROJECT,
        "--id",
        "blue-cities",
        "--currency",
        "eur",
        "--budget",
        "1 050 000,50",
        "--rate",
        "11,4845",
        "--rate-date",
        "2025-02-01",
        "--rate-source",
        "InforEuro",
        "--start",
        "2025-06-01",
        "--end",
        "2027-05-31",
        "--programme",
        "Interreg Öresund-Kattegat-Skagerrak",
        "--fund",
        "ERDF",
        "--submitted",
        "2025-02-20",
    )
    text = assert_valid_new_file(valid_root, "projects/blue-cities.yaml", result)
    project = Project.model_validate(yamlparse.load(text))
    assert project.total_budget.amount == Decimal("1050000.50")
    assert project.total_budget.exchange_rate is not None
    assert str(project.total_budget.exchange_rate.rate) == "11.4845"
    assert project.period is not None and project.period.end == date(2027, 5, 31)
    assert project.application is not None
    assert project.application.submitted == date(2025, 2, 20)
    assert project.funding.fund == "ERDF"


def test_every_line_of_a_field_has_a_swedish_comment(valid_root: Path) -> None:
    new(valid_root, *PROJECT)
    text = (valid_root / "projects/blue-cities-in-the-oresund-region.yaml").read_text()
    for line in text.splitlines():
        assert line.startswith("#") or " # " in line, line


def test_new_report(valid_root: Path) -> None:
    result = new(
        valid_root,
        "report",
        "--organisation",
        "kulturnamnden",
        "--year",
        "2025",
        "--summary",
        "Nämnden deltog i Eurocities.\nAndra stycket: samarbete med Tallinn.",
        "--submitted",
        "2026-02-10",
    )
    text = assert_valid_new_file(valid_root, "reports/2025/kulturnamnden.yaml", result)
    report = Report.model_validate(yamlparse.load(text))
    assert report.summary.rstrip("\n") == (
        "Nämnden deltog i Eurocities.\nAndra stycket: samarbete med Tallinn."
    )
    assert report.year == 2025 and report.activities == []


def test_focus_areas_are_written_in_the_policys_order(valid_root: Path) -> None:
    result = new(
        valid_root, *PROJECT, "--focus-area", "profilering", "--focus-area", "verksamhetsutveckling"
    )
    text = assert_valid_new_file(
        valid_root, "projects/blue-cities-in-the-oresund-region.yaml", result
    )
    assert yamlparse.load(text)["focus_areas"] == ["verksamhetsutveckling", "profilering"]


def test_a_focus_area_outside_the_policy_is_a_usage_error(valid_root: Path) -> None:
    result = new(valid_root, *PROJECT, "--focus-area", "strategisk")
    assert result.exit_code == 2
    assert "strategisk" in result.stderr
    assert not (valid_root / "projects").joinpath("blue-cities-in-the-oresund-region.yaml").exists()


def test_new_organisation_company_with_parent(valid_root: Path) -> None:
    result = new(
        valid_root,
        "organisation",
        "--name",
        "Malmö Kommuns Parkerings AB",
        "--kind",
        "company",
        "--parent",
        "malmo-stadshus-ab",
        "--active-from",
        "2001-01-01",
    )
    text = assert_valid_new_file(
        valid_root, "organisations/malmo-kommuns-parkerings-ab.yaml", result
    )
    assert "parent: malmo-stadshus-ab " in text
    assert "eu_network_contacts: [] " in text


def test_new_committee_id_is_the_slug_of_its_name(valid_root: Path) -> None:
    result = new(
        valid_root,
        "organisation",
        "--name",
        "Hälsa-, vård- och omsorgsnämnden",
        "--kind",
        "committee",
        "--administration",
        "Hälsa-, vård- och omsorgsförvaltningen",
    )
    assert_valid_new_file(valid_root, "organisations/halsa-vard-och-omsorgsnamnden.yaml", result)


def test_new_network(valid_root: Path) -> None:
    result = new(
        valid_root,
        "network",
        "--name",
        "ICLEI – Local Governments for Sustainability",
        "--id",
        "iclei",
        "--url",
        "https://iclei.org",
        "--member-since",
        "1996",
    )
    text = assert_valid_new_file(valid_root, "networks/iclei.yaml", result)
    assert "url: https://iclei.org " in text


def test_new_twin_city_norway_stays_text(valid_root: Path) -> None:
    result = new(valid_root, "twin-city", "--city", "Tromsø", "--country", "no", "--since", "1990")
    text = assert_valid_new_file(valid_root, "twin-cities/tromso.yaml", result)
    assert yamlparse.load(text)["country"] == "NO"
    assert yamlparse.load(text)["agreement"] == "twin_city"


def test_new_special_cooperation(valid_root: Path) -> None:
    result = new(
        valid_root,
        "twin-city",
        "--city",
        "Provinsen Chieti",
        "--id",
        "chieti",
        "--country",
        "IT",
        "--since",
        "2001",
        "--agreement",
        "special_cooperation",
    )
    assert_valid_new_file(valid_root, "twin-cities/chieti.yaml", result)


def test_a_missing_kind_folder_is_created(tmp_path: Path) -> None:
    root = tmp_path / "data"
    root.mkdir()
    result = new(root, "twin-city", "--city", "Vasa", "--country", "FI", "--since", "1940")
    assert result.exit_code == 0, result.output
    assert (root / "twin-cities" / "vasa.yaml").is_file()


# --- refusals: each one exits 1 with its own Swedish message and writes nothing ----------------


def refused(root: Path, *args: str) -> str:
    """Run `new`, check that it refused (exit 1) and wrote nothing; return what it said."""
    before = {path: path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}
    result = new(root, *args)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    after = {path: path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}
    assert after == before
    return result.stderr


def test_an_existing_file_is_never_overwritten(valid_root: Path) -> None:
    message = refused(
        valid_root, "twin-city", "--city", "Tallinn", "--country", "EE", "--since", "1989"
    )
    assert message == (
        f"intlpolicy: {valid_root}/twin-cities/tallinn.yaml finns redan; "
        "intlpolicy new skriver aldrig över en befintlig post\n"
    )


def test_a_folder_linked_out_of_the_data_root_is_never_written_through(
    valid_root: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    (valid_root / "twin-cities").rename(outside)
    (valid_root / "twin-cities").symlink_to(outside, target_is_directory=True)
    before = sorted(path.name for path in outside.iterdir())
    result = invoke(
        "new", "twin-city", "--city", "Aarhus", "--country", "DK", "--since", "2025",
        "--data", valid_root,
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "genom en symbolisk länk" in result.stderr and result.stderr.endswith("\n")
    assert len(result.stderr.splitlines()) == 1
    assert sorted(path.name for path in outside.iterdir()) == before


def test_an_existing_report_is_never_overwritten(valid_root: Path) -> None:
    message = refused(
        valid_root, "report", "--organisation", "kulturnamnden", "--year", "2024", "--summary", "x"
    )
    assert message == (
        f"intlpolicy: {valid_root}/reports/2024/kulturnamnden.yaml finns redan; "
        "intlpolicy new skriver aldrig över en befintlig post\n"
    )


@pytest.mark.parametrize(
    ("args", "option", "value", "suggestion"),
    [
        (
            ("network", "--name", "Eurocities", "--id", "Euro_Cities"),
            "--id",
            "Euro_Cities",
            "euro-cities",
        ),
        (
            ("network", "--name", "Eurocities", "--id", "../eurocities"),
            "--id",
            "../eurocities",
            "eurocities",
        ),
        (
            ("report", "--organisation", "../kultur", "--year", "2024", "--summary", "x"),
            "--organisation",
            "../kultur",
            "kultur",
        ),
        (
            ("organisation", "--name", "X AB", "--kind", "company", "--parent", "Malmö Stadshus"),
            "--parent",
            "Malmö Stadshus",
            "malmo-stadshus",
        ),
    ],
)
def test_an_id_that_is_not_a_slug_is_refused(
    valid_root: Path, args: tuple[str, ...], option: str, value: str, suggestion: str
) -> None:
    assert refused(valid_root, *args) == (
        f"intlpolicy: {option} '{value}' är inget giltigt id; använd små bokstäver a-z, "
        f"siffror och bindestreck (t.ex. '{suggestion}')\n"
    )


def test_a_name_without_letters_needs_an_id(valid_root: Path) -> None:
    message = refused(valid_root, "network", "--name", "東京")
    assert message == "intlpolicy: kan inte göra ett id av --name '東京'; ange --id\n"


def test_an_unknown_organisation_is_refused_with_a_hint(valid_root: Path) -> None:
    args = list(PROJECT)
    args[args.index("kulturnamnden")] = "kulturnamden"
    assert refused(valid_root, *args) == (
        "intlpolicy: organisationen 'kulturnamden' finns inte "
        f"(--organisation: {valid_root}/organisations/kulturnamden.yaml saknas)"
        " – menade du 'kulturnamnden'?\n"
    )


def test_an_unknown_parent_is_refused(valid_root: Path) -> None:
    args = ("organisation", "--name", "X AB", "--kind", "company", "--parent", "malmo-stadshus")
    assert refused(valid_root, *args) == (
        "intlpolicy: organisationen 'malmo-stadshus' finns inte "
        f"(--parent: {valid_root}/organisations/malmo-stadshus.yaml saknas)"
        " – menade du 'malmo-stadshus-ab'?\n"
    )


def test_a_report_for_an_unknown_committee_is_refused(valid_root: Path) -> None:
    args = ("report", "--organisation", "nope", "--year", "2024", "--summary", "x")
    assert refused(valid_root, *args) == (
        "intlpolicy: organisationen 'nope' finns inte "
        f"(--organisation: {valid_root}/organisations/nope.yaml saknas)\n"
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            (
                "--currency",
                "EURO",
                "--rate",
                "11",
                "--rate-date",
                "2025-01-01",
                "--rate-source",
                "X",
            ),
            "valutakod",
        ),
        (("--budget", "12 000 000 kr"), "--budget '12 000 000 kr' är inget belopp"),
        (("--rate", "11.2"), "exchange_rate"),
        (("--start", "2025-01-01", "--end", "2024-12-31"), "före startdatum"),
        (("--submitted", "2025-02-30"), "--submitted '2025-02-30' är inget giltigt datum"),
    ],
)
def test_bad_values_exit_1_and_write_nothing(
    valid_root: Path, extra: tuple[str, ...], message: str
) -> None:
    assert message in refused(valid_root, *PROJECT, *extra)


def test_a_schema_error_is_reported_with_its_position(valid_root: Path) -> None:
    result = new(valid_root, "network", "--name", "Union of the Baltic Cities", "--url", "ubc.net")
    assert result.exit_code == 1
    assert "networks/union-of-the-baltic-cities.yaml:4:6: error invalid-url" in result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"intlpolicy: {valid_root}/networks/union-of-the-baltic-cities.yaml skrevs inte: "
        "posten skulle innehålla fel"
    )
    assert not (valid_root / "networks" / "union-of-the-baltic-cities.yaml").exists()


def test_a_year_out_of_range_is_refused(valid_root: Path) -> None:
    args = ("report", "--organisation", "kulturnamnden", "--year", "3024", "--summary", "x")
    assert refused(valid_root, *args) == (
        "intlpolicy: --year 3024 är orimligt; ange ett år mellan 1800 och 2100\n"
    )


# --- missing values: a usage error without a terminal, a question on one ------------------------


def test_missing_values_without_a_terminal_exit_2_naming_them(valid_root: Path) -> None:
    result = new(valid_root, "project", "--title", "X")
    assert result.exit_code == 2
    assert result.stderr == (
        "intlpolicy: saknar --organisation, --role, --budget; ange värdena som flaggor "
        "(i en terminal frågar intlpolicy efter dem)\n"
    )
    assert not (valid_root / "projects" / "x.yaml").exists()


def test_a_foreign_budget_needs_its_rate(valid_root: Path) -> None:
    result = new(valid_root, *PROJECT, "--currency", "EUR")
    assert result.exit_code == 2
    assert "--rate, --rate-date, --rate-source" in result.stderr


@pytest.mark.parametrize(
    ("kind", "missing"),
    [
        ("report", "--organisation, --year, --summary"),
        ("organisation", "--name, --kind"),
        ("network", "--name"),
        ("twin-city", "--city, --country, --since"),
    ],
)
def test_each_kind_names_its_missing_values(valid_root: Path, kind: str, missing: str) -> None:
    result = new(valid_root, kind)
    assert result.exit_code == 2
    assert missing in result.stderr


def test_half_a_period_is_a_usage_error(valid_root: Path) -> None:
    result = new(valid_root, *PROJECT, "--start", "2025-01-01")
    assert result.exit_code == 2
    assert result.stderr == (
        "intlpolicy: ange både --start och --end (projektperioden), eller ingen av dem\n"
    )


def test_a_missing_data_root_exits_2(tmp_path: Path) -> None:
    result = new(tmp_path / "nowhere", "network", "--name", "X")
    assert result.exit_code == 2


def test_on_a_terminal_missing_values_are_asked_for(
    valid_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(new_options, "_interactive", lambda: True)
    answers = "\n".join(
        ["kulturnamnden", "leader", "partner", "400000", "11.2050", "2025-02-01", "InforEuro", ""]
    )
    result = new(
        valid_root,
        "project",
        "--title",
        "Multilingual Classrooms",
        "--currency",
        "EUR",
        input=answers,
    )
    assert result.exit_code == 0, result.output
    assert "Roll (projektägare | partner)" in result.output
    assert "Fel: svara projektägare eller partner" in result.output
    text = (valid_root / "projects" / "multilingual-classrooms.yaml").read_text()
    project = Project.model_validate(yamlparse.load(text))
    assert project.role == "partner"
    assert project.total_budget.exchange_rate is not None
    assert project.total_budget.exchange_rate.source == "InforEuro"


def test_on_a_terminal_a_kind_is_chosen_from_the_vocabulary(
    valid_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(new_options, "_interactive", lambda: True)
    result = new(valid_root, "organisation", "--name", "Malmö Hamn AB", input="företag\nbolag\n")
    assert result.exit_code == 0, result.output
    assert "Typ (nämnd | bolag | annat organ)" in result.output
    assert "Fel: svara nämnd, bolag eller annat organ" in result.output
    text = (valid_root / "organisations" / "malmo-hamn-ab.yaml").read_text(encoding="utf-8")
    assert yamlparse.load(text)["kind"] == "company"


@pytest.mark.parametrize("answer", ["ägare", "projektägare", "Projektägare", "owner"])
def test_on_a_terminal_the_role_is_answered_in_swedish_or_as_the_code(
    valid_root: Path, monkeypatch: pytest.MonkeyPatch, answer: str
) -> None:
    monkeypatch.setattr(new_options, "_interactive", lambda: True)
    args = ("project", "--title", "Green Harbour", "--organisation", "kulturnamnden")
    result = new(valid_root, *args, "--budget", "100000", input=f"{answer}\n")
    assert result.exit_code == 0, result.output
    text = (valid_root / "projects" / "green-harbour.yaml").read_text(encoding="utf-8")
    assert yamlparse.load(text)["role"] == "owner"


def test_on_a_terminal_given_values_are_not_asked_for(
    valid_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(new_options, "_interactive", lambda: True)
    result = new(valid_root, "twin-city", "--city", "Vasa", "--country", "FI", input="1940\n")
    assert result.exit_code == 0, result.output
    assert yamlparse.load((valid_root / "twin-cities" / "vasa.yaml").read_text())["since"] == 1940


# A wrong answer is told as what is wrong with it, naming no option (none was typed), and the
# question is asked again: (question, wrong answer, told, right answer, where it is written).
BUDGET_ANSWERED = (
    "Totalbudget för hela projektet: ",
    "12 000 000 kr",
    "Fel: '12 000 000 kr' är inget belopp; skriv bara talet, utan valuta, "
    "t.ex. 12000000, '12 000 000' eller 11999999,99",
    "12 000 000",
    ("total_budget", "amount", Decimal(12000000)),
)
ORGANISATION_ANSWERED = (
    "Organisation (id): ",
    "kulturnämnden",
    "Fel: organisationen 'kulturnämnden' finns inte "
    "({root}/organisations/kulturnämnden.yaml saknas) – menade du 'kulturnamnden'?",
    "kulturnamnden",
    ("organisation", "kulturnamnden"),
)
RATE_DATE_ANSWERED = (
    "Kursens datum (ÅÅÅÅ-MM-DD): ",
    "2025-13-01",
    "Fel: '2025-13-01' är inget giltigt datum; skriv ÅÅÅÅ-MM-DD",
    "2025-01-13",
    ("total_budget", "exchange_rate", "date", "2025-01-13"),
)


@pytest.mark.parametrize(
    ("question", "wrong", "told", "right", "written"),
    [BUDGET_ANSWERED, ORGANISATION_ANSWERED, RATE_DATE_ANSWERED],
    ids=["budget", "organisation", "rate-date"],
)
def test_on_a_terminal_a_wrong_answer_is_asked_again(
    valid_root: Path,
    monkeypatch: pytest.MonkeyPatch,
    question: str,
    wrong: str,
    told: str,
    right: str,
    written: tuple[object, ...],
) -> None:
    monkeypatch.setattr(new_options, "_interactive", lambda: True)
    answers = {
        "Projektets titel: ": ["Clean Harbours"],
        "Organisation (id): ": ["kulturnamnden"],
        "Roll (projektägare | partner): ": ["partner"],
        "Totalbudget för hela projektet: ": ["1 300 000"],
        "Växelkurs (SEK per EUR): ": ["11,2050"],
        "Kursens datum (ÅÅÅÅ-MM-DD): ": ["2025-02-01"],
        "Kursens källa: ": ["InforEuro"],
    }
    answers[question] = [wrong, right]
    lines = [line for given in answers.values() for line in given]
    result = new(valid_root, "project", "--currency", "EUR", input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == told.format(root=valid_root)
    assert "--" not in result.stderr.replace(str(valid_root), "")
    assert [q for q in answers if result.output.count(q) != 1] == [question]
    assert result.output.count(question) == 2  # asked again, and nothing else
    text = (valid_root / "projects" / "clean-harbours.yaml").read_text(encoding="utf-8")
    value = yamlparse.load(text)
    for key in written[:-1]:
        value = value[key]
    assert value == written[-1]
    project = Project.model_validate(yamlparse.load(text))  # the earlier answers are kept
    assert (project.title, project.role) == ("Clean Harbours", "partner")
    assert project.total_budget.exchange_rate is not None
    assert project.total_budget.exchange_rate.source == "InforEuro"


def test_on_a_terminal_a_report_is_asked_again_for_its_committee_and_year(
    valid_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(new_options, "_interactive", lambda: True)
    answers = ["kulturnämnden", "kulturnamnden", "3024", "2025", "Ett år med Eurocities."]
    result = new(valid_root, "report", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[:2] == [
        "Fel: organisationen 'kulturnämnden' finns inte "
        f"({valid_root}/organisations/kulturnämnden.yaml saknas) – menade du 'kulturnamnden'?",
        "Fel: 3024 är orimligt; ange ett år mellan 1800 och 2100",
    ]
    text = (valid_root / "reports" / "2025" / "kulturnamnden.yaml").read_text(encoding="utf-8")
    report = Report.model_validate(yamlparse.load(text))
    assert (report.organisation, report.year) == ("kulturnamnden", 2025)
    assert report.summary.strip() == "Ett år med Eurocities."


FOREIGN_PROJECT = {
    "--title": "Clean Harbours",
    "--organisation": "kulturnamnden",
    "--role": "partner",
    "--budget": "1300000",
    "--currency": "EUR",
    "--rate": "11.2050",
    "--rate-date": "2025-02-01",
    "--rate-source": "InforEuro",
}


@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "no-terminal"])
@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        (
            "--budget",
            "12 000 000 kr",
            "--budget '12 000 000 kr' är inget belopp; skriv bara talet, utan valuta, "
            "t.ex. 12000000, '12 000 000' eller 11999999,99",
        ),
        (
            "--organisation",
            "kulturnämnden",
            "--organisation 'kulturnämnden' är inget giltigt id; använd små bokstäver a-z, "
            "siffror och bindestreck (t.ex. 'kulturnamnden')",
        ),
        (
            "--organisation",
            "kulturnamden",
            "organisationen 'kulturnamden' finns inte "
            "(--organisation: {root}/organisations/kulturnamden.yaml saknas)"
            " – menade du 'kulturnamnden'?",
        ),
        (
            "--rate-date",
            "2025-13-01",
            "--rate-date '2025-13-01' är inget giltigt datum; skriv ÅÅÅÅ-MM-DD",
        ),
    ],
)
def test_a_wrong_value_given_as_an_option_is_refused_not_asked_for(
    valid_root: Path,
    monkeypatch: pytest.MonkeyPatch,
    terminal: bool,
    option: str,
    value: str,
    message: str,
) -> None:
    monkeypatch.setattr(new_options, "_interactive", lambda: terminal)
    args = [part for pair in (FOREIGN_PROJECT | {option: value}).items() for part in pair]
    said = refused(valid_root, "project", *args)  # exit 1, nothing asked, nothing written
    assert said == f"intlpolicy: {message.format(root=valid_root)}\n"


def test_without_a_terminal_missing_values_come_before_a_missing_data_root(
    tmp_path: Path,
) -> None:
    result = new(tmp_path / "nowhere", "network")
    assert result.exit_code == 2
    assert result.stderr.startswith("intlpolicy: saknar --name; ")


# --- help ---------------------------------------------------------------------------------------


def new_commands() -> list[str]:
    group = command_group().commands["new"]  # type: ignore[attr-defined]
    return sorted(group.commands)


def test_ctrl_c_at_a_question_is_an_interruption(valid_root: Path) -> None:
    """On a real terminal (a pty), Ctrl-C at a question exits as any interruption does:
    130 and `intlpolicy: avbrutet` on a line of its own; nothing is written."""
    before = sorted(valid_root.rglob("*"))
    terminal, side = pty.openpty()
    command = [sys.executable, "-m", "intlpolicy", "new", "network", "--data", str(valid_root)]
    process = subprocess.Popen(command, stdin=side, stdout=side, stderr=side)
    os.close(side)
    shown = b""
    while b"namn: " not in shown and select.select([terminal], [], [], 30)[0]:
        shown += os.read(terminal, 1024)
    # The prompt's last character is written just before the process blocks reading the
    # terminal; a SIGINT in between is only seen at the next key (CPython's input()), as a
    # person's Ctrl-C a moment later never is. Press it once the process waits.
    time.sleep(0.3)
    process.send_signal(signal.SIGINT)
    assert process.wait(30) == ExitCode.INTERRUPTED
    with contextlib.suppress(OSError):  # the terminal closes with the process
        while select.select([terminal], [], [], 1)[0] and (chunk := os.read(terminal, 1024)):
            shown += chunk
    os.close(terminal)
    assert shown.decode() == "Nätverkets namn: \r\nintlpolicy: avbrutet\r\n"
    assert sorted(valid_root.rglob("*")) == before


def test_there_is_a_command_for_each_kind() -> None:
    assert new_commands() == ["network", "organisation", "project", "report", "twin-city"]


@pytest.mark.parametrize("name", new_commands())
def test_each_new_command_and_option_has_help(name: str) -> None:
    group = command_group().commands["new"]  # type: ignore[attr-defined]
    command = group.commands[name]
    assert command.help and command.help.strip()
    missing = [
        "/".join(param.opts)
        for param in command.params
        if param.param_type_name == "option" and not getattr(param, "help", None)
    ]
    assert missing == []
    result = invoke("new", name, "--help")
    assert result.exit_code == 0
    assert f"Användning: intlpolicy new {name}" in result.stdout
    assert "--data" in result.stdout


@pytest.mark.parametrize(
    ("command", "option", "vocabulary"),
    [
        ("project", "--role", Role),
        ("project", "--focus-area", FocusArea),
        ("organisation", "--kind", OrganisationKind),
        ("twin-city", "--agreement", Agreement),
    ],
)
def test_choices_are_the_models_vocabulary(command: str, option: str, vocabulary: object) -> None:
    shown = " ".join(invoke("new", command, "--help", terminal_width=200).stdout.split())
    option_help = shown.split(f" {option} ", 1)[1].split(" --", 1)[0]
    for value in get_args(vocabulary):
        assert value in re.findall(r"[a-z_-]+", option_help)


@pytest.mark.parametrize(
    ("name", "request_type"),
    [
        ("project", ProjectRequest),
        ("report", ReportRequest),
        ("organisation", OrganisationRequest),
        ("network", NetworkRequest),
        ("twin-city", TwinCityRequest),
    ],
)
def test_each_request_holds_exactly_its_commands_options(name: str, request_type: type) -> None:
    group = command_group().commands["new"]  # type: ignore[attr-defined]
    options = {param.name for param in group.commands[name].params} - {"dry_run"}  # cli only
    assert options == {field.name for field in fields(request_type)}


# --- YAML scalars -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "Kulturnämnden",
        "NO",
        "yes",
        "Null",
        "1008",
        "2024-08-29",
        "STK-2015-1008",
        "Green: Transitions",
        "a #b",
        "- list",
        "Erasmus+",
        "trailing ",
        " leading",
        '"quoted"',
        "back\\slash",
        "tab\there",
        "line\nbreak",
        "nel\u0085sep\u2028",
        "bom\ufeff",
        "emoji 🇸🇪",
        "&anchor",
        "*alias",
        "!tag",
        "@at",
        "%percent",
        "Köpenhamn’s stad",
    ],
)
def test_a_text_reads_back_exactly(value: str) -> None:
    text = network_record(NetworkFields(value, id="natverk")).text
    assert yamlparse.load(text)["name"] == value
    assert value.lower() not in ("no", "yes", "null") or f'name: "{value}"' in text


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1))
def test_any_text_reads_back_exactly(value: str) -> None:
    text = network_record(NetworkFields(value, id="natverk", url=value)).text
    assert yamlparse.load(text)["name"] == value
    assert yamlparse.load(text)["url"] == value


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1))
def test_any_summary_reads_back(summary: str) -> None:
    record = report_record(ReportFields("kulturnamnden", 2024, summary))
    read = yamlparse.load(record.text)["summary"]
    assert read in (summary, summary + "\n")


def test_text_that_is_not_unicode_is_refused() -> None:
    with pytest.raises(ScaffoldError) as refused:
        draft(NetworkFields("bad \udcff byte", id="natverk"))
    assert refused.value.code == "new-not-unicode"
    assert refused.value.message == (
        "texten 'bad \\udcff byte' innehåller tecken som inte är giltig UTF-8"
    )


@pytest.mark.parametrize(
    "fields",
    [
        ProjectFields(
            "Blå städer", "kulturnamnden", "owner", Money(amount=Decimal(1), currency="SEK")
        ),
        ReportFields("kulturnamnden", 2024, "Sammanfattning."),
        OrganisationFields("Valnämnden", "committee"),
        NetworkFields("Eurocities"),
        TwinCityFields("Tallinn", "EE", 1991),
    ],
    ids=lambda fields: type(fields).__name__,
)
def test_a_new_record_has_the_current_schema_version(
    monkeypatch: pytest.MonkeyPatch, fields: new_records.NewFields
) -> None:
    # The version comes from models/migrations.py, not a literal 1 of its own.
    monkeypatch.setattr(new_records, "CURRENT_SCHEMA_VERSION", 7)
    assert yamlparse.load(draft(fields).text)["schema_version"] == 7
