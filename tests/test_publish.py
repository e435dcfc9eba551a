"""`intlpolicy publish`: the lists of networks and twin cities for the city's website."""

from __future__ import annotations

import json
import re
import textwrap
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import Result

from conftest import REPO_DATA, TODAY, invoke
from intlpolicy.publication import published_networks, published_twin_cities
from intlpolicy.services.publish import PublishRefused, PublishRequest, build_publication
from intlpolicy.services.validate import Source, validate_data_root

SCRIPT = "<script>alert(1)</script>"
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
LISTS = ("networks", "twin-cities")
FORMATS = ("html", "json")
NETWORK_KEYS = ["id", "name", "url", "member_since", "participants"]
PARTICIPANT_KEYS = ["organisation", "organisation_id", "role", "role_title"]
TWIN_CITY_KEYS = ["id", "city", "country", "country_name", "since", "agreement", "agreement_title"]


def publish(root: Path, which: str, output_format: str, *extra: str) -> Result:
    return invoke("publish", which, "--format", output_format, "--data", str(root), *extra)


def published(root: Path, which: str, output_format: str) -> str:
    result = publish(root, which, output_format)
    assert result.exit_code == 0, result.output
    return result.stdout


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def twin_city(root: Path, ident: str, city: str, country: str, since: int = 1990) -> None:
    write(
        root,
        f"twin-cities/{ident}.yaml",
        f"""\
        schema_version: 1
        id: {ident}
        city: "{city}"
        country: {country}
        since: {since}
        agreement: twin_city
        """,
    )


@pytest.fixture
def root(valid_root: Path) -> Path:
    """The valid fixture (whose kulturnamnden has two EU-network contacts, Anna Andersson and
    Bertil Berg) plus twin cities and networks that test order, escaping and membership."""
    twin_city(valid_root, "zagreb", "Zagreb", "HR")
    twin_city(valid_root, "angelholm", "Ängelholm", "SE")
    twin_city(valid_root, "abo", "Åbo", "FI")
    twin_city(valid_root, "oslo", "Oslo", "NO")
    twin_city(valid_root, "orebro", "Örebro", "SE")
    twin_city(valid_root, "markup", f"Stad {SCRIPT}", "DE")
    write(
        valid_root,
        "twin-cities/chieti.yaml",
        """\
        schema_version: 1
        id: chieti
        city: Provinsen Chieti
        country: IT
        since: 2001
        agreement: special_cooperation
        """,
    )
    write(
        valid_root,
        "networks/alpha-network.yaml",
        f"""\
        schema_version: 1
        id: alpha-network
        name: "Alfa {SCRIPT} & co"
        url: "https://example.org/?a=1&b=2"
        member_since: 2010
        participants:
          - {{organisation: kulturnamnden, role: board, from: 2020-01-01, to: null,
              source: "Nätverkets styrelselista 2020"}}
          - {{organisation: malmo-stadshus-ab, role: observer, from: 2020-01-01, to: null,
              source: "Bolagets styrelseprotokoll 2020-01-15"}}
          - {{organisation: revisorskollegiet, role: member, from: 2020-01-01, to: null}}
        """,
    )
    write(
        valid_root,
        "networks/former-network.yaml",
        """\
        schema_version: 1
        id: former-network
        name: Före detta nätverket
        url: https://former.example
        member_since: 1999
        participants:
          - {organisation: kulturnamnden, role: member, from: 1999-01-01, to: 2020-12-31}
        """,
    )
    write(
        valid_root,
        "networks/oresund-network.yaml",
        """\
        schema_version: 1
        id: oresund-network
        name: Öresundsnätverket
        """,
    )
    return valid_root


def test_fixture_root_has_no_errors(root: Path) -> None:
    result = validate_data_root(root, TODAY)
    assert result.errors == []


# --- the embedded data ------------------------------------------------------------------------


@pytest.mark.parametrize("which", LISTS)
@pytest.mark.parametrize("output_format", FORMATS)
def test_embedded_data_publishes(which: str, output_format: str) -> None:
    text = published(REPO_DATA, which, output_format)
    assert text.endswith("\n")
    if output_format == "json":
        assert isinstance(json.loads(text), list)
    else:
        assert text.startswith("<section ")
        assert text.rstrip().endswith("</section>")


def test_embedded_networks_html() -> None:
    html = published(REPO_DATA, "networks", "html")
    assert "<h2>Internationella nätverk</h2>" in html
    eurocities = (
        '<li><a href="https://eurocities.eu">Eurocities</a>. Malmö stad är medlem sedan 1997.</li>'
    )
    assert eurocities in html
    # No source backs any participant in the embedded data, and no year for Baltic Metropoles.
    assert "Från staden deltar" not in html
    assert '<li><a href="https://www.balticmetropoles.org">Baltic Metropoles</a></li>' in html
    assert html.count("Covenant of Mayors") == 1
    names = re.findall(r'<a href="[^"]+">([^<]+)</a>', html)
    assert names == [
        "Baltic Metropoles",
        "Borgmästaravtalet (Covenant of Mayors)",
        "Eurocities",
        "ICLEI – Local Governments for Sustainability",
        "Union of the Baltic Cities",
    ]


def test_embedded_twin_cities_json() -> None:
    cities = json.loads(published(REPO_DATA, "twin-cities", "json"))
    tallinn = next(city for city in cities if city["id"] == "tallinn")
    assert tallinn == {
        "id": "tallinn",
        "city": "Tallinn",
        "country": "EE",
        "country_name": "Estland",
        "since": 1989,
        "agreement": "twin_city",
        "agreement_title": "vänort",
    }
    assert {city["id"] for city in cities} >= {"vasa", "varna", "chieti", "newcastle"}


# --- order, content, keys ---------------------------------------------------------------------


def test_twin_cities_in_swedish_order(root: Path) -> None:
    cities = [city["city"] for city in json.loads(published(root, "twin-cities", "json"))]
    assert cities == [
        "Oslo",
        "Provinsen Chieti",
        "Stad " + SCRIPT,
        "Tallinn",
        "Zagreb",
        "Åbo",
        "Ängelholm",
        "Örebro",
    ]
    twins = published(root, "twin-cities", "html").split("<h3>")[0]
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>', twins)
    assert rows.index("Zagreb") < rows.index("Ängelholm")
    assert rows[-4:] == ["Zagreb", "Åbo", "Ängelholm", "Örebro"]


def test_twin_cities_html_groups_special_agreements(root: Path) -> None:
    html = published(root, "twin-cities", "html")
    assert html.startswith('<section class="intlpolicy-list intlpolicy-twin-cities" lang="sv">')
    assert "<h2>Vänorter</h2>" in html
    twins, special = html.split("<h3>Särskilda samarbetsavtal</h3>")
    assert "Provinsen Chieti" in special
    assert "Provinsen Chieti" not in twins
    assert '<tr><th scope="row">Zagreb</th><td>Kroatien</td>' in twins
    assert html.count("<caption>") == 2
    assert 'scope="col"' in html
    assert "style=" not in html


def test_networks_in_swedish_order_and_only_current(root: Path) -> None:
    networks = json.loads(published(root, "networks", "json"))
    assert [n["id"] for n in networks] == ["alpha-network", "eurocities", "oresund-network"]
    alpha = networks[0]
    assert list(alpha) == NETWORK_KEYS
    assert alpha["participants"] == [
        {
            "organisation": "Kulturnämnden",
            "organisation_id": "kulturnamnden",
            "role": "board",
            "role_title": "styrelseledamot",
        },
        {
            "organisation": "Malmö Stadshus AB",
            "organisation_id": "malmo-stadshus-ab",
            "role": "observer",
            "role_title": "observatör",
        },
    ]
    oresund = networks[2]
    assert oresund == {
        "id": "oresund-network",
        "name": "Öresundsnätverket",
        "url": None,
        "member_since": None,
        "participants": [],
    }
    html = published(root, "networks", "html")
    assert "Före detta" not in html
    assert "<li>Öresundsnätverket</li>" in html
    # A committee is lower case mid-sentence; a company keeps its name.
    assert (
        "</a>. Malmö stad är medlem sedan 2010. Från staden deltar kulturnämnden "
        "(styrelseledamot) och Malmö Stadshus AB (observatör).</li>"
    ) in html


def test_only_participants_with_a_source_are_published(root: Path) -> None:
    """Revisorskollegiet is recorded in alpha-network without a source; eurocities's only
    participant has none either: neither is published, and no participant line is written."""
    networks = {n["id"]: n for n in json.loads(published(root, "networks", "json"))}
    assert [p["organisation_id"] for p in networks["alpha-network"]["participants"]] == [
        "kulturnamnden",
        "malmo-stadshus-ab",
    ]
    assert networks["eurocities"]["participants"] == []
    html = published(root, "networks", "html")
    assert "Revisorskollegiet" not in html
    eurocities = next(line for line in html.splitlines() if "eurocities.eu" in line)
    assert eurocities == (
        '<li><a href="https://eurocities.eu">Eurocities</a>. Malmö stad är medlem sedan 1997.</li>'
    )


def test_json_keys_are_stable(root: Path) -> None:
    for network in json.loads(published(root, "networks", "json")):
        assert list(network) == NETWORK_KEYS
        for participant in network["participants"]:
            assert list(participant) == PARTICIPANT_KEYS
    for city in json.loads(published(root, "twin-cities", "json")):
        assert list(city) == TWIN_CITY_KEYS


def test_json_keeps_non_ascii_text(root: Path) -> None:
    text = published(root, "twin-cities", "json")
    assert '"city": "Ängelholm"' in text
    assert "\\u" not in text


# --- escaping and personal data ---------------------------------------------------------------


def test_html_is_escaped(root: Path) -> None:
    networks = published(root, "networks", "html")
    cities = published(root, "twin-cities", "html")
    for html in (networks, cities):
        assert SCRIPT not in html
        assert "<script" not in html
        assert ESCAPED_SCRIPT in html
    assert f'<a href="https://example.org/?a=1&amp;b=2">Alfa {ESCAPED_SCRIPT} &amp; co</a>' in (
        networks
    )


def test_json_carries_the_text_as_written(root: Path) -> None:
    networks = json.loads(published(root, "networks", "json"))
    assert networks[0]["name"] == f"Alfa {SCRIPT} & co"
    assert networks[0]["url"] == "https://example.org/?a=1&b=2"


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.unbalanced: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1] == tag:
            self.open.pop()
        else:
            self.unbalanced.append(tag)


@pytest.mark.parametrize("which", LISTS)
def test_html_fragment_is_balanced(root: Path, which: str) -> None:
    parser = Tags()
    parser.feed(published(root, which, "html"))
    assert parser.open == []
    assert parser.unbalanced == []


@pytest.mark.parametrize("which", LISTS)
@pytest.mark.parametrize("output_format", FORMATS)
def test_no_personal_data(root: Path, which: str, output_format: str) -> None:
    contacts = (root / "organisations/kulturnamnden.yaml").read_text(encoding="utf-8")
    for person in ("Anna Andersson", "Bertil Berg", "anna.andersson@malmo.se"):
        assert person in contacts  # the fixture does have contact persons
    text = published(root, which, output_format)
    for person in ("Anna Andersson", "Bertil Berg", "Andersson", "Berg", "malmo.se", "@"):
        assert person not in text


# --- the library ------------------------------------------------------------------------------


def test_library_lists(root: Path) -> None:
    records = validate_data_root(root, TODAY).records
    assert [n.id for n in published_networks(records, TODAY)] == [
        "alpha-network",
        "eurocities",
        "oresund-network",
    ]
    # On a day when the former membership was still current, it is listed.
    assert "former-network" in [n.id for n in published_networks(records, date(2015, 6, 1))]
    assert [c.id for c in published_twin_cities(records)][-3:] == ["abo", "angelholm", "orebro"]


def test_library_refuses_on_errors(root: Path) -> None:
    write(root, "twin-cities/tartu.yaml", "schema_version: 1\nid: tartu\nmayor: okänd\n")
    with pytest.raises(PublishRefused) as refused:
        build_publication(PublishRequest(Source(root, "data"), "twin-cities", TODAY))
    assert refused.value.findings
    assert all(f.severity.value == "error" for f in refused.value.findings)


# --- output file and exit codes ---------------------------------------------------------------


@pytest.mark.parametrize("output_format", FORMATS)
def test_output_file_is_written_atomically(root: Path, tmp_path: Path, output_format: str) -> None:
    target = tmp_path / "out" / f"vanorter.{output_format}"
    target.parent.mkdir()
    target.write_text("old content\n", encoding="utf-8")
    result = publish(root, "twin-cities", output_format, "--output", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert str(target) in result.stderr
    assert target.read_text(encoding="utf-8") == published(root, "twin-cities", output_format)
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no temp files


def test_an_output_suffix_that_names_no_format_is_refused(root: Path, tmp_path: Path) -> None:
    """Never HTML in a file named .xlsx: one line, exit 2, no file; .json means json."""
    target = tmp_path / "natverk.xlsx"
    result = invoke("publish", "networks", "--data", str(root), "--output", str(target))
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "intlpolicy: --output: filändelsen .xlsx anger inget format; använd .html, .htm eller "
        ".json\n"
    )
    assert not target.exists()
    target = tmp_path / "natverk.json"
    written = invoke("publish", "networks", "--data", str(root), "--output", str(target))
    assert written.exit_code == 0, written.output
    assert target.read_text(encoding="utf-8") == published(root, "networks", "json")


def test_output_into_a_missing_folder_exits_1(root: Path, tmp_path: Path) -> None:
    result = publish(root, "networks", "html", "--output", str(tmp_path / "nowhere" / "n.html"))
    assert result.exit_code == 1
    assert "finns inte" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("which", LISTS)
def test_errors_in_records_exit_1_and_leave_the_output_alone(
    root: Path, tmp_path: Path, which: str
) -> None:
    write(root, "twin-cities/tartu.yaml", "schema_version: 1\nid: tartu\nmayor: okänd\n")
    target = tmp_path / "published.html"
    target.write_text("published before\n", encoding="utf-8")
    result = publish(root, which, "html", "--output", str(target))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "tartu.yaml" in result.stderr
    assert "unknown-key" in result.stderr
    assert "listan publicerades inte" in result.stderr
    assert "Traceback" not in result.output
    assert target.read_text(encoding="utf-8") == "published before\n"


def test_a_refusal_of_json_is_json(root: Path) -> None:
    write(root, "twin-cities/tartu.yaml", "schema_version: 1\nid: tartu\nmayor: okänd\n")
    result = publish(root, "twin-cities", "json")
    assert result.exit_code == 1
    refused = json.loads(result.stdout)["refused"]
    assert json.loads(result.stdout)["ok"] is False
    assert refused["code"] == "publish-records-invalid"
    assert refused["message"].startswith("listan publicerades inte")
    assert "5 fel" in refused["message"]
    assert {(f["record"], f["code"]) for f in refused["findings"]} >= {("tartu", "unknown-key")}
    assert len(refused["findings"]) == 5
    assert result.stderr == ""


def test_warnings_do_not_stop_publishing(root: Path) -> None:
    # On TODAY the fixture lacks the 2025 report: a warning, not an error.
    result = validate_data_root(root, TODAY)
    assert result.warnings
    assert publish(root, "networks", "json").exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ("publish",),
        ("publish", "embassies"),
        ("publish", "networks", "--format", "pdf"),
        ("publish", "networks", "--data", "/nonexistent/intlpolicy-data"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_publish_has_help() -> None:
    result = invoke("publish", "--help")
    assert result.exit_code == 0
    assert "twin-cities" in result.output
    assert "--format" in result.output
    assert "--output" in result.output


def test_a_template_beside_the_data_root_overrides(root: Path) -> None:
    write(root.parent, "templates/networks.html.j2", "{{ items | length }} nätverk\n")
    assert published(root, "networks", "html") == "3 nätverk\n"


def test_a_broken_override_template_exits_1_with_its_file_and_line(root: Path) -> None:
    write(root.parent, "templates/twin-cities.html.j2", "<p>\n{{ items[0].no_such_field }}</p>\n")
    result = publish(root, "twin-cities", "html")
    assert result.exit_code == 1
    assert "twin-cities.html.j2, rad 2" in result.stderr
    assert "Traceback" not in result.output
