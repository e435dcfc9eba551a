"""`rate`: refresh the exchange rate of a project's application amounts.

The rate (SEK per unit, its date and source) is written to every amount that describes the
application in that currency (`total_budget`, `eu_contribution`, `own_budget`), the amounts
whose rates `validate` judges; a later payment keeps the rate of its own day. The route is
decided before and after with the same rule as `route-project`, so the command can say when
the new rate moves the application across the threshold.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ruamel.yaml.comments import CommentedMap

from intlpolicy.editing.node_edits import set_in_model_order, update_mapping
from intlpolicy.loading.selection import load_organisation, load_policies, load_practice
from intlpolicy.models import Project
from intlpolicy.models.common import ExchangeRate, Money
from intlpolicy.models.practice import Practice
from intlpolicy.routing import RouteDecision, facts_of, route_project
from intlpolicy.services.budget_comment import rewrite_budget_comment
from intlpolicy.services.edits import EditResult
from intlpolicy.services.record_edits import (
    EditTarget,
    FixRefused,
    edit_record,
    not_in_future,
    one_line_errors,
    project_path,
)


@dataclass(frozen=True, slots=True)
class RateResult:
    edit: EditResult
    project: str
    currency: str
    fields: tuple[str, ...]  # the amounts whose rate was set
    before: RouteDecision
    after: RouteDecision


@one_line_errors()
def refresh_rate(
    target: EditTarget, reference: str, rate: ExchangeRate, currency: str | None = None
) -> RateResult:
    not_in_future(rate.date, target.today, "--date")
    project, path = project_path(target, reference)
    chosen = _currency(project, currency)
    fields = tuple(
        name
        for name, money in project.application_amounts()
        if money.currency == chosen and money.exchange_rate is not None
    )
    values = rate.model_dump(mode="python")
    on_total = "total_budget" in fields
    before, after = _routes(target, project, rate if on_total else None)

    def change(data: CommentedMap) -> None:
        for name in fields:
            money = data[name]
            if isinstance(money.get("exchange_rate"), CommentedMap):
                update_mapping(money["exchange_rate"], values)
            else:
                set_in_model_order(money, "exchange_rate", values, Money)
        if on_total:  # the comment that works out the budget in kronor says the new sum
            total = project.total_budget
            budget = Money(amount=total.amount, currency=total.currency, exchange_rate=rate)
            rewrite_budget_comment(data, budget, after)

    given = {"rate": f"--rate {rate.rate}", "date": f"--date {rate.date.isoformat()}"}
    given["source"] = f"--source {rate.source}"
    options = {
        f"{name}.exchange_rate.{key}": text for name in fields for key, text in given.items()
    }
    edit = edit_record(target, path, change, options)
    return RateResult(edit, project.id, chosen, fields, before, after)


def _currency(project: Project, given: str | None) -> str:
    foreign = sorted(
        {money.currency for _, money in project.application_amounts() if money.exchange_rate}
    )
    if not foreign:
        raise FixRefused("rate-no-foreign-amount", project=project.id)
    if given is None:
        if len(foreign) > 1:
            raise FixRefused("rate-currency-ambiguous", currencies=", ".join(foreign))
        return foreign[0]
    code = given.strip().upper()
    if code not in foreign:
        currencies = ", ".join(foreign)
        raise FixRefused(
            "rate-currency-absent", project=project.id, currency=code, currencies=currencies
        )
    return code


def _routes(
    target: EditTarget, project: Project, rate: ExchangeRate | None
) -> tuple[RouteDecision, RouteDecision]:
    """The route with the recorded total budget, and with the new rate on it (`rate`)."""
    root, shown, today = target.root, target.display_root, target.today
    organisation = load_organisation(root, shown, project.organisation)
    policies = load_policies(root, shown)
    practice = Practice.of(load_practice(root, shown))
    facts = facts_of(project, organisation)
    if rate is not None:
        total = facts.total_budget
        budget = Money(amount=total.amount, currency=total.currency, exchange_rate=rate)
        changed = replace(facts, total_budget=budget)
    else:
        changed = facts
    return (
        route_project(facts, policies, today=today, practice=practice),
        route_project(changed, policies, today=today, practice=practice),
    )
