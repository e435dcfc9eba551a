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

from intlpolicy.editing.atomic import write_atomically
from intlpolicy.models import KINDS, RecordKind
from intlpolicy.models import common as types
from intlpolicy.models.common import SEK, ExchangeRate, Money, OpenPeriod, Strict
from intlpolicy.models.countries import ISO_3166_ALPHA_2
from intlpolicy.models.network import Network, Participant
from intlpolicy.models.network import _url as url_validator
from intlpolicy.models.organisation import Contact, Organisation
from intlpolicy.models.policy import EuFundingRoutine, Policy
from intlpolicy.models.project import (
    Application,
    EuNetworkNotice,
    Funding,
    KsNotice,
    Notices,
    Partner,
    Payment,
    Project,
    ProjectPeriod,
)
from intlpolicy.models.report import Activity, Report
from intlpolicy.models.twin_city import TwinCity

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
    types._id: {"type": "string", "pattern": SLUG_PATTERN},
    types._text: {"type": "string", "minLength": 1, "pattern": r"\S"},
    types._date: {"type": "string", "format": "date", "pattern": DATE_PATTERN},
    types._amount: {
        "anyOf": [
            {"type": "number", "minimum": 0},
            {"type": "string", "pattern": AMOUNT_PATTERN},
        ]
    },
    types._rate: {
        "anyOf": [
            {"type": "number", "exclusiveMinimum": 0},
            {"type": "string", "pattern": RATE_PATTERN},
        ]
    },
    types._currency: {"type": "string", "pattern": CURRENCY_PATTERN},
    types._country: {"type": "string", "enum": sorted(ISO_3166_ALPHA_2)},
    types._email: {"type": "string", "format": "email", "pattern": EMAIL_PATTERN},
    types._year: {
        "type": "integer",
        "minimum": types.YEAR_RANGE[0],
        "maximum": types.YEAR_RANGE[1],
    },
    url_validator: {"type": "string", "format": "uri", "pattern": URL_PATTERN},
}

# Swedish descriptions, per model and YAML key. A key is looked up along the model's base
# classes, so `Strict` holds what every record kind shares and a subclass may say it better.
FIELD_DESCRIPTIONS: Final[dict[type[BaseModel], dict[str, str]]] = {
    Strict: {
        "schema_version": "Postformatets version; alltid 1",
        "example": "true = exempeldata, ett illustrativt exempel och inte en verklig post",
    },
    Policy: {
        "id": "Versionens id, t.ex. policy-2024; samma som filnamnet",
        "title": "Policyns titel",
        "diary_number": "Diarienummer, t.ex. STK-2015-1008",
        "adopted_by": "Beslutande organ som id, t.ex. kommunfullmaktige",
        "adopted": "Beslutsdatum (ÅÅÅÅ-MM-DD)",
        "in_force_from": "Första dagen versionen gäller (ÅÅÅÅ-MM-DD)",
        "focus_areas": "Policyns inriktningar",
        "eu_funding_routine": "Rutinen för EU-finansiering; utelämnas i en version utan rutinen",
        "companies_in_eu_network": "true = helägda bolag får delta i EU-nätverket",
    },
    EuFundingRoutine: {
        "threshold": "Tröskelvärde för projektets totalbudget, i SEK",
    },
    Money: {
        "amount": "Exakt belopp, aldrig negativt, t.ex. 950000 eller 950000.50",
        "currency": "Valutakod, tre versaler (ISO 4217), t.ex. SEK eller EUR",
        "exchange_rate": "Växelkurs; krävs för annan valuta än SEK, utelämnas för SEK",
    },
    ExchangeRate: {
        "rate": "Kurs i SEK per en enhet av valutan, större än noll",
        "date": "Dagen kursen gäller (ÅÅÅÅ-MM-DD)",
        "source": "Kursens källa, t.ex. InforEuro eller Riksbanken",
    },
    Payment: {
        "amount": "Belopp som betalades ut under året",
        "year": "Kalenderåret då pengarna betalades ut",
    },
    OpenPeriod: {
        "from": "Från och med (ÅÅÅÅ-MM-DD); null = okänt eller före registret",
        "to": "Till och med (ÅÅÅÅ-MM-DD); null = pågår",
    },
    Organisation: {
        "id": "Organisationens id, namnet som slug; samma som filnamnet",
        "name": "Officiellt svenskt namn",
        "kind": "committee (nämnd), company (helägt bolag) eller other (annat organ)",
        "administration": "Förvaltningen",
        "parent": "Moderbolaget som id, t.ex. malmo-stadshus-ab",
        "active": "Perioden då organet är verksamt",
        "eu_network_contacts": "Kontaktpersoner till EU-nätverket, även tidigare",
    },
    Contact: {
        "name": "Kontaktpersonens namn",
        "email": "Kontaktpersonens e-postadress",
        "from": "Utsedd från och med (ÅÅÅÅ-MM-DD)",
        "to": "Utsedd till och med; null = nuvarande kontaktperson",
    },
    Project: {
        "id": "Projektets id; samma som filnamnet",
        "title": "Projektets titel",
        "organisation": "Stadens organ som deltar (id)",
        "role": "owner (projektägare) eller partner",
        "funding": "Finansieringen",
        "total_budget": "Totalbudget för hela projektet, alla partner",
        "eu_contribution": "EU-bidraget",
        "application": "Ansökan om finansiering",
        "period": "Projektperioden",
        "focus_areas": "Inriktningar: verksamhetsutveckling, strategisk-paverkan, profilering",
        "partners": "Partnerorganisationer",
        "notices": "Vad nämnden har gjort enligt rutinen för EU-finansiering",
        "own_budget": "Stadens egen andel (medfinansiering)",
        "payments": "Utbetalda medel per kalenderår, till årsredovisningen",
    },
    Funding: {
        "eu": "true = medel från ett EU-program eller en EU-fond",
        "programme": "EU-programmet, t.ex. Erasmus+",
        "fund": "Fonden, t.ex. ERDF",
    },
    Application: {
        "submitted": "Dagen ansökan lämnades; null medan den förbereds",
        "decision": "pending (ej beslutad), granted (beviljad), rejected (avslag), "
        "withdrawn (återtagen)",
        "decided": "Dagen för finansiärens beslut",
    },
    ProjectPeriod: {
        "start": "Projektets första dag (ÅÅÅÅ-MM-DD)",
        "end": "Projektets sista dag (ÅÅÅÅ-MM-DD)",
    },
    Partner: {
        "name": "Partnerns namn",
        "country": "Land, ISO 3166-1 alpha-2, t.ex. DK",
    },
    Notices: {
        "eu_network": "Information via EU-nätverket (totalbudget under tröskelvärdet)",
        "ks_information": "Informationsärende till kommunstyrelsen (tröskelvärdet eller mer)",
    },
    EuNetworkNotice: {
        "date": "Dagen EU-nätverket informerades",
    },
    KsNotice: {
        "date": "Dagen för informationsärendet till kommunstyrelsen",
        "diary_number": "Kommunstyrelsens diarienummer, t.ex. KS-2024-00123",
    },
    Report: {
        "organisation": "Nämnden som redovisar (id); samma som filnamnet",
        "year": "Redovisningsåret; samma som mappen",
        "submitted": "Dagen redovisningen lämnades till kommunstyrelsen",
        "summary": "Nämndens egen sammanfattning av året",
        "activities": "Aktiviteter under året",
    },
    Activity: {
        "title": "Aktivitetens titel",
        "focus_area": "Inriktning enligt policyn",
        "kind": "network, project, exchange (utbyte), study_visit (studiebesök), "
        "advocacy (påverkansarbete), twin_city eller other",
        "networks": "Nätverk som berörs (id)",
        "twin_cities": "Vänorter som berörs (id)",
        "projects": "Projekt som berörs (id)",
        "countries": "Länder som berörs (ISO 3166-1 alpha-2)",
        "description": "Beskrivning",
    },
    Network: {
        "id": "Nätverkets id; samma som filnamnet",
        "name": "Nätverkets namn",
        "url": "Nätverkets webbplats (https://…)",
        "member_since": "Året staden blev medlem; null om okänt",
        "participants": "Stadens organ som deltar",
    },
    Participant: {
        "organisation": "Organet som deltar (id)",
        "role": "member (medlem), board (styrelse), observer eller partner",
        "from": "Deltar från och med; null = okänt. Bara året känt: 1 januari",
        "to": "Deltar till och med; null = pågår",
    },
    TwinCity: {
        "id": "Vänortens id, oftast staden som slug; samma som filnamnet",
        "city": "Stadens eller regionens svenska namn",
        "country": "Land, ISO 3166-1 alpha-2",
        "since": "Året avtalet slöts",
        "agreement": "twin_city (vänort) eller special_cooperation (särskilt samarbetsavtal)",
    },
}

MODEL_TITLES: Final[dict[type[BaseModel], str]] = {
    Policy: "Policyversion",
    EuFundingRoutine: "Rutin för EU-finansiering",
    Money: "Belopp",
    ExchangeRate: "Växelkurs",
    Payment: "Utbetalning",
    OpenPeriod: "Period",
    Organisation: "Organisation (nämnd, bolag eller annat organ)",
    Contact: "Kontaktperson till EU-nätverket",
    Project: "Projekt eller ansökan om EU-medel",
    Funding: "Finansiering",
    Application: "Ansökan",
    ProjectPeriod: "Projektperiod",
    Partner: "Partner",
    Notices: "Anmälningar enligt rutinen för EU-finansiering",
    EuNetworkNotice: "Information via EU-nätverket",
    KsNotice: "Informationsärende till kommunstyrelsen",
    Report: "Årsredovisning av internationellt arbete",
    Activity: "Aktivitet",
    Network: "Internationellt nätverk",
    Participant: "Deltagande organ",
    TwinCity: "Vänort eller särskilt samarbetsavtal",
}

_FILE_HINTS: Final = {
    "policy": "policy/<id>.yaml",
    "organisation": "organisations/<id>.yaml",
    "project": "projects/<id>.yaml",
    "report": "reports/<år>/<organisation>.yaml",
    "network": "networks/<id>.yaml",
    "twin_city": "twin-cities/<id>.yaml",
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


def field_description(model: type[BaseModel], key: str) -> str:
    """The Swedish description of the YAML key `key` of `model`."""
    for cls in model.__mro__:
        text = FIELD_DESCRIPTIONS.get(cls, {}).get(key)
        if text is not None:
            return text
    raise KeyError(f"{model.__name__}.{key} has no description")


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
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for kind in KINDS:
        path = directory / schema_file_name(kind)
        write_atomically(path, render_schema(record_schema(kind)), overwrite=True)
        written.append(path)
    return written
