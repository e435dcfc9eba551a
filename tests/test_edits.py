"""`apply_edit`: a record is changed only when the change keeps the data root free of new
errors, the file is still what was read, writable and inside the data root; every refusal
says why in Swedish and leaves the file byte-for-byte as it was."""

from __future__ import annotations

import contextlib
import errno
import io
import os
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import VALID_TODAY, edit
from intlpolicy.editing.roundtrip import Document, DocumentRefused
from intlpolicy.errors import Refused
from intlpolicy.services.edits import EditRefused, apply_edit
from intlpolicy.services.validate import validate_data_root

PROJECT = "projects/green-transitions.yaml"


def _rate(value: str) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        data["total_budget"]["exchange_rate"]["rate"] = Decimal(value)

    return change


def _set(keys: tuple[str, ...], value: Any) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        for key in keys[:-1]:
            data = data[key]
        data[keys[-1]] = value

    return change


def _apply(root: Path, change: Callable[[Any], None], dry_run: bool = False) -> Any:
    return apply_edit(
        root, root / PROJECT, change, dry_run=dry_run, today=VALID_TODAY, display_root="data"
    )


def test_an_edit_changes_only_its_line_and_keeps_the_root_valid(valid_root: Path) -> None:
    before = (valid_root / PROJECT).read_bytes()
    result = _apply(valid_root, _rate("11.5"))
    assert result.changed and result.written
    assert result.shown == f"data/{PROJECT}"
    assert result.before == before and (valid_root / PROJECT).read_bytes() == result.after
    assert [line for line in result.diff.splitlines() if line[:1] in "+-"] == [
        f"--- a/data/{PROJECT}",
        f"+++ b/data/{PROJECT}",
        "-  exchange_rate: {rate: 11.4845, date: 2024-09-01, source: InforEuro}",
        "+  exchange_rate: {rate: 11.5, date: 2024-09-01, source: InforEuro}",
    ]
    assert not validate_data_root(valid_root, VALID_TODAY).findings


def test_a_dry_run_shows_the_diff_and_writes_nothing(valid_root: Path) -> None:
    before = (valid_root / PROJECT).read_bytes()
    result = _apply(valid_root, _rate("11.5"), dry_run=True)
    assert result.changed and not result.written
    assert "+  exchange_rate: {rate: 11.5," in result.diff
    assert (valid_root / PROJECT).read_bytes() == before


def test_no_change_writes_nothing(valid_root: Path) -> None:
    path = valid_root / PROJECT
    os.chmod(path, 0o444)  # a write would be refused: none is attempted
    result = _apply(valid_root, lambda data: None)
    assert not result.changed and not result.written and result.diff == ""


def _refused(root: Path, change: Callable[[Any], None]) -> Refused:
    path = root / PROJECT
    before = path.read_bytes()
    with pytest.raises(Refused) as refused:
        _apply(root, change)
    assert path.read_bytes() == before, "the file is byte-for-byte unchanged"
    return refused.value


def test_a_value_the_model_refuses_is_not_written(valid_root: Path) -> None:
    refused = _refused(valid_root, _set(("application", "decision"), "kanske"))
    assert isinstance(refused, EditRefused) and refused.code == "edit-invalid"
    assert refused.message == (
        f"data/{PROJECT}:17:13: ändringen skulle ge ett fel: 'kanske' är inte tillåtet; "
        "tillåtna värden: pending, granted, rejected, withdrawn; filen ändrades inte"
    )
    assert [(f.file, f.line, f.path) for f in refused.findings] == [
        (f"data/{PROJECT}", 17, "application.decision")
    ]


def test_a_refused_value_names_the_option_that_set_it(valid_root: Path) -> None:
    with pytest.raises(EditRefused) as refused:
        apply_edit(
            valid_root,
            valid_root / PROJECT,
            _set(("application", "decision"), "kanske"),
            dry_run=False,
            today=VALID_TODAY,
            display_root="data",
            options={"application": "--status kanske", "title": "--title x"},
        )
    assert refused.value.message.startswith(
        f"data/{PROJECT}:17:13: --status kanske skulle ge ett fel: 'kanske' är inte tillåtet"
    )


def test_a_refusal_whose_message_names_its_finding_is_one_line(valid_root: Path) -> None:
    from intlpolicy.cli.app import report_refusal

    refused = _refused(valid_root, _set(("application", "decision"), "kanske"))
    with contextlib.redirect_stderr(io.StringIO()) as stderr:
        report_refusal(refused)
    assert stderr.getvalue() == f"intlpolicy: {refused.message}\n"


def test_a_date_that_is_no_date_is_not_written(valid_root: Path) -> None:
    refused = _refused(valid_root, _set(("application", "submitted"), "2024-13-01"))
    assert refused.code == "edit-invalid"
    assert refused.findings[0].path == "application.submitted"


def test_an_unknown_id_is_not_written(valid_root: Path) -> None:
    refused = _refused(valid_root, _set(("organisation",), "kulturnamden"))
    assert refused.code == "edit-invalid"
    assert "kulturnamden" in refused.findings[0].message


def test_errors_the_root_already_had_do_not_stop_an_edit(valid_root: Path) -> None:
    edit(valid_root / "twin-cities/tallinn.yaml", "country: EE", "country: XX")
    assert validate_data_root(valid_root, VALID_TODAY).errors
    assert _apply(valid_root, _rate("11.5")).written


def test_a_file_with_a_yaml_error_is_refused_with_its_line(valid_root: Path) -> None:
    edit(valid_root / PROJECT, "role: owner", "role: [owner")
    refused = _refused(valid_root, _rate("11.5"))
    assert isinstance(refused, DocumentRefused)
    assert refused.message.startswith(f"data/{PROJECT}:")
    assert "kan inte redigeras: YAML-fel" in refused.message


def test_a_file_changed_underneath_is_not_overwritten(valid_root: Path) -> None:
    path = valid_root / PROJECT

    def change(data: Any) -> None:
        _rate("11.5")(data)
        edit(path, "role: owner", "role: partner")  # someone else saves meanwhile

    with pytest.raises(EditRefused) as refused:
        _apply(valid_root, change)
    assert refused.value.code == "edit-changed-underneath"
    assert "ändrades av någon annan" in refused.value.message
    assert b"role: partner" in path.read_bytes()
    assert b"rate: 11.4845" in path.read_bytes()


def test_a_read_only_file_is_refused(valid_root: Path) -> None:
    os.chmod(valid_root / PROJECT, 0o444)
    refused = _refused(valid_root, _rate("11.5"))
    assert refused.code == "edit-read-only"
    assert refused.message == f"data/{PROJECT} är skrivskyddad; ingenting ändrades"


def test_a_full_disk_leaves_the_file_and_no_temporary_file(
    valid_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    refused = _refused(valid_root, _rate("11.5"))
    assert refused.code == "write-failed"
    assert refused.message.endswith("kunde inte skrivas: disken är full")
    assert sorted(p.name for p in (valid_root / "projects").iterdir()) == ["green-transitions.yaml"]


def test_a_link_out_of_the_data_root_is_never_written_through(
    valid_root: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.yaml"
    path = valid_root / PROJECT
    outside.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(outside)
    with pytest.raises(EditRefused) as refused:
        _apply(valid_root, _rate("11.5"))
    assert refused.value.code == "edit-link-outside-root"
    assert refused.value.message == (
        f"{path} leder ut ur datamappen {valid_root} genom en symbolisk länk, och en sådan "
        "länk följs aldrig; ingenting ändrades"
    )
    assert outside.read_bytes() == (valid_root.parent / "data" / PROJECT).read_bytes()
    assert b"rate: 11.4845" in outside.read_bytes()


def test_a_file_outside_the_data_root_is_refused(valid_root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "green.yaml"
    outside.write_bytes((valid_root / PROJECT).read_bytes())
    with pytest.raises(EditRefused) as refused:
        apply_edit(valid_root, outside, _rate("11.5"), dry_run=False, today=date(2025, 3, 1))
    assert refused.value.code == "edit-outside-root"
    # Not a link: no word of links.
    assert refused.value.message == (
        f"{outside} ligger inte i datamappen {valid_root}; ingenting ändrades"
    )
    assert b"rate: 11.4845" in outside.read_bytes()


def test_a_text_that_is_not_unicode_is_refused(valid_root: Path) -> None:
    document = Document.load(valid_root / PROJECT, f"data/{PROJECT}")
    with pytest.raises(DocumentRefused) as refused:
        document.set(("title",), "Gr\udcf6na")
    assert refused.value.message == (
        f"data/{PROJECT} ändrades inte: texten 'Gr\\udcf6na' innehåller tecken som inte är "
        "giltig UTF-8"
    )
    # Set directly, the text is written escaped, and the reader refuses it: not written.
    assert _refused(valid_root, _set(("title",), "Gr\udcf6na")).code == "edit-invalid"
