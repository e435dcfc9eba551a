"""Fitting a table to a terminal's width: pure text arithmetic, no rich.

The rules, in the order they apply when a table is too wide:
1. Titles and names (`name` columns) shorten with `…`, down to NAME_MIN characters.
2. Other text wraps between words, never inside one, onto at most two lines (down to the
   width of a cell's longer half); headers wrap down to their longest word. Ids and
   amounts (`fixed` columns) never wrap and are never shortened.
3. Columns are left out in the table's stated order (the caller names them in a note).
4. Last resort, on a very narrow terminal: names shorten further, to NAME_LAST characters.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

Fit = Literal["fixed", "name", "text"]
ELLIPSIS: Final = "…"
NAME_MIN: Final = 16
NAME_LAST: Final = 6


@dataclass(frozen=True, slots=True)
class FitColumn:
    header: str
    cells: list[str]
    fit: Fit
    right: bool = False

    @property
    def natural(self) -> int:
        return max([len(self.header), *(len(cell) for cell in self.cells)])

    def minimum(self, name_min: int = NAME_MIN) -> int:
        header_word = _longest_word(self.header)
        if self.fit == "fixed":
            floor = max([0, *(len(cell) for cell in self.cells)])
        elif self.fit == "text":
            floor = max([0, *(_two_lines(cell) for cell in self.cells)])
        else:
            floor = min(name_min, self.natural)
        return max(header_word, floor)

    def header_lines(self, width: int) -> list[str]:
        return [self.header] if len(self.header) <= width else _wrap(self.header, width)

    def cell_lines(self, text: str, width: int) -> list[str]:
        """A cell as the lines it takes at `width`: a name shortened, other text wrapped."""
        if len(text) <= width or self.fit == "fixed":
            return [text]
        if self.fit == "name":
            return [text[: max(width - 1, 0)].rstrip() + ELLIPSIS]
        return _wrap(text, width)


@dataclass(frozen=True, slots=True)
class Fitted:
    shown: list[int]  # indexes of the columns shown, in order
    widths: list[int]  # one per shown column
    dropped: list[int]  # indexes of the columns left out, in the order they were dropped


def fit_columns(
    columns: Sequence[FitColumn], width: int | None, gap: int, drop_order: Sequence[int]
) -> Fitted:
    """The columns to show and their widths, so that a line is at most `width` wide
    (`None`: no limit, natural widths)."""
    shown = list(range(len(columns)))
    if width is None:
        return Fitted(shown, [columns[i].natural for i in shown], [])
    dropped: list[int] = []
    to_drop = [i for i in drop_order if i in shown]
    while True:
        widths = _shrink([columns[i] for i in shown], width, gap, NAME_MIN)
        if widths is not None:
            return Fitted(shown, widths, dropped)
        if not to_drop:
            break
        dropped.append(to_drop.pop(0))
        shown.remove(dropped[-1])
    last = _shrink([columns[i] for i in shown], width, gap, NAME_LAST)
    return Fitted(shown, last or [columns[i].minimum(NAME_LAST) for i in shown], dropped)


def _shrink(columns: Sequence[FitColumn], width: int, gap: int, name_min: int) -> list[int] | None:
    widths = [column.natural for column in columns]
    floors = [column.minimum(name_min) for column in columns]
    excess = sum(widths) + gap * (len(columns) - 1) - width
    for fits in (("name",), ("text", "fixed")):
        while excess > 0:
            candidates = [
                i for i, c in enumerate(columns) if c.fit in fits and widths[i] > floors[i]
            ]
            if not candidates:
                break
            widest = max(candidates, key=lambda i: widths[i])
            widths[widest] -= 1
            excess -= 1
    if excess > 0:
        return None
    return _give_back(columns, widths, floors, -excess)


def _give_back(
    columns: Sequence[FitColumn], widths: list[int], floors: list[int], slack: int
) -> list[int]:
    """Text that wraps anyway wraps onto its two lines; names get the room it frees."""
    for i, column in enumerate(columns):
        if column.fit == "text" and widths[i] < column.natural:
            slack += widths[i] - floors[i]
            widths[i] = floors[i]
    for fits in ("name", "text"):
        for i, column in enumerate(columns):
            if column.fit == fits and slack > 0:
                grow = min(slack, column.natural - widths[i])
                widths[i] += grow
                slack -= grow
    return widths


def _longest_word(text: str) -> int:
    return max([0, *(len(word) for word in text.split())])


def _two_lines(text: str) -> int:
    """The narrowest width at which `text` takes at most two lines, broken between words."""
    words = text.split()
    if len(words) < 2:
        return len(text)
    return min(
        max(len(" ".join(words[:n])), len(" ".join(words[n:]))) for n in range(1, len(words))
    )


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]
