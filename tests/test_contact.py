"""`intlpolicy contact`: EU-network contacts with their periods, end to end on data/."""

from __future__ import annotations

import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from conftest import TODAY, assert_placeholder_refused, each_placeholder_of, invoke, snapshot

ORGANISATION = "organisations/valnamnden.yaml"
ADD = ("contact", "valnamnden", "--add", "Sara Lind", "--email", "sara.lind@malmo.se")


def warnings_of(root: Path, code: str) -> list[str]:
    output = invoke("validate", "--data", root).stdout
    return [line for line in output.splitlines() if f" {code} " in line]


def test_a_contact_is_added_and_the_warning_goes(data_copy: Path) -> None:
    assert any("valnamnden" in line for line in warnings_of(data_copy, "contact-missing"))
    result = invoke(*ADD, "--from", "2026-11-01", "--data", data_copy)
    assert result.exit_code == 0, result.output
    text = (data_copy / ORGANISATION).read_text(encoding="utf-8")
    assert text.endswith(
        "# Kontaktperson till EU-nätverket: fylls i av förvaltningen\n"
        "eu_network_contacts:\n"
        "  - name: Sara Lind\n"
        "    email: sara.lind@malmo.se\n"
        "    from: 2026-11-01\n"
        "    to: null\n"
    )
    assert "administration: Stadskontoret      # valkansliet finns på stadskontoret" in text
    assert not any("valnamnden" in line for line in warnings_of(data_copy, "contact-missing"))


def test_a_handover_ends_one_contact_and_adds_the_next(data_copy: Path) -> None:
    assert invoke(*ADD, "--from", "2026-01-01", "--data", data_copy).exit_code == 0
    refused = invoke(
        "contact", "valnamnden", "--add", "Per Holm", "--email", "per.holm@malmo.se",
        "--from", "2026-11-01", "--data", data_copy,
    )  # fmt: skip
    assert refused.exit_code == 1
    assert "har redan en aktuell kontaktperson, Sara Lind (från 2026-01-01)" in refused.stderr
    ended = invoke(
        "contact", "valnamnden", "--end", "Sara Lind", "--to", "2026-10-31", "--data", data_copy
    )
    assert ended.exit_code == 0, ended.output
    assert "-    to: null\n+    to: 2026-10-31\n" in ended.stdout
    added = invoke(
        "contact", "valnamnden", "--add", "Per Holm", "--email", "per.holm@malmo.se",
        "--from", "2026-11-01", "--data", data_copy,
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert invoke("validate", "--data", data_copy).exit_code == 0
    again = invoke(
        "contact", "valnamnden", "--end", "Sara Lind", "--to", "2026-10-30", "--data", data_copy
    )
    assert again.exit_code == 1
    assert "kontaktpersonen Sara Lind är redan avslutad (2026-10-31)" in again.stderr


def test_a_contact_is_never_published(data_copy: Path) -> None:
    assert invoke(*ADD, "--from", "2026-11-01", "--data", data_copy).exit_code == 0
    for which in ("networks", "twin-cities"):
        for output_format in ("html", "json"):
            published = invoke("publish", which, "--format", output_format, "--data", data_copy)
            assert published.exit_code == 0, published.output
            assert "Sara Lind" not in published.stdout
            assert "sara.lind" not in published.stdout


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (("valnamden", "--add", "Sara Lind", "--email", "sara.lind@malmo.se", "--from",
          "2026-11-01"), 1, "organisationen 'valnamden' finns inte"),
        (("valnamnden", "--add", "Sara Lind", "--email", "sara.lind", "--from", "2026-11-01"), 1,
         "ogiltigt värde för --email: 'sara.lind' ser inte ut som en e-postadress"),
        (("valnamnden", "--add", "Sara Lind", "--email", "sara.lind@malmo.se", "--from",
          "2026-11-31"), 1, "--from '2026-11-31' är inget giltigt datum"),
        (("valnamnden", "--add", " ", "--email", "sara.lind@malmo.se", "--from",
          "2026-11-01"), 1, "ogiltigt värde för --add"),
        (("valnamnden", "--end", "Sara Lindh", "--to", "2026-11-01"), 1,
         "kontaktpersonen 'Sara Lindh' finns inte hos Valnämnden"),
        (("valnamnden", "--add", "Sara Lind", "--email", "sara.lind@malmo.se"), 2,
         "--from saknas"),
        (("valnamnden", "--end", "Sara Lind"), 2, "--to saknas"),
        (("valnamnden", "--end", "Sara Lind", "--to", "2026-11-01", "--add", "Per Holm"), 2,
         "--end och --add går inte att kombinera"),
        (("valnamnden",), 2, "--add eller --end saknas"),
    ],
    ids=["unknown organisation", "bad email", "bad date", "empty name",
         "unknown contact", "no --from", "no --to", "add and end", "neither"],
)  # fmt: skip
def test_bad_input_is_one_swedish_line_and_nothing_changes(
    data_copy: Path, args: tuple[str, ...], code: int, said: str
) -> None:
    before = snapshot(data_copy)
    result = invoke("contact", *args, "--data", data_copy)
    assert result.exit_code == code
    assert said in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert snapshot(data_copy) == before


@each_placeholder_of("contact")
def test_a_placeholder_of_the_fix_is_refused_and_a_real_value_works(
    data_copy: Path, case: tuple[str, str, tuple[str, ...]]
) -> None:
    assert_placeholder_refused(data_copy, case)


def test_a_contact_from_after_today_is_refused_and_from_today_works(data_copy: Path) -> None:
    # A contact who has not begun is no current one: validate would go on asking for one,
    # and the one added meanwhile would overlap it.
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    before = snapshot(data_copy)
    for dry_run in ((), ("--dry-run",)):
        refused = invoke(*ADD, "--from", tomorrow, *dry_run, "--data", data_copy)
        assert refused.exit_code == 1
        assert refused.stderr == (
            f"intlpolicy: --from {tomorrow} ligger efter i dag ({TODAY.isoformat()}); "
            "ange dagen då det skedde\n"
        )
        assert snapshot(data_copy) == before
    added = invoke(*ADD, "--from", TODAY.isoformat(), "--data", data_copy)
    assert added.exit_code == 0, added.output
    assert not any("valnamnden" in line for line in warnings_of(data_copy, "contact-missing"))
    # A planned last day is fine: the contact stays current until then.
    ended = invoke(
        "contact", "valnamnden", "--end", "Sara Lind", "--to", tomorrow, "--data", data_copy
    )
    assert ended.exit_code == 0, ended.output
    assert not any("valnamnden" in line for line in warnings_of(data_copy, "contact-missing"))


def test_an_end_before_the_start_is_refused(data_copy: Path) -> None:
    assert invoke(*ADD, "--from", "2026-11-01", "--data", data_copy).exit_code == 0
    before = snapshot(data_copy)
    result = invoke(
        "contact", "valnamnden", "--end", "Sara Lind", "--to", "2026-10-01", "--data", data_copy
    )
    assert result.exit_code == 1
    assert "--to 2026-10-01 ligger före startdatumet 2026-11-01" in result.stderr
    assert snapshot(data_copy) == before


def test_a_contact_entered_ahead_of_time_says_how_to_strike_it_out(data_copy: Path) -> None:
    """A start after today written by hand (or before --add refused one) cannot be ended
    before it begins: the refusal says where to strike it out instead of leaving the person
    with no way forward."""
    later = (TODAY + timedelta(days=30)).isoformat()
    organisation = data_copy / ORGANISATION
    text = organisation.read_text(encoding="utf-8")
    contact = f"\n  - name: Sara Lind\n    email: sara.lind@malmo.se\n    from: {later}\n"
    organisation.write_text(
        text.replace("eu_network_contacts: []", "eu_network_contacts:") + contact.lstrip("\n"),
        encoding="utf-8",
    )
    before = snapshot(data_copy)
    result = invoke(
        "contact",
        "valnamnden",
        "--end",
        "Sara Lind",
        "--to",
        TODAY.isoformat(),
        "--data",
        data_copy,
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"intlpolicy: uppdraget för Sara Lind börjar först {later}, efter i dag, och kan inte "
        f"avslutas innan det har börjat; stryk det ur {data_copy / ORGANISATION} (fältet "
        "eu_network_contacts) om det inte blir av\n"
    )
    assert snapshot(data_copy) == before


def test_an_unknown_contact_suggests_the_closest(data_copy: Path) -> None:
    assert invoke(*ADD, "--from", "2026-11-01", "--data", data_copy).exit_code == 0
    result = invoke(
        "contact", "valnamnden", "--end", "Sara Lindh", "--to", "2026-11-20", "--data", data_copy
    )
    assert "menade du 'Sara Lind'?" in result.stderr


def test_a_dry_run_writes_nothing(data_copy: Path) -> None:
    before = snapshot(data_copy)
    result = invoke(*ADD, "--from", "2026-11-01", "--dry-run", "--data", data_copy)
    assert result.exit_code == 0, result.output
    assert "+  - name: Sara Lind" in result.stdout
    assert snapshot(data_copy) == before


def test_a_contact_of_a_list_in_flow_style_is_added_in_that_style(data_copy: Path) -> None:
    path = data_copy / ORGANISATION
    text = path.read_text(encoding="utf-8").replace(
        "eu_network_contacts: []",
        "eu_network_contacts:\n"
        "  - {name: Åsa Berg, email: asa.berg@malmo.se, from: 2024-01-01, to: 2025-12-31}",
    )
    path.write_text(text, encoding="utf-8")
    result = invoke(*ADD, "--from", "2026-01-01", "--data", data_copy)
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8").endswith(
        "  - {name: Sara Lind, email: sara.lind@malmo.se, from: 2026-01-01, to: null}\n"
    )


def test_a_contact_the_model_refuses_after_the_edit_is_one_line_naming_the_option(
    data_copy: Path,
) -> None:
    assert invoke(*ADD, "--from", "2026-11-01", "--data", data_copy).exit_code == 0
    before = snapshot(data_copy)
    refused = invoke(
        "contact", "valnamnden", "--add", "Per Holm", "--email", "per.holm@malmo.se",
        "--from", "2026-10-01", "--data", data_copy,
    )  # fmt: skip
    assert refused.exit_code == 1 and snapshot(data_copy) == before
    assert refused.stdout == ""
    assert refused.stderr.splitlines() == [
        f"intlpolicy: {data_copy}/{ORGANISATION}:10:3: --from 2026-10-01 skulle ge ett fel: "
        "kontaktpersonernas perioder överlappar (Per Holm och Sara Lind); avsluta den "
        "tidigare med ett slutdatum (fältet to); filen ändrades inte"
    ]


def test_a_diff_for_a_file_outside_the_current_folder_applies_from_the_root(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # From data/projects the organisation's file is `../organisations/…`: patch refuses `..`,
    # so the labels are its absolute path and `patch -p1 -d /` applies them.
    monkeypatch.chdir(data_copy / "projects")
    dry = invoke(*ADD, "--from", "2026-11-01", "--dry-run")
    assert dry.exit_code == 0, dry.output
    label = str(data_copy.resolve() / ORGANISATION).lstrip("/")
    assert dry.stdout.startswith(f"--- a/{label}\n+++ b/{label}\n")
    subprocess.run(["patch", "-s", "-p1", "-d", "/"], input=dry.stdout.encode(), check=True)
    assert "sara.lind@malmo.se" in (data_copy / ORGANISATION).read_text(encoding="utf-8")
