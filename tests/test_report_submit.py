"""`intlpolicy report-submit`: a yearly report marked submitted, end to end on data/."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import assert_placeholder_refused, each_placeholder_of, edit, invoke, snapshot

REPORT = "reports/2024/kulturnamnden.yaml"


def test_a_draft_is_submitted_by_its_hint_and_counts(data_copy: Path) -> None:
    path = data_copy / REPORT
    original = path.read_bytes()
    edit(path, "submitted: 2025-02-14\n", "")
    warned = invoke("validate", "--data", data_copy).stdout
    assert "draft-report" in warned
    hint = (
        "  Åtgärd: intlpolicy report-submit kulturnamnden --year 2024 --date DATUM "
        f"--data {data_copy}"
    )
    assert warned.splitlines().count(hint) == 2  # the draft, and the committee's missing report
    result = invoke(
        "report-submit", "kulturnamnden", "--year", "2024", "--date", "2025-02-14",
        "--data", data_copy,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "+submitted: 2025-02-14" in result.stdout
    # Put back where the model has it: the file is as it was, byte for byte.
    assert path.read_bytes() == original
    assert "draft-report" not in invoke("validate", "--data", data_copy).stdout


def test_a_report_without_activities_needs_the_statement_of_none(data_copy: Path) -> None:
    created = invoke(
        "new", "report", "--organisation", "valnamnden", "--year", "2025",
        "--summary", "Valnämnden hade inget internationellt arbete 2025.", "--data", data_copy,
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    args = ("report-submit", "valnamnden", "--year", "2025", "--date", "2026-02-10")
    before = snapshot(data_copy)
    refused = invoke(*args, "--data", data_copy)
    assert refused.exit_code == 1
    assert "har inga aktiviteter och inget besked" in refused.stderr
    assert snapshot(data_copy) == before
    submitted = invoke(*args, "--no-international-work", "--data", data_copy)
    assert submitted.exit_code == 0, submitted.output
    assert "+no_international_work: true" in submitted.stdout
    report = [
        line
        for line in invoke("validate", "--data", data_copy).stdout.splitlines()
        if "valnamnden" in line and "2025" in line
    ]
    assert report == []


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("kulturnamden", "--year", "2024", "--date", "2025-02-14"),
         "menade du 'kulturnamnden'?"),
        (("kulturnamnden", "--year", "2025", "--date", "2026-02-14"),
         "redovisningen '2025/kulturnamnden' finns inte"),
        (("kulturnamnden", "--year", "2024", "--date", "2023-12-31"),
         "--date 2023-12-31 ligger före redovisningsåret 2024"),
        (("kulturnamnden", "--year", "2024", "--date", "2027-01-01"),
         "--date 2027-01-01 ligger efter i dag"),
        (("kulturnamnden", "--year", "2024", "--date", "2025-02-30"),
         "--date '2025-02-30' är inget giltigt datum"),
        (("kulturnamnden", "--year", "2024", "--date", "2025-02-14", "--no-international-work"),
         "redovisningen 2024/kulturnamnden har 3 aktiviteter"),
    ],
    ids=["unknown organisation", "no report", "before the year", "future", "bad date",
         "statement with activities"],
)  # fmt: skip
def test_bad_input_is_one_swedish_line_and_nothing_changes(
    data_copy: Path, args: tuple[str, ...], said: str
) -> None:
    before = snapshot(data_copy)
    result = invoke("report-submit", *args, "--data", data_copy)
    assert result.exit_code == 1
    assert said in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert snapshot(data_copy) == before


@each_placeholder_of("report-submit")
def test_a_placeholder_of_the_fix_is_refused_and_a_real_value_works(
    data_copy: Path, case: tuple[str, str, tuple[str, ...]]
) -> None:
    assert_placeholder_refused(data_copy, case)


def test_a_missing_report_names_the_command_that_creates_it(data_copy: Path) -> None:
    result = invoke(
        "report-submit", "valnamnden", "--year", "2025", "--date", "2026-02-14",
        "--data", data_copy,
    )  # fmt: skip
    assert "intlpolicy new report skapar den" in result.stderr


def test_a_day_already_recorded_is_replaced_with_a_note(data_copy: Path) -> None:
    args = ("report-submit", "kulturnamnden", "--year", "2024", "--data", data_copy)
    result = invoke(*args, "--date", "2025-02-15")
    assert result.exit_code == 0, result.output
    assert "-submitted: 2025-02-14\n+submitted: 2025-02-15\n" in result.stdout
    assert result.stderr.splitlines()[1:] == [
        "Obs: redovisningen hade redan dagen 2025-02-14 som inlämningsdag; den ersätts av "
        "2025-02-15."
    ]
    again = invoke(*args, "--date", "2025-02-15")  # the same day: nothing to say
    assert again.exit_code == 0 and len(again.stderr.splitlines()) == 1, again.stderr
