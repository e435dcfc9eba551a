"""Loading only the records one command needs, so an unrelated broken record cannot stop it.

`route-project` reads the policy versions, the project and its organisation, nothing else.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from intlpolicy.errors import Refused
from intlpolicy.findings import Severity
from intlpolicy.loading.files import DiskReader, Listing, discover, display_path
from intlpolicy.loading.locate import locate
from intlpolicy.loading.records import Issue, Source
from intlpolicy.loading.store import Reader, load_sources
from intlpolicy.models import KIND_BY_FOLDER, Organisation, Policy, Project
from intlpolicy.models.common import SLUG_RE

M = TypeVar("M", bound=BaseModel)


class InputError(Refused):
    """A command's own input is missing or wrong. `findings` locate it when it is a file."""


def _load_one(root: Path, source: Source, model: type[M], given: Reader | None = None) -> M:
    """Parse and validate one record; raise InputError with its findings if it is broken."""
    reader = given if given is not None else DiskReader(root)
    issues: list[Issue] = []
    loaded = load_sources([source], reader, issues)
    assert source.kind is not None
    found = loaded.records.by_kind(source.kind.name).get(source.record)
    value = getattr(found, "id", source.record)
    if value != source.record:  # the same rule as validate: a file is named after its id
        issues.append(
            Issue(source, "id-mismatch", {"value": value, "expected": f"{value}.yaml"}, ("id",))
        )
    errors = [f for f in locate(issues, reader.read_text) if f.severity is Severity.ERROR]
    if errors:
        raise InputError(f"{source.file} innehåller fel", errors)
    record = found
    if not isinstance(record, model):  # pragma: no cover - load_sources validated it
        raise InputError(f"{source.file} kunde inte läsas")
    return record


def _has_file(root: Path, reader: Reader | None, rel: str) -> bool:
    # A revision's files are known from its listing; on disk, the file is asked for directly.
    return (root / rel).is_file() if reader is None else rel in reader.listing().files


def load_policies(root: Path, display_root: str, reader: Reader | None = None) -> list[Policy]:
    """Every policy version; any broken one is an error, since it could be the one in force."""
    kind = KIND_BY_FOLDER["policy"]
    folder = root / kind.folder
    if reader is not None:
        listing = reader.listing()
    elif folder.is_dir():
        names = sorted(n for n in os.listdir(folder) if not n.startswith("."))
        listing = Listing([f"{kind.folder}/{name}" for name in names], [])
    else:
        listing = Listing([], [])
    # The same discovery as `validate`, so both see exactly the same policy files.
    sources = [s for s in discover(listing, display_root).sources if s.kind is kind]
    if not sources:
        raise InputError(
            f"det finns inga policyversioner i {display_path(display_root, kind.folder)}; "
            "utan policy kan rutinen inte tillämpas (är --data rätt?)"
        )
    return [_load_one(root, source, Policy, reader) for source in sources]


def _check_id(value: str, what: str) -> None:
    """An id names a file in its folder; anything else (`../x`, `a/b`) is refused."""
    if not SLUG_RE.fullmatch(value):
        raise InputError(
            f"{what} '{value}' är inget giltigt id; ange ett id (små bokstäver a-z, siffror, "
            "bindestreck) eller en sökväg till en .yaml-fil"
        )


def load_organisation(
    root: Path, display_root: str, organisation_id: str, reader: Reader | None = None
) -> Organisation:
    _check_id(organisation_id, "organisationen")
    rel = f"organisations/{organisation_id}.yaml"
    if not _has_file(root, reader, rel):
        raise InputError(
            f"organisationen '{organisation_id}' finns inte "
            f"({display_path(display_root, rel)} saknas)"
        )
    source = Source(
        rel, display_path(display_root, rel), organisation_id, KIND_BY_FOLDER["organisations"]
    )
    return _load_one(root, source, Organisation, reader)


def load_project(
    root: Path, display_root: str, reference: str, reader: Reader | None = None
) -> tuple[Project, Source]:
    """A project by id (`green-transitions`) or by path to its file (from `reader` if given)."""
    as_path = Path(reference)
    if reference.endswith((".yaml", ".yml")):
        if reader is not None:
            return _load_project_file_at_revision(root, reference, reader)
        if not as_path.is_file():
            raise InputError(f"filen '{reference}' finns inte")
        source = Source(as_path.name, reference, as_path.stem, KIND_BY_FOLDER["projects"])
        project_root = as_path.parent
        return _load_one(project_root, source, Project), source
    _check_id(reference, "projektet")
    rel = f"projects/{reference}.yaml"
    if not _has_file(root, reader, rel):
        raise InputError(
            f"projektet '{reference}' finns inte ({display_path(display_root, rel)} saknas)"
        )
    source = Source(rel, display_path(display_root, rel), reference, KIND_BY_FOLDER["projects"])
    return _load_one(root, source, Project, reader), source


def _load_project_file_at_revision(
    root: Path, reference: str, reader: Reader
) -> tuple[Project, Source]:
    # A revision holds only the data root's files, so the path must lead into the data root.
    rel = os.path.relpath(os.path.realpath(reference), os.path.realpath(root)).replace(os.sep, "/")
    if rel.startswith("../") or not _has_file(root, reader, rel):
        raise InputError(f"filen '{reference}' finns inte i dataroten vid den revisionen")
    source = Source(rel, reference, Path(rel).stem, KIND_BY_FOLDER["projects"])
    return _load_one(root, source, Project, reader), source
