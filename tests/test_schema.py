"""`intlpolicy schema`: the exported JSON Schemas, checked with an independent validator.

Every record in the repository's data/ (and in the valid fixture) must pass the exported
schemas, and the broken fixtures whose mistake a JSON Schema can express must fail them. The
YAML is read with our own loader (YAML 1.2 core schema: dates stay strings, decimals are
Decimal), and decimals become JSON numbers, as an editor's YAML reader sees them.
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from pydantic import BaseModel

from conftest import REPO_DATA, VALID_FIXTURE, invoke
from intlpolicy import vocabulary
from intlpolicy.loading import yamlparse
from intlpolicy.models import KINDS
from intlpolicy.models.network import Participant
from intlpolicy.models.organisation import Organisation
from intlpolicy.models.project import Application, Project
from intlpolicy.models.report import Activity
from intlpolicy.models.twin_city import TwinCity
from intlpolicy.services.schema import (
    field_description,
    record_schema,
    record_schemas,
    render_schema,
    schema_file_name,
)

REPO = REPO_DATA.parent
VALID = VALID_FIXTURE
BAD = Path(__file__).parent / "fixtures" / "bad"
KIND_BY_FOLDER = {kind.folder: kind for kind in KINDS}
SCHEMA_BY_FOLDER = {kind.folder: schema_file_name(kind) for kind in KINDS}

# Finding codes whose mistake lies in one record's own fields and fits a JSON Schema.
SCHEMA_CODES = frozenset(
    {
        "missing-field",
        "unknown-key",
        "wrong-type",
        "invalid-value",
        "invalid-id",
        "invalid-date",
        "invalid-amount",
        "negative-amount",
        "invalid-rate",
        "invalid-currency",
        "invalid-country",
        "invalid-email",
        "invalid-year",
        "invalid-text",
        "invalid-url",
        "unsupported-schema-version",
        "schema-too-new",
        "missing-exchange-rate",
        "exchange-rate-on-sek",
        "threshold-not-sek",
        "decided-while-pending",
        "wrong-kind-folder",  # another kind's keys: unknown to the folder's schema
    }
)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """The schema files as `intlpolicy schema --output` writes them, by kind folder."""
    folder = tmp_path_factory.mktemp("schemas") / "schemas"
    result = invoke("schema", "--output", str(folder))
    assert result.exit_code == 0, result.output
    return {
        kind_folder: json.loads((folder / name).read_text(encoding="utf-8"))
        for kind_folder, name in SCHEMA_BY_FOLDER.items()
    }


def as_json(value: Any) -> Any:
    """A loaded YAML value as JSON has it: decimals are numbers (non-finite ones stay text)."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else str(value)
    return value


def schema_errors(schema: dict[str, Any], text: str) -> list[str]:
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    instance = as_json(yamlparse.load(text))
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(instance)
    ]


def record_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.yaml"))


# --- the schemas themselves -------------------------------------------------------------------


def test_stdout_holds_all_eight_schemas() -> None:
    result = invoke("schema")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert sorted(document) == sorted(
        [
            "policy",
            "organisation",
            "project",
            "report",
            "network",
            "twin-city",
            "compiled-report",
            "practice",
        ]
    )
    assert document == record_schemas()


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_each_schema_is_valid_draft_2020_12(kind: Any) -> None:
    schema = record_schema(kind)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(kind.name.replace("_", "-"))
    assert schema["title"] and schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert "schema_version" in schema["required"]


def test_output_writes_one_file_per_kind_and_creates_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b"
    result = invoke("schema", "--output", str(target))
    assert result.exit_code == 0
    names = sorted(path.name for path in target.iterdir())
    assert names == sorted(schema_file_name(kind) for kind in KINDS)
    project = next(kind for kind in KINDS if kind.name == "project")
    written = (target / "project.schema.json").read_text(encoding="utf-8")
    assert written == render_schema(record_schema(project))
    assert "ÅÅÅÅ-MM-DD" in written  # Swedish text, not \u escapes


def test_output_replaces_old_files(tmp_path: Path) -> None:
    (tmp_path / "project.schema.json").write_text("{}", encoding="utf-8")
    result = invoke("schema", "--output", str(tmp_path))
    assert result.exit_code == 0
    assert json.loads((tmp_path / "project.schema.json").read_text())["title"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_output_that_cannot_be_written_exits_1(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = invoke("schema", "--output", blocker / "sub")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"intlpolicy: schemafilerna kunde inte skrivas till '{blocker / 'sub'}': "
    )


def model_fields(model: type[BaseModel], seen: set[type[BaseModel]]) -> Iterator[tuple[Any, str]]:
    """(model, YAML key) of every field of `model` and of the models inside it."""
    if model in seen:
        return
    seen.add(model)
    for name, info in model.model_fields.items():
        yield model, info.alias or name
        for inner in _models_in(info.annotation):
            yield from model_fields(inner, seen)


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _models_in(argument)


def test_every_field_has_a_swedish_description() -> None:
    seen: set[type[BaseModel]] = set()
    pairs = [pair for kind in KINDS for pair in model_fields(kind.model, seen)]
    assert len(pairs) > 80
    for model, key in pairs:
        assert field_description(model, key).strip(), f"{model.__name__}.{key}"


@pytest.mark.parametrize(
    ("model", "key", "literal"),
    [
        (Organisation, "kind", vocabulary.OrganisationKind),
        (Project, "role", vocabulary.Role),
        (Project, "focus_areas", vocabulary.FocusArea),
        (Application, "decision", vocabulary.Decision),
        (Activity, "kind", vocabulary.ActivityKind),
        (Participant, "role", vocabulary.ParticipantRole),
        (TwinCity, "agreement", vocabulary.Agreement),
    ],
)
def test_a_closed_field_is_described_with_every_value(
    model: type[BaseModel], key: str, literal: object
) -> None:
    words = re.split(r"[\s,:()]+", field_description(model, key))
    assert set(typing.get_args(literal)) <= set(words)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_every_property_in_the_schema_is_described(kind: Any) -> None:
    schema = record_schema(kind)
    top = [schema, *schema.get("$defs", {}).values()]
    for definition in top:
        for key, value in definition.get("properties", {}).items():
            assert value.get("description"), f"{kind.name}: {key} has no description"
        assert definition.get("additionalProperties") is False


def test_custom_types_are_spelt_out() -> None:
    project = record_schemas()["project"]
    properties = project["properties"]
    assert properties["id"]["pattern"] == "^[a-z0-9]+(-[a-z0-9]+)*$"
    money = project["$defs"]["Money"]["properties"]
    assert {option["type"] for option in money["amount"]["anyOf"]} == {"number", "string"}
    assert money["currency"]["pattern"] == "^[A-Z]{3}$"
    rate = project["$defs"]["ExchangeRate"]["properties"]
    assert rate["date"]["format"] == "date"
    assert rate["date"]["pattern"] == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    country = project["$defs"]["Partner"]["properties"]["country"]
    assert {"DK", "GB", "NO", "XK"} <= set(country["enum"])
    assert "UK" not in country["enum"]
    contact = record_schemas()["organisation"]["$defs"]["Contact"]["properties"]
    assert "from" in contact and "from_" not in contact  # by alias


# --- records against the exported schemas -----------------------------------------------------


@pytest.mark.parametrize(
    "path",
    record_files(REPO_DATA) + record_files(VALID),
    ids=lambda path: str(path.relative_to(REPO)),
)
def test_every_valid_record_passes_its_schema(
    path: Path, exported: dict[str, dict[str, Any]]
) -> None:
    folder = path.relative_to(REPO_DATA if REPO_DATA in path.parents else VALID).parts[0]
    errors = schema_errors(exported[folder], path.read_text(encoding="utf-8"))
    assert errors == []


def test_the_repository_has_records_of_every_kind() -> None:
    folders = {path.relative_to(REPO_DATA).parts[0] for path in record_files(REPO_DATA)}
    assert folders == set(SCHEMA_BY_FOLDER)


GREEN = (VALID / "projects" / "green-transitions.yaml").read_text(encoding="utf-8")


def test_a_typo_key_is_rejected(exported: dict[str, dict[str, Any]]) -> None:
    text = GREEN.replace("total_budget:", "totl_budget:")
    errors = schema_errors(exported["projects"], text)
    assert any("totl_budget" in error and "not allowed" in error for error in errors)
    assert any("'total_budget' is a required property" in error for error in errors)


def test_a_wrong_enum_value_is_rejected(exported: dict[str, dict[str, Any]]) -> None:
    errors = schema_errors(exported["projects"], GREEN.replace("role: owner", "role: leader"))
    assert len(errors) == 1
    assert errors[0].startswith("role: 'leader' is not one of")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("id: green-transitions", "id: Green_Transitions"),
        ("amount: 950000", "amount: -5"),
        ("amount: 950000", "amount: '12 000 000'"),
        ("rate: 11.4845", "rate: 0"),
        ("currency: EUR\n", "currency: eur\n"),
        ("country: DK", "country: UK"),
        ("submitted: 2024-09-16", "submitted: 2024-02-30"),
        ("submitted: 2024-09-16", "submitted: 16/9/2024"),
        ("eu: true", "eu: yes"),
        ("- {year: 2025,", "- {year: 3025,"),
        ("title: Green Transitions in the Öresund Region", "title: '  '"),
        ("schema_version: 1", "schema_version: 2"),
    ],
)
def test_a_broken_value_is_rejected(
    old: str, new: str, exported: dict[str, dict[str, Any]]
) -> None:
    assert old in GREEN
    assert schema_errors(exported["projects"], GREEN.replace(old, new, 1)) != []


def bad_cases() -> Iterator[Any]:
    """Broken fixtures that a JSON Schema can catch: (name, kind folder, text)."""
    for path in sorted(BAD.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        header = [line[2:] for line in text.splitlines() if line.startswith("# ")]
        expects = [
            line.removeprefix("expect: ").split() for line in header if line.startswith("expect: ")
        ]
        files = [line.removeprefix("file: ") for line in header if line.startswith("file: ")]
        codes = {expect[0] for expect in expects}
        if not codes & SCHEMA_CODES:
            continue
        folder = (
            files[0].split("/")[0]
            if files
            else next(
                token for expect in expects for token in expect[2:] if not token.startswith("path=")
            )
        )
        if folder not in SCHEMA_BY_FOLDER:
            continue
        try:
            yamlparse.load(text)
        except yamlparse.YamlProblem:
            continue
        yield pytest.param(folder, text, id=path.stem)


@pytest.mark.parametrize(("folder", "text"), list(bad_cases()))
def test_broken_fixtures_fail_their_schema(
    folder: str, text: str, exported: dict[str, dict[str, Any]]
) -> None:
    assert schema_errors(exported[folder], text) != []


def test_there_are_broken_fixtures_to_check() -> None:
    assert len(list(bad_cases())) >= 30


def test_a_sek_amount_with_a_rate_and_a_foreign_one_without(
    exported: dict[str, dict[str, Any]],
) -> None:
    sek_with_rate = GREEN.replace(
        "own_budget: {amount: 2400000, currency: SEK}",
        "own_budget: {amount: 1, currency: SEK, exchange_rate: {rate: 1, date: 2024-01-01, "
        "source: X}}",
    )
    assert schema_errors(exported["projects"], sek_with_rate) != []
    foreign = GREEN.replace(
        "own_budget: {amount: 2400000, currency: SEK}", "own_budget: {amount: 1, currency: DKK}"
    )
    errors = schema_errors(exported["projects"], foreign)
    assert [error.split(":")[0] for error in errors] == ["own_budget"]


# --- editor and CI integration files ----------------------------------------------------------


def test_pre_commit_hooks_run_validate_and_fmt_check_on_data_changes() -> None:
    hooks = yamlparse.load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 2
    assert [(hook["id"], hook["entry"]) for hook in hooks] == [
        ("intlpolicy-validate", "intlpolicy validate"),
        ("intlpolicy-fmt", "intlpolicy fmt --check"),
    ]
    for hook in hooks:
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is False
        assert hook["files"] == "^data/"


def test_ci_document_names_the_hook_and_the_workflows() -> None:
    text = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    for needle in (
        "intlpolicy-validate",
        "--format github",
        "GITHUB_ACTIONS",
        "gitlab-ci",
        "--install-completion",
        "intlpolicy schema --output",
    ):
        assert needle in text, needle


def test_the_models_take_their_closed_vocabularies_from_vocabulary_py() -> None:
    """A Literal written in a model would be a second list of the same values; only the
    schema version, a number, stays with the models."""
    models = REPO / "src" / "intlpolicy" / "models"
    literals = [
        f"{path.name}: {line.strip()}"
        for path in sorted(models.glob("*.py"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if "Literal[" in line
    ]
    assert literals == [
        "common.py: SchemaVersion = Annotated[Literal[1], BeforeValidator(validate_schema_version)]"
    ]
