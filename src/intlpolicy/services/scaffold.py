"""`new`: a new record as a YAML file with Swedish comments, checked before it is written.

The text is built line by line (not dumped), so the layout and the comments are the ones a
handläggare sees in `data/`, and amounts keep the exact decimal digits given. Before the file
is written, the text is read back by the same loader and model that `validate` uses: a record
that `new` writes has no schema errors, and nothing is written when it would have.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Final

from pydantic import BaseModel

from intlpolicy.editing.atomic import WriteRefused, write_atomically
from intlpolicy.editing.yamltext import NotUnicode, scalar_text
from intlpolicy.errors import Refused
from intlpolicy.findings import Finding, did_you_mean
from intlpolicy.loading.files import Listing, display_path
from intlpolicy.loading.locate import locate
from intlpolicy.loading.records import Issue, Source
from intlpolicy.loading.store import load_sources
from intlpolicy.models import KIND_BY_FOLDER, Network, Organisation, Project, Report, TwinCity
from intlpolicy.models.common import (
    SLUG_RE,
    YEAR_RANGE,
    ExchangeRate,
    Money,
    OpenPeriod,
    slugify,
)
from intlpolicy.models.project import Application, Funding, ProjectPeriod
from intlpolicy.services.schema import field_description

COMMENT_COLUMN: Final = 32


class ScaffoldError(Refused):
    """The record cannot be created; nothing was written. `findings` locate schema errors."""


@dataclass(frozen=True, slots=True)
class NewRecord:
    """A record ready to be written: where, what, and which organisations it names."""

    folder: str  # the kind's folder, e.g. projects
    rel: str  # path inside the data root
    record: str  # the id (reports: 2024/kulturnamnden)
    text: str
    references: tuple[tuple[str, str], ...] = ()  # (field, organisation id)


# --- YAML scalars -----------------------------------------------------------------------------


def yaml_text(value: str) -> str:
    """A YAML scalar that reads back as exactly `value`; refuses text that is not UTF-8."""
    try:
        return scalar_text(value)
    except NotUnicode as error:
        raise ScaffoldError(str(error)) from None


def _optional_text(value: str | None) -> str:
    return "null" if value is None else yaml_text(value)


def _date(value: date | None) -> str:
    return "null" if value is None else value.isoformat()


def _decimal(value: Decimal) -> str:
    return f"{value:f}"


# --- the document -----------------------------------------------------------------------------


class _Document:
    """YAML lines with end-of-line comments aligned like the records in data/."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def field(self, model: type[BaseModel], key: str, value: str = "", indent: int = 0) -> None:
        """`key: value`, with the field's Swedish description as a comment."""
        text = "  " * indent + f"{key}:" + (f" {value}" if value else "")
        comment = field_description(model, key)
        self.lines.append(f"{text.ljust(COMMENT_COLUMN - 1)} # {comment}")

    def comment(self, text: str) -> None:
        self.lines.append(f"# {text}")

    def raw(self, line: str) -> None:
        self.lines.append(line)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _money(doc: _Document, model: type[BaseModel], key: str, money: Money) -> None:
    doc.field(model, key)
    doc.field(Money, "amount", _decimal(money.amount), 1)
    doc.field(Money, "currency", yaml_text(money.currency), 1)
    rate = money.exchange_rate
    if rate is not None:
        doc.field(Money, "exchange_rate", indent=1)
        doc.field(ExchangeRate, "rate", _decimal(rate.rate), 2)
        doc.field(ExchangeRate, "date", _date(rate.date), 2)
        doc.field(ExchangeRate, "source", yaml_text(rate.source), 2)


def _block_text(value: str) -> list[str] | None:
    """The lines of a `|` block that reads back as `value` plus a final line break.

    None when a block cannot hold the text: a leading space or line break (the block's
    indentation would change), trailing spaces or line breaks, or characters to escape.
    """
    lines = value.split("\n")
    if not value or value[0] in " \n" or value.endswith("\n"):
        return None
    if any(line.endswith(" ") or not line.isprintable() for line in lines):
        return None
    return lines


# --- inputs and templates ----------------------------------------------------------------------


def check_id(value: str, option: str) -> str:
    """`value` if it is a slug; else a ScaffoldError that suggests one."""
    if not SLUG_RE.fullmatch(value):
        suggestion = slugify(value) or "mitt-id"
        raise ScaffoldError(
            f"{option} '{value}' är inget giltigt id; använd små bokstäver a-z, siffror och "
            f"bindestreck (t.ex. '{suggestion}')"
        )
    return value


def id_from(given: str | None, name: str, option: str) -> str:
    """The given id, or the slug of the name."""
    if given is not None:
        return check_id(given, "--id")
    derived = slugify(name)
    if not derived:
        raise ScaffoldError(f"kan inte göra ett id av {option} '{name}'; ange --id")
    return derived


@dataclass(frozen=True, slots=True)
class ProjectFields:
    id: str
    title: str
    organisation: str
    role: str
    total_budget: Money
    eu: bool = True
    programme: str | None = None
    fund: str | None = None
    period: tuple[date, date] | None = None
    submitted: date | None = None


def project_record(fields: ProjectFields) -> NewRecord:
    check_id(fields.id, "--id")
    check_id(fields.organisation, "--organisation")
    doc = _Document()
    doc.field(Project, "schema_version", "1")
    doc.field(Project, "id", fields.id)
    doc.field(Project, "title", yaml_text(fields.title))
    doc.field(Project, "organisation", fields.organisation)
    doc.field(Project, "role", yaml_text(fields.role))
    doc.field(Project, "funding")
    doc.field(Funding, "eu", "true" if fields.eu else "false", 1)
    doc.field(Funding, "programme", _optional_text(fields.programme), 1)
    doc.field(Funding, "fund", _optional_text(fields.fund), 1)
    _money(doc, Project, "total_budget", fields.total_budget)
    doc.comment("eu_contribution: samma form som total_budget – EU-bidraget, om det är känt")
    doc.comment("own_budget: {amount: 0, currency: SEK} – stadens egen andel (medfinansiering)")
    doc.field(Project, "application")
    doc.field(Application, "submitted", _date(fields.submitted), 1)
    doc.field(Application, "decision", "pending", 1)
    doc.field(Application, "decided", "null", 1)
    if fields.period is not None:
        doc.field(Project, "period")
        doc.field(ProjectPeriod, "start", _date(fields.period[0]), 1)
        doc.field(ProjectPeriod, "end", _date(fields.period[1]), 1)
    else:
        doc.comment("period: {start: ÅÅÅÅ-MM-DD, end: ÅÅÅÅ-MM-DD} – projektperioden")
    doc.field(Project, "focus_areas", "[]")
    doc.field(Project, "partners", "[]")
    doc.comment("  - {name: Københavns Kommune, country: DK}")
    doc.field(Project, "notices", "{}")
    doc.comment(f"Vilken anmälan rutinen kräver visar: intlpolicy route-project {fields.id}")
    doc.comment("  eu_network: {date: ÅÅÅÅ-MM-DD}")
    doc.comment("  ks_information: {date: ÅÅÅÅ-MM-DD, diary_number: KS-ÅÅÅÅ-NNNNN}")
    doc.field(Project, "payments", "[]")
    doc.comment("  - {year: 2025, amount: 350000, currency: SEK}")
    return NewRecord(
        "projects",
        f"projects/{fields.id}.yaml",
        fields.id,
        doc.text(),
        (("organisation", fields.organisation),),
    )


@dataclass(frozen=True, slots=True)
class ReportFields:
    organisation: str
    year: int
    summary: str
    submitted: date | None = None


def report_record(fields: ReportFields) -> NewRecord:
    check_id(fields.organisation, "--organisation")
    low, high = YEAR_RANGE
    if not low <= fields.year <= high:
        raise ScaffoldError(
            f"--year {fields.year} är orimligt; ange ett år mellan {low} och {high}"
        )
    doc = _Document()
    doc.field(Report, "schema_version", "1")
    doc.field(Report, "organisation", fields.organisation)
    doc.field(Report, "year", str(fields.year))
    doc.field(Report, "submitted", _date(fields.submitted))
    block = _block_text(fields.summary)
    if block is None:
        doc.field(Report, "summary", yaml_text(fields.summary))
    else:
        doc.field(Report, "summary", "|")
        for line in block:
            doc.raw(f"  {line}" if line else "")
    doc.field(Report, "activities", "[]")
    doc.comment("En aktivitet skrivs så här:")
    doc.comment("  - title: Eurocities Culture Forum")
    doc.comment("    focus_area: profilering       # verksamhetsutveckling | strategisk-paverkan")
    doc.comment("    kind: network   # project | exchange | study_visit | advocacy | twin_city")
    doc.comment("    networks: [eurocities]        # twin_cities: [] och projects: [] likadant")
    doc.comment("    countries: [DE]")
    doc.comment("    description: Vad nämnden gjorde och vad det gav.")
    key = f"{fields.year}/{fields.organisation}"
    return NewRecord(
        "reports",
        f"reports/{key}.yaml",
        key,
        doc.text(),
        (("organisation", fields.organisation),),
    )


@dataclass(frozen=True, slots=True)
class OrganisationFields:
    id: str
    name: str
    kind: str
    administration: str | None = None
    parent: str | None = None
    active_from: date | None = None


def organisation_record(fields: OrganisationFields) -> NewRecord:
    check_id(fields.id, "--id")
    if fields.parent is not None:
        check_id(fields.parent, "--parent")
    doc = _Document()
    doc.field(Organisation, "schema_version", "1")
    doc.field(Organisation, "id", fields.id)
    doc.field(Organisation, "name", yaml_text(fields.name))
    doc.field(Organisation, "kind", yaml_text(fields.kind))
    doc.field(Organisation, "administration", _optional_text(fields.administration))
    doc.field(Organisation, "parent", fields.parent or "null")
    doc.field(Organisation, "active")
    doc.field(OpenPeriod, "from", _date(fields.active_from), 1)
    doc.field(OpenPeriod, "to", "null", 1)
    doc.field(Organisation, "eu_network_contacts", "[]")
    doc.comment("En kontaktperson skrivs så här (to: null = nuvarande):")
    doc.comment(
        "  - {name: Förnamn Efternamn, email: fornamn.efternamn@malmo.se, "
        "from: ÅÅÅÅ-MM-DD, to: null}"
    )
    references = (("parent", fields.parent),) if fields.parent is not None else ()
    return NewRecord(
        "organisations", f"organisations/{fields.id}.yaml", fields.id, doc.text(), references
    )


@dataclass(frozen=True, slots=True)
class NetworkFields:
    id: str
    name: str
    url: str | None = None
    member_since: int | None = None


def network_record(fields: NetworkFields) -> NewRecord:
    check_id(fields.id, "--id")
    doc = _Document()
    doc.field(Network, "schema_version", "1")
    doc.field(Network, "id", fields.id)
    doc.field(Network, "name", yaml_text(fields.name))
    doc.field(Network, "url", _optional_text(fields.url))
    since = fields.member_since
    doc.field(Network, "member_since", "null" if since is None else str(since))
    doc.field(Network, "participants", "[]")
    doc.comment("Ett deltagande organ skrivs så här (role: member | board | observer | partner):")
    doc.comment("  - {organisation: kommunstyrelsen, role: member, from: ÅÅÅÅ-01-01, to: null}")
    return NewRecord("networks", f"networks/{fields.id}.yaml", fields.id, doc.text())


@dataclass(frozen=True, slots=True)
class TwinCityFields:
    id: str
    city: str
    country: str
    since: int
    agreement: str = "twin_city"


def twin_city_record(fields: TwinCityFields) -> NewRecord:
    check_id(fields.id, "--id")
    doc = _Document()
    doc.field(TwinCity, "schema_version", "1")
    doc.field(TwinCity, "id", fields.id)
    doc.field(TwinCity, "city", yaml_text(fields.city))
    doc.field(TwinCity, "country", yaml_text(fields.country))
    doc.field(TwinCity, "since", str(fields.since))
    doc.field(TwinCity, "agreement", yaml_text(fields.agreement))
    return NewRecord("twin-cities", f"twin-cities/{fields.id}.yaml", fields.id, doc.text())


# --- checking and writing ----------------------------------------------------------------------


class _TextReader:
    """One record's text, for the loader, as if it were a file of the data root."""

    def __init__(self, rel: str, text: str) -> None:
        self.rel = rel
        self.text = text
        self.raw = text.encode("utf-8")

    def listing(self) -> Listing:
        return Listing([self.rel], [])

    def size(self, rel: str) -> int:
        return len(self.raw)

    def read_bytes(self, rel: str) -> bytes:
        return self.raw

    def read_text(self, rel: str) -> str | None:
        return self.text


def check_record(record: NewRecord, display_root: str) -> list[Finding]:
    """The errors `validate` would find in the record's own file (references aside)."""
    reader = _TextReader(record.rel, record.text)
    source = Source(
        record.rel,
        display_path(display_root, record.rel),
        record.record,
        KIND_BY_FOLDER[record.folder],
    )
    issues: list[Issue] = []
    load_sources([source], reader, issues)
    return locate(issues, reader.read_text)


def _missing_organisation(root: Path, display_root: str, field: str, value: str) -> str:
    folder = root / "organisations"
    known = sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []
    hint = did_you_mean(value, known)
    shown = display_path(display_root, f"organisations/{value}.yaml")
    return f"{field}: organisationen '{value}' finns inte ({shown} saknas){hint}"


def create_record(root: Path, display_root: str, record: NewRecord) -> str:
    """Write the record under `root`; return the path as the user sees it.

    Refuses (ScaffoldError, nothing written) an existing file, an organisation that does not
    exist, and a text with schema errors.
    """
    for field, organisation in record.references:
        if not (root / "organisations" / f"{organisation}.yaml").is_file():
            raise ScaffoldError(_missing_organisation(root, display_root, field, organisation))
    target = root / record.rel
    shown = display_path(display_root, record.rel)
    exists = f"{shown} finns redan; intlpolicy new skriver aldrig över en befintlig post"
    if target.exists():
        raise ScaffoldError(exists)
    findings = check_record(record, display_root)
    if findings:
        raise ScaffoldError(f"{shown} skrevs inte: posten skulle innehålla fel", findings)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, record.text, overwrite=False)
    except WriteRefused:
        raise ScaffoldError(exists) from None
    except OSError as error:
        raise ScaffoldError(f"{shown} kunde inte skrivas: {error.strerror or error}") from None
    return shown
