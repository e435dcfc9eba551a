"""Positions are found one file at a time, so memory does not grow with the files that have
findings, and every finding still gets its file's position."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import VALID_TODAY
from intlpolicy.loading import locate as locate_module
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


def test_each_file_keeps_its_own_positions(valid_root: Path) -> None:
    _break_twin_cities(valid_root, 3)

    result = validate_data_root(valid_root, VALID_TODAY, "data")

    for number in range(3):
        mine = {f.code: (f.line, f.column) for f in result.errors if f"stad-{number}" in f.file}
        assert mine == {"invalid-country": (4, 10), "unknown-key": (7, 1)}
