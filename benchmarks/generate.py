"""Write a synthetic, valid intlpolicy data root of about N records (DESIGN.md "Data layout").

    python benchmarks/generate.py 10000 benchmarks/out/10000 [--seed 1] [--force] [--check]
    python benchmarks/generate.py 10000 benchmarks/out/findings-10000 --shape findings

The output is deterministic for a given N and seed. Every reference resolves, every committee
has a current EU-network contact and a report for each year 2000-2025, and every application
records the notice its route requires, so `intlpolicy validate` should find no errors.
`--shape findings` gives the other shape, a register in its first years: most files carry
warnings, a few errors (findings_shape.py).
YAML is written as text, not through a YAML emitter: 10 000 records take about one second
of CPU (plus the file system's time).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import shutil
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import findings_shape
from reference_data import (
    COMMITTEES,
    COMPANIES,
    DESCRIPTION,
    DISTRICTS,
    EU_COUNTRIES,
    EU_PROGRAMMES,
    FIRST_NAMES,
    LAST_NAMES,
    MORE_CITIES,
    NETWORK_GROUPS,
    NETWORKS,
    OTHER_PROGRAMMES,
    OTHERS,
    PARTNERS,
    SCOPES,
    SEK_PER_EUR,
    THEMES,
    TOPICS,
    TWIN_CITIES,
)

PRACTICE = Path(__file__).resolve().parent.parent / "data" / "practice"
KINDS = ("policy", "organisations", "projects", "reports", "networks", "twin-cities")
REPORT_YEARS = range(2000, 2026)
TODAY = date(2026, 11, 1)  # fixed, so the output does not depend on the wall clock
THRESHOLD_SEK = Decimal(12_000_000)
FOCUS_AREAS = ("verksamhetsutveckling", "strategisk-paverkan", "profilering")
ACTIVITY_KINDS = ("network", "project", "exchange", "study_visit", "advocacy", "twin_city", "other")
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


# ---------------------------------------------------------------------------------------------
# YAML text helpers

_PLAIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ](?:[\w .()/&'+@–-]*[\w.)'])?")
_RESERVED = {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}


def q(value: str) -> str:
    """A YAML scalar for a string: plain where that is unambiguous, else double-quoted."""
    if _PLAIN.fullmatch(value) and value.lower() not in _RESERVED:
        return value
    return json.dumps(value, ensure_ascii=False)


def d(value: date | None) -> str:
    return "null" if value is None else value.isoformat()


def flow(values: list[str]) -> str:
    return "[" + ", ".join(q(v) for v in values) + "]"


def thousands(amount: float) -> int:
    """Round to whole thousands, at least 1000: budgets are written as plain integers."""
    return max(1000, round(amount / 1000) * 1000)


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def slugify(name: str) -> str:
    """The id rule of DESIGN.md: lowercase, å/ä → a, ö → o, anything else → '-'."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(name).lower()).strip("-")


# ---------------------------------------------------------------------------------------------
# The records, as plain data the renderers turn into YAML text.


@dataclass
class Org:
    id: str
    name: str
    kind: str
    administration: str
    parent: str | None = None
    contacts: list[tuple[str, str, date, date | None]] = field(default_factory=list)


@dataclass
class Network:
    id: str
    name: str
    url: str
    member_since: int
    participants: list[tuple[str, date, date | None]] = field(default_factory=list)


@dataclass
class TwinCity:
    id: str
    city: str
    country: str
    since: int
    agreement: str


@dataclass
class Project:
    id: str
    title: str
    organisation: str
    submitted: date
    start: date
    end: date
    countries: list[str]
    text: str = ""


@dataclass
class Plan:
    committees: int
    companies: int
    others: int
    networks: int
    twin_cities: int
    projects: int

    @property
    def reports(self) -> int:
        return self.committees * len(REPORT_YEARS)

    @property
    def total(self) -> int:
        orgs = self.committees + self.companies + self.others
        return 2 + orgs + self.networks + self.twin_cities + self.projects + self.reports


def plan(n: int) -> Plan:
    """Split N records: ~40 % reports (one per committee and year), ~55 % projects, the rest."""
    committees = max(1, math.ceil(0.40 * n / len(REPORT_YEARS)))
    others = len(OTHERS)
    companies = max(4, committees // 8, max(20, n // 100) - committees - others)
    per_list = min(48, max(24, n // 250))
    p = Plan(committees, companies, others, per_list, per_list, 0)
    p.projects = max(2 * committees, n - p.total)
    return p


class Generator:
    def __init__(self, n: int, seed: int, activities: tuple[int, int] = (3, 5)) -> None:
        self.rng = random.Random(seed)
        self.activities = activities
        self.seed = seed
        self.plan = plan(n)
        self.orgs: list[Org] = []
        self.networks: list[Network] = []
        self.twin_cities: list[TwinCity] = []
        self.projects: list[Project] = []
        self.diary = 0

    # -- helpers -------------------------------------------------------------------------------

    def day_between(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    def person(self, domain: str) -> tuple[str, str]:
        first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
        email = f"{ascii_fold(first).lower()}.{ascii_fold(last).lower()}@{domain}"
        return f"{first} {last}", email

    def eur_rate(self, on: date) -> str:
        # A rate per month from its own seeded stream, so it does not depend on draw order.
        month_rng = random.Random(f"{self.seed}-{on.year}-{on.month}")
        base = Decimal(SEK_PER_EUR[on.year])
        factor = Decimal(str(round(month_rng.uniform(0.975, 1.025), 6)))
        return str((base * factor).quantize(Decimal("0.0001")))

    # -- organisations ---------------------------------------------------------------------------

    def committee_names(self) -> Iterator[tuple[str, str]]:
        yield from COMMITTEES
        for district in DISTRICTS:
            yield f"Stadsdelsnämnd {district}", f"Stadsdelsförvaltning {district}"
        round_no = 1
        while True:
            for name, admin in COMMITTEES[1:]:
                for district in DISTRICTS:
                    suffix = district if round_no == 1 else f"{district} {round_no}"
                    yield f"{name} {suffix}", f"{admin} {suffix}"
            round_no += 1

    def contacts(self, domain: str) -> list[tuple[str, str, date, date | None]]:
        history: list[tuple[str, str, date, date | None]] = []
        start = date(self.rng.randint(2012, 2025), self.rng.choice((1, 3, 9)), 1)
        if self.rng.random() < 0.3:
            earlier = date(self.rng.randint(2005, start.year - 1), 1, 1)
            history.append((*self.person(domain), earlier, start - timedelta(days=1)))
        history.append((*self.person(domain), start, None))
        return history

    def make_organisations(self) -> None:
        names = self.committee_names()
        for _ in range(self.plan.committees):
            name, admin = next(names)
            self.orgs.append(
                Org(slugify(name), name, "committee", admin, contacts=self.contacts("malmo.se"))
            )
        self.orgs.append(
            Org("malmo-stadshus-ab", "Malmö Stadshus AB", "company", "Malmö Stadshus AB")
        )
        for k in range(self.plan.companies - 1):
            base = COMPANIES[k % len(COMPANIES)]
            name = base if k < len(COMPANIES) else f"{base[:-3]} {k // len(COMPANIES) + 1} AB"
            domain = slugify(name).replace("-ab", "").replace("-", "") + ".se"
            contacts = self.contacts(domain) if self.rng.random() < 0.5 else []
            self.orgs.append(
                Org(slugify(name), name, "company", name, "malmo-stadshus-ab", contacts)
            )
        for name, admin in OTHERS[: self.plan.others]:
            self.orgs.append(Org(slugify(name), name, "other", admin))

    # -- networks and twin cities ----------------------------------------------------------------

    def make_networks(self) -> None:
        committees = [o for o in self.orgs if o.kind == "committee"]
        companies = [o for o in self.orgs if o.kind == "company"]
        for k in range(self.plan.networks):
            name, url, since = NETWORKS[k % len(NETWORKS)]
            if k >= len(NETWORKS):
                name = f"{name} {NETWORK_GROUPS[(k // len(NETWORKS) - 1) % len(NETWORK_GROUPS)]}"
                if k >= len(NETWORKS) * (1 + len(NETWORK_GROUPS)):
                    name = f"{name} {k}"
            member_since = since or self.rng.randint(1992, 2015)
            self.networks.append(Network(slugify(name), name, url, member_since))
        # Kommunstyrelsen holds the city's memberships of the networks named in DESIGN.md;
        # each committee takes part in 1-4 networks; every network has at least one member.
        for net in self.networks[:5]:
            net.participants.append((committees[0].id, date(net.member_since, 1, 1), None))
        for org in committees:
            for net in self.rng.sample(self.networks, self.rng.randint(1, 4)):
                self.join(net, org.id)
        for org in companies[: len(companies) // 2]:
            self.join(self.rng.choice(self.networks), org.id)
        for net in self.networks:
            if not net.participants:
                self.join(net, committees[0].id)

    def join(self, net: Network, org_id: str) -> None:
        if any(p[0] == org_id for p in net.participants):
            return
        first = self.rng.randint(net.member_since, max(net.member_since, 2012))
        if self.rng.random() < 0.6:
            first = max(net.member_since, 1999)
        start = date(first, 1, 1)
        end = None
        if self.rng.random() < 0.08 and first < 2022:
            end = date(self.rng.randint(first + 1, 2023), 12, 31)
        net.participants.append((org_id, start, end))

    def make_twin_cities(self) -> None:
        for k in range(self.plan.twin_cities):
            if k < len(TWIN_CITIES):
                self.twin_cities.append(TwinCity(*TWIN_CITIES[k]))
                continue
            j = k - len(TWIN_CITIES)
            city, country = MORE_CITIES[j % len(MORE_CITIES)]
            if j >= len(MORE_CITIES):
                city = f"{city} {j // len(MORE_CITIES) + 1}"
            agreement = "special_cooperation" if self.rng.random() < 0.2 else "twin_city"
            self.twin_cities.append(
                TwinCity(slugify(city), city, country, self.rng.randint(1950, 2020), agreement)
            )

    # -- projects -------------------------------------------------------------------------------

    def make_projects(self) -> None:
        committees = [o for o in self.orgs if o.kind == "committee"]
        companies = [o for o in self.orgs if o.kind == "company"]
        width = len(str(self.plan.projects))
        for k in range(self.plan.projects):
            # The first projects go one to each committee, so every committee has some.
            if k < len(committees):
                org = committees[k]
            elif self.rng.random() < 0.9:
                org = self.rng.choice(committees)
            else:
                org = self.rng.choice(companies)
            self.projects.append(self.project(k, width, org))

    def project(self, k: int, width: int, org: Org) -> Project:
        rng = self.rng
        theme = rng.choice(THEMES)
        title = f"{theme} {rng.choice(SCOPES)}".strip()
        pid = f"{slugify(theme)}-{k + 1:0{width}d}"
        role = "owner" if rng.random() < 0.6 else "partner"
        eu = rng.random() < 0.92

        submitted = self.day_between(date(2000, 2, 1), TODAY - timedelta(days=20))
        decision, decided = "pending", None
        decided_on = submitted + timedelta(days=rng.randint(45, 240))
        if decided_on <= TODAY:
            decision = rng.choices(("granted", "rejected", "withdrawn"), (65, 25, 10))[0]
            decided = decided_on
        start = date(decided_on.year, decided_on.month, 1) + timedelta(days=rng.randint(31, 150))
        start = start.replace(day=1)
        months = rng.choice((12, 18, 24, 24, 30, 36, 36, 48))
        end_month = start.month - 1 + months
        end = date(start.year + end_month // 12, end_month % 12 + 1, 1) - timedelta(days=1)

        # Budget: log-uniform in SEK, with one project in ten close to the threshold.
        if rng.random() < 0.1:
            sek_target = rng.uniform(10_500_000, 13_500_000)
        else:
            sek_target = math.exp(rng.uniform(math.log(500_000), math.log(60_000_000)))
        currency = "EUR" if rng.random() < 0.7 else "SEK"
        rate_date = submitted.replace(day=1)  # InforEuro publishes one rate per month
        if currency == "EUR":
            rate = self.eur_rate(rate_date)
            amount = thousands(sek_target / float(rate))
            total_sek = Decimal(amount) * Decimal(rate)
            rate_map = f"{{rate: {rate}, date: {d(rate_date)}, source: InforEuro}}"
            fx = f"\n  exchange_rate: {rate_map}"
            fx_inline = f", exchange_rate: {rate_map}"
        else:
            rate = "1"
            amount = thousands(sek_target)
            total_sek = Decimal(amount)
            fx = fx_inline = ""

        lines = [
            "schema_version: 1",
            f"id: {pid}",
            f"title: {q(title)}",
            f"organisation: {org.id}",
            f"role: {role}",
            "funding:",
        ]
        if eu:
            era = max(e for e in EU_PROGRAMMES if e[0] <= submitted.year)
            programme, fund = rng.choice(era[1])
            lines += ["  eu: true", f"  programme: {q(programme)}"]
            if fund:
                lines.append(f"  fund: {q(fund)}")
        else:
            lines += ["  eu: false", f"  programme: {q(rng.choice(OTHER_PROGRAMMES))}"]
        lines.append(f"total_budget:\n  amount: {amount}\n  currency: {currency}{fx}")
        if eu and rng.random() < 0.85:
            share = rng.uniform(0.5, 0.85)
            contribution = min(amount, thousands(amount * share))
            lines.append(
                f"eu_contribution: {{amount: {contribution}, currency: {currency}{fx_inline}}}"
            )
        else:
            contribution = thousands(amount * 0.6)
        lines += [
            "application:",
            f"  submitted: {d(submitted)}",
            f"  decision: {decision}",
            f"  decided: {d(decided)}",
            f"period: {{start: {d(start)}, end: {d(end)}}}",
            f"focus_areas: {flow(rng.sample(FOCUS_AREAS, rng.choice((1, 1, 2, 2, 3))))}",
            "partners:",
        ]
        partners = rng.sample(PARTNERS, rng.randint(1, 6))
        lines += [f"  - {{name: {q(name)}, country: {q(country)}}}" for name, country in partners]

        notice_date = submitted - timedelta(days=rng.randint(5, 60))
        lines.append("notices:")
        if total_sek >= THRESHOLD_SEK:
            self.diary += 1
            diary_number = f"KS-{notice_date.year}-{self.diary:05d}"
            lines.append(
                f"  ks_information: {{date: {d(notice_date)}, diary_number: {diary_number}}}"
            )
        else:
            lines.append(f"  eu_network: {{date: {d(notice_date)}}}")
        if rng.random() < 0.5:
            own = thousands(float(total_sek) * rng.uniform(0.05, 0.3))
            lines.append(f"own_budget: {{amount: {own}, currency: SEK}}")

        lines.append("payments:" if decision == "granted" and start <= TODAY else "payments: []")
        if decision == "granted" and start <= TODAY:
            years = range(start.year, min(end.year, TODAY.year) + 1)
            yearly = float(Decimal(contribution) * Decimal(rate)) * 0.4 / max(1, len(years))
            for year in years:
                paid = thousands(yearly * rng.uniform(0.6, 1.4))
                lines.append(f"  - {{year: {year}, amount: {paid}, currency: SEK}}")

        countries = sorted({country for _, country in partners})
        return Project(
            pid, title, org.id, submitted, start, end, countries, "\n".join(lines) + "\n"
        )

    # -- reports --------------------------------------------------------------------------------

    def report(self, org: Org, year: int, nets: list[Network], projects: list[Project]) -> str:
        rng = self.rng
        active_nets = [n for n in nets if self.participates(n, org.id, year)]
        active_projects = [
            p for p in projects if p.submitted.year <= year and p.start.year <= year <= p.end.year
        ]
        twins = [t for t in self.twin_cities if t.since <= year]
        kinds = ["exchange", "study_visit", "advocacy", "twin_city", "other"]
        if active_nets:
            kinds += ["network", "network"]
        if active_projects:
            kinds += ["project", "project", "project"]
        activities = []
        for _ in range(rng.randint(*self.activities)):
            kind = rng.choice(kinds)
            topic = rng.choice(TOPICS)
            networks: list[str] = []
            twin_ids: list[str] = []
            project_ids: list[str] = []
            countries: list[str] = []
            if kind == "network":
                net = rng.choice(active_nets)
                networks = [net.id]
                countries = rng.sample(EU_COUNTRIES, rng.randint(1, 3))
                title = f"Deltagande i {net.name} om {topic}"
            elif kind == "project":
                proj = rng.choice(active_projects)
                project_ids = [proj.id]
                countries = proj.countries
                title = proj.title
            elif kind in ("twin_city", "exchange") and twins:
                twin = rng.choice(twins)
                twin_ids = [twin.id]
                countries = [twin.country]
                title = (
                    f"Vänortsutbyte med {twin.city}"
                    if kind == "twin_city"
                    else f"Erfarenhetsutbyte om {topic} med {twin.city}"
                )
            elif kind == "advocacy":
                if active_nets and rng.random() < 0.5:
                    networks = [rng.choice(active_nets).id]
                countries = ["BE"]
                title = f"Påverkansarbete mot EU-institutionerna om {topic}"
            else:
                kind = "study_visit" if kind == "study_visit" else "other"
                city, country = rng.choice(MORE_CITIES)
                countries = [country]
                title = (
                    f"Studiebesök i {city} om {topic}"
                    if kind == "study_visit"
                    else f"Internationell konferens om {topic} i {city}"
                )
            activities += [
                f"  - title: {q(title)}",
                f"    focus_area: {rng.choice(FOCUS_AREAS)}",
                f"    kind: {kind}",
                f"    networks: {flow(networks)}",
                f"    twin_cities: {flow(twin_ids)}",
                f"    projects: {flow(project_ids)}",
                f"    countries: {flow(countries)}",
                f"    description: {q(DESCRIPTION.format(topic=topic))}",
            ]
        submitted = date(year + 1, rng.randint(1, 3), rng.randint(1, 28))
        summary = (
            f"  {org.name} bedrev under {year} internationellt arbete inom {rng.choice(TOPICS)}\n"
            f"  och {rng.choice(TOPICS)}. Arbetet följer policyns tre inriktningar och redovisas\n"
            "  här enligt kommunstyrelsens anvisningar.\n"
        )
        return (
            f"schema_version: 1\norganisation: {org.id}\nyear: {year}\n"
            f"submitted: {d(submitted)}\nsummary: |\n{summary}activities:\n"
            + "\n".join(activities)
            + "\n"
        )

    @staticmethod
    def participates(net: Network, org_id: str, year: int) -> bool:
        return any(
            o == org_id and start.year <= year and (end is None or end.year >= year)
            for o, start, end in net.participants
        )

    # -- rendering ------------------------------------------------------------------------------

    def files(self) -> Iterator[tuple[str, str]]:
        yield from policies()
        for org in self.orgs:
            yield f"organisations/{org.id}.yaml", render_org(org)
        for net in self.networks:
            yield f"networks/{net.id}.yaml", render_network(net)
        for twin in self.twin_cities:
            yield f"twin-cities/{twin.id}.yaml", render_twin(twin)
        for proj in self.projects:
            yield f"projects/{proj.id}.yaml", proj.text
        by_org: dict[str, list[Project]] = {}
        for proj in self.projects:
            by_org.setdefault(proj.organisation, []).append(proj)
        nets_of: dict[str, list[Network]] = {}
        for net in self.networks:
            for org_id, _, _ in net.participants:
                nets_of.setdefault(org_id, []).append(net)
        for org in self.orgs:
            if org.kind != "committee":
                continue
            for year in REPORT_YEARS:
                text = self.report(org, year, nets_of.get(org.id, []), by_org.get(org.id, []))
                yield f"reports/{year}/{org.id}.yaml", text

    def run(self) -> Iterator[tuple[str, str]]:
        self.make_organisations()
        self.make_networks()
        self.make_twin_cities()
        self.make_projects()
        return self.files()


def policies() -> Iterator[tuple[str, str]]:
    common = (
        "schema_version: 1\nid: {id}\ntitle: Policy för Malmö stads internationella arbete\n"
        "diary_number: STK-2015-1008\nadopted_by: kommunfullmaktige\nadopted: {day}\n"
        "in_force_from: {day}\n"
        "focus_areas: [verksamhetsutveckling, strategisk-paverkan, profilering]\n"
    )
    yield (
        "policy/policy-2016.yaml",
        (common.format(id="policy-2016", day="2016-11-02") + "companies_in_eu_network: false\n"),
    )
    yield (
        "policy/policy-2024.yaml",
        (
            common.format(id="policy-2024", day="2024-08-29")
            + "eu_funding_routine:\n  threshold: {amount: 12000000, currency: SEK}\n"
            + "companies_in_eu_network: true\n"
        ),
    )


def render_org(org: Org) -> str:
    lines = [
        "schema_version: 1",
        f"id: {org.id}",
        f"name: {q(org.name)}",
        f"kind: {org.kind}",
        f"administration: {q(org.administration)}",
        f"parent: {org.parent or 'null'}",
        "active: {from: null, to: null}",
    ]
    if org.contacts:
        lines.append("eu_network_contacts:")
        lines += [
            f"  - {{name: {q(name)}, email: {email}, from: {d(start)}, to: {d(end)}}}"
            for name, email, start, end in org.contacts
        ]
    else:
        lines.append("eu_network_contacts: []")
    return "\n".join(lines) + "\n"


def render_network(net: Network) -> str:
    lines = [
        "schema_version: 1",
        f"id: {net.id}",
        f"name: {q(net.name)}",
        f"url: {net.url}",
        f"member_since: {net.member_since}",
        "participants:",
    ]
    lines += [
        f"  - {{organisation: {org}, role: member, from: {d(start)}, to: {d(end)}}}"
        for org, start, end in net.participants
    ]
    return "\n".join(lines) + "\n"


def render_twin(twin: TwinCity) -> str:
    return (
        f"schema_version: 1\nid: {twin.id}\ncity: {q(twin.city)}\ncountry: {q(twin.country)}\n"
        f"since: {twin.since}\nagreement: {twin.agreement}\n"
    )


def generate(n: int, out: Path, seed: int = 1, shape: str = "generator") -> int:
    """Write the data root; return the number of records written.

    `shape` "findings": most files carry warnings, a few errors (findings_shape.py)."""
    count = 0
    made: set[Path] = set()
    findings = shape == "findings"
    activities = findings_shape.ACTIVITIES if findings else (3, 5)
    for rel, text in Generator(n, seed, activities).run():
        if findings:
            text = findings_shape.perturb(rel, text, seed)
        path = out / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_text(text, encoding="utf-8")
        count += 1
    # The city's practice (rate-max-age, the notice's timing, ...), as the city's data root
    # has it: without it the duties that rest on practice find nothing.
    (out / "practice").mkdir(parents=True, exist_ok=True)
    for practice in sorted(PRACTICE.glob("*.yaml")):
        text = practice.read_text(encoding="utf-8")
        if findings:
            text = findings_shape.practice(practice.stem, text)
        (out / "practice" / practice.name).write_text(text, encoding="utf-8")
        count += 1
    return count


# ---------------------------------------------------------------------------------------------
# Self-check: parse every file with PyYAML and verify the invariants the generator promises.

FIELDS = {
    "policy": (
        {
            "schema_version",
            "id",
            "title",
            "diary_number",
            "adopted_by",
            "adopted",
            "in_force_from",
            "focus_areas",
            "companies_in_eu_network",
        },
        {"eu_funding_routine"},
    ),
    "organisations": (
        {
            "schema_version",
            "id",
            "name",
            "kind",
            "administration",
            "parent",
            "active",
            "eu_network_contacts",
        },
        set(),
    ),
    "projects": (
        {
            "schema_version",
            "id",
            "title",
            "organisation",
            "role",
            "funding",
            "total_budget",
            "application",
            "period",
            "focus_areas",
            "partners",
            "notices",
            "payments",
        },
        {"eu_contribution", "own_budget"},
    ),
    "reports": (
        {"schema_version", "organisation", "year", "submitted", "summary", "activities"},
        set(),
    ),
    "networks": ({"schema_version", "id", "name", "url", "member_since", "participants"}, set()),
    "twin-cities": ({"schema_version", "id", "city", "country", "since", "agreement"}, set()),
}
ACTIVITY_FIELDS = {
    "title",
    "focus_area",
    "kind",
    "networks",
    "twin_cities",
    "projects",
    "countries",
    "description",
}


def dec(value: Any) -> Decimal:
    return Decimal(str(value))


def sek(money: dict[str, Any]) -> Decimal:
    if money["currency"] == "SEK":
        return dec(money["amount"])
    return dec(money["amount"]) * dec(money["exchange_rate"]["rate"])


BOOL_KEYS = {"eu", "companies_in_eu_network"}
FLOAT_KEYS = {"rate"}
STR_KEYS = {
    "id",
    "title",
    "name",
    "city",
    "administration",
    "programme",
    "fund",
    "country",
    "email",
    "summary",
    "description",
    "diary_number",
    "url",
    "organisation",
}


def scalar_types(node: Any, key: str = "") -> Iterator[str]:
    """Catch YAML 1.1 surprises: `NO` read as false, `1.0` where an integer was meant."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from scalar_types(v, str(k))
    elif isinstance(node, list):
        for v in node:
            yield from scalar_types(v, key)
    elif isinstance(node, bool):
        if key not in BOOL_KEYS:
            yield f"{key}: unexpected boolean"
    elif isinstance(node, float):
        if key not in FLOAT_KEYS:
            yield f"{key}: unexpected float {node!r}"
    elif key in STR_KEYS and not isinstance(node, str):
        yield f"{key}: expected a string, got {node!r}"


def check_root(root: Path) -> tuple[Counter[str], list[str]]:
    import yaml

    problems: list[str] = []
    records: dict[str, dict[str, dict[str, Any]]] = {kind: {} for kind in KINDS}
    counts: Counter[str] = Counter()

    def expect(ok: bool, where: str, what: str) -> None:
        if not ok:
            problems.append(f"{where}: {what}")

    for path in sorted(root.rglob("*.yaml")):
        rel = path.relative_to(root).as_posix()
        kind = rel.split("/")[0]
        if kind == "practice":  # copied from data/practice, checked by the tool's own tests
            continue
        with path.open("rb") as fh:
            data = yaml.load(fh, Loader=yaml.CSafeLoader)
        counts[kind] += 1
        problems += [f"{rel}: {p}" for p in scalar_types(data)]
        if kind not in FIELDS or not isinstance(data, dict):
            problems.append(f"{rel}: unexpected file or not a mapping")
            continue
        required, optional = FIELDS[kind]
        expect(
            required <= data.keys() <= required | optional,
            rel,
            f"keys {sorted(data.keys() ^ required)}",
        )
        expect(data.get("schema_version") == 1, rel, "schema_version")
        if kind == "reports":
            key = f"{rel.split('/')[1]}/{path.stem}"
            expect(key == f"{data['year']}/{data['organisation']}", rel, "folder/name mismatch")
        else:
            key = data["id"]
            expect(key == path.stem and bool(SLUG.fullmatch(key)), rel, "id/file name")
        expect(key not in records[kind], rel, "duplicate id")
        records[kind][key] = data

    orgs, nets, twins = records["organisations"], records["networks"], records["twin-cities"]
    projects = records["projects"]
    for oid, org in orgs.items():
        where = f"organisations/{oid}"
        expect(org["parent"] is None or org["parent"] in orgs, where, "parent")
        current = [c for c in org["eu_network_contacts"] if c["to"] is None]
        if org["kind"] == "committee":
            expect(len(current) == 1, where, "one current EU-network contact")
        for c in org["eu_network_contacts"]:
            expect(isinstance(c["from"], date), where, "contact from date")
    for nid, net in nets.items():
        for p in net["participants"]:
            expect(
                p["organisation"] in orgs and p["role"] == "member",
                f"networks/{nid}",
                f"participant {p['organisation']}",
            )
            expect(p["from"].year >= net["member_since"], f"networks/{nid}", "from < since")
    for pid, p in projects.items():
        where = f"projects/{pid}"
        expect(p["organisation"] in orgs, where, "organisation")
        expect(p["role"] in ("owner", "partner"), where, "role")
        total, app = p["total_budget"], p["application"]
        submitted = app["submitted"]
        expect(isinstance(submitted, date), where, "submitted date")
        if total["currency"] != "SEK":
            fx = total["exchange_rate"]
            age = (submitted - fx["date"]).days
            expect(0 <= age <= 30 and fx["source"] == "InforEuro", where, "exchange rate date")
        if "eu_contribution" in p:
            contrib = p["eu_contribution"]
            expect(
                contrib["currency"] == total["currency"]
                and dec(contrib["amount"]) <= dec(total["amount"]),
                where,
                "eu_contribution",
            )
        route = "ks_information" if sek(total) >= THRESHOLD_SEK else "eu_network"
        notices = p["notices"]
        expect(list(notices) == [route], where, f"notice {list(notices)} != {route}")
        expect(notices[route]["date"] < submitted, where, "notice after submission")
        decision = app["decision"]
        expect(decision in ("pending", "granted", "rejected", "withdrawn"), where, "decision")
        expect((app["decided"] is None) == (decision == "pending"), where, "decided")
        if app["decided"] is not None:
            expect(app["decided"] >= submitted, where, "decided before submitted")
        period = p["period"]
        expect(period["start"] < period["end"], where, "period")
        expect(set(p["focus_areas"]) <= set(FOCUS_AREAS), where, "focus_areas")
        for partner in p["partners"]:
            expect(bool(re.fullmatch(r"[A-Z]{2}", partner["country"])), where, "country")
        for pay in p["payments"]:
            expect(period["start"].year <= pay["year"] <= period["end"].year, where, "payment")
    for key, rep in records["reports"].items():
        where = f"reports/{key}"
        oid, year = rep["organisation"], rep["year"]
        expect(oid in orgs, where, "organisation")
        expect(rep["submitted"] > date(year, 12, 31), where, "submitted")
        expect(3 <= len(rep["activities"]) <= 5, where, "3-5 activities")
        for act in rep["activities"]:
            expect(act.keys() == ACTIVITY_FIELDS, where, "activity keys")
            expect(
                act["kind"] in ACTIVITY_KINDS and act["focus_area"] in FOCUS_AREAS,
                where,
                "activity kind/focus_area",
            )
            for n in act["networks"]:
                expect(
                    n in nets and any(x["organisation"] == oid for x in nets[n]["participants"]),
                    where,
                    f"network {n}",
                )
            for t in act["twin_cities"]:
                expect(t in twins, where, f"twin city {t}")
            for r in act["projects"]:
                expect(r in projects and projects[r]["organisation"] == oid, where, f"project {r}")
    for oid, org in orgs.items():
        if org["kind"] == "committee":
            for year in REPORT_YEARS:
                expect(
                    f"{year}/{oid}" in records["reports"],
                    f"organisations/{oid}",
                    f"no report for {year}",
                )
    return counts, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="about how many records to write")
    parser.add_argument("out_dir", type=Path, help="the data root to create")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace the record folders of an existing, non-empty OUT_DIR",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="afterwards parse every file and verify references and invariants "
        "(default shape only)",
    )
    parser.add_argument(
        "--shape",
        choices=("generator", "findings"),
        default="generator",
        help="generator: valid records, no findings (default); findings: most files carry one "
        "to three warnings, some errors, reports have 5-20 activities (findings_shape.py)",
    )
    args = parser.parse_args(argv)
    if args.check and args.shape != "generator":
        parser.error("--check verifies the invariants of the default shape only")
    out: Path = args.out_dir
    if out.exists() and any(out.iterdir()):
        if not args.force:
            print(
                f"{out} is not empty (use --force to replace its record folders)", file=sys.stderr
            )
            return 2
        for kind in KINDS:
            shutil.rmtree(out / kind, ignore_errors=True)
    written = generate(args.n, out, args.seed, args.shape)
    print(f"wrote {written} records to {out}")
    if args.check:
        counts, problems = check_root(out)
        print("check: " + ", ".join(f"{k} {counts[k]}" for k in KINDS))
        for problem in problems[:50]:
            print(f"  {problem}", file=sys.stderr)
        if problems:
            print(f"check FAILED: {len(problems)} problem(s)", file=sys.stderr)
            return 1
        print("check passed: every file parses, every reference resolves")
    return 0


if __name__ == "__main__":
    sys.exit(main())
