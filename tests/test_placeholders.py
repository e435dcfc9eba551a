"""A fix's placeholder (NAMN, DIARIENUMMER …) left as a record's value: `placeholder-left`.

Each case writes one placeholder into a text field of a real record of the valid fixture and
looks at the located finding: one, at the value's line, column and path.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO_DATA, TODAY, VALID_TODAY, edit
from intlpolicy.checks.fixes import PLACEHOLDERS
from intlpolicy.findings import Finding, Severity
from intlpolicy.loading.placeholders import placeholder_issues
from intlpolicy.loading.records import Source
from intlpolicy.services.validate import validate_data_root

PROJECT = "projects/green-transitions.yaml"
COMMITTEE = "organisations/kulturnamnden.yaml"
REPORT = "reports/2024/kulturnamnden.yaml"
POLICY = "policy/policy-2024.yaml"
NOTICE = "  eu_network: {date: 2024-09-02}\n"

# (placeholder, file, text replaced, its replacement, the value's path)
CASES = [
    ("NAMN", COMMITTEE, "name: Bertil Berg", "name: NAMN", "eu_network_contacts[1].name"),
    (
        "DIARIENUMMER",
        PROJECT,
        NOTICE,
        NOTICE + "  ks_information: {date: 2024-09-02, diary_number: DIARIENUMMER}\n",
        "notices.ks_information.diary_number",
    ),
    ("KÄLLA", PROJECT, "source: InforEuro", "source: KÄLLA", "total_budget.exchange_rate.source"),
    ("E-POST", PROJECT, "name: Københavns Kommune", "name: E-POST", "partners[0].name"),
    (
        "KURS",
        PROJECT,
        "programme: Interreg Öresund-Kattegat-Skagerrak",
        "programme: KURS",
        "funding.programme",
    ),
    (
        "KÄLLA",
        "practice/rate-source.yaml",
        "  source: InforEuro",
        "  source: KÄLLA",
        "parameters.source",
    ),
    ("DATUM", REPORT, "title: Green Transitions", "title: DATUM", "activities[1].title"),
    (
        "DIARIENUMMER",
        POLICY,
        "diary_number: STK-2015-1008",
        "diary_number: DIARIENUMMER",
        "diary_number",
    ),
]


def _findings(root: Path) -> list[Finding]:
    return validate_data_root(root, VALID_TODAY).findings


def _position(root: Path, rel: str, value: str) -> tuple[int, int]:
    """Line and column (1-based) of the last `value` in the file: the value written."""
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    for number in range(len(lines), 0, -1):
        column = lines[number - 1].rfind(f": {value}")
        if column >= 0:
            return number, column + 3
    raise AssertionError(f"{value} not in {rel}")


def test_every_placeholder_is_a_case() -> None:
    assert {placeholder for placeholder, *_ in CASES} == set(PLACEHOLDERS)


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_a_placeholder_left_in_a_text_field_is_one_error_at_its_value(
    valid_root: Path, case: tuple[str, str, str, str, str]
) -> None:
    placeholder, rel, old, new, path = case
    edit(valid_root / rel, old, new)
    findings = _findings(valid_root)
    at_value = [f for f in findings if f.file == str(valid_root / rel) and f.path == path]
    assert len(at_value) == 1, findings
    finding = at_value[0]
    assert finding.code == "placeholder-left"
    assert finding.severity is Severity.ERROR
    assert (finding.line, finding.column) == _position(valid_root, rel, placeholder)
    meaning = PLACEHOLDERS[placeholder]
    assert (
        finding.message
        == f"platshållaren {placeholder} ({meaning}) står kvar; skriv det riktiga värdet"
    )
    assert [f for f in findings if f.code == "placeholder-left"] == [finding]


def test_every_placeholder_of_a_record_is_found(valid_root: Path) -> None:
    edit(valid_root / COMMITTEE, "name: Anna Andersson", "name: NAMN")
    edit(valid_root / COMMITTEE, "name: Bertil Berg", "name: NAMN")
    paths = [f.path for f in _findings(valid_root) if f.code == "placeholder-left"]
    assert paths == ["eu_network_contacts[0].name", "eu_network_contacts[1].name"]


@pytest.mark.parametrize(
    "value", ["NAMN på projektet", "namn", "Diarienummer", "'NAMN '", "KS-2024-DIARIENUMMER"]
)
def test_a_placeholder_word_inside_a_longer_text_is_no_finding(
    valid_root: Path, value: str
) -> None:
    edit(valid_root / PROJECT, "title: Green Transitions in the Öresund Region", f"title: {value}")
    assert _findings(valid_root) == []


def test_the_path_names_the_keys_the_yaml_writes() -> None:
    source = Source("x.yaml", "data/x.yaml", "x")
    data = {"from": "x", "parts": [{"from": "NAMN"}, {"to": "NAMN på x"}], "n": 1}
    found = placeholder_issues(source, data, repr(data))
    assert [(i.code, i.params["placeholder"], i.path) for i in found] == [
        ("placeholder-left", "NAMN", ("parts", 0, "from"))
    ]


def test_a_warm_run_finds_it_as_the_cold_run_did(
    valid_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The finding is a fact of the file: kept with it in the per-file cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(valid_root.parent / "xdg"))
    edit(valid_root / COMMITTEE, "name: Bertil Berg", "name: NAMN")
    cold = validate_data_root(valid_root, VALID_TODAY, cached=True).findings
    warm = validate_data_root(valid_root, VALID_TODAY, cached=True).findings
    assert [f.code for f in cold] == ["placeholder-left"] and warm == cold


# A placeholder where the schema wants a date, an e-mail address or a rate: (file, text replaced,
# its replacement, the schema's code, the path).
SCHEMA_CASES = [
    (
        PROJECT,
        "eu_network: {date: 2024-09-02}",
        "eu_network: {date: DATUM}",
        "invalid-date",
        "notices.eu_network.date",
    ),
    (
        COMMITTEE,
        "email: bertil.berg@malmo.se",
        "email: E-POST",
        "invalid-email",
        "eu_network_contacts[1].email",
    ),
    (PROJECT, "rate: 11.4845", "rate: KURS", "invalid-amount", "total_budget.exchange_rate.rate"),
]


@pytest.mark.parametrize("case", SCHEMA_CASES, ids=[c[3] for c in SCHEMA_CASES])
def test_a_placeholder_the_schema_refuses_is_one_finding(
    valid_root: Path, case: tuple[str, str, str, str, str]
) -> None:
    rel, old, new, code, path = case
    edit(valid_root / rel, old, new)
    findings = _findings(valid_root)
    assert [(f.code, f.path) for f in findings] == [(code, path)]


def test_a_placeholder_source_is_not_also_another_source(valid_root: Path) -> None:
    edit(valid_root / PROJECT, "source: InforEuro", "source: KÄLLA")
    codes = [f.code for f in _findings(valid_root) if f.path.endswith("source")]
    assert codes == ["placeholder-left"]


def test_the_embedded_data_has_no_placeholder() -> None:
    findings = validate_data_root(REPO_DATA, TODAY).findings
    assert [f for f in findings if f.code == "placeholder-left"] == []
