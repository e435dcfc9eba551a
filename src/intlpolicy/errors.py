"""The one family of refusals: a command cannot do what was asked, and nothing was changed.

Library code raises a subclass of `Refused` with a stable kebab-case code; the Swedish message
comes from `MESSAGES`, the one table of refusal texts, filled with the raise site's parameters.
The command line catches the base once (`intlpolicy.cli.main`), prints the findings that
explain the refusal and the message, and exits with the refusal's exit code; `--format json`
commands print the same code in a JSON object instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar, Final

from intlpolicy.exitcodes import ExitCode
from intlpolicy.findings import Finding, did_you_mean

# code -> Swedish message template (str.format with the raise site's parameters).
MESSAGES: Final[dict[str, str]] = {
    "unknown-id": "{what} '{value}' finns inte{hint}",
    # route-project: its options, the rule, the draft
    "facts-with-project": "{options} går inte att kombinera med ett projekt; "
    "ange antingen PROJEKT eller fakta som flaggor",
    "project-or-facts-missing": "ange ett projekt (id eller fil), "
    "eller --budget och --organisation",
    "rate-details-without-rate": "--rate-date och --rate-source hör till --rate; ange kursen också",
    "draft-options-without-draft": "{options} hör till utkastet; ange också --draft FIL",
    "output-suffix": "{option}: filändelsen {suffix} anger inget format; använd {known}",
    "no-draft-eu-network": "inget informationsärende behövs: totalbudgeten är under "
    "tröskelvärdet, så informationen lämnas via EU-nätverket",
    "no-draft-not-applicable": "inget informationsärende behövs: rutinen gäller inte för "
    "projektet, eftersom {why}",
    # (the option values are shared with `new project`)
    "option-not-an-amount": "{option} '{value}' är inget belopp; skriv bara talet, utan valuta, "
    "t.ex. 12000000, '12 000 000' eller 11999999,99",
    "option-not-a-rate": "{option} '{value}' är ingen växelkurs; skriv kursen i SEK per enhet, "
    "t.ex. 11.4845 eller 11,4845",
    "option-not-a-date": "{option} '{value}' är inget giltigt datum; skriv ÅÅÅÅ-MM-DD",
    "option-not-a-currency": "{detail}",
    "option-rate-on-sek": "ogiltig budget: {detail}; ta bort {options}",
    "option-rate-missing": "budgeten är i {currency} men --rate saknas; ange växelkursen i SEK "
    "per {currency} (t.ex. --rate 11.4845 --rate-date 2024-09-01 --rate-source InforEuro). "
    "Kursen gissas aldrig.",
    "option-currency-missing": "{options} är angiven men inte --currency, så budgeten skulle "
    "läsas i SEK; ange budgetens valuta, t.ex. --currency EUR",
    "option-rate-date-missing": "--rate-date saknas; ange kursens datum (ÅÅÅÅ-MM-DD)",
    "option-invalid-budget": "ogiltig budget: {detail}",
    "missing-exchange-rate": "totalbudgeten är i {currency} men saknar växelkurs; "
    "ange kursen (SEK per enhet), den gissas aldrig",
    "policy-same-day": (
        "policyversionerna {versions} gäller från samma dag, {day}; det går inte att avgöra "
        "vilken som gäller (rätta fältet in_force_from, se intlpolicy validate)"
    ),
    # (reading the command's own records; also the draft and other files written)
    "record-has-errors": "{file} innehåller fel",
    "record-unreadable": "{file} kunde inte läsas",
    "no-policy-versions": "det finns inga policyversioner i {folder}; utan policy kan rutinen "
    "inte tillämpas (är --data rätt?)",
    "project-file-missing": "filen '{file}' finns inte",
    "project-file-is-folder": "'{file}' är en mapp, ingen fil; ange projektets fil eller id",
    "project-file-not-at-revision": "filen '{file}' finns inte i datamappen vid den revisionen",
    "output-exists": "'{path}' finns redan; använd --force för att skriva över",
    "output-folder-missing": "mappen '{folder}' finns inte",
    "output-over-record": (
        "'{path}' skulle skriva över en post; välj en fil utanför datamappen "
        "som inte slutar på .yaml"
    ),
    # annual-report, publish, validate, templates
    "report-records-invalid": "redovisningen skapades inte: posterna innehåller {count} fel "
    "(rätta dem, se intlpolicy validate)",
    "report-no-policy": "det finns ingen policy i policy/; redovisningen kan inte skapas",
    "report-year-outside-policy": "år {year} kan inte redovisas: välj ett år från {first} "
    "(den första policyn) till {last}",
    "publish-records-invalid": "listan publicerades inte: posterna innehåller {count} fel "
    "(rätta dem, se intlpolicy validate)",
    "template-missing": "mallen '{name}' finns inte",
    "template-broken": "mallen {where}: {detail}",
    # migrate
    "migrate-unknown-version": "postformatets version {value} finns inte i denna intlpolicy; "
    "den kan uppgradera till version {readable}",
    "migrate-record-too-new": "{file} har postformat {value}, som kräver en nyare intlpolicy "
    "än {tool} (den läser högst {current}); uppdatera den. Ingenting ändrades.",
    "migrate-record-too-old": "{file} har postformat {value}, som denna intlpolicy inte kan "
    "uppgradera (den läser {readable}). Ingenting ändrades.",
    # init
    "init-not-empty": "'{path}' finns redan och är inte tom; ange en ny eller tom mapp",
    "init-not-a-folder": "'{path}' finns redan och är ingen mapp; ange en ny eller tom mapp",
    "init-not-written": "förrådet kunde inte skapas i '{path}': {cause}; ingenting skapades",
    # list
    "list-filter-not-applicable": "{options} gäller inte för {kind}",
    "list-output-required": "--format {format} skriver en binär fil: ange --output FIL",
    "list-extra-missing": "--format {format} kräver paketet {package}; installera det med: "
    "{install}",
    # new, history, schema, git
    "new-missing-values": (
        "saknar {options}; ange värdena som flaggor (i en terminal frågar intlpolicy efter dem)"
    ),
    "new-half-period": "ange både --start och --end (projektperioden), eller ingen av dem",
    "new-invalid-id": (
        "{option} '{value}' är inget giltigt id; använd små bokstäver a-z, siffror och "
        "bindestreck (t.ex. '{suggestion}')"
    ),
    "new-no-id": "kan inte göra ett id av {option} '{name}'; ange --id",
    "new-year-out-of-range": "--year {year} är orimligt; ange ett år mellan {low} och {high}",
    "new-not-unicode": "texten {value!r} innehåller tecken som inte är giltig UTF-8",
    "new-file-exists": "{path} finns redan; intlpolicy new skriver aldrig över en befintlig post",
    "new-invalid-record": "{path} skrevs inte: posten skulle innehålla fel",
    "new-not-written": "{path} kunde inte skrivas: {reason}",
    "history-ambiguous": "'{reference}' är flera poster ({paths}); ange sökvägen till filen",
    "history-outside-repository": "filen '{reference}' ligger utanför git-förrådet {top}",
    "history-not-a-record": (
        "'{reference}' är ingen post i datamappen (ange en .yaml-fil eller ett id)"
    ),
    "history-no-file": "filen '{reference}' finns inte, och git har ingen historik för den",
    "schema-not-written": "schemafilerna kunde inte skrivas till '{directory}': {reason}",
    "git-not-installed": "git är inte installerat (programmet git finns inte i PATH)",
    "git-not-started": "git kunde inte startas: {reason}",
    "git-command-failed": 'git kunde inte {action}: "{detail}"',
    "git-no-repository": "datamappen '{root}' ligger inte i ett git-förråd "
    '(git svarade: "{detail}")',
    "git-invalid-revision": "'{rev}' är ingen giltig git-revision",
    "git-unknown-revision": (
        "revisionen '{rev}' finns inte i git-förrådet {top} "
        "(ange en tagg, gren, commit-id eller t.ex. HEAD~1)"
    ),
    "git-root-not-at-revision": (
        "datamappen '{root}' ({prefix}/ i förrådet) {state} i revisionen {rev} (commit {commit})"
    ),
    "git-ended": "git avslutades oväntat medan filerna lästes (git cat-file)",
    # notice, contact, rate, report-submit: the commands that make the duties' fixes
    "option-invalid-value": "ogiltigt värde för {option}: {detail}",
    "fix-options-conflict": "{options} går inte att kombinera; {advice}",
    "fix-option-missing": "{option} saknas; {advice}",
    "fix-placeholder": "{option} {placeholder}: ersätt platshållaren {placeholder} med {what}",
    "fix-record-has-errors": "{file}:{line}:{column}: {problem}{more}; rätta posten först "
    "(se intlpolicy validate), ingenting ändrades",
    "fix-not-a-project": "{file} är ingen projektpost (projekten ligger i projects/); ange "
    "projektets id eller dess fil",
    "fix-date-in-future": "{option} {value} ligger efter i dag ({today}); ange dagen då det skedde",
    "contact-current-exists": "{organisation} har redan en aktuell kontaktperson, {name} "
    "(från {since}); avsluta den först med --end och --to",
    "contact-already-ended": "kontaktpersonen {name} är redan avslutad ({to})",
    "contact-end-before-start": "--to {to} ligger före startdatumet {since} för kontaktpersonen "
    "{name}",
    "contact-not-started": "uppdraget för {name} börjar först {since}, efter i dag, och kan "
    "inte avslutas innan det har börjat; stryk det ur {file} (fältet eu_network_contacts) om "
    "det inte blir av",
    "rate-no-foreign-amount": "projektet {project} har inga belopp i annan valuta än SEK; det "
    "finns ingen växelkurs att uppdatera",
    "rate-currency-ambiguous": "projektets belopp är i flera valutor ({currencies}); ange med "
    "--currency vilken valutas kurs som uppdateras",
    "rate-currency-absent": "projektet {project} har inga belopp i {currency}; valutorna är "
    "{currencies}",
    "report-submit-draft": "redovisningen {key} har inga aktiviteter och inget besked om att "
    "nämnden saknade internationellt arbete; lägg till aktiviteterna (fältet activities) "
    "eller ange --no-international-work",
    "report-submit-work-with-activities": "redovisningen {key} har {count} aktiviteter; "
    "--no-international-work säger att nämnden inte hade något internationellt arbete",
    "report-submit-before-year": "--date {day} ligger före redovisningsåret {year}; en "
    "redovisning lämnas tidigast under året den gäller",
    # the data root
    "data-root-not-found": (
        "ingen datamapp hittades: sökte {searched} ({why}) efter data/policy/ eller en mapp "
        "med policy/ och andra postmappar; ange --data MAPP eller sätt INTLPOLICY_DATA=MAPP"
    ),
    "data-root-empty": "--data är tomt; ange datamappen, t.ex. --data data",
    "data-root-not-a-folder": "datamappen saknas: {given} är ingen mapp (ange --data MAPP)",
    "data-root-inside": "{given} pekar in i datamappen {better}, inte på den; {advice}",
    "data-root-above": "{given} är ingen datamapp men innehåller en ({better}); {advice}",
    "bad-today": "INTLPOLICY_TODAY='{value}' är inget datum (ÅÅÅÅ-MM-DD)",
    # editing records (round-trip)
    "edit-not-readable": "{file}:{line}:{column}: kan inte redigeras: {problem}",
    "edit-unreadable": "{file} kunde inte läsas: {cause}",
    "edit-not-unicode": "{file} ändrades inte: texten {value!r} innehåller tecken som inte "
    "är giltig UTF-8",
    "edit-outside-root": "{file} ligger inte i datamappen {root}; ingenting ändrades",
    "edit-link-outside-root": "{file} leder ut ur datamappen {root} genom en symbolisk länk, "
    "och en sådan länk följs aldrig; ingenting ändrades",
    "edit-invalid": "{file}:{line}:{column}: {what} skulle ge ett fel: {problem}{more}; "
    "filen ändrades inte",
    "edit-changed-underneath": "{file} ändrades av någon annan medan den redigerades; "
    "ingenting skrevs, kör kommandot igen",
    "edit-read-only": "{file} är skrivskyddad; ingenting ändrades",
    "edit-not-written": "{file} kunde inte skrivas: {cause}",
    "fmt-would-change-values": "{file} formaterades inte: den nya formen skulle läsas som "
    "andra värden (ett fel i intlpolicy; rapportera det gärna)",
    # writing
    "write-failed": "{path} kunde inte skrivas: {cause}",
    "stdout-failed": "utdata kunde inte skrivas ({path}): {cause}",
    "annual-report-bad-year": "--year {year} är inget år; ange ett årtal, t.ex. 2024",
    # the documents' options (annual-report, route-project --draft)
    "diary-number-invalid": "--diary-number '{value}' är inget diarienummer; ange det på en "
    "rad, som diariet skriver det",
    "format-contradicts-suffix": "--format {format} men filen '{path}' slutar som {implied}; "
    "ta bort --format (formatet läses då av filändelsen) eller byt filändelse",
    "binary-to-terminal": "--format {format} är en binär fil och skrivs inte ut i terminalen; "
    "ange --output FIL (eller dirigera om utdata, t.ex. > redovisning.pdf)",
    # PDF (annual-report --format pdf, and every document printed through reports/pdf.py)
    "pdf-extra-missing": "PDF kräver paketet weasyprint; installera det med: {install}",
    "pdf-renderer-broken": "WeasyPrint är installerat men kan inte starta ({detail}); "
    "det behöver systembiblioteket Pango (Debian: apt-get install libpango-1.0-0)",
}


class Refused(Exception):
    """A command cannot do what was asked; nothing was changed.

    `Refused("code", findings, **params)`: `code` is a key of MESSAGES and names the refusal
    in JSON outputs; `params` fill its template; `findings` locate the errors in the records
    when there are any. Subclasses group refusals by where they arise and may set another
    exit code.
    """

    exit_code: ClassVar[ExitCode] = ExitCode.FINDINGS
    # The message already says what the findings say: the text output shows it alone.
    findings_in_message: ClassVar[bool] = False

    def __init__(self, code: str, findings: Sequence[Finding] | None = None, **params: Any) -> None:
        message = MESSAGES[code].format(**params)
        super().__init__(message)
        self.code = code
        self.params = params
        self.message = message
        self.findings: list[Finding] = list(findings or [])

    def as_dict(self) -> dict[str, Any]:
        """The refusal as JSON outputs report it."""
        return {
            "code": self.code,
            "message": self.message,
            "findings": [finding.as_dict() for finding in self.findings],
        }


class UnknownId(Refused):
    """An id a person typed names no record; the message suggests the closest one.

    The one helper for every id typed on the command line (project, organisation, report,
    network, twin city), so they all get the same did-you-mean.
    """

    def __init__(self, what: str, value: str, known: Iterable[str], detail: str = "") -> None:
        hint = did_you_mean(value, known)
        super().__init__("unknown-id", what=what, value=value, hint=f"{detail}{hint}")


class UsageRefused(Refused):
    """The command line was used wrongly (a missing data root, a bad environment value)."""

    exit_code: ClassVar[ExitCode] = ExitCode.USAGE
