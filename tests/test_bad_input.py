"""Bad input: every broken file gives exactly the expected error, at the right place.

Each case in tests/fixtures/bad/ is one YAML file. Its first lines are header comments:

    # expect: <code> <line>[:<column>] [<kind-folder>] [path=<dotted path>]
                                      (<line> may be `1|3`: findings about a whole file, such
                                      as a misplaced one, may point at line 1 or at the
                                      record's first line; the contract fixes neither)
    # expect: ...                     (more expect lines: the case has several errors)
    # file: <path inside the data root>   (default: <kind-folder>/<case>.yaml)
    # reported: <path the findings name>  (default: the file itself)
    # message: <text the first expected error's message contains>

The case file is copied verbatim (header included, so the line numbers are those of the
fixture file) into a copy of tests/fixtures/valid, the data root is validated, and its
errors (warnings are ignored) must be exactly the expected ones. Cases that need bytes a
text fixture cannot hold (non-UTF-8, a BOM, a huge file) are generated here.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from conftest import VALID_TODAY, invoke
from intlpolicy.findings import CODES, Finding, Severity
from intlpolicy.models.common import Money
from intlpolicy.services.validate import ValidationResult, validate_data_root

BAD = Path(__file__).parent / "fixtures" / "bad"
SHOWN = "data"  # the display root: findings name files as data/<kind>/<id>.yaml
_HEADER_KEYS = ("expect", "file", "reported", "message")


@dataclass(frozen=True)
class Expected:
    code: str
    lines: tuple[int, ...]
    column: int | None = None
    path: str | None = None


@dataclass
class Case:
    name: str
    text: str
    expected: list[Expected] = field(default_factory=list)
    folder: str | None = None
    file: str | None = None
    reported: str | None = None
    message: str | None = None

    @property
    def rel(self) -> str:
        if self.file is not None:
            return self.file
        assert self.folder is not None, f"{self.name}: no kind folder and no '# file:'"
        return f"{self.folder}/{self.name}.yaml"


def _parse_expect(case: Case, value: str) -> None:
    code, position, *rest = value.split()
    line, _, column = position.partition(":")
    path = None
    for token in rest:
        if token.startswith("path="):
            path = token.removeprefix("path=")
        elif case.folder is None:
            case.folder = token
        else:
            raise ValueError(f"{case.name}: unexpected '{token}' in '# expect:'")
    lines = tuple(int(number) for number in line.split("|"))
    case.expected.append(Expected(code, lines, int(column) if column else None, path))


def load_case(path: Path) -> Case:
    text = path.read_text(encoding="utf-8")
    case = Case(path.stem, text)
    for raw in text.splitlines():
        if not raw.startswith("# "):
            break
        key, sep, value = raw[2:].partition(":")
        if not sep or key not in _HEADER_KEYS:
            break
        value = value.strip()
        if key == "expect":
            _parse_expect(case, value)
        elif key == "file":
            case.file = value
        elif key == "reported":
            case.reported = value
        else:
            case.message = value
    return case


CASES = [load_case(path) for path in sorted(BAD.glob("*.yaml"))]


def shown(rel: str) -> str:
    return os.path.join(SHOWN, *rel.split("/"))


def validate(root: Path) -> ValidationResult:
    return validate_data_root(root, VALID_TODAY, SHOWN)


def describe(findings: list[Finding]) -> str:
    return "\n".join(
        f"  {f.file}:{f.line}:{f.column}: {f.severity} {f.code} [{f.path}] {f.message}"
        for f in findings
    )


def only_error(result: ValidationResult) -> Finding:
    errors = result.errors
    assert len(errors) == 1, f"expected exactly one error, got:\n{describe(errors)}"
    return errors[0]


# --- the corpus ---------------------------------------------------------------------------


def test_corpus_is_large_and_well_formed() -> None:
    assert len(CASES) >= 40
    for case in CASES:
        assert case.expected, f"{case.name}: no '# expect:' line"
        for expected in case.expected:
            assert expected.code in CODES, f"{case.name}: unknown code {expected.code}"
            assert CODES[expected.code][0] is Severity.ERROR
        assert case.rel  # has a destination


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_case(case: Case, valid_root: Path) -> None:
    target = valid_root / case.rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(case.text.encode("utf-8"))

    errors = validate(valid_root).errors

    listing = describe(errors)
    assert len(errors) == len(case.expected), f"{case.name}: errors were\n{listing}"
    reported = shown(case.reported if case.reported is not None else case.rel)
    remaining = list(errors)
    for expected in case.expected:
        match = next((f for f in remaining if f.code == expected.code), None)
        assert match is not None, f"{case.name}: no {expected.code}; errors were\n{listing}"
        remaining.remove(match)
        assert match.file == reported, f"{case.name}: wrong file\n{listing}"
        assert match.line in expected.lines, f"{case.name}: wrong line\n{listing}"
        if expected.column is not None:
            assert match.column == expected.column, f"{case.name}: wrong column\n{listing}"
        if expected.path is not None:
            assert match.path == expected.path, f"{case.name}: wrong path\n{listing}"
        assert match.message, f"{case.name}: empty message"
        assert "{" not in match.message, f"{case.name}: unfilled template: {match.message}"
    if case.message is not None:
        first = next(f for f in errors if f.code == case.expected[0].code)
        assert case.message in first.message, f"{case.name}: message was {first.message!r}"


# --- the valid base, and one broken file never hides another -----------------------------


def test_valid_root_has_no_findings(valid_root: Path) -> None:
    result = validate(valid_root)
    assert result.findings == [], describe(result.findings)
    assert result.ok(strict=True)
    assert result.record_count == 16
    assert len(result.records.organisations) == 4


def test_valid_root_has_no_errors_today(valid_root: Path) -> None:
    # On any later day only warnings (a missing yearly report) may appear, never errors.
    result = validate_data_root(valid_root, date.today(), SHOWN)
    assert result.errors == [], describe(result.errors)


def test_valid_today_fixture_matches(valid_root: Path, valid_today: date) -> None:
    assert validate_data_root(valid_root, valid_today).findings == []


def test_two_broken_files_are_both_reported(valid_root: Path) -> None:
    shutil.copy(BAD / "yaml-syntax.yaml", valid_root / "projects" / "yaml-syntax.yaml")
    shutil.copy(BAD / "kind-agency.yaml", valid_root / "organisations" / "kind-agency.yaml")
    # ...and a third file that parses, with an unknown reference found by the cross checks.
    shutil.copy(BAD / "unknown-parent.yaml", valid_root / "organisations" / "unknown-parent.yaml")

    errors = validate(valid_root).errors

    assert {(f.file, f.code, f.line) for f in errors} == {
        (shown("projects/yaml-syntax.yaml"), "yaml-syntax", 4),
        (shown("organisations/kind-agency.yaml"), "invalid-value", 5),
        (shown("organisations/unknown-parent.yaml"), "unknown-reference", 6),
    }, describe(errors)


def test_every_finding_of_a_file_is_reported(valid_root: Path) -> None:
    (valid_root / "twin-cities" / "many.yaml").write_text(
        "schema_version: 1\nid: many\ncity: ''\ncountry: SWE\nsince: '1989'\nagreement: x\n",
        encoding="utf-8",
    )
    errors = validate(valid_root).errors
    assert [(f.line, f.code) for f in errors] == [
        (3, "invalid-text"),
        (4, "invalid-country"),
        (5, "wrong-type"),
        (6, "invalid-value"),
    ], describe(errors)


def test_a_broken_record_is_still_known_to_references(valid_root: Path) -> None:
    # The network refers to kulturnamnden, whose file is broken: only the broken file is
    # reported, not a second, misleading unknown reference.
    path = valid_root / "organisations" / "kulturnamnden.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "budget: 1\n", encoding="utf-8")
    error = only_error(validate(valid_root))
    assert (error.file, error.code, error.path) == (
        shown("organisations/kulturnamnden.yaml"),
        "unknown-key",
        "budget",
    )


def test_validation_changes_no_file(valid_root: Path) -> None:
    for case in ("duplicate-key", "python-tag", "unknown-key-typo"):
        shutil.copy(BAD / f"{case}.yaml", valid_root / "projects" / f"{case}.yaml")
    before = {p: p.read_bytes() for p in valid_root.rglob("*") if p.is_file()}
    validate(valid_root)
    after = {p: p.read_bytes() for p in valid_root.rglob("*") if p.is_file()}
    assert after == before


# --- cases made of bytes -------------------------------------------------------------------

TWIN = "schema_version: 1\nid: {id}\ncity: {city}\ncountry: FI\nsince: 1940\nagreement: twin_city\n"


def write_twin(root: Path, name: str, raw: bytes) -> str:
    path = root / "twin-cities" / f"{name}.yaml"
    path.write_bytes(raw)
    return shown(f"twin-cities/{name}.yaml")


def test_not_utf8_latin1(valid_root: Path) -> None:
    raw = TWIN.format(id="latin", city="Vasa\xe5").encode("latin-1")  # 0xe5 is å in Latin-1
    file = write_twin(valid_root, "latin", raw)
    error = only_error(validate(valid_root))
    assert (error.file, error.code, error.line, error.column) == (file, "not-utf8", 3, 11)
    assert "0xe5" in error.message


def test_not_utf8_invalid_byte_at_line_start(valid_root: Path) -> None:
    raw = b"schema_version: 1\nid: start\n\xff\n"
    file = write_twin(valid_root, "start", raw)
    error = only_error(validate(valid_root))
    assert (error.file, error.code, error.line, error.column) == (file, "not-utf8", 3, 1)
    assert "0xff" in error.message


def test_not_utf8_truncated_sequence(valid_root: Path) -> None:
    # 0xc3 starts a two-byte sequence (e.g. ö is c3 b6) that is cut off by the newline.
    raw = b"schema_version: 1\nid: cut\ncity: Malm\xc3\ncountry: SE\n"
    file = write_twin(valid_root, "cut", raw)
    error = only_error(validate(valid_root))
    assert (error.file, error.code, error.line, error.column) == (file, "not-utf8", 3, 11)


def test_utf16_file_is_not_utf8(valid_root: Path) -> None:
    raw = TWIN.format(id="utf16", city="Vasa").encode("utf-16")
    file = write_twin(valid_root, "utf16", raw)
    error = only_error(validate(valid_root))
    assert (error.file, error.code, error.line) == (file, "not-utf8", 1)


def test_file_over_one_mib(valid_root: Path) -> None:
    text = TWIN.format(id="huge", city="Vasa") + ("# utfyllnad\n" * 100_000)
    raw = text.encode("utf-8")
    assert len(raw) > 1024 * 1024
    file = write_twin(valid_root, "huge", raw)
    error = only_error(validate(valid_root))
    assert (error.file, error.code, error.line, error.column) == (file, "file-too-large", 1, 1)
    assert str(len(raw)) in error.message


def test_file_of_exactly_one_mib_is_read(valid_root: Path) -> None:
    text = TWIN.format(id="big", city="Vasa")
    padding = 1024 * 1024 - len(text.encode("utf-8"))
    raw = (text + "#" * (padding - 1) + "\n").encode("utf-8")
    assert len(raw) == 1024 * 1024
    write_twin(valid_root, "big", raw)
    assert validate(valid_root).errors == []


def test_bom_is_accepted(valid_root: Path) -> None:
    write_twin(valid_root, "vasa", b"\xef\xbb\xbf" + TWIN.format(id="vasa", city="Vasa").encode())
    result = validate(valid_root)
    assert result.errors == [], describe(result.errors)
    assert "vasa" in result.records.twin_cities


def test_bom_keeps_lines_and_columns(valid_root: Path) -> None:
    text = TWIN.format(id="vaasa", city="Vaasa").replace("country: FI", "country: fi")
    file = write_twin(valid_root, "vaasa", b"\xef\xbb\xbf" + text.encode())
    error = only_error(validate(valid_root))
    assert (error.file, error.code, error.line, error.column) == (file, "invalid-country", 4, 10)


def test_crlf_line_endings(valid_root: Path) -> None:
    text = TWIN.format(id="crlf", city="Vasa").replace("since: 1940", "since: x")
    file = write_twin(valid_root, "crlf", text.replace("\n", "\r\n").encode())
    error = only_error(validate(valid_root))
    assert (error.file, error.code, error.line, error.column) == (file, "wrong-type", 5, 8)


def test_empty_file(valid_root: Path) -> None:
    file = write_twin(valid_root, "empty", b"")
    error = only_error(validate(valid_root))
    assert (error.file, error.code, error.line, error.column) == (file, "empty-file", 1, 1)


def test_whitespace_only_file(valid_root: Path) -> None:
    file = write_twin(valid_root, "blank", b"\n   \n\n")
    error = only_error(validate(valid_root))
    assert (error.file, error.code, error.line) == (file, "empty-file", 1)


def test_document_marker_only_file(valid_root: Path) -> None:
    file = write_twin(valid_root, "marker", b"---\n...\n")
    error = only_error(validate(valid_root))
    assert (error.file, error.code) == (file, "empty-file")


@pytest.mark.parametrize(
    "char", ["\x07", "\x00", "\x1b", "\ufffe"], ids=["bell", "nul", "escape", "noncharacter"]
)
def test_control_character_is_a_finding_not_a_crash(valid_root: Path, char: str) -> None:
    # YAML forbids these characters; a stray one (pasted from a PDF, say) must give a finding
    # at its place like any other syntax error, and must not stop the other files' findings.
    raw = f"schema_version: 1\nid: ctrl\ncity: Va{char}sa\ncountry: FI\n".encode()
    file = write_twin(valid_root, "ctrl", raw)
    shutil.copy(BAD / "kind-agency.yaml", valid_root / "organisations" / "kind-agency.yaml")

    errors = validate(valid_root).errors

    assert [(f.file, f.code, f.line, f.column) for f in errors] == [
        (shown("organisations/kind-agency.yaml"), "invalid-value", 5, 7),
        (file, "yaml-syntax", 3, 9),
    ], describe(errors)


# --- numbers too long to convert: one finding on the file, the other files still checked -----

GREEN = "projects/green-transitions.yaml"
GREEN_ID = "green-transitions"


@pytest.mark.parametrize(
    ("rel", "old", "new", "line", "column"),
    [
        (GREEN, "amount: 950000", "amount: " + "9" * 5000, 11, 11),
        (GREEN, "schema_version: 1", "schema_version: " + "1" * 4400, 1, 17),
        (GREEN, "{year: 2025,", "{year: 1" + "0" * 5000 + ",", 27, 12),
        (GREEN, "amount: 950000", "amount: 0e-999999999", 11, 11),
        (GREEN, "amount: 950000", "amount: 1e100000", 11, 11),
        (GREEN, "amount: 950000", "amount: 0x" + "f" * 4000, 11, 11),
    ],
    ids=[
        "amount-5000-digits",
        "schema-version-4400-digits",
        "year-10-5000",
        "zero-e-minus-9",
        "exponent-100000",
        "hex-4000-digits",
    ],
)
def test_a_number_too_long_to_convert_is_a_finding_and_stops_nothing(
    valid_root: Path, rel: str, old: str, new: str, line: int, column: int
) -> None:
    path = valid_root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    shutil.copy(BAD / "kind-agency.yaml", valid_root / "organisations" / "kind-agency.yaml")

    errors = validate(valid_root).errors

    found = [(f.file, f.code, f.line, f.column) for f in errors]
    assert (shown(rel), "number-too-long", line, column) in found, describe(errors)
    assert (shown("organisations/kind-agency.yaml"), "invalid-value", 5, 7) in found
    long_one = next(f for f in errors if f.code == "number-too-long")
    assert len(long_one.message) < 300  # the number is shortened, not printed whole


def test_an_amount_with_too_many_decimals_says_the_limit(valid_root: Path) -> None:
    path = valid_root / GREEN
    text = path.read_text(encoding="utf-8").replace("amount: 950000", "amount: 950000.12345678901")
    path.write_text(text, encoding="utf-8")
    error = only_error(validate(valid_root))
    assert error.code == "amount-too-precise"
    assert "11 decimaler; högst 10 decimaler" in error.message
    path.write_text(text.replace("950000.12345678901", "950000.1234567890"), encoding="utf-8")
    assert validate(valid_root).errors == []  # ten decimals are allowed


def test_an_amount_too_large_says_the_limit(valid_root: Path) -> None:
    path = valid_root / GREEN
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("amount: 950000", "amount: 12345678901234567"), encoding="utf-8")
    error = only_error(validate(valid_root))
    assert (error.code, error.path) == ("amount-too-large", "total_budget.amount")
    assert "högst 16 siffror" in error.message
    path.write_text(text.replace("amount: 950000", "amount: 1234567890123456"), encoding="utf-8")
    assert validate(valid_root).errors == []  # sixteen digits are allowed


def test_a_zero_with_a_huge_exponent_is_refused_by_the_model_itself() -> None:
    """The loader stops long exponents first; the model holds the same line for amounts that
    come another way (options, code), so a zero cannot print a million digits."""
    with pytest.raises(ValidationError) as caught:
        Money(amount=Decimal("0e-999999999"), currency="SEK")
    assert caught.value.errors()[0]["type"] == "amount-too-precise"
    assert Money(amount=Decimal("0.0000000000"), currency="SEK").amount == 0


# --- a tab in the indentation, a key without its colon: told where the person fixes it -------

TAB_IN_INDENT = "tabb i indraget: YAML tillåter bara mellanslag där; byt tabben mot mellanslag"


def no_colon(key: str) -> str:
    return f"kolon saknas efter '{key}'; skriv {key}: värde"


@pytest.mark.parametrize(
    ("old", "new", "line", "column", "said"),
    [
        ("  submitted:", "\tsubmitted:", 16, 1, TAB_IN_INDENT),
        ("  decision:", "  \tdecision:", 17, 3, TAB_IN_INDENT),
        ("  - {name:", "\t- {name:", 22, 1, TAB_IN_INDENT),
        ("role: owner", "role partner", 5, 1, no_colon("role")),
        ("  programme: ", "  programme ", 8, 3, no_colon("programme")),
        ("  eu: true", "  eu true", 7, 3, no_colon("eu")),
        ("payments:", "payments", 26, 1, no_colon("payments")),
    ],
    ids=["tab", "space-and-tab", "tab-before-dash", "no-colon", "nested", "first-nested", "last"],
)  # fmt: skip
def test_a_tab_or_a_missing_colon_is_one_finding_where_to_fix_it(
    valid_root: Path, old: str, new: str, line: int, column: int, said: str
) -> None:
    record = valid_root / GREEN
    text = record.read_text(encoding="utf-8")
    assert old in text
    record.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = invoke("validate", "--data", valid_root)
    assert result.exit_code == 1
    found = [row for row in result.stdout.splitlines() if "green-transitions" in row]
    assert found == [f"{record}:{line}:{column}: error yaml-syntax YAML-fel: {said}"]


def test_a_tab_after_a_key_is_read_and_an_edit_says_where_it_is(valid_root: Path) -> None:
    # libyaml reads a tab after `key:`; ruamel.yaml, which edits, does not: the edit says so
    record = valid_root / GREEN
    record.write_text(
        record.read_text(encoding="utf-8").replace("role: owner", "role:\towner"), encoding="utf-8"
    )
    checked = invoke("validate", "--data", valid_root)
    assert "green-transitions" not in checked.stdout, checked.stdout
    before = record.read_bytes()
    notice = ("notice", GREEN_ID, "--eu-network", "--date", "2024-09-02")
    edited = invoke(*notice, "--data", valid_root)
    assert edited.exit_code == 1 and record.read_bytes() == before
    said = "kan inte redigeras: YAML-fel: tabb där YAML bara tillåter mellanslag"
    assert f"{record}:5:6: {said}" in edited.stderr, edited.stderr


# --- the layout: what is not read is said ------------------------------------------------------


def test_an_empty_data_root_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    error = only_error(validate(tmp_path / "data"))
    assert (error.code, error.file, error.line, error.column) == ("no-records", SHOWN, 1, 1)


def test_a_file_name_that_is_not_utf8_is_shown_escaped(valid_root: Path) -> None:
    os.rename(
        valid_root / "twin-cities" / "tallinn.yaml",
        os.fsencode(valid_root / "twin-cities") + b"/v\xe4ster.yaml",
    )
    errors = validate(valid_root).errors
    error = next(f for f in errors if f.code == "id-mismatch")
    assert error.file == shown("twin-cities/v\\xe4ster.yaml"), describe(errors)
    error.file.encode("utf-8")  # printable in any UTF-8 output
    error.record.encode("utf-8")


# --- issue 13, point 7: values that were accepted but mean nothing ------------------------------

TALLINN = "twin-cities/tallinn.yaml"
LIVE = "organisations/malmo-live-konserthus-ab.yaml"
STADSHUS = "organisations/malmo-stadshus-ab.yaml"


def _replace(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{rel}: no '{old}'"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("true", "wrong-type"),
        ("1.0", "wrong-type"),
        ("'1'", "wrong-type"),
        ("0", None),
        ("2", "schema-too-new"),
    ],
)
def test_schema_version_is_the_integer_one(valid_root: Path, value: str, code: str | None) -> None:
    _replace(valid_root, TALLINN, "schema_version: 1", f"schema_version: {value}")
    error = only_error(validate(valid_root))
    assert (error.file, error.path) == (shown(TALLINN), "schema_version")
    assert error.code == (code or "unsupported-schema-version")
    assert "schema_version" in error.message or "heltal" in error.message, error.message


def test_a_company_that_is_its_own_parent(valid_root: Path) -> None:
    _replace(valid_root, STADSHUS, "parent: null", "parent: malmo-stadshus-ab")
    error = only_error(validate(valid_root))
    assert (error.code, error.file, error.path) == ("parent-loop", shown(STADSHUS), "parent")
    assert "malmo-stadshus-ab → malmo-stadshus-ab" in error.message, error.message


def test_a_two_company_parent_loop_is_an_error_on_both(valid_root: Path) -> None:
    _replace(valid_root, STADSHUS, "parent: null", "parent: malmo-live-konserthus-ab")
    errors = validate(valid_root).errors
    assert sorted((e.code, e.file) for e in errors) == [
        ("parent-loop", shown(LIVE)),
        ("parent-loop", shown(STADSHUS)),
    ], describe(errors)
    for error in errors:
        assert "malmo-live-konserthus-ab" in error.message
        assert "malmo-stadshus-ab" in error.message


def test_an_organisation_leading_into_a_loop_is_not_in_it(valid_root: Path) -> None:
    _replace(valid_root, STADSHUS, "parent: null", "parent: malmo-stadshus-ab")
    _replace(
        valid_root,
        "organisations/kulturnamnden.yaml",
        "parent: null",
        "parent: malmo-live-konserthus-ab",
    )
    errors = validate(valid_root).errors
    assert [(e.code, e.file) for e in errors] == [("parent-loop", shown(STADSHUS))], describe(
        errors
    )


def _same_day_policies(root: Path) -> None:
    _replace(
        root, "policy/policy-2016.yaml", "in_force_from: 2016-11-02", "in_force_from: 2024-08-29"
    )


def test_two_policy_versions_in_force_from_the_same_day(valid_root: Path) -> None:
    _same_day_policies(valid_root)
    errors = [e for e in validate(valid_root).errors if e.code == "policy-same-day"]
    assert sorted((e.file, e.path) for e in errors) == [
        (shown("policy/policy-2016.yaml"), "in_force_from"),
        (shown("policy/policy-2024.yaml"), "in_force_from"),
    ], describe(errors)
    assert "2024-08-29" in errors[0].message
    assert "policy-2016" in errors[0].message and "policy-2024" in errors[0].message


def test_route_project_refuses_when_two_versions_share_the_day(valid_root: Path) -> None:
    _same_day_policies(valid_root)
    result = invoke("route-project", "--data", str(valid_root), "green-transitions")
    assert result.exit_code == 1, result.output
    assert "policy-2016" in result.stderr and "policy-2024" in result.stderr
    result = invoke(
        "route-project", "--data", str(valid_root), "green-transitions", "--format", "json"
    )
    assert result.exit_code == 1
    assert '"policy-same-day"' in result.stdout + result.stderr


def test_an_empty_data_option_is_a_usage_error(valid_root: Path) -> None:
    result = invoke("validate", "--data", "")
    assert result.exit_code == 2, result.output
    assert "--data" in result.stderr and "tom" in result.stderr
