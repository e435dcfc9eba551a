"""Which folder is the data root: `--data`, else $INTLPOLICY_DATA, else found like git finds
its repository, by walking up from the current folder.

The walk looks at the current folder and each folder above it, and takes the first that holds
`data/policy/` (its `data/` is the root) or is itself a data root (holds `policy/` and another
record folder). It stops after the top of the git work tree it stands in (a folder with
`.git`: a records repository keeps its data inside itself), after the home folder, and at the
filesystem root, so that a stray `data/` somewhere above is never picked up. When the walk
finds nothing, `./data` is the root if it exists (a new records repository without policy
versions yet), as before there was a walk.

A root that is given (`--data`, $INTLPOLICY_DATA) is taken as given, except when it lies
inside a data root (`--data data/projects`) or holds one (`--data .` beside `data/`): the
records would then all be misplaced, so the refusal names the folder to give instead.

Pure: reads folder names, never prints, never exits; a refusal is a `DataRootRefused`.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from intlpolicy.errors import UsageRefused
from intlpolicy.models import KINDS

DEFAULT_FOLDER: Final = "data"
_POLICY: Final = "policy"
_OTHER_FOLDERS: Final = tuple(kind.folder for kind in KINDS if kind.folder != _POLICY)


class DataRootRefused(UsageRefused):
    """No usable data root: none given or found, or the one given is the wrong folder."""


@dataclass(frozen=True, slots=True)
class DataRoot:
    """The data root, and the form of it that findings start with: as the user wrote it, or,
    when found by the walk, relative to the current folder (`data`, `..`, `../..`)."""

    path: Path  # absolute when the current folder given was
    shown: str


def is_data_root(folder: Path) -> bool:
    """Holds `policy/` and at least one other record folder."""
    return (folder / _POLICY).is_dir() and any((folder / name).is_dir() for name in _OTHER_FOLDERS)


def _holds_data_root(folder: Path) -> bool:
    return (folder / DEFAULT_FOLDER / _POLICY).is_dir()


def resolve_data_root(
    option: str | None,
    environment: str | None,
    cwd: Path,
    home: Path | None,
    *,
    at_revision: bool = False,
) -> DataRoot:
    """The data root for a command run in `cwd`.

    `option` is `--data` (empty is refused: `--data "$UNSET"` must not mean the current
    folder), `environment` is $INTLPOLICY_DATA (empty counts as unset).
    `at_revision`: the root is read from git (`--rev`), so a given one need not be a folder
    in the work tree.
    """
    if option == "":
        raise DataRootRefused("data-root-empty")
    if option is not None:
        return _given(option, "--data", cwd, at_revision)
    if environment:
        return _given(environment, "INTLPOLICY_DATA", cwd, at_revision)
    return discover_data_root(cwd, home)


def _given(shown: str, source: str, cwd: Path, at_revision: bool) -> DataRoot:
    path = cwd / shown
    folder = Path(os.path.abspath(path))
    given = _setting(source, shown)
    if not folder.is_dir():
        if at_revision:
            return DataRoot(path, shown)
        raise DataRootRefused("data-root-not-a-folder", given=given)
    if is_data_root(folder):
        return DataRoot(path, shown)
    around = next((above for above in _above(folder) if is_data_root(above)), None)
    code = "data-root-inside"
    if around is None and _holds_data_root(folder):
        around, code = folder / DEFAULT_FOLDER, "data-root-above"
    if around is None:
        return DataRoot(path, shown)  # a new, still empty data root is fine
    better = str(around) if os.path.isabs(shown) else os.path.relpath(around, cwd)
    verb = "ange" if source == "--data" else "sätt"
    advice = f"{verb} {_setting(source, better)}"
    raise DataRootRefused(code, given=given, better=shlex.quote(better), advice=advice)


def _setting(source: str, value: str) -> str:
    """How the user gives `value`: `--data VALUE` or `INTLPOLICY_DATA=VALUE`, quoted for a shell."""
    separator = " " if source.startswith("--") else "="
    return f"{source}{separator}{shlex.quote(value)}"


def _above(folder: Path) -> Iterator[Path]:
    while folder.parent != folder:
        folder = folder.parent
        yield folder


def discover_data_root(cwd: Path, home: Path | None) -> DataRoot:
    """The first data root from `cwd` upwards (the module's text says where the walk stops)."""
    start = Path(os.path.realpath(cwd))
    home = Path(os.path.realpath(home)) if home is not None else None
    folder = start
    while True:
        if _holds_data_root(folder):
            return _found(folder / DEFAULT_FOLDER, start)
        if is_data_root(folder):
            return _found(folder, start)
        if (folder / ".git").exists():
            why = "git-förrådets översta mapp"
        elif folder == home:
            why = "hemmappen"
        elif folder.parent == folder:
            why = "filsystemets rot"
        else:
            folder = folder.parent
            continue
        if (start / DEFAULT_FOLDER).is_dir():
            return _found(start / DEFAULT_FOLDER, start)  # ./data, even without policy/ yet
        searched = f"i {start}" if folder == start else f"från {start} uppåt till {folder}"
        raise DataRootRefused("data-root-not-found", searched=searched, why=why)


def _found(root: Path, start: Path) -> DataRoot:
    return DataRoot(root, os.path.relpath(root, start))
