"""A whole record in another kind's folder gives one `wrong-kind-folder` finding that names
the kind and the file it belongs in, not a finding per key (see loading/wrongkind.py).

The four plain cases (a project in reports/2024/ and in organisations/, an organisation and a
report in projects/) are fixtures in tests/fixtures/bad/wrong-folder-*.yaml; these tests take
the city's own records and check the guards and the output formats."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import REPO_DATA, invoke

GREEN = REPO_DATA / "projects" / "green-transitions.yaml"
MOVED = "reports/2024/green-transitions.yaml"
MESSAGE = (
    "filen ser ut som ett projekt, inte som en redovisning: "
    "flytta den till projects/green-transitions.yaml"
)


def errors_of(root: Path, *options: str) -> list[dict[str, object]]:
    result = invoke("validate", "--data", str(root), "--format", "json", *options)
    errors: list[dict[str, object]] = json.loads(result.stdout)["errors"]
    return errors


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_citys_project_in_a_report_folder_is_one_finding(valid_root: Path) -> None:
    path = write(valid_root, MOVED, GREEN.read_text(encoding="utf-8"))
    [error] = errors_of(valid_root)
    assert (error["file"], error["line"], error["column"]) == (str(path), 1, 1)
    assert (error["code"], error["message"]) == ("wrong-kind-folder", MESSAGE)


def test_one_misspelt_key_keeps_its_did_you_mean(valid_root: Path) -> None:
    text = GREEN.read_text(encoding="utf-8").replace("\npayments:", "\npaymnts:", 1)
    write(valid_root, "projects/green-transitions.yaml", text)
    [error] = errors_of(valid_root)
    assert (error["code"], error["path"]) == ("unknown-key", "paymnts")
    assert error["message"] == "okänt fält 'paymnts' – menade du 'payments'?"


def test_a_misspelt_key_in_a_moved_record_keeps_the_findings_per_key(valid_root: Path) -> None:
    # A key no kind has: the record is not plainly a project, so nothing is summed up.
    text = GREEN.read_text(encoding="utf-8").replace("\npayments:", "\npaymnts:", 1)
    write(valid_root, MOVED, text)
    codes = {str(error["code"]) for error in errors_of(valid_root)}
    assert codes == {"unknown-key", "missing-field"}


def test_one_key_of_another_kind_is_a_bad_record_of_its_own_kind(valid_root: Path) -> None:
    # Its keys are all a report's, but only `organisation` is unknown to a compiled report:
    # a compiled report with a stray key, whose own findings say what to fix.
    write(
        valid_root,
        "compiled-reports/2024.yaml",
        "schema_version: 1\nyear: 2024\norganisation: kulturnamnden\n",
    )
    codes = sorted(str(error["code"]) for error in errors_of(valid_root))
    assert "wrong-kind-folder" not in codes and "unknown-key" in codes


def test_keys_two_other_kinds_share_name_no_kind(valid_root: Path) -> None:
    # `schema_version`, `id` and `name` are fields of an organisation and of a network alike.
    write(valid_root, "reports/2024/vag.yaml", "schema_version: 1\nid: vag\nname: Vag\n")
    codes = {str(error["code"]) for error in errors_of(valid_root)}
    assert "wrong-kind-folder" not in codes and "unknown-key" in codes


def test_the_finding_is_the_same_in_every_format_and_from_the_cache(valid_root: Path) -> None:
    path = write(valid_root, MOVED, GREEN.read_text(encoding="utf-8"))
    cold = errors_of(valid_root, "--no-cache")
    assert errors_of(valid_root) == errors_of(valid_root) == cold  # filled, then read back
    assert [error["message"] for error in cold] == [MESSAGE]
    text = invoke("validate", "--data", str(valid_root), "--format", "text").stdout
    assert f"{path}:1:1: error wrong-kind-folder {MESSAGE}\n" in text
    github = invoke("validate", "--data", str(valid_root), "--format", "github").stdout
    assert f"::error file={path},line=1,col=1,title=wrong-kind-folder::{MESSAGE}" in github


def test_a_moved_record_is_only_its_own_finding(valid_root: Path) -> None:
    """Moved, not copied: the project is then missing from projects/, and nothing else
    complains about the file that holds it."""
    shutil.move(valid_root / "projects" / "green-transitions.yaml", valid_root / MOVED)
    errors = [e for e in errors_of(valid_root) if str(e["file"]).endswith(MOVED)]
    assert [e["code"] for e in errors] == ["wrong-kind-folder"]
