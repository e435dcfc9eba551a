"""The report's SVG bar charts fit their labels: measured, wrapped, never cut."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from decimal import Decimal

import yaml

from conftest import REPO_DATA
from intlpolicy.reports.charts import Bar, bar_chart
from intlpolicy.reports.text_width import text_width, wrap_two

FONT_SIZE = 13


def longest_organisation_name() -> str:
    names = [
        yaml.safe_load(path.read_text(encoding="utf-8"))["name"]
        for path in sorted((REPO_DATA / "organisations").glob("*.yaml"))
    ]
    return max(names, key=len)


def text_extents(svg: str) -> tuple[float, list[tuple[str, float, float]]]:
    """The viewBox's width and each text line's (text, start, end) as a renderer places it:
    from x, the text-anchor and the line's width in the charts' font."""
    root = ElementTree.fromstring(svg)
    x0, _, width, _ = (float(part) for part in root.attrib["viewBox"].split())
    assert x0 == 0
    extents = []
    for text in root.iter("text"):
        anchor = text.attrib.get("text-anchor", "start")
        lines = [(span.text or "", span.attrib) for span in text.iter("tspan")]
        if not lines:
            lines = [(text.text or "", text.attrib)]
        for line, attrib in lines:
            x = float(attrib.get("x", text.attrib.get("x", "0")))
            size = text_width(line, FONT_SIZE)
            start = {"start": x, "middle": x - size / 2, "end": x - size}[anchor]
            extents.append((line, start, start + size))
    return width, extents


def chart_of(*labels: str, values: tuple[str, ...] = ()) -> str:
    shown = values or tuple(str(index + 1) for index in range(len(labels)))
    bars = [
        Bar(label, Decimal(index + 1), value)
        for index, (label, value) in enumerate(zip(labels, shown, strict=True))
    ]
    return str(bar_chart("Titel", "Beskrivning", bars, ident="t"))


def assert_inside(svg: str) -> list[str]:
    width, extents = text_extents(svg)
    for line, start, end in extents:
        assert start >= 0, f"{line!r} starts at {start:.1f}, left of the viewBox"
        assert end <= width, f"{line!r} ends at {end:.1f}, right of the viewBox ({width})"
    return [line for line, _, _ in extents]


def test_the_longest_real_organisation_name_fits() -> None:
    name = longest_organisation_name()
    assert len(name) > 40  # the data has a name the old 40-character cut would have shortened
    svg = chart_of(name, "Kulturnämnden", "Gymnasie- och vuxenutbildningsnämnden")
    lines = assert_inside(svg)
    # Every word of the name is there, on one or two lines; nothing shortened with an ellipsis.
    assert " ".join(line for line in lines if line in name) == name
    assert "…" not in svg


def test_every_real_organisation_name_fits_with_large_amounts() -> None:
    names = [
        yaml.safe_load(path.read_text(encoding="utf-8"))["name"]
        for path in sorted((REPO_DATA / "organisations").glob("*.yaml"))
    ]
    amounts = tuple(f"{index}\u00a0999\u00a0999\u00a0999\u00a0kr" for index in range(len(names)))
    assert_inside(chart_of(*names, values=amounts))


def test_a_long_word_widens_the_chart_rather_than_cut_it() -> None:
    word = "Stadsbyggnadsnämndensinternationellasamordningsfunktionsavdelning" * 2
    svg = chart_of(word)
    width, _ = text_extents(svg)
    assert width > 640
    assert word in assert_inside(svg)


def test_long_labels_go_over_two_lines_short_ones_stay_on_one() -> None:
    assert wrap_two("Kulturnämnden", FONT_SIZE, 240) == ["Kulturnämnden"]
    assert wrap_two("Stadskontoret, avdelningen för omvärld och näringsliv", FONT_SIZE, 240) == [
        "Stadskontoret, avdelningen",
        "för omvärld och näringsliv",
    ]


def test_the_width_table_matches_the_font() -> None:
    # DejaVu Sans, 2048 units an em: 'a' 1255, 'm' 1995, 'i' 569, ' ' 651, 'Ö' 1612.
    assert text_width("a", 1000) == 613
    assert text_width("m", 1000) == 975
    assert text_width("i Ö", 1000) == 278 + 318 + 788
    assert text_width("\u4e2d", 10) == 10  # outside the table: a whole em
