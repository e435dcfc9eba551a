"""The start-up floor: a one-command typer app, for comparison with `intlpolicy --help`.

    python benchmarks/typer_floor.py --help                      # typer's default rich help
    TYPER_FLOOR_PLAIN=1 python benchmarks/typer_floor.py --help  # rich_markup_mode=None

With rich installed typer renders help through rich, which costs ~70 ms of imports;
`rich_markup_mode=None` (plain click help) is the lowest a typer CLI can start.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

if os.environ.get("TYPER_FLOOR_PLAIN"):
    app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)
else:
    app = typer.Typer()


@app.command()
def validate(
    data: Annotated[Path, typer.Option(help="The data root.")] = Path("data"),
) -> None:
    """Validate every record under the data root."""


if __name__ == "__main__":
    app()
