"""The command line, through typer's CliRunner (and once as a real subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import REPO_DATA, TODAY, command_group, invoke
from intlpolicy import __version__
from intlpolicy.checks.fixes import as_run_from
from intlpolicy.reports.findings_output import render_json
from intlpolicy.services.validate import ValidationResult, validate_data_root

TWIN_CITY = """\
schema_version: 1
id: {id}
city: {city}
country: EE
since: 1989
agreement: twin_city
"""


def write_record(root: Path, rel: str, text: str) -> Path:
    """Write one record file (creating its folders) under the data root."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def clean_root(root: Path) -> Path:
    write_record(root, "twin-cities/tallinn.yaml", TWIN_CITY.format(id="tallinn", city="Tallinn"))
    return root


def broken_root(root: Path, name: str = "tartu") -> Path:
    """A data root with one record that has an unknown key (an error)."""
    clean_root(root)
    text = TWIN_CITY.format(id=name, city=name.title()) + "mayor: okänd\n"
    write_record(root, f"twin-cities/{name}.yaml", text)
    return root


# --- version and help -----------------------------------------------------------------------


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"intlpolicy {__version__}\n"


def test_root_help_documents_exit_codes() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    assert "Returkoder" in result.stdout
    for name in command_group().commands:  # type: ignore[attr-defined]
        assert name in result.stdout


def command_names() -> list[str]:
    group = command_group()
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_there_are_commands() -> None:
    assert "validate" in command_names()


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help(name: str) -> None:
    group = command_group()
    command = group.commands[name]  # type: ignore[attr-defined]
    assert command.help and command.help.strip(), f"{name} has no help text"
    result = invoke(name, "--help")
    assert result.exit_code == 0
    assert f"Användning: intlpolicy {name}" in result.stdout
    assert "--data" in result.stdout


@pytest.mark.parametrize("name", command_names())
def test_every_option_has_help(name: str) -> None:
    group = command_group()
    command = group.commands[name]  # type: ignore[attr-defined]
    missing = [
        "/".join(param.opts)
        for param in command.params
        if param.param_type_name == "option" and not getattr(param, "help", None)
    ]
    assert missing == [], f"{name}: options without help text: {missing}"


# --- validate: exit codes -------------------------------------------------------------------


def test_validate_embedded_data_is_free_of_errors() -> None:
    result = invoke("validate", "--data", str(REPO_DATA), "--format", "text")
    assert result.exit_code == 0, result.output
    summary = result.stdout.splitlines()[-1]
    assert ", 0 fel, " in summary
    assert " error " not in result.stdout
    document = json.loads(invoke("validate", "--data", str(REPO_DATA), "--format", "json").stdout)
    assert document["errors"] == []
    assert document["ok"] is True


def test_validate_error_record_exits_1(tmp_path: Path) -> None:
    root = broken_root(tmp_path / "data")
    result = invoke("validate", "--data", str(root), "--format", "text")
    assert result.exit_code == 1
    assert f"{root / 'twin-cities' / 'tartu.yaml'}:7:1: error unknown-key " in result.stdout
    assert result.stdout.splitlines()[-1] == "2 poster, 1 fel, 0 varningar"


def test_validate_clean_root_exits_0(tmp_path: Path) -> None:
    root = clean_root(tmp_path / "data")
    result = invoke("validate", "--data", str(root), "--format", "text")
    assert result.exit_code == 0
    assert result.stdout == "1 post, 0 fel, 0 varningar\n"


def test_bad_format_exits_2(tmp_path: Path) -> None:
    root = clean_root(tmp_path / "data")
    result = invoke("validate", "--data", str(root), "--format", "xml")
    assert result.exit_code == 2
    assert "--format" in result.output


def test_unknown_option_exits_2() -> None:
    assert invoke("validate", "--no-such-option").exit_code == 2


def test_bad_today_override_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTLPOLICY_TODAY", "igår")
    result = invoke("validate", "--data", str(clean_root(tmp_path / "data")))
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# --- validate: output formats ---------------------------------------------------------------


def test_format_auto_is_github_on_actions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = broken_root(tmp_path / "data")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = invoke("validate", "--data", str(root))
    assert result.exit_code == 1
    [line] = result.stdout.splitlines()
    assert line.startswith("::error file=")
    assert ",line=7,col=1,title=unknown-key::" in line
    assert "2 poster, 1 fel, 0 varningar" in result.stderr


def test_explicit_format_auto_is_github_on_actions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = broken_root(tmp_path / "data")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = invoke("validate", "--data", str(root), "--format", "auto")
    assert result.stdout.startswith("::error file=")


@pytest.mark.parametrize("value", [None, "false", ""])
def test_format_auto_is_text_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    if value is not None:
        monkeypatch.setenv("GITHUB_ACTIONS", value)
    root = broken_root(tmp_path / "data")
    result = invoke("validate", "--data", str(root))
    assert result.stdout.splitlines()[-1] == "2 poster, 1 fel, 0 varningar"
    assert "::error" not in result.stdout


def test_explicit_text_beats_github_actions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    root = broken_root(tmp_path / "data")
    result = invoke("validate", "--data", str(root), "--format", "text")
    assert "::error" not in result.stdout
    assert result.stdout.splitlines()[-1] == "2 poster, 1 fel, 0 varningar"


@pytest.mark.parametrize("strict", [False, True])
def test_json_output_equals_the_library_report(strict: bool) -> None:
    shown = str(REPO_DATA)
    args = ["validate", "--data", shown, "--format", "json"]
    result = invoke(*args, *(["--strict"] if strict else []))
    found = validate_data_root(REPO_DATA, TODAY, shown)
    # The fixes are commands to run with the same --data (checks.fixes.as_run_from).
    library = ValidationResult(found.records, as_run_from(found.findings, shown, False))
    assert result.stdout == render_json(library, strict)
    document = json.loads(result.stdout)
    assert document == json.loads(render_json(library, strict))
    assert set(document) == {"ok", "records", "errors", "warnings"}
    assert document["ok"] is library.ok(strict)
    assert result.exit_code == (0 if library.ok(strict) else 1)


def test_json_output_of_error_root_equals_the_library_report(tmp_path: Path) -> None:
    root = broken_root(tmp_path / "data")
    result = invoke("validate", "--data", str(root), "--format", "json")
    library = validate_data_root(root, TODAY, str(root))
    assert result.exit_code == 1
    assert json.loads(result.stdout) == json.loads(render_json(library))
    assert result.stdout == render_json(library)


def test_today_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = clean_root(tmp_path / "data")
    write_record(
        root,
        "organisations/kulturnamnden.yaml",
        """\
        schema_version: 1
        id: kulturnamnden
        name: Kulturnämnden
        kind: committee
        active: {from: null, to: null}
        eu_network_contacts:
          - {name: Anna Andersson, email: anna@malmo.se, from: 2024-01-01, to: 2025-06-30}
        """,
    )
    monkeypatch.setenv("INTLPOLICY_TODAY", "2025-06-30")
    assert "contact-missing" not in invoke("validate", "--data", str(root)).stdout
    monkeypatch.setenv("INTLPOLICY_TODAY", "2025-07-01")
    assert "contact-missing" in invoke("validate", "--data", str(root)).stdout


# --- bad data never gives a traceback -------------------------------------------------------

GARBAGE: dict[str, bytes] = {
    "binary": bytes(range(256)),
    "not-utf8": b"schema_version: 1\nid: tallinn\ncity: Tall\xe4nn\n",
    "python-tag": b"!!python/object/apply:os.system ['echo hej']\n",
    "custom-tag": b"schema_version: 1\nid: !stad tallinn\n",
    "several-documents": b"a: 1\n---\nb: 2\n",
    "list": b"- 1\n- 2\n",
    "empty": b"",
    "bad-yaml": b"id: [tallinn\ncity: {\n",
    "duplicate-key": b"id: a\nid: b\n",
    "float-amount": b"schema_version: 1\nid: x\nsince: 19.89\n",
    "alias-bomb": (
        b'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n'
        b"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        b"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        b"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        b"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    ),
}


@pytest.mark.parametrize("name", sorted(GARBAGE))
@pytest.mark.parametrize("output_format", ["text", "json", "github"])
def test_garbage_file_gives_findings_not_a_traceback(
    tmp_path: Path, name: str, output_format: str
) -> None:
    root = clean_root(tmp_path / "data")
    garbage = root / "twin-cities" / "skrap.yaml"
    garbage.write_bytes(GARBAGE[name])
    result = invoke("validate", "--data", str(root), "--format", output_format)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert str(garbage) in result.stdout
    assert garbage.read_bytes() == GARBAGE[name]  # nothing is changed


def test_garbage_in_every_folder(tmp_path: Path) -> None:
    root = clean_root(tmp_path / "data")
    for folder in ("policy", "organisations", "projects", "networks", "twin-cities"):
        (root / folder).mkdir(exist_ok=True)
        (root / folder / "skrap.yaml").write_bytes(b"\x00\xff garbage: [\n")
    (root / "reports" / "2024").mkdir(parents=True)
    (root / "reports" / "2024" / "skrap.yaml").write_bytes(b"summary: 12\n")
    (root / "okand-mapp").mkdir()
    (root / "lost.yaml").write_text("a: 1\n", encoding="utf-8")
    result = invoke("validate", "--data", str(root), "--format", "json")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    files = {error["file"] for error in json.loads(result.stdout)["errors"]}
    assert len(files) == 8


# --- the module entry point -----------------------------------------------------------------


def test_python_m_intlpolicy_version() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "intlpolicy", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == f"intlpolicy {__version__}\n"


def test_python_m_intlpolicy_validate_without_traceback(tmp_path: Path) -> None:
    root = clean_root(tmp_path / "data")
    (root / "twin-cities" / "skrap.yaml").write_bytes(b"!!python/name:os.system\n")
    env = {**os.environ, "INTLPOLICY_TODAY": TODAY.isoformat()}
    env.pop("GITHUB_ACTIONS", None)
    completed = subprocess.run(
        [sys.executable, "-m", "intlpolicy", "validate", "--data", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )
    assert completed.returncode == 1
    assert "Traceback" not in completed.stdout + completed.stderr
    assert "unsupported-tag" in completed.stdout
