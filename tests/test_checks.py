"""The cross-record checks of the registry: references, duties, applications and identity.

Each test builds a small data root in tmp_path, runs the whole of `validate_data_root` and
looks at the located findings (code, severity, record, path, line and column).
"""

from __future__ import annotations

import json
import textwrap
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import REPO_DATA, TODAY, invoke
from intlpolicy.checks import (
    REGISTRY,
    applications,
    base,
    duties,
    examples,
    identity,
    references,
)
from intlpolicy.checks.base import CheckContext
from intlpolicy.findings import Finding, Severity
from intlpolicy.loading.records import Issue, RecordSet
from intlpolicy.services.validate import ValidationResult, validate_data_root

POLICY_2016 = """\
schema_version: 1
id: policy-2016
title: Policy för Malmö stads internationella arbete
diary_number: STK-2015-1008
adopted_by: kommunfullmaktige
adopted: 2016-11-02
in_force_from: 2016-11-02
focus_areas: [verksamhetsutveckling, strategisk-paverkan, profilering]
companies_in_eu_network: false
"""

POLICY_2024 = """\
schema_version: 1
id: policy-2024
title: Policy för Malmö stads internationella arbete
diary_number: STK-2015-1008
adopted_by: kommunfullmaktige
adopted: 2024-08-29
in_force_from: 2024-08-29
focus_areas: [verksamhetsutveckling, strategisk-paverkan, profilering]
eu_funding_routine:
  threshold: {amount: 12000000, currency: SEK}
companies_in_eu_network: true
"""

CONTACT = "  - {name: Anna Andersson, email: anna.andersson@malmo.se, from: 2024-09-01, to: null}\n"


def organisation_text(
    oid: str,
    name: str,
    *,
    kind: str = "committee",
    parent: str = "null",
    active: str = "{from: null, to: null}",
    contacts: str | None = CONTACT,
) -> str:
    text = (
        "schema_version: 1\n"
        f"id: {oid}\n"
        f"name: {name}\n"
        f"kind: {kind}\n"
        f"parent: {parent}\n"
        f"active: {active}\n"
    )
    if contacts is None:
        return text + "eu_network_contacts: []\n"
    return text + "eu_network_contacts:\n" + contacts


def sek_budget(amount: str) -> str:
    return f"  amount: {amount}\n  currency: SEK\n"


def eur_budget(amount: str, rate: str, rate_date: str) -> str:
    return (
        f"  amount: {amount}\n"
        "  currency: EUR\n"
        f"  exchange_rate: {{rate: {rate}, date: {rate_date}, source: InforEuro}}\n"
    )


def project_text(
    pid: str = "kulturprojekt",
    *,
    organisation: str = "kulturnamnden",
    role: str = "owner",
    eu: str = "true",
    budget: str | None = None,
    submitted: str = "2024-09-10",
    notices: str | None = "notices:\n  eu_network: {date: 2024-09-01}\n",
) -> str:
    text = (
        "schema_version: 1\n"
        f"id: {pid}\n"
        "title: Testprojekt\n"
        f"organisation: {organisation}\n"
        f"role: {role}\n"
        "funding:\n"
        f"  eu: {eu}\n"
        "  programme: Interreg Öresund-Kattegat-Skagerrak\n"
        "total_budget:\n"
        f"{budget if budget is not None else sek_budget('5000000')}"
        "application:\n"
        f"  submitted: {submitted}\n"
        "  decision: pending\n"
    )
    return text + (notices or "")


def report_text(organisation: str, year: int, activities: str = "") -> str:
    """A submitted report: with activities, or with the statement that there were none."""
    text = (
        "schema_version: 1\n"
        f"organisation: {organisation}\n"
        f"year: {year}\n"
        f"submitted: {year + 1}-02-15\n"
        "summary: Årets internationella arbete.\n"
    )
    return text + (f"activities:\n{activities}" if activities else "no_international_work: true\n")


# The city's practice rules as the embedded data states them.
PRACTICE_FILES: dict[str, str] = {
    f"practice/{path.name}": path.read_text(encoding="utf-8")
    for path in sorted((REPO_DATA / "practice").glob("*.yaml"))
}
BASE: dict[str, str] = {
    **PRACTICE_FILES,
    "policy/policy-2016.yaml": POLICY_2016,
    "policy/policy-2024.yaml": POLICY_2024,
    "organisations/kulturnamnden.yaml": organisation_text("kulturnamnden", "Kulturnämnden"),
    "organisations/malmo-stadshus-ab.yaml": organisation_text(
        "malmo-stadshus-ab", "Malmö Stadshus AB", kind="company", contacts=None
    ),
    "organisations/boplats-syd-ab.yaml": organisation_text(
        "boplats-syd-ab",
        "Boplats Syd AB",
        kind="company",
        parent="malmo-stadshus-ab",
        contacts=None,
    ),
    "organisations/revisorskollegiet.yaml": organisation_text(
        "revisorskollegiet", "Revisorskollegiet", kind="other", contacts=None
    ),
    "networks/eurocities.yaml": (
        "schema_version: 1\n"
        "id: eurocities\n"
        "name: Eurocities\n"
        "url: https://eurocities.eu\n"
        "member_since: 1997\n"
        "participants:\n"
        "  - {organisation: kulturnamnden, role: member, from: 1997-01-01, to: null}\n"
    ),
    "twin-cities/tallinn.yaml": (
        "schema_version: 1\n"
        "id: tallinn\n"
        "city: Tallinn\n"
        "country: EE\n"
        "since: 1989\n"
        "agreement: twin_city\n"
    ),
    "projects/kulturprojekt.yaml": project_text(),
}


def write_record(root: Path, rel: str, text: str) -> Path:
    """Write one record file (creating its folders) under the data root."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def make_root(tmp_path: Path, records: dict[str, str | None] | None = None) -> Path:
    """The base data root, with records added, replaced or (value None) left out."""
    root = tmp_path / "data"
    merged: dict[str, str | None] = {**BASE, **(records or {})}
    for rel, text in merged.items():
        if text is not None:
            write_record(root, rel, text)
    return root


def run(root: Path, today: date = TODAY) -> ValidationResult:
    return validate_data_root(root, today, str(root))


def with_code(result: ValidationResult, code: str) -> list[Finding]:
    return [finding for finding in result.findings if finding.code == code]


def position(root: Path, rel: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """1-based line and column of a piece of text in a record file."""
    text = (root / rel).read_text(encoding="utf-8")
    index = -1
    for _ in range(occurrence + 1):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def assert_at(finding: Finding, root: Path, rel: str, needle: str, occurrence: int = 0) -> None:
    assert finding.file == str(root / rel)
    assert (finding.line, finding.column) == position(root, rel, needle, occurrence)


# --- the registry and the clean base --------------------------------------------------------


def test_every_check_module_registers_its_checks() -> None:
    by_module: dict[str, set[str]] = {}
    for check in REGISTRY:
        by_module.setdefault(check.__module__, set()).add(check.__name__)
    assert by_module == {
        references.__name__: {"organisation_references", "report_references", "parent_loops"},
        duties.__name__: {
            "committee_has_contact",
            "company_contact_allowed",
            "committee_has_yearly_reports",
            "reports_are_reports",
        },
        applications.__name__: {"required_notice_recorded", "exchange_rate_is_recent"},
        identity.__name__: {"names_match_files", "policy_days_differ"},
        examples.__name__: {"references_to_examples", "real_projects_under_an_example_policy"},
    }


def test_base_root_is_clean(tmp_path: Path) -> None:
    result = run(make_root(tmp_path))
    assert result.findings == []
    assert result.record_count == len(BASE)
    assert result.ok(strict=True)


# --- references -----------------------------------------------------------------------------


def test_unknown_project_organisation_with_hint(tmp_path: Path) -> None:
    rel = "projects/kulturprojekt.yaml"
    root = make_root(tmp_path, {rel: project_text(organisation="kulturnamden")})
    [finding] = with_code(run(root), "unknown-reference")
    assert finding.severity is Severity.ERROR
    assert finding.record == "kulturprojekt"
    assert finding.path == "organisation"
    assert_at(finding, root, rel, "kulturnamden")
    assert (
        finding.message == "organisationen 'kulturnamden' finns inte – menade du 'kulturnamnden'?"
    )


def test_unknown_reference_without_close_match_has_no_hint(tmp_path: Path) -> None:
    rel = "projects/kulturprojekt.yaml"
    root = make_root(tmp_path, {rel: project_text(organisation="xyz")})
    [finding] = with_code(run(root), "unknown-reference")
    assert finding.message == "organisationen 'xyz' finns inte"


def test_unknown_organisation_parent(tmp_path: Path) -> None:
    rel = "organisations/boplats-syd-ab.yaml"
    text = organisation_text(
        "boplats-syd-ab", "Boplats Syd AB", kind="company", parent="malmo-stadshus", contacts=None
    )
    root = make_root(tmp_path, {rel: text})
    [finding] = with_code(run(root), "unknown-reference")
    assert finding.severity is Severity.ERROR
    assert finding.record == "boplats-syd-ab"
    assert finding.path == "parent"
    assert_at(finding, root, rel, "malmo-stadshus")
    assert "'malmo-stadshus'" in finding.message
    assert "menade du 'malmo-stadshus-ab'?" in finding.message


def test_known_parent_is_not_reported(tmp_path: Path) -> None:
    assert with_code(run(make_root(tmp_path)), "unknown-reference") == []


def test_unknown_network_participant(tmp_path: Path) -> None:
    rel = "networks/eurocities.yaml"
    text = (
        BASE[rel] + "  - {organisation: kulturnamd, role: observer, from: 2020-01-01, to: null}\n"
    )
    root = make_root(tmp_path, {rel: text})
    [finding] = with_code(run(root), "unknown-reference")
    assert finding.severity is Severity.ERROR
    assert finding.record == "eurocities"
    assert finding.path == "participants[1].organisation"
    assert_at(finding, root, rel, "kulturnamd")
    assert "nätverket" not in finding.message
    assert finding.message.startswith("organisationen 'kulturnamd' finns inte")
    assert "menade du 'kulturnamnden'?" in finding.message


ACTIVITIES = """\
  - title: Eurocities kulturforum
    focus_area: profilering
    kind: network
    networks: [eurocities, eurocitis]
    twin_cities: [tallinn]
    projects: [kulturprojekt]
  - title: Utbyte
    focus_area: verksamhetsutveckling
    kind: exchange
    twin_cities: [tallin]
    projects: [kulturprojekt, kulturprojektet]
"""


def test_unknown_report_activity_references(tmp_path: Path) -> None:
    rel = "reports/2025/kulturnamnden.yaml"
    root = make_root(tmp_path, {rel: report_text("kulturnamnden", 2025, ACTIVITIES)})
    found = with_code(run(root), "unknown-reference")
    assert [(f.record, f.path) for f in found] == [
        ("2025/kulturnamnden", "activities[0].networks[1]"),
        ("2025/kulturnamnden", "activities[1].twin_cities[0]"),
        ("2025/kulturnamnden", "activities[1].projects[1]"),
    ]
    network, twin_city, project = found
    assert all(f.severity is Severity.ERROR for f in found)
    assert_at(network, root, rel, "eurocitis")
    assert network.message == "nätverket 'eurocitis' finns inte – menade du 'eurocities'?"
    assert_at(twin_city, root, rel, "tallin]")
    assert twin_city.message == "vänorten 'tallin' finns inte – menade du 'tallinn'?"
    assert_at(project, root, rel, "kulturprojektet")
    assert project.message == (
        "projektet 'kulturprojektet' finns inte – menade du 'kulturprojekt'?"
    )


def test_unknown_report_organisation(tmp_path: Path) -> None:
    rel = "reports/2025/okand-namnd.yaml"
    root = make_root(
        tmp_path,
        {
            rel: report_text("okand-namnd", 2025),
            "reports/2025/kulturnamnden.yaml": report_text("kulturnamnden", 2025),
        },
    )
    [finding] = with_code(run(root), "unknown-reference")
    assert finding.record == "2025/okand-namnd"
    assert finding.path == "organisation"
    assert_at(finding, root, rel, "okand-namnd")


def test_known_report_references_are_clean(tmp_path: Path) -> None:
    activities = ACTIVITIES.replace("eurocitis", "eurocities")
    activities = activities.replace("[tallin]", "[tallinn]").replace(", kulturprojektet", "")
    rel = "reports/2025/kulturnamnden.yaml"
    root = make_root(tmp_path, {rel: report_text("kulturnamnden", 2025, activities)})
    assert run(root).findings == []


def test_reference_to_broken_record_is_not_unknown(tmp_path: Path) -> None:
    broken = organisation_text("trasig-namnd", "Trasig nämnd", kind="namnd")
    rel = "organisations/trasig-namnd.yaml"
    root = make_root(
        tmp_path,
        {
            rel: broken,
            "projects/kulturprojekt.yaml": project_text(organisation="trasig-namnd"),
            "networks/eurocities.yaml": BASE["networks/eurocities.yaml"].replace(
                "kulturnamnden", "trasig-namnd"
            ),
        },
    )
    result = run(root)
    assert with_code(result, "unknown-reference") == []
    [error] = result.errors
    assert (error.code, error.record, error.path) == ("invalid-value", "trasig-namnd", "kind")


def test_reference_to_unparsable_record_is_not_unknown(tmp_path: Path) -> None:
    root = make_root(
        tmp_path,
        {
            "twin-cities/tallinn.yaml": "id: [tallinn\n",
            "reports/2025/kulturnamnden.yaml": report_text(
                "kulturnamnden",
                2025,
                "  - {title: Utbyte, focus_area: profilering, kind: exchange, "
                "twin_cities: [tallinn]}\n",
            ),
        },
    )
    result = run(root)
    assert with_code(result, "unknown-reference") == []
    assert [f.code for f in result.errors] == ["yaml-syntax"]


# --- duties: contact person ----------------------------------------------------------------


def test_committee_with_current_contact_is_clean(tmp_path: Path) -> None:
    assert with_code(run(make_root(tmp_path)), "contact-missing") == []


def test_committee_without_contact(tmp_path: Path) -> None:
    rel = "organisations/kulturnamnden.yaml"
    text = organisation_text("kulturnamnden", "Kulturnämnden", contacts=None)
    root = make_root(tmp_path, {rel: text})
    result = run(root)
    [finding] = with_code(result, "contact-missing")
    assert finding.severity is Severity.WARNING
    assert finding.record == "kulturnamnden"
    assert finding.path == "eu_network_contacts"
    assert_at(finding, root, rel, "eu_network_contacts")
    assert finding.message.startswith("Kulturnämnden har ingen aktuell kontaktperson")
    assert result.errors == []


def test_company_without_contact_has_no_duty(tmp_path: Path) -> None:
    result = run(make_root(tmp_path))
    records = {f.record for f in with_code(result, "contact-missing")}
    assert "boplats-syd-ab" not in records
    assert "revisorskollegiet" not in records


# --- companies in the EU-nätverket (allowed from the 2024 revision) -------------------------

BOPLATS = "organisations/boplats-syd-ab.yaml"


def company_with_contacts(contacts: str) -> dict[str, str]:
    text = organisation_text(
        "boplats-syd-ab",
        "Boplats Syd AB",
        kind="company",
        parent="malmo-stadshus-ab",
        contacts=contacts,
    )
    return {BOPLATS: text}


def company_contact_findings(result: ValidationResult) -> list[Finding]:
    codes = {"company-contact-too-early", "company-contact-not-allowed"}
    return [finding for finding in result.findings if finding.code in codes]


def test_company_contact_from_the_revision_is_fine(tmp_path: Path) -> None:
    contact = "  - {name: Bo Ek, email: bo.ek@malmo.se, from: 2024-08-29, to: null}\n"
    result = run(make_root(tmp_path, company_with_contacts(contact)))
    assert company_contact_findings(result) == []
    assert result.ok(strict=True)


def test_company_contact_before_the_revision_is_warned_with_why(tmp_path: Path) -> None:
    contacts = (
        "  - {name: Bo Ek, email: bo.ek@malmo.se, from: 2019-03-01, to: 2024-12-31}\n"
        "  - {name: Eva Ek, email: eva.ek@malmo.se, from: 2025-01-01, to: null}\n"
    )
    root = make_root(tmp_path, company_with_contacts(contacts))
    result = run(root)
    [finding] = company_contact_findings(result)
    assert finding.code == "company-contact-too-early"
    assert finding.severity is Severity.WARNING
    assert finding.record == "boplats-syd-ab"
    assert finding.path == "eu_network_contacts[0].from"
    assert_at(finding, root, BOPLATS, "2019-03-01")
    assert finding.message == (
        "Boplats Syd AB har en kontaktperson till EU-nätverket från 2019-03-01, men stadens "
        "helägda bolag får delta i EU-nätverket först enligt den policyversion som gäller "
        "från 2024-08-29 (policy-2024); kontrollera startdatumet (fältet from)"
    )
    assert result.errors == []


def test_company_contact_the_day_before_the_revision_is_warned(tmp_path: Path) -> None:
    contact = "  - {name: Bo Ek, email: bo.ek@malmo.se, from: 2024-08-28, to: null}\n"
    result = run(make_root(tmp_path, company_with_contacts(contact)))
    assert [f.code for f in company_contact_findings(result)] == ["company-contact-too-early"]


def test_company_contact_without_any_allowing_policy(tmp_path: Path) -> None:
    contact = "  - {name: Bo Ek, email: bo.ek@malmo.se, from: 2025-01-01, to: null}\n"
    policy = POLICY_2024.replace("companies_in_eu_network: true", "companies_in_eu_network: false")
    records = {**company_with_contacts(contact), "policy/policy-2024.yaml": policy}
    [finding] = company_contact_findings(run(make_root(tmp_path, records)))
    assert finding.code == "company-contact-not-allowed"
    assert "låter inte stadens bolag delta i EU-nätverket" in finding.message


def test_committee_and_other_contacts_are_not_company_contacts(tmp_path: Path) -> None:
    early = "  - {name: Bo Ek, email: bo.ek@malmo.se, from: 2019-03-01, to: null}\n"
    records = {
        "organisations/kulturnamnden.yaml": organisation_text(
            "kulturnamnden", "Kulturnämnden", contacts=early
        ),
        "organisations/revisorskollegiet.yaml": organisation_text(
            "revisorskollegiet", "Revisorskollegiet", kind="other", contacts=early
        ),
    }
    assert company_contact_findings(run(make_root(tmp_path, records))) == []


def test_committee_whose_contact_ended(tmp_path: Path) -> None:
    contacts = (
        "  - {name: Anna Andersson, email: anna.andersson@malmo.se, "
        "from: 2022-01-01, to: 2025-12-31}\n"
    )
    rel = "organisations/kulturnamnden.yaml"
    root = make_root(
        tmp_path, {rel: organisation_text("kulturnamnden", "Kulturnämnden", contacts=contacts)}
    )
    [finding] = with_code(run(root), "contact-missing")
    assert finding.severity is Severity.WARNING
    assert finding.record == "kulturnamnden"
    assert_at(finding, root, rel, "eu_network_contacts")


def test_committee_whose_contact_starts_later(tmp_path: Path) -> None:
    contacts = (
        "  - {name: Anna Andersson, email: anna.andersson@malmo.se, from: 2027-01-01, to: null}\n"
    )
    rel = "organisations/kulturnamnden.yaml"
    root = make_root(
        tmp_path, {rel: organisation_text("kulturnamnden", "Kulturnämnden", contacts=contacts)}
    )
    assert len(with_code(run(root), "contact-missing")) == 1


def test_handover_keeps_a_current_contact(tmp_path: Path) -> None:
    contacts = (
        "  - {name: Anna Andersson, email: anna.andersson@malmo.se, "
        "from: 2022-01-01, to: 2025-12-31}\n"
        "  - {name: Bo Berg, email: bo.berg@malmo.se, from: 2025-12-31, to: null}\n"
    )
    rel = "organisations/kulturnamnden.yaml"
    root = make_root(
        tmp_path, {rel: organisation_text("kulturnamnden", "Kulturnämnden", contacts=contacts)}
    )
    assert run(root).findings == []


@pytest.mark.parametrize("active", ["{from: null, to: 2025-12-31}", "{from: 2027-01-01, to: null}"])
def test_committee_not_active_today_needs_no_contact(tmp_path: Path, active: str) -> None:
    text = organisation_text("kulturnamnden", "Kulturnämnden", active=active, contacts=None)
    root = make_root(tmp_path, {"organisations/kulturnamnden.yaml": text})
    assert with_code(run(root), "contact-missing") == []


# --- duties: yearly reports ----------------------------------------------------------------


def missing_reports(result: ValidationResult) -> set[tuple[str, str]]:
    found = with_code(result, "report-missing")
    assert all(f.severity is Severity.WARNING for f in found)
    return {(f.record, f.message.rsplit("reports/", 1)[1]) for f in found}


def test_no_reports_folder_requires_no_reports(tmp_path: Path) -> None:
    assert with_code(run(make_root(tmp_path)), "report-missing") == []


def test_report_missing_from_first_report_year_to_last_year(tmp_path: Path) -> None:
    root = make_root(
        tmp_path, {"reports/2024/kulturnamnden.yaml": report_text("kulturnamnden", 2024)}
    )
    result = run(root)
    # 2024 is there, 2025 is missing, 2026 is the running year and not yet required.
    assert missing_reports(result) == {("kulturnamnden", "2025/kulturnamnden.yaml")}
    [finding] = with_code(result, "report-missing")
    assert finding.path == "id"
    rel = "organisations/kulturnamnden.yaml"
    assert_at(finding, root, rel, "kulturnamnden")
    assert "för 2025" in finding.message
    assert result.errors == []


def test_all_reports_present_is_clean(tmp_path: Path) -> None:
    root = make_root(
        tmp_path,
        {
            "reports/2024/kulturnamnden.yaml": report_text("kulturnamnden", 2024),
            "reports/2025/kulturnamnden.yaml": report_text("kulturnamnden", 2025),
        },
    )
    assert run(root).findings == []


def test_first_year_with_a_reports_folder_starts_the_duty(tmp_path: Path) -> None:
    root = make_root(
        tmp_path, {"reports/2022/kulturnamnden.yaml": report_text("kulturnamnden", 2022)}
    )
    assert missing_reports(run(root)) == {
        ("kulturnamnden", "2023/kulturnamnden.yaml"),
        ("kulturnamnden", "2024/kulturnamnden.yaml"),
        ("kulturnamnden", "2025/kulturnamnden.yaml"),
    }


def test_running_year_is_not_required(tmp_path: Path) -> None:
    root = make_root(
        tmp_path, {"reports/2024/kulturnamnden.yaml": report_text("kulturnamnden", 2024)}
    )
    assert missing_reports(run(root, today=date(2025, 12, 31))) == set()
    assert missing_reports(run(root, today=date(2026, 1, 1))) == {
        ("kulturnamnden", "2025/kulturnamnden.yaml")
    }


def test_only_committees_must_report(tmp_path: Path) -> None:
    root = make_root(
        tmp_path, {"reports/2024/kulturnamnden.yaml": report_text("kulturnamnden", 2024)}
    )
    records = {record for record, _ in missing_reports(run(root))}
    assert records == {"kulturnamnden"}


def test_only_years_when_the_committee_was_active(tmp_path: Path) -> None:
    root = make_root(
        tmp_path,
        {
            "reports/2023/kulturnamnden.yaml": report_text("kulturnamnden", 2023),
            "reports/2024/kulturnamnden.yaml": report_text("kulturnamnden", 2024),
            "reports/2025/kulturnamnden.yaml": report_text("kulturnamnden", 2025),
            "organisations/gammal-namnd.yaml": organisation_text(
                "gammal-namnd", "Gammal nämnd", active="{from: null, to: 2024-06-30}"
            ),
            "organisations/ny-namnd.yaml": organisation_text(
                "ny-namnd", "Ny nämnd", active="{from: 2025-03-01, to: null}"
            ),
        },
    )
    assert missing_reports(run(root)) == {
        ("gammal-namnd", "2023/gammal-namnd.yaml"),
        ("gammal-namnd", "2024/gammal-namnd.yaml"),
        ("ny-namnd", "2025/ny-namnd.yaml"),
    }


# --- applications: notices under the EU funding routine -------------------------------------

PROJECT = "projects/kulturprojekt.yaml"


def test_ks_information_required_at_threshold(tmp_path: Path) -> None:
    text = project_text(budget=sek_budget("12000000"), notices="notices: {}\n")
    root = make_root(tmp_path, {PROJECT: text})
    result = run(root)
    [finding] = with_code(result, "notice-missing")
    assert finding.severity is Severity.WARNING
    assert finding.record == "kulturprojekt"
    assert finding.path == "notices"
    assert_at(finding, root, PROJECT, "notices")
    assert "informationsärende till kommunstyrelsen" in finding.message
    assert "notices.ks_information" in finding.message
    assert "2024-09-10" in finding.message
    assert result.errors == []


def test_recorded_eu_network_notice_does_not_satisfy_ks_route(tmp_path: Path) -> None:
    root = make_root(tmp_path, {PROJECT: project_text(budget=sek_budget("12000000"))})
    [finding] = with_code(run(root), "notice-missing")
    assert "notices.ks_information" in finding.message


def test_ks_information_recorded_is_clean(tmp_path: Path) -> None:
    notices = "notices:\n  ks_information: {date: 2024-09-01, diary_number: KS-2024-00123}\n"
    root = make_root(
        tmp_path, {PROJECT: project_text(budget=sek_budget("12000000"), notices=notices)}
    )
    assert run(root).findings == []


def test_eu_network_required_one_ore_below_threshold(tmp_path: Path) -> None:
    text = project_text(budget=sek_budget("11999999.99"), notices=None)
    root = make_root(tmp_path, {PROJECT: text})
    [finding] = with_code(run(root), "notice-missing")
    assert finding.severity is Severity.WARNING
    assert finding.path == "notices"
    assert "information via EU-nätverket" in finding.message
    assert "notices.eu_network" in finding.message


def test_eu_network_recorded_below_threshold_is_clean(tmp_path: Path) -> None:
    root = make_root(tmp_path, {PROJECT: project_text(budget=sek_budget("11999999.99"))})
    assert run(root).findings == []


@pytest.mark.parametrize(
    "changes",
    [
        {"role": "partner"},
        {"eu": "false"},
        {"organisation": "boplats-syd-ab"},
        {"submitted": "2024-08-28"},
        {"submitted": "2016-01-01"},
        {"submitted": "null"},
    ],
    ids=["partner", "not-eu", "company", "before-2024-policy", "before-any-policy", "unsent"],
)
def test_no_notice_required(tmp_path: Path, changes: dict[str, str]) -> None:
    text = project_text(budget=sek_budget("12000000"), notices=None, **changes)
    root = make_root(tmp_path, {PROJECT: text})
    result = run(root)
    assert with_code(result, "notice-missing") == []
    assert with_code(result, "notice-late") == []


def test_notice_after_submission_is_late(tmp_path: Path) -> None:
    text = project_text(notices="notices:\n  eu_network: {date: 2024-09-11}\n")
    root = make_root(tmp_path, {PROJECT: text})
    result = run(root)
    assert with_code(result, "notice-missing") == []
    [finding] = with_code(result, "notice-late")
    assert finding.severity is Severity.WARNING
    assert finding.record == "kulturprojekt"
    assert finding.path == "notices.eu_network.date"
    assert_at(finding, root, PROJECT, "2024-09-11")
    assert "2024-09-11" in finding.message
    assert "2024-09-10" in finding.message


def test_ks_notice_after_submission_is_late(tmp_path: Path) -> None:
    notices = "notices:\n  ks_information: {date: 2024-10-01, diary_number: KS-2024-00123}\n"
    root = make_root(
        tmp_path, {PROJECT: project_text(budget=sek_budget("20000000"), notices=notices)}
    )
    [finding] = with_code(run(root), "notice-late")
    assert finding.path == "notices.ks_information.date"
    assert_at(finding, root, PROJECT, "2024-10-01")


@pytest.mark.parametrize(
    ("budget", "route", "words", "recorded"),
    [
        ("12000000", "ks_information", "informationsärende till kommunstyrelsen", "registrerat"),
        ("11999999.99", "eu_network", "information via EU-nätverket", "registrerad"),
    ],
)
def test_notice_findings_carry_the_route_code_and_the_table_words_it(
    tmp_path: Path, budget: str, route: str, words: str, recorded: str
) -> None:
    """A check's params hold codes; the Swedish words come from the message table."""
    from intlpolicy.loading.files import DiskReader
    from intlpolicy.loading.store import load_data_root

    root = make_root(tmp_path, {PROJECT: project_text(budget=sek_budget(budget), notices=None)})
    records = load_data_root(root, str(root), DiskReader(root)).records
    context = applications.CheckContext(records, TODAY)
    [issue] = applications.required_notice_recorded(context)
    assert issue.params == {"route": route, "submitted": "2024-09-10"}
    [finding] = with_code(run(root), "notice-missing")
    assert finding.message == (
        f"ansökan lämnades 2024-09-10 men {words} är inte {recorded} (fältet notices.{route})"
    )


def test_notice_on_submission_day_is_in_time(tmp_path: Path) -> None:
    text = project_text(notices="notices:\n  eu_network: {date: 2024-09-10}\n")
    assert run(make_root(tmp_path, {PROJECT: text})).findings == []


# --- applications: exchange rate age --------------------------------------------------------


@pytest.mark.parametrize("offset", [-46, -45, 0, 45, 46])
def test_rate_age_limit_is_45_days(tmp_path: Path, offset: int) -> None:
    submitted = date(2024, 9, 10)
    rate_date = (submitted + timedelta(days=offset)).isoformat()
    budget = eur_budget("100000", "11.4845", rate_date)
    root = make_root(tmp_path, {PROJECT: project_text(budget=budget)})
    found = with_code(run(root), "rate-stale")
    if abs(offset) <= 45:
        assert found == []
        return
    [finding] = found
    assert finding.severity is Severity.WARNING
    assert finding.record == "kulturprojekt"
    assert finding.path == "total_budget.exchange_rate.date"
    assert_at(finding, root, PROJECT, rate_date)
    assert "46 dagar" in finding.message
    assert "2024-09-10" in finding.message


def test_rate_of_unsubmitted_application_is_measured_from_today(tmp_path: Path) -> None:
    fresh = project_text(budget=eur_budget("100000", "11.4845", "2026-10-12"), submitted="null")
    stale = project_text(
        "gammal-kurs", budget=eur_budget("100000", "11.4845", "2026-10-11"), submitted="null"
    )
    root = make_root(tmp_path, {PROJECT: fresh, "projects/gammal-kurs.yaml": stale})
    [finding] = with_code(run(root), "rate-stale")
    assert finding.record == "gammal-kurs"
    assert "46 dagar" in finding.message


def test_sek_budget_has_no_rate_to_check(tmp_path: Path) -> None:
    text = project_text(submitted="2016-01-01", notices=None)
    assert run(make_root(tmp_path, {PROJECT: text})).findings == []


# --- identity -------------------------------------------------------------------------------


def test_unique_ids_are_clean(tmp_path: Path) -> None:
    assert with_code(run(make_root(tmp_path)), "duplicate-id") == []


def test_duplicate_organisation_id(tmp_path: Path) -> None:
    rel = "organisations/kulturnamnden-kopia.yaml"
    root = make_root(tmp_path, {rel: organisation_text("kulturnamnden", "Kulturnämnden (kopia)")})
    result = run(root)
    [finding] = with_code(result, "duplicate-id")
    assert finding.severity is Severity.ERROR
    assert finding.record == "kulturnamnden-kopia"
    assert finding.path == "id"
    assert_at(finding, root, rel, "kulturnamnden")
    assert str(root / "organisations" / "kulturnamnden.yaml") in finding.message
    # The id names another file: one finding that says which, not a second id-mismatch.
    assert with_code(result, "id-mismatch") == []
    assert not result.ok()


def test_same_id_in_different_kinds_is_fine(tmp_path: Path) -> None:
    text = project_text("tallinn")
    root = make_root(tmp_path, {"projects/tallinn.yaml": text})
    assert with_code(run(root), "duplicate-id") == []


# --- duties are warnings: exit codes --------------------------------------------------------


def test_duties_are_warnings_that_only_fail_with_strict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_root(
        tmp_path,
        {
            "organisations/kulturnamnden.yaml": organisation_text(
                "kulturnamnden", "Kulturnämnden", contacts=None
            ),
            "reports/2024/kulturnamnden.yaml": report_text("kulturnamnden", 2024),
            PROJECT: project_text(budget=sek_budget("12000000")),
        },
    )
    args = ["validate", "--data", str(root), "--format", "json"]
    relaxed = invoke(*args)
    assert relaxed.exit_code == 0, relaxed.output
    document = json.loads(relaxed.stdout)
    assert document["ok"] is True
    assert document["errors"] == []
    assert {w["code"] for w in document["warnings"]} == {
        "contact-missing",
        "report-missing",
        "notice-missing",
    }
    strict = invoke(*args, "--strict")
    assert strict.exit_code == 1
    assert json.loads(strict.stdout)["ok"] is False
    text = invoke("validate", "--data", str(root), "--format", "text", "--strict")
    assert text.exit_code == 1
    assert text.stdout.splitlines()[-1] == f"{len(BASE) + 1} poster, 0 fel, 3 varningar"


# --- pinned by the mutation run (docs/development.md) ---------------------------------------


def test_reference_to_a_kind_with_no_records_at_all(tmp_path: Path) -> None:
    # No twin-cities/ folder: the reference is unknown, with nothing to suggest (no crash).
    rel = "reports/2025/kulturnamnden.yaml"
    root = make_root(
        tmp_path,
        {rel: report_text("kulturnamnden", 2025, ACTIVITIES), "twin-cities/tallinn.yaml": None},
    )
    found = [f for f in with_code(run(root), "unknown-reference") if "twin_cities" in f.path]
    assert [f.message for f in found] == [
        "vänorten 'tallinn' finns inte",
        "vänorten 'tallin' finns inte",
    ]


def test_report_years_without_any_policy_start_at_the_first_reports_folder() -> None:
    records = RecordSet(report_years=[2023, 2025])
    assert duties.report_years(CheckContext(records, TODAY)) == range(2023, 2026)


def test_check_registers_the_function_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(base, "REGISTRY", [])

    def a_check(context: CheckContext) -> list[Issue]:
        return []

    assert base.check(a_check) is a_check
    assert [a_check] == base.REGISTRY


# --- applications: the city's practice, as data ---------------------------------------------


def switched(code: str, old: str = "enabled: true", new: str = "enabled: false") -> dict[str, str]:
    """The practice file of `code` with one line changed (by default: switched off)."""
    key = f"practice/{code}.yaml"
    assert old in PRACTICE_FILES[key]
    return {key: PRACTICE_FILES[key].replace(old, new)}


def test_the_rate_age_limit_comes_from_the_practice_data(tmp_path: Path) -> None:
    budget = eur_budget("100000", "11.4845", "2024-07-01")  # 71 days before submission
    project = {PROJECT: project_text(budget=budget)}
    [finding] = with_code(run(make_root(tmp_path / "on", project)), "rate-stale")
    assert "stadens tillämpning, inte policyns ord: högst 45 dagar" in finding.message
    longer = {**project, **switched("rate-max-age", "days: 45", "days: 80")}
    assert with_code(run(make_root(tmp_path / "longer", longer)), "rate-stale") == []
    off = {**project, **switched("rate-max-age")}
    assert with_code(run(make_root(tmp_path / "off", off)), "rate-stale") == []


def test_a_late_notice_is_practice_and_can_be_switched_off(tmp_path: Path) -> None:
    project = {PROJECT: project_text(notices="notices:\n  eu_network: {date: 2024-09-11}\n")}
    [finding] = with_code(run(make_root(tmp_path / "on", project)), "notice-late")
    assert "stadens tillämpning, inte policyns ord" in finding.message
    off = {**project, **switched("notice-before-submission")}
    assert run(make_root(tmp_path / "off", off)).findings == []
    later = {**project, **switched("notice-before-submission", "2024-08-29", "2025-01-01")}
    assert run(make_root(tmp_path / "later", later)).findings == []


def test_a_rate_from_another_source_than_the_practice_names(tmp_path: Path) -> None:
    budget = eur_budget("100000", "11.4845", "2024-09-01").replace("InforEuro", "Riksbanken")
    project = {PROJECT: project_text(budget=budget)}
    [finding] = with_code(run(make_root(tmp_path / "on", project)), "rate-source-other")
    assert finding.path == "total_budget.exchange_rate.source"
    assert "Riksbanken" in finding.message and "InforEuro" in finding.message
    assert "stadens tillämpning, inte policyns ord" in finding.message
    off = {**project, **switched("rate-source")}
    assert with_code(run(make_root(tmp_path / "off", off)), "rate-source-other") == []
