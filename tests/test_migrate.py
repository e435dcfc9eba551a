"""Versions of the record format: the registry of steps, reading older records upgraded in
memory, `validate`'s `schema-outdated`, a record newer than the tool, and `migrate`.

No real format change is pending, so the registry is empty in the tool. These tests register
a step of their own, from an invented version 0 in which an organisation's contacts were
called `contacts`, to version 1 (`eu_network_contacts`): a fixture, never shipped.
"""

from __future__ import annotations

import typing
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import pytest

from conftest import VALID_TODAY, invoke, run_on, snapshot
from intlpolicy import __version__
from intlpolicy.editing.roundtrip import Document
from intlpolicy.loading import yamlparse
from intlpolicy.models import KINDS, migrations
from intlpolicy.models.common import SchemaVersion
from intlpolicy.services.validate import validate_data_root

KULTUR = "organisations/kulturnamnden.yaml"

VERSION_0 = """\
schema_version: 0
id: kulturnamnden
# Nämnden för kultur
name: Kulturnämnden
kind: committee
administration: Kulturförvaltningen
parent: null
active: {from: 2021-01-01, to: null}
contacts:  # kontaktpersoner till EU-nätverket
  - {name: Anna Andersson, email: anna.andersson@malmo.se, from: 2021-01-01, to: 2024-08-31}
  - {name: Bertil Berg, email: bertil.berg@malmo.se, from: 2024-09-01, to: null}
# sist i filen
"""


def contacts_renamed(data: MutableMapping[str, Any], kind: str) -> None:
    """The test's step 0 → 1: `contacts` became `eu_network_contacts`."""
    if kind == "organisation":
        migrations.rename_key(data, "contacts", "eu_network_contacts")


@pytest.fixture
def version_0(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(migrations.STEPS, 0, contacts_renamed)


@pytest.fixture
def old_root(valid_root: Path, version_0: None, monkeypatch: pytest.MonkeyPatch) -> Path:
    """valid_root with kulturnamnden written in version 0, run on the day it validates."""
    (valid_root / KULTUR).write_text(VERSION_0, encoding="utf-8")
    run_on(monkeypatch, VALID_TODAY)
    return valid_root


def _document(text: str) -> Document:
    return Document.from_bytes(text.encode("utf-8"), KULTUR)


# --- the registry ---------------------------------------------------------------------------


def test_the_models_read_exactly_the_current_version() -> None:
    (literal,) = typing.get_args(SchemaVersion)[:1]
    assert typing.get_args(literal) == (migrations.CURRENT_SCHEMA_VERSION,)


def test_no_step_is_shipped_while_the_format_has_one_version() -> None:
    # A step added later must come with CURRENT_SCHEMA_VERSION raised (docs/migrations.md).
    assert all(version < migrations.CURRENT_SCHEMA_VERSION for version in migrations.STEPS)
    assert migrations.oldest_readable() == migrations.CURRENT_SCHEMA_VERSION - len(migrations.STEPS)


def test_a_step_gives_the_same_record_on_a_plain_dict_and_a_round_trip_document(
    version_0: None,
) -> None:
    plain = yamlparse.load(VERSION_0)
    document = _document(VERSION_0)
    assert migrations.upgrade(plain, "organisation").status == "upgraded"
    assert migrations.upgrade(document.data, "organisation").status == "upgraded"
    assert plain == yamlparse.load(document.dump().decode("utf-8"))
    assert list(plain) == list(document.data)  # the renamed key stays where it stood
    assert list(plain)[-1] == "eu_network_contacts"
    assert plain["schema_version"] == 1


def test_a_step_on_the_round_trip_document_keeps_every_comment(version_0: None) -> None:
    document = _document(VERSION_0)
    migrations.upgrade(document.data, "organisation")
    expected = VERSION_0.replace("schema_version: 0", "schema_version: 1").replace(
        "contacts:  #", "eu_network_contacts: #"
    )
    assert document.dump().decode("utf-8") == expected


@pytest.mark.parametrize(
    ("version", "status"),
    [(0, "too-old"), (1, "current"), (2, "too-new"), (None, "current")],
)
def test_the_status_of_each_version_without_steps(version: int | None, status: str) -> None:
    data: dict[str, Any] = {"schema_version": version, "id": "x"}
    before = dict(data)
    assert migrations.upgrade(data, "twin_city").status == status
    assert data == before


# --- reading older and newer records ---------------------------------------------------------


def test_an_older_record_is_read_upgraded_and_validate_warns(old_root: Path) -> None:
    result = validate_data_root(old_root, VALID_TODAY)
    assert result.errors == []
    (warning,) = result.warnings
    assert (warning.code, warning.file, warning.path) == (
        "schema-outdated",
        str(old_root / KULTUR),
        "schema_version",
    )
    assert (warning.line, warning.column) == (1, 17)
    assert warning.fix == "intlpolicy migrate --to 1"
    organisation = result.records.organisations["kulturnamnden"]
    assert organisation.current_contact(VALID_TODAY).name == "Bertil Berg"  # type: ignore[union-attr]


def test_validate_exits_0_on_an_older_record(old_root: Path) -> None:
    result = invoke("validate", "--data", old_root)
    assert result.exit_code == 0, result.output
    assert "schema-outdated" in result.output
    assert invoke("validate", "--data", old_root, "--strict").exit_code == 1


def test_other_commands_read_an_older_record(old_root: Path) -> None:
    result = invoke("route-project", "green-transitions", "--data", old_root)
    assert result.exit_code == 0, result.output
    listed = invoke("list", "organisations", "--data", old_root)
    assert listed.exit_code == 0, listed.output
    assert "Kulturnämnden" in listed.output
    assert "kunde inte läsas" not in listed.output and "fel" not in listed.output.lower()


def test_a_record_newer_than_the_tool_is_an_error_naming_the_tool_version(
    valid_root: Path,
) -> None:
    path = valid_root / KULTUR
    path.write_text(path.read_text().replace("schema_version: 1", "schema_version: 2"))
    (error,) = validate_data_root(valid_root, VALID_TODAY).errors
    assert (error.code, error.path) == ("schema-too-new", "schema_version")
    assert f"nyare intlpolicy än {__version__}" in error.message, error.message


def test_a_version_no_step_leads_from_is_unsupported(valid_root: Path) -> None:
    (valid_root / KULTUR).write_text(VERSION_0, encoding="utf-8")
    errors = validate_data_root(valid_root, VALID_TODAY).errors
    assert [e.code for e in errors if e.file.endswith(KULTUR)] == ["unsupported-schema-version"]


def test_every_kind_can_be_upgraded(version_0: None, valid_root: Path) -> None:
    # Each kind's reader goes through the same upgrade: version 0 of any file reads.
    for path in sorted(valid_root.rglob("*.yaml")):
        path.write_text(path.read_text().replace("schema_version: 1", "schema_version: 0", 1))
    result = validate_data_root(valid_root, VALID_TODAY)
    codes = {f.code for f in result.findings}
    assert codes == {"schema-outdated"}, codes
    kinds = {f.file.split("/")[-2] for f in result.findings}
    assert len(kinds) >= len(KINDS) - 2  # the fixture has no compiled report nor practice


# --- migrate -------------------------------------------------------------------------------


def test_migrate_dry_run_shows_the_diff_and_writes_nothing(old_root: Path) -> None:
    before = (old_root / KULTUR).read_bytes()
    result = invoke("migrate", "--dry-run", "--data", old_root)
    assert result.exit_code == 0, result.output
    assert "-schema_version: 0\n+schema_version: 1\n" in result.output
    assert "-contacts:  # kontaktpersoner" in result.output
    assert "+eu_network_contacts: # kontaktpersoner" in result.output
    assert "Provkörning: 1 post skulle få postformat 1" in result.output
    assert (old_root / KULTUR).read_bytes() == before


def test_migrate_upgrades_the_file_keeping_its_comments(old_root: Path) -> None:
    result = invoke("migrate", "--to", "1", "--data", old_root)
    assert result.exit_code == 0, result.output
    assert "1 post uppgraderades till postformat 1" in result.output
    assert "-schema_version: 0\n+schema_version: 1\n" in result.output, "the diff it wrote"
    after = (old_root / KULTUR).read_text(encoding="utf-8")
    assert after == VERSION_0.replace("schema_version: 0", "schema_version: 1").replace(
        "contacts:  #", "eu_network_contacts: #"
    )
    assert validate_data_root(old_root, VALID_TODAY).findings == []
    again = invoke("migrate", "--data", old_root)
    assert again.exit_code == 0 and "Inget att uppgradera" in again.output


def test_migrate_refuses_a_record_newer_than_the_tool(old_root: Path) -> None:
    tallinn = old_root / "twin-cities" / "tallinn.yaml"
    tallinn.write_text(tallinn.read_text().replace("schema_version: 1", "schema_version: 3"))
    before = (old_root / KULTUR).read_bytes()
    result = invoke("migrate", "--data", old_root)
    assert result.exit_code == 1, result.output
    assert "tallinn.yaml har postformat 3" in result.output
    assert f"nyare intlpolicy än {__version__}" in result.output
    assert (old_root / KULTUR).read_bytes() == before


def test_migrate_puts_back_what_it_wrote_when_a_later_file_is_refused(old_root: Path) -> None:
    tallinn = old_root / "twin-cities" / "tallinn.yaml"  # after organisations/ in the order
    tallinn.write_text(tallinn.read_text().replace("schema_version: 1", "schema_version: 0"))
    tallinn.chmod(0o444)
    files = {path: path.read_bytes() for path in (old_root / KULTUR, tallinn)}
    result = invoke("migrate", "--data", old_root)
    assert result.exit_code == 1, result.output
    assert "tallinn.yaml är skrivskyddad" in result.output
    assert {path: path.read_bytes() for path in files} == files


@pytest.mark.parametrize("target", ["2", "-1"])
def test_migrate_to_an_unknown_version_is_a_usage_error(old_root: Path, target: str) -> None:
    result = invoke("migrate", "--to", target, "--data", old_root)
    assert result.exit_code == 2, result.output
    assert f"postformatets version {target} finns inte" in result.output


def test_migrate_on_current_records_changes_nothing(valid_root: Path) -> None:
    files = {path: path.read_bytes() for path in valid_root.rglob("*.yaml")}
    result = invoke("migrate", "--data", valid_root)
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Inget att uppgradera: {len(files)} poster har redan postformat 1 eller senare.\n"
    )
    assert {path: path.read_bytes() for path in files} == files


def test_migrate_names_the_files_it_cannot_read(old_root: Path) -> None:
    (old_root / "networks" / "broken.yaml").write_text("schema_version: [\n")
    result = invoke("migrate", "--data", old_root)
    assert result.exit_code == 0, result.output
    assert "1 fil uppgraderades inte" in result.output
    assert "networks/broken.yaml" in result.output


def test_migrate_never_puts_back_over_an_edit_made_meanwhile(
    old_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from intlpolicy.services import migrate as service

    tallinn = old_root / "twin-cities" / "tallinn.yaml"
    tallinn.write_text(tallinn.read_text().replace("schema_version: 1", "schema_version: 0"))
    tallinn.chmod(0o444)
    colleague = VERSION_0.replace("schema_version: 0", "schema_version: 1").replace(
        "contacts:", "eu_network_contacts:"
    )
    real_write_record = service.write_record

    def and_a_colleague_saves(path: Path, *args: Any) -> None:
        real_write_record(path, *args)
        if path.name == "kulturnamnden.yaml":
            (old_root / KULTUR).write_text(colleague, encoding="utf-8")

    monkeypatch.setattr(service, "write_record", and_a_colleague_saves)
    result = invoke("migrate", "--data", old_root)
    assert result.exit_code == 1, result.output
    assert (old_root / KULTUR).read_text(encoding="utf-8") == colleague


# --- migrate in one batch --------------------------------------------------------------------

MANY = 30


def _copy(text: str, number: int) -> str:
    """kulturnamnden's record as the organisation kultur-NN of kind `other`."""
    text = text.replace("id: kulturnamnden", f"id: kultur-{number:02}")
    return text.replace("Kulturnämnden", f"Kulturnämnd {number}").replace("committee", "other")


@pytest.fixture
def many_old(old_root: Path) -> list[Path]:
    """old_root with MANY more organisations of version 0 (kulturnamnden's copies, of kind
    `other`, which owes no report), in the order `migrate` upgrades them (kulturnamnden after
    kultur-29, tallinn last)."""
    paths = []
    for number in range(MANY):
        path = old_root / "organisations" / f"kultur-{number:02}.yaml"
        path.write_text(_copy(VERSION_0, number), encoding="utf-8")
        paths.append(path)
    tallinn = old_root / "twin-cities" / "tallinn.yaml"
    tallinn.write_text(tallinn.read_text().replace("schema_version: 1", "schema_version: 0"))
    return [*paths, old_root / KULTUR, tallinn]


def test_migrate_validates_the_root_once_however_many_records_it_upgrades(
    old_root: Path, many_old: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from intlpolicy.services import edits

    calls: list[object] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[3] if len(args) > 3 else kwargs.get("reader"))
        return validate_data_root(*args, **kwargs)

    monkeypatch.setattr(edits, "validate_data_root", counted)
    result = invoke("migrate", "--data", old_root)
    assert result.exit_code == 0, result.output
    assert f"{MANY + 2} poster uppgraderades till postformat 1" in result.output
    assert len(calls) <= 2, f"{len(calls)} validations of the whole root"
    assert all(b"schema_version: 1\n" in path.read_bytes() for path in many_old)
    assert validate_data_root(old_root, VALID_TODAY).findings == []


def test_migrate_writes_the_same_files_in_one_batch_as_one_at_a_time(
    old_root: Path, many_old: list[Path]
) -> None:
    expected = VERSION_0.replace("schema_version: 0", "schema_version: 1").replace(
        "contacts:  #", "eu_network_contacts: #"
    )
    tallinn = many_old[-1].read_text().replace("schema_version: 0", "schema_version: 1")
    dry = invoke("migrate", "--dry-run", "--data", old_root)
    result = invoke("migrate", "--data", old_root)
    assert result.exit_code == 0, result.output
    assert dry.output.splitlines()[:-1] == result.output.splitlines()[:-1]  # the same diffs
    assert result.output.count("+schema_version: 1\n") == MANY + 2
    assert (old_root / KULTUR).read_text(encoding="utf-8") == expected
    assert many_old[-1].read_text() == tallinn
    for number, path in enumerate(many_old[:-2]):
        assert path.read_text() == _copy(expected, number)


def breaks_one(data: MutableMapping[str, Any], kind: str) -> None:
    """A faulty step: it upgrades every record, but in the round-trip document that `migrate`
    writes (not in the plain dict that reading upgrades) it gives kultur-17 a kind that does
    not exist, an error the data root did not have."""
    contacts_renamed(data, kind)
    if hasattr(data, "ca") and data.get("id") == "kultur-17":
        data["kind"] = "förening"


def test_an_upgrade_that_breaks_one_file_writes_none_of_them(
    old_root: Path, many_old: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(migrations.STEPS, 0, breaks_one)
    files = snapshot(old_root)
    result = invoke("migrate", "--data", old_root)
    assert result.exit_code == 1, result.output
    assert "kultur-17.yaml" in result.output and "förening" in result.output, result.output
    assert snapshot(old_root) == files


def test_a_refused_write_puts_back_every_file_written_before_it(
    old_root: Path, many_old: list[Path]
) -> None:
    many_old[-1].chmod(0o444)  # tallinn, the last to be written
    files = snapshot(old_root)
    result = invoke("migrate", "--data", old_root)
    assert result.exit_code == 1, result.output
    assert "tallinn.yaml är skrivskyddad" in result.output
    assert snapshot(old_root) == files
