"""The Swedish words for the codes of the records and the rule: one table per concept.

Records, JSON and CSV keep the codes (`ks_information`, `owner`); people read these words.
Where a table cell and a sentence need different words for the same code, both are here
under their own names, so a change of wording is made in one place. This module imports
nothing from the other layers; `findings` fills its messages' words from here.
"""

from __future__ import annotations

from typing import Final


def capitalised(text: str) -> str:
    """`strategisk påverkan` -> `Strategisk påverkan` (only the first letter changes)."""
    return text[:1].upper() + text[1:]


def name_in_sentence(name: str, kind: str) -> str:
    """An organisation's name mid-sentence: a committee (an organ) in lower case, as municipal
    Swedish writes it (`deltar kommunstyrelsen`); a company or other body as it is named."""
    return name[:1].lower() + name[1:] if kind == "committee" else name


# A record of each kind, as a message names it: "organisationen 'x' finns inte".
RECORD_KINDS: Final[dict[str, str]] = {
    "policy": "policyversionen",
    "organisation": "organisationen",
    "project": "projektet",
    "report": "redovisningen",
    "network": "nätverket",
    "twin_city": "vänorten",
    "compiled_report": "den samlade redovisningen",
    "practice": "stadens tillämpning",
}
# ... and one of a kind, as a sentence names it: "filen ser ut som ett projekt".
RECORD_KIND_ONE: Final[dict[str, str]] = {
    "policy": "en policyversion",
    "organisation": "en organisation",
    "project": "ett projekt",
    "report": "en redovisning",
    "network": "ett nätverk",
    "twin_city": "en vänort",
    "compiled_report": "en samlad redovisning",
    "practice": "en regel i stadens tillämpning",
}

# The routine's routes, as a sentence names them ...
ROUTE_NAMES: Final[dict[str, str]] = {
    "ks_information": "informationsärende till kommunstyrelsen",
    "eu_network": "information via EU-nätverket",
    "not_applicable": "rutinen gäller inte",
}
# ... and in a table cell, where "KS" keeps the column narrow.
ROUTE_TITLES: Final[dict[str, str]] = {
    **ROUTE_NAMES,
    "ks_information": "informationsärende till KS",
}
# "registrerad" agrees with the notice's noun: ett informationsärende, en information.
NOTICE_RECORDED: Final[dict[str, str]] = {
    "ks_information": "registrerat",
    "eu_network": "registrerad",
}

# Whether the notice a route requires is recorded (`list` knows the last two states too).
NOTICE_STATES: Final[dict[str, str]] = {
    "recorded": "registrerad",
    "late": "efter ansökan",
    "missing": "saknas",
    "not_yet_due": "ej inlämnad ännu",
    "not_required": "krävs inte",
    "unknown": "okänd",
}

# A project's `role`, and a network participant's `role`.
PROJECT_ROLES: Final[dict[str, str]] = {"owner": "projektägare", "partner": "partner"}
PARTICIPANT_ROLES: Final[dict[str, str]] = {
    "member": "medlem",
    "board": "styrelseledamot",
    "observer": "observatör",
    "partner": "partner",
}

ORGANISATION_KINDS: Final[dict[str, str]] = {
    "committee": "nämnd",
    "company": "bolag",
    "other": "annat organ",
}

# The policy's focus areas, in running text; a heading capitalises them.
FOCUS_AREA_NAMES: Final[dict[str, str]] = {
    "verksamhetsutveckling": "verksamhetsutveckling",
    "strategisk-paverkan": "strategisk påverkan",
    "profilering": "profilering",
}
FOCUS_AREA_TITLES: Final[dict[str, str]] = {
    key: capitalised(name) for key, name in FOCUS_AREA_NAMES.items()
}

AGREEMENTS: Final[dict[str, str]] = {
    "twin_city": "vänort",
    "special_cooperation": "särskilt samarbetsavtal",
}

ACTIVITY_KINDS: Final[dict[str, str]] = {
    "network": "nätverk",
    "project": "projekt",
    "exchange": "utbyte",
    "study_visit": "studiebesök",
    "advocacy": "påverkansarbete",
    "twin_city": "vänort",
    "other": "övrigt",
}

# The first line of a text output that uses an example record (`example: true`), by the
# record's kind, so illustrative records can never pass for the city's real ones.
EXAMPLE_NOTICES: Final[dict[str, str]] = {
    "project": "OBS: exempeldata – projektet är ett illustrativt exempel, inte ett verkligt.",
    "report": "OBS: exempeldata – redovisningen är ett illustrativt exempel, inte en verklig.",
}
EXAMPLE_NOTICE_ANY_RECORD: Final = (
    "OBS: exempeldata – posten är ett illustrativt exempel, inte en verklig."
)


# The placeholders the fixes' commands write (`checks/fixes.py`) for what the records cannot
# know, each with what the person writes in its place: a fixing command refuses one typed as
# a value (`cli/edit_options.py`), and the loader reports one left in a record
# (`loading/placeholders.py`). A new placeholder is added here.
PLACEHOLDER_NAME: Final = "NAMN"
PLACEHOLDER_EMAIL: Final = "E-POST"
PLACEHOLDER_DATE: Final = "DATUM"
PLACEHOLDER_DIARY_NUMBER: Final = "DIARIENUMMER"
PLACEHOLDER_RATE: Final = "KURS"
PLACEHOLDER_SOURCE: Final = "KÄLLA"
PLACEHOLDERS: Final[dict[str, str]] = {
    PLACEHOLDER_NAME: "kontaktpersonens namn",
    PLACEHOLDER_EMAIL: "kontaktpersonens e-postadress",
    PLACEHOLDER_DATE: "dagen (ÅÅÅÅ-MM-DD)",
    PLACEHOLDER_DIARY_NUMBER: "informationsärendets diarienummer, som diariet anger det",
    PLACEHOLDER_RATE: "växelkursen i SEK per enhet, t.ex. 11.4845",
    PLACEHOLDER_SOURCE: "var kursen kommer ifrån, t.ex. InforEuro",
}
