"""Where the data root comes from: --data, $INTLPOLICY_DATA, or found from the current folder
upwards as git finds its repository; a root given one level too deep (or too high) is refused
with the folder to give instead; every command works from any subfolder of a records
repository, with finding paths that open from the folder the command ran in."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import Result

from conftest import VALID_FIXTURE, Repo, invoke
from intlpolicy.errors import MESSAGES, UsageRefused
from intlpolicy.loading.root import DataRootRefused, discover_data_root, resolve_data_root

BROKEN = "schema_version: 1\nid: {id}\ncity: Tartu\ncountry: EE\nsince: 1989\n"
BROKEN += "agreement: twin_city\nmayor: okänd\n"


def data_root_at(folder: Path, broken: str | None = None) -> Path:
    """A copy of the valid fixture at `folder`, with one broken twin city when asked."""
    shutil.copytree(VALID_FIXTURE, folder)
    if broken is not None:
        (folder / "twin-cities" / f"{broken}.yaml").write_text(
            BROKEN.format(id=broken), encoding="utf-8"
        )
    return folder


def error_files(result: Result) -> list[str]:
    return [error["file"] for error in json.loads(result.stdout)["errors"]]


def findings_of(result: Result) -> list[dict[str, object]]:
    document = json.loads(result.stdout)
    return [*document["errors"], *document["warnings"]]


@pytest.fixture
def records(tmp_path: Path) -> Path:
    """A records repository's work tree (not in git): data/ plus a docs/ folder beside it."""
    top = tmp_path / "records"
    data_root_at(top / "data", broken="tartu")
    (top / "docs" / "nested").mkdir(parents=True)
    (top / ".git").mkdir()  # where the walk stops; nothing above tmp_path is looked at
    return top


# --- precedence: --data, then $INTLPOLICY_DATA, then the walk ----------------------------------


@pytest.fixture
def three_roots(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """./data in the working directory, one for $INTLPOLICY_DATA and one for --data."""
    roots = {
        "cwd": data_root_at(tmp_path / "work" / "data", "cwd-stad"),
        "env": data_root_at(tmp_path / "env-root", "env-stad"),
        "option": data_root_at(tmp_path / "option-root", "option-stad"),
    }
    (tmp_path / "work" / ".git").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    return roots


def test_data_option_beats_environment(
    three_roots: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTLPOLICY_DATA", str(three_roots["env"]))
    result = invoke("validate", "--data", str(three_roots["option"]), "--format", "json")
    assert error_files(result) == [str(three_roots["option"] / "twin-cities" / "option-stad.yaml")]


def test_environment_beats_working_directory(
    three_roots: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTLPOLICY_DATA", str(three_roots["env"]))
    result = invoke("validate", "--format", "json")
    assert error_files(result) == [str(three_roots["env"] / "twin-cities" / "env-stad.yaml")]


def test_working_directory_data_is_the_default(three_roots: dict[str, Path]) -> None:
    result = invoke("validate", "--format", "json")
    assert error_files(result) == [os.path.join("data", "twin-cities", "cwd-stad.yaml")]


def test_empty_environment_variable_falls_back_to_the_walk(
    three_roots: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTLPOLICY_DATA", "")
    result = invoke("validate", "--format", "json")
    assert error_files(result) == [os.path.join("data", "twin-cities", "cwd-stad.yaml")]


@pytest.mark.parametrize("via", ["option", "environment"])
@pytest.mark.parametrize("shown", ["data", "./data", "data/", "../work/data"])
def test_finding_files_start_with_the_root_as_passed(
    three_roots: dict[str, Path], shown: str, via: str
) -> None:
    if via == "option":
        result = invoke("validate", "--data", shown, "--format", "json")
    else:
        result = invoke("validate", "--format", "json", env={"INTLPOLICY_DATA": shown})
    [file] = error_files(result)
    assert file == os.path.join(shown, "twin-cities", "cwd-stad.yaml")


def test_finding_files_start_with_absolute_root(three_roots: dict[str, Path]) -> None:
    shown = str(three_roots["option"])
    result = invoke("validate", "--data", shown, "--format", "text")
    first = result.stdout.splitlines()[0]
    assert first.startswith(shown + os.sep)


# --- the walk from a subfolder ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "shown"),
    [
        ("", "data"),
        ("data", "."),
        ("data/projects", ".."),
        ("data/reports/2024", os.path.join("..", "..")),
        ("docs", os.path.join("..", "data")),
        ("docs/nested", os.path.join("..", "..", "data")),
    ],
)
def test_validate_from_a_subfolder_shows_paths_that_open_from_there(
    records: Path, monkeypatch: pytest.MonkeyPatch, where: str, shown: str
) -> None:
    monkeypatch.chdir(records / where)
    result = invoke("validate", "--format", "json")
    assert result.exit_code == 1, result.output
    assert error_files(result) == [os.path.join(shown, "twin-cities", "tartu.yaml")]
    found = findings_of(result)
    assert len(found) > 1  # the warnings too (report-missing for 2025)
    for finding in found:
        file = str(finding["file"])
        assert file.startswith(shown)
        assert Path(file).is_file(), f"{file} does not open from {where or '.'}"


def test_text_findings_from_a_subfolder(records: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(records / "data" / "projects")
    result = invoke("validate", "--format", "text")
    assert result.exit_code == 1
    assert f"{os.path.join('..', 'twin-cities', 'tartu.yaml')}:7:1: error unknown-key" in (
        result.stdout
    )
    assert "misplaced-file" not in result.stdout


SUBFOLDERS = ["data/projects", "data/reports/2024", "docs/nested"]


@pytest.mark.parametrize("where", SUBFOLDERS)
@pytest.mark.parametrize(
    "command",
    [
        ["route-project", "green-transitions", "--format", "json"],
        ["annual-report", "--year", "2024"],
        ["list", "projects", "--format", "json"],
        ["list", "organisations"],
        ["publish", "networks"],
    ],
)
def test_commands_work_from_any_subfolder(
    records: Path, monkeypatch: pytest.MonkeyPatch, where: str, command: list[str]
) -> None:
    (records / "data" / "twin-cities" / "tartu.yaml").unlink()  # annual-report needs no errors
    monkeypatch.chdir(records)
    expected = invoke(*command, "--data", "data")
    assert expected.exit_code == 0, expected.output
    monkeypatch.chdir(records / where)
    result = invoke(*command)
    assert result.exit_code == 0, result.output
    assert result.stdout == expected.stdout


def test_route_project_by_path_from_a_subfolder(
    records: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(records / "data" / "projects")
    result = invoke("route-project", "green-transitions.yaml", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["project"] == "green-transitions"


def test_a_data_root_in_the_current_folder_is_found(tmp_path: Path) -> None:
    root = data_root_at(tmp_path / "records")
    found = discover_data_root(root, None)
    assert (found.path, found.shown) == (root, ".")


def test_data_with_policy_beats_the_folder_itself(tmp_path: Path) -> None:
    """A repository whose top folder happens to hold policy/ too still has its data/."""
    top = data_root_at(tmp_path / "records")
    data_root_at(top / "data")
    assert discover_data_root(top, None).shown == "data"


# --- where the walk stops -----------------------------------------------------------------------


def test_the_walk_stops_at_the_top_of_a_git_work_tree(tmp_path: Path) -> None:
    data_root_at(tmp_path / "data")  # above the repository: not its records
    inner = tmp_path / "other-project" / "src"
    inner.mkdir(parents=True)
    (tmp_path / "other-project" / ".git").write_text("gitdir: elsewhere\n", encoding="utf-8")
    with pytest.raises(DataRootRefused) as refused:
        discover_data_root(inner, None)
    assert "git-förrådets översta mapp" in refused.value.message
    (tmp_path / "other-project" / ".git").unlink()
    assert discover_data_root(inner, None).path == tmp_path / "data"


def test_the_walk_stops_at_the_home_folder(tmp_path: Path) -> None:
    data_root_at(tmp_path / "data")
    home = tmp_path / "home" / "anna"
    (home / "anteckningar").mkdir(parents=True)
    with pytest.raises(DataRootRefused) as refused:
        discover_data_root(home / "anteckningar", home)
    assert f"uppåt till {home} (hemmappen)" in refused.value.message
    assert discover_data_root(home / "anteckningar", None).path == tmp_path / "data"


def test_the_walk_takes_a_home_folder_that_is_a_records_repository(tmp_path: Path) -> None:
    home = tmp_path / "home"
    data_root_at(home / "data")
    (home / "x").mkdir()
    assert discover_data_root(home / "x", home).shown == os.path.join("..", "data")


def test_a_plain_data_folder_is_still_the_default(tmp_path: Path) -> None:
    """A new records repository whose data/ has no policy versions yet."""
    (tmp_path / "data" / "organisations").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    assert discover_data_root(tmp_path, None).shown == "data"


def test_no_data_root_found_exits_2_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "projekt" / "a").mkdir(parents=True)
    (tmp_path / "projekt" / ".git").mkdir()
    monkeypatch.chdir(tmp_path / "projekt" / "a")
    for command in (["validate"], ["list", "projects"], ["annual-report", "--year", "2024"]):
        result = invoke(*command)
        assert result.exit_code == 2, result.output
        assert result.stdout == ""
        [line] = result.stderr.splitlines()
        assert f"från {tmp_path / 'projekt' / 'a'} uppåt till {tmp_path / 'projekt'}" in line
        assert "data/policy/" in line
        assert "ange --data MAPP" in line


def test_no_data_root_with_rev_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    result = invoke("validate", "--rev", "HEAD")
    assert result.exit_code == 2
    assert "ingen datamapp hittades: sökte i " in result.stderr


# --- a root given one level too deep, or too high ------------------------------------------------


@pytest.mark.parametrize(
    ("given", "better"),
    [
        ("data/projects", "data"),
        ("data/reports/2024", "data"),
        ("data/policy", "data"),
        ("./data/projects/", "data"),
    ],
)
@pytest.mark.parametrize("via", ["option", "environment"])
def test_a_root_inside_a_data_root_names_the_root(
    records: Path, monkeypatch: pytest.MonkeyPatch, given: str, better: str, via: str
) -> None:
    monkeypatch.chdir(records)
    if via == "option":
        result = invoke("validate", "--data", given)
        advice = f"ange --data {better}"
    else:
        result = invoke("validate", env={"INTLPOLICY_DATA": given})
        advice = f"sätt INTLPOLICY_DATA={better}"
    assert result.exit_code == 2, result.output
    assert result.stdout == ""  # no misplaced-file findings that push to move good files
    [line] = result.stderr.splitlines()
    assert line.endswith(f"pekar in i datamappen {better}, inte på den; {advice}")


def test_a_root_inside_given_from_a_subfolder_or_absolute(
    records: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(records / "data" / "projects")
    result = invoke("validate", "--data", ".")
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("ange --data ..")
    absolute = records / "data" / "projects"
    result = invoke("list", "projects", "--data", str(absolute))
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(f"ange --data {records / 'data'}")


def test_the_folder_above_the_data_root_names_the_root(
    records: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(records / "docs")
    result = invoke("validate", "--data", "..")
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(
        f"--data .. är ingen datamapp men innehåller en ({os.path.join('..', 'data')}); "
        f"ange --data {os.path.join('..', 'data')}"
    )


def test_a_path_with_spaces_is_quoted_for_the_shell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_root_at(tmp_path / "Mina poster")
    monkeypatch.chdir(tmp_path)
    result = invoke("validate", "--data", "Mina poster/projects")
    assert result.stderr.strip().endswith("ange --data 'Mina poster'")


def test_a_new_empty_data_root_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "ny").mkdir()
    found = resolve_data_root("ny", None, tmp_path, None)
    assert (found.path, found.shown) == (tmp_path / "ny", "ny")


def test_a_missing_root_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "finns-inte"
    result = invoke("validate", "--data", str(missing))
    assert result.exit_code == 2
    assert result.stderr == f"intlpolicy: datamappen saknas: --data {missing} är ingen mapp " + (
        "(ange --data MAPP)\n"
    )
    assert result.stdout == ""


def test_a_root_that_is_a_file_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "data.yaml"
    file.write_text("a: 1\n", encoding="utf-8")
    assert invoke("validate", "--data", str(file)).exit_code == 2
    monkeypatch.setenv("INTLPOLICY_DATA", str(file))
    result = invoke("validate")
    assert result.exit_code == 2
    assert f"INTLPOLICY_DATA={file} är ingen mapp" in result.stderr


def test_the_refusals_are_usage_refusals_with_codes_from_the_table() -> None:
    assert issubclass(DataRootRefused, UsageRefused)
    for code in (
        "data-root-not-found",
        "data-root-not-a-folder",
        "data-root-inside",
        "data-root-above",
        "bad-today",
    ):
        assert code in MESSAGES


def test_a_bad_today_is_a_usage_refusal(valid_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTLPOLICY_TODAY", "igår")
    result = invoke("validate", "--data", str(valid_root))
    assert result.exit_code == 2
    assert result.stderr == "intlpolicy: INTLPOLICY_TODAY='igår' är inget datum (ÅÅÅÅ-MM-DD)\n"


# --- --rev from a subfolder -----------------------------------------------------------------------


@pytest.mark.usefixtures("git_isolated")
@pytest.mark.parametrize("where", ["data/projects", "docs"])
def test_rev_from_a_subfolder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    top = tmp_path / "records"
    top.mkdir()
    repository = Repo(top)
    data_root_at(top / "data")
    (top / "docs").mkdir()
    (top / "docs" / "README.md").write_text("Poster.\n", encoding="utf-8")
    repository.commit("Posterna")
    (top / "data" / "projects" / "green-transitions.yaml").unlink()
    (top / "data" / "twin-cities" / "tartu.yaml").write_text(
        BROKEN.format(id="tartu"), encoding="utf-8"
    )
    monkeypatch.chdir(top / where)
    shown = os.path.relpath(top / "data", top / where)
    result = invoke("validate", "--rev", "HEAD", "--format", "json")
    assert result.exit_code == 0, result.output  # the broken file is not in HEAD
    assert f"Datamappen {shown} läses från git-revisionen HEAD" in result.stderr
    for finding in findings_of(result):
        assert str(finding["file"]).startswith(shown + os.sep)
    routed = invoke("route-project", "green-transitions", "--rev", "HEAD", "--format", "json")
    assert routed.exit_code == 0, routed.output  # deleted in the work tree, there in HEAD
    report = invoke("annual-report", "--year", "2024", "--rev", "HEAD")
    assert report.exit_code == 0, report.output


@pytest.mark.usefixtures("git_isolated")
def test_rev_reads_a_given_root_that_is_gone_from_the_work_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    top = tmp_path / "records"
    top.mkdir()
    repository = Repo(top)
    data_root_at(top / "data")
    repository.commit("Posterna")
    (top / "data").rename(top / "poster")
    monkeypatch.chdir(top / "poster" / "projects")
    result = invoke("validate", "--data", "../../data", "--rev", "HEAD")
    assert result.exit_code == 0, result.output
    assert invoke("validate", "--data", "../../data").exit_code == 2
