"""The one table of finding codes: each code's severity and Swedish message template.

Every finding has a stable kebab-case code. The code decides the severity and the Swedish
message template, so messages are data kept in one place (`CODES`), not scattered strings;
`findings.py` fills them (`message_for`) and holds the `Finding` itself.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from intlpolicy.labels import NOTICE_RECORDED, RECORD_KIND_ONE, ROUTE_NAMES


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


E: Final = Severity.ERROR
W: Final = Severity.WARNING

# code -> (severity, message template). Templates are filled with str.format(**params).
CODES: Final[dict[str, tuple[Severity, str]]] = {
    # files and YAML
    "file-too-large": (E, "filen är {size} byte, större än gränsen {limit} byte"),
    "not-utf8": (E, "filen är inte UTF-8: ogiltig byte 0x{byte:02x}; spara filen som UTF-8"),
    "empty-file": (E, "filen är tom; en post ska vara en mappning med fält"),
    "not-a-mapping": (E, "filen ska innehålla en mappning (fält: värde), inte {found}"),
    "yaml-syntax": (E, "YAML-fel: {problem}"),
    "multiple-documents": (E, "filen innehåller flera YAML-dokument (---); en fil ska ha en post"),
    "duplicate-key": (E, "fältet '{key}' förekommer två gånger (första gången på rad {first})"),
    "unsupported-tag": (E, "taggen '{tag}' är inte tillåten; skriv värdet utan tagg"),
    "alias-expansion": (
        E,
        "ankare och alias expanderar till över {limit} noder; skriv ut värdena direkt",
    ),
    "recursive-alias": (E, "ett alias pekar på sig självt"),
    "too-deep": (E, "strukturen är nästlad djupare än {limit} nivåer"),
    "invalid-key": (E, "fältnamnet {key} ska vara text"),
    "read-error": (E, "filen kunde inte läsas: {reason}"),
    "not-a-regular-file": (
        E,
        "filen är ingen vanlig fil utan t.ex. en enhet, en namngiven pipe eller en mapp; "
        "den läses inte",
    ),
    "symlink-outside-root": (
        E,
        "en symbolisk länk som pekar ut ur datamappen följs inte; lägg posten i datamappen",
    ),
    "number-too-long": (
        E,
        "talet '{value}' är för långt eller för stort; ett tal får vara högst {digits} tecken "
        "med exponent högst ±{exponent}",
    ),
    # layout
    "unknown-folder": (
        E,
        "okänd mapp '{name}' i datamappen; kända mappar: {known}",
    ),
    "unreadable-folder": (
        E,
        "mappen kunde inte läsas ({reason}); posterna i den är inte kontrollerade",
    ),
    "no-records": (
        E,
        "datamappen innehåller inga poster (inga .yaml-filer i projects/, organisations/ …); "
        "är --data rätt?",
    ),
    "stale-temporary-file": (
        W,
        "en temporär fil från ett avbrutet kommando har legat kvar över en timme; "
        "den läses inte som post och kan tas bort",
    ),
    "misplaced-file": (E, "filen ligger fel; poster hör hemma i {expected}"),
    "wrong-extension": (E, "filen ska heta '{expected}' (filändelsen .yaml)"),
    "id-mismatch": (E, "id '{value}' stämmer inte med filnamnet; filen ska heta '{expected}'"),
    "report-year-mismatch": (
        E,
        "redovisningsåret {value} (fältet year) stämmer inte med mappen '{folder}'",
    ),
    "report-organisation-mismatch": (
        E,
        "organisationen '{value}' (fältet organisation) stämmer inte med filnamnet; "
        "filen ska heta '{expected}'",
    ),
    "compiled-report-year-mismatch": (
        E,
        "redovisningsåret {value} (fältet year) stämmer inte med filnamnet; "
        "filen ska heta '{expected}'",
    ),
    "no-work-with-activities": (
        E,
        "redovisningen säger att nämnden inte hade något internationellt arbete "
        "(no_international_work: true) men har {count} aktiviteter; "
        "ta bort aktiviteterna eller ändra till false",
    ),
    "report-in-future": (
        E,
        "redovisningen gäller {year}, ett år som inte har börjat; kontrollera year och mappen",
    ),
    "wrong-kind-folder": (
        E,
        "filen ser ut som {record_kind_one}, inte som {folder_kind_one}: "
        "flytta den till {expected}",
    ),
    # schema
    "missing-field": (E, "obligatoriskt fält '{field}' saknas"),
    "unknown-key": (E, "okänt fält '{key}'{hint}"),
    "wrong-type": (E, "ska vara {expected}, inte {found}"),
    "invalid-value": (E, "'{value}' är inte tillåtet; tillåtna värden: {allowed}"),
    "invalid-id": (
        E,
        "'{value}' är inget giltigt id; använd små bokstäver a-z, siffror och bindestreck "
        "(t.ex. '{suggestion}')",
    ),
    "invalid-date": (E, "'{value}' är inget giltigt datum; skriv ÅÅÅÅ-MM-DD"),
    "invalid-amount": (
        E,
        "'{value}' är inget giltigt belopp; skriv ett decimaltal, t.ex. 950000.50",
    ),
    "amount-too-precise": (
        E,
        "beloppet {value} har {places} decimaler; högst {limit} decimaler är tillåtna",
    ),
    "amount-too-large": (
        E,
        "beloppet {value} är för stort; högst {limit} siffror före decimaltecknet är tillåtna",
    ),
    "negative-amount": (E, "beloppet {value} är negativt"),
    "invalid-rate": (E, "växelkursen {value} måste vara större än noll"),
    "invalid-currency": (
        E,
        "'{value}' är ingen valutakod; skriv tre versaler, t.ex. SEK eller EUR",
    ),
    "invalid-country": (
        E,
        "'{value}' är ingen landskod enligt ISO 3166-1 alpha-2 (två versaler, t.ex. DK, DE)",
    ),
    "invalid-email": (E, "'{value}' ser inte ut som en e-postadress"),
    "invalid-year": (E, "årtalet {value} är orimligt; skriv ett årtal mellan {low} och {high}"),
    "invalid-text": (E, "texten får inte vara tom"),
    "invalid-url": (E, "'{value}' är ingen webbadress; den ska börja med https:// (eller http://)"),
    "invalid-field": (E, "ogiltigt värde: {detail}"),
    "unsupported-schema-version": (E, "fältet schema_version {value} stöds inte (bara {readable})"),
    "schema-too-new": (E, "fältet schema_version {value} kräver en nyare intlpolicy än {tool}"),
    "schema-outdated": (W, "fältet schema_version {old} är äldre; posten läses som version {new}"),
    "missing-exchange-rate": (
        E,
        "beloppet är i {currency} men saknar växelkurs; lägg till kursen i SEK per "
        "{currency}, dess datum och källa (fältet exchange_rate)",
    ),
    "exchange-rate-on-sek": (
        E,
        "ett belopp i SEK ska inte ha någon växelkurs; ta bort fältet exchange_rate",
    ),
    "threshold-not-sek": (E, "tröskelvärdet ska anges i SEK, inte {currency}"),
    "issuer-not-one-line": (E, "avsändaren (fältet issuer) ska stå på en rad"),
    "end-before-start": (E, "slutdatum {end} ligger före startdatum {start}"),
    "decided-before-submitted": (
        E,
        "beslutsdatum {decided} ligger före ansökningsdatum {submitted}",
    ),
    "decided-while-pending": (
        E,
        "ansökan är inte beslutad (decision: pending) men har ett beslutsdatum (fältet "
        "decided); ange beslutet eller ta bort datumet",
    ),
    "contacts-overlap": (
        E,
        "kontaktpersonernas perioder överlappar ({first} och {second}); "
        "avsluta den tidigare med ett slutdatum (fältet to)",
    ),
    "eu-contribution-exceeds-budget": (
        E,
        "EU-bidraget {contribution} är större än totalbudgeten {total}",
    ),
    # cross-record
    "duplicate-id": (E, "id '{value}' används redan av {other}"),
    "unknown-reference": (E, "{kind} '{value}' finns inte{hint}"),
    "parent-loop": (
        E,
        "moderbolagen (fältet parent) går runt i en slinga: {loop}; en organisation kan "
        "inte vara sitt eget moderbolag, inte heller via andra",
    ),
    "policy-same-day": (
        E,
        "policyversionerna {versions} gäller från samma dag, {day}; det går inte att "
        "avgöra vilken som gäller, ändra fältet in_force_from",
    ),
    "placeholder-left": (
        E,
        "platshållaren {placeholder} ({meaning}) står kvar; skriv det riktiga värdet",
    ),
    "example-reference": (W, "{kind} '{value}' är exempeldata; byt mot en verklig post"),
    # policy duties (warnings)
    "contact-missing": (
        W,
        "{name} har ingen aktuell kontaktperson till EU-nätverket; "
        "lägg till en kontaktperson utan slutdatum (fältet eu_network_contacts, to: null)",
    ),
    "report-missing": (
        W,
        "{name} saknar inlämnad redovisning av internationellt arbete för {year}; {hint}",
    ),
    "draft-report": (
        W,
        "redovisningen för {year} är ett utkast och räknas inte som inlämnad: {missing}",
    ),
    "company-contact-too-early": (
        W,
        "{name} har en kontaktperson till EU-nätverket från {from}, men stadens helägda bolag "
        "får delta i EU-nätverket först enligt den policyversion som gäller från "
        "{allowed_from} ({policy}); kontrollera startdatumet (fältet from)",
    ),
    "company-contact-not-allowed": (
        W,
        "{name} har en kontaktperson till EU-nätverket från {from}, men den policyversion som "
        "gäller då låter inte stadens bolag delta i EU-nätverket "
        "(fältet companies_in_eu_network i policyn)",
    ),
    "notice-missing": (
        W,
        "ansökan lämnades {submitted} men {route_name} är inte {route_recorded} "
        "(fältet notices.{route})",
    ),
    # The three below rest on the city's practice (data/practice/), not the policy's words.
    "notice-late": (
        W,
        "{route_name} lämnades {notice_date}, efter att ansökan lämnades {submitted} "
        "(stadens tillämpning, inte policyns ord: informationen lämnas senast samma dag "
        "som ansökan)",
    ),
    "rate-stale": (
        W,
        "växelkursen är från {rate_date}, {days} dagar från det avgörande datumet {deciding}; "
        "uppdatera kursen (stadens tillämpning, inte policyns ord: högst {limit} dagar)",
    ),
    "rate-source-other": (
        W,
        "växelkursen kommer från {source}, inte från {expected} (stadens tillämpning, "
        "inte policyns ord: kursen hämtas från {expected})",
    ),
}

# A finding's params carry codes, never display words: a param named here is also given to
# its template in words from labels, as `<name>_<suffix>` (`route: ks_information` ->
# `route_name`, and `route_recorded` for the participle that agrees with it).
CODE_WORDS: Final[dict[str, dict[str, dict[str, str]]]] = {
    "route": {"name": ROUTE_NAMES, "recorded": NOTICE_RECORDED},
    "record_kind": {"one": RECORD_KIND_ONE},
    "folder_kind": {"one": RECORD_KIND_ONE},
}
