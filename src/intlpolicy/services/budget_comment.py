"""The comment above a project's total budget that works out its sum in kronor and the route
(`# Totalbudget för hela projektet, alla partner: 950 000 EUR × 11,4845 = 10 910 275 SEK,`
`# under 12 miljoner kronor -> information via EU-nätverket.`), written anew when a command
changes the budget, its currency or its rate, so that it never contradicts the record."""

from __future__ import annotations

from typing import Any

from intlpolicy.editing.comment_blocks import rewrite_comment_block
from intlpolicy.labels import ROUTE_NAMES
from intlpolicy.models.common import Money
from intlpolicy.routing import RouteDecision
from intlpolicy.swedish import format_number

OPENING = "Totalbudget för hela projektet, alla partner:"


def _number(value: Any, *, strip: bool = True) -> str:
    return format_number(value, space=" ", strip=strip)


def budget_comment(budget: Money, decision: RouteDecision) -> list[str]:
    """The comment's lines for `budget` routed as `decision`: the sum in kronor, and the
    route only where the rule gives one by the budget (under or over the threshold)."""
    if budget.exchange_rate is None:
        sum_line = f"{OPENING} {_number(budget.amount)} {budget.currency}"
    else:
        sek = decision.total_budget_sek or budget.in_sek()
        rate = _number(budget.exchange_rate.rate, strip=False)
        sum_line = f"{OPENING} {_number(budget.amount)} {budget.currency} × {rate} = "
        sum_line += f"{_number(sek)} SEK"
    threshold = decision.threshold_sek
    if threshold is None or decision.route == "not_applicable":
        return [f"{sum_line}."]
    limit = f"{_number(threshold)} kronor"
    side = f"under {limit}" if decision.route == "eu_network" else f"{limit} eller mer"
    return [f"{sum_line},", f"{side} -> {ROUTE_NAMES[decision.route]}."]


def rewrite_budget_comment(data: Any, budget: Money, decision: RouteDecision) -> None:
    """Rewrite the comment in the round-trip mapping `data`, where there is one."""
    rewrite_comment_block(data, OPENING, budget_comment(budget, decision))
