"""Every command that writes a record takes `--dry-run` (issue 12, point 1): it prints the
change as a unified diff, exits 0 and writes nothing; run without it, the command writes and
prints the same diff. The list of such commands is checked against the CLI, so a new command
that writes records cannot come without `--dry-run`."""

from __future__ import annotations

import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REPO_DATA, command_group, invoke, snapshot

# The commands that write a record, and those that never do (they write, at most, a file the
# user names with --output/--draft, or a new repository with init).
WRITERS = {"new", "notice", "contact", "rate", "report-submit", "fmt", "migrate"}
READERS = {"validate", "route-project", "annual-report", "publish", "list", "history", "schema"}
NOT_A_RECORD_EDIT = {"init"}  # makes a new repository in an empty folder; nothing to diff


def _messy(root: Path) -> None:
    path = root / "projects" / "green-transitions.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ntitle: ", "\ntitle:  ", 1), encoding="utf-8")


def _nothing(root: Path) -> None:
    return None


CONTACT_ADD = tuple(
    shlex.split('contact valnamnden --add "Sara Lind" --email sara.lind@malmo.se --from 2026-11-01')
)
RATE = tuple(
    shlex.split("rate green-transitions --rate 12.70 --date 2024-09-13 --source InforEuro")
)

# name -> (the command's arguments, how to prepare a copy of data/, whether the command
# prints the diff when it writes: `new` prints the new file's path instead)
EDITS: dict[str, tuple[tuple[str, ...], Callable[[Path], None], bool]] = {
    "notice": (
        (
            "notice",
            "cultural-heritage-ai",
            "--ks-information",
            "--date",
            "2024-10-07",
            "--diary-number",
            "KS-2024-00999",
        ),
        _nothing,
        True,
    ),
    "contact --add": (
        CONTACT_ADD,
        _nothing,
        True,
    ),
    "rate": (
        RATE,
        _nothing,
        True,
    ),
    "report-submit": (
        ("report-submit", "kulturnamnden", "--year", "2024", "--date", "2025-02-15"),
        _nothing,
        True,
    ),
    "fmt": (("fmt",), _messy, True),
    "new": (
        ("new", "twin-city", "--city", "Aarhus", "--country", "DK", "--since", "2025"),
        _nothing,
        False,
    ),
}


def test_every_command_that_writes_records_has_dry_run() -> None:
    group = command_group()
    commands = set(group.commands)  # type: ignore[attr-defined]
    assert commands == WRITERS | READERS | NOT_A_RECORD_EDIT, "classify the new command here"

    def options(command: object) -> set[str]:
        sub = getattr(command, "commands", None)
        if sub:
            return set.intersection(*(options(each) for each in sub.values()))
        return {opt for param in command.params for opt in param.opts}  # type: ignore[attr-defined]

    for name in sorted(commands):
        has = "--dry-run" in options(group.commands[name])  # type: ignore[attr-defined]
        assert has == (name in WRITERS), name


@pytest.mark.parametrize("name", EDITS)
def test_dry_run_prints_the_diff_and_writes_nothing(name: str, tmp_path: Path) -> None:
    args, prepare, shows_diff = EDITS[name]
    root = tmp_path / "data"
    shutil.copytree(REPO_DATA, root)
    prepare(root)
    before = snapshot(root)
    dry = invoke(*args, "--dry-run", "--data", root)
    assert dry.exit_code == 0, dry.output
    assert dry.stdout.startswith(("--- ", "skulle formateras om: ")), dry.stdout
    diff = [line for line in dry.stdout.splitlines() if line.startswith(("+", "-", "@@"))]
    assert any(line.startswith("@@") for line in diff), dry.stdout
    assert snapshot(root) == before, "a dry run writes nothing"
    done = invoke(*args, "--data", root)
    assert done.exit_code == 0, done.output
    assert snapshot(root) != before
    if shows_diff:
        assert [line for line in done.stdout.splitlines() if line in diff] == diff


def test_contact_end_dry_run_writes_nothing(valid_root: Path) -> None:
    args = ("contact", "kulturnamnden", "--end", "Bertil Berg", "--to", "2025-02-28")
    before = snapshot(valid_root)
    dry = invoke(*args, "--dry-run", "--data", valid_root)
    assert dry.exit_code == 0, dry.output
    assert "+" in dry.stdout and "2025-02-28" in dry.stdout
    assert snapshot(valid_root) == before
