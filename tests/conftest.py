"""Shared fixtures: a small valid data root that tests copy and then break on purpose."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

VALID_FIXTURE = Path(__file__).parent / "fixtures" / "valid"

# A day on which the valid data root has no findings at all, not even warnings: the only
# finished year since its first reports/ folder is 2024, and that year's report is there.
VALID_TODAY = date(2025, 3, 1)


@pytest.fixture
def valid_root(tmp_path: Path) -> Path:
    """A fresh copy of tests/fixtures/valid at `tmp_path / "data"`, safe to modify.

    It holds policy-2016 and policy-2024; the committee `kulturnamnden` (with a current
    EU-network contact), the companies `malmo-stadshus-ab` and `malmo-live-konserthus-ab`
    (whose parent is the former) and `revisorskollegiet` (kind `other`); the EU project
    `green-transitions` (kulturnamnden is owner, 950000 EUR at 11.4845, below the threshold,
    EU-network notice recorded); `reports/2024/kulturnamnden.yaml`; the network `eurocities`;
    and the twin city `tallinn`. Validated on `valid_today` it gives zero findings.
    """
    root = tmp_path / "data"
    shutil.copytree(VALID_FIXTURE, root)
    return root


@pytest.fixture
def valid_today() -> date:
    """The `today` on which `valid_root` validates without errors or warnings."""
    return VALID_TODAY


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the golden files under tests/golden/ from the current output.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when pytest runs with --update-golden: golden tests write instead of compare."""
    return bool(request.config.getoption("--update-golden"))
