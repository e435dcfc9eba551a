"""How wide a text is in the charts' font, without a font file or a layout engine.

The charts name DejaVu Sans first: it is what WeasyPrint and Chromium on Debian resolve
`sans-serif` and `system-ui` to, and one of the widest sans-serif fonts. Where it is missing,
the usual `sans-serif` (Arial, Helvetica, Liberation Sans) is narrower, so a width measured
here leaves enough room in those too. The table is DejaVu Sans's advance widths (Book weight)
in thousandths of an em, rounded up, for the Latin-1 letters and the punctuation the records
use; any other character counts as a whole em.
"""

from __future__ import annotations

from typing import Final

_BY_WIDTH: Final[dict[int, str]] = {
    275: "'",
    278: "ijlìíîï",
    295: "IJÌÍÎÏ",
    318: " ,.·\u00a0‘’",
    337: "/:;\\|¦",
    353: "f",
    361: "-\u00ad‐",
    391: "()[]",
    393: "t",
    401: "!¡²³¹",
    412: "r",
    460: '"',
    472: "ªº",
    500: "*_`§¨¯°´¸–",
    519: "“”",
    521: "s",
    525: "z",
    531: "?¿",
    550: "cç",
    558: "L",
    576: "F",
    580: "k",
    590: "•",
    592: "vxyýÿ",
    604: "P",
    605: "Þ",
    611: "TYÝ",
    612: "o«»ðòóôõöø",
    613: "aàáâãäå",
    616: "eèéêë",
    630: "ß",
    632: "EÈÉÊË",
    634: "hnuñùúûü",
    635: "Sbdgpqþ",
    637: "$0123456789{}¢£¤¥µ¶€",
    656: "K",
    685: "AVÀÁÂÃÄÅ",
    686: "XZ",
    687: "B",
    695: "R",
    699: "CÇ",
    732: "UÙÚÛÜ",
    749: "NÑ",
    752: "H",
    771: "D",
    775: "GÐ",
    780: "&",
    788: "OQÒÓÔÕÖØ",
    818: "w",
    838: "#+<=>^~¬±×÷−",
    863: "M",
    951: "%",
    970: "¼½¾",
    975: "mÆ",
    982: "æ",
    989: "W",
    1000: "@©®—…",
}
_WIDTHS: Final[dict[str, int]] = {
    char: width for width, chars in _BY_WIDTH.items() for char in chars
}
_UNKNOWN: Final = 1000  # a character outside the table: a whole em, never too little

FONT_FAMILY: Final = "'DejaVu Sans', sans-serif"


def text_width(text: str, font_size: float) -> float:
    """The advance width of `text` at `font_size` (px), in DejaVu Sans."""
    return sum(_WIDTHS.get(char, _UNKNOWN) for char in text) * font_size / 1000


def wrap_two(text: str, font_size: float, limit: float) -> list[str]:
    """`text` on one line when it is at most `limit` wide, else on two lines split at the space
    that makes the wider line narrowest. A text without a space stays on one line: the caller
    makes room for it, nothing is ever cut."""
    if text_width(text, font_size) <= limit:
        return [text]
    words = text.split(" ")
    if len(words) < 2:
        return [text]
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    best = min(splits, key=lambda pair: max(text_width(part, font_size) for part in pair))
    return list(best)
