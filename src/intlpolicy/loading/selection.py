"""Loading only the records one command needs, so an unrelated broken record cannot stop it.

`route-project` reads the policy versions, the project and its organisation, nothing else.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from intlpolicy.findings import Finding, Severity
from intlpolicy.loading.files import DiskReader, display_path
from intlpolicy.loading.locate import locate
from intlpolicy.loading.records import Issue, Source
from intlpolicy.loading.store import load_sources
from intlpolicy.models import KIND_BY_FOLDER, Organisation, Policy, Project

M = TypeVar("M", bound=BaseModel)


class InputError(Exception):
    """A command's own input is missing or wrong. `findings` locate it when it is a file."""

    def __init__(self, message: str, findings: list[Finding] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.findings = findings or []


def _load_one(root: Path, source: Source, model: type[M]) -> M:
    """Parse and validate one record; raise InputError with its findings if it is broken."""
    reader = DiskReader(root)
    issues: list[Issue] = []
    loaded = load_sources([source], reader, issues)
    errors = [f for f in locate(issues, reader.read_text) if f.severity is Severity.ERROR]
    if errors:
        raise InputError(f"{source.file} innehåller fel", errors)
    assert source.kind is not None
    record = loaded.records.by_kind(source.kind.name).get(source.record)
    if not isinstance(record, model):  # pragma: no cover - load_sources validated it
        raise InputError(f"{source.file} kunde inte läsas")
    return record


def load_policies(root: Path, display_root: str) -> list[Policy]:
    """Every policy version; any broken one is an error, since it could be the one in force."""
    kind = KIND_BY_FOLDER["policy"]
    folder = root / kind.folder
    names = sorted(p.name for p in folder.glob("*.yaml")) if folder.is_dir() else []
    sources = [
        Source(
            f"{kind.folder}/{name}",
            display_path(display_root, f"{kind.folder}/{name}"),
            name[:-5],
            kind,
        )
        for name in names
    ]
    return [_load_one(root, source, Policy) for source in sources]


def load_organisation(root: Path, display_root: str, organisation_id: str) -> Organisation:
    rel = f"organisations/{organisation_id}.yaml"
    if not (root / rel).is_file():
        raise InputError(
            f"organisationen '{organisation_id}' finns inte "
            f"({display_path(display_root, rel)} saknas)"
        )
    source = Source(
        rel, display_path(display_root, rel), organisation_id, KIND_BY_FOLDER["organisations"]
    )
    return _load_one(root, source, Organisation)


def load_project(root: Path, display_root: str, reference: str) -> tuple[Project, Source]:
    """A project by id (`green-transitions`) or by path to its file."""
    as_path = Path(reference)
    if reference.endswith((".yaml", ".yml")) or "/" in reference or as_path.is_file():
        if not as_path.is_file():
            raise InputError(f"filen '{reference}' finns inte")
        source = Source(as_path.name, reference, as_path.stem, KIND_BY_FOLDER["projects"])
        project_root = as_path.parent
        return _load_one(project_root, source, Project), source
    rel = f"projects/{reference}.yaml"
    if not (root / rel).is_file():
        raise InputError(
            f"projektet '{reference}' finns inte ({display_path(display_root, rel)} saknas)"
        )
    source = Source(rel, display_path(display_root, rel), reference, KIND_BY_FOLDER["projects"])
    return _load_one(root, source, Project), source
