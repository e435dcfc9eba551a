"""`route-project`'s library side: gather the facts (from a record, or as stated on the command
line), apply the rule, and return everything the renderers need. Reads only the command's own
inputs: the project, its organisation, the policy versions and the city's practice rules.

The request holds parsed values (Money, dates); reading option text is the command line's work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from intlpolicy.loading.files import Reader
from intlpolicy.loading.selection import (
    load_organisation,
    load_policies,
    load_practice,
    load_project,
)
from intlpolicy.models.common import Money
from intlpolicy.models.practice import Practice
from intlpolicy.routing import (
    ProjectFacts,
    RouteAnswer,
    facts_of,
    route_project,
)
from intlpolicy.vocabulary import Role


@dataclass(frozen=True, slots=True)
class StatedApplication:
    """An application that has no record yet: its facts as given, already parsed.

    `rate_date_given` is False when the rate came without its date: the outputs then show
    none (the model's date is only a stand-in)."""

    organisation: str
    total_budget: Money
    role: Role = "owner"
    eu_funded: bool = True
    rate_date_given: bool = True


@dataclass(frozen=True, slots=True)
class RouteRequest:
    """What to route and as of when.

    `subject` is a recorded project (its id, or the path to its file) or a stated application.
    `reader` reads the data root at a git revision (None: from disk). `date_override` is the
    what-if deciding date (`--date`).
    """

    subject: str | StatedApplication
    root: Path
    display_root: str
    today: date
    date_override: date | None = None
    reader: Reader | None = None


def route_application(request: RouteRequest) -> RouteAnswer:
    """The route of a recorded project or of a stated application, with what it rests on."""
    root, shown, reader = request.root, request.display_root, request.reader
    subject = request.subject
    if isinstance(subject, StatedApplication):
        project = None
        organisation = load_organisation(root, shown, subject.organisation, reader)
        facts = ProjectFacts(
            organisation=organisation.id,
            organisation_kind=organisation.kind,
            role=subject.role,
            eu_funded=subject.eu_funded,
            total_budget=subject.total_budget,
            rate_date_given=subject.rate_date_given,
        )
    else:
        project = load_project(root, shown, subject, reader)
        organisation = load_organisation(root, shown, project.organisation, reader)
        facts = facts_of(project, organisation)
    policies = load_policies(root, shown, reader)
    practice = Practice.of(load_practice(root, shown, reader))
    # The only RoutingError here is PolicyTied (two versions in force from the deciding
    # date's version's day): a project's model, like the command line's Money, gives every
    # foreign amount its exchange rate.
    decision = route_project(
        facts,
        policies,
        today=request.today,
        date_override=request.date_override,
        practice=practice,
    )
    return RouteAnswer(decision, facts, organisation, project, practice)
