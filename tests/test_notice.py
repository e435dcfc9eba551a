"""`intlpolicy notice`: the notice route-project asks for, recorded end to end on data/."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import (
    assert_placeholder_refused,
    each_placeholder_of,
    edit,
    invoke,
    snapshot,
    tie_policy,
)

PROJECT = "projects/green-transitions.yaml"
NOTICE_LINE = "  eu_network: {date: 2024-09-02}\n"


@pytest.fixture
def without_notice(data_copy: Path) -> Path:
    """data/ with green-transitions' EU-network notice taken out: validate warns."""
    edit(data_copy / PROJECT, f"notices:{' ' * 24}#", "notices: {}  #")
    edit(data_copy / PROJECT, NOTICE_LINE, "")
    return data_copy


def test_the_missing_notice_is_recorded_and_validate_no_longer_warns(without_notice: Path) -> None:
    before = invoke("validate", "--data", without_notice)
    assert "notice-missing" in before.stdout
    assert "Åtgärd: intlpolicy notice green-transitions --eu-network --date DATUM" in before.stdout
    result = invoke(
        "notice", "green-transitions", "--eu-network", "--date", "2024-09-02",
        "--data", without_notice,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "+  eu_network:\n+    date: 2024-09-02\n" in result.stdout
    assert f"Ändrat: {without_notice / PROJECT}" in result.stderr
    after = invoke("validate", "--data", without_notice)
    assert "notice-missing" not in after.stdout
    route = invoke("route-project", "green-transitions", "--data", without_notice)
    assert "registrerad 2024-09-02" in route.stdout


def test_only_the_notice_lines_change_and_comments_stay(data_copy: Path) -> None:
    path = data_copy / PROJECT
    original = path.read_text(encoding="utf-8")
    result = invoke(
        "notice", "green-transitions", "--ks-information", "--date", "2024-09-10",
        "--diary-number", "KS-2024-00999", "--data", data_copy,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    changed = path.read_text(encoding="utf-8")
    added = "  ks_information: {date: 2024-09-10, diary_number: KS-2024-00999}\n"
    assert changed == original.replace(NOTICE_LINE, NOTICE_LINE + added)
    # The route is the EU-nätverket: recording KS is allowed (the near-threshold advice),
    # and said.
    assert "Obs: enligt rutinen krävs information via EU-nätverket" in result.stderr


def test_a_dry_run_prints_the_diff_and_writes_nothing(data_copy: Path) -> None:
    before = snapshot(data_copy)
    result = invoke(
        "notice", "green-transitions", "--eu-network", "--date", "2024-09-10",
        "--dry-run", "--data", data_copy,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "-  eu_network: {date: 2024-09-02}" in result.stdout
    assert "+  eu_network: {date: 2024-09-10}" in result.stdout
    assert "Provkörning (--dry-run)" in result.stderr
    assert snapshot(data_copy) == before


def test_the_same_notice_again_changes_nothing(data_copy: Path) -> None:
    before = snapshot(data_copy)
    args = ("notice", "green-transitions", "--eu-network", "--date", "2024-09-02")
    result = invoke(*args, "--data", data_copy)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "Ingen ändring" in result.stderr
    assert snapshot(data_copy) == before


def test_a_notice_that_replaces_another_says_so(data_copy: Path) -> None:
    args = ("notice", "cultural-heritage-ai", "--ks-information", "--date", "2024-10-07")
    result = invoke(*args, "--diary-number", "KS-2024-00999", "--data", data_copy)
    assert result.exit_code == 0, result.output
    assert "+  ks_information: {date: 2024-10-07, diary_number: KS-2024-00999}" in result.stdout
    assert (
        "Obs: projektet hade redan en anmälan 2024-10-07 (KS-2024-00456); den ersätts.\n"
        in result.stderr
    )
    again = invoke(*args, "--diary-number", "KS-2024-00999", "--data", data_copy)
    assert "Obs: projektet hade redan" not in again.stderr, "the same notice: nothing replaced"


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (("green-transition", "--eu-network", "--date", "2024-09-02"), 1,
         "projektet 'green-transition' finns inte"),
        (("green-transitions", "--eu-network", "--date", "2024-02-30"), 1,
         "--date '2024-02-30' är inget giltigt datum"),
        (("green-transitions", "--eu-network", "--date", "2026-12-24"), 1,
         "--date 2026-12-24 ligger efter i dag"),
        (("green-transitions", "--ks-information", "--date", "2024-09-02",
          "--diary-number", " "), 1, "ogiltigt värde för --diary-number"),
        (("green-transitions", "--ks-information", "--date", "2024-09-02"), 2,
         "--diary-number saknas"),
        (("green-transitions", "--eu-network", "--ks-information", "--date", "2024-09-02"), 2,
         "går inte att kombinera"),
        (("green-transitions", "--date", "2024-09-02"), 2, "vägen saknas"),
    ],
    ids=["unknown id", "bad date", "future", "empty diary number", "no diary number",
         "both routes", "no route"],
)  # fmt: skip
def test_bad_input_is_one_swedish_line_and_nothing_changes(
    data_copy: Path, args: tuple[str, ...], code: int, said: str
) -> None:
    before = snapshot(data_copy)
    result = invoke("notice", *args, "--data", data_copy)
    assert result.exit_code == code
    assert said in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stdout == ""
    assert snapshot(data_copy) == before


@each_placeholder_of("notice")
def test_a_placeholder_of_the_fix_is_refused_and_a_real_value_works(
    data_copy: Path, case: tuple[str, str, tuple[str, ...]]
) -> None:
    assert_placeholder_refused(data_copy, case)


def test_a_tie_of_the_version_in_force_refuses_and_nothing_changes(data_copy: Path) -> None:
    """The notice a project needs depends on the version in force: with two, none is told."""
    tie_policy(data_copy, "policy-2024")
    before = snapshot(data_copy)
    result = invoke(
        "notice", "green-transitions", "--eu-network", "--date", "2024-09-02", "--data", data_copy
    )
    assert result.exit_code == 1, result.output
    assert "policy-2024 och policy-2024-kopia gäller från samma dag, 2024-08-29" in result.stderr
    assert snapshot(data_copy) == before


def test_an_unknown_id_suggests_the_closest(data_copy: Path) -> None:
    result = invoke(
        "notice", "green-transition", "--eu-network", "--date", "2024-09-02", "--data", data_copy
    )
    assert "menade du 'green-transitions'?" in result.stderr


def test_a_yaml_error_in_the_project_is_one_line(data_copy: Path) -> None:
    path = data_copy / PROJECT
    path.write_bytes(path.read_bytes() + b"broken: [\n")
    before = snapshot(data_copy)
    result = invoke(
        "notice", "green-transitions", "--eu-network", "--date", "2024-09-02", "--data", data_copy
    )
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert f"{path}:" in result.stderr
    assert "ingenting ändrades" in result.stderr
    assert snapshot(data_copy) == before


def test_a_read_only_project_is_refused_untouched(data_copy: Path) -> None:
    path = data_copy / PROJECT
    path.chmod(0o444)
    before = snapshot(data_copy)
    result = invoke(
        "notice", "green-transitions", "--eu-network", "--date", "2024-09-10", "--data", data_copy
    )
    assert result.exit_code == 1
    assert "skrivskyddad" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert snapshot(data_copy) == before


def test_a_file_that_is_no_project_is_refused_as_such(data_copy: Path) -> None:
    before = snapshot(data_copy)
    other = data_copy / "organisations" / "kulturnamnden.yaml"
    result = invoke("notice", other, "--eu-network", "--date", "2024-09-02", "--data", data_copy)
    assert result.exit_code == 1 and snapshot(data_copy) == before
    assert result.stderr == (
        f"intlpolicy: {other} är ingen projektpost (projekten ligger i projects/); ange "
        "projektets id eller dess fil\n"
    )
    project = data_copy / PROJECT  # a project's file by its path is fine
    dry = ("--eu-network", "--date", "2024-09-03", "--dry-run", "--data", data_copy)
    assert invoke("notice", project, *dry).exit_code == 0


def test_the_diff_shown_in_a_subfolder_applies_with_patch_there(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `cd data/projects && intlpolicy notice …`: the data root is found above, shown as `..`.
    monkeypatch.chdir(data_copy / "projects")
    args = ("notice", "green-transitions", "--eu-network", "--date", "2024-09-10")
    dry = invoke(*args, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "Provkörning (--dry-run): ../projects/green-transitions.yaml" in dry.stderr
    assert dry.stdout.startswith("--- a/green-transitions.yaml\n+++ b/green-transitions.yaml\n")
    before = (data_copy / PROJECT).read_bytes()
    subprocess.run(["patch", "-s", "-p1"], input=dry.stdout.encode(), check=True)
    patched = (data_copy / PROJECT).read_bytes()
    (data_copy / PROJECT).write_bytes(before)
    assert invoke(*args).exit_code == 0
    assert patched == (data_copy / PROJECT).read_bytes() != before


def test_a_yaml_path_that_is_a_folder_is_called_a_folder(data_copy: Path) -> None:
    folder = data_copy / "projects" / "mapp.yaml"
    folder.mkdir()
    result = invoke("notice", folder, "--eu-network", "--date", "2024-09-02", "--data", data_copy)
    assert result.exit_code == 1
    assert result.stderr == (
        f"intlpolicy: '{folder}' är en mapp, ingen fil; ange projektets fil eller id\n"
    )
