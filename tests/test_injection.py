"""Record text is text in every output: no terminal escape, no forged line, no Markdown or HTML.

Issue 13, points 11 and 13. A record (or a file name, or a commit subject) can carry ESC/OSC
sequences, a line break that forges a finding, or Markdown and HTML. Text outputs show control
characters escaped (`\\x1b`, `\\n`), on a terminal or not; JSON stays exact; Markdown outputs
escape Markdown and HTML, so no heading, link, comment or tag comes from a record.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import Repo, edit, invoke
from intlpolicy.cli import list_command
from intlpolicy.text import printable

TITLE = "\x1b]0;title\x07"
CLEAR = "\x1b[2J"
LINK = "\x1b]8;;https://evil.example\x1b\\"
FORGED = "FAKE.yaml:1:1: error forged-code allt är fel"
STYLE = re.compile(r"\x1b\[[0-9;]*m")  # rich's colours (SGR), never a record's
HOSTILE = f"Tal{TITLE}{CLEAR}{LINK}linn\n{FORGED}"


def assert_no_raw_control(text: str) -> None:
    """No ESC, BEL or other control character but the line breaks between output lines; no
    line that a record forged."""
    assert not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) < 0xA0 for c in text), repr(text)
    assert not any(line.startswith("FAKE.yaml") for line in text.splitlines()), text


def hostile_city(root: Path, city: str = HOSTILE, country: str = "EE") -> None:
    edit(root / "twin-cities" / "tallinn.yaml", "city: Tallinn", f"city: {json.dumps(city)}")
    if country != "EE":
        edit(
            root / "twin-cities" / "tallinn.yaml", "country: EE", f"country: {json.dumps(country)}"
        )


# --- the helper ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\x1b[2Jb", "a\\x1b[2Jb"),
        ("E\nFAKE", "E\\nFAKE"),
        ("a\rb\tc\x07\x7f\x9b", "a\\rb\\tc\\x07\\x7f\\x9b"),
        ("av\u202eslut", "av\\u202eslut"),
        (
            "Malmö stad, Åsa & Öresund 10 910 275,50 kr",
            "Malmö stad, Åsa & Öresund 10 910 275,50 kr",
        ),
    ],
)
def test_printable_escapes_control_characters_only(raw: str, shown: str) -> None:
    assert printable(raw) == shown


# --- terminal: text outputs ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_validate_shows_a_hostile_value_escaped(valid_root: Path, fmt: str) -> None:
    hostile_city(valid_root, city="Tallinn", country=f"E{TITLE}\n{FORGED}")
    result = invoke("validate", "--data", valid_root, "--format", fmt)
    assert result.exit_code == 1
    assert_no_raw_control(result.stdout)
    if fmt == "text":
        assert "E\\x1b]0;title\\x07\\nFAKE.yaml:1:1: error forged-code" in result.stdout
    else:  # the Actions spec: %, CR and LF as %25, %0D, %0A; other controls shown escaped
        assert "%0AFAKE.yaml" in result.stdout


def test_validate_github_escapes_percent_and_line_breaks(valid_root: Path) -> None:
    hostile_city(valid_root, city="Tallinn", country="100%\r\n::error::forged")
    result = invoke("validate", "--data", valid_root, "--format", "github")
    assert "100%25%0D%0A::error::forged" in result.stdout
    assert not any(line.startswith("::error::forged") for line in result.stdout.splitlines())


def test_validate_shows_a_hostile_file_name_escaped(valid_root: Path) -> None:
    (valid_root / "twin-cities" / f"a\n{FORGED}.yaml").write_text("", encoding="utf-8")
    result = invoke("validate", "--data", valid_root)
    assert_no_raw_control(result.stdout)
    assert "a\\nFAKE.yaml" in result.stdout


def test_validate_json_keeps_the_value_exact(valid_root: Path) -> None:
    hostile_city(valid_root, city="Tallinn", country=f"E{TITLE}")
    result = invoke("validate", "--data", valid_root, "--format", "json")
    (finding,) = json.loads(result.stdout)["errors"]
    assert TITLE in finding["message"]


def test_a_refusal_shows_its_findings_escaped(valid_root: Path) -> None:
    hostile_city(valid_root, city="Tallinn", country=f"E{TITLE}\n{FORGED}")
    result = invoke("publish", "twin-cities", "--data", valid_root)
    assert result.exit_code == 1
    assert_no_raw_control(result.stderr)
    assert "\\x1b]0;title" in result.stderr


@pytest.mark.parametrize("terminal", [False, True], ids=["plain", "rich"])
def test_list_shows_record_text_escaped(
    valid_root: Path, monkeypatch: pytest.MonkeyPatch, terminal: bool
) -> None:
    hostile_city(valid_root)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setattr(list_command, "_stdout_is_terminal", lambda: terminal)
    result = invoke("list", "twin-cities", "--data", valid_root)
    assert result.exit_code == 0, result.output
    # rich's own colours are the only escape sequences on a terminal; the record's are shown
    shown = STYLE.sub("", result.stdout)
    assert_no_raw_control(shown)
    assert "\\x1b]0;title\\x07" in shown
    assert "\\nFAKE.yaml" in shown


def test_list_json_keeps_record_text_exact(valid_root: Path) -> None:
    hostile_city(valid_root)
    result = invoke("list", "twin-cities", "--data", valid_root, "--format", "json")
    assert json.loads(result.stdout)["records"][0]["city"] == HOSTILE


@pytest.mark.usefixtures("git_isolated")
def test_history_shows_commit_subjects_and_values_escaped(valid_root: Path) -> None:
    repo = Repo(valid_root.parent)
    repo.commit("Lägg in posterna")
    hostile_city(valid_root)
    repo.commit(f"Ny stad{TITLE}{CLEAR}\n{FORGED}")
    result = invoke("history", "tallinn", "--data", valid_root)
    assert result.exit_code == 0, result.output
    assert_no_raw_control(result.stdout)
    assert "\\x1b]0;title\\x07" in result.stdout
    as_json = json.loads(
        invoke("history", "tallinn", "--data", valid_root, "--format", "json").stdout
    )
    assert CLEAR in as_json[0]["subject"]


# --- Markdown: the yearly report and the draft ----------------------------------------------------

SUMMARY = (
    "Vanlig text.\n# Falsk rubrik\n<script>alert(1)</script>\n<!-- gömt\n"
    '<img src=x onerror="alert(1)">\n[Klicka här](javascript:alert(1))\n- falsk punkt'
)
TITLE_MD = "Projekt\n# Falsk rubrik [Klicka här](javascript:alert(1)) <b>fet</b> | cell"


def assert_markdown_is_text(text: str) -> None:
    """No tag, comment, link or forged heading from a record in a Markdown output."""
    lines = text.splitlines()
    assert not any(
        line.startswith("# Falsk") or line.lstrip("#").startswith(" Falsk") for line in lines
    )
    for raw in ("<script", "<!--", "<img", "<b>", "\n- falsk"):
        assert raw not in text, raw
    assert not re.search(r"(?<!\\)\]\(javascript:", text)
    assert not any(line.startswith("javascript:") for line in lines)


def test_the_markdown_report_keeps_record_text_as_text(annual_root: Path) -> None:
    report = annual_root / "reports" / "2024" / "kulturnamnden.yaml"
    edit(
        report,
        "summary: |\n  Kulturnämnden har deltagit i Eurocities kulturforum, sökt EU-medel\n"
        "  och genomfört ett konstnärsutbyte med vänorten Tallinn.\n",
        f"summary: {json.dumps(SUMMARY)}\n",
    )
    edit(report, "title: Eurocities kulturforum", f"title: {json.dumps(TITLE_MD)}")
    result = invoke("annual-report", "--year", "2024", "--data", annual_root)
    assert result.exit_code == 0, result.output
    assert_markdown_is_text(result.stdout)
    assert "\\# Falsk rubrik\n&lt;script>alert(1)&lt;/script>" in result.stdout
    assert "\\[Klicka här\\](javascript:alert(1))" in result.stdout
    assert "**Projekt # Falsk rubrik \\[Klicka" in result.stdout  # a line break: one line
    assert "Kulturnämnden" in result.stdout and "\\Kultur" not in result.stdout


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Malmö stad, Öresund 2024-05-01 – 12 000 000 kr (KS-2024-00123)", None),
        ("total_budget och Åsa & Bo", None),
        ("# Falsk rubrik", "\\# Falsk rubrik"),
        ("2024. Ett år", "2024\\. Ett år"),
        (
            "<!-- x --> &amp; `kod` *fet* _kursiv_",
            "&lt;!-- x --> &amp;amp; \\`kod\\` \\*fet\\* \\_kursiv\\_",
        ),
        ("[a](javascript:x) | b", "\\[a\\](javascript:x) \\| b"),
        ("rad ett\n> citat\x1b[2J", "rad ett > citat\\\\x1b\\[2J"),
    ],
)
def test_markdown_text_escapes_markdown_and_html_only(raw: str, shown: str | None) -> None:
    from intlpolicy.reports.markdown_text import markdown_text

    assert markdown_text(raw) == (raw if shown is None else shown)


def test_markdown_paragraphs_keep_line_breaks_but_no_line_starts_a_block() -> None:
    from intlpolicy.reports.markdown_text import markdown_paragraphs

    assert markdown_paragraphs(SUMMARY).splitlines() == [
        "Vanlig text.",
        "\\# Falsk rubrik",
        "&lt;script>alert(1)&lt;/script>",
        "&lt;!-- gömt",
        '&lt;img src=x onerror="alert(1)">',
        "\\[Klicka här\\](javascript:alert(1))",
        "\\- falsk punkt",
    ]


def test_markdown_code_cannot_be_closed_by_the_text() -> None:
    from intlpolicy.reports.markdown_text import markdown_code

    assert markdown_code("a`b") == "``a`b``"
    assert markdown_code("`x") == "`` `x ``"


def test_a_refusal_message_shows_what_was_typed_escaped(valid_root: Path) -> None:
    result = invoke("route-project", "--data", valid_root, f"nope{TITLE}\n{FORGED}")
    assert result.exit_code != 0
    assert_no_raw_control(result.stderr)
    assert "nope\\x1b]0;title\\x07\\nFAKE.yaml" in result.stderr


HOSTILE_DRAFT = f"""\
schema_version: 1
id: hostile-draft
title: {json.dumps(TITLE_MD)}
organisation: kulturnamnden
role: owner
funding: {{eu: true, programme: "<script>alert(1)</script>"}}
total_budget: {{amount: 12000000, currency: SEK}}
partners:
  - {{name: "[Klicka här](javascript:alert(1))", country: DK}}
"""


def test_the_draft_keeps_record_text_as_text(valid_root: Path, tmp_path: Path) -> None:
    (valid_root / "projects" / "hostile-draft.yaml").write_text(HOSTILE_DRAFT, encoding="utf-8")
    target = tmp_path / "utkast.md"
    result = invoke("route-project", "--data", valid_root, "hostile-draft", "--draft", target)
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert_markdown_is_text(text)
    heading = next(line for line in text.splitlines() if line.startswith("# "))
    assert heading.endswith(
        "Projekt # Falsk rubrik \\[Klicka här\\](javascript:alert(1)) &lt;b>fet&lt;/b> \\| cell"
    )
    assert "&lt;script>alert(1)&lt;/script>" in text
    assert "[datum för nämndens sammanträde fylls i]" in text  # the template's own text unescaped


def test_route_project_text_shows_record_text_escaped(valid_root: Path) -> None:
    edit(
        valid_root / "projects" / "green-transitions.yaml",
        "title: Green Transitions in the Öresund Region",
        f"title: {json.dumps(HOSTILE)}",
    )
    result = invoke("route-project", "--data", valid_root, "green-transitions")
    assert result.exit_code == 0, result.output
    assert_no_raw_control(result.stdout)
    assert "Tal\\x1b]0;title\\x07" in result.stdout


def test_validate_on_a_terminal_shows_the_value_escaped_too() -> None:
    from types import SimpleNamespace

    from intlpolicy.findings import Finding, Severity
    from intlpolicy.reports.findings_output import coloured_text

    hostile = Finding(
        f"a\n{FORGED}.yaml", 1, 1, "x", "city", "invalid-country", Severity.ERROR, HOSTILE
    )
    summary = SimpleNamespace(findings=[hostile], errors=[hostile], warnings=[], record_count=1)
    shown = STYLE.sub("", coloured_text(summary))  # type: ignore[arg-type]
    assert_no_raw_control(shown)
    assert "a\\nFAKE.yaml" in shown and "Tal\\x1b]0;title\\x07" in shown


def test_an_output_path_is_shown_escaped(valid_root: Path, tmp_path: Path) -> None:
    target = tmp_path / "rapport\x1b]0;titel\x07.md"
    result = invoke("annual-report", "--year", "2024", "--data", valid_root, "--output", target)
    assert result.exit_code == 0, result.output
    assert target.is_file()
    assert_no_raw_control(result.stderr)
    assert "rapport\\x1b]0;titel\\x07.md" in result.stderr
