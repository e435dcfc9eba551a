"""Shared field types and small models: ids, dates, money, periods.

Each type raises a `PydanticCustomError` whose type is a finding code of
`intlpolicy.findings.CODES`, so the loader turns it into a finding without guessing.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, Inexact, localcontext
from typing import Annotated, Any, Final, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictStr,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from intlpolicy.findings import CODES
from intlpolicy.models.countries import ISO_3166_ALPHA_2

# Defined in the vocabulary; named here too for the modules that import them from the models.
from intlpolicy.vocabulary import FOCUS_AREAS as FOCUS_AREAS
from intlpolicy.vocabulary import FocusArea as FocusArea

SEK: Final = "SEK"
YEAR_RANGE: Final = (1800, 2100)

# The shapes of the text types, written once for the models (whole-string matches) and for
# the JSON Schemas (which anchor them): the regex syntax both Python and ECMA-262 read alike.
SLUG_PATTERN: Final = r"[a-z0-9]+(-[a-z0-9]+)*"
DATE_PATTERN: Final = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
CURRENCY_PATTERN: Final = r"[A-Z]{3}"
EMAIL_PATTERN: Final = r"[^@\s]+@[^@\s]+\.[^@\s.]+"
URL_PATTERN: Final = r"https?://[^\s/$.?#][^\s]*"

SLUG_RE: Final = re.compile(SLUG_PATTERN)
DATE_RE: Final = re.compile(DATE_PATTERN)
_DECIMAL_RE: Final = re.compile(r"[-+]?[0-9]+(?:\.[0-9]+)?")
CURRENCY_RE: Final = re.compile(CURRENCY_PATTERN)
_EMAIL_RE: Final = re.compile(EMAIL_PATTERN)
URL_RE: Final = re.compile(URL_PATTERN)
_TRANSLITERATE = str.maketrans({"å": "a", "ä": "a", "ö": "o", "æ": "ae", "ø": "o", "ß": "ss"})


def fail(code: str, **params: Any) -> PydanticCustomError:
    """A validation error carrying a finding code and its parameters."""
    return PydanticCustomError(code, CODES[code][1], params)


def slugify(name: str) -> str:
    """The id of a Swedish name.

    `Hälsa-, vård- och omsorgsnämnden` -> `halsa-vard-och-omsorgsnamnden`.
    """
    text = name.lower().translate(_TRANSLITERATE)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", text))


def is_slug(value: str) -> bool:
    """Whether `value` is an id: a lowercase slug, `^[a-z0-9]+(-[a-z0-9]+)*$`. The one check,
    for the records, the ids typed to `new` and the ids that name a file."""
    return SLUG_RE.fullmatch(value) is not None


# The validators of the shared field types below are public: the JSON Schemas of
# services/schema.py spell each one out, keyed by its validator.


def validate_id(value: Any) -> Any:
    if isinstance(value, str) and not is_slug(value):
        raise fail("invalid-id", value=value, suggestion=slugify(value) or "mitt-id")
    return value


def validate_text(value: str) -> str:
    if not value.strip():
        raise fail("invalid-text")
    return value


def validate_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and DATE_RE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise fail("invalid-date", value=value)


# Amounts in kronor or euro: at most a thousand billion (16 digits before the decimal
# point), at most ten decimals. Beyond that a number is a mistake, and `9.5e999999` would make
# the exact arithmetic explode; the finding says which limit was broken.
AMOUNT_INTEGER_DIGITS: Final = 16
AMOUNT_DECIMALS: Final = 10


def _decimal(value: Any) -> Decimal:
    # bool is an int in Python, and a float would bring binary rounding: both are refused.
    number: Decimal | None = None
    if type(value) is int or (type(value) is str and _DECIMAL_RE.fullmatch(value)):
        number = Decimal(value)
    elif type(value) is Decimal and value.is_finite():
        number = value
    if number is None:
        raise fail("invalid-amount", value=value)
    places = -int(number.as_tuple().exponent)
    if places > AMOUNT_DECIMALS:  # a zero too: 0e-999999999 would print a million zeros
        raise fail("amount-too-precise", value=value, places=places, limit=AMOUNT_DECIMALS)
    if number and number.adjusted() >= AMOUNT_INTEGER_DIGITS:
        raise fail("amount-too-large", value=value, limit=AMOUNT_INTEGER_DIGITS)
    return number


def validate_amount(value: Any) -> Decimal:
    amount = _decimal(value)
    if amount < 0:
        raise fail("negative-amount", value=value)
    return amount


def validate_rate(value: Any) -> Decimal:
    rate = _decimal(value)
    if rate <= 0:
        raise fail("invalid-rate", value=value)
    return rate


def validate_currency(value: Any) -> Any:
    if isinstance(value, str) and not CURRENCY_RE.fullmatch(value):
        raise fail("invalid-currency", value=value)
    return value


def validate_country(value: Any) -> Any:
    if isinstance(value, str) and value not in ISO_3166_ALPHA_2:
        raise fail("invalid-country", value=value)
    return value


def validate_email(value: Any) -> Any:
    if isinstance(value, str) and not _EMAIL_RE.fullmatch(value):
        raise fail("invalid-email", value=value)
    return value


def validate_schema_version(value: object) -> object:
    """Only the integer 1: `true` and `1.0` equal 1 in Python but are no version number."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


def validate_year(value: int) -> int:
    low, high = YEAR_RANGE
    if not low <= value <= high:
        raise fail("invalid-year", value=value, low=low, high=high)
    return value


Id = Annotated[StrictStr, AfterValidator(validate_id)]
Text = Annotated[StrictStr, AfterValidator(validate_text)]
IsoDate = Annotated[date, BeforeValidator(validate_date)]
Amount = Annotated[Decimal, BeforeValidator(validate_amount)]
Rate = Annotated[Decimal, BeforeValidator(validate_rate)]
Currency = Annotated[StrictStr, AfterValidator(validate_currency)]
Country = Annotated[StrictStr, AfterValidator(validate_country)]
Email = Annotated[StrictStr, AfterValidator(validate_email)]
Year = Annotated[int, Field(strict=True), AfterValidator(validate_year)]
SchemaVersion = Annotated[Literal[1], BeforeValidator(validate_schema_version)]


class Strict(BaseModel):
    """Base of every model: unknown keys are errors; values are immutable once read."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ExchangeRate(Strict):
    rate: Rate
    date: IsoDate
    source: Text


class Money(Strict):
    """An exact amount; a non-SEK amount carries its rate (SEK per unit)."""

    amount: Amount
    currency: Currency
    exchange_rate: ExchangeRate | None = Field(default=None, validate_default=True)

    @field_validator("exchange_rate")
    @classmethod
    def _rate_matches_currency(
        cls, value: ExchangeRate | None, info: ValidationInfo
    ) -> ExchangeRate | None:
        currency = info.data.get("currency")
        if currency == SEK and value is not None:
            raise fail("exchange-rate-on-sek")
        if currency is not None and currency != SEK and value is None:
            raise fail("missing-exchange-rate", currency=currency)
        return value

    def in_sek(self) -> Decimal:
        """The exact SEK value: amount × rate, no rounding."""
        if self.exchange_rate is None:
            return self.amount
        return exact_product(self.amount, self.exchange_rate.rate)


class OpenPeriod(Strict):
    """A period whose ends may be unknown (`from: null`) or still open (`to: null`)."""

    from_: IsoDate | None = Field(default=None, alias="from")
    to: IsoDate | None = None

    @field_validator("to")
    @classmethod
    def _to_after_from(cls, value: date | None, info: ValidationInfo) -> date | None:
        check_end_after_start(info.data.get("from_"), value)
        return value

    def overlaps_year(self, year: int) -> bool:
        return (self.from_ is None or self.from_.year <= year) and (
            self.to is None or self.to.year >= year
        )

    def covers(self, day: date) -> bool:
        return covers(self.from_, self.to, day)


def exact_product(left: Decimal, right: Decimal) -> Decimal:
    """left × right with every digit kept (the default context keeps only 28)."""
    with localcontext() as context:
        context.prec = len(left.as_tuple().digits) + len(right.as_tuple().digits) + 2
        context.traps[Inexact] = True
        return left * right


def covers(start: date | None, end: date | None, day: date) -> bool:
    """`day` lies within start..end, both included; a missing start or end is open."""
    return (start is None or start <= day) and (end is None or day <= end)


def check_end_after_start(start: date | None, end: date | None) -> None:
    if start is not None and end is not None and end < start:
        raise fail("end-before-start", start=start.isoformat(), end=end.isoformat())
