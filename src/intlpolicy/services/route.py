"""`route-project`'s library side: gather the facts (from a record or from options), apply the
rule, and return everything the renderers need. Reads only the command's own inputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from intlpolicy.cli.option_values import money_from_options, parse_amount
from intlpolicy.loading.records import Source
from intlpolicy.loading.selection import (
    InputError,
    load_organisation,
    load_policies,
    load_project,
)
from intlpolicy.loading.store import Reader
from intlpolicy.models import Organisation, Project
from intlpolicy.models.common import SEK
from intlpolicy.routing import ProjectFacts, RouteDecision, facts_of, route_project


@dataclass(frozen=True, slots=True)
class RouteAnswer:
    decision: RouteDecision
    facts: ProjectFacts
    organisation: Organisation
    project: Project | None = None
    source: Source | None = None

    @property
    def example(self) -> bool:
        return self.project is not None and self.project.example


@dataclass(frozen=True, slots=True)
class FactOptions:
    """The facts of an application given as command-line text, before parsing."""

    budget: str
    organisation: str
    currency: str = SEK
    rate: str | None = None
    rate_date: str | None = None
    rate_source: str | None = None
    role: str = "owner"
    eu: bool = True


def route_recorded(
    root: Path,
    display_root: str,
    reference: str,
    *,
    today: date,
    date_override: date | None,
    reader: Reader | None = None,
) -> RouteAnswer:
    """Route a recorded project, by id or path; from `reader` (a git revision) when given."""
    project, source = load_project(root, display_root, reference, reader)
    organisation = load_organisation(root, display_root, project.organisation, reader)
    policies = load_policies(root, display_root, reader)
    facts = facts_of(project, organisation)
    # No RoutingError here: the model gives every foreign amount its rate.
    decision = route_project(facts, policies, today=today, date_override=date_override)
    return RouteAnswer(decision, facts, organisation, project, source)


def route_from_options(
    root: Path,
    display_root: str,
    options: FactOptions,
    *,
    today: date,
    date_override: date | None,
    reader: Reader | None = None,
) -> RouteAnswer:
    """Route an application that has no record yet, from its facts."""
    amount = parse_amount(options.budget, "--budget")
    organisation = load_organisation(root, display_root, options.organisation, reader)
    policies = load_policies(root, display_root, reader)
    # Without --rate-date, the rate is taken to describe the budget on the deciding date.
    money = money_from_options(
        amount,
        options.currency,
        options.rate,
        options.rate_date,
        options.rate_source,
        rate_day=date_override or today,
    )
    if options.role not in ("owner", "partner"):
        raise InputError(f"--role '{options.role}' ska vara owner eller partner")
    facts = ProjectFacts(
        organisation=organisation.id,
        organisation_kind=organisation.kind,
        role=options.role,
        eu_funded=options.eu,
        total_budget=money,
    )
    # No RoutingError here: money_from_options gives every foreign amount its rate.
    decision = route_project(facts, policies, today=today, date_override=date_override)
    return RouteAnswer(decision, facts, organisation)
