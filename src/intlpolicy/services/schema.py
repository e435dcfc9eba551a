"""JSON Schemas (draft 2020-12) of the record kinds, generated from the pydantic models.

Editors use them to complete keys and flag mistakes while a record is typed: VS Code's YAML
extension reads `yaml.schemas` or a `# yaml-language-server: $schema=…` first line. The
models stay the source of truth; this module only adds what a schema reader needs and the
models do not say: a Swedish description of every field, and the custom types (ids, dates,
exact amounts, countries, currencies) written out as patterns and enums. Rules between
fields that a JSON Schema cannot express (an end before its start, overlapping contacts)
are left to `intlpolicy validate`.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from intlpolicy.editing.atomic import WriteRefused, write_atomically
from intlpolicy.errors import Refused
from intlpolicy.models import KINDS, RecordKind
from intlpolicy.models import common as types
from intlpolicy.models.common import SEK, Money
from intlpolicy.models.countries import ISO_3166_ALPHA_2
from intlpolicy.models.descriptions import MODEL_TITLES, field_description
from intlpolicy.models.network import validate_url
from intlpolicy.models.policy import EuFundingRoutine
from intlpolicy.models.project import Application
from intlpolicy.swedish import os_cause


class SchemaError(Refused):
    """The schema files cannot be written; a file already written stays (each is whole)."""


DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
ID_PREFIX: Final = "urn:intlpolicy:schema:v1:"


def _anchored(pattern: str) -> str:
    # A JSON Schema pattern matches anywhere in the text; the models match the whole text.
    return f"^{pattern}$"


DATE_PATTERN: Final = _anchored(types.DATE_PATTERN)
SLUG_PATTERN: Final = _anchored(types.SLUG_PATTERN)
# Amounts and rates written as strings: these also spell out the models' value checks (no
# negative amount, no zero rate), so they have no counterpart in models/common.py.
AMOUNT_PATTERN: Final = r"^\+?[0-9]+(\.[0-9]+)?$"
RATE_PATTERN: Final = r"^\+?([0-9]*[1-9][0-9]*(\.[0-9]+)?|[0-9]+\.[0-9]*[1-9][0-9]*)$"
CURRENCY_PATTERN: Final = _anchored(types.CURRENCY_PATTERN)
EMAIL_PATTERN: Final = _anchored(types.EMAIL_PATTERN)
URL_PATTERN: Final = _anchored(types.URL_PATTERN)

# The shared field types of models/common.py, by the validator that defines each one.
_TYPE_SCHEMAS: Final[dict[Callable[..., Any], JsonSchemaValue]] = {
    types.validate_id: {"type": "string", "pattern": SLUG_PATTERN},
    types.validate_text: {"type": "string", "minLength": 1, "pattern": r"\S"},
    types.validate_date: {"type": "string", "format": "date", "pattern": DATE_PATTERN},
    types.validate_amount: {
        "anyOf": [
            {"type": "number", "minimum": 0},
            {"type": "string", "pattern": AMOUNT_PATTERN},
        ]
    },
    types.validate_rate: {
        "anyOf": [
            {"type": "number", "exclusiveMinimum": 0},
            {"type": "string", "pattern": RATE_PATTERN},
        ]
    },
    types.validate_currency: {"type": "string", "pattern": CURRENCY_PATTERN},
    types.validate_country: {"type": "string", "enum": sorted(ISO_3166_ALPHA_2)},
    types.validate_email: {"type": "string", "format": "email", "pattern": EMAIL_PATTERN},
    types.validate_year: {
        "type": "integer",
        "minimum": types.YEAR_RANGE[0],
        "maximum": types.YEAR_RANGE[1],
    },
    validate_url: {"type": "string", "format": "uri", "pattern": URL_PATTERN},
}

_FILE_HINTS: Final = {
    "policy": "policy/<id>.yaml",
    "organisation": "organisations/<id>.yaml",
    "project": "projects/<id>.yaml",
    "report": "reports/<år>/<organisation>.yaml",
    "network": "networks/<id>.yaml",
    "twin_city": "twin-cities/<id>.yaml",
    "compiled_report": "compiled-reports/<år>.yaml",
    "practice": "practice/<kod>.yaml",
}

_NO_EXCHANGE_RATE_ON_SEK: Final = {
    "if": {"properties": {"currency": {"const": SEK}}, "required": ["currency"]},
    "then": {"properties": {"exchange_rate": {"type": "null"}}},
    "else": {"required": ["exchange_rate"], "properties": {"exchange_rate": {"type": "object"}}},
}
_NO_DECISION_DATE_WHILE_PENDING: Final = {
    "if": {"properties": {"decision": {"const": "pending"}}},
    "then": {"properties": {"decided": {"type": "null"}}},
}
_SEK_ONLY: Final = {"properties": {"currency": {"const": SEK}}}


def schema_name(kind: RecordKind) -> str:
    """The kind's name in schema file names and commands: `twin-city`, `project`."""
    return kind.name.replace("_", "-")


def schema_file_name(kind: RecordKind) -> str:
    return f"{schema_name(kind)}.schema.json"


class _RecordSchemaGenerator(GenerateJsonSchema):
    """pydantic's generator, with our field types spelt out and Swedish texts added."""

    def function_after_schema(
        self, schema: core_schema.AfterValidatorFunctionSchema
    ) -> JsonSchemaValue:
        known = _TYPE_SCHEMAS.get(schema["function"]["function"])
        if known is not None:
            return copy.deepcopy(known)  # a copy the caller may change
        return super().function_after_schema(schema)

    def function_before_schema(
        self, schema: core_schema.BeforeValidatorFunctionSchema
    ) -> JsonSchemaValue:
        known = _TYPE_SCHEMAS.get(schema["function"]["function"])
        if known is not None:
            return copy.deepcopy(known)
        return super().function_before_schema(schema)

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False  # the English titles pydantic derives from field names add nothing

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        json_schema = super().model_schema(schema)
        cls: type[BaseModel] = schema["cls"]
        json_schema["title"] = MODEL_TITLES[cls]
        json_schema.pop("description", None)  # the English docstring
        properties: dict[str, JsonSchemaValue] = json_schema.get("properties", {})
        if cls is EuFundingRoutine:
            properties["threshold"] = {"allOf": [properties["threshold"], _SEK_ONLY]}
        for key, value in properties.items():
            value["description"] = field_description(cls, key)
        if issubclass(cls, Money):
            json_schema.update(_NO_EXCHANGE_RATE_ON_SEK)
        if cls is Application:
            json_schema.update(_NO_DECISION_DATE_WHILE_PENDING)
        return json_schema


def record_schema(kind: RecordKind) -> dict[str, Any]:
    """The JSON Schema of one record kind."""
    generated = kind.model.model_json_schema(
        by_alias=True, mode="validation", schema_generator=_RecordSchemaGenerator
    )
    head: dict[str, Any] = {
        "$schema": DIALECT,
        "$id": ID_PREFIX + schema_name(kind),
        "title": generated.pop("title"),
        "description": f"En post i {_FILE_HINTS[kind.name]} (schema_version 1), "
        "genererad från intlpolicy. Regler mellan fält och poster kontrollerar "
        "intlpolicy validate.",
    }
    # The record's own fields first, the shared definitions last.
    order = ("type", "required", "properties", "additionalProperties", "$defs")
    document = head | {key: generated.pop(key) for key in order if key in generated}
    return document | generated


def record_schemas() -> dict[str, dict[str, Any]]:
    """Every record kind's schema, by `schema_name`."""
    return {schema_name(kind): record_schema(kind) for kind in KINDS}


def render_schema(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_schemas(directory: Path) -> list[Path]:
    """Write `<kind>.schema.json` for every kind into `directory` (created if missing).

    Each file is replaced atomically: the schemas are generated, never edited by hand.
    """
    written: list[Path] = []
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for kind in KINDS:
            path = directory / schema_file_name(kind)
            write_atomically(path, render_schema(record_schema(kind)), overwrite=True)
            written.append(path)
    except (OSError, WriteRefused) as error:
        reason = os_cause(error) if isinstance(error, OSError) else error
        raise SchemaError("schema-not-written", directory=directory, reason=reason) from None
    return written
