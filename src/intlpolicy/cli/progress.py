"""A progress bar on stderr for long work, only where a person watches a terminal."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID

    from intlpolicy.loading.files import Progress

# Below this many files the work takes well under a second: no bar.
MIN_FILES: Final = 1000


def wanted(machine_output: bool) -> bool:
    """On a terminal, not in CI, not for JSON or annotations meant for another program."""
    return (
        not machine_output
        and sys.stderr.isatty()
        and not os.environ.get("CI")
        and not os.environ.get("GITHUB_ACTIONS")
    )


@contextmanager
def progress_bar(enabled: bool, description: str = "Läser poster") -> Iterator[Progress | None]:
    """A callback for the loader that draws a bar once it knows the work is large."""
    if not enabled:
        yield None
        return
    bar: RichProgress | None = None
    task: TaskID | None = None

    def advance(done: int, total: int) -> None:
        nonlocal bar, task
        if bar is None:
            if total < MIN_FILES:
                return
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(file=sys.stderr),
                transient=True,
            )
            bar.start()
            task = bar.add_task(description, total=total)
        assert task is not None
        bar.advance(task, done)

    try:
        yield advance
    finally:
        if bar is not None:
            bar.stop()
