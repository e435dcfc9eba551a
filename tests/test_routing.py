"""The EU funding rule (`routing.route_project`), with facts and policies built in code."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import REPO_DATA, TODAY
from intlpolicy.loading.store import load_data_root
from intlpolicy.models import Policy
from intlpolicy.models.common import Money
from intlpolicy.models.practice import Practice, PracticeRule
from intlpolicy.models.project import Notices
from intlpolicy.routing import (
    ProjectFacts,
    RoutingError,
    decide_recorded_project,
    deciding_date,
    facts_of,
    policy_in_force,
    route_project,
)

THRESHOLD = Decimal("12000000")


def make_policy(pid: str, in_force_from: date, threshold: str | None) -> Policy:
    data: dict[str, Any] = {
        "schema_version": 1,
        "id": pid,
        "title": "Policy för Malmö stads internationella arbete",
        "diary_number": "STK-2015-1008",
        "adopted_by": "kommunfullmaktige",
        "adopted": in_force_from,
        "in_force_from": in_force_from,
        "focus_areas": ["verksamhetsutveckling", "strategisk-paverkan", "profilering"],
    }
    if threshold is not None:
        data["eu_funding_routine"] = {"threshold": {"amount": threshold, "currency": "SEK"}}
    return Policy.model_validate(data)


POLICY_2016 = make_policy("policy-2016", date(2016, 11, 2), None)
POLICY_2024 = make_policy("policy-2024", date(2024, 8, 29), "12000000")
POLICIES = (POLICY_2016, POLICY_2024)
# The city's practice as the embedded data states it (near-threshold band, notice timing, ...).
PRACTICE = Practice.of(
    PracticeRule.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    for path in sorted((REPO_DATA / "practice").glob("*.yaml"))
)


def sek(amount: str | int) -> Money:
    return Money.model_validate({"amount": str(amount), "currency": "SEK"})


def eur(amount: str | int, rate: str, rate_date: date = date(2024, 9, 1)) -> Money:
    return Money.model_validate(
        {
            "amount": str(amount),
            "currency": "EUR",
            "exchange_rate": {"rate": rate, "date": rate_date, "source": "InforEuro"},
        }
    )


def facts(**changes: Any) -> ProjectFacts:
    """A committee owning an EU-funded application of 5 MSEK submitted 2024-09-10."""
    values: dict[str, Any] = {
        "organisation": "kulturnamnden",
        "organisation_kind": "committee",
        "role": "owner",
        "eu_funded": True,
        "total_budget": sek(5_000_000),
        "submitted": date(2024, 9, 10),
        "project": "testprojekt",
        "notices": None,
    }
    values.update(changes)
    return ProjectFacts(**values)


def route(project: ProjectFacts, **options: Any) -> Any:
    options.setdefault("practice", PRACTICE)
    return route_project(project, POLICIES, today=TODAY, **options)


# --- reason codes ---------------------------------------------------------------------------


def test_no_routine_in_force_before_2024_policy() -> None:
    decision = route(facts(submitted=date(2020, 1, 1)))
    assert (decision.route, decision.reason_code) == ("not_applicable", "no_routine_in_force")
    assert decision.policy == POLICY_2016
    assert decision.threshold_sek is None
    assert decision.notice is None


def test_no_policy_at_all_before_2016() -> None:
    decision = route(facts(submitted=date(2015, 6, 1)))
    assert (decision.route, decision.reason_code) == ("not_applicable", "no_routine_in_force")
    assert decision.policy is None


def test_no_policies_given() -> None:
    decision = route_project(facts(), [], today=TODAY)
    assert decision.reason_code == "no_routine_in_force"
    assert decision.policy is None


def test_not_eu_funded() -> None:
    decision = route(facts(eu_funded=False))
    assert (decision.route, decision.reason_code) == ("not_applicable", "not_eu_funded")
    assert decision.policy == POLICY_2024


@pytest.mark.parametrize("kind", ["company", "other"])
def test_not_a_committee(kind: str) -> None:
    decision = route(facts(organisation_kind=kind, total_budget=sek(50_000_000)))
    assert (decision.route, decision.reason_code) == ("not_applicable", "not_a_committee")


def test_not_project_owner() -> None:
    decision = route(facts(role="partner", total_budget=sek(50_000_000)))
    assert (decision.route, decision.reason_code) == ("not_applicable", "not_project_owner")
    assert decision.notice is None


def test_at_or_above_threshold() -> None:
    decision = route(facts(total_budget=sek(30_000_000)))
    assert (decision.route, decision.reason_code) == ("ks_information", "at_or_above_threshold")
    assert decision.threshold_sek == THRESHOLD
    assert decision.total_budget_sek == Decimal("30000000")


def test_below_threshold() -> None:
    decision = route(facts(total_budget=sek(1_000_000)))
    assert (decision.route, decision.reason_code) == ("eu_network", "below_threshold")
    assert decision.policy == POLICY_2024


# --- precedence -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        (
            {
                "submitted": date(2024, 1, 1),
                "eu_funded": False,
                "organisation_kind": "company",
                "role": "partner",
            },
            "no_routine_in_force",
        ),
        (
            {"eu_funded": False, "organisation_kind": "company", "role": "partner"},
            "not_eu_funded",
        ),
        ({"organisation_kind": "other", "role": "partner"}, "not_a_committee"),
        ({"role": "partner"}, "not_project_owner"),
    ],
)
def test_precedence_when_several_reasons_apply(changes: dict[str, Any], reason: str) -> None:
    decision = route(facts(total_budget=sek(99_000_000), **changes))
    assert decision.route == "not_applicable"
    assert decision.reason_code == reason


# --- threshold arithmetic -------------------------------------------------------------------


def test_exactly_the_threshold_goes_to_ks() -> None:
    decision = route(facts(total_budget=sek("12000000")))
    assert decision.route == "ks_information"
    assert decision.reason_code == "at_or_above_threshold"


def test_threshold_with_trailing_decimals_goes_to_ks() -> None:
    decision = route(facts(total_budget=sek("12000000.00")))
    assert decision.route == "ks_information"


def test_one_ore_below_the_threshold_goes_to_eu_network() -> None:
    decision = route(facts(total_budget=sek("11999999.99")))
    assert decision.route == "eu_network"
    assert decision.reason_code == "below_threshold"
    assert decision.total_budget_sek == Decimal("11999999.99")


def test_eur_just_above_threshold_uses_exact_product() -> None:
    # 1 000 000 EUR × 12.00000001 = 12 000 000.01 SEK: above, with no rounding.
    decision = route(facts(total_budget=eur(1_000_000, "12.00000001")))
    assert decision.total_budget_sek == Decimal("12000000.01000000")
    assert decision.route == "ks_information"


def test_eur_just_below_threshold_uses_exact_product() -> None:
    # 1 000 000 EUR × 11.99999999 = 11 999 999.99 SEK: below. Rounding to whole kronor or to
    # four decimals of the rate would give 12 000 000 and the wrong route.
    decision = route(facts(total_budget=eur(1_000_000, "11.99999999")))
    assert decision.total_budget_sek == Decimal("11999999.99000000")
    assert decision.route == "eu_network"


def test_eur_cents_across_the_threshold() -> None:
    # 12 000 000 / 11.4845 = 1 044 886.586...: one euro cent decides the route.
    below = route(facts(total_budget=eur("1044886.58", "11.4845")))
    above = route(facts(total_budget=eur("1044886.59", "11.4845")))
    assert below.total_budget_sek == Decimal("11999999.928010")
    assert above.total_budget_sek == Decimal("12000000.042855")
    assert (below.route, above.route) == ("eu_network", "ks_information")


def test_eur_exactly_at_threshold() -> None:
    decision = route(facts(total_budget=eur("1000000", "12")))
    assert decision.total_budget_sek == THRESHOLD
    assert decision.route == "ks_information"


def test_design_example_green_transitions() -> None:
    decision = route(facts(total_budget=eur("950000", "11.4845")))
    assert decision.total_budget_sek == Decimal("10910275.0000")
    assert str(decision.total_budget_sek) == "10910275.0000"
    assert decision.route == "eu_network"
    assert decision.near_threshold is True


def test_non_sek_amount_without_rate_is_an_error() -> None:
    budget = Money.model_construct(amount=Decimal("950000"), currency="EUR", exchange_rate=None)
    with pytest.raises(RoutingError) as caught:
        route(facts(total_budget=budget))
    assert caught.value.code == "missing-exchange-rate"
    assert "EUR" in str(caught.value)


def test_non_sek_amount_without_rate_is_no_error_when_not_applicable() -> None:
    budget = Money.model_construct(amount=Decimal("950000"), currency="EUR", exchange_rate=None)
    decision = route(facts(total_budget=budget, role="partner"))
    assert decision.reason_code == "not_project_owner"
    assert decision.total_budget_sek is None


# --- deciding date and policy in force ------------------------------------------------------


def test_day_before_policy_2024_has_no_routine() -> None:
    decision = route(facts(submitted=date(2024, 8, 28), total_budget=sek(50_000_000)))
    assert decision.reason_code == "no_routine_in_force"
    assert decision.policy == POLICY_2016
    assert decision.deciding_date == date(2024, 8, 28)


def test_policy_2024_applies_from_its_first_day() -> None:
    decision = route(facts(submitted=date(2024, 8, 29), total_budget=sek(50_000_000)))
    assert decision.reason_code == "at_or_above_threshold"
    assert decision.policy == POLICY_2024


def test_policy_in_force_picks_latest_on_or_before() -> None:
    assert policy_in_force(POLICIES, date(2016, 11, 1)) is None
    assert policy_in_force(POLICIES, date(2016, 11, 2)) == POLICY_2016
    assert policy_in_force(POLICIES, date(2024, 8, 28)) == POLICY_2016
    assert policy_in_force(POLICIES, date(2024, 8, 29)) == POLICY_2024
    # The order the policies come in does not matter.
    assert policy_in_force(reversed(POLICIES), date(2030, 1, 1)) == POLICY_2024


def test_later_revision_changes_threshold() -> None:
    revision = make_policy("policy-2030", date(2030, 1, 1), "20000000")
    policies = (*POLICIES, revision)
    project = facts(total_budget=sek(15_000_000), submitted=date(2030, 1, 1))
    decision = route_project(project, policies, today=TODAY)
    assert decision.policy == revision
    assert decision.threshold_sek == Decimal("20000000")
    assert decision.route == "eu_network"


def test_submitted_is_the_deciding_date() -> None:
    decision = route(facts(submitted=date(2024, 9, 10)))
    assert (decision.deciding_date, decision.date_source) == (date(2024, 9, 10), "submitted")


def test_today_when_not_submitted() -> None:
    decision = route(facts(submitted=None))
    assert (decision.deciding_date, decision.date_source) == (TODAY, "today")
    assert decision.policy == POLICY_2024


def test_unsubmitted_before_2024_policy_uses_today() -> None:
    decision = route_project(facts(submitted=None), POLICIES, today=date(2024, 1, 1))
    assert decision.reason_code == "no_routine_in_force"


def test_date_override_beats_submitted() -> None:
    project = facts(submitted=date(2024, 9, 10), total_budget=sek(50_000_000))
    decision = route(project, date_override=date(2024, 1, 1))
    assert (decision.deciding_date, decision.date_source) == (date(2024, 1, 1), "option")
    assert decision.reason_code == "no_routine_in_force"
    later = route(facts(submitted=date(2020, 1, 1)), date_override=date(2025, 1, 1))
    assert later.reason_code == "below_threshold"
    assert later.date_source == "option"


def test_deciding_date_order() -> None:
    submitted, override = date(2024, 9, 10), date(2025, 1, 1)
    assert deciding_date(submitted, override, TODAY) == (override, "option")
    assert deciding_date(submitted, None, TODAY) == (submitted, "submitted")
    assert deciding_date(None, None, TODAY) == (TODAY, "today")
    assert deciding_date(None, override, TODAY) == (override, "option")


# --- near the threshold ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "near"),
    [
        ("10800000", True),  # exactly 10 % below
        ("10800000.01", True),
        ("10799999.99", False),
        ("11999999.99", True),
        ("12000000", True),
        ("13199999.99", True),
        ("13200000", True),  # exactly 10 % above
        ("13200000.01", False),
        ("5000000", False),
        ("50000000", False),
    ],
)
def test_near_threshold_within_ten_percent(amount: str, near: bool) -> None:
    decision = route(facts(total_budget=sek(amount)))
    assert decision.near_threshold is near


def test_not_near_without_routine() -> None:
    decision = route(facts(submitted=date(2020, 1, 1), total_budget=sek(12_000_000)))
    assert decision.near_threshold is False


# --- notice status --------------------------------------------------------------------------


def notices(**data: Any) -> Notices:
    return Notices.model_validate(data)


def test_notice_required_but_not_recorded() -> None:
    decision = route(facts(total_budget=sek(20_000_000)))
    assert decision.notice is not None
    assert decision.notice.required == "ks_information"
    assert decision.notice.recorded is False
    assert decision.notice.date is None
    assert decision.notice.before_submission is None


def test_notice_of_the_other_route_does_not_count() -> None:
    recorded = notices(eu_network={"date": date(2024, 9, 1)})
    decision = route(facts(total_budget=sek(20_000_000), notices=recorded))
    assert decision.notice is not None
    assert decision.notice.required == "ks_information"
    assert decision.notice.recorded is False


def test_ks_notice_recorded_before_submission() -> None:
    recorded = notices(ks_information={"date": date(2024, 9, 1), "diary_number": "KS-2024-1"})
    decision = route(facts(total_budget=sek(20_000_000), notices=recorded))
    assert decision.notice is not None
    assert decision.notice.recorded is True
    assert decision.notice.date == date(2024, 9, 1)
    assert decision.notice.before_submission is True


def test_eu_network_notice_on_submission_day_is_in_time() -> None:
    recorded = notices(eu_network={"date": date(2024, 9, 10)})
    decision = route(facts(notices=recorded))
    assert decision.notice is not None
    assert decision.notice.required == "eu_network"
    assert decision.notice.before_submission is True


def test_notice_after_submission_is_late() -> None:
    recorded = notices(eu_network={"date": date(2024, 9, 11)})
    decision = route(facts(notices=recorded))
    assert decision.notice is not None
    assert decision.notice.recorded is True
    assert decision.notice.before_submission is False


def test_notice_without_submission_has_nothing_to_compare() -> None:
    recorded = notices(eu_network={"date": date(2024, 9, 11)})
    decision = route(facts(notices=recorded, submitted=None))
    assert decision.notice is not None
    assert decision.notice.recorded is True
    assert decision.notice.before_submission is None


# --- properties -----------------------------------------------------------------------------

ORDER = {"eu_network": 0, "ks_information": 1}
amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)
rates = st.decimals(min_value=Decimal("0.0001"), max_value=1000, places=4, allow_nan=False)


@given(first=amounts, second=amounts)
def test_route_is_monotone_in_the_budget(first: Decimal, second: Decimal) -> None:
    low, high = sorted((first, second))
    low_route = route(facts(total_budget=sek(str(low)))).route
    high_route = route(facts(total_budget=sek(str(high)))).route
    assert ORDER[low_route] <= ORDER[high_route]
    assert (low_route == "ks_information") == (low >= THRESHOLD)


@given(amount=amounts, rate=rates)
def test_total_budget_sek_is_the_exact_product(amount: Decimal, rate: Decimal) -> None:
    decision = route(facts(total_budget=eur(str(amount), str(rate))))
    assert decision.total_budget_sek == amount * rate
    expected = "ks_information" if amount * rate >= THRESHOLD else "eu_network"
    assert decision.route == expected


# --- pinned by the mutation run (docs/development.md) ---------------------------------------


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"submitted": date(2020, 1, 1)}, "no_routine_in_force"),
        ({"eu_funded": False}, "not_eu_funded"),
        ({"organisation_kind": "company"}, "not_a_committee"),
        ({"role": "partner"}, "not_project_owner"),
    ],
)
def test_not_applicable_still_gives_the_budget_in_sek(changes: dict[str, Any], reason: str) -> None:
    # `route-project` and `list` show the budget in SEK whatever the route.
    in_sek = route(facts(total_budget=sek("50000000.50"), **changes))
    in_eur = route(facts(total_budget=eur("1000000", "11.4845"), **changes))
    assert (in_sek.reason_code, in_eur.reason_code) == (reason, reason)
    assert in_sek.total_budget_sek == Decimal("50000000.50")
    assert in_eur.total_budget_sek == Decimal("11484500.0000")


def test_routine_from_is_the_first_version_with_the_routine() -> None:
    policy_2026 = make_policy("policy-2026", date(2026, 1, 1), "15000000")
    before = route_project(
        facts(submitted=date(2020, 1, 1)), (POLICY_2016, POLICY_2024, policy_2026), today=TODAY
    )
    assert before.reason_code == "no_routine_in_force"
    assert before.routine_from == date(2024, 8, 29)
    assert route(facts()).routine_from == date(2024, 8, 29)
    assert route_project(facts(), (POLICY_2016,), today=TODAY).routine_from is None


def test_near_threshold_is_decided_without_rounding() -> None:
    # 29 999 999.9999999999 × 30 000 000.0000000001 = 10^15 × 0.9 − 10^-20: one step of the
    # 20th decimal further from a 10^15 threshold than its 10 %, so not near. Subtracting in
    # the default 28 digits would round the difference to exactly 10 % and call it near.
    policy = make_policy("policy-huge", date(2024, 8, 29), "1000000000000000")
    budget = eur("29999999.9999999999", "30000000.0000000001")
    decision = route_project(facts(total_budget=budget), (policy,), today=TODAY, practice=PRACTICE)
    assert decision.total_budget_sek == Decimal("899999999999999.99999999999999999999")
    assert decision.route == "eu_network"
    assert decision.near_threshold is False
    at_the_edge = route_project(
        facts(total_budget=sek("900000000000000")), (policy,), today=TODAY, practice=PRACTICE
    )
    assert at_the_edge.near_threshold is True


def test_missing_rate_says_the_rate_is_never_guessed() -> None:
    budget = Money.model_construct(amount=Decimal("950000"), currency="EUR", exchange_rate=None)
    with pytest.raises(RoutingError) as caught:
        route(facts(total_budget=budget))
    assert str(caught.value) == (
        "totalbudgeten är i EUR men saknar växelkurs; "
        "ange kursen (SEK per enhet), den gissas aldrig"
    )


def without_application(root: Path) -> Path:
    """`root` with green-transitions' application taken out (not yet sent)."""
    path = root / "projects" / "green-transitions.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"application:\n(  .*\n)+", "", text), encoding="utf-8")
    return root


def test_facts_of_a_recorded_project(valid_root: Path) -> None:
    records = load_data_root(valid_root).records
    project = records.projects["green-transitions"]
    organisation = records.organisations["kulturnamnden"]
    found = facts_of(project, organisation)
    assert found == ProjectFacts(
        organisation="kulturnamnden",
        organisation_kind="committee",
        role="owner",
        eu_funded=True,
        total_budget=project.total_budget,
        submitted=date(2024, 9, 16),
        project="green-transitions",
        notices=project.notices,
    )
    unsent = load_data_root(without_application(valid_root)).records.projects["green-transitions"]
    assert unsent.application is None
    assert facts_of(unsent, organisation).submitted is None


def test_decide_recorded_project_decides_an_unsent_application_on_today(valid_root: Path) -> None:
    records = load_data_root(without_application(valid_root)).records
    unsent = records.projects["green-transitions"]
    organisation = records.organisations["kulturnamnden"]
    decision = decide_recorded_project(unsent, organisation, records.policies.values(), TODAY)
    assert (decision.deciding_date, decision.date_source) == (TODAY, "today")
    assert decision.route == "eu_network"


# --- the city's practice: numbers from the data, switches, basis ----------------------------


def practice_with(code: str, **changes: Any) -> Practice:
    """PRACTICE with one rule changed (e.g. enabled=False, parameters={...})."""
    rules = dict(PRACTICE.rules)
    rules[code] = rules[code].model_copy(update=changes)
    return Practice(rules)


def test_the_near_threshold_band_comes_from_the_practice_data() -> None:
    budget = facts(total_budget=sek(10_500_000))  # 12.5 % below the threshold
    assert route(budget).near_threshold is False
    wider = practice_with("near-threshold", parameters={"percent": 15})
    decision = route(budget, practice=wider)
    assert decision.near_threshold is True
    assert "near-threshold" in decision.assumptions


def test_a_switched_off_near_threshold_band_is_not_applied() -> None:
    off = practice_with("near-threshold", enabled=False)
    decision = route(facts(total_budget=sek(11_999_999)), practice=off)
    assert decision.near_threshold is False
    assert "near-threshold" not in decision.assumptions


def test_a_switched_off_notice_timing_judges_no_notice_late() -> None:
    late = facts(notices=Notices.model_validate({"eu_network": {"date": date(2024, 9, 11)}}))
    assert route(late).notice.state == "late"
    off = practice_with("notice-before-submission", enabled=False)
    decision = route(late, practice=off)
    assert decision.notice.state == "recorded"
    assert decision.notice.before_submission is None
    assert "notice-before-submission" not in decision.assumptions


def test_the_total_budget_reading_is_an_assumption_of_every_route() -> None:
    assert "total-budget-whole-project" in route(facts()).assumptions
    off = practice_with("total-budget-whole-project", enabled=False)
    assert "total-budget-whole-project" not in route(facts(), practice=off).assumptions
    assert route(facts(role="partner")).assumptions == ()


def test_the_basis_is_the_policy_sentence_of_the_decisive_step() -> None:
    assert route(facts()).basis == ("policy", "eu-network")
    assert route(facts(total_budget=sek(12_000_000))).basis == ("policy", "ks-information")
    assert route(facts(role="partner")).basis == ("policy", "routine-scope")


def test_a_planned_in_force_date_is_pointed_out_near_the_boundary() -> None:
    planned = POLICY_2024.model_copy(update={"in_force_from_basis": "planned"})
    policies = (POLICY_2016, planned)

    def on(day: date, practice: Practice = PRACTICE) -> Any:
        return route_project(facts(submitted=day), policies, today=TODAY, practice=practice)

    before = on(date(2024, 8, 28))
    assert before.reason_code == "no_routine_in_force"
    assert before.planned_boundary == date(2024, 8, 29)
    assert before.basis == ("practice", "planned-in-force-date")
    assert "planned-in-force-date" in on(date(2024, 9, 28)).assumptions  # 30 days after
    assert on(date(2024, 9, 29)).planned_boundary is None  # 31 days after
    # An adopted date is no assumption, and a switched-off rule points nothing out.
    adopted = route_project(facts(submitted=date(2024, 9, 1)), POLICIES, today=TODAY)
    assert adopted.planned_boundary is None
    off = practice_with("planned-in-force-date", enabled=False)
    assert on(date(2024, 8, 28), off).planned_boundary is None
    assert on(date(2024, 8, 28), off).basis == ("policy", None)
