"""The YAML text of a new record, written line by line (not dumped), so the layout and the
Swedish comments are the ones a handläggare sees in `data/`, and amounts keep the exact
decimal digits given.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Final

from pydantic import BaseModel

from intlpolicy.editing.yamltext import NotUnicode, scalar_text
from intlpolicy.errors import Refused
from intlpolicy.models.common import ExchangeRate, Money
from intlpolicy.models.descriptions import field_description

COMMENT_COLUMN: Final = 32


class ScaffoldError(Refused):
    """`new` cannot create the record; nothing was written. `findings` locate schema errors."""


def yaml_text(value: str) -> str:
    """A YAML scalar that reads back as exactly `value`; refuses text that is not UTF-8."""
    try:
        return scalar_text(value)
    except NotUnicode:
        raise ScaffoldError("new-not-unicode", value=value) from None


def optional_text(value: str | None) -> str:
    return "null" if value is None else yaml_text(value)


def date_text(value: date | None) -> str:
    return "null" if value is None else value.isoformat()


def decimal_text(value: Decimal) -> str:
    return f"{value:f}"


class Document:
    """YAML lines with end-of-line comments aligned like the records in data/."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def field(self, model: type[BaseModel], key: str, value: str = "", indent: int = 0) -> None:
        """`key: value`, with the field's Swedish description as a comment."""
        text = "  " * indent + f"{key}:" + (f" {value}" if value else "")
        comment = field_description(model, key)
        self.lines.append(f"{text.ljust(COMMENT_COLUMN - 1)} # {comment}")

    def comment(self, text: str) -> None:
        self.lines.append(f"# {text}")

    def raw(self, line: str) -> None:
        self.lines.append(line)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def money_lines(doc: Document, model: type[BaseModel], key: str, money: Money) -> None:
    doc.field(model, key)
    doc.field(Money, "amount", decimal_text(money.amount), 1)
    doc.field(Money, "currency", yaml_text(money.currency), 1)
    rate = money.exchange_rate
    if rate is not None:
        doc.field(Money, "exchange_rate", indent=1)
        doc.field(ExchangeRate, "rate", decimal_text(rate.rate), 2)
        doc.field(ExchangeRate, "date", date_text(rate.date), 2)
        doc.field(ExchangeRate, "source", yaml_text(rate.source), 2)


def block_text(value: str) -> list[str] | None:
    """The lines of a `|` block that reads back as `value` plus a final line break.

    None when a block cannot hold the text: a leading space or line break (the block's
    indentation would change), trailing spaces or line breaks, or characters to escape.
    """
    lines = value.split("\n")
    if not value or value[0] in " \n" or value.endswith("\n"):
        return None
    if any(line.endswith(" ") or not line.isprintable() for line in lines):
        return None
    return lines
