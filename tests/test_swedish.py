"""How Swedish is written: groups of three, a decimal comma, kronor with two decimals, and
alphabetical order with å, ä, ö after z."""

from __future__ import annotations

import errno
import os
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import invoke
from intlpolicy.swedish import NO_BREAK_SPACE, format_number, format_sek, os_cause, swedish_key

# --- format_sek: exact kronor ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        # Öre are always written with two decimals.
        ("11999999.9", "11 999 999,90 kr"),
        ("11999999.99", "11 999 999,99 kr"),
        ("0.5", "0,50 kr"),
        ("1234.50", "1 234,50 kr"),
        # Whole kronor have no decimals, however many zeros the record wrote.
        ("12000000", "12 000 000 kr"),
        ("10910275.0000", "10 910 275 kr"),
        ("1.2E+7", "12 000 000 kr"),
        ("0", "0 kr"),
        # More decimals are kept as written: the amount is exact, never rounded.
        ("0.125", "0,125 kr"),
        ("1234.5678", "1 234,5678 kr"),
        ("11999999.995", "11 999 999,995 kr"),
        # Negative amounts: the sign before the first group, never a group of its own.
        ("-1234.5", "-1 234,50 kr"),
        ("-12000000", "-12 000 000 kr"),
        ("-999", "-999 kr"),
        ("-100000.25", "-100 000,25 kr"),
    ],
)
def test_format_sek(amount: str, shown: str) -> None:
    assert format_sek(Decimal(amount)) == shown


def test_format_sek_with_no_break_spaces() -> None:
    """In HTML the groups and the unit must not wrap apart."""
    assert (
        format_sek(Decimal("11999999.9"), space=NO_BREAK_SPACE) == "11\u00a0999\u00a0999,90\u00a0kr"
    )


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False))
def test_format_sek_reads_back_as_the_same_amount(amount: Decimal) -> None:
    shown = format_sek(amount)
    assert shown.endswith(" kr")
    digits = shown.removesuffix(" kr")
    whole, _, fraction = digits.partition(",")
    assert fraction == "" or len(fraction) == 2, shown
    assert all(len(group) == 3 for group in whole.lstrip("-").split(" ")[1:]), shown
    assert Decimal(digits.replace(" ", "").replace(",", ".")) == amount


# --- format_number: grouping and rounding -----------------------------------------------------


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("0", "0"),
        ("999", "999"),
        ("1000", "1 000"),
        ("100000", "100 000"),
        ("1000000", "1 000 000"),
        ("-1000", "-1 000"),
        ("10910275.0000", "10 910 275"),
        ("11.2050", "11,205"),  # trailing zeros go, nothing is rounded
        ("0.000001", "0,000001"),
    ],
)
def test_format_number(number: str, shown: str) -> None:
    assert format_number(Decimal(number)) == shown


def test_format_number_keeps_the_digits_as_written_when_asked() -> None:
    assert format_number(Decimal("11.2050"), strip=False) == "11,2050"
    assert format_number(Decimal("12000000.00"), strip=False) == "12 000 000,00"


@pytest.mark.parametrize(
    ("number", "decimals", "shown"),
    [
        # Half up, as people round money; Decimal's default (half even) would give 2, 0,12, 4.
        ("2.5", 0, "3"),
        ("0.125", 2, "0,13"),
        ("3.5", 0, "4"),
        ("4.5", 0, "5"),
        ("-2.5", 0, "-3"),
        ("2.4999", 0, "2"),
        ("11999999.995", 2, "12 000 000,00"),  # the carry reaches a new group
        ("999.5", 0, "1 000"),
        # Fewer digits than asked for are padded, and zeros are kept.
        ("1234.5", 2, "1 234,50"),
        ("12000000", 2, "12 000 000,00"),
        ("11.2050", 4, "11,2050"),
        ("10.9102", 1, "10,9"),
    ],
)
def test_format_number_rounds_half_up_to_the_decimals_asked_for(
    number: str, decimals: int, shown: str
) -> None:
    assert format_number(Decimal(number), decimals=decimals) == shown


# --- swedish_key: alphabetical order ------------------------------------------------------------


def test_swedish_order_puts_a_ring_a_umlaut_o_umlaut_after_z() -> None:
    names = ["Örebro", "Ängelholm", "Åre", "Zürich", "Malmö", "ystad", "Eslöv", "Élan"]
    assert sorted(names, key=swedish_key) == [
        "Élan",
        "Eslöv",
        "Malmö",
        "ystad",
        "Zürich",
        "Åre",
        "Ängelholm",
        "Örebro",
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Müller", "Myr"),  # ü as y
        ("Myr", "Mzz"),
        ("Créteil", "Cretz"),  # é as e
        ("Aalborg", "Ærø"),  # æ with ä, ø with ö: after z
        ("Zz", "Ørsta"),
        ("Wien", "åbo"),  # case does not matter
    ],
)
def test_swedish_key_orders(first: str, second: str) -> None:
    assert swedish_key(first) < swedish_key(second)


def test_swedish_key_reads_decomposed_letters_as_composed() -> None:
    """A name typed on a Mac may arrive as `a` + combining ring: still å, after z."""
    decomposed = "A\u030ahus"  # Åhus
    assert swedish_key(decomposed) == swedish_key("Åhus")
    assert swedish_key(decomposed) > swedish_key("Zagreb")


@pytest.mark.parametrize(
    ("number", "cause"),
    [
        (errno.EACCES, "åtkomst nekad"),
        (errno.ENOTDIR, "en del av sökvägen är ingen mapp"),
        (errno.ELOOP, "för många symboliska länkar"),
        (errno.ENOENT, "filen eller mappen finns inte"),
    ],
)
def test_the_systems_english_cause_is_said_in_swedish(number: int, cause: str) -> None:
    assert os_cause(OSError(number, os.strerror(number), "x.yaml")) == cause


def test_a_cause_this_program_wrote_itself_is_kept_and_an_unknown_one_quoted() -> None:
    own = "en symbolisk länk i git; den följs inte vid --rev"
    assert os_cause(OSError(errno.EINVAL, own, "x.yaml")) == own
    assert os_cause(OSError(errno.ECHILD, os.strerror(errno.ECHILD))) == '"No child processes"'


def test_a_file_that_cannot_be_read_is_told_in_swedish(valid_root: Path) -> None:
    (valid_root / "projects" / "loop.yaml").symlink_to("loop.yaml")
    lines = invoke("validate", "--data", valid_root).stdout.splitlines()
    found = [line for line in lines if "loop.yaml" in line]
    assert len(found) == 1 and found[0].endswith(
        "error read-error filen kunde inte läsas: för många symboliska länkar"
    ), found
