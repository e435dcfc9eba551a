"""The EU funding routine of the policy: which way a committee must report an application.

Pure: no I/O. The threshold comes from the policy version in force on the deciding date;
the city's practice (`models.practice`) supplies what the policy does not say (the
near-threshold band, the notice's timing, the planned in-force date). Every decision names
its basis (the policy's sentence, or a practice rule) and the practice rules it used.
`RouteAnswer` is what `route-project` hands its renderers: the decision with the facts and
records it rests on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext
from typing import Literal

from intlpolicy.errors import Refused
from intlpolicy.loading.records import RecordSet
from intlpolicy.models import Organisation, Policy, Project
from intlpolicy.models.common import SEK, Money, exact_product
from intlpolicy.models.practice import NO_PRACTICE, Practice
from intlpolicy.models.project import Notices
from intlpolicy.vocabulary import Route

DateSource = Literal["option", "submitted", "today"]

# The policy's sentence each reason rests on (a key of `Policy.sentences`).
REASON_SENTENCES = {
    "at_or_above_threshold": "ks-information",
    "below_threshold": "eu-network",
    "not_eu_funded": "routine-scope",
    "not_a_committee": "routine-scope",
    "not_project_owner": "routine-scope",
}


class RoutingError(Refused):
    """The facts do not allow a decision (e.g. a foreign amount without an exchange rate)."""


class PolicyTied(RoutingError):
    """Two or more policy versions are in force from the same day, and that day's version is
    the one a command needs: which one applies cannot be told (`policy-same-day`)."""


@dataclass(frozen=True, slots=True)
class ProjectFacts:
    """What the rule needs to know about a project (from a record or from options)."""

    organisation: str
    organisation_kind: str
    role: str
    eu_funded: bool
    total_budget: Money
    submitted: date | None = None
    project: str | None = None
    notices: Notices | None = None
    # False when the rate's date was not given (`route-project --rate` without --rate-date):
    # the rate then carries the deciding date only because the model needs one.
    rate_date_given: bool = True

    @property
    def rate_date(self) -> date | None:
        """The exchange rate's own date, as given or recorded; None when nobody gave one."""
        rate = self.total_budget.exchange_rate
        return rate.date if rate is not None and self.rate_date_given else None


@dataclass(frozen=True, slots=True)
class NoticeStatus:
    required: Route
    recorded: bool
    date: date | None
    before_submission: bool | None  # None when nothing to compare

    @property
    def state(self) -> Literal["recorded", "missing", "late"]:
        if not self.recorded:
            return "missing"
        return "late" if self.before_submission is False else "recorded"


@dataclass(frozen=True, slots=True)
class RouteDecision:
    route: Route
    reason_code: str
    deciding_date: date
    date_source: DateSource
    policy: Policy | None
    total_budget_sek: Decimal | None
    threshold_sek: Decimal | None
    near_threshold: bool
    notice: NoticeStatus | None
    routine_from: date | None = None  # the first day any version had the routine
    # The practice rules the decision used, by code, in the order they were used.
    assumptions: tuple[str, ...] = ()
    # A planned in-force date within the practice's margin of the deciding date.
    planned_boundary: date | None = None

    @property
    def basis(self) -> tuple[Literal["policy", "practice"], str | None]:
        """The decisive step's basis: ("policy", sentence key) or ("practice", code)."""
        if self.reason_code == "no_routine_in_force" and self.planned_boundary is not None:
            return "practice", "planned-in-force-date"
        return "policy", REASON_SENTENCES.get(self.reason_code)


def _within_share(value: Decimal, reference: Decimal, share: Decimal) -> bool:
    """|value - reference| <= reference × share, computed without rounding."""
    limit = exact_product(reference, share)
    numbers = (value, reference, limit)
    with localcontext() as context:
        # Enough digits to span the largest and the finest of the numbers: exact.
        top = max(n.adjusted() for n in numbers)
        finest = min(int(n.as_tuple().exponent) for n in numbers)
        context.prec = max(top - finest + 2, 28)
        return abs(value - reference) <= limit


def practice_of(records: RecordSet) -> Practice:
    """The practice rules of a loaded data root."""
    return Practice.of(records.practice.values())


def facts_of(project: Project, organisation: Organisation) -> ProjectFacts:
    """The facts the rule needs, from a recorded project and its organisation."""
    application = project.application
    return ProjectFacts(
        organisation=organisation.id,
        organisation_kind=organisation.kind,
        role=project.role,
        eu_funded=project.funding.eu,
        total_budget=project.total_budget,
        submitted=application.submitted if application else None,
        project=project.id,
        notices=project.notices,
    )


@dataclass(frozen=True, slots=True)
class RouteAnswer:
    """A decision with what it was made from: the facts, the organisation's record and, for
    a recorded project, the project's record (None for facts given as options)."""

    decision: RouteDecision
    facts: ProjectFacts
    organisation: Organisation
    project: Project | None = None
    practice: Practice = NO_PRACTICE  # the rules the renderers label (decision.assumptions)

    @property
    def example(self) -> bool:
        return self.project is not None and self.project.example


def decide_recorded_project(
    project: Project,
    organisation: Organisation,
    policies: Iterable[Policy],
    today: date,
    practice: Practice = NO_PRACTICE,
) -> RouteDecision:
    """The route and notice state of a recorded project (deciding date: submitted, else today).

    The one place `list`, the yearly report and `validate`'s duty check get them from. The
    only RoutingError it raises is PolicyTied: a recorded project's model refuses a foreign
    amount without an exchange rate before the project gets here.
    """
    return route_project(facts_of(project, organisation), policies, today=today, practice=practice)


def policy_in_force(policies: Iterable[Policy], day: date) -> Policy | None:
    """The version with the latest `in_force_from` on or before `day` (a planned date counts:
    it is the only one recorded; the practice `planned-in-force-date` makes outputs say so).

    The one place every command gets the version in force from. Refuses (PolicyTied) when
    more than one version is in force from that version's day: none can be chosen. A tie
    between versions no longer in force on `day` does not matter here (`validate` reports
    every tie)."""
    candidates = [policy for policy in policies if policy.in_force_from <= day]
    latest = max(candidates, key=lambda policy: policy.in_force_from, default=None)
    if latest is None:
        return None
    tied = [policy for policy in candidates if policy.in_force_from == latest.in_force_from]
    if len(tied) > 1:
        since = latest.in_force_from.isoformat()
        raise PolicyTied("policy-same-day", versions=version_names(tied), day=since)
    return latest


def issuer_on(policies: Iterable[Policy], day: date) -> str | None:
    """The sending body of a document dated `day`: the `issuer` of the latest version in
    force that day which names one (a later version need not repeat it)."""
    named = [p for p in policies if p.issuer is not None and p.in_force_from <= day]
    latest = max(named, key=lambda policy: policy.in_force_from, default=None)
    return None if latest is None else latest.issuer


def same_day_versions(policies: Iterable[Policy]) -> dict[date, list[Policy]]:
    """The days from which more than one version is in force: no version can be chosen."""
    by_day: dict[date, list[Policy]] = {}
    for policy in policies:
        by_day.setdefault(policy.in_force_from, []).append(policy)
    return {day: versions for day, versions in by_day.items() if len(versions) > 1}


def version_names(versions: Iterable[Policy]) -> str:
    return " och ".join(sorted(policy.id for policy in versions))


def deciding_date(
    submitted: date | None, override: date | None, today: date
) -> tuple[date, DateSource]:
    if override is not None:
        return override, "option"
    if submitted is not None:
        return submitted, "submitted"
    return today, "today"


def total_in_sek(money: Money) -> Decimal:
    if money.currency != SEK and money.exchange_rate is None:
        raise RoutingError("missing-exchange-rate", currency=money.currency)
    return money.in_sek()


def route_project(
    facts: ProjectFacts,
    policies: Iterable[Policy],
    *,
    today: date,
    date_override: date | None = None,
    practice: Practice = NO_PRACTICE,
) -> RouteDecision:
    """Apply the routine step by step, in the order the contract fixes."""
    day, source = deciding_date(facts.submitted, date_override, today)
    versions = list(policies)
    policy = policy_in_force(versions, day)
    routine_from = min(
        (p.in_force_from for p in versions if p.eu_funding_routine is not None), default=None
    )
    routine = policy.eu_funding_routine if policy is not None else None
    threshold = routine.threshold.in_sek() if routine is not None else None
    boundary = _planned_boundary(versions, day, practice)

    def decide(route: Route, reason: str, total: Decimal | None) -> RouteDecision:
        used: list[str] = []
        if boundary is not None:
            used.append("planned-in-force-date")
        near = False
        if route != "not_applicable":
            if practice.rule("total-budget-whole-project", day) is not None:
                used.append("total-budget-whole-project")
            percent = practice.number("near-threshold", "percent", day)
            if percent is not None and total is not None and threshold is not None:
                used.append("near-threshold")
                near = _within_share(total, threshold, Decimal(percent) / 100)
        timing = practice.rule("notice-before-submission", day) is not None
        notice = _notice_status(route, facts, timing)
        if notice is not None and timing:
            used.append("notice-before-submission")
        return RouteDecision(
            route,
            reason,
            day,
            source,
            policy,
            total,
            threshold,
            near,
            notice,
            routine_from,
            tuple(used),
            boundary,
        )

    optional_total = None
    if facts.total_budget.currency == SEK or facts.total_budget.exchange_rate is not None:
        optional_total = facts.total_budget.in_sek()
    if threshold is None:
        return decide("not_applicable", "no_routine_in_force", optional_total)
    if not facts.eu_funded:
        return decide("not_applicable", "not_eu_funded", optional_total)
    if facts.organisation_kind != "committee":
        return decide("not_applicable", "not_a_committee", optional_total)
    if facts.role != "owner":
        return decide("not_applicable", "not_project_owner", optional_total)
    total = total_in_sek(facts.total_budget)
    if total >= threshold:
        return decide("ks_information", "at_or_above_threshold", total)
    return decide("eu_network", "below_threshold", total)


def _planned_boundary(versions: list[Policy], day: date, practice: Practice) -> date | None:
    """A planned in-force date within the practice's margin of `day`: the route could turn
    on a date that is not yet the adopted one."""
    margin = practice.number("planned-in-force-date", "margin_days", day)
    if margin is None:
        return None
    planned = [
        p.in_force_from
        for p in versions
        if p.in_force_from_basis == "planned" and abs((p.in_force_from - day).days) <= margin
    ]
    return min(planned, default=None)


def _notice_status(route: Route, facts: ProjectFacts, timing: bool) -> NoticeStatus | None:
    """The required notice and whether it is recorded; its timing only when the practice
    `notice-before-submission` is applied."""
    if route == "not_applicable":
        return None
    notices = facts.notices or Notices()
    notice = notices.ks_information if route == "ks_information" else notices.eu_network
    if notice is None:
        return NoticeStatus(route, False, None, None)
    before = None if facts.submitted is None or not timing else notice.date <= facts.submitted
    return NoticeStatus(route, True, notice.date, before)
