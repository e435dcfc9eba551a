"""Each finding's `fix`: the command that makes the fix it asks for, or null for a hand edit.

Run as written, a fix with placeholders (DATUM, NAMN, KURS) is refused and writes nothing."""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import Any

import pytest

from conftest import Repo, edit, invoke, snapshot

GREEN = "projects/green-transitions.yaml"


def findings(root: Path) -> list[dict[str, Any]]:
    document = json.loads(invoke("validate", "--format", "json", "--data", root).stdout)
    return [*document["errors"], *document["warnings"]]


@pytest.fixture
def every_duty(data_copy: Path) -> Path:
    """data/ with a finding of every duty that has a fixing command: a missing notice, a
    stale rate from another source, a draft report, besides the contacts and reports."""
    edit(data_copy / GREEN, "  eu_network: {date: 2024-09-02}\n", "")
    edit(data_copy / GREEN, "notices:  ", "notices: {}  ")
    edit(data_copy / GREEN, "2024-09-01, source: InforEuro}\neu", "2024-03-01, source: ECB}\neu")
    edit(data_copy / "reports/2024/kulturnamnden.yaml", "submitted: 2025-02-14\n", "")
    return data_copy


def test_every_duty_has_its_command(every_duty: Path) -> None:
    data = f" --data {every_duty}"  # validate's own --data: the fix edits the same records
    fixes = {(f["code"], f["record"]): f["fix"].removesuffix(data) for f in findings(every_duty)}
    assert all(f["fix"].endswith(data) for f in findings(every_duty) if f["fix"] is not None)
    assert fixes[("contact-missing", "valnamnden")] == (
        "intlpolicy contact valnamnden --add NAMN --email E-POST --from DATUM"
    )
    assert fixes[("report-missing", "valnamnden")] == (
        "intlpolicy new report --organisation valnamnden --year 2025"
    )
    assert fixes[("draft-report", "2024/kulturnamnden")] == (
        "intlpolicy report-submit kulturnamnden --year 2024 --date DATUM"
    )
    assert fixes[("notice-missing", "green-transitions")] == (
        "intlpolicy notice green-transitions --eu-network --date DATUM"
    )
    rate = "intlpolicy rate green-transitions --rate KURS --date DATUM --source InforEuro"
    assert fixes[("rate-stale", "green-transitions")] == rate
    assert fixes[("rate-source-other", "green-transitions")] == rate


def test_a_fix_run_as_written_is_refused_and_writes_nothing(every_duty: Path) -> None:
    commands = sorted({f["fix"] for f in findings(every_duty) if f["fix"] is not None})
    assert len(commands) > 5
    before = snapshot(every_duty)
    for command in commands:
        result = invoke(*shlex.split(command)[1:])
        if " new report " not in command:  # no placeholder: it asks for what it lacks
            assert result.exit_code == 2, command
            assert ": ersätt platshållaren " in result.stderr, command
        assert result.exit_code != 0, command
        assert snapshot(every_duty) == before, command


def test_the_text_output_shows_each_fix_under_its_finding(every_duty: Path) -> None:
    lines = invoke("validate", "--data", every_duty).stdout.splitlines()
    for finding in findings(every_duty):
        if finding["fix"] is not None:
            where = f"{finding['file']}:{finding['line']}:{finding['column']}: "
            line = f"{where}warning {finding['code']} {finding['message']}"
            assert lines[lines.index(line) + 1] == f"  Åtgärd: {finding['fix']}"


def test_without_data_the_fix_finds_the_same_root_and_with_rev_there_is_none(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, git_isolated: None
) -> None:
    monkeypatch.chdir(data_copy.parent)
    Repo(data_copy.parent).commit("Posterna")
    fix = "intlpolicy contact valnamnden --add NAMN --email E-POST --from DATUM"
    assert f"  Åtgärd: {fix}\n" in invoke("validate").stdout
    at_revision = invoke("validate", "--rev", "HEAD", "--format", "json").stdout
    warnings = json.loads(at_revision)["warnings"]
    assert warnings
    assert all(warning["fix"] is None for warning in warnings)


def test_a_data_root_with_a_space_is_quoted(data_copy: Path) -> None:
    spaced = data_copy.parent / "mina poster"
    data_copy.rename(spaced)
    fixes = [f["fix"] for f in findings(spaced) if f["fix"] is not None]
    assert fixes
    assert all(fix.endswith(f" --data '{spaced}'") for fix in fixes)


def test_a_hand_edit_has_no_fix(data_copy: Path) -> None:
    edit(data_copy / GREEN, "role: owner ", "rol: owner ")
    edit(data_copy / GREEN, "eu_network: {date: 2024-09-02}", "eu_network: {date: 2024-09-20}")
    # A draft without activities is the committee's to write; report-submit cannot do it.
    report = data_copy / "reports/2024/miljonamnden.yaml"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.split("activities:")[0].replace("submitted: ", "#"), "utf-8")
    by_code = {f["code"]: f for f in findings(data_copy)}
    assert by_code["unknown-key"]["fix"] is None
    assert by_code["draft-report"]["fix"] is None
    edit(data_copy / GREEN, "rol: owner ", "role: owner ")
    assert {f["code"]: f["fix"] for f in findings(data_copy)}["notice-late"] is None
