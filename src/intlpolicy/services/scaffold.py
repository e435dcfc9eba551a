"""`new`: a new record as a YAML file with Swedish comments, checked before it is written.

Before the file is written, its text is read back by the same loader and model that
`validate` uses: a record that `new` writes has no schema errors, and nothing is written when
it would have. The organisations it names must exist; an existing file is never replaced.
"""

from __future__ import annotations

from pathlib import Path

from intlpolicy.editing.atomic import WriteFailed, WriteRefused, write_atomically
from intlpolicy.errors import UnknownId
from intlpolicy.findings import Finding
from intlpolicy.labels import RECORD_KINDS
from intlpolicy.loading.files import OneFileReader, display_path
from intlpolicy.loading.locate import locate
from intlpolicy.loading.records import Issue, Source
from intlpolicy.loading.store import load_sources
from intlpolicy.models import KIND_BY_FOLDER
from intlpolicy.services.edits import record_rel
from intlpolicy.services.new_records import NewFields, NewRecord, ScaffoldError, draft
from intlpolicy.swedish import os_cause

__all__ = ["NewRecord", "ScaffoldError", "check_organisation", "check_record", "create_record"]


def create_record(
    root: Path, display_root: str, fields: NewFields, *, dry_run: bool = False
) -> tuple[str, str]:
    """Write the record the fields describe under `root` (not with `dry_run`); return its
    path as the user sees it and its text.

    Refuses (nothing written) an id that is not a slug, an organisation that does not exist,
    an existing file, and a text with schema errors.
    """
    record = draft(fields)
    for option, organisation in record.references:
        check_organisation(root, display_root, option, organisation)
    target = root / record.rel
    shown = display_path(display_root, record.rel)
    if target.exists():
        raise ScaffoldError("new-file-exists", path=shown)
    record_rel(root, target, shown)  # never through a symbolic link out of the data root
    findings = check_record(record, display_root)
    if findings:
        raise ScaffoldError("new-invalid-record", findings, path=shown)
    if dry_run:
        return shown, record.text
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, record.text, overwrite=False)
    except WriteRefused:
        raise ScaffoldError("new-file-exists", path=shown) from None
    except WriteFailed as failed:
        raise ScaffoldError("new-not-written", path=shown, reason=failed.params["cause"]) from None
    except OSError as error:
        raise ScaffoldError("new-not-written", path=shown, reason=os_cause(error)) from None
    return shown, record.text


def check_organisation(root: Path, display_root: str, option: str | None, value: str) -> None:
    """Refuse an organisation id that names no record under `root` (UnknownId, with the
    closest id). `option` is where the id was typed; None for an answer to a question, and
    the message then names no option."""
    folder = root / "organisations"
    if (folder / f"{value}.yaml").is_file():
        return
    known = [path.stem for path in folder.glob("*.yaml")] if folder.is_dir() else []
    shown = display_path(display_root, f"organisations/{value}.yaml")
    where = shown if option is None else f"{option}: {shown}"
    raise UnknownId(RECORD_KINDS["organisation"], value, known, f" ({where} saknas)")


def check_record(record: NewRecord, display_root: str) -> list[Finding]:
    """The errors `validate` would find in the record's own file (references aside)."""
    reader = OneFileReader(record.rel, record.text.encode("utf-8"))
    source = Source(
        record.rel,
        display_path(display_root, record.rel),
        record.record,
        KIND_BY_FOLDER[record.folder],
    )
    issues: list[Issue] = []
    load_sources([source], reader, issues)
    return locate(issues, reader.read_text)
