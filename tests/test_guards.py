"""Guards found by review: outputs never replace records, inputs never name files outside
their folder, hidden or stray files change nothing, and record text cannot break a table."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import VALID_TODAY, invoke
from intlpolicy.reports.markdown_text import markdown_text as markdown_cell
from intlpolicy.services.validate import validate_data_root
from intlpolicy.swedish import swedish_key


@pytest.mark.parametrize(
    "command",
    [
        ["annual-report", "--year", "2024"],
        ["publish", "networks"],
    ],
)
@pytest.mark.parametrize("target", ["projects/green-transitions.yaml", "../elsewhere.yaml"])
def test_output_never_replaces_a_record(valid_root: Path, command: list[str], target: str) -> None:
    path = valid_root / target
    before = path.read_bytes() if path.exists() else None
    result = invoke(*command, "--data", str(valid_root), "--output", str(path))
    assert result.exit_code == 1
    assert "skulle skriva över en post" in result.stderr
    assert (path.read_bytes() if path.exists() else None) == before


def test_draft_never_goes_into_the_data_root(valid_root: Path) -> None:
    target = valid_root / "projects" / "utkast.md"
    result = invoke(
        "route-project", "green-transitions", "--data", str(valid_root), "--draft", str(target)
    )
    assert result.exit_code == 1
    assert not target.exists()


@pytest.mark.parametrize("reference", ["../policy/policy-2024", "a/b", "Kultur Nämnden"])
def test_organisation_option_must_be_an_id(valid_root: Path, reference: str) -> None:
    result = invoke(
        "route-project", "--budget", "5", "--organisation", reference, "--data", str(valid_root)
    )
    assert result.exit_code == 1
    assert "inget giltigt id" in result.stderr


def test_a_project_argument_that_is_no_yaml_path_must_be_an_id(valid_root: Path) -> None:
    result = invoke("route-project", "/etc/passwd", "--data", str(valid_root))
    assert result.exit_code == 1
    assert "root:" not in result.output  # the file is not read, let alone echoed


def test_hidden_policy_files_are_ignored_by_route_project_as_by_validate(
    valid_root: Path,
) -> None:
    text = (valid_root / "policy" / "policy-2024.yaml").read_text(encoding="utf-8")
    hidden = text.replace("policy-2024", "policy-2030").replace("12000000", "1")
    hidden = hidden.replace("in_force_from: 2024-08-29", "in_force_from: 2024-09-01")
    (valid_root / "policy" / ".policy-2030.yaml").write_text(hidden, encoding="utf-8")
    result = invoke(
        "route-project", "--budget", "5", "--organisation", "kulturnamnden",
        "--date", "2024-10-01", "--data", str(valid_root), "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert '"route": "eu_network"' in result.stdout


def test_no_policy_records_is_an_error_not_an_answer(valid_root: Path) -> None:
    for path in (valid_root / "policy").iterdir():
        path.unlink()
    result = invoke(
        "route-project", "--budget", "5", "--organisation", "kulturnamnden",
        "--data", str(valid_root),
    )  # fmt: skip
    assert result.exit_code == 1
    assert "inga policyversioner" in result.stderr


def test_an_unknown_currency_is_named_as_such(valid_root: Path) -> None:
    result = invoke(
        "route-project", "--budget", "5", "--currency", "€", "--organisation", "kulturnamnden",
        "--data", str(valid_root),
    )  # fmt: skip
    assert result.exit_code == 1
    assert "ingen valutakod" in result.stderr


def test_a_stray_year_folder_asks_for_no_reports_before_the_first_policy(
    valid_root: Path,
) -> None:
    (valid_root / "reports" / "1800").mkdir()
    result = validate_data_root(valid_root, VALID_TODAY)
    years = sorted(
        int(f.message.split(" för ")[1][:4]) for f in result.findings if f.code == "report-missing"
    )
    assert years, "the folder still starts the duty"
    assert min(years) >= 2016  # the first policy came into force in 2016, not 1800


def test_record_text_cannot_break_a_markdown_table() -> None:
    assert markdown_cell("Städer | Hav\noch land") == "Städer \\| Hav och land"


def test_swedish_order_holds_for_decomposed_letters() -> None:
    decomposed = "A\u0308ngelholm"  # Ä written as A + combining diaeresis
    assert sorted([decomposed, "Zeta", "Örebro", "Åbo"], key=swedish_key) == [
        "Zeta",
        "Åbo",
        decomposed,
        "Örebro",
    ]


def test_a_project_file_named_otherwise_than_its_id_is_refused(
    valid_root: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "gron.yaml"
    copy.write_bytes((valid_root / "projects" / "green-transitions.yaml").read_bytes())
    result = invoke("route-project", str(copy), "--data", str(valid_root))
    assert result.exit_code == 1
    assert "id-mismatch" in result.stderr
    assert f"{copy}:" in result.stderr
