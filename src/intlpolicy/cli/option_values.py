"""Values given as command-line text: exact amounts, dates and money.

`route-project` (facts without a record) and `new project` read a budget the same way, so a
budget one command accepts the other accepts too. Bad text raises OptionValueRefused with a
message that names the option. The library below receives the parsed values (Decimal, date,
Money), never option text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from intlpolicy.errors import Refused
from intlpolicy.findings import CODES, message_for
from intlpolicy.models.common import CURRENCY_RE, DATE_RE, SEK, ExchangeRate, Money

M = TypeVar("M", bound=BaseModel)

_GROUPING = re.compile(r"[\s\u00a0\u202f_]")
# What a rate given without --rate-source is said to come from.
RATE_SOURCE_GIVEN = "angiven vid körningen"


class OptionValueRefused(Refused):
    """The text given for an option is not a value of its kind (exit 1, as bad input)."""


def parse_amount(text: str, what: str) -> Decimal:
    """An exact decimal from `12000000`, `12 000 000`, `11999999.99` or `11 999 999,99`;
    `--rate` is refused as a rate (`11.4845`), any other option as an amount."""
    code = "option-not-a-rate" if what == "--rate" else "option-not-an-amount"
    cleaned = _GROUPING.sub("", text.strip())
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", cleaned):
        raise OptionValueRefused(code, option=what, value=text)
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise OptionValueRefused(code, option=what, value=text) from None


def parse_date(text: str, what: str) -> date:
    try:
        if DATE_RE.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise OptionValueRefused("option-not-a-date", option=what, value=text)


def money_from_options(
    amount: Decimal,
    currency: str | None,
    rate: str | None = None,
    rate_date: str | None = None,
    rate_source: str | None = None,
    *,
    rate_day: date | None = None,
) -> Money:
    """The budget given by --budget (already parsed), --currency and the --rate options.

    A currency must be an ISO code; a budget in SEK takes no rate options, any other currency
    needs --rate (a rate is never guessed). `currency` None means --currency was not given:
    SEK, unless a rate was given, which says the currency was forgotten (advise --currency,
    not dropping the rate). `rate_day` is the rate's date when --rate-date is not given
    (route-project: the deciding date).
    """
    code = SEK if currency is None else currency.strip().upper()
    if not CURRENCY_RE.fullmatch(code):
        detail = message_for("invalid-currency", {"value": currency})
        raise OptionValueRefused("option-not-a-currency", detail=detail)
    given = [
        option
        for option, value in (
            ("--rate", rate),
            ("--rate-date", rate_date),
            ("--rate-source", rate_source),
        )
        if value is not None
    ]
    if currency is None and given:
        raise OptionValueRefused("option-currency-missing", options=", ".join(given))
    if code == SEK and given:
        detail = message_for("exchange-rate-on-sek", {})
        raise OptionValueRefused("option-rate-on-sek", detail=detail, options=", ".join(given))
    if code != SEK and rate is None:
        raise OptionValueRefused("option-rate-missing", currency=code)
    try:
        exchange_rate = None
        if rate is not None:
            day = parse_date(rate_date, "--rate-date") if rate_date is not None else rate_day
            if day is None:
                raise OptionValueRefused("option-rate-date-missing")
            exchange_rate = ExchangeRate(
                rate=parse_amount(rate, "--rate"),
                date=day,
                source=RATE_SOURCE_GIVEN if rate_source is None else rate_source,
            )
        return Money(amount=amount, currency=code, exchange_rate=exchange_rate)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        kind = error["type"]
        detail = message_for(kind, dict(error.get("ctx") or {})) if kind in CODES else error["msg"]
        raise OptionValueRefused("option-invalid-budget", detail=detail) from None


def model_from_options(model: type[M], values: Mapping[str, Any], options: Mapping[str, str]) -> M:
    """A model (a contact, a notice, a rate) built from option values, checked by its own
    rules: a value it refuses is one line naming the option (`options`: field -> option)."""
    try:
        return model.model_validate(dict(values))
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        kind = error["type"]
        detail = message_for(kind, dict(error.get("ctx") or {})) if kind in CODES else error["msg"]
        field = str(error["loc"][0]) if error["loc"] else ""
        option = options.get(field, field)
        raise OptionValueRefused("option-invalid-value", option=option, detail=detail) from None
