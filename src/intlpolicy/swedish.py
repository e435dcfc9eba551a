"""How Swedish is written: numbers (`10 910 275,50 kr`) and alphabetical order (å ä ö after z).

Grouping by three with a space and a decimal comma is the Swedish standard (SS 014 & Språkrådet);
no locale data is needed for it.
"""

from __future__ import annotations

import errno
import os
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

SPACE = " "
NO_BREAK_SPACE = "\u00a0"


def format_number(
    value: Decimal, decimals: int | None = None, space: str = SPACE, strip: bool = True
) -> str:
    """`Decimal("10910275.0000")` -> `10 910 275`; never rounds unless `decimals` is given.

    `strip=False` keeps the digits as written (`11.2050` -> `11,2050`).
    """
    if decimals is not None:
        # Rounded as people round money: half up, not Decimal's default half-even.
        value = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{value:f}"
    if decimals is None and strip and "." in text:
        text = text.rstrip("0").rstrip(".")
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:]
    whole, _, fraction = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + space.join(groups) + ("," + fraction if fraction else "")


def format_sek(value: Decimal, space: str = SPACE) -> str:
    """Kronor, exact: `12 000 000 kr`, `11 999 999,99 kr`; more decimals only when present."""
    exact = format_number(value, space=space)
    _, _, fraction = exact.partition(",")
    if fraction and len(fraction) < 2:
        exact += "0" * (2 - len(fraction))
    return f"{exact}{space}kr"


# Swedish alphabetical order: å, ä, ö come after z; ü sorts as y, é as e.
_SWEDISH_ORDER = str.maketrans(
    {
        "å": "{",
        "ä": "|",
        "ö": "}",
        "æ": "|",
        "ø": "}",
        "ü": "y",
        "é": "e",
        "è": "e",
        "á": "a",
        "à": "a",
    }
)


def swedish_key(text: str) -> str:
    """A sort key that puts names in Swedish alphabetical order."""
    return unicodedata.normalize("NFC", text).lower().translate(_SWEDISH_ORDER)


# errno -> the cause as a case officer reads it.
_CAUSES: dict[int, str] = {
    errno.ENOSPC: "disken är full",
    errno.EDQUOT: "diskkvoten är slut",
    errno.EFBIG: "filen blir för stor",
    errno.EACCES: "åtkomst nekad",
    errno.EPERM: "åtkomst nekad",
    errno.EROFS: "filsystemet är skrivskyddat",
    errno.ENAMETOOLONG: "filnamnet är för långt",
    errno.ENOENT: "filen eller mappen finns inte",
    errno.ENOTDIR: "en del av sökvägen är ingen mapp",
    errno.EISDIR: "det är en mapp",
    errno.EIO: "in- eller utmatningsfel",
    errno.ELOOP: "för många symboliska länkar",
    errno.ETXTBSY: "filen används",
    errno.EBUSY: "filen används",
    errno.EMFILE: "för många öppna filer",
    errno.ENFILE: "för många öppna filer",
    errno.ENOMEM: "minnet räcker inte",
    errno.ESTALE: "nätverksfilen finns inte längre",
    errno.ENXIO: "enheten finns inte",
    errno.ENODEV: "enheten finns inte",
    errno.EEXIST: "filen finns redan",
    errno.EBADF: "den är stängd",
}


def os_cause(error: OSError) -> str:
    """The cause of an OSError in Swedish. The system's own (English) text is replaced by
    the Swedish one, and shown only as a quote when none is known; a text that this program
    gave the error itself (already Swedish) is kept."""
    strerror = error.strerror
    number = error.errno
    own_text = strerror and (number is None or strerror != os.strerror(number))
    if own_text:
        return str(strerror)
    known = _CAUSES.get(number or 0)
    return known if known is not None else f'"{strerror or error}"'
