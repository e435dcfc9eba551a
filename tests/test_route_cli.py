"""`intlpolicy route-project` through typer's CliRunner: both forms, boundaries, errors, text.

The pure rule is covered by test_routing.py; here the command line is the unit: option parsing,
which records are read, exit codes, and what a handläggare sees. The draft (`--draft`) is in
test_drafts.py.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterator
from decimal import Decimal, localcontext
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TODAY, Repo, invoke, tie_policy

THRESHOLD = Decimal("12000000")
CONTRACT_KEYS = {
    "project",
    "organisation",
    "policy",
    "route",
    "reason_code",
    "total_budget_sek",
    "threshold_sek",
    "conversion",
    "near_threshold",
    "notice",
}
PLAIN_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def flat(text: str) -> str:
    """The text output with its wrapping undone: one space between words."""
    return " ".join(text.split())


def route(root: Path, *args: str) -> Result:
    return invoke("route-project", "--data", str(root), *args)


def route_json(root: Path, *args: str) -> dict[str, Any]:
    result = route(root, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def options(budget: str, *extra: str, organisation: str = "kulturnamnden") -> list[str]:
    return ["--budget", budget, "--organisation", organisation, *extra]


def write_project(
    root: Path,
    pid: str,
    *,
    organisation: str = "kulturnamnden",
    role: str = "owner",
    eu: bool = True,
    budget: str = "amount: 1100000\n  currency: EUR\n"
    "  exchange_rate: {rate: 11.4845, date: 2024-09-01, source: InforEuro}",
    submitted: str | None = "2024-09-16",
    notices: str = "{ks_information: {date: 2024-09-10, diary_number: KS-2024-00123}}",
    example: bool = False,
    extra: str = "",
) -> Path:
    """A project record (KS route by default: 1 100 000 EUR × 11.4845 = 12 632 950 kr)."""
    text = textwrap.dedent(
        """\
        schema_version: 1
        id: {pid}
        title: Testprojekt {pid}
        organisation: {organisation}
        role: {role}
        funding:
          eu: {eu}
          programme: Interreg Öresund-Kattegat-Skagerrak
        total_budget:
          {budget}
        application:
          submitted: {submitted}
          decision: pending
        notices: {notices}
        """
    ).format(
        pid=pid,
        organisation=organisation,
        role=role,
        eu="true" if eu else "false",
        budget=budget,
        submitted=submitted if submitted is not None else "null",
        notices=notices,
    )
    if example:
        text = text.replace("schema_version: 1\n", "schema_version: 1\nexample: true\n")
    path = root / "projects" / f"{pid}.yaml"
    path.write_text(text + extra, encoding="utf-8")
    return path


def assert_one_clear_error(result: Result, code: int = 1) -> str:
    """Exit `code`, nothing on stdout, and a single `intlpolicy: …` line ends stderr."""
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert lines, "expected a message on stderr"
    assert lines[-1].startswith("intlpolicy: "), result.stderr
    return lines[-1]


def exact_product(amount: Decimal, rate: Decimal) -> Decimal:
    with localcontext() as context:
        context.prec = 200
        return amount * rate


def swedish(amount: Decimal) -> str:
    """`11999999.99` -> `11 999 999,99`: how a handläggare types an amount."""
    whole, _, fraction = f"{amount:f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return " ".join(groups) + ("," + fraction if fraction else "")


# --- the two forms ----------------------------------------------------------------------------


def test_recorded_project_by_id_json_is_the_contract(valid_root: Path) -> None:
    document = route_json(valid_root, "green-transitions")
    assert document.keys() >= CONTRACT_KEYS
    assert {key: document[key] for key in CONTRACT_KEYS} == {
        "project": "green-transitions",
        "organisation": "kulturnamnden",
        "policy": "policy-2024",
        "route": "eu_network",
        "reason_code": "below_threshold",
        "total_budget_sek": "10910275.0000",
        "threshold_sek": "12000000",
        "conversion": {
            "currency": "EUR",
            "amount": "950000",
            "rate": "11.4845",
            "date": "2024-09-01",
            "source": "InforEuro",
        },
        "near_threshold": True,
        "notice": document["notice"],
    }
    assert document["notice"]["required"] == "eu_network"
    assert document["notice"]["recorded"] is True
    assert document["deciding_date"] == "2024-09-16"


def test_recorded_project_by_id_text(valid_root: Path) -> None:
    result = route(valid_root, "green-transitions")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "Information via EU-nätverket" in text
    assert "Green Transitions in the Öresund Region" in text
    assert "950 000 EUR × 11,4845 SEK/EUR" in text
    assert "10 910 275 kr" in text
    assert "12 000 000 kr" in text
    assert result.stderr == ""


@pytest.mark.parametrize("absolute", [False, True], ids=["relative", "absolute"])
def test_recorded_project_by_path_equals_by_id(
    valid_root: Path, monkeypatch: pytest.MonkeyPatch, absolute: bool
) -> None:
    by_id = route_json(valid_root, "green-transitions")
    monkeypatch.chdir(valid_root.parent)
    path = valid_root / "projects" / "green-transitions.yaml"
    shown = str(path) if absolute else "data/projects/green-transitions.yaml"
    assert route_json(Path("data"), shown) == by_id


def test_project_file_outside_the_data_root(valid_root: Path, tmp_path: Path) -> None:
    """A draft record not yet in the repository: its organisation comes from the data root."""
    outside = tmp_path / "inbox"
    outside.mkdir()
    write_project(valid_root, "new-application")
    moved = outside / "new-application.yaml"
    (valid_root / "projects" / "new-application.yaml").rename(moved)
    document = route_json(valid_root, str(moved))
    assert document["project"] == "new-application"
    assert document["route"] == "ks_information"


def test_option_form_json(valid_root: Path) -> None:
    document = route_json(
        valid_root,
        *options(
            "950000",
            "--currency",
            "EUR",
            "--rate",
            "11.4845",
            "--rate-date",
            "2024-09-01",
            "--rate-source",
            "InforEuro",
            "--date",
            "2024-09-16",
        ),
    )
    assert document.keys() >= CONTRACT_KEYS
    assert document["project"] is None
    assert document["organisation"] == "kulturnamnden"
    assert document["policy"] == "policy-2024"
    assert (document["route"], document["reason_code"]) == ("eu_network", "below_threshold")
    assert document["total_budget_sek"] == "10910275.0000"
    assert document["threshold_sek"] == "12000000"
    assert document["conversion"] == {
        "currency": "EUR",
        "amount": "950000",
        "rate": "11.4845",
        "date": "2024-09-01",
        "source": "InforEuro",
    }
    assert document["near_threshold"] is True
    assert document["deciding_date"] == "2024-09-16"


def test_option_form_sek_has_no_conversion(valid_root: Path) -> None:
    document = route_json(valid_root, *options("5000000"))
    assert document["conversion"] is None
    assert document["total_budget_sek"] == "5000000"
    assert document["deciding_date"] == TODAY.isoformat()
    assert document["date_source"] == "today"


def test_option_form_text(valid_root: Path) -> None:
    result = route(valid_root, *options("15687000"))
    assert result.exit_code == 0, result.output
    assert "Informationsärende till kommunstyrelsen" in result.stdout
    assert "15 687 000 kr ≥ 12 000 000 kr" in result.stdout
    assert "ej registrerat" in result.stdout


UNDATED = ("1300000", "--currency", "EUR", "--rate", "11.2", "--rate-source", "InforEuro")


def computation(text: str) -> str:
    """The text output's `Beräkning` field, unwrapped."""
    return flat(text).split("Beräkning:", 1)[1].split("Policy:", 1)[0]


@pytest.mark.parametrize("on_date", [[], ["--date", "2024-10-01"]], ids=["today", "what-if"])
def test_a_rate_without_its_date_is_shown_with_none(valid_root: Path, on_date: list[str]) -> None:
    """Without --rate-date no output dates the rate: not with the deciding date (the day the
    rate is used for), in the text, in JSON or in the draft (test_drafts.py)."""
    deciding = on_date[1] if on_date else TODAY.isoformat()
    document = route_json(valid_root, *options(*UNDATED, *on_date))
    assert document["deciding_date"] == deciding
    assert document["conversion"]["date"] is None
    assert document["conversion"]["source"] == "InforEuro"
    shown = computation(route(valid_root, *options(*UNDATED, *on_date)).stdout)
    assert "(InforEuro; kursens datum inte angivet) = 14 560 000 kr" in shown
    assert deciding not in shown


def test_a_given_rate_date_is_shown(valid_root: Path) -> None:
    given = options(*UNDATED, "--rate-date", "2024-09-01", "--date", "2024-10-01")
    assert route_json(valid_root, *given)["conversion"]["date"] == "2024-09-01"
    shown = computation(route(valid_root, *given).stdout)
    assert "(InforEuro, 2024-09-01) = 14 560 000 kr" in shown
    assert "inte angivet" not in shown


def test_lowercase_currency_is_accepted(valid_root: Path) -> None:
    document = route_json(valid_root, *options("1000", "--currency", "eur", "--rate", "11.5"))
    assert document["conversion"]["currency"] == "EUR"
    assert document["total_budget_sek"] == "11500.0"


def test_json_amounts_are_strings_and_dates_iso(valid_root: Path) -> None:
    document = route_json(valid_root, "green-transitions")

    def walk(value: Any) -> Iterator[Any]:
        if isinstance(value, dict):
            for item in value.values():
                yield from walk(item)
        else:
            yield value

    assert not any(isinstance(value, float) for value in walk(document))
    assert PLAIN_DECIMAL.fullmatch(document["total_budget_sek"])
    for key in ("deciding_date",):
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", document[key])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", document["conversion"]["date"])


amounts = st.builds(
    lambda units, places: Decimal(units).scaleb(-places),
    st.integers(min_value=1, max_value=10**11),
    st.integers(min_value=0, max_value=2),
)
rates = st.builds(
    lambda units, places: Decimal(units).scaleb(-places),
    st.integers(min_value=1, max_value=10**7),
    st.integers(min_value=0, max_value=6),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(amount=amounts, rate=rates, swedish_style=st.booleans())
def test_total_is_the_exact_product(
    valid_root: Path, amount: Decimal, rate: Decimal, swedish_style: bool
) -> None:
    budget = swedish(amount) if swedish_style else f"{amount:f}"
    document = route_json(valid_root, *options(budget, "--currency", "EUR", "--rate", f"{rate:f}"))
    expected = exact_product(amount, rate)
    assert Decimal(document["total_budget_sek"]) == expected
    assert document["total_budget_sek"] == f"{expected:f}"
    assert PLAIN_DECIMAL.fullmatch(document["total_budget_sek"])
    assert document["route"] == ("ks_information" if expected >= THRESHOLD else "eu_network")
    assert document["near_threshold"] == (abs(expected - THRESHOLD) <= THRESHOLD / 10)


def test_long_decimals_are_exact(valid_root: Path) -> None:
    """17 significant digits times a rate: the product keeps every digit."""
    amount = "1199999.9999999999"
    document = route_json(valid_root, *options(amount, "--currency", "EUR", "--rate", "10.5"))
    expected = exact_product(Decimal(amount), Decimal("10.5"))
    assert document["total_budget_sek"] == f"{expected:f}" == "12599999.99999999895"
    assert (document["route"], document["reason_code"]) == (
        "ks_information",
        "at_or_above_threshold",
    )


def test_an_amount_with_more_than_ten_decimals_is_refused(valid_root: Path) -> None:
    result = route(valid_root, *options("1199999.9999999999999999999999"))
    assert result.exit_code == 1
    assert "belopp" in result.stderr
    assert "Traceback" not in result.output


# --- boundaries -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("budget", "total", "route_"),
    [
        ("12000000", "12000000", "ks_information"),
        ("12 000 000", "12000000", "ks_information"),
        ("12000000,00", "12000000.00", "ks_information"),
        ("12\u00a0000\u00a0000", "12000000", "ks_information"),
        ("11999999.99", "11999999.99", "eu_network"),
        ("11 999 999,99", "11999999.99", "eu_network"),
        ("12000000.01", "12000000.01", "ks_information"),
        ("0", "0", "eu_network"),
    ],
)
def test_sek_threshold_boundary(valid_root: Path, budget: str, total: str, route_: str) -> None:
    document = route_json(valid_root, *options(budget))
    assert document["total_budget_sek"] == total
    assert document["route"] == route_
    expected_reason = "at_or_above_threshold" if route_ == "ks_information" else "below_threshold"
    assert document["reason_code"] == expected_reason


# 12 000 000 / 11.4845 = 1 044 886.586…: one cent either side of the threshold in EUR.
@pytest.mark.parametrize(
    ("eur", "route_"),
    [("1044886.59", "ks_information"), ("1044886.58", "eu_network")],
)
def test_eur_threshold_boundary_after_conversion(valid_root: Path, eur: str, route_: str) -> None:
    document = route_json(valid_root, *options(eur, "--currency", "EUR", "--rate", "11.4845"))
    expected = exact_product(Decimal(eur), Decimal("11.4845"))
    assert Decimal(document["total_budget_sek"]) == expected
    assert document["route"] == route_


def test_eur_exactly_at_threshold(valid_root: Path) -> None:
    document = route_json(valid_root, *options("1200000", "--currency", "EUR", "--rate", "10"))
    assert document["route"] == "ks_information"
    document = route_json(valid_root, *options("1199999.99", "--currency", "EUR", "--rate", "10"))
    assert document["route"] == "eu_network"
    assert document["total_budget_sek"] == "11999999.90"


@pytest.mark.parametrize(
    ("day", "policy", "route_", "reason"),
    [
        ("2024-08-28", "policy-2016", "not_applicable", "no_routine_in_force"),
        ("2024-08-29", "policy-2024", "ks_information", "at_or_above_threshold"),
    ],
)
def test_policy_date_boundary_with_date_option(
    valid_root: Path, day: str, policy: str, route_: str, reason: str
) -> None:
    document = route_json(valid_root, *options("13000000", "--date", day))
    assert (document["policy"], document["route"], document["reason_code"]) == (
        policy,
        route_,
        reason,
    )
    assert document["deciding_date"] == day


@pytest.mark.parametrize(
    ("submitted", "route_"),
    [("2024-08-28", "not_applicable"), ("2024-08-29", "ks_information")],
)
def test_policy_date_boundary_from_the_recorded_submission(
    valid_root: Path, submitted: str, route_: str
) -> None:
    write_project(valid_root, "boundary", submitted=submitted)
    document = route_json(valid_root, "boundary")
    assert document["route"] == route_
    assert document["date_source"] == "submitted"


def test_before_any_policy_version(valid_root: Path) -> None:
    result = route(valid_root, *options("13000000", "--date", "2010-01-01"))
    assert result.exit_code == 0, result.output
    assert "Rutinen gäller inte" in result.stdout
    document = route_json(valid_root, *options("13000000", "--date", "2010-01-01"))
    assert document["policy"] is None
    assert document["reason_code"] == "no_routine_in_force"


@pytest.mark.parametrize(
    ("organisation", "extra", "reason"),
    [
        # several reasons apply: the first in the contract's order wins
        ("malmo-live-konserthus-ab", ["--role", "partner", "--not-eu"], "not_eu_funded"),
        ("malmo-live-konserthus-ab", ["--role", "partner"], "not_a_committee"),
        ("revisorskollegiet", ["--role", "partner"], "not_a_committee"),
        ("kulturnamnden", ["--role", "partner", "--not-eu"], "not_eu_funded"),
        ("kulturnamnden", ["--role", "partner"], "not_project_owner"),
        (
            "malmo-live-konserthus-ab",
            ["--role", "partner", "--not-eu", "--date", "2024-08-28"],
            "no_routine_in_force",
        ),
    ],
)
def test_precedence_of_reasons(
    valid_root: Path, organisation: str, extra: list[str], reason: str
) -> None:
    document = route_json(valid_root, *options("20000000", *extra, organisation=organisation))
    assert document["route"] == "not_applicable"
    assert document["reason_code"] == reason
    assert document["notice"] is None


def test_precedence_for_a_recorded_company_partner_without_eu_money(valid_root: Path) -> None:
    write_project(
        valid_root,
        "company-partner",
        organisation="malmo-live-konserthus-ab",
        role="partner",
        eu=False,
        notices="{}",
    )
    document = route_json(valid_root, "company-partner")
    assert (document["route"], document["reason_code"]) == ("not_applicable", "not_eu_funded")


# --- --date -----------------------------------------------------------------------------------


def test_date_overrides_the_recorded_submission(valid_root: Path) -> None:
    recorded = route_json(valid_root, "green-transitions")
    assert (recorded["deciding_date"], recorded["date_source"]) == ("2024-09-16", "submitted")

    document = route_json(valid_root, "green-transitions", "--date", "2024-08-28")
    assert (document["deciding_date"], document["date_source"]) == ("2024-08-28", "option")
    assert (document["policy"], document["route"]) == ("policy-2016", "not_applicable")

    result = route(valid_root, "green-transitions", "--date", "2024-08-28")
    assert result.exit_code == 0, result.output
    assert "2024-08-28" in result.stdout
    assert "angivet med --date" in result.stdout
    assert "Rutinen gäller inte" in result.stdout


def test_without_date_the_text_names_the_submission(valid_root: Path) -> None:
    result = route(valid_root, "green-transitions")
    assert "2024-09-16 – dagen då ansökan lämnades" in result.stdout
    assert "--date" not in result.stdout


# --- errors: exit 1, one clear message, no traceback ------------------------------------------


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["no-such-project"], "no-such-project"),
        (["projects/no-such-project.yaml"], "no-such-project.yaml"),
        (options("1000", organisation="no-such-committee"), "no-such-committee"),
        (options("1000", "--currency", "EUR"), "--rate"),
        (options("12x"), "--budget"),
        (options("-5"), "--budget"),
        (options("1.2.3"), "--budget"),
        (options("12,000,000"), "--budget"),
        (options("1e6"), "--budget"),
        (options(""), "--budget"),
        (options("1000", "--currency", "EUR", "--rate", "abc"), "--rate"),
        (options("1000", "--currency", "EUR", "--rate", "-11"), "--rate"),
        (options("1000", "--currency", "EUR", "--rate", "0"), "växelkurs"),
        (options("1000", "--currency", "EURO", "--rate", "11"), "EURO"),
        (options("1000", "--rate", "11"), "SEK"),
        (options("1000", "--date", "2024-02-30"), "--date"),
        (options("1000", "--date", "28/08/2024"), "--date"),
        (options("1000", "--date", "20240828"), "--date"),
        (["green-transitions", "--date", "2024-13-01"], "--date"),
        (
            options("1000", "--currency", "EUR", "--rate", "11", "--rate-date", "i går"),
            "--rate-date",
        ),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_bad_input_exits_1_with_one_message(valid_root: Path, args: list[str], needle: str) -> None:
    result = route(valid_root, *args)
    message = assert_one_clear_error(result)
    assert needle in message
    assert result.stderr.strip().splitlines() == [message]


@pytest.mark.parametrize(
    ("args", "closest"),
    [
        (["green-transition"], "green-transitions"),
        (options("1000", organisation="kulturnamden"), "kulturnamnden"),
        (options("1000", organisation="Kulturnämnden"), "kulturnamnden"),
    ],
    ids=["project", "organisation", "organisation-by-name"],
)
def test_a_mistyped_id_gets_the_closest_one(
    valid_root: Path, args: list[str], closest: str
) -> None:
    message = assert_one_clear_error(route(valid_root, *args))
    assert message.endswith(f" – menade du '{closest}'?"), message


@pytest.mark.usefixtures("git_isolated")
def test_a_mistyped_id_at_a_revision_gets_the_closest_id_of_that_revision(valid_root: Path) -> None:

    write_project(valid_root, "kulturprojekt")
    Repo(valid_root.parent).commit("Poster")
    (valid_root / "projects" / "kulturprojekt.yaml").unlink()
    result = route(valid_root, "kulturprojek", "--rev", "HEAD")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1].endswith(" – menade du 'kulturprojekt'?")


def test_an_unknown_id_with_nothing_close_gets_no_guess(valid_root: Path) -> None:
    message = assert_one_clear_error(route(valid_root, "nonexistent"))
    assert "menade du" not in message


@pytest.mark.parametrize(
    ("args", "code", "exit_code"),
    [
        (["nonexistent"], "unknown-id", 1),
        (options("12x"), "option-not-an-amount", 1),
        (options("1000", "--currency", "EUR"), "option-rate-missing", 1),
        (["green-transitions", "--budget", "1000"], "facts-with-project", 2),
        ([], "project-or-facts-missing", 2),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else str(value),
)
def test_a_refusal_with_format_json_is_json(
    valid_root: Path, args: list[str], code: str, exit_code: int
) -> None:
    result = route(valid_root, *args, "--format", "json")
    assert result.exit_code == exit_code, result.output
    document = json.loads(result.stdout)
    assert document["ok"] is False
    assert document["refused"]["code"] == code
    assert document["refused"]["message"]
    assert result.stderr == ""


def test_a_refusal_located_in_a_record_lists_its_findings_in_json(valid_root: Path) -> None:
    path = write_project(valid_root, "broken", extra="budget_owner: Anna\n")
    result = route(valid_root, "broken", "--format", "json")
    assert result.exit_code == 1
    refused = json.loads(result.stdout)["refused"]
    assert refused["code"] == "record-has-errors"
    assert [(f["file"], f["code"]) for f in refused["findings"]] == [(str(path), "unknown-key")]


def test_project_naming_an_unknown_organisation(valid_root: Path) -> None:
    write_project(valid_root, "orphan", organisation="nedlagda-namnden")
    message = assert_one_clear_error(route(valid_root, "orphan"))
    assert "nedlagda-namnden" in message


def test_broken_project_record_prints_its_findings(valid_root: Path) -> None:
    path = write_project(valid_root, "broken", extra="budget_owner: Anna\n")
    line = path.read_text(encoding="utf-8").splitlines().index("budget_owner: Anna") + 1
    for reference in ("broken", str(path)):
        result = route(valid_root, reference)
        message = assert_one_clear_error(result)
        assert str(path) in message
        findings = result.stderr.strip().splitlines()[:-1]
        assert findings == [f"{path}:{line}:1: error unknown-key okänt fält 'budget_owner'"]


def test_malformed_project_yaml_is_located(valid_root: Path) -> None:
    path = valid_root / "projects" / "garbled.yaml"
    path.write_text("schema_version: 1\nid: garbled\ntitle: [oavslutad\n", encoding="utf-8")
    result = route(valid_root, "garbled")
    assert_one_clear_error(result)
    assert re.search(rf"^{re.escape(str(path))}:\d+:\d+: error ", result.stderr, re.MULTILINE)


@pytest.mark.parametrize("form", ["project", "options"])
def test_broken_policy_record_stops_routing(valid_root: Path, form: str) -> None:
    path = valid_root / "policy" / "policy-2016.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, "threshold: 12000000"]) + "\n", encoding="utf-8")
    args = ["green-transitions"] if form == "project" else options("1000")
    result = route(valid_root, *args)
    assert_one_clear_error(result)
    assert f"{path}:{len(lines) + 1}:1: error unknown-key" in result.stderr


def test_broken_organisation_of_the_project_stops_routing(valid_root: Path) -> None:
    path = valid_root / "organisations" / "kulturnamnden.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "kind_of: nämnd\n", encoding="utf-8")
    result = route(valid_root, "green-transitions")
    assert_one_clear_error(result)
    assert f"{path}:" in result.stderr


UNRELATED_BREAKAGE = {
    "report": ("reports/2024/kulturnamnden.yaml", "schema_version: 1\norganisation: [\n"),
    "other project": ("projects/other.yaml", "schema_version: 1\nid: other\nbogus: true\n"),
    "other organisation": ("organisations/malmo-stadshus-ab.yaml", "\x00\x01 not yaml"),
    "network": ("networks/eurocities.yaml", "- just\n- a list\n"),
    "twin city": ("twin-cities/tallinn.yaml", "!!python/object:os.system {}\n"),
    "stray file": ("projects/notes.txt", "kom ihåg att ringa EU-samordnaren"),
}


@pytest.mark.parametrize("breakage", sorted(UNRELATED_BREAKAGE))
@pytest.mark.parametrize("form", ["project", "options"])
def test_unrelated_broken_record_does_not_stop_routing(
    valid_root: Path, breakage: str, form: str
) -> None:
    rel, text = UNRELATED_BREAKAGE[breakage]
    (valid_root / rel).write_text(text, encoding="utf-8")
    args = ["green-transitions"] if form == "project" else options("1000")
    result = route(valid_root, *args)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


# --- usage errors: exit 2 ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--budget", "1000"],
        ["--organisation", "kulturnamnden"],
        ["--currency", "EUR", "--rate", "11"],
        ["green-transitions", "--budget", "1000"],
        ["green-transitions", "--organisation", "kulturnamnden"],
        ["green-transitions", "--rate", "11.2"],
    ],
    ids=lambda value: " ".join(value) or "nothing",
)
def test_missing_or_conflicting_facts_exit_2(valid_root: Path, args: list[str]) -> None:
    assert_one_clear_error(route(valid_root, *args), code=2)


@pytest.mark.parametrize(
    "args",
    [
        ["--currency", "EUR"],
        ["--rate-date", "2024-09-01"],
        ["--rate-source", "InforEuro"],
        ["--role", "partner"],
        ["--not-eu"],
    ],
    ids=lambda value: " ".join(value),
)
def test_fact_options_with_a_project_are_not_silently_ignored(
    valid_root: Path, args: list[str]
) -> None:
    """`route-project green-transitions --not-eu` must not print the recorded route as if the
    option had been applied: like --budget, these facts conflict with the record."""
    assert_one_clear_error(route(valid_root, "green-transitions", *args), code=2)


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (options("1000", "--role", "projektagare"), "--role"),
        (options("1000", "--format", "xml"), "--format"),
        (["green-transitions", "--format", "markdown"], "--format"),
    ],
)
def test_bad_choice_exits_2(valid_root: Path, args: list[str], option: str) -> None:
    result = route(valid_root, *args)
    assert result.exit_code == 2
    assert option in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_missing_data_root_exits_2(tmp_path: Path) -> None:
    result = route(tmp_path / "nowhere", "green-transitions")
    assert_one_clear_error(result, code=2)


# --- formats: the registry of renderers is the --format option ---------------------------------


def test_the_format_choices_are_the_renderers() -> None:
    from intlpolicy.reports.route_output import RENDERERS

    result = invoke("route-project", "--help")
    assert result.exit_code == 0
    assert f"--format <{'|'.join(RENDERERS)}>" in result.stdout


@pytest.mark.parametrize("name", ["text", "json"])
def test_each_format_prints_its_renderer_on_the_service_answer(valid_root: Path, name: str) -> None:
    from intlpolicy.reports.route_output import RENDERERS
    from intlpolicy.services.route import RouteRequest, route_application

    answer = route_application(RouteRequest("green-transitions", valid_root, "data", TODAY))
    result = route(valid_root, "green-transitions", "--format", name)
    assert result.exit_code == 0, result.output
    assert result.stdout == RENDERERS[name](answer)


# --- the text a handläggare reads ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (options("15687000"), "Informationsärende till kommunstyrelsen"),
        (options("5000000"), "Information via EU-nätverket"),
        (options("5000000", "--not-eu"), "Rutinen gäller inte"),
    ],
)
def test_swedish_route_names(valid_root: Path, args: list[str], name: str) -> None:
    result = route(valid_root, *args)
    assert result.exit_code == 0, result.output
    assert f"Väg:             {name}\n" in result.stdout
    for code in ("ks_information", "eu_network", "not_applicable"):
        assert code not in result.stdout


def test_text_shows_the_arithmetic_in_swedish_numbers(valid_root: Path) -> None:
    result = route(
        valid_root,
        *options("1366000", "--currency", "EUR", "--rate", "11.4845", "--rate-source", "InforEuro"),
    )
    assert (
        "1 366 000 EUR × 11,4845 SEK/EUR (InforEuro; kursens datum inte angivet) = 15 687 827 kr"
        in flat(result.stdout)
    )
    assert "15 687 827 kr ≥ 12 000 000 kr (tröskelvärdet)" in result.stdout


def test_text_keeps_oren(valid_root: Path) -> None:
    result = route(valid_root, *options("11 999 999,99"))
    assert "11 999 999,99 kr < 12 000 000 kr" in result.stdout


def test_text_names_the_policy_version(valid_root: Path) -> None:
    result = route(valid_root, "green-transitions")
    assert (
        "Policy för Malmö stads internationella arbete (STK-2015-1008), gäller från 2024-08-29 "
        "(planerat datum enligt beslutsplaneringen)" in flat(result.stdout)
    )


@pytest.mark.parametrize(
    ("budget", "near"),
    [
        ("10800000", True),  # exactly 10 % below
        ("10799999.99", False),
        ("13200000", True),  # exactly 10 % above
        ("13200000.01", False),
        ("5000000", False),
    ],
)
def test_near_threshold_warning(valid_root: Path, budget: str, near: bool) -> None:
    assert route_json(valid_root, *options(budget))["near_threshold"] is near
    result = route(valid_root, *options(budget))
    assert ("Observera:" in result.stdout) is near
    if near:
        assert "10 %" in result.stdout


def test_near_threshold_warning_on_the_ks_route_does_not_say_ks_is_optional(
    valid_root: Path,
) -> None:
    """At 12 000 000 kr the informationsärende is required; the warning must not tell the
    handläggare to inform KS 'även om det inte krävs'."""
    result = route(valid_root, *options("12000000"))
    assert "Informationsärende till kommunstyrelsen" in result.stdout
    assert "Observera:" in result.stdout
    assert "inte krävs" not in result.stdout


def test_example_project_says_exempeldata(valid_root: Path) -> None:
    write_project(valid_root, "illustration", example=True)
    result = route(valid_root, "illustration")
    assert result.exit_code == 0, result.output
    assert "exempeldata" in result.stdout.lower()
    assert route_json(valid_root, "illustration")["example"] is True


def test_real_project_does_not_say_exempeldata(valid_root: Path) -> None:
    result = route(valid_root, "green-transitions")
    assert "exempeldata" not in result.stdout.lower()
    assert route_json(valid_root, "green-transitions")["example"] is False


@pytest.mark.parametrize(
    ("notices", "phrase", "recorded", "before"),
    [
        (
            "{ks_information: {date: 2024-09-10, diary_number: KS-2024-00123}}",
            "2024-09-10.",
            True,
            True,
        ),
        # "ärendet" is neuter: registrerat
        ("{}", "inte registrerat", False, None),
        # an EU-network notice does not satisfy the KS route
        ("{eu_network: {date: 2024-09-02}}", "inte registrerat", False, None),
        (
            "{ks_information: {date: 2024-09-20, diary_number: KS-2024-00200}}",
            "efter att ansökan lämnades",
            True,
            False,
        ),
    ],
    ids=["recorded", "missing", "wrong-route", "after-submission"],
)
def test_notice_status(
    valid_root: Path, notices: str, phrase: str, recorded: bool, before: bool | None
) -> None:
    write_project(valid_root, "noticed", notices=notices)
    result = route(valid_root, "noticed")
    assert result.exit_code == 0, result.output
    notice_line = flat(result.stdout).split("Anmälan:", 1)[1]
    assert phrase in notice_line
    assert "registrera" in notice_line
    notice = route_json(valid_root, "noticed")["notice"]
    assert notice["required"] == "ks_information"
    assert notice["recorded"] is recorded
    assert notice["before_submission"] is before


def test_eu_network_notice_recorded(valid_root: Path) -> None:
    result = route(valid_root, "green-transitions")
    assert "Anmälan:         Information via EU-nätverket registrerad 2024-09-02." in (
        result.stdout
    )


def test_no_notice_line_when_the_routine_does_not_apply(valid_root: Path) -> None:
    result = route(valid_root, *options("5000000", "--not-eu"))
    assert "Anmälan:" not in result.stdout


# --- the policy's words apart from the city's practice --------------------------------------


def test_json_carries_the_basis_and_the_practice_it_assumed(valid_root: Path) -> None:
    document = route_json(valid_root, *options("11999999.99"))
    assert document["basis"]["kind"] == "policy"
    assert document["basis"]["sentence_key"] == "eu-network"
    assert "understiger 12 miljoner kronor" in document["basis"]["sentence"]
    codes = [item["code"] for item in document["assumptions"]]
    assert codes == ["total-budget-whole-project", "near-threshold", "notice-before-submission"]
    assert all(item["text"] for item in document["assumptions"])
    # Every key of the contract is still there.
    assert {"route", "reason_code", "near_threshold", "notice", "conversion"} <= set(document)


def test_text_labels_every_practice_rule_it_used(valid_root: Path) -> None:
    text = flat(route(valid_root, *options("11999999.99")).stdout)
    assert "Policyns ord: »För EU-projekt som understiger 12 miljoner kronor" in text
    assert "inom 10 % av tröskelvärdet" in text
    assert "(stadens tillämpning, inte policyns ord)" in text
    assert "Stadens tillämpning, inte policyns ord: totalbudgeten är hela projektets" in text
    assert "Beslutsdag" not in text and "Avgörande datum:" in text
    assert "near-threshold" not in text and "total-budget" not in text  # no codes in Swedish


def practice_text(root: Path, code: str) -> str:
    """A practice rule's `text` as its file has it."""
    lines = (root / "practice" / f"{code}.yaml").read_text(encoding="utf-8").splitlines()
    return next(line.removeprefix("text: ") for line in lines if line.startswith("text: "))


@pytest.mark.parametrize("budget", ["15000000", "5000000"], ids=["ks", "eu-network"])
def test_the_notice_timing_is_said_once_as_practice(valid_root: Path, budget: str) -> None:
    """The policy says which notice, not when (the seed has no timing): the timing is the
    practice rule's own sentence, said once and labelled, and nothing says otherwise."""
    timing = practice_text(valid_root, "notice-before-submission")
    assert "senast samma dag som ansökan" in timing
    text = flat(route(valid_root, *options(budget)).stdout)
    assert text.count("senast samma dag") == 1
    assert f"Stadens tillämpning, inte policyns ord: {timing}" in text
    assert "innan" not in text and "före ansökan" not in text
    notice = text.split("Anmälan:", 1)[1].split("Tillämpning:", 1)[0]
    assert "Policyn anger inte när anmälan lämnas; stadens tillämpning" in notice


def test_without_the_timing_practice_no_timing_is_said(valid_root: Path) -> None:
    rule = valid_root / "practice" / "notice-before-submission.yaml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("enabled: true", "enabled: false"))
    text = flat(route(valid_root, *options("15000000")).stdout)
    assert "Anmälan: Policyn anger inte när anmälan lämnas." in text
    assert "senast" not in text and "innan" not in text and "tillämpning om tidpunkten" not in text


def test_a_switched_off_practice_rule_is_neither_applied_nor_labelled(valid_root: Path) -> None:
    rule = valid_root / "practice" / "near-threshold.yaml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("enabled: true", "enabled: false"))
    document = route_json(valid_root, *options("11999999.99"))
    assert document["near_threshold"] is False
    assert "near-threshold" not in [item["code"] for item in document["assumptions"]]
    assert "inom 10 %" not in route(valid_root, *options("11999999.99")).stdout


def test_the_planned_in_force_date_is_said_near_the_boundary(valid_root: Path) -> None:
    text = flat(route(valid_root, *options("5000000", "--date", "2024-08-20")).stdout)
    assert "planerat datum enligt beslutsplaneringen" in text
    far = route_json(valid_root, *options("5000000", "--date", "2025-06-01"))
    assert "planned-in-force-date" not in [item["code"] for item in far["assumptions"]]
    near = route_json(valid_root, *options("5000000", "--date", "2024-08-20"))
    assert near["basis"] == {
        "kind": "practice",
        "code": "planned-in-force-date",
        "text": near["assumptions"][0]["text"],
    }


def test_a_rate_without_currency_advises_currency(valid_root: Path) -> None:
    result = route(valid_root, *options("1050000", "--rate", "11.4845"))
    assert result.exit_code == 1
    assert "--currency EUR" in result.stderr
    assert "ta bort" not in result.stderr
    # An explicit SEK with a rate is still told to drop the rate.
    explicit = route(valid_root, *options("1050000", "--currency", "SEK", "--rate", "11.4845"))
    assert explicit.exit_code == 1
    assert "ta bort --rate" in explicit.stderr


# --- two policy versions in force from the same day --------------------------------------------


def test_a_tie_refuses_only_the_deciding_dates_it_covers(valid_root: Path) -> None:
    """A tie between versions no longer in force on the deciding date does not matter; a
    what-if date inside the tied versions' time does."""
    tie_policy(valid_root, "policy-2016")  # superseded by policy-2024 on 2024-08-29
    assert route_json(valid_root, "green-transitions")["route"] == "eu_network"
    refused = route(valid_root, "green-transitions", "--date", "2020-01-01")
    assert refused.exit_code == 1, refused.output
    assert refused.stdout == ""
    assert refused.stderr == (
        "intlpolicy: policyversionerna policy-2016 och policy-2016-kopia gäller från samma "
        "dag, 2016-11-02; det går inte att avgöra vilken som gäller (rätta fältet "
        "in_force_from, se intlpolicy validate)\n"
    )
