"""`intlpolicy init`: a new records repository that validates, with working hooks and jobs."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
import yaml

from conftest import TODAY, invoke
from intlpolicy.models import KINDS
from intlpolicy.services import init_examples
from intlpolicy.services.validate import validate_data_root


@pytest.fixture
def git_identity(git_isolated: None, monkeypatch: pytest.MonkeyPatch) -> None:
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Åsa Berg")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "asa.berg@example.org")


def _init(target: Path, *options: str) -> str:
    result = invoke("init", target, *options)
    assert result.exit_code == 0, result.output
    return result.output


def _git(top: Path, *args: str) -> str:
    import subprocess

    return subprocess.run(
        ["git", "-C", str(top), *args], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize("base", ["malmo", "blank"])
def test_a_new_repository_validates_clean_and_is_committed(
    tmp_path: Path, git_identity: None, base: str
) -> None:
    top = tmp_path / "poster"
    output = _init(top, "--from", base)
    assert "git: första commit" in output
    assert _git(top, "status", "--porcelain") == ""  # everything is in the first commit
    assert len(_git(top, "log", "--format=%h").split()) == 1
    for kind in KINDS:
        assert (top / "data" / kind.folder).is_dir(), kind.folder
    result = invoke("validate", "--data", top / "data")
    assert result.exit_code == 0, result.output
    assert ", 0 fel" in result.output


def test_malmo_brings_the_policy_in_force_the_organisations_and_the_practice(
    tmp_path: Path, git_isolated: None
) -> None:
    top = tmp_path / "poster"
    _init(top)
    data = top / "data"
    assert sorted(p.name for p in (data / "policy").glob("*.yaml")) == ["policy-2024.yaml"]
    repo_data = Path(__file__).resolve().parent.parent / "data"
    for folder in ("organisations", "practice"):
        names = sorted(p.name for p in (repo_data / folder).glob("*.yaml"))
        assert sorted(p.name for p in (data / folder).glob("*.yaml")) == names
    kultur = "organisations/kulturnamnden.yaml"
    assert (data / kultur).read_bytes() == (repo_data / kultur).read_bytes()  # comments kept
    assert not list((data / "projects").glob("*.yaml"))


def test_blank_has_one_example_of_each_kind_and_nothing_to_warn(
    tmp_path: Path, git_isolated: None
) -> None:
    top = tmp_path / "poster"
    _init(top, "--from", "blank")
    result = validate_data_root(top / "data", TODAY)
    assert result.findings == []
    kinds = {
        "policy",
        "organisations",
        "projects",
        "reports",
        "networks",
        "twin-cities",
    }
    files = sorted((top / "data").rglob("*.yaml"))
    assert {path.relative_to(top / "data").parts[0] for path in files} == kinds
    assert len(files) == len(kinds)
    for path in files:
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["example"] is True, path
    assert "example: true" in (top / "README.md").read_text(encoding="utf-8")


def test_a_real_record_that_refers_to_an_example_is_warned(
    tmp_path: Path, git_isolated: None
) -> None:
    top = tmp_path / "poster"
    _init(top, "--from", "blank")
    example = top / "data" / "projects" / "exempelprojekt.yaml"
    real = example.read_text(encoding="utf-8").replace("example: true", "example: false")
    (top / "data" / "projects" / "riktigt.yaml").write_text(
        real.replace("id: exempelprojekt", "id: riktigt"), encoding="utf-8"
    )
    warnings = validate_data_root(top / "data", TODAY).warnings
    found = sorted((w.code, w.path, w.file.rsplit("/", 1)[-1]) for w in warnings)
    assert found == [
        ("example-reference", "", "riktigt.yaml"),  # decided under the example policy
        ("example-reference", "organisation", "riktigt.yaml"),
    ]
    assert any("exempelnamnden" in w.message and "exempeldata" in w.message for w in warnings)


def _hooks(top: Path) -> list[dict[str, object]]:
    config = yaml.safe_load((top / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return [hook for repo in config["repos"] for hook in repo["hooks"]]


@pytest.mark.parametrize("base", ["malmo", "blank"])
def test_the_pre_commit_hooks_run_real_commands_that_pass(
    tmp_path: Path, git_isolated: None, monkeypatch: pytest.MonkeyPatch, base: str
) -> None:
    """validate exits 0 and fmt --check finds every file in the canonical layout."""
    top = tmp_path / "poster"
    _init(top, "--from", base)
    hooks = _hooks(top)
    assert [hook["id"] for hook in hooks] == ["intlpolicy-validate", "intlpolicy-fmt"]
    monkeypatch.chdir(top)
    for hook in hooks:
        assert hook["files"] == "^data/" and hook["pass_filenames"] is False
        program, command, *args = shlex.split(str(hook["entry"]))
        assert program == "intlpolicy", hook["entry"]
        result = invoke(command, *args)  # an unknown command would exit 2
        assert result.exit_code == 0, (hook["entry"], result.output)


def test_the_ci_jobs_run_the_same_commands(tmp_path: Path, git_isolated: None) -> None:
    top = tmp_path / "poster"
    _init(top)
    entries = [str(hook["entry"]) for hook in _hooks(top)]
    github = yaml.safe_load((top / ".github" / "workflows" / "records.yml").read_text())
    runs = [step["run"] for step in github["jobs"]["validate"]["steps"] if "run" in step]
    gitlab = yaml.safe_load((top / ".gitlab-ci.yml").read_text())["validate-records"]
    for entry in entries:
        assert entry in runs
        assert any(line.startswith(entry) for line in gitlab["script"])
    assert any(run.startswith("pip install") for run in runs)


def test_the_editor_settings_name_every_schema_and_folder(
    tmp_path: Path, git_isolated: None
) -> None:
    top = tmp_path / "poster"
    _init(top, "--from", "blank")
    settings = json.loads((top / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    schemas = settings["yaml.schemas"]
    assert len(schemas) == len(KINDS)
    for schema, pattern in schemas.items():
        assert (top / schema).is_file(), schema
        assert (top / pattern).parent.name in {k.folder for k in KINDS} | {"*"}
    matched = {path for pattern in schemas.values() for path in top.glob(pattern)}
    assert matched == set((top / "data").rglob("*.yaml"))


def test_a_folder_that_is_not_empty_is_refused_and_left_alone(tmp_path: Path) -> None:
    top = tmp_path / "poster"
    top.mkdir()
    (top / "anteckning.txt").write_text("min text")
    result = invoke("init", top)
    assert result.exit_code == 1, result.output
    assert "finns redan och är inte tom" in result.output
    assert [p.name for p in top.iterdir()] == ["anteckning.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["poster"]  # no temporary left


def test_a_file_in_the_way_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "poster"
    target.write_text("x")
    result = invoke("init", target)
    assert result.exit_code == 1 and "ingen mapp" in result.output, result.output
    assert target.read_text() == "x"


def test_an_empty_folder_is_used(tmp_path: Path, git_identity: None) -> None:
    top = tmp_path / "tom"
    top.mkdir()
    _init(top, "--from", "blank")
    assert (top / "data" / "policy" / "exempelpolicy.yaml").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tom"]


def test_without_a_git_identity_the_folder_is_made_without_a_commit(
    tmp_path: Path, git_isolated: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("NAME", "EMAIL"):
        for role in ("AUTHOR", "COMMITTER"):
            monkeypatch.delenv(f"GIT_{role}_{name}", raising=False)
    monkeypatch.setenv("EMAIL", "")
    top = tmp_path / "poster"
    output = _init(top)
    assert "git: ingen commit" in output and "första commiten" in output
    assert (top / "README.md").is_file()


def test_without_git_the_folder_is_still_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "ingen-git"))
    top = tmp_path / "poster"
    output = _init(top, "--from", "blank")
    assert "git är inte installerat" in output
    assert not (top / ".git").exists()
    assert validate_data_root(top / "data", TODAY).findings == []


def test_every_reference_of_a_real_record_to_an_example_is_warned(
    tmp_path: Path, git_isolated: None
) -> None:
    top = tmp_path / "poster"
    _init(top, "--from", "blank")
    data = top / "data"
    for rel in ("reports/2025/exempelnamnden.yaml", "networks/exempelnatverket.yaml"):
        path = data / rel
        path.write_text(path.read_text().replace("example: true", "example: false"))
    warnings = validate_data_root(data, TODAY).warnings
    # The report's network is real now: no warning for it; the others are still examples.
    assert sorted((w.code, w.record, w.path) for w in warnings) == [
        ("example-reference", "2025/exempelnamnden", "activities[0].projects[0]"),
        ("example-reference", "2025/exempelnamnden", "activities[0].twin_cities[0]"),
        ("example-reference", "2025/exempelnamnden", "organisation"),
        ("example-reference", "exempelnatverket", "participants[0].organisation"),
    ]


def test_the_examples_have_the_current_schema_version(monkeypatch: pytest.MonkeyPatch) -> None:
    # The version comes from models/migrations.py, not a literal 1 in each example.
    monkeypatch.setattr(init_examples, "CURRENT_SCHEMA_VERSION", 7)
    records = init_examples.example_records(TODAY)
    assert len(records) == 6  # one of each kind but the compiled report and practice
    assert {yaml.safe_load(text)["schema_version"] for text in records.values()} == {7}
