"""`history`: the commits that changed a record and the fields each changed.

The repositories are built in tmp_path with fixed names, e-mails and dates.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import get_args

import pytest

from conftest import Repo, edit, invoke
from intlpolicy.loading.changes import FieldChange, diff_values
from intlpolicy.reports.history_output import RENDERERS, change_line, value_text
from intlpolicy.services.history import record_history
from intlpolicy.vocabulary import HistoryFormat

pytestmark = pytest.mark.usefixtures("git_isolated")
PROJECT = "projects/green-transitions.yaml"
RENAMED = "projects/green-transitions-oresund.yaml"


@pytest.fixture
def story(valid_root: Path) -> tuple[Repo, dict[str, str]]:
    """A project's life: created, revised, an unrelated commit, renamed, broken, repaired."""
    repo = Repo(valid_root.parent)
    root = valid_root
    project = root / PROJECT
    edit(project, "decision: granted\n  decided: 2024-12-10", "decision: pending\n  decided: null")
    ids = {"created": repo.commit("Lägg in posterna")}
    edit(project, "amount: 950000\n", "amount: 1100000\n")
    edit(project, "decision: pending\n  decided: null", "decision: granted\n  decided: 2024-12-10")
    edit(project, "country: DK}\n", "country: DK}\n  - {name: Aarhus Kommune, country: DK}\n")
    edit(
        project,
        "  eu_network: {date: 2024-09-02}\n",
        "  eu_network: {date: 2024-09-02}\n  ks_information: {date: 2024-09-03, "
        "diary_number: KS-2024-00123}\n",
    )
    ids["revised"] = repo.commit("Budgeten reviderad efter ny partner", author="Bertil Berg")
    edit(root / "organisations" / "kulturnamnden.yaml", "Kulturförvaltningen", "Kulturförv.")
    ids["unrelated"] = repo.commit("Kortare förvaltningsnamn")
    repo.git("mv", f"data/{PROJECT}", f"data/{RENAMED}")
    edit(root / RENAMED, "id: green-transitions\n", "id: green-transitions-oresund\n")
    ids["renamed"] = repo.commit("Byt id på projektet")
    edit(root / RENAMED, "role: owner\n", "role: owner\nfocus_areas: [\n")
    ids["broken"] = repo.commit("Halvfärdig ändring")
    edit(root / RENAMED, "role: owner\nfocus_areas: [\n", "role: owner\n")
    edit(root / RENAMED, "  ks_information: {date: 2024-09-03, diary_number: KS-2024-00123}\n", "")
    ids["repaired"] = repo.commit("Rätta filen")
    return repo, ids


# --- comparing values ---------------------------------------------------------------------------


def test_diff_reports_nested_changes_as_dotted_paths() -> None:
    old = {"total_budget": {"amount": 950000, "currency": "EUR"}, "notices": {"ks": {"d": "x"}}}
    new = {"total_budget": {"amount": 1100000, "currency": "EUR"}, "notices": {}}
    assert diff_values(old, new) == [
        FieldChange("total_budget.amount", 950000, 1100000),
        FieldChange("notices.ks", {"d": "x"}, None, "removed"),
    ]


def test_diff_matches_list_items_instead_of_shifting_indexes() -> None:
    a, b, c = ({"name": n, "country": "DK"} for n in ("A", "B", "C"))
    assert diff_values({"p": [a, b]}, {"p": [a, b, c]}) == [FieldChange("p[2]", None, c, "added")]
    assert diff_values({"p": [a, b, c]}, {"p": [b, c]}) == [FieldChange("p[0]", a, None, "removed")]
    changed = {"name": "B", "country": "SE"}
    assert diff_values({"p": [a, b, c]}, {"p": [a, changed, c]}) == [
        FieldChange("p[1].country", "DK", "SE")
    ]


def test_diff_sees_changed_text_and_type_but_not_equal_values() -> None:
    assert diff_values({"a": Decimal("11.4845")}, {"a": Decimal("11.4845")}) == []
    assert diff_values({"a": 950000}, {"a": Decimal("950000.00")}) == [
        FieldChange("a", 950000, Decimal("950000.00"))
    ]
    assert diff_values({"a": Decimal("1.0")}, {"a": Decimal("1.00")}) != []
    assert diff_values({"a": 1}, {"a": True}) == [FieldChange("a", 1, True)]
    assert diff_values({"a": 12}, {"a": "12"}) == [FieldChange("a", 12, "12")]
    assert diff_values({"a": None}, {"a": "2024-12-10"}) == [FieldChange("a", None, "2024-12-10")]
    assert diff_values({"a": [1]}, {"a": "x"}) == [FieldChange("a", [1], "x")]


@pytest.mark.parametrize(
    ("change", "line"),
    [
        (FieldChange("a", 950000, Decimal("950000.00")), "a: 950000 → 950000.00"),
        (FieldChange("a", None, "2024-12-10"), "a: null → 2024-12-10"),
        (FieldChange("a", 12, "12"), 'a: 12 → "12"'),
        (FieldChange("p[2]", None, {"name": "C"}, "added"), "p[2]: tillagt {name: C}"),
        (FieldChange("p[2]", None, None, "added"), "p[2]: tillagt null"),
        (FieldChange("notices.ks", {"d": "x"}, None, "removed"), "notices.ks: borttaget"),
    ],
)
def test_a_change_is_shown_as_yaml_text(change: FieldChange, line: str) -> None:
    assert change_line(change) == line


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("Kulturnämnden", "Kulturnämnden"),
        ("2024-09-01", "2024-09-01"),
        ("true", '"true"'),
        ("12", '"12"'),
        ("", '""'),
        ("null", '"null"'),
        ("Malmö: stad", '"Malmö: stad"'),
        ("rad ett\nrad två", '"rad ett\\nrad två"'),
        (Decimal("11.4845"), "11.4845"),
        (False, "false"),
        (None, "null"),
        ({"name": "Malmö, Sverige", "year": 2024}, '{name: "Malmö, Sverige", year: 2024}'),
        (["a", "b c"], "[a, b c]"),
    ],
)
def test_yaml_text_reads_back_as_the_same_value(value: object, text: str) -> None:
    assert value_text(value) == text


# --- the history of a record --------------------------------------------------------------------


def test_history_lists_the_commits_newest_first_across_a_rename(
    story: tuple[Repo, dict[str, str]],
) -> None:
    repo, ids = story
    root = repo.top / "data"
    history = record_history(root, "data", "green-transitions-oresund")
    assert [e.commit for e in history.entries] == [
        ids[k] for k in ("repaired", "broken", "renamed", "revised", "created")
    ]
    assert [e.status for e in history.entries] == [
        "changed",
        "changed",
        "renamed",
        "changed",
        "created",
    ]
    repaired, broken, renamed, revised, created = history.entries
    assert repaired.compared_with_earlier
    ks = {"date": "2024-09-03", "diary_number": "KS-2024-00123"}
    assert repaired.changes == [FieldChange("notices.ks_information", ks, None, "removed")]
    assert broken.problem is not None and broken.problem.startswith("kunde inte läsas: rad ")
    assert renamed.old_path == f"data/{PROJECT}" and renamed.path == f"data/{RENAMED}"
    assert renamed.changes == [FieldChange("id", "green-transitions", "green-transitions-oresund")]
    assert revised.author == "Bertil Berg"
    assert revised.date == "2024-05-02T09:00:00+02:00"
    assert revised.subject == "Budgeten reviderad efter ny partner"
    assert revised.changes == [
        FieldChange("total_budget.amount", 950000, 1100000),
        FieldChange("application.decision", "pending", "granted"),
        FieldChange("application.decided", None, "2024-12-10"),
        FieldChange("partners[1]", None, {"name": "Aarhus Kommune", "country": "DK"}, "added"),
        FieldChange("notices.ks_information", None, ks, "added"),
    ]
    assert created.author == "Åsa Berg"
    assert FieldChange("id", None, "green-transitions", "added") in created.changes
    assert not history.uncommitted


def test_history_text_is_swedish_for_a_case_officer(story: tuple[Repo, dict[str, str]]) -> None:
    repo, ids = story
    result = invoke("history", "green-transitions-oresund", "--data", str(repo.top / "data"))
    assert result.exit_code == 0, result.output
    text = result.stdout
    root = str(repo.top / "data")
    assert text.startswith(f"Historik för {root}/{RENAMED} (5 incheckningar, nyast först)\n")
    short = repo.git("rev-parse", "--short", ids["revised"]).strip()
    assert f"{short}  2024-05-02  Bertil Berg: Budgeten reviderad efter ny partner\n" in text
    for line in (
        "  ändrade fält:",
        "    total_budget.amount: 950000 → 1100000",
        "    application.decision: pending → granted",
        "    partners[1]: tillagt {name: Aarhus Kommune, country: DK}",
        "    notices.ks_information: borttaget",
        f"  flyttad från {root}/{PROJECT}",
        "    id: green-transitions → green-transitions-oresund",
        "  skapad (15 fält)",
        "  (förra versionen kunde inte läsas; jämfört med senast läsbara)",
    ):
        assert line + "\n" in text, line
    assert "  kunde inte läsas: rad " in text
    assert "Kortare förvaltningsnamn" not in text


def test_history_json_has_one_object_per_commit(
    story: tuple[Repo, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, ids = story
    args = ("history", "green-transitions-oresund", "--data", "data", "--format", "json")
    monkeypatch.chdir(repo.top)
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    entries = json.loads(result.stdout)
    assert [e["commit"] for e in entries][::-1] == [
        ids[k] for k in ("created", "revised", "renamed", "broken", "repaired")
    ]
    for entry in entries:
        assert set(entry) == {
            "commit",
            "date",
            "author",
            "subject",
            "path",
            "status",
            "old_path",
            "problem",
            "note",
            "changes",
            "example",
        }
        assert entry["example"] is False
    revised = entries[3]
    assert revised["path"] == f"data/{PROJECT}"
    assert {"path": "total_budget.amount", "old": "950000", "new": "1100000"} in revised["changes"]
    assert {"path": "application.decided", "old": "null", "new": "2024-12-10"} in revised["changes"]
    assert entries[1]["changes"] == [] and entries[1]["problem"].startswith("kunde inte läsas")
    assert entries[2]["old_path"] == f"data/{PROJECT}"


def test_history_of_example_data_says_exempeldata(valid_root: Path) -> None:
    # Marked as an example once, later not: every output of its history still says so.
    repo = Repo(valid_root.parent)
    project = valid_root / PROJECT
    edit(project, "schema_version: 1\n", "schema_version: 1\nexample: true\n")
    repo.commit("Exempelprojekt")
    edit(project, "schema_version: 1\nexample: true\n", "schema_version: 1\n")
    repo.commit("Inte längre ett exempel")
    text = invoke("history", "green-transitions", "--data", str(valid_root)).stdout
    assert text.startswith(
        "OBS: exempeldata – projektet är ett illustrativt exempel, inte ett verkligt.\n"
        f"Historik för {valid_root}/{PROJECT} (2 incheckningar"
    )
    result = invoke("history", "green-transitions", "--data", str(valid_root), "--format", "json")
    assert [entry["example"] for entry in json.loads(result.stdout)] == [True, True]
    report = invoke("history", "2024/kulturnamnden", "--data", str(valid_root)).stdout
    assert "exempeldata" not in report


def test_history_of_a_deleted_record(story: tuple[Repo, dict[str, str]]) -> None:
    repo, _ = story
    root = repo.top / "data"
    (root / RENAMED).unlink()
    deleted = repo.commit("Projektet drogs tillbaka")
    history = record_history(root, str(root), "green-transitions-oresund")
    assert history.entries[0].commit == deleted
    assert history.entries[0].status == "deleted"
    result = invoke("history", "green-transitions-oresund", "--data", str(root))
    assert "Projektet drogs tillbaka\n  borttagen\n" in result.stdout


def test_history_by_report_key_and_by_path(story: tuple[Repo, dict[str, str]]) -> None:
    repo, ids = story
    root = repo.top / "data"
    report = invoke("history", "2024/kulturnamnden", "--data", str(root))
    assert report.exit_code == 0, report.output
    assert "Lägg in posterna\n  skapad (6 fält)\n" in report.stdout
    organisation = record_history(root, str(root), str(root / "organisations/kulturnamnden.yaml"))
    assert [e.commit for e in organisation.entries] == [ids["unrelated"], ids["created"]]
    assert organisation.entries[0].changes == [
        FieldChange("administration", "Kulturförvaltningen", "Kulturförv.")
    ]
    by_id = record_history(root, str(root), "kulturnamnden")
    assert by_id.entries == organisation.entries


def test_history_notes_uncommitted_changes(story: tuple[Repo, dict[str, str]]) -> None:
    repo, _ = story
    root = repo.top / "data"
    edit(root / "policy" / "policy-2024.yaml", "schema_version: 1", "schema_version: 1\n# utkast")
    result = invoke("history", "policy-2024", "--data", str(root))
    assert "Obs: arbetskopian har ändringar" in result.stdout


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (
            "green-transitions-oresnd",
            "posten 'green-transitions-oresnd' finns inte: ingen fil "
            "green-transitions-oresnd.yaml i policy/, organisations/, projects/, networks/, "
            "twin-cities/, compiled-reports/, practice/ vare sig i arbetskopian eller i "
            "git-historiken"
            " – menade du 'green-transitions-oresund'?",
        ),
        (
            "2024/kulturnamden",
            "posten '2024/kulturnamden' finns inte: ingen fil kulturnamden.yaml i "
            "reports/2024/ vare sig i arbetskopian eller i git-historiken"
            " – menade du '2024/kulturnamnden'?",
        ),
    ],
)
def test_an_unknown_record_suggests_the_closest(
    story: tuple[Repo, dict[str, str]], record: str, message: str
) -> None:
    repo, _ = story
    result = invoke("history", record, "--data", repo.top / "data")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"intlpolicy: {message}\n"


def test_a_file_without_history_is_refused(story: tuple[Repo, dict[str, str]]) -> None:
    repo, _ = story
    missing = repo.top / "data" / "projects" / "finns-inte.yaml"
    result = invoke("history", missing, "--data", repo.top / "data")
    assert result.exit_code == 1
    assert result.stderr == (
        f"intlpolicy: filen '{missing}' finns inte, och git har ingen historik för den\n"
    )


def test_a_json_history_reports_a_refusal_as_json(story: tuple[Repo, dict[str, str]]) -> None:
    repo, _ = story
    args = ("history", "2023/kulturnamnden", "--data", repo.top / "data", "--format", "json")
    result = invoke(*args)
    assert result.exit_code == 1
    assert result.stderr == ""
    document = json.loads(result.stdout)
    assert document["ok"] is False
    assert document["refused"]["code"] == "unknown-id"
    assert document["refused"]["message"].startswith("posten '2023/kulturnamnden' finns inte")


def test_history_outside_git_exits_1(valid_root: Path) -> None:
    result = invoke("history", "green-transitions", "--data", valid_root, "--format", "json")
    assert result.exit_code == 1
    refused = json.loads(result.stdout)["refused"]
    assert refused["code"] == "git-no-repository"
    assert refused["message"].startswith(f"datamappen '{valid_root}' ligger inte i ett git-förråd")


def test_a_path_outside_the_repository_exits_1(
    story: tuple[Repo, dict[str, str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    repo, _ = story
    elsewhere = tmp_path_factory.mktemp("annan") / "x.yaml"
    elsewhere.write_text("id: x\n", encoding="utf-8")
    result = invoke("history", elsewhere, "--data", repo.top / "data")
    assert result.exit_code == 1
    assert result.stderr == (
        f"intlpolicy: filen '{elsewhere}' ligger utanför git-förrådet {repo.top}\n"
    )


def test_an_id_of_two_records_is_refused(story: tuple[Repo, dict[str, str]]) -> None:
    repo, _ = story
    twin = repo.top / "data" / "twin-cities" / "eurocities.yaml"
    twin.write_text("id: eurocities\n", encoding="utf-8")
    result = invoke("history", "eurocities", "--data", repo.top / "data")
    assert result.exit_code == 1
    assert result.stderr == (
        "intlpolicy: 'eurocities' är flera poster (data/networks/eurocities.yaml, "
        "data/twin-cities/eurocities.yaml); ange sökvägen till filen\n"
    )


def test_the_format_choices_are_the_renderers() -> None:
    assert tuple(RENDERERS) == get_args(HistoryFormat)


# --- a shallow clone ----------------------------------------------------------------------------


def test_a_shallow_clone_does_not_call_its_oldest_commit_the_creation(
    story: tuple[Repo, dict[str, str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    repo, ids = story
    clone = tmp_path_factory.mktemp("klon") / "grund"
    repo.git("clone", "-q", "--depth", "3", f"file://{repo.top}", str(clone))
    root = clone / "data"
    text = invoke("history", "green-transitions-oresund", "--data", root)
    assert text.exit_code == 0, text.output
    oldest = text.stdout.split("\n\n")[-1]
    assert oldest.startswith(ids["renamed"][:7])  # the graft: its parent was not fetched
    assert "skapad" not in text.stdout
    assert "historiken är avkortad: förrådet är en grund klon (shallow clone)" in oldest
    assert "git fetch --unshallow" in oldest
    result = invoke("history", "green-transitions-oresund", "--data", root, "--format", "json")
    entries = json.loads(result.stdout)
    assert [e["commit"] for e in entries] == [ids[k] for k in ("repaired", "broken", "renamed")]
    assert [e["status"] for e in entries] == ["changed", "changed", "truncated"]
    assert entries[-1]["changes"] == []
    assert "git fetch --unshallow" in entries[-1]["note"]
    assert entries[0]["note"] is None


def test_a_record_created_after_the_graft_is_still_created(
    story: tuple[Repo, dict[str, str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    repo, _ = story
    clone = tmp_path_factory.mktemp("klon") / "grund"
    repo.git("clone", "-q", "--depth", "1", f"file://{repo.top}", str(clone))
    whole = invoke("history", "green-transitions-oresund", "--data", clone / "data")
    assert "historiken är avkortad" in whole.stdout
    (clone / "data" / "projects" / "ny.yaml").write_text("id: ny\n", encoding="utf-8")
    Repo(clone).commit("Nytt projekt")  # `git init` again leaves the clone as it is
    result = invoke("history", "ny", "--data", clone / "data", "--format", "json")
    assert [e["status"] for e in json.loads(result.stdout)] == ["created"]
