"""`intlpolicy fmt [--check]`: one canonical layout, the values and comments untouched; the
cheap check that spares the round trip never lets a file through that would change."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import REPO_DATA, VALID_FIXTURE, invoke
from intlpolicy.editing.canonical import canonical_bytes, layout_may_differ, misordered
from intlpolicy.loading import yamlparse
from intlpolicy.loading.files import DiskReader, discover
from intlpolicy.models import Policy, Project

ANNUAL = REPO_DATA.parent / "tests" / "fixtures" / "annual"
PROJECT = "projects/green-transitions.yaml"


def _records(root: Path) -> list[tuple[Path, type]]:
    reader = DiskReader(root)
    found = []
    for source in discover(reader.listing(), str(root)).sources:
        assert source.kind is not None
        found.append((root / source.rel, source.kind.model))
    return found


RECORDS = [*_records(REPO_DATA), *_records(VALID_FIXTURE), *_records(ANNUAL)]

# Variants of a canonical project that fmt must put right (and the cheap check must see):
# (old, new) replacements, made in turn.
VARIANTS: dict[str, list[tuple[str, str]]] = {
    "keys out of order": [("role: owner\n", ""), ("title: Green", "role: owner\ntitle: Green")],
    "four-space indent": [
        ("  eu:", "    eu:"),
        ("  programme:", "    programme:"),
        ("  fund:", "    fund:"),
    ],
    "quoted date": [("submitted: 2024-09-16", 'submitted: "2024-09-16"')],
    "trailing space": [("role: owner", "role: owner ")],
    "crlf": [("\n", "\r\n")],
    "dash at the key's column": [("  - {name: K", "- {name: K")],
    "spaces in a flow": [("{rate: 11.4845,", "{ rate:  11.4845 ,")],
    "true written True": [("eu: true", "eu: True")],
    "null written ~": [("  fund: ERDF\n", "  fund: ERDF\n  extra: ~\n")],
    "a document start": [("schema_version: 1\n", "---\nschema_version: 1\n")],
}


def _variant(text: str, name: str) -> str:
    for old, new in VARIANTS[name]:
        assert old in text, (name, old)
        text = text.replace(old, new) if name == "crlf" else text.replace(old, new, 1)
    return text


@pytest.mark.parametrize("path_model", RECORDS, ids=lambda r: f"{r[0].parent.name}/{r[0].name}")
def test_the_cheap_check_never_lets_a_changing_file_through(path_model: tuple[Path, type]) -> None:
    path, model = path_model
    raw = path.read_bytes()
    data = yamlparse.load(raw.decode("utf-8"))
    after = canonical_bytes(raw, model, path.name)
    if not misordered(data, model) and not layout_may_differ(raw):
        assert after == raw
    assert yamlparse.load(after.decode("utf-8")) == data, "the values are the same"
    assert canonical_bytes(after, model, path.name) == after, "formatting twice changes nothing"
    assert not misordered(yamlparse.load(after.decode("utf-8")), model)


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_a_variant_is_seen_and_put_right(name: str) -> None:
    canonical = (VALID_FIXTURE / PROJECT).read_text(encoding="utf-8")
    text = _variant(canonical, name)
    assert text != canonical
    raw = text.encode("utf-8")
    data = yamlparse.load(text)
    assert misordered(data, Project) or layout_may_differ(raw)
    after = canonical_bytes(raw, Project, PROJECT)
    assert after != raw
    assert canonical_bytes(after, Project, PROJECT) == after
    assert yamlparse.load(after.decode("utf-8")) == data


def test_the_embedded_data_is_canonical() -> None:
    result = invoke("fmt", "--check", "--data", REPO_DATA)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "alla i den gemensamma formen" in result.stderr


def test_a_quoted_date_in_a_text_field_stays_text() -> None:
    text = (VALID_FIXTURE / PROJECT).read_text(encoding="utf-8")
    raw = text.replace(
        "title: Green Transitions in the Öresund Region", 'title: "2024-09-01"'
    ).encode()
    assert canonical_bytes(raw, Project, PROJECT) == raw


@pytest.fixture
def messy_root(valid_root: Path) -> Path:
    """The valid root in the canonical layout (its policy file is not), then the project
    with `role` moved up (with a comment) and a date quoted."""
    assert invoke("fmt", "--data", valid_root).exit_code == 0
    path = valid_root / PROJECT
    text = path.read_text(encoding="utf-8")
    text = text.replace("role: owner\n", "").replace(
        "title: Green", "role: owner  # roll\ntitle: Green"
    )
    path.write_text(text.replace("submitted: 2024-09-16", 'submitted: "2024-09-16"'))
    return valid_root


def test_check_lists_the_file_and_changes_nothing(messy_root: Path) -> None:
    before = (messy_root / PROJECT).read_bytes()
    result = invoke("fmt", "--check", "--diff", "--data", messy_root)
    assert result.exit_code == 1
    shown = f"{messy_root}/{PROJECT}"
    assert result.stdout.splitlines()[0] == f"skulle formateras om: {shown}"
    assert "-role: owner  # roll" in result.stdout and "+role: owner  # roll" in result.stdout
    assert '-  submitted: "2024-09-16"' in result.stdout
    assert f"1 fil skulle formateras om; kör intlpolicy fmt --data {messy_root}\n" in result.stderr
    assert (messy_root / PROJECT).read_bytes() == before


def test_fmt_formats_keeps_values_and_comments_and_then_check_passes(messy_root: Path) -> None:
    before = yamlparse.load((messy_root / PROJECT).read_text(encoding="utf-8"))
    result = invoke("fmt", "--data", messy_root)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"formaterades om: {messy_root}/{PROJECT}", "then the diff of the change"
    assert "-role: owner  # roll" in lines and "+role: owner  # roll" in lines
    text = (messy_root / PROJECT).read_text(encoding="utf-8")
    assert text == (VALID_FIXTURE / PROJECT).read_text(encoding="utf-8").replace(
        "role: owner\n", "role: owner  # roll\n"
    )
    after = yamlparse.load(text)
    assert after == {
        **before,
        "application": {**before["application"], "submitted": after["application"]["submitted"]},
    }
    assert invoke("fmt", "--check", "--data", messy_root).exit_code == 0
    assert invoke("validate", "--data", messy_root).exit_code == 0


def test_dry_run_shows_the_diff_and_writes_nothing(messy_root: Path) -> None:
    before = (messy_root / PROJECT).read_bytes()
    result = invoke("fmt", "--dry-run", "--data", messy_root)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"skulle formateras om: {messy_root}/{PROJECT}"
    assert '-  submitted: "2024-09-16"' in lines and "+  submitted: 2024-09-16" in lines
    assert "1 fil skulle formateras om" in result.stderr
    assert (messy_root / PROJECT).read_bytes() == before


def test_a_file_with_a_yaml_error_is_named_and_left_alone(messy_root: Path) -> None:
    broken = messy_root / "twin-cities/tallinn.yaml"
    broken.write_text("schema_version: 1\nid: [tallinn\n", encoding="utf-8")
    result = invoke("fmt", "--data", messy_root)
    assert result.exit_code == 1
    assert f"{broken}:2:13: error yaml-syntax" in result.stderr
    assert broken.read_text(encoding="utf-8") == "schema_version: 1\nid: [tallinn\n"
    assert "formaterades om" in result.stdout  # the other file is formatted all the same


UNREAD = "1 fil kan inte läsas (se felet ovan) och formaterades inte"


@pytest.mark.parametrize("check", [True, False], ids=["check", "fmt"])
@pytest.mark.parametrize("messy", [True, False], ids=["to-format", "canonical"])
@pytest.mark.parametrize("broken", [True, False], ids=["unreadable", "readable"])
def test_the_summary_says_only_what_is_true(
    messy_root: Path, check: bool, messy: bool, broken: bool
) -> None:
    """Every combination: all in the canonical layout, some to format, some unreadable, both;
    `fmt` says the same things as `fmt --check`, of what it did."""
    total = len(_records(messy_root))
    if not messy:
        assert invoke("fmt", "--data", messy_root).exit_code == 0
    if broken:
        (messy_root / "twin-cities/tallinn.yaml").write_text("id: [tallinn\n", encoding="utf-8")
    result = invoke("fmt", *(["--check"] if check else []), "--data", messy_root)
    form = "i den gemensamma formen" if check else "var redan i den gemensamma formen"
    parts = [f"{total - messy - broken} av {total} postfiler {form}"]
    parts += [UNREAD] if broken else []
    if messy:
        done = f"skulle formateras om; kör intlpolicy fmt --data {messy_root}"
        parts.append(f"1 fil {done if check else 'formaterades om'}")
    if not (messy or broken):
        parts = [f"{total} postfiler: alla i den gemensamma formen"]
    assert result.stderr.splitlines()[-1] == "; ".join(parts)
    assert result.exit_code == int(broken or (messy and check))


def test_a_read_only_file_is_refused_and_unchanged(messy_root: Path) -> None:
    path = messy_root / PROJECT
    before = path.read_bytes()
    os.chmod(path, 0o444)
    result = invoke("fmt", "--data", messy_root)
    assert result.exit_code == 1
    assert f"{path} är skrivskyddad; ingenting ändrades" in result.stderr
    assert path.read_bytes() == before


def test_a_canonical_copy_of_the_data_stays_as_it_is(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(REPO_DATA, root)
    result = invoke("fmt", "--data", root)
    assert result.exit_code == 0 and result.stdout == ""
    for path, _ in _records(REPO_DATA):
        assert (root / path.relative_to(REPO_DATA)).read_bytes() == path.read_bytes()


def test_a_comment_above_a_key_moves_with_it() -> None:
    path = VALID_FIXTURE / "policy/policy-2024.yaml"
    raw = path.read_bytes()
    lines = canonical_bytes(raw, Policy, path.name).decode("utf-8").splitlines()
    assert lines.index("focus_areas: [verksamhetsutveckling, strategisk-paverkan, profilering]") > (
        lines.index("sentences:")
    )
    for key, comment in (
        ("focus_areas:", "# De tre inriktningarna"),
        ("sentences:", "# Policyns ord"),
    ):
        at = next(n for n, line in enumerate(lines) if line.startswith(key))
        above = lines[:at]
        while above and above[-1].startswith("#") and not above[-1].startswith(comment):
            above.pop()
        assert above and above[-1].startswith(comment), (key, lines[at - 3 : at])


def test_a_layout_that_would_change_a_value_is_not_written(
    messy_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from intlpolicy.services import fmt

    path = messy_root / PROJECT
    before = path.read_bytes()
    monkeypatch.setattr(
        fmt, "canonical_bytes", lambda raw, model, shown: raw.replace(b"owner", b"partner")
    )
    result = invoke("fmt", "--data", messy_root)
    assert result.exit_code == 1
    assert "formaterades inte: den nya formen skulle läsas som andra värden" in result.stderr
    assert path.read_bytes() == before


def test_an_alias_moved_above_its_anchor_is_not_written(messy_root: Path) -> None:
    """eu_contribution comes before own_budget in the model: moved there, its alias would
    stand above the anchor it names, and the file would not read at all."""
    path = messy_root / PROJECT
    lines = [
        line.replace("own_budget: {", "own_budget: &own {")
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.startswith("eu_contribution:")
    ]
    path.write_text("\n".join([*lines, "eu_contribution: *own"]) + "\n", encoding="utf-8")
    before = path.read_bytes()
    result = invoke("fmt", "--data", messy_root)
    assert result.exit_code == 1
    assert "den nya formen skulle läsas som andra värden" in result.stderr
    assert path.read_bytes() == before
