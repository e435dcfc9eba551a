"""Positions are found one file at a time, so memory does not grow with the files that have
findings, and every finding still gets its file's position."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from conftest import VALID_TODAY
from intlpolicy.loading import locate as locate_module
from intlpolicy.loading import yamlparse
from intlpolicy.loading.positions import Locator
from intlpolicy.services.validate import validate_data_root


def _break_twin_cities(root: Path, count: int) -> None:
    """`count` twin-city files, each with two findings that need a position in the file."""
    for number in range(count):
        (root / "twin-cities" / f"stad-{number}.yaml").write_text(
            "schema_version: 1\n"
            f"id: stad-{number}\n"
            "city: Stad\n"
            "country: XX\n"
            "since: 1989\n"
            "agreement: twin_city\n"
            "mayor: okänd\n",
            encoding="utf-8",
        )


def test_at_most_one_file_tree_is_alive_while_locating(
    valid_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alive = 0
    most = 0

    class CountingLocator(Locator):
        def __init__(self, text: str | None) -> None:
            nonlocal alive, most
            super().__init__(text)
            alive += 1
            most = max(most, alive)

        def __del__(self) -> None:
            nonlocal alive
            alive -= 1

    monkeypatch.setattr(locate_module, "Locator", CountingLocator)
    _break_twin_cities(valid_root, 5)

    result = validate_data_root(valid_root, VALID_TODAY, "data")

    located = [f for f in result.errors if f.file.startswith("data/twin-cities/stad-")]
    assert {f.code for f in located} == {"invalid-country", "unknown-key"}
    assert len(located) == 10
    assert most == 1


def test_the_collector_is_paused_while_locating_and_resumed_after(
    valid_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its passes would walk every loaded record again (0.6 s at 10 000 files with findings).
    collecting: list[bool] = []

    class WatchingLocator(Locator):
        def __init__(self, text: str | None) -> None:
            collecting.append(gc.isenabled())
            super().__init__(text)

    monkeypatch.setattr(locate_module, "Locator", WatchingLocator)
    _break_twin_cities(valid_root, 3)
    assert gc.isenabled()

    validate_data_root(valid_root, VALID_TODAY, "data")

    assert collecting == [False] * 3
    assert gc.isenabled()


def test_each_file_keeps_its_own_positions(valid_root: Path) -> None:
    _break_twin_cities(valid_root, 3)

    result = validate_data_root(valid_root, VALID_TODAY, "data")

    for number in range(3):
        mine = {f.code: (f.line, f.column) for f in result.errors if f"stad-{number}" in f.file}
        assert mine == {"invalid-country": (4, 10), "unknown-key": (7, 1)}


# --- positions as an editor shows them ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "path", "position"),
    [
        # columns count characters, not bytes of UTF-8
        ("city: ÅÅÅÅÅÅÅÅÅÅ\ncountry: [ÅÅÅ, XX]\n", ("country", 1), (2, 16)),
        # U+0085 and U+2028 inside a value are characters, not line breaks
        ("city: 'Va\x85sa'\nnote: 'a\u2028b'\ncountry: XX\n", ("country",), (3, 10)),
        # \r and \r\n are line breaks
        ("city: Vasa\r\ncountry: FI\rsince: 1\r", ("since",), (3, 8)),
    ],
    ids=["non-ascii", "nel-and-line-separator", "cr-and-crlf"],
)
def test_a_field_is_located_where_an_editor_shows_it(
    text: str, path: tuple[str | int, ...], position: tuple[int, int]
) -> None:
    assert Locator(text).locate(path) == position


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("schema_version: 1\nid: x\ncity: ÅÅÅÅÅÅÅÅÅÅ\x01\n", (3, 17)),  # after non-ASCII text
        ("schema_version: 1\nid: x\ncity: [Vasa", (3, 12)),  # cut off, no final line break
        ("schema_version: 1\nid: x\ncity: [Vasa\n", (3, 12)),  # not past the last line
        ("a: 'x\u2028y\x85z'\nb: c: d\n", (2, 5)),  # U+2028, U+0085 break no line
        ('a: 1\nb: "Vasa\nc: 2\n', (2, 4)),  # an unclosed quote: at the opening quote
        ("&k a: 1\nb: 2\n*k : 3\n", (3, 1)),  # a duplicate key through an alias: at the alias
    ],
    ids=["non-ascii", "truncated", "final-newline", "nel", "unclosed-quote", "alias-key"],
)
def test_a_yaml_problem_is_placed_where_an_editor_shows_it(
    text: str, position: tuple[int, int]
) -> None:
    with pytest.raises(yamlparse.YamlProblem) as caught:
        yamlparse.load(text)
    assert (caught.value.line + 1, caught.value.column + 1) == position
