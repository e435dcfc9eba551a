"""`route-project --draft FILE`: the informationsärende to kommunstyrelsen, as Markdown.

A golden file pins the whole draft: `pytest --update-golden` rewrites
tests/golden/informationsarende.md from the current template; review the diff before committing.
"""

from __future__ import annotations

import os
import stat
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import Result

from conftest import invoke

GOLDEN = Path(__file__).parent / "golden" / "informationsarende.md"
HEADINGS = ("## Sammanfattning", "## Förslag till beslut", "## Ärendet", "## Bedömning")

# Every optional part of a project filled in, so the golden draft shows all of the template.
KS_PROJECT = """\
schema_version: 1
id: cultural-heritage-lab
title: Cultural Heritage Lab Öresund
organisation: kulturnamnden
role: owner
funding:
  eu: true
  programme: Kreativa Europa
  fund: Culture
total_budget:
  amount: 1100000
  currency: EUR
  exchange_rate: {rate: 11.4845, date: 2024-09-01, source: InforEuro}
eu_contribution:
  amount: 660000
  currency: EUR
  exchange_rate: {rate: 11.4845, date: 2024-09-01, source: InforEuro}
application:
  submitted: 2024-09-16
  decision: pending
period: {start: 2025-01-01, end: 2027-12-31}
focus_areas: [verksamhetsutveckling, profilering]
partners:
  - {name: Københavns Kommune, country: DK}
  - {name: Gdańsk, country: PL}
notices:
  ks_information: {date: 2024-09-10, diary_number: KS-2024-00123}
own_budget: {amount: 1500000, currency: SEK}
"""

# Only what the schema requires: the template must still render (StrictUndefined).
MINIMAL_KS_PROJECT = """\
schema_version: 1
id: minimal
title: Minimalt projekt
organisation: kulturnamnden
role: owner
funding: {eu: true}
total_budget: {amount: 12000000, currency: SEK}
"""


@pytest.fixture
def root(valid_root: Path) -> Path:
    """The valid data root plus a project on the KS route."""
    write(valid_root / "projects" / "cultural-heritage-lab.yaml", KS_PROJECT)
    return valid_root


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for drafts, apart from the data root."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def draft(root: Path, project: str, target: Path, *extra: str) -> Result:
    return invoke("route-project", "--data", root, project, "--draft", target, *extra)


def render(root: Path, project: str, target: Path) -> str:
    result = draft(root, project, target)
    assert result.exit_code == 0, result.output
    return target.read_text(encoding="utf-8")


# --- golden -----------------------------------------------------------------------------------


def test_draft_matches_golden(root: Path, out: Path, update_golden: bool) -> None:
    text = render(root, "cultural-heritage-lab", out / "informationsarende.md")
    if update_golden:
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8", newline="\n")
    assert GOLDEN.is_file(), "no golden file yet: run `pytest --update-golden` and review it"
    assert text == GOLDEN.read_text(encoding="utf-8"), (
        "the draft differs from tests/golden/informationsarende.md; if the change is intended, "
        "run `pytest --update-golden` and review the diff"
    )


def test_golden_reads_like_a_tjansteskrivelse() -> None:
    text = GOLDEN.read_text(encoding="utf-8")
    positions = [text.index(heading) for heading in HEADINGS]
    assert positions == sorted(positions)
    assert "Diarienummer: KS-2024-00123" in text
    assert "Kommunstyrelsen föreslås besluta" in text
    assert "12 632 950 kr" in text
    assert "1 100 000 × 11,4845 = 12 632 950 kr" in text
    assert "Policy för Malmö stads internationella arbete (STK-2015-1008)" in text
    assert "2024-08-29" in text
    assert "har ansökt" in text  # the application was submitted 2024-09-16
    assert "{{" not in text and "{%" not in text
    assert "None" not in text
    assert "exempeldata" not in text.lower()
    assert text.endswith("\n") and not text.endswith("\n\n")


# --- the content --------------------------------------------------------------------------------


def test_minimal_project_renders(valid_root: Path, out: Path) -> None:
    write(valid_root / "projects" / "minimal.yaml", MINIMAL_KS_PROJECT)
    text = render(valid_root, "minimal", out / "minimal.md")
    for heading in HEADINGS:
        assert heading in text
    assert "12 000 000 kr" in text
    assert "lika med" in text  # exactly at the threshold
    assert "None" not in text
    assert "Diarienummer:" in text  # a line to fill in once KS registers the case


def test_application_not_yet_submitted_says_ansoker(valid_root: Path, out: Path) -> None:
    write(valid_root / "projects" / "minimal.yaml", MINIMAL_KS_PROJECT)
    text = render(valid_root, "minimal", out / "minimal.md")
    assert "Kulturnämnden ansöker om medel" in text
    assert "har ansökt" not in text


def test_submitted_application_says_har_ansokt(root: Path, out: Path) -> None:
    text = render(root, "cultural-heritage-lab", out / "draft.md")
    assert "Kulturnämnden har ansökt om medel" in text
    assert "Ansökan lämnades:** 2024-09-16" in text


def test_example_project_draft_says_exempeldata(root: Path, out: Path) -> None:
    path = root / "projects" / "cultural-heritage-lab.yaml"
    path.write_text(
        KS_PROJECT.replace("schema_version: 1\n", "schema_version: 1\nexample: true\n"),
        encoding="utf-8",
    )
    text = render(root, "cultural-heritage-lab", out / "draft.md")
    assert text.lstrip().startswith("> **EXEMPELDATA**")


# --- only for the KS route ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["green-transitions"], "EU-nätverket"),
        (
            ["green-transitions", "--date", "2024-08-28"],
            "rutinen gäller inte för projektet, eftersom ingen version av policyn",
        ),
    ],
)
def test_no_draft_for_other_routes(
    valid_root: Path, out: Path, args: list[str], reason: str
) -> None:
    target = out / "draft.md"
    result = draft(valid_root, args[0], target, *args[1:])
    assert result.exit_code == 0, result.output
    assert "Inget utkast" in result.stderr
    assert reason in result.stderr
    assert "_" not in result.stderr.split(":", 1)[1]  # no code (below_threshold) in Swedish
    assert not target.exists()
    assert list(out.iterdir()) == []


def test_draft_needs_a_recorded_project(valid_root: Path, out: Path) -> None:
    """The option form has no title, programme or partners to draft from. The route is KS, a
    file was asked for and none is written: that must not look like success (exit 0)."""
    target = out / "draft.md"
    result = invoke(
        "route-project",
        *("--data", valid_root, "--budget", "13000000", "--organisation", "kulturnamnden"),
        *("--draft", target),
    )
    assert result.exit_code == 2, result.output
    assert "registrerat projekt" in result.stderr
    assert not target.exists()


# --- writing the file ---------------------------------------------------------------------------


def test_draft_is_written_and_announced(root: Path, out: Path) -> None:
    target = out / "draft.md"
    result = draft(root, "cultural-heritage-lab", target)
    assert result.exit_code == 0, result.output
    assert "Informationsärende till kommunstyrelsen" in result.stdout  # the route is printed too
    assert str(target) in result.stderr
    assert [p.name for p in out.iterdir()] == ["draft.md"]  # no temporary file left behind


def test_existing_file_is_not_overwritten_without_force(root: Path, out: Path) -> None:
    target = out / "draft.md"
    target.write_text("Handläggarens egna ändringar\n", encoding="utf-8")
    result = draft(root, "cultural-heritage-lab", target)
    assert result.exit_code == 1
    assert "--force" in result.stderr
    assert "Traceback" not in result.output
    assert target.read_text(encoding="utf-8") == "Handläggarens egna ändringar\n"
    assert [p.name for p in out.iterdir()] == ["draft.md"]


def test_force_replaces_the_file(root: Path, out: Path) -> None:
    target = out / "draft.md"
    target.write_text("gammalt utkast\n", encoding="utf-8")
    result = draft(root, "cultural-heritage-lab", target, "--force")
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Information om ansökan om EU-medel")
    assert [p.name for p in out.iterdir()] == ["draft.md"]


def test_missing_folder_is_a_clear_error(root: Path, out: Path) -> None:
    target = out / "saknas" / "draft.md"
    result = draft(root, "cultural-heritage-lab", target)
    assert result.exit_code == 1
    assert "saknas" in result.stderr
    assert "Traceback" not in result.output
    assert list(out.iterdir()) == []


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.mark.usefixtures("umask_022")
@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_draft_gets_ordinary_file_permissions(root: Path, out: Path) -> None:
    """The draft is shared with colleagues: it must get the mode any new file gets (0644 under
    umask 022), not the private 0600 of a temporary file."""
    target = out / "draft.md"
    assert draft(root, "cultural-heritage-lab", target).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


# --- templates beside the data root ---------------------------------------------------------------


def test_template_beside_the_data_root_overrides_the_packaged_one(root: Path, out: Path) -> None:
    write(
        root.parent / "templates" / "informationsarende.md.j2",
        "Eget utkast för {{ project.title }}: {{ decision.total_budget_sek | sek }}\n",
    )
    text = render(root, "cultural-heritage-lab", out / "draft.md")
    assert text == "Eget utkast för Cultural Heritage Lab Öresund: 12 632 950 kr\n"


def test_other_templates_beside_the_data_root_are_ignored(root: Path, out: Path) -> None:
    write(root.parent / "templates" / "annat.md.j2", "{{ nothing }}\n")
    text = render(root, "cultural-heritage-lab", out / "draft.md")
    assert text.startswith("# Information om ansökan om EU-medel")


@pytest.mark.parametrize(
    "template",
    [
        "Diarienummer: {{ diarienummer }}\n",  # a variable the draft does not have
        "{{ project.budget_owner }}\n",  # an attribute the project does not have
    ],
)
def test_missing_variable_in_an_overriding_template_is_an_error(
    root: Path, out: Path, template: str
) -> None:
    """StrictUndefined: never an empty string in a document for KS. The CLI must say which
    template and which name, exit 1, print no traceback and write nothing."""
    template_path = write(root.parent / "templates" / "informationsarende.md.j2", template)
    target = out / "draft.md"
    result = draft(root, "cultural-heritage-lab", target)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith("intlpolicy: ")
    assert "informationsarende.md.j2" in message or str(template_path) in message
    assert ("diarienummer" in message) or ("budget_owner" in message)
    assert not target.exists()
    assert list(out.iterdir()) == []


def test_syntax_error_in_an_overriding_template_is_an_error(root: Path, out: Path) -> None:
    write(root.parent / "templates" / "informationsarende.md.j2", "{% if project %}\n")
    target = out / "draft.md"
    result = draft(root, "cultural-heritage-lab", target)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "informationsarende.md.j2" in result.stderr
    assert not target.exists()
