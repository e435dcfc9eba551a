"""YAML text for values the tool writes (new records, field changes in `history`): each scalar
is written so that the fast reader (`loading.yamlparse`) reads back exactly the same value."""

from __future__ import annotations

import re
from typing import Final

from intlpolicy.loading.yamlparse import STR, resolve_scalar
from intlpolicy.models.common import DATE_RE

# Text written without quotes: a letter first, then only characters that YAML reads as part
# of plain text (a short list, so what needs no quotes is easy to see); also a date, since the
# records write their dates that way (DATE_RE).
_PLAIN_RE = re.compile(r"[^\W\d_][\w .,()/'’&+–:#@?!%*=;-]*")
# Words that YAML 1.1 readers (older editors and tools) take for booleans or null.
_YAML11_WORDS: Final = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"})
_FLOW_INDICATORS: Final = frozenset(",[]{}")
_SHORT_ESCAPES: Final = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


class NotUnicode(ValueError):
    """The text holds a lone surrogate (bytes that were not UTF-8): it cannot be written."""


def scalar_text(value: str, in_flow: bool = False) -> str:
    """A YAML scalar that reads back as exactly `value`: plain when safe, else double-quoted.

    `in_flow`: the scalar stands inside `[...]` or `{...}`, where a comma would end it.
    Raises NotUnicode for a text that cannot be written as UTF-8.
    """
    if (
        (_PLAIN_RE.fullmatch(value) or DATE_RE.fullmatch(value))
        and resolve_scalar(value, (True, False)) == STR
        and not value.endswith((" ", ":"))
        and ": " not in value
        and " #" not in value
        and value.lower() not in _YAML11_WORDS
        and not (in_flow and _FLOW_INDICATORS.intersection(value))
    ):
        return value
    return _double_quoted(value)


def _double_quoted(value: str) -> str:
    out = ['"']
    for char in value:
        if char in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[char])
        elif "\ud800" <= char <= "\udfff":
            raise NotUnicode("texten innehåller tecken som inte är giltig UTF-8")
        elif char == " " or char.isprintable():
            out.append(char)
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    out.append('"')
    return "".join(out)
