"""What the commands that fix records (`notice`, `contact`, `rate`, `report-submit`) share.

Each of them is a service that loads the record it changes (an unknown id is refused with the
closest one, a broken record with its errors), checks the request against it, and hands one
change of the round-trip document to `services.edits.apply_edit`, which validates the whole
data root with the new bytes and writes atomically (or only shows the diff: `dry_run`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from intlpolicy.editing.roundtrip import Change
from intlpolicy.errors import Refused
from intlpolicy.loading.selection import InputError, load_project
from intlpolicy.models import Project
from intlpolicy.services.edits import EditResult, apply_edit


class FixRefused(Refused):
    """A fixing command cannot make the change asked for; the record was not touched."""


@dataclass(frozen=True, slots=True)
class EditTarget:
    """Where a fixing command edits: the data root (as given and as shown) and the day."""

    root: Path
    display_root: str
    today: date
    dry_run: bool = False


@contextmanager
def one_line_errors() -> Iterator[None]:
    """A record the command reads that has errors is refused in one line: the first error
    with its file, line and column (and how many more there are), never a half edit."""
    try:
        yield
    except InputError as refused:
        if not refused.findings:
            raise
        first, count = refused.findings[0], len(refused.findings)
        raise FixRefused(
            "fix-record-has-errors",
            file=first.file,
            line=first.line,
            column=first.column,
            problem=first.message,
            more=f" (och {count - 1} fel till)" if count > 1 else "",
        ) from None


def not_in_future(day: date, today: date, option: str) -> None:
    """A day something was done cannot be after today."""
    if day > today:
        raise FixRefused(
            "fix-date-in-future", option=option, value=day.isoformat(), today=today.isoformat()
        )


def edit_record(
    target: EditTarget, path: Path, change: Change, options: Mapping[str, str] | None = None
) -> EditResult:
    """`apply_edit` on the target's data root: checked like `validate`, written atomically
    unless it is a dry run. `options`: a field's path -> the option and value that set it,
    named when the model refuses the field."""
    return apply_edit(
        target.root,
        path,
        change,
        dry_run=target.dry_run,
        today=target.today,
        display_root=target.display_root,
        options=options,
    )


def project_path(target: EditTarget, reference: str) -> tuple[Project, Path]:
    """A project by id (or the path to its file), loaded and checked, and its file. A file
    of the data root that is not in projects/ (an organisation's, a report's) is refused as
    no project, not as a project with errors."""
    if reference.endswith((".yaml", ".yml")):
        rel = os.path.relpath(os.path.abspath(reference), os.path.abspath(target.root))
        parts = Path(rel).parts
        if parts and parts[0] != os.pardir and parts[0] != "projects":
            raise FixRefused("fix-not-a-project", file=reference)
    project = load_project(target.root, target.display_root, reference)
    if reference.endswith((".yaml", ".yml")):
        return project, Path(reference)
    return project, target.root / "projects" / f"{project.id}.yaml"
