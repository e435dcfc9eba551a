"""`intlpolicy annual-report` on the command line (typer's CliRunner, and once as a process)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO_DATA, TODAY, invoke, tie_policy

NBSP = "\u00a0"
FINDING_LINE = re.compile(r"^(?P<file>\S+\.yaml):(?P<line>\d+):(?P<column>\d+): error \S+ .+$")


# --- the embedded data ----------------------------------------------------------------------


def test_embedded_data_renders_2024() -> None:
    result = invoke("annual-report", "--year", "2024", "--data", str(REPO_DATA))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Redovisning av nämndernas internationella arbete 2024\n")
    assert "Exempeldata" in result.stdout
    assert "Traceback" not in result.output


def test_embedded_data_is_the_default_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_DATA.parent)
    result = invoke("annual-report", "--year", "2024")
    assert result.exit_code == 0, result.output
    assert result.stdout == invoke("annual-report", "--year", "2024", "--data", "data").stdout


def test_embedded_data_renders_html() -> None:
    result = invoke("annual-report", "--year", "2024", "--data", str(REPO_DATA), "--format", "html")
    assert result.exit_code == 0, result.output
    assert result.stdout.lstrip().lower().startswith("<!doctype html>")
    assert "Exempeldata" in result.stdout
    assert result.stdout.rstrip().endswith("</html>")


def test_embedded_data_renders_every_year_of_the_policy() -> None:
    for year in range(2016, 2027):
        result = invoke("annual-report", "--year", str(year), "--data", str(REPO_DATA))
        assert result.exit_code == 0, (year, result.output)
        running = "Året är inte avslutat" in result.stdout
        assert running == (year == 2026), year


def test_same_data_gives_the_same_bytes() -> None:
    first = invoke("annual-report", "--year", "2024", "--data", str(REPO_DATA))
    second = invoke("annual-report", "--year", "2024", "--data", str(REPO_DATA))
    assert first.stdout_bytes == second.stdout_bytes


# --- formats and output ---------------------------------------------------------------------


def test_format_html_uses_the_html_template(annual_root: Path) -> None:
    result = invoke(
        "annual-report", "--year", "2024", "--data", str(annual_root), "--format", "html"
    )
    assert result.exit_code == 0, result.output
    assert f"646{NBSP}784{NBSP}kr" in result.stdout
    assert "646 784 kr" not in result.stdout


def test_markdown_is_the_default_format(annual_root: Path) -> None:
    default = invoke("annual-report", "--year", "2024", "--data", str(annual_root))
    explicit = invoke(
        "annual-report", "--year", "2024", "--data", str(annual_root), "--format", "markdown"
    )
    assert default.exit_code == explicit.exit_code == 0
    assert default.stdout == explicit.stdout
    assert "| Utbetalda EU-medel under året | 646 784 kr |" in default.stdout


def test_output_file_is_written_atomically(tmp_path: Path, annual_root: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "redovisning-2024.md"
    target.write_text("en äldre version\n", encoding="utf-8")
    expected = invoke("annual-report", "--year", "2024", "--data", str(annual_root)).stdout
    result = invoke(
        "annual-report", "--year", "2024", "--data", str(annual_root), "--output", str(target)
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert str(target) in result.stderr
    assert target.read_bytes() == expected.encode("utf-8")
    assert sorted(p.name for p in out.iterdir()) == ["redovisning-2024.md"]  # no temp files


def test_output_into_a_missing_folder_is_refused(tmp_path: Path, annual_root: Path) -> None:
    target = tmp_path / "saknas" / "r.md"
    result = invoke(
        "annual-report", "--year", "2024", "--data", str(annual_root), "--output", str(target)
    )
    assert result.exit_code == 1
    assert "saknas" in result.stderr
    assert not target.parent.exists()


@pytest.mark.parametrize("name", ["r.xlsx", "r.docx", "r.2024", "R.TXT"])
@pytest.mark.parametrize("given", [[], ["--format", "markdown"]], ids=["suffix", "format"])
def test_a_suffix_that_names_no_format_is_refused_before_anything_is_written(
    tmp_path: Path, annual_root: Path, name: str, given: list[str]
) -> None:
    """Never Markdown in a file whose name promises a spreadsheet: one line, exit 2."""
    out = tmp_path / "out"
    out.mkdir()
    result = invoke(
        "annual-report", "--year", "2024", "--data", annual_root, *given, "--output", out / name
    )
    assert result.exit_code == 2, result.output
    suffix = Path(name).suffix.lower()
    assert result.stderr == (
        f"intlpolicy: --output: filändelsen {suffix} anger inget format; "
        "använd .md, .markdown, .html, .htm eller .pdf\n"
    )
    assert list(out.iterdir()) == []


def test_a_name_without_a_suffix_is_the_format_asked_for(tmp_path: Path, annual_root: Path) -> None:
    """`--output rapport`: --format decides, Markdown by default."""
    for given, start in (([], "# Redovisning"), (["--format", "html"], "<!doctype html>")):
        target = tmp_path / "rapport"
        result = invoke(
            "annual-report", "--year", "2024", "--data", annual_root, *given, "--output", target
        )
        assert result.exit_code == 0, result.output
        assert target.read_text(encoding="utf-8").lstrip().lower().startswith(start.lower())


def test_html_output_file(tmp_path: Path, annual_root: Path) -> None:
    target = tmp_path / "r.html"
    result = invoke(
        "annual-report",
        "--year",
        "2024",
        "--data",
        str(annual_root),
        "--format",
        "html",
        "--output",
        str(target),
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "Exempeldata" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "r.html"]


# --- refusals -------------------------------------------------------------------------------


def test_a_data_root_with_an_error_is_refused_with_its_findings(annual_root: Path) -> None:
    record = annual_root / "twin-cities" / "vasa.yaml"
    record.write_text(record.read_text(encoding="utf-8") + "mayor: okänd\n", encoding="utf-8")
    (annual_root / "projects" / "urban-heat.yaml").write_text(
        (annual_root / "projects" / "urban-heat.yaml")
        .read_text(encoding="utf-8")
        .replace("organisation: miljonamnden", "organisation: miljonamden"),
        encoding="utf-8",
    )
    result = invoke("annual-report", "--year", "2024", "--data", str(annual_root))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Traceback" not in result.output
    matches = [FINDING_LINE.match(line) for line in result.stderr.splitlines()]
    assert [m.group("file", "line", "column") for m in matches if m] == [
        (f"{annual_root}/projects/urban-heat.yaml", "5", "15"),
        (f"{annual_root}/twin-cities/vasa.yaml", "8", "1"),
    ]
    assert "unknown-key" in result.stderr
    assert "unknown-reference" in result.stderr
    assert "2 fel" in result.stderr


def test_a_tie_of_the_version_in_force_is_refused_naming_both_and_the_day(
    annual_root: Path,
) -> None:
    tie_policy(annual_root, "policy-2024")
    result = invoke("annual-report", "--year", "2025", "--data", str(annual_root))
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert "policyversionerna policy-2024 och policy-2024-kopia" in result.stderr
    assert "samma dag, 2024-08-29" in result.stderr


def test_warnings_do_not_stop_the_report(annual_root: Path) -> None:
    result = invoke("annual-report", "--year", "2024", "--data", str(annual_root))
    assert result.exit_code == 0, result.output
    assert "Övriga anmärkningar" in result.stdout


@pytest.mark.parametrize(("year", "range_end"), [("2015", "2026"), ("2027", "2026")])
def test_a_year_outside_the_policy_is_refused(year: str, range_end: str) -> None:
    result = invoke("annual-report", "--year", year, "--data", str(REPO_DATA))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert year in result.stderr
    assert "2016" in result.stderr
    assert range_end in result.stderr
    assert "Traceback" not in result.output


def test_the_running_year_is_marked_not_complete() -> None:
    result = invoke("annual-report", "--year", "2026", "--data", str(REPO_DATA))
    assert result.exit_code == 0, result.output
    assert "Året är inte avslutat" in result.stdout


# --- usage errors ---------------------------------------------------------------------------


def test_a_bad_format_is_a_usage_error() -> None:
    result = invoke("annual-report", "--year", "2024", "--data", str(REPO_DATA), "--format", "docx")
    assert result.exit_code == 2
    assert "--format" in result.output
    assert result.stdout == ""


def test_a_missing_year_is_a_usage_error() -> None:
    result = invoke("annual-report", "--data", str(REPO_DATA))
    assert result.exit_code == 2
    assert "--year" in result.output


def test_a_year_that_is_no_number_is_a_usage_error() -> None:
    result = invoke("annual-report", "--year", "förra", "--data", str(REPO_DATA))
    assert result.exit_code == 2
    assert "--year" in result.output


def test_a_missing_data_root_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke("annual-report", "--year", "2024", "--data", str(tmp_path / "saknas"))
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# --- templates beside the data root ---------------------------------------------------------


def test_a_template_beside_the_data_root_overrides_the_packaged_one(annual_root: Path) -> None:
    templates = annual_root.parent / "templates"
    templates.mkdir()
    (templates / "annual-report.md.j2").write_text(
        "Malmö {{ report.year }}: {{ report.received_sek | kronor }}\n", encoding="utf-8"
    )
    (templates / "annual-report.html.j2").write_text(
        "<p>{{ report.received_sek | kronor }}</p>\n", encoding="utf-8"
    )
    markdown = invoke("annual-report", "--year", "2024", "--data", str(annual_root))
    assert markdown.exit_code == 0, markdown.output
    assert markdown.stdout == "Malmö 2024: 646 784 kr\n"
    html = invoke("annual-report", "--year", "2024", "--data", str(annual_root), "--format", "html")
    assert html.exit_code == 0, html.output
    assert html.stdout == f"<p>646{NBSP}784{NBSP}kr</p>\n"


def test_a_missing_variable_in_an_override_template_is_a_clear_error(annual_root: Path) -> None:
    templates = annual_root.parent / "templates"
    templates.mkdir()
    (templates / "annual-report.md.j2").write_text(
        "# {{ report.year }}\n\n{{ report.no_such_figure }}\n", encoding="utf-8"
    )
    # `invoke` raises an exception the command line did not turn into an exit.
    result = invoke("annual-report", "--year", "2024", "--data", str(annual_root))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "annual-report.md.j2" in result.stderr
    assert "no_such_figure" in result.stderr


def test_a_missing_variable_through_the_entry_point_has_no_traceback(annual_root: Path) -> None:
    templates = annual_root.parent / "templates"
    templates.mkdir()
    (templates / "annual-report.md.j2").write_text("{{ no_such_variable }}\n", encoding="utf-8")
    env = {**os.environ, "INTLPOLICY_TODAY": TODAY.isoformat()}
    env.pop("INTLPOLICY_DEBUG", None)
    completed = subprocess.run(
        [sys.executable, "-m", "intlpolicy", "annual-report", "--year", "2024"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
        cwd=annual_root.parent,
    )
    assert completed.returncode == 1
    assert completed.stdout == ""
    assert "Traceback" not in completed.stderr
    assert "annual-report.md.j2" in completed.stderr
    assert "no_such_variable" in completed.stderr
    # A mistake in the user's own template is no internal error of intlpolicy.
    assert "internt fel" not in completed.stderr


def test_a_failed_render_leaves_the_output_file_as_it_was(
    tmp_path: Path, annual_root: Path
) -> None:
    templates = annual_root.parent / "templates"
    templates.mkdir()
    (templates / "annual-report.md.j2").write_text("{{ no_such_variable }}\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    target = out / "r.md"
    target.write_text("förra versionen\n", encoding="utf-8")
    result = invoke(
        "annual-report", "--year", "2024", "--data", str(annual_root), "--output", str(target)
    )
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "förra versionen\n"
    assert sorted(p.name for p in out.iterdir()) == ["r.md"]
