"""Swedish texts about the record formats: a description of every field and a title of every
model, for the JSON Schemas (`intlpolicy schema`) and the comments `intlpolicy new` writes.

The models stay English and say what a value is; these say it to a handläggare.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, get_args

from pydantic import BaseModel

from intlpolicy import vocabulary
from intlpolicy.labels import (
    ACTIVITY_KINDS,
    AGREEMENTS,
    FOCUS_AREA_NAMES,
    ORGANISATION_KINDS,
    PARTICIPANT_ROLES,
    PROJECT_ROLES,
)
from intlpolicy.models.common import ExchangeRate, Money, OpenPeriod, Strict
from intlpolicy.models.compiled_report import CompiledReport
from intlpolicy.models.network import Network, Participant
from intlpolicy.models.organisation import Contact, Organisation
from intlpolicy.models.policy import EuFundingRoutine, Policy
from intlpolicy.models.practice import PracticeRule
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

_DECISIONS: Final = {
    "pending": "ej beslutad",
    "granted": "beviljad",
    "rejected": "avslag",
    "withdrawn": "återtagen",
}


def _one_of(literal: object, words: Mapping[str, str]) -> str:
    """A vocabulary's values, each with its Swedish word: `owner (projektägare) eller partner`.
    Written from the vocabulary, so a new value is described the day it is added."""
    values = [str(value) for value in get_args(literal)]
    shown = [value if words[value] == value else f"{value} ({words[value]})" for value in values]
    return ", ".join(shown[:-1]) + " eller " + shown[-1]


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
        "in_force_from_basis": "adopted = datumet i beslutet; planned = planerat datum enligt "
        "beslutsplaneringen, tills det antagna datumet registreras",
        "sentences": "Policyns egna meningar som verktygets regler vilar på, citerade, "
        "per nyckel (t.ex. ks-information)",
        "focus_areas": "Policyns inriktningar",
        "eu_funding_routine": "Rutinen för EU-finansiering; utelämnas i en version utan rutinen",
        "companies_in_eu_network": "true = helägda bolag får delta i EU-nätverket",
        "compiled_report_to_kf": "true = kommunfullmäktige tar del av den samlade "
        "redovisningen varje år (nytt i 2024 års policy)",
        "register_from": "Första året registret har nämndernas redovisningar för; "
        "före det bedöms inga skyldigheter",
        "issuer": "Avsändaren på de dokument intlpolicy skapar (den samlade redovisningen, "
        "informationsärendet), på en rad, t.ex. Malmö stad, Stadskontoret, avdelningen för "
        "omvärld och näringsliv",
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
        "kind": _one_of(vocabulary.OrganisationKind, ORGANISATION_KINDS),
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
        "role": _one_of(vocabulary.Role, PROJECT_ROLES),
        "funding": "Finansieringen",
        "total_budget": "Totalbudget för hela projektet, alla partner",
        "eu_contribution": "EU-bidraget",
        "application": "Ansökan om finansiering",
        "period": "Projektperioden",
        "focus_areas": "Inriktningar (en eller flera): "
        + _one_of(vocabulary.FocusArea, FOCUS_AREA_NAMES),
        "partners": "Partnerorganisationer",
        "notices": "Vad nämnden har gjort enligt rutinen för EU-finansiering",
        "own_budget": "Stadens egen andel (medfinansiering)",
        "payments": "Utbetalda medel per kalenderår, till den årliga redovisningen",
    },
    Funding: {
        "eu": "true = medel från ett EU-program eller en EU-fond",
        "programme": "EU-programmet, t.ex. Erasmus+",
        "fund": "Fonden, t.ex. ERDF",
    },
    Application: {
        "submitted": "Dagen ansökan lämnades; null medan den förbereds",
        "decision": _one_of(vocabulary.Decision, _DECISIONS),
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
        "diary_number": "Kommunstyrelsens diarienummer, som diariet skriver det",
    },
    Report: {
        "organisation": "Nämnden som redovisar (id); samma som filnamnet",
        "year": "Redovisningsåret; samma som mappen",
        "submitted": "Dagen redovisningen lämnades till kommunstyrelsen",
        "summary": "Nämndens egen sammanfattning av året",
        "activities": "Aktiviteter under året",
        "no_international_work": "true = nämnden hade inget internationellt arbete under året",
    },
    Activity: {
        "title": "Aktivitetens titel",
        "focus_area": "Inriktning enligt policyn",
        "kind": _one_of(vocabulary.ActivityKind, ACTIVITY_KINDS),
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
        "participants": "Stadens organ som deltar, var och en med källa",
    },
    Participant: {
        "organisation": "Organet som deltar (id)",
        "role": _one_of(vocabulary.ParticipantRole, PARTICIPANT_ROLES),
        "from": "Deltar från och med; null = okänt. Bara året känt: 1 januari",
        "to": "Deltar till och med; null = pågår",
        "source": "Var uppgiften kommer ifrån, t.ex. ett beslut eller nätverkets medlemslista; "
        "utan källa visas deltagandet inte i den publicerade listan eller redovisningen",
    },
    PracticeRule: {
        "id": "Regelns kod; samma som filnamnet och stabil (fynd och JSON nämner den)",
        "text": 'Regeln i en mening, som utdata visar efter "Stadens tillämpning, inte '
        'policyns ord:"; {namn} fylls i från parameters',
        "reason": "Skälet till regeln, en rad",
        "applies_from": "Dagen från vilken regeln tillämpas",
        "enabled": "false = regeln tillämpas inte",
        "parameters": "Regelns värden, t.ex. days: 45",
    },
    CompiledReport: {
        "year": "Redovisningsåret; samma som filnamnet",
        "ks_date": "Dagen kommunstyrelsen behandlade den samlade redovisningen",
        "ks_diary_number": "Kommunstyrelsens diarienummer",
        "kf_date": "Dagen kommunfullmäktige behandlade den samlade redovisningen",
        "kf_diary_number": "Kommunfullmäktiges diarienummer",
        "source": "Var uppgifterna kommer ifrån, t.ex. ett protokoll eller en tjänsteskrivelse",
    },
    TwinCity: {
        "id": "Vänortens id, oftast staden som slug; samma som filnamnet",
        "city": "Stadens eller regionens svenska namn",
        "country": "Land, ISO 3166-1 alpha-2",
        "since": "Året avtalet slöts",
        "agreement": _one_of(vocabulary.Agreement, AGREEMENTS),
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
    Report: "Redovisning av internationellt arbete",
    Activity: "Aktivitet",
    Network: "Internationellt nätverk",
    Participant: "Deltagande organ",
    TwinCity: "Vänort eller särskilt samarbetsavtal",
    PracticeRule: "Stadens tillämpning av policyn (inte policyns ord)",
    CompiledReport: "Samlad redovisning av nämndernas internationella arbete och dess beslutsgång",
}


def field_description(model: type[BaseModel], key: str) -> str:
    """The Swedish description of the YAML key `key` of `model`."""
    for cls in model.__mro__:
        text = FIELD_DESCRIPTIONS.get(cls, {}).get(key)
        if text is not None:
            return text
    raise KeyError(f"{model.__name__}.{key} has no description")
