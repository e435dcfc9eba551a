"""The example records of `init --from blank`: one of each kind, marked `example: true`.

They show the form of each record and validate clean together: the example committee has a
contact and its report of the year before the repository was made, handed in that day. Replace
them with the city's own records; `validate` warns when a real record refers to an example.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from intlpolicy.models.migrations import CURRENT_SCHEMA_VERSION

POLICY: Final = """\
schema_version: VERSION
example: true  # exempeldata – ersätt med kommunens egen antagna policy
id: exempelpolicy
title: Policy för kommunens internationella arbete (exempel)
diary_number: KS-0000-0000  # diarienumret på beslutet om policyn
adopted_by: kommunfullmaktige
adopted: 2024-01-01
in_force_from: 2024-01-01
# Inriktningarna för det internationella arbetet
focus_areas: [verksamhetsutveckling, strategisk-paverkan, profilering]
# Rutin för ansökningar om EU-medel där nämnden är projektägare (utelämnas om policyn
# saknar en sådan rutin): totalbudget på tröskelvärdet eller mer -> informationsärende
# till kommunstyrelsen, under tröskelvärdet -> information via EU-nätverket.
eu_funding_routine:
  threshold: {amount: 12000000, currency: SEK}
companies_in_eu_network: true  # kommunens helägda bolag får delta i EU-nätverket
"""

ORGANISATION: Final = """\
schema_version: VERSION
example: true  # exempeldata – ersätt med en verklig nämnd
id: exempelnamnden
name: Exempelnämnden
kind: committee  # committee (nämnd) | company (bolag) | other
administration: Exempelförvaltningen
parent: null  # bolag: moderbolaget
active: {from: null, to: null}  # from: null = fanns redan när registret började
# Kontaktpersoner till EU-nätverket; den nuvarande har to: null
eu_network_contacts:
  - {name: Förnamn Efternamn, email: fornamn.efternamn@example.org, from: 2024-01-01, to: null}
"""

PROJECT: Final = """\
schema_version: VERSION
example: true  # exempeldata – inte ett verkligt projekt
id: exempelprojekt
title: Exempelprojekt om hållbara städer
organisation: exempelnamnden  # kommunens organ som deltar
role: owner  # owner (projektägare) | partner
funding:
  eu: true  # medel från ett EU-program eller en EU-fond
  programme: Interreg Öresund-Kattegat-Skagerrak
# Totalbudget för hela projektet, alla partner
total_budget: {amount: 5000000, currency: SEK}
application:
  submitted: 2024-03-15  # null medan ansökan förbereds
  decision: pending  # pending | granted | rejected | withdrawn
  decided: null
period: {start: 2024-09-01, end: 2026-08-31}
focus_areas: [verksamhetsutveckling]
partners: []
notices:  # vad nämnden gjort enligt rutinen
  eu_network: {date: 2024-03-01}
"""

REPORT: Final = """\
schema_version: VERSION
example: true  # exempeldata – inte en verklig redovisning
organisation: exempelnamnden
year: YEAR
submitted: SUBMITTED  # dagen då nämnden lämnade redovisningen; null = utkast
summary: |
  Nämndens egen sammanfattning av årets internationella arbete.
activities:
  - title: Deltagande i exempelnätverket
    focus_area: strategisk-paverkan
    kind: network  # network | project | exchange | study_visit | advocacy | twin_city | other
    networks: [exempelnatverket]
    twin_cities: [exempelstaden]
    projects: [exempelprojekt]
    countries: []
"""

NETWORK: Final = """\
schema_version: VERSION
example: true  # exempeldata – inte ett verkligt nätverk
id: exempelnatverket
name: Exempelnätverket
url: https://example.org
member_since: 2000
# role: member | board | observer | partner
participants:
  - {organisation: exempelnamnden, role: member, from: 2000-01-01, to: null}
"""

TWIN_CITY: Final = """\
schema_version: VERSION
example: true  # exempeldata – ingen verklig vänort
id: exempelstaden
city: Exempelstaden
country: FI  # ISO 3166-1 alfa-2
since: 2000
agreement: twin_city  # twin_city (vänort) | special_cooperation
"""


def example_records(today: date) -> dict[str, str]:
    """The example files by their path in the data root; the report is of last year, handed
    in `today`."""
    report_year = today.year - 1
    report = REPORT.replace("YEAR", str(report_year)).replace("SUBMITTED", today.isoformat())
    records = {
        "policy/exempelpolicy.yaml": POLICY,
        "organisations/exempelnamnden.yaml": ORGANISATION,
        "projects/exempelprojekt.yaml": PROJECT,
        f"reports/{report_year}/exempelnamnden.yaml": report,
        "networks/exempelnatverket.yaml": NETWORK,
        "twin-cities/exempelstaden.yaml": TWIN_CITY,
    }
    version = f"schema_version: {CURRENT_SCHEMA_VERSION}\n"
    return {
        rel: text.replace("schema_version: VERSION\n", version, 1) for rel, text in records.items()
    }
