"""The round-trip guarantee of the editing layer, on every record file of data/ and the test
fixtures: loaded and dumped with no change, the same bytes; one field changed, a diff of only
that field's line. A file the reader refuses is refused here too, with file and line."""

from __future__ import annotations

import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO_DATA
from intlpolicy.editing.roundtrip import Document, DocumentRefused, diff_label, unified_diff

PROJECT = REPO_DATA.parent


def _record_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "data", "tests/fixtures"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [name for name in listed if name.endswith((".yaml", ".yml"))]


RECORD_FILES = _record_files()


def _load(name: str) -> Document | None:
    """The document, or None for a file the reader refuses (checked by its own test)."""
    try:
        return Document.load(PROJECT / name, name)
    except DocumentRefused as refused:
        assert refused.message.startswith(f"{name}:"), refused.message
        return None


def test_the_record_files_are_found() -> None:
    assert len(RECORD_FILES) > 150
    assert "data/projects/green-transitions.yaml" in RECORD_FILES


@pytest.mark.parametrize("name", RECORD_FILES)
def test_load_and_dump_with_no_change_gives_the_same_bytes(name: str) -> None:
    document = _load(name)
    if document is None:
        return
    assert document.dump() == document.original


def _scalar_leaves(node: Any, keys: tuple[str | int, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        items: list[tuple[str | int, Any]] = list(node.items())
    elif isinstance(node, list):
        items = list(enumerate(node))
    else:
        return [keys]
    leaves: list[tuple[Any, ...]] = []
    for key, value in items:
        leaves.extend(_scalar_leaves(value, (*keys, key)))
    return leaves


def _changed_lines(diff: str) -> tuple[list[str], list[str]]:
    lines = [line for line in diff.splitlines() if not line.startswith(("---", "+++"))]
    removed = [line[1:] for line in lines if line.startswith("-")]
    added = [line[1:] for line in lines if line.startswith("+")]
    return removed, added


@pytest.mark.parametrize("name", RECORD_FILES)
def test_one_field_changed_changes_only_its_line(name: str) -> None:
    document = _load(name)
    if document is None:
        return
    leaves = _scalar_leaves(document.data)
    # The first and the deepest field (in a flow mapping or a list, where there is one).
    for keys in {leaves[0], max(leaves, key=len)} if leaves else ():
        document = Document.load(PROJECT / name, name)
        document.set(keys, "ändrat värde")
        diff = unified_diff(name, document.original, document.dump())
        removed, added = _changed_lines(diff)
        # One line in; out the field's line, or the lines of its block text (`>-`).
        assert [line[:2] for line in diff.splitlines()].count("@@") == 1, diff
        assert len(added) == 1 and "ändrat värde" in added[0], (keys, added)
        old = document.original.decode("utf-8").splitlines()
        first = old.index(removed[0])
        assert old[first : first + len(removed)] == removed
        assert len(removed) == 1 or added[0].rstrip().endswith("ändrat värde"), removed


def test_a_value_is_written_as_the_reader_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    path.write_text("id: x  # behålls\nrate: 11.4845\nnote: text\n", encoding="utf-8")
    document = Document.load(path)
    document.set(("rate",), Decimal("11.50"))
    document.set(("note",), "NO")
    document.set(("day",), date(2024, 9, 1))
    document.set(("empty",), None)
    document.set(("whole",), Decimal("11"))  # `--rate 11`: never `!!float '11'`
    document.set(("negative",), Decimal("-0.5"))
    assert document.dump().decode("utf-8") == (
        'id: x  # behålls\nrate: 11.50\nnote: "NO"\nday: 2024-09-01\nempty: null\n'
        "whole: 11\nnegative: -0.5\n"
    )


def test_a_missing_or_null_mapping_on_the_way_is_added(tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    path.write_text("id: x\nnotices: null  # inga ännu\n", encoding="utf-8")
    document = Document.load(path)
    document.set(("notices", "eu_network", "date"), date(2024, 9, 2))
    document.set(("application", "decision"), "granted")
    assert document.dump().decode("utf-8") == (
        "id: x\nnotices:       # inga ännu\n  eu_network:\n    date: 2024-09-02\n"
        "application:\n  decision: granted\n"
    )


def test_the_files_own_aliases_stay_and_none_is_made(tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    text = "total_budget: &budget {amount: 1, currency: SEK}\neu_contribution: *budget\n"
    path.write_text(text, encoding="utf-8")
    document = Document.load(path)
    assert document.dump().decode("utf-8") == text
    rate = {"rate": Decimal("11.5"), "date": date(2024, 9, 1), "source": "InforEuro"}
    document.set(("one",), rate)
    document.data["two"] = document.data["one"]  # one value in two places: written twice
    assert document.dump().decode("utf-8") == text + (
        "one:\n  rate: 11.5\n  date: 2024-09-01\n  source: InforEuro\n"
        "two:\n  rate: 11.5\n  date: 2024-09-01\n  source: InforEuro\n"
    )


def test_numbers_keep_the_text_they_were_written_with(tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    text = "amount: 12000000.000000000000001\nother: 1.50\n"
    path.write_text(text, encoding="utf-8")
    assert Document.load(path).dump().decode("utf-8") == text


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("id: x\nname: [oavslutad\n", 2, "YAML-fel"),
        ("- en lista\n", 1, "mappning"),
        ("id: x\nname: !foo x\n", 2, "taggen"),
        ("id: x\nid: y\n", 2, "två gånger"),
    ],
)
def test_a_file_that_is_no_record_is_refused_with_file_line_and_what_is_wrong(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    path = tmp_path / "record.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DocumentRefused) as refused:
        Document.load(path, "projects/record.yaml")
    assert refused.value.message.startswith(f"projects/record.yaml:{line}:")
    assert words in refused.value.message
    assert refused.value.findings


def test_an_unreadable_file_is_refused_in_swedish(tmp_path: Path) -> None:
    with pytest.raises(DocumentRefused) as refused:
        Document.load(tmp_path / "saknas.yaml", "saknas.yaml")
    assert refused.value.message == "saknas.yaml kunde inte läsas: filen eller mappen finns inte"


def test_the_diff_is_empty_when_nothing_changed() -> None:
    assert unified_diff("x.yaml", b"a: 1\n", b"a: 1\n") == ""
    assert unified_diff("x.yaml", b"a: 1\n", b"a: 2\n").splitlines()[:2] == [
        "--- a/x.yaml",
        "+++ b/x.yaml",
    ]


@pytest.mark.parametrize(
    ("shown", "label"),
    [
        ("/tmp/x/projects/p.yaml", "tmp/x/projects/p.yaml"),  # never `a//tmp/...`
        ("./projects/p.yaml", "projects/p.yaml"),
        ("data/projects/p.yaml", "data/projects/p.yaml"),
    ],
)
def test_the_diff_is_labelled_as_git_labels_it(shown: str, label: str) -> None:
    assert unified_diff(shown, b"a: 1\n", b"a: 2\n").splitlines()[:2] == [
        f"--- a/{label}",
        f"+++ b/{label}",
    ]


def test_patch_applies_the_diff_of_an_absolute_path_from_the_root(tmp_path: Path) -> None:
    record = tmp_path / "projects" / "p.yaml"
    record.parent.mkdir()
    record.write_bytes(b"id: p\nrate: 1  # kurs\n")
    diff = unified_diff(str(record), record.read_bytes(), b"id: p\nrate: 2  # kurs\n")
    subprocess.run(["patch", "-s", "-p1", "-d", "/"], input=diff.encode(), check=True)
    assert record.read_bytes() == b"id: p\nrate: 2  # kurs\n"


def test_a_path_shown_above_the_current_folder_is_labelled_without_dotdot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The data root found upwards from data/projects: patch -p1 refuses `a/../projects/...`.
    (tmp_path / "data" / "projects").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "data" / "projects")
    assert diff_label("../projects/p.yaml") == "p.yaml"
    outside = Path.cwd().parent / "organisations" / "o.yaml"  # applies with patch -p1 -d /
    assert diff_label("../organisations/o.yaml") == str(outside).lstrip("/")


COMMENTED = b"""\
id: x   # id
funding:
  fund: ERDF      # the fund
  # Summan: 1 EUR,
  # under gr\xc3\xa4nsen.
# inte i blocket
total_budget: {amount: 1, currency: EUR}   # sist
"""


@pytest.mark.parametrize(
    ("lines", "block"),
    [(["Summan: 2 EUR,", "över."], b"  # Summan: 2 EUR,\n  # \xc3\xb6ver.\n"), (None, b"")],
    ids=["rewritten", "removed"],
)
def test_a_comment_block_is_rewritten_and_every_other_comment_kept(
    lines: list[str] | None, block: bytes
) -> None:
    from intlpolicy.editing.comment_blocks import rewrite_comment_block

    document = Document.from_bytes(COMMENTED, "x.yaml")
    assert rewrite_comment_block(document.data, "Summan:", lines)
    old = b"  # Summan: 1 EUR,\n  # under gr\xc3\xa4nsen.\n"
    assert document.dump() == COMMENTED.replace(old, block)
    assert not rewrite_comment_block(document.data, "Finns inte:", ["x"])
