"""Loading only the records one command needs, so an unrelated broken record cannot stop it.

`route-project` reads the policy versions, the project and its organisation, nothing else.
An id that names no record is refused with the closest id there is (`errors.UnknownId`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from intlpolicy.errors import Refused, UnknownId
from intlpolicy.findings import Severity
from intlpolicy.loading.files import DiskReader, Listing, Reader, discover, display_path
from intlpolicy.loading.locate import locate
from intlpolicy.loading.records import Issue, Source
from intlpolicy.loading.store import load_sources
from intlpolicy.models import KIND_BY_FOLDER, Organisation, Policy, PracticeRule, Project, Report
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
        raise InputError("record-has-errors", errors, file=source.file)
    record = found
    if not isinstance(record, model):  # pragma: no cover - load_sources validated it
        raise InputError("record-unreadable", file=source.file)
    return record


def _has_file(root: Path, reader: Reader | None, rel: str) -> bool:
    # A revision's files are known from its listing; on disk, the file is asked for directly.
    return (root / rel).is_file() if reader is None else rel in reader.listing().files


def load_policies(root: Path, display_root: str, reader: Reader | None = None) -> list[Policy]:
    """Every policy version; any broken one is an error, since it could be the one in force."""
    sources = _sources_of("policy", root, display_root, reader)
    if not sources:
        folder = KIND_BY_FOLDER["policy"].folder
        raise InputError("no-policy-versions", folder=display_path(display_root, folder))
    return [_load_one(root, source, Policy, reader) for source in sources]


def load_practice(
    root: Path, display_root: str, reader: Reader | None = None
) -> list[PracticeRule]:
    """Every practice rule (none when the folder is missing); a broken one is an error."""
    sources = _sources_of("practice", root, display_root, reader)
    return [_load_one(root, source, PracticeRule, reader) for source in sources]


def _sources_of(
    folder_name: str, root: Path, display_root: str, reader: Reader | None
) -> list[Source]:
    kind = KIND_BY_FOLDER[folder_name]
    folder = root / kind.folder
    if reader is not None:
        listing = reader.listing()
    elif folder.is_dir():
        names = sorted(n for n in os.listdir(folder) if not n.startswith("."))
        listing = Listing([f"{kind.folder}/{name}" for name in names], [])
    else:
        listing = Listing([], [])
    # The same discovery as `validate`, so both see exactly the same policy files.
    return [s for s in discover(listing, display_root).sources if s.kind is kind]


def _known_ids(root: Path, reader: Reader | None, folder: str) -> list[str]:
    """The ids of the records in `folder` (the names of its .yaml files): what a typed id
    could have meant."""
    if reader is not None:
        prefix = f"{folder}/"
        names = [f.removeprefix(prefix) for f in reader.listing().files if f.startswith(prefix)]
    else:
        names = os.listdir(root / folder) if (root / folder).is_dir() else []
    stems = (name.removesuffix(".yaml") for name in names if name.endswith(".yaml"))
    return sorted(stem for stem in stems if SLUG_RE.fullmatch(stem))


def _record_by_id(
    root: Path, display_root: str, reader: Reader | None, folder: str, value: str, what: str
) -> Source:
    """The source of the record `value` in `folder`, or a refusal that suggests the closest
    id. Anything but an id (`../x`, `a/b`) is refused before any path is made of it."""
    if not SLUG_RE.fullmatch(value):
        form = "ange ett id (små bokstäver a-z, siffror, bindestreck)"
        if folder == "projects":
            form += " eller en sökväg till en .yaml-fil"
        detail = f"; det är inget giltigt id: {form}"
        raise UnknownId(what, value, _known_ids(root, reader, folder), detail)
    rel = f"{folder}/{value}.yaml"
    shown = display_path(display_root, rel)
    if not _has_file(root, reader, rel):
        raise UnknownId(what, value, _known_ids(root, reader, folder), f" ({shown} saknas)")
    return Source(rel, shown, value, KIND_BY_FOLDER[folder])


def load_organisation(
    root: Path, display_root: str, organisation_id: str, reader: Reader | None = None
) -> Organisation:
    source = _record_by_id(
        root, display_root, reader, "organisations", organisation_id, "organisationen"
    )
    return _load_one(root, source, Organisation, reader)


def load_report(root: Path, display_root: str, organisation_id: str, year: int) -> Report:
    """The yearly report `reports/<year>/<organisation>.yaml` on disk; a missing one is
    refused with the organisation's reports there are (the organisation is loaded first)."""
    folder = f"reports/{year}"
    rel = f"{folder}/{organisation_id}.yaml"
    shown = display_path(display_root, rel)
    if not (root / rel).is_file():
        reports = root / "reports"
        years = os.listdir(reports) if reports.is_dir() else []
        known = [f"{y}/{organisation_id}" for y in sorted(years)]
        known = [k for k in known if (reports / f"{k}.yaml").is_file()]
        detail = f" ({shown} saknas; intlpolicy new report skapar den)"
        raise UnknownId("redovisningen", f"{year}/{organisation_id}", known, detail)
    source = Source(rel, shown, f"{year}/{organisation_id}", KIND_BY_FOLDER["reports"])
    return _load_one(root, source, Report)


def load_project(
    root: Path, display_root: str, reference: str, reader: Reader | None = None
) -> Project:
    """A project by id (`green-transitions`) or by path to its file (from `reader` if given)."""
    as_path = Path(reference)
    if reference.endswith((".yaml", ".yml")):
        if reader is not None:
            return _load_project_file_at_revision(root, reference, reader)
        if as_path.is_dir():
            raise InputError("project-file-is-folder", file=reference)
        if not as_path.is_file():
            raise InputError("project-file-missing", file=reference)
        source = Source(as_path.name, reference, as_path.stem, KIND_BY_FOLDER["projects"])
        project_root = as_path.parent
        return _load_one(project_root, source, Project)
    source = _record_by_id(root, display_root, reader, "projects", reference, "projektet")
    return _load_one(root, source, Project, reader)


def _load_project_file_at_revision(root: Path, reference: str, reader: Reader) -> Project:
    # A revision holds only the data root's files, so the path must lead into the data root.
    rel = os.path.relpath(os.path.realpath(reference), os.path.realpath(root)).replace(os.sep, "/")
    if rel.startswith("../") or not _has_file(root, reader, rel):
        raise InputError("project-file-not-at-revision", file=reference)
    source = Source(rel, reference, Path(rel).stem, KIND_BY_FOLDER["projects"])
    return _load_one(root, source, Project, reader)
