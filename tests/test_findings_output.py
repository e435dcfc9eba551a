"""The three renderings of validation findings: text, JSON and GitHub Actions annotations."""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import TODAY, invoke
from intlpolicy.findings import Finding, Severity
from intlpolicy.loading.records import RecordSet
from intlpolicy.reports.findings_output import (
    coloured_text,
    github_line,
    render_github,
    render_json,
    render_text,
    summary_line,
    text_line,
)
from intlpolicy.services.validate import ValidationResult, validate_data_root

TEXT_LINE = re.compile(
    r"^(?P<file>.+):(?P<line>\d+):(?P<column>\d+): (error|warning) [a-z0-9-]+ .+$"
)


def result_of(findings: list[Finding], record_count: int = 0) -> ValidationResult:
    """The real validation result with these findings, over `record_count` files."""
    return ValidationResult(RecordSet(files=record_count), findings)


def finding(
    code: str = "unknown-key",
    severity: Severity = Severity.ERROR,
    *,
    file: str = "data/projects/green-transitions.yaml",
    line: int = 3,
    column: int = 5,
    record: str = "green-transitions",
    path: str = "funding.eu",
    message: str = "okänt fält 'eux' – menade du 'eu'?",
) -> Finding:
    return Finding(file, line, column, record, path, code, severity, message)


ERROR = finding()
WARNING_1 = finding(
    "contact-missing",
    Severity.WARNING,
    file="data/organisations/kulturnamnden.yaml",
    line=9,
    column=1,
    record="kulturnamnden",
    path="eu_network_contacts",
    message="Kulturnämnden har ingen aktuell kontaktperson till EU-nätverket",
)
WARNING_2 = finding(
    "report-missing",
    Severity.WARNING,
    file="data/organisations/miljonamnden.yaml",
    line=2,
    column=5,
    record="miljonamnden",
    path="id",
    message="Miljönämnden saknar redovisning av internationellt arbete för 2025",
)
SUMMARY = result_of([ERROR, WARNING_1, WARNING_2], record_count=3)


# --- text -----------------------------------------------------------------------------------


def test_text_line_format() -> None:
    assert text_line(ERROR) == (
        "data/projects/green-transitions.yaml:3:5: error unknown-key "
        "okänt fält 'eux' – menade du 'eu'?"
    )
    assert text_line(WARNING_1) == (
        "data/organisations/kulturnamnden.yaml:9:1: warning contact-missing "
        "Kulturnämnden har ingen aktuell kontaktperson till EU-nätverket"
    )


def test_text_ends_with_summary_line() -> None:
    output = render_text(SUMMARY)
    assert output.endswith("\n")
    lines = output.splitlines()
    assert lines == [
        text_line(ERROR),
        text_line(WARNING_1),
        text_line(WARNING_2),
        "3 poster, 1 fel, 2 varningar",
    ]


ANSI = re.compile(r"\x1b\[[0-9;]*m")
# A foreground colour in an SGR sequence (30-37: red is 31, yellow 33, green 32).
COLOUR = re.compile(r"\x1b\[(?:[0-9]+;)*3[0-7][;m]")


def test_coloured_text_is_the_plain_text_in_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    coloured = coloured_text(SUMMARY)
    assert COLOUR.search(coloured)
    assert ANSI.sub("", coloured) == render_text(SUMMARY)


def test_no_color_leaves_the_colours_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("NO_COLOR", "1")
    coloured = coloured_text(SUMMARY)
    assert not COLOUR.search(coloured)
    assert ANSI.sub("", coloured) == render_text(SUMMARY)


@pytest.mark.parametrize(
    ("findings", "records", "expected"),
    [
        ([], 0, "0 poster, 0 fel, 0 varningar"),
        ([ERROR, WARNING_1], 1, "1 post, 1 fel, 1 varning"),
        ([ERROR, ERROR, WARNING_1, WARNING_2], 47, "47 poster, 2 fel, 2 varningar"),
    ],
)
def test_summary_line_counts_and_plurals(
    findings: list[Finding], records: int, expected: str
) -> None:
    assert summary_line(result_of(findings, records)) == expected


def test_clean_text_is_only_the_summary() -> None:
    assert render_text(result_of([], 5)) == "5 poster, 0 fel, 0 varningar\n"


# --- json -----------------------------------------------------------------------------------


def test_json_envelope_has_exactly_the_contract_keys() -> None:
    document = json.loads(render_json(SUMMARY))
    assert set(document) == {"ok", "records", "errors", "warnings"}
    assert document["ok"] is False
    assert document["records"] == 3
    assert len(document["errors"]) == 1
    assert len(document["warnings"]) == 2


def test_json_finding_has_exactly_the_contract_keys() -> None:
    document = json.loads(render_json(SUMMARY))
    for item in [*document["errors"], *document["warnings"]]:
        assert set(item) == {
            "file",
            "line",
            "column",
            "record",
            "path",
            "code",
            "message",
            "fix",
        }
    assert document["errors"][0] == {
        "file": "data/projects/green-transitions.yaml",
        "line": 3,
        "column": 5,
        "record": "green-transitions",
        "path": "funding.eu",
        "code": "unknown-key",
        "message": "okänt fält 'eux' – menade du 'eu'?",
        "fix": None,
    }
    assert [w["code"] for w in document["warnings"]] == ["contact-missing", "report-missing"]


# --- the command that fixes a finding -------------------------------------------------------

FIXABLE = replace(WARNING_1, fix="intlpolicy contact kulturnamnden --add NAMN --email E-POST")


def test_a_fix_is_a_hint_line_under_its_finding() -> None:
    lines = render_text(result_of([ERROR, FIXABLE], 2)).splitlines()
    assert lines == [
        text_line(ERROR),
        text_line(FIXABLE),
        "  Åtgärd: intlpolicy contact kulturnamnden --add NAMN --email E-POST",
        "2 poster, 1 fel, 1 varning",
    ]


def test_a_fix_is_in_the_json_and_coloured_text(monkeypatch: pytest.MonkeyPatch) -> None:
    document = json.loads(render_json(result_of([FIXABLE], 1)))
    assert document["warnings"][0]["fix"] == FIXABLE.fix
    monkeypatch.setenv("TERM", "xterm-256color")
    summary = result_of([FIXABLE], 1)
    assert ANSI.sub("", coloured_text(summary)) == render_text(summary)


def test_a_fix_is_the_second_line_of_a_github_annotation() -> None:
    assert github_line(FIXABLE).endswith(
        "::Kulturnämnden har ingen aktuell kontaktperson till EU-nätverket"
        "%0AÅtgärd: intlpolicy contact kulturnamnden --add NAMN --email E-POST"
    )


def test_a_fix_hint_cannot_forge_a_line() -> None:
    hostile = replace(FIXABLE, fix="intlpolicy x\ndata/fake.yaml:1:1: error forged")
    assert len(render_text(result_of([hostile], 1)).splitlines()) == 3


def test_json_keeps_swedish_letters_readable() -> None:
    output = render_json(SUMMARY)
    assert "Miljönämnden" in output
    assert "\\u00f6" not in output


def test_json_ok_with_warnings_unless_strict() -> None:
    warnings_only = result_of([WARNING_1], 1)
    assert json.loads(render_json(warnings_only))["ok"] is True
    assert json.loads(render_json(warnings_only, strict=True))["ok"] is False
    clean = result_of([], 2)
    assert json.loads(render_json(clean, strict=True)) == {
        "ok": True,
        "records": 2,
        "errors": [],
        "warnings": [],
    }


# --- github ---------------------------------------------------------------------------------


def test_github_line_format() -> None:
    assert github_line(WARNING_1) == (
        "::warning file=data/organisations/kulturnamnden.yaml,line=9,col=1,"
        "title=contact-missing::"
        "Kulturnämnden har ingen aktuell kontaktperson till EU-nätverket"
    )
    assert github_line(ERROR).startswith(
        "::error file=data/projects/green-transitions.yaml,line=3,col=5,title=unknown-key::"
    )


def test_github_escapes_message_data() -> None:
    # Data (the message) escapes %, CR and LF; commas and colons stay as they are.
    odd = finding(message="100% fel:\nrad två, och\r mer")
    line = github_line(odd)
    assert line.endswith("::100%25 fel:%0Arad två, och%0D mer")
    assert "\n" not in line
    assert "\r" not in line


def test_github_escapes_properties() -> None:
    # Properties (file, title) escape %, CR, LF, colon and comma as well.
    odd = finding(file="C:/data, kopia/50%/x.yaml")
    line = github_line(odd)
    assert line.startswith("::error file=C%3A/data%2C kopia/50%25/x.yaml,line=3,col=5,")


def test_render_github_one_line_per_finding() -> None:
    output = render_github(SUMMARY.findings)
    lines = output.splitlines()
    assert output.endswith("\n")
    assert len(lines) == 3
    assert lines[0].startswith("::error ")
    assert lines[1].startswith("::warning ")
    assert lines[2].startswith("::warning ")
    assert render_github([]) == ""


# --- with a real validation run --------------------------------------------------------------


def write_record(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_lines_and_columns_are_one_based(tmp_path: Path) -> None:
    root = tmp_path / "data"
    write_record(
        root,
        "twin-cities/tallinn.yaml",
        """\
        sister: yes
        schema_version: 1
        id: tallinn
        city: Tallinn
        country: EE
        since: 1989
        agreement: twin_city
        """,
    )
    write_record(
        root,
        "twin-cities/vasa.yaml",
        """\
        schema_version: 1
        id: vasa
        city: Vasa
        country: FI
        since: 1940
        agreement: vanort
        """,
    )
    write_record(root, "twin-cities/trasig.yaml", "[oavslutad\n")
    result = validate_data_root(root, TODAY, "data")
    positions = {(f.record, f.code): (f.line, f.column) for f in result.findings}
    assert positions[("tallinn", "unknown-key")] == (1, 1)
    assert positions[("vasa", "invalid-value")] == (6, 12)
    (line, column) = positions[("trasig", "yaml-syntax")]
    assert line >= 1
    assert column >= 1

    text = render_text(result)
    for output_line in text.splitlines()[:-1]:
        match = TEXT_LINE.match(output_line)
        assert match is not None, output_line
        assert match["file"].startswith("data/twin-cities/")
    assert text.splitlines()[-1] == "3 poster, 3 fel, 0 varningar"

    document = json.loads(render_json(result))
    assert document["ok"] is False
    assert document["records"] == 3
    assert {(e["record"], e["line"], e["column"]) for e in document["errors"]} >= {
        ("tallinn", 1, 1),
        ("vasa", 6, 12),
    }
    assert "::error file=data/twin-cities/tallinn.yaml,line=1,col=1,title=unknown-key::" in (
        render_github(result.findings)
    )


def test_validate_reports_a_refusal_as_json(tmp_path: Path) -> None:
    result = invoke("validate", "--format", "json", "--data", str(tmp_path / "saknas"))
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert document["ok"] is False
    assert document["refused"]["code"] == "data-root-not-a-folder"
    assert "saknas" in document["refused"]["message"]
    assert result.stderr == ""


def test_validate_reports_a_refusal_of_text_on_stderr(tmp_path: Path) -> None:
    result = invoke("validate", "--format", "text", "--data", str(tmp_path / "saknas"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "saknas" in result.stderr


def _finding(code: str, severity: Severity, message: str, fix: str | None) -> Finding:
    return Finding("a/b.yaml", 3, 5, "b", "x.y[0]", code, severity, message, fix)


@pytest.mark.parametrize(
    ("errors", "warnings"),
    [
        ([], []),
        ([_finding("e-one", Severity.ERROR, 'rad\nmed "citat" och åäö', None)], []),
        ([], [_finding("w-one", Severity.WARNING, "tab\there", "intlpolicy rate --x NAMN")]),
        (
            [_finding("e-one", Severity.ERROR, "ett", None)] * 2,
            [_finding("w-one", Severity.WARNING, "två", "fix\\n")] * 3,
        ),
    ],
)
def test_render_json_is_the_one_shot_encoding(
    errors: list[Finding], warnings: list[Finding]
) -> None:
    """Written one finding at a time (for memory), the JSON is byte for byte what encoding the
    whole document at once gives."""
    result = ValidationResult(RecordSet(files=7), errors + warnings)
    document = {
        "ok": not errors,
        "records": 7,
        "errors": [finding.as_dict() for finding in errors],
        "warnings": [finding.as_dict() for finding in warnings],
    }
    expected = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    assert render_json(result) == expected
