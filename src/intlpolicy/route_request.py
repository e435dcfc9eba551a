"""`route-project`'s library side: gather the facts (from a record or from options), apply the
rule, and return everything the renderers need. Reads only the command's own inputs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pydantic import ValidationError

from intlpolicy.findings import message_for
from intlpolicy.loading.records import Source
from intlpolicy.loading.selection import (
    InputError,
    load_organisation,
    load_policies,
    load_project,
)
from intlpolicy.loading.store import Reader
from intlpolicy.models import Organisation, Policy, Project
from intlpolicy.models.common import CURRENCY_RE, SEK, ExchangeRate, Money
from intlpolicy.routing import (
    ProjectFacts,
    RouteDecision,
    RoutingError,
    facts_of,
    route_project,
)

_GROUPING = re.compile(r"[\s\u00a0\u202f_]")


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


def parse_amount(text: str, what: str) -> Decimal:
    """An exact decimal from `12000000`, `12 000 000`, `11999999.99` or `11 999 999,99`."""
    cleaned = _GROUPING.sub("", text.strip())
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", cleaned):
        raise InputError(f"{what} '{text}' är inget belopp; skriv t.ex. 12000000 eller 11999999,99")
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise InputError(f"{what} '{text}' är inget belopp") from None


def parse_date(text: str, what: str) -> date:
    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise InputError(f"{what} '{text}' är inget giltigt datum; skriv ÅÅÅÅ-MM-DD")


def _decide(
    facts: ProjectFacts, policies: list[Policy], today: date, override: date | None
) -> RouteDecision:
    try:
        return route_project(facts, policies, today=today, date_override=override)
    except RoutingError as error:
        raise InputError(str(error)) from None


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
    decision = _decide(facts, policies, today, date_override)
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
    currency = options.currency.strip().upper()
    organisation = load_organisation(root, display_root, options.organisation, reader)
    policies = load_policies(root, display_root, reader)
    if not CURRENCY_RE.fullmatch(currency):
        raise InputError(message_for("invalid-currency", {"value": options.currency}))
    if currency != SEK and options.rate is None:
        raise InputError(
            f"budgeten är i {currency} men --rate saknas; ange växelkursen i SEK per "
            f"{currency} (t.ex. --rate 11.4845 --rate-date 2024-09-01 --rate-source InforEuro). "
            "Kursen gissas aldrig."
        )
    if currency == SEK and options.rate is not None:
        raise InputError("--rate gäller bara en budget i annan valuta än SEK; ta bort --rate")
    try:
        rate = None
        if options.rate is not None:
            rate_day = (
                parse_date(options.rate_date, "--rate-date")
                if options.rate_date
                else (date_override or today)
            )
            rate = ExchangeRate(
                rate=parse_amount(options.rate, "--rate"),
                date=rate_day,
                source=options.rate_source or "angiven vid körningen",
            )
        money = Money(amount=amount, currency=currency, exchange_rate=rate)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        code = error["type"]
        detail = (
            message_for(code, error.get("ctx") or {}) if code in _OPTION_CODES else error["msg"]
        )
        raise InputError(f"ogiltig budget: {detail}") from None
    if options.role not in ("owner", "partner"):
        raise InputError(f"--role '{options.role}' ska vara owner eller partner")
    facts = ProjectFacts(
        organisation=organisation.id,
        organisation_kind=organisation.kind,
        role=options.role,
        eu_funded=options.eu,
        total_budget=money,
    )
    decision = _decide(facts, policies, today, date_override)
    return RouteAnswer(decision, facts, organisation)


_OPTION_CODES = frozenset(
    {
        "invalid-currency",
        "exchange-rate-on-sek",
        "missing-exchange-rate",
        "invalid-rate",
        "invalid-amount",
        "negative-amount",
    }
)
