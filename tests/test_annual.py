"""The compiled yearly report: its figures (pure), `build_annual_report`, and the rendering.

The figures are checked on records built in code and on tests/fixtures/annual (see its
README.md); the rendering is compared with tests/golden/annual-report-2024.md and .html.
Refresh those with `pytest --update-golden` after a deliberate change, and read the diff.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import ANNUAL_FIXTURE, pdf_text
from intlpolicy.compilation import AnnualReport, CommitteeActivities, compile_annual_report
from intlpolicy.findings import Finding, Severity
from intlpolicy.loading.records import RecordSet
from intlpolicy.loading.records import Source as LoadedSource
from intlpolicy.loading.store import load_data_root
from intlpolicy.models import (
    KIND_BY_FOLDER,
    Network,
    Organisation,
    Policy,
    Project,
    Report,
    TwinCity,
)
from intlpolicy.reports.annual import RENDERERS, swedish_date
from intlpolicy.reports.templating import TemplateProblem
from intlpolicy.services.annual_report import (
    AnnualReportRequest,
    ReportRefused,
    build_annual_report,
)
from intlpolicy.services.validate import Source, validate_data_root
from intlpolicy.swedish import swedish_key

GOLDEN = Path(__file__).parent / "golden"
# The fixture's 2024 is over and its reports are in; the warnings are the ones it means to have.
ANNUAL_TODAY = date(2025, 3, 1)
NBSP = "\u00a0"


def build(root: Path, year: int, today: date, **provenance: Any) -> AnnualReport:
    """`build_annual_report` on a data root shown as `data`."""
    return build_annual_report(AnnualReportRequest(Source(root, "data"), year, today, **provenance))


def render(report: AnnualReport, output_format: str, root: Path | None) -> str:
    """The document as text (a PDF's as read back, spaces and line breaks made one space)."""
    document = RENDERERS[output_format](report, root)
    return pdf_text(document) if isinstance(document, bytes) else document


# --- records built in code ------------------------------------------------------------------

POLICIES = [
    Policy.model_validate(
        {
            "schema_version": 1,
            "id": "policy-2016",
            "title": "Policy för Malmö stads internationella arbete",
            "diary_number": "STK-2015-1008",
            "adopted_by": "kommunfullmaktige",
            "adopted": "2016-11-02",
            "in_force_from": "2016-11-02",
            "focus_areas": ["verksamhetsutveckling", "strategisk-paverkan", "profilering"],
            # The records built in code are a register that covers every year of the policy.
            "register_from": 2016,
        }
    ),
    Policy.model_validate(
        {
            "schema_version": 1,
            "id": "policy-2024",
            "title": "Policy för Malmö stads internationella arbete",
            "diary_number": "STK-2015-1008",
            "adopted_by": "kommunfullmaktige",
            "adopted": "2024-08-29",
            "in_force_from": "2024-08-29",
            "focus_areas": ["verksamhetsutveckling", "strategisk-paverkan", "profilering"],
            "eu_funding_routine": {"threshold": {"amount": 12000000, "currency": "SEK"}},
            "companies_in_eu_network": True,
            "compiled_report_to_kf": True,
        }
    ),
]


def organisation(
    id: str,
    name: str,
    kind: str = "committee",
    active: tuple[str | None, str | None] = (None, None),
    contacts: Iterable[tuple[str, str | None]] = (("2020-01-01", None),),
) -> Organisation:
    return Organisation.model_validate(
        {
            "schema_version": 1,
            "id": id,
            "name": name,
            "kind": kind,
            "active": {"from": active[0], "to": active[1]},
            "eu_network_contacts": [
                {"name": "Kim Kontakt", "email": "kim@malmo.se", "from": start, "to": end}
                for start, end in contacts
            ],
        }
    )


def project(
    id: str,
    organisation: str = "kulturnamnden",
    *,
    title: str | None = None,
    role: str = "owner",
    eu: bool = True,
    total: dict[str, Any] | None = None,
    period: tuple[str, str] | None = None,
    submitted: str | None = None,
    decision: str = "pending",
    decided: str | None = None,
    notices: dict[str, Any] | None = None,
    payments: list[dict[str, Any]] | None = None,
    example: bool = False,
) -> Project:
    data: dict[str, Any] = {
        "schema_version": 1,
        "example": example,
        "id": id,
        "title": title or id.replace("-", " ").title(),
        "organisation": organisation,
        "role": role,
        "funding": {"eu": eu, "programme": "Interreg"},
        "total_budget": total or {"amount": 5000000, "currency": "SEK"},
        "notices": notices or {},
        "payments": payments or [],
    }
    if period is not None:
        data["period"] = {"start": period[0], "end": period[1]}
    if submitted is not None:
        data["application"] = {"submitted": submitted, "decision": decision, "decided": decided}
    return Project.model_validate(data)


def activity(title: str, focus: str = "profilering", **extra: Any) -> dict[str, Any]:
    return {"title": title, "focus_area": focus, "kind": "other", **extra}


def report(organisation: str, year: int, *activities: dict[str, Any], **extra: Any) -> Report:
    """A submitted report: with activities, or with the statement that there were none."""
    return Report.model_validate(
        {
            "schema_version": 1,
            "organisation": organisation,
            "year": year,
            "submitted": f"{year + 1}-02-15",
            "summary": f"Redovisning från {organisation}.",
            "activities": list(activities),
            "no_international_work": not activities,
            **extra,
        }
    )


def record_set(
    organisations: Iterable[Organisation] = (),
    projects: Iterable[Project] = (),
    reports: Iterable[Report] = (),
    networks: Iterable[Network] = (),
    twin_cities: Iterable[TwinCity] = (),
) -> RecordSet:
    return RecordSet(
        policies={p.id: p for p in POLICIES},
        organisations={o.id: o for o in organisations},
        projects={p.id: p for p in projects},
        reports={r.key: r for r in reports},
        networks={n.id: n for n in networks},
        twin_cities={t.id: t for t in twin_cities},
    )


KULTUR = organisation("kulturnamnden", "Kulturnämnden")
MILJO = organisation("miljonamnden", "Miljönämnden")


def finding(code: str, file: str | None = None) -> Finding:
    return Finding(
        file=file or f"data/{code}.yaml",
        line=1,
        column=1,
        record=code,
        path="",
        code=code,
        severity=Severity.WARNING,
        message=f"meddelande för {code}",
    )


def names(organisations: Iterable[Organisation]) -> list[str]:
    return [o.name for o in organisations]


def titles_by_organisation(groups: Iterable[CommitteeActivities]) -> list[tuple[str, list[str]]]:
    return [(g.organisation.name, [a.title for a in g.activities]) for g in groups]


# --- the fixture root -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_records() -> RecordSet:
    loaded = load_data_root(ANNUAL_FIXTURE, "data")
    assert loaded.issues == []
    return loaded.records


@pytest.fixture(scope="module")
def fixture_warnings() -> list[Finding]:
    result = validate_data_root(ANNUAL_FIXTURE, ANNUAL_TODAY, "data")
    assert result.errors == []
    return result.warnings


@pytest.fixture(scope="module")
def annual(fixture_records: RecordSet, fixture_warnings: list[Finding]) -> AnnualReport:
    return compile_annual_report(
        fixture_records, 2024, ANNUAL_TODAY, fixture_warnings, commit="abc1234", dirty=True
    )


def test_fixture_validates_with_only_its_intended_warnings(
    fixture_warnings: list[Finding],
) -> None:
    assert sorted((w.record, w.code) for w in fixture_warnings) == [
        ("arbetsmarknadsnamnden", "report-missing"),
        ("creative-neighbourhoods", "rate-stale"),
        ("digital-skills-for-seniors", "notice-late"),
        ("nordic-libraries-lab", "notice-missing"),
        ("overformyndarnamnden", "contact-missing"),
        ("overformyndarnamnden", "report-missing"),
    ]


# --- committees and reports -----------------------------------------------------------------


def test_committees_reported_of_those_active(annual: AnnualReport) -> None:
    # Stadsområdesnämnd Söder closed in 2016; the companies and Revisorskollegiet are no
    # committees. Arbetsmarknadsnämnden (closed mid-2024) and Funktionsstödsnämnden (created
    # mid-2024) were active during the year.
    assert names(annual.committees_active) == [
        "Arbetsmarknadsnämnden",
        "Funktionsstödsnämnden",
        "Kulturnämnden",
        "Miljönämnden",
        "Valnämnden",
        "Överförmyndarnämnden",
    ]
    assert annual.committees_reported == 4
    assert names(e.organisation for e in annual.committee_reports) == [
        "Funktionsstödsnämnden",
        "Kulturnämnden",
        "Miljönämnden",
        "Valnämnden",
    ]


def test_company_reports_have_their_own_list_and_are_not_committees(
    annual: AnnualReport,
) -> None:
    assert names(e.organisation for e in annual.company_reports) == ["Malmö Live Konserthus AB"]
    assert all(e.organisation.kind == "committee" for e in annual.committee_reports)
    assert "malmo-live-konserthus-ab" not in {o.id for o in annual.committees_active}


def test_activities_in_total_and_per_focus_area(annual: AnnualReport) -> None:
    assert sum(annual.activities_by_focus.values()) == annual.activity_count
    assert list(annual.activities_by_focus) == [
        "verksamhetsutveckling",
        "strategisk-paverkan",
        "profilering",
    ]
    for section in annual.focus_sections:
        assert section.count == annual.activities_by_focus[section.key]
        assert section.count == sum(len(group.activities) for group in section.committees)
    strategic = next(s for s in annual.focus_sections if s.key == "strategisk-paverkan")
    assert titles_by_organisation(strategic.committees) == [
        ("Miljönämnden", ["ICLEI:s arbete med EU:s klimatpolitik", "Eurocities miljöforum"])
    ]


def test_activity_counts_from_records_built_in_code() -> None:
    records = record_set(
        organisations=[KULTUR, MILJO],
        reports=[
            report(
                "kulturnamnden",
                2024,
                activity("A", "profilering"),
                activity("B", "profilering"),
                activity("C", "verksamhetsutveckling"),
            ),
            report("miljonamnden", 2024, activity("D", "strategisk-paverkan")),
            report("miljonamnden", 2023, activity("E", "strategisk-paverkan")),
        ],
    )
    annual = compile_annual_report(records, 2024, date(2025, 3, 1))
    assert annual.activity_count == 4
    assert annual.activities_by_focus == {
        "verksamhetsutveckling": 1,
        "strategisk-paverkan": 1,
        "profilering": 2,
    }


def test_a_committee_created_during_the_year_is_active_that_year_only_from_then() -> None:
    new = organisation(
        "funktionsstodsnamnden",
        "Funktionsstödsnämnden",
        active=("2024-07-01", None),
        contacts=[("2024-08-15", None)],
    )
    records = record_set(organisations=[KULTUR, new])
    assert "funktionsstodsnamnden" in {
        o.id for o in compile_annual_report(records, 2024, date(2025, 3, 1)).committees_active
    }
    earlier = compile_annual_report(records, 2023, date(2025, 3, 1))
    assert "funktionsstodsnamnden" not in {o.id for o in earlier.committees_active}
    assert "funktionsstodsnamnden" not in {o.id for o in earlier.follow_up.missing_reports}


def test_a_committee_closed_during_the_year_is_active_that_year_and_not_after() -> None:
    closed = organisation(
        "arbetsmarknadsnamnden",
        "Arbetsmarknadsnämnden",
        active=("2017-01-01", "2024-06-30"),
        contacts=[("2017-01-01", "2024-06-30")],
    )
    records = record_set(organisations=[KULTUR, closed])
    during = compile_annual_report(records, 2024, date(2025, 3, 1))
    assert "arbetsmarknadsnamnden" in {o.id for o in during.committees_active}
    assert "arbetsmarknadsnamnden" in {o.id for o in during.follow_up.missing_reports}
    # It had no contact at the end of 2024, but it no longer existed then: no duty.
    assert "arbetsmarknadsnamnden" not in {o.id for o in during.follow_up.missing_contacts}
    after = compile_annual_report(records, 2025, date(2026, 3, 1))
    assert "arbetsmarknadsnamnden" not in {o.id for o in after.committees_active}
    assert "arbetsmarknadsnamnden" not in {o.id for o in after.follow_up.missing_reports}


def test_a_year_without_any_reports(fixture_records: RecordSet) -> None:
    annual = compile_annual_report(fixture_records, 2025, date(2026, 3, 1))
    assert annual.covered
    assert annual.committee_reports == []
    assert annual.company_reports == []
    assert annual.committees_reported == 0
    assert annual.activity_count == 0
    assert names(annual.follow_up.missing_reports) == names(annual.committees_active)
    text = render(annual, "markdown", None)
    assert "Inga nämnder har redovisat" in text
    assert "## Bolagen" not in text


def test_a_year_before_the_register_is_not_judged(fixture_records: RecordSet) -> None:
    # The fixture records no register_from: the register starts with its first reports/ year.
    annual = compile_annual_report(fixture_records, 2023, ANNUAL_TODAY)
    assert annual.register_from == 2024 and not annual.covered
    for output_format in RENDERERS:
        text = render(annual, output_format, None)
        assert "Registret har inga uppgifter om nämndernas redovisningar för 2023" in text
        assert "Nämnder som redovisat" not in text and "Uppföljning av policyn" not in text


# --- EU projects and money ------------------------------------------------------------------


def test_eu_projects_active_in_the_year_by_role_started_and_ended(annual: AnnualReport) -> None:
    rows = {row.project.id: row for group in annual.projects_by_committee for row in group.rows}
    # Not EU-funded (vanortsutbyte-tallinn), starting 2025 (green-transitions,
    # cultural-heritage-ai) or without a period or payment (the two 2024 applications): out.
    assert sorted(rows) == ["baltic-urban-labs", "creative-neighbourhoods", "urban-heat"]
    assert annual.projects_owner == 1
    assert annual.projects_partner == 2
    assert annual.projects_started == 1
    assert annual.projects_ended == 1
    assert rows["urban-heat"].started and not rows["urban-heat"].ended
    assert rows["creative-neighbourhoods"].ended and not rows["creative-neighbourhoods"].started
    assert [g.organisation.name for g in annual.projects_by_committee] == [
        "Kulturnämnden",
        "Miljönämnden",
    ]


def test_a_project_over_several_years(fixture_records: RecordSet) -> None:
    def row(year: int) -> tuple[bool, bool] | None:
        annual = compile_annual_report(fixture_records, year, ANNUAL_TODAY)
        for group in annual.projects_by_committee:
            for r in group.rows:
                if r.project.id == "baltic-urban-labs":
                    return r.started, r.ended
        return None

    assert row(2022) is None
    assert row(2023) == (True, False)  # active, started
    assert row(2024) == (False, False)  # active only
    assert row(2025) == (False, True)  # active, ended
    assert row(2026) is None


def test_money_received_is_the_payments_of_the_year_in_exact_sek(annual: AnnualReport) -> None:
    eur_payment = Decimal("12345.67") * Decimal("11.4845")  # 141783.847115, not rounded
    assert eur_payment == Decimal("141783.847115")
    expected = eur_payment + 250000 + 180000 + 75000
    assert annual.received_sek == expected
    assert isinstance(annual.received_sek, Decimal)
    assert str(annual.received_sek) == "646783.847115"
    by_committee = {g.organisation.id: g.received_sek for g in annual.projects_by_committee}
    assert by_committee == {
        "kulturnamnden": Decimal(75000),
        "miljonamnden": eur_payment + 250000 + 180000,
    }


def test_a_payment_in_another_currency_is_converted_exactly() -> None:
    payment = {
        "year": 2024,
        "amount": "1000.50",
        "currency": "EUR",
        "exchange_rate": {"rate": "11.4845", "date": "2024-06-28", "source": "Riksbanken"},
    }
    records = record_set(
        organisations=[KULTUR],
        projects=[project("p", period=("2024-01-01", "2025-12-31"), payments=[payment])],
    )
    annual = compile_annual_report(records, 2024, date(2025, 3, 1))
    assert annual.received_sek == Decimal("11490.24225")
    assert annual.projects_by_committee[0].rows[0].received_sek == Decimal("11490.24225")


def test_total_budgets_are_never_summed_as_the_citys_money() -> None:
    big = {"amount": 80000000, "currency": "SEK"}
    records = record_set(
        organisations=[KULTUR, MILJO],
        projects=[
            project(
                "a",
                total=big,
                period=("2024-01-01", "2026-12-31"),
                payments=[{"year": 2024, "amount": 1000, "currency": "SEK"}],
            ),
            project(
                "b",
                "miljonamnden",
                role="partner",
                total=big,
                period=("2023-01-01", "2024-12-31"),
                payments=[
                    {"year": 2023, "amount": 7000, "currency": "SEK"},
                    {"year": 2024, "amount": 500, "currency": "SEK"},
                ],
            ),
            # Money that is not from the EU is not in the figure either.
            project(
                "c",
                eu=False,
                total=big,
                period=("2024-01-01", "2024-12-31"),
                payments=[{"year": 2024, "amount": 99999, "currency": "SEK"}],
            ),
        ],
    )
    annual = compile_annual_report(records, 2024, date(2025, 3, 1))
    assert annual.received_sek == Decimal(1500)
    text = render(annual, "markdown", None)
    assert "| Utbetalda EU-medel under året | 1 500 kr |" in text
    for summed in ("160 000 000", "240 000 000"):
        assert summed not in text


def test_every_payment_of_the_year_shows_in_the_project_table() -> None:
    """EU projects are often paid their last instalment the year after they end.

    The summary's money figure counts that payment, so the per-committee table has to show
    the project too; otherwise the table does not add up to the total the report gives.
    """
    records = record_set(
        organisations=[KULTUR],
        projects=[
            project(
                "final-payment-after-end",
                period=("2022-01-01", "2023-12-31"),
                payments=[{"year": 2024, "amount": 40000, "currency": "SEK"}],
            ),
            project(
                "running",
                period=("2024-01-01", "2025-12-31"),
                payments=[{"year": 2024, "amount": 10000, "currency": "SEK"}],
            ),
        ],
    )
    annual = compile_annual_report(records, 2024, date(2025, 3, 1))
    assert annual.received_sek == Decimal(50000)
    assert sum((g.received_sek for g in annual.projects_by_committee), Decimal(0)) == Decimal(50000)


@pytest.mark.parametrize("decision", ["rejected", "withdrawn"])
def test_an_application_that_was_not_granted_is_no_active_project(decision: str) -> None:
    records = record_set(
        organisations=[KULTUR],
        projects=[
            project(
                "never-happened",
                period=("2024-01-01", "2025-12-31"),
                submitted="2023-05-02",
                decision=decision,
                decided="2023-11-15",
            )
        ],
    )
    annual = compile_annual_report(records, 2024, date(2025, 3, 1))
    assert annual.projects_by_committee == []
    assert (annual.projects_owner, annual.projects_started) == (0, 0)


# --- applications and the routine -----------------------------------------------------------


def test_applications_of_the_year_by_route_and_notice(annual: AnnualReport) -> None:
    rows = {(a.project.id, a.route, a.reason_code, a.notice) for a in annual.applications}
    assert rows == {
        ("cultural-heritage-ai", "ks_information", "at_or_above_threshold", "recorded"),
        ("green-transitions", "eu_network", "below_threshold", "recorded"),
        ("digital-skills-for-seniors", "eu_network", "below_threshold", "late"),
        ("nordic-libraries-lab", "eu_network", "below_threshold", "missing"),
        ("urban-heat", "not_applicable", "no_routine_in_force", "not_required"),
    }
    assert annual.applications_by_route == {
        "ks_information": 1,
        "eu_network": 3,
        "not_applicable": 1,
    }
    # Sorted by committee, then title (Swedish order).
    assert [(a.organisation.name, a.project.title) for a in annual.applications] == [
        ("Funktionsstödsnämnden", "Digital Skills for Seniors"),
        ("Kulturnämnden", "Cultural Heritage and AI"),
        ("Kulturnämnden", "Nordic Libraries Lab"),
        ("Miljönämnden", "Green Transitions in the Öresund Region"),
        ("Miljönämnden", "Urban Heat Mitigation"),
    ]
    ks = next(a for a in annual.applications if a.route == "ks_information")
    assert ks.total_budget_sek == Decimal("15687000")


def test_applications_are_those_submitted_in_the_year(fixture_records: RecordSet) -> None:
    assert compile_annual_report(fixture_records, 2023, ANNUAL_TODAY).applications == []
    in_2022 = compile_annual_report(fixture_records, 2022, ANNUAL_TODAY).applications
    assert [(a.project.id, a.route) for a in in_2022] == [("baltic-urban-labs", "not_applicable")]


def test_application_rows_from_records_built_in_code() -> None:
    records = record_set(
        organisations=[KULTUR, organisation("malmo-live", "Malmö Live", kind="company")],
        projects=[
            project(
                "exactly-at-threshold",
                total={"amount": 12000000, "currency": "SEK"},
                submitted="2024-10-01",
                notices={"ks_information": {"date": "2024-09-20", "diary_number": "KS-1"}},
            ),
            project(
                "in-eur-just-below",
                total={
                    "amount": "1070663.80",
                    "currency": "EUR",
                    "exchange_rate": {"rate": "11.2080", "date": "2024-10-01", "source": "X"},
                },
                submitted="2024-10-02",
            ),
            project("company", "malmo-live", submitted="2024-10-03"),
            project("not-eu", eu=False, submitted="2024-10-04"),
            project("not-yet-submitted"),
        ],
    )
    annual = compile_annual_report(records, 2024, date(2025, 3, 1))
    rows = {a.project.id: (a.route, a.reason_code, a.notice) for a in annual.applications}
    assert rows == {
        "exactly-at-threshold": ("ks_information", "at_or_above_threshold", "recorded"),
        "in-eur-just-below": ("eu_network", "below_threshold", "missing"),
        "company": ("not_applicable", "not_a_committee", "not_required"),
        "not-eu": ("not_applicable", "not_eu_funded", "not_required"),
    }
    assert [a.project.id for a in annual.follow_up.applications_without_notice] == [
        "in-eur-just-below"
    ]


# --- networks and twin cities ---------------------------------------------------------------


def test_networks_and_twin_cities_with_activity_and_who_took_part(annual: AnnualReport) -> None:
    assert [(n.id, n.name) for n in annual.networks] == [
        ("eurocities", "Eurocities"),
        ("iclei", "ICLEI – Local Governments for Sustainability"),
    ]  # Union of the Baltic Cities had no activity in 2024
    eurocities = annual.networks[0]
    assert eurocities.detail == "medlem sedan 1997"
    assert titles_by_organisation(eurocities.committees) == [
        ("Kulturnämnden", ["Eurocities kulturforum"]),
        ("Miljönämnden", ["Eurocities miljöforum"]),
    ]
    assert [t.id for t in annual.twin_cities] == ["chieti", "tallinn"]  # not Vasa
    chieti, tallinn = annual.twin_cities
    assert chieti.name == "Provinsen Chieti"
    assert chieti.detail == "IT, särskilt samarbetsavtal sedan 2001"
    assert tallinn.detail == "EE, vänort sedan 1989"
    # Companies' activities are shown in their own section, not among the committees'.
    assert [g.organisation.name for g in tallinn.committees] == [
        "Funktionsstödsnämnden",
        "Kulturnämnden",
    ]


def test_network_activity_in_another_year_does_not_count() -> None:
    eurocities = Network.model_validate(
        {"schema_version": 1, "id": "eurocities", "name": "Eurocities", "member_since": 1997}
    )
    records = record_set(
        organisations=[KULTUR],
        reports=[report("kulturnamnden", 2023, activity("Forum", networks=["eurocities"]))],
        networks=[eurocities],
    )
    assert compile_annual_report(records, 2024, date(2025, 3, 1)).networks == []
    assert [n.id for n in compile_annual_report(records, 2023, date(2025, 3, 1)).networks] == [
        "eurocities"
    ]


# --- follow-up ------------------------------------------------------------------------------


def test_follow_up_of_the_fixture(annual: AnnualReport) -> None:
    follow = annual.follow_up
    assert names(follow.missing_reports) == ["Arbetsmarknadsnämnden", "Överförmyndarnämnden"]
    assert names(follow.missing_contacts) == ["Överförmyndarnämnden"]
    assert [a.project.id for a in follow.applications_without_notice] == [
        "digital-skills-for-seniors",
        "nordic-libraries-lab",
    ]
    # The duties listed in their own tables are not repeated among the other warnings.
    assert [(w.record, w.code) for w in follow.warnings] == [
        ("creative-neighbourhoods", "rate-stale")
    ]


def with_sources(records: RecordSet) -> RecordSet:
    """The record set with a source file for each project and report, as loading gives."""
    for kind, table in (("project", records.projects), ("report", records.reports)):
        folder = KIND_BY_FOLDER["projects" if kind == "project" else "reports"]
        for key in table:
            rel = f"{folder.folder}/{key}.yaml"
            records.sources[(kind, key)] = LoadedSource(rel, f"data/{rel}", key, folder)
    return records


def test_warnings_passed_in_appear_except_the_duties_listed_in_their_own_tables() -> None:
    this_year = project("i-ar", submitted="2024-05-01")
    records = with_sources(record_set([KULTUR], projects=[this_year]))
    file = "data/projects/i-ar.yaml"
    duties = ("contact-missing", "report-missing", "draft-report", "notice-missing", "notice-late")
    warnings = [finding(code, file) for code in duties] + [finding("rate-stale", file)]
    annual = compile_annual_report(records, 2024, date(2025, 3, 1), warnings)
    assert [w.code for w in annual.follow_up.warnings] == ["rate-stale"]
    assert annual.follow_up.warnings[0] is warnings[-1]
    without = compile_annual_report(records, 2024, date(2025, 3, 1))
    assert without.follow_up.warnings == []


def test_only_the_warnings_about_the_years_records_appear() -> None:
    records = with_sources(
        record_set(
            [KULTUR],
            projects=[
                project("i-ar", submitted="2024-05-01"),
                project("nasta", submitted="2025-05-01"),
            ],
            reports=[report("kulturnamnden", 2024), report("kulturnamnden", 2023)],
        )
    )
    warnings = [
        finding("rate-stale", "data/projects/nasta.yaml"),
        finding("rate-stale", "data/projects/i-ar.yaml"),
        finding("unknown-thing", "data/reports/2023/kulturnamnden.yaml"),
        finding("unknown-thing", "data/reports/2024/kulturnamnden.yaml"),
        finding("unknown-thing", "data/networks/eurocities.yaml"),
    ]
    annual = compile_annual_report(records, 2024, date(2025, 3, 1), warnings)
    assert annual.follow_up.warnings == [warnings[1], warnings[3]]


def test_missing_contacts_at_the_end_of_the_year_or_today_for_a_running_year() -> None:
    starts_in_february = organisation("a-namnd", "A-nämnden", contacts=[("2025-02-01", None)])
    ended_in_january = organisation("b-namnd", "B-nämnden", contacts=[("2020-01-01", "2025-01-31")])
    never = organisation("c-namnd", "C-nämnden", contacts=[])
    records = record_set(organisations=[starts_in_february, ended_in_january, never])
    today = date(2025, 3, 1)
    finished = compile_annual_report(records, 2024, today)
    assert finished.complete is True
    assert names(finished.follow_up.missing_contacts) == ["A-nämnden", "C-nämnden"]
    running = compile_annual_report(records, 2025, today)
    assert running.complete is False
    assert names(running.follow_up.missing_contacts) == ["B-nämnden", "C-nämnden"]


def test_companies_are_not_in_the_committees_duties() -> None:
    company = organisation("bolaget-ab", "Bolaget AB", kind="company", contacts=[])
    other = organisation("revisorskollegiet", "Revisorskollegiet", kind="other", contacts=[])
    records = record_set(
        organisations=[KULTUR, company, other],
        reports=[report("kulturnamnden", 2024), report("bolaget-ab", 2024, activity("X"))],
    )
    annual = compile_annual_report(records, 2024, date(2025, 3, 1))
    assert names(annual.committees_active) == ["Kulturnämnden"]
    assert annual.committees_reported == 1
    assert names(e.organisation for e in annual.company_reports) == ["Bolaget AB"]
    assert annual.follow_up.missing_reports == []
    assert annual.follow_up.missing_contacts == []


# --- Swedish order --------------------------------------------------------------------------


def test_swedish_sort_key() -> None:
    words = ["Örebro", "Ängelholm", "Åmål", "Zürich", "Malmö", "ystad", "Zagreb", "Arlöv"]
    assert sorted(words, key=swedish_key) == [
        "Arlöv",
        "Malmö",
        "ystad",
        "Zagreb",
        "Zürich",
        "Åmål",
        "Ängelholm",
        "Örebro",
    ]


def test_committees_and_lists_are_in_swedish_order() -> None:
    committees = [
        organisation("overformyndarnamnden", "Överförmyndarnämnden", contacts=[]),
        organisation("angelholmsnamnden", "Ängelholmsnämnden", contacts=[]),
        organisation("zetanamnden", "Zetanämnden", contacts=[]),
        organisation("abonamnden", "Åbonämnden", contacts=[]),
        organisation("arbetsmarknadsnamnden", "Arbetsmarknadsnämnden", contacts=[]),
    ]
    records = record_set(
        organisations=committees,
        projects=[
            project(f"p-{o.id}", o.id, period=("2024-01-01", "2024-12-31")) for o in committees
        ],
    )
    annual = compile_annual_report(records, 2024, date(2025, 3, 1))
    expected = [
        "Arbetsmarknadsnämnden",
        "Zetanämnden",
        "Åbonämnden",
        "Ängelholmsnämnden",
        "Överförmyndarnämnden",
    ]
    assert names(annual.committees_active) == expected
    assert names(annual.follow_up.missing_reports) == expected
    assert names(annual.follow_up.missing_contacts) == expected
    assert names(g.organisation for g in annual.projects_by_committee) == expected


def test_project_titles_sort_in_swedish_order() -> None:
    records = record_set(
        organisations=[KULTUR],
        projects=[
            project(f"p{i}", title=title, period=("2024-01-01", "2024-12-31"))
            for i, title in enumerate(["Östersjön", "Älvar", "Zenit", "Åar", "Bäckar"])
        ],
    )
    annual = compile_annual_report(records, 2024, date(2025, 3, 1))
    assert [r.project.title for r in annual.projects_by_committee[0].rows] == [
        "Bäckar",
        "Zenit",
        "Åar",
        "Älvar",
        "Östersjön",
    ]


# --- example data ---------------------------------------------------------------------------


def test_example_records_mark_the_report(annual: AnnualReport) -> None:
    assert annual.example_data is True


def test_without_example_records_nothing_says_exempeldata() -> None:
    records = record_set(
        organisations=[KULTUR],
        reports=[report("kulturnamnden", 2024, activity("A"))],
        projects=[project("p", period=("2024-01-01", "2024-12-31"), submitted="2024-10-01")],
    )
    annual = compile_annual_report(records, 2024, date(2025, 3, 1))
    assert annual.example_data is False
    assert "xempeldata" not in render(annual, "markdown", None)


@pytest.mark.parametrize("where", ["report", "active project", "application"])
def test_one_example_record_marks_the_report(where: str) -> None:
    records = record_set(
        organisations=[KULTUR],
        reports=[report("kulturnamnden", 2024, activity("A"), example=where == "report")],
        projects=[
            project("p", period=("2024-01-01", "2024-12-31"), example=where == "active project"),
            project("q", submitted="2024-10-01", example=where == "application"),
        ],
    )
    annual = compile_annual_report(records, 2024, date(2025, 3, 1))
    assert annual.example_data is True
    assert "**Exempeldata.**" in render(annual, "markdown", None)


# --- build_annual_report --------------------------------------------------------------------


def test_build_refuses_records_with_errors(valid_root: Path, valid_today: date) -> None:
    path = valid_root / "twin-cities" / "tallinn.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "mayor: okänd\n", encoding="utf-8")
    with pytest.raises(ReportRefused) as refused:
        build(valid_root, 2024, valid_today)
    findings = refused.value.findings
    assert [(f.file, f.line, f.column, f.code) for f in findings] == [
        ("data/twin-cities/tallinn.yaml", 7, 1, "unknown-key")
    ]
    assert all(f.severity is Severity.ERROR for f in findings)
    assert "1 fel" in refused.value.message


def test_build_goes_ahead_with_warnings(annual_root: Path) -> None:
    annual = build(annual_root, 2024, ANNUAL_TODAY)
    assert annual.year == 2024
    assert annual.complete is True
    assert [w.code for w in annual.follow_up.warnings] == ["rate-stale"]
    assert annual.follow_up.warnings[0].file == "data/projects/creative-neighbourhoods.yaml"


def test_build_passes_provenance(annual_root: Path) -> None:
    annual = build(annual_root, 2024, ANNUAL_TODAY, commit="abc1234", dirty=True)
    assert (annual.commit, annual.dirty) == ("abc1234", True)


@pytest.mark.parametrize("year", [1999, 2015])
def test_build_refuses_a_year_before_the_first_policy(annual_root: Path, year: int) -> None:
    with pytest.raises(ReportRefused) as refused:
        build(annual_root, year, ANNUAL_TODAY)
    assert str(year) in refused.value.message
    assert "2016" in refused.value.message
    assert refused.value.findings == []


@pytest.mark.parametrize("year", [2026, 2030])
def test_build_refuses_a_year_after_this_one(annual_root: Path, year: int) -> None:
    with pytest.raises(ReportRefused) as refused:
        build(annual_root, year, ANNUAL_TODAY)
    assert str(year) in refused.value.message
    assert "2025" in refused.value.message


def test_build_accepts_the_first_policy_year_and_the_running_year(annual_root: Path) -> None:
    first = build(annual_root, 2016, ANNUAL_TODAY)
    assert first.complete is True
    assert "Stadsområdesnämnd Söder" in names(first.committees_active)
    running = build(annual_root, 2025, ANNUAL_TODAY)
    assert running.complete is False
    assert "Året är inte avslutat" in render(running, "markdown", annual_root)
    finished = render(build(annual_root, 2024, ANNUAL_TODAY), "markdown", annual_root)
    assert "Året är inte avslutat" not in finished


def test_build_refuses_without_any_policy(annual_root: Path) -> None:
    shutil.rmtree(annual_root / "policy")
    with pytest.raises(ReportRefused) as refused:
        build(annual_root, 2024, ANNUAL_TODAY)
    assert "policy" in refused.value.message


# --- rendering ------------------------------------------------------------------------------


def build_golden_report(root: Path) -> AnnualReport:
    return build(root, 2024, ANNUAL_TODAY, commit="abc1234", dirty=True)


def compare_golden(name: str, text: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return
    assert path.exists(), f"{path} is missing: run `pytest --update-golden` and review it"
    expected = path.read_bytes().decode("utf-8")
    assert text == expected, f"{name} differs: after a deliberate change run --update-golden"


def test_golden_markdown(annual_root: Path, update_golden: bool) -> None:
    text = render(build_golden_report(annual_root), "markdown", annual_root)
    compare_golden("annual-report-2024.md", text, update_golden)


def test_golden_html(annual_root: Path, update_golden: bool) -> None:
    text = render(build_golden_report(annual_root), "html", annual_root)
    compare_golden("annual-report-2024.html", text, update_golden)


def test_markdown_content(annual_root: Path) -> None:
    text = render(build_golden_report(annual_root), "markdown", annual_root)
    assert "Exempeldata" in text
    assert "Underlag: registret i version abc1234, med ändringar som inte är incheckade." in text
    assert "Redovisningen lämnades 14 februari 2025." in text
    assert "| Utbetalda EU-medel under året | 646 784 kr |" in text
    assert "| Nämnder som redovisat, av aktiva nämnder | 4 av 6 |" in text
    assert NBSP not in text
    assert "## Bolagen\n\n### Malmö Live Konserthus AB" in text
    assert "Året är inte avslutat" not in text
    # Överförmyndarnämnden is listed after every name that starts with A–Z.
    missing = text.split("Nämnder utan redovisning för 2024:")[1].split("\n\n")[1]
    assert missing == "- Arbetsmarknadsnämnden\n- Överförmyndarnämnden"


def test_same_data_gives_the_same_bytes(annual_root: Path) -> None:
    first = render(build_golden_report(annual_root), "markdown", annual_root)
    second = render(build_golden_report(annual_root), "markdown", annual_root)
    assert first.encode("utf-8") == second.encode("utf-8")
    fixture_text = "".join(
        p.read_text(encoding="utf-8") for p in sorted(ANNUAL_FIXTURE.rglob("*.yaml"))
    )
    for day in (date.today(), ANNUAL_TODAY):  # neither the clock nor `today` is printed
        if day.isoformat() not in fixture_text:
            assert day.isoformat() not in first
            assert swedish_date(day) not in first


def test_same_data_gives_the_same_html(annual_root: Path) -> None:
    first = render(build_golden_report(annual_root), "html", annual_root)
    second = render(build_golden_report(annual_root), "html", annual_root)
    assert first == second
    assert f"646{NBSP}784{NBSP}kr" in first
    assert "646 784 kr" not in first
    assert "Exempeldata" in first
    assert "14 februari 2025" in first


@pytest.mark.parametrize(
    ("day", "shown"),
    [
        (date(2025, 2, 14), "14 februari 2025"),
        (date(2024, 5, 1), "1 maj 2024"),
        (date(2024, 8, 29), "29 augusti 2024"),
        (date(2023, 12, 31), "31 december 2023"),
    ],
)
def test_swedish_dates(day: date, shown: str) -> None:
    assert swedish_date(day) == shown


def override(root: Path, name: str, text: str) -> None:
    folder = root.parent / "templates"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def money_report(amount: str) -> AnnualReport:
    records = record_set(
        organisations=[KULTUR],
        projects=[
            project(
                "p",
                period=("2024-01-01", "2024-12-31"),
                payments=[{"year": 2024, "amount": amount, "currency": "SEK"}],
            )
        ],
    )
    return compile_annual_report(records, 2024, date(2025, 3, 1))


@pytest.mark.parametrize(
    ("output_format", "name", "space"),
    [("markdown", "annual-report.md.j2", " "), ("html", "annual-report.html.j2", NBSP)],
)
def test_kronor_in_swedish_form(
    annual_root: Path, output_format: str, name: str, space: str
) -> None:
    override(annual_root, name, "{{ report.received_sek | kronor }}|{{ 1234 | count }}")
    text = render(money_report("1234567"), output_format, annual_root)
    assert text == f"1{space}234{space}567{space}kr|1{space}234"


def test_a_template_beside_the_data_root_overrides_the_packaged_one(annual_root: Path) -> None:
    override(annual_root, "annual-report.md.j2", "Egen mall för {{ report.year }}\n")
    annual = build_golden_report(annual_root)
    assert render(annual, "markdown", annual_root) == "Egen mall för 2024\n"
    # Without the folder, the packaged template is used.
    shutil.rmtree(annual_root.parent / "templates")
    assert render(annual, "markdown", annual_root).startswith(
        "# Redovisning av nämndernas internationella arbete 2024\n"
    )


@pytest.mark.parametrize("expression", ["{{ report.no_such_figure }}", "{{ no_such_variable }}"])
def test_a_missing_variable_in_a_template_is_an_error(annual_root: Path, expression: str) -> None:
    override(annual_root, "annual-report.md.j2", f"Före {expression} efter\n")
    problem = r"annual-report\.md\.j2, rad 1: .*(is undefined|has no attribute)"
    with pytest.raises(TemplateProblem, match=problem):
        render(build_golden_report(annual_root), "markdown", annual_root)


def test_html_escapes_record_text(annual_root: Path) -> None:
    (annual_root / "reports" / "2024" / "valnamnden.yaml").write_text(
        "schema_version: 1\norganisation: valnamnden\nyear: 2024\nsubmitted: 2025-01-15\n"
        "no_international_work: true\nsummary: <script>alert(1)</script> & mer\n",
        encoding="utf-8",
    )
    annual = build(annual_root, 2024, ANNUAL_TODAY)
    assert annual.committee_reports[-1].organisation.id == "valnamnden"
    override(
        annual_root,
        "annual-report.html.j2",
        "{{ report.committee_reports[-1].report.summary }}",
    )
    text = render(annual, "html", annual_root)
    assert text == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; mer"
