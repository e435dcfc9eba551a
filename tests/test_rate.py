"""`intlpolicy rate`: a new exchange rate, and the route before and after, on data/."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import (
    assert_placeholder_refused,
    each_placeholder_of,
    edit,
    invoke,
    snapshot,
    tie_policy,
)

PROJECT = "projects/green-transitions.yaml"
OLD_RATE = "{rate: 11.4845, date: 2024-09-01, source: InforEuro}"
OLD_COMMENT = (
    "# Totalbudget för hela projektet, alla partner: 950 000 EUR × 11,4845 = 10 910 275 SEK,\n"
    "# under 12 miljoner kronor -> information via EU-nätverket (nära gränsen, inom 10 %).\n"
)
RATE = ("rate", "green-transitions", "--date", "2024-09-13", "--source", "InforEuro")

SEK_PROJECT = """\
schema_version: 1
id: sek-project
title: Ett projekt i kronor
organisation: miljonamnden
role: owner
funding: {eu: true}
total_budget: {amount: 500000, currency: SEK}
"""


def test_a_rate_that_crosses_the_threshold_says_the_route_changes(data_copy: Path) -> None:
    path = data_copy / PROJECT
    original = path.read_text(encoding="utf-8")
    result = invoke(*RATE, "--rate", "12,70", "--data", data_copy)
    assert result.exit_code == 0, result.output
    new_rate = "{rate: 12.70, date: 2024-09-13, source: InforEuro}"
    # Both amounts of the application in EUR, written as given, and the comment that works
    # out the budget in kronor says the new sum and route; every other byte as it was.
    assert path.read_text(encoding="utf-8") == original.replace(OLD_RATE, new_rate).replace(
        OLD_COMMENT,
        "# Totalbudget för hela projektet, alla partner: 950 000 EUR × 12,70 = 12 065 000 SEK,\n"
        "# 12 000 000 kronor eller mer -> informationsärende till kommunstyrelsen.\n",
    )
    assert (
        "Vägen ändras: information via EU-nätverket → informationsärende till KS." in result.stderr
    )
    # The new route asks for a notice that is not recorded: the command that records it.
    assert (
        "registrera den: intlpolicy notice green-transitions --ks-information --date DATUM "
        f"--diary-number DIARIENUMMER --data {data_copy}\n"
    ) in result.stderr  # run where rate ran: with its --data
    route = invoke("route-project", "green-transitions", "--format", "json", "--data", data_copy)
    assert '"route": "ks_information"' in route.stdout


def test_a_tie_of_the_version_in_force_refuses_and_nothing_changes(data_copy: Path) -> None:
    """The route before and after depends on the version in force: with two, none is told."""
    tie_policy(data_copy, "policy-2024")
    before = snapshot(data_copy)
    result = invoke(*RATE, "--rate", "12,70", "--data", data_copy)
    assert result.exit_code == 1, result.output
    assert "policy-2024 och policy-2024-kopia gäller från samma dag, 2024-08-29" in result.stderr
    assert snapshot(data_copy) == before


def test_a_rate_that_keeps_the_route_says_so(data_copy: Path) -> None:
    result = invoke(*RATE, "--rate", "11.50", "--data", data_copy)
    assert result.exit_code == 0, result.output
    assert "Vägen är oförändrad: information via EU-nätverket." in result.stderr
    assert "Vägen ändras" not in result.stderr
    text = (data_copy / PROJECT).read_text(encoding="utf-8")
    assert OLD_COMMENT not in text
    assert (
        "# Totalbudget för hela projektet, alla partner: 950 000 EUR × 11,50 = 10 925 000 SEK,\n"
        "# under 12 000 000 kronor -> information via EU-nätverket.\ntotal_budget:\n"
    ) in text


def test_a_stale_rate_is_fixed_by_its_hint(data_copy: Path) -> None:
    stale = "{rate: 11.4845, date: 2024-06-01, source: Riksbanken}"
    edit(data_copy / PROJECT, OLD_RATE, stale)
    before = invoke("validate", "--data", data_copy).stdout
    assert "rate-stale" in before
    assert "rate-source-other" in before
    hint = (
        "  Åtgärd: intlpolicy rate green-transitions --rate KURS --date DATUM --source "
        f"InforEuro --data {data_copy}"
    )
    assert hint in before.splitlines()
    assert invoke(*RATE, "--rate", "11.4790", "--data", data_copy).exit_code == 0
    after = invoke("validate", "--data", data_copy).stdout
    assert "rate-stale" not in after
    assert "rate-source-other" not in after


def test_a_dry_run_shows_the_route_and_writes_nothing(data_copy: Path) -> None:
    before = snapshot(data_copy)
    result = invoke(*RATE, "--rate", "12.70", "--dry-run", "--data", data_copy)
    assert result.exit_code == 0, result.output
    assert "+  exchange_rate: {rate: 12.70, date: 2024-09-13, source: InforEuro}" in result.stdout
    assert "Vägen ändras" in result.stderr
    assert snapshot(data_copy) == before


def test_a_whole_rate_is_written_as_a_plain_number(data_copy: Path) -> None:
    result = invoke(*RATE, "--rate", "12", "--data", data_copy)
    assert result.exit_code == 0, result.output
    assert "+  exchange_rate: {rate: 12, date: 2024-09-13, source: InforEuro}" in result.stdout
    assert "!!float" not in (data_copy / "projects/green-transitions.yaml").read_text("utf-8")
    assert invoke("validate", "--data", data_copy).exit_code == 0


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--rate", "elva"), "--rate 'elva' är ingen växelkurs; skriv kursen i SEK per enhet"),
        (("--rate", "0"), "ogiltigt värde för --rate: växelkursen 0 måste vara större än noll"),
        (("--rate", "11.5", "--currency", "USD"),
         "projektet green-transitions har inga belopp i USD; valutorna är EUR"),
    ],
    ids=["not a number", "zero", "another currency"],
)  # fmt: skip
def test_bad_input_is_one_swedish_line_and_nothing_changes(
    data_copy: Path, args: tuple[str, ...], said: str
) -> None:
    before = snapshot(data_copy)
    result = invoke(*RATE, *args, "--data", data_copy)
    assert result.exit_code == 1
    assert said in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert snapshot(data_copy) == before


@each_placeholder_of("rate")
def test_a_placeholder_of_the_fix_is_refused_and_a_real_value_works(
    data_copy: Path, case: tuple[str, str, tuple[str, ...]]
) -> None:
    assert_placeholder_refused(data_copy, case)


def test_a_future_date_and_an_unknown_project_are_refused(data_copy: Path) -> None:
    before = snapshot(data_copy)
    future = invoke(
        "rate", "green-transitions", "--rate", "11.5", "--date", "2027-01-01",
        "--source", "InforEuro", "--data", data_copy,
    )  # fmt: skip
    assert future.exit_code == 1
    assert "--date 2027-01-01 ligger efter i dag (2026-11-26)" in future.stderr
    unknown = invoke(
        "rate", "green-transitons", "--rate", "11.5", "--date", "2024-09-13",
        "--source", "InforEuro", "--data", data_copy,
    )  # fmt: skip
    assert unknown.exit_code == 1
    assert "menade du 'green-transitions'?" in unknown.stderr
    assert snapshot(data_copy) == before


TWO_CURRENCIES = """\
schema_version: 1
id: two-currencies
title: Ett projekt i två valutor
organisation: miljonamnden
role: owner
funding: {eu: true}
total_budget:
  amount: 1000000
  currency: EUR
  exchange_rate: {rate: 11.50, date: 2024-09-01, source: InforEuro}
own_budget:
  amount: 500000
  currency: DKK
  exchange_rate: {rate: 1.54, date: 2024-09-01, source: Riksbanken}
"""


def test_with_two_currencies_the_rate_of_one_is_chosen(data_copy: Path) -> None:
    path = data_copy / "projects" / "two-currencies.yaml"
    path.write_text(TWO_CURRENCIES, encoding="utf-8")
    args = ("rate", "two-currencies", "--rate", "1.55", "--date", "2024-09-13")
    refused = invoke(*args, "--source", "Riksbanken", "--data", data_copy)
    assert refused.exit_code == 1
    assert "projektets belopp är i flera valutor (DKK, EUR)" in refused.stderr
    result = invoke(*args, "--source", "Riksbanken", "--currency", "dkk", "--data", data_copy)
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == TWO_CURRENCIES.replace(
        "{rate: 1.54, date: 2024-09-01, source: Riksbanken}",
        "{rate: 1.55, date: 2024-09-13, source: Riksbanken}",
    )


def test_a_project_in_kronor_has_no_rate_to_refresh(data_copy: Path) -> None:
    (data_copy / "projects" / "sek-project.yaml").write_text(SEK_PROJECT, encoding="utf-8")
    before = snapshot(data_copy)
    result = invoke(
        "rate", "sek-project", "--rate", "11.5", "--date", "2024-09-13", "--source", "InforEuro",
        "--data", data_copy,
    )  # fmt: skip
    assert result.exit_code == 1
    assert "har inga belopp i annan valuta än SEK" in result.stderr
    assert snapshot(data_copy) == before
