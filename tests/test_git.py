"""Reading a data root from a git revision (`--rev`), and the data's provenance.

Each test builds a throw-away repository with fixed names, e-mails and dates, holding a copy of
tests/fixtures/valid in a `data/` sub-folder.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import VALID_TODAY, Repo, edit, invoke, run_on
from intlpolicy.errors import Refused
from intlpolicy.loading.files import DiskReader
from intlpolicy.loading.git import (
    GitCommandFailed,
    GitError,
    GitReader,
    Provenance,
    provenance,
    run_git,
)

PROJECT = "projects/green-transitions.yaml"


@pytest.fixture(autouse=True)
def isolated(git_isolated: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Git isolated from the machine's configuration; the valid fixture's quiet day."""
    run_on(monkeypatch, VALID_TODAY)


@pytest.fixture
def repo(valid_root: Path) -> Repo:
    """A repository at tmp_path whose first commit holds the valid data root in `data/`."""
    repository = Repo(valid_root.parent)
    (repository.top / "README.md").write_text("Malmö stads poster\n", encoding="utf-8")
    repository.commit("Lägg in posterna")
    return repository


def snapshot(repository: Repo) -> tuple[bytes, int, str, dict[str, bytes]]:
    """The index (bytes and mtime), `git status` and every work-tree file."""
    index = repository.top / ".git" / "index"
    files = {
        str(p.relative_to(repository.top)): p.read_bytes()
        for p in sorted(repository.top.rglob("*"))
        if p.is_file() and ".git" not in p.parts
    }
    status = repository.git("status", "--porcelain", "--ignored", "--untracked-files=all")
    return index.read_bytes(), index.stat().st_mtime_ns, status, files


# --- the reader ---------------------------------------------------------------------------------


def test_reader_at_head_lists_and_reads_what_the_disk_holds(repo: Repo) -> None:
    root = repo.top / "data"
    (root / "projects" / ".utkast.yaml").write_text("id: x\n", encoding="utf-8")
    repo.commit("Ett dolt utkast")
    disk = DiskReader(root)
    with GitReader(root, "HEAD") as reader:
        assert reader.listing() == disk.listing()
        for rel in disk.listing().files:
            assert reader.size(rel) == disk.size(rel)
            assert reader.read_bytes(rel) == disk.read_bytes(rel)
            assert reader.read_text(rel) == disk.read_text(rel)
        assert reader.read_text("projects/finns-inte.yaml") is None
        with pytest.raises(FileNotFoundError):
            reader.size("projects/finns-inte.yaml")


def test_reader_works_when_the_data_root_is_the_repository_top(valid_root: Path) -> None:
    repository = Repo(valid_root)
    repository.commit("Posterna")
    with GitReader(valid_root, "main") as reader:
        assert reader.repository.prefix == ""
        assert reader.listing() == DiskReader(valid_root).listing()


def test_reader_takes_a_tag_and_a_commit_id(repo: Repo) -> None:
    root = repo.top / "data"
    repo.git("tag", "v1")
    edit(root / PROJECT, "amount: 950000", "amount: 1100000")
    repo.commit("Ny budget")
    first = repo.git("rev-parse", "HEAD~1").strip()
    for rev in ("v1", first, first[:10]):
        with GitReader(root, rev) as reader:
            assert reader.commit == first
            assert "amount: 950000" in (reader.read_text(PROJECT) or "")


# --- validate --rev -----------------------------------------------------------------------------


def test_validate_rev_head_ignores_an_error_in_the_work_tree(repo: Repo) -> None:
    root = repo.top / "data"
    edit(root / PROJECT, "role: owner", "role: owner\nbogus: 1")
    assert invoke("validate", "--data", str(root)).exit_code == 1
    result = invoke("validate", "--data", str(root), "--rev", "HEAD")
    assert result.exit_code == 0, result.output
    assert "16 poster, 0 fel, 0 varningar" in result.stdout
    assert "git-revisionen HEAD" in result.stderr


def test_validate_rev_finds_an_error_only_in_an_older_revision(repo: Repo) -> None:
    root = repo.top / "data"
    edit(root / PROJECT, "role: owner\n", "role: owner\nbudget_note: ny\n")
    repo.commit("Fel fält")
    edit(root / PROJECT, "budget_note: ny\n", "")
    repo.commit("Rätta fältet")
    assert invoke("validate", "--data", str(root)).exit_code == 0
    result = invoke("validate", "--data", str(root), "--rev", "HEAD~1", "--format", "json")
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)["errors"]
    assert finding["code"] == "unknown-key"
    assert finding["file"] == os.path.join(str(root), "projects", "green-transitions.yaml")
    assert (finding["line"], finding["column"]) == (6, 1)
    text = invoke("validate", "--data", str(root), "--rev", "HEAD~1", "--format", "text")
    assert f"{root}/{PROJECT}:6:1: error unknown-key" in text.stdout


def test_rev_leaves_the_work_tree_and_the_index_untouched(repo: Repo) -> None:
    root = repo.top / "data"
    edit(root / PROJECT, "amount: 950000", "amount: 1100000")
    repo.commit("Ny budget")
    edit(root / PROJECT, "role: owner", "role: partner")  # unstaged
    (root / "projects" / "staged.yaml").write_text("id: staged\n", encoding="utf-8")
    repo.git("add", "data/projects/staged.yaml")
    (root / "projects" / "untracked.yaml").write_text("id: untracked\n", encoding="utf-8")
    before = snapshot(repo)
    assert invoke("validate", "--data", str(root), "--rev", "HEAD~1").exit_code == 0
    route = ("route-project", "green-transitions", "--data", str(root), "--rev", "HEAD~1")
    assert invoke(*route).exit_code == 0
    assert snapshot(repo) == before


def _cat_file_children() -> list[str]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == os.getpid() and b"cat-file" in command:
            children.append(stat.parent.name)
    return children


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_no_git_process_is_left_behind(repo: Repo) -> None:
    assert invoke("validate", "--data", str(repo.top / "data"), "--rev", "HEAD").exit_code == 0
    gc.collect()
    assert _cat_file_children() == []
    reader = GitReader(repo.top / "data", "HEAD")
    reader.read_bytes(PROJECT)
    assert len(_cat_file_children()) == 1  # one process for all files, kept while reading
    reader.read_bytes("policy/policy-2024.yaml")
    assert len(_cat_file_children()) == 1
    reader.close()
    assert _cat_file_children() == []


def test_route_project_rev_gives_the_route_before_the_budget_changed(repo: Repo) -> None:
    root = repo.top / "data"
    edit(root / PROJECT, "amount: 950000", "amount: 1100000")
    repo.commit("Budgeten reviderad")
    args = ("route-project", "green-transitions", "--data", str(root), "--format", "json")
    now = invoke(*args)
    before = invoke(*args, "--rev", "HEAD~1")
    assert now.exit_code == 0 and before.exit_code == 0, before.output
    assert json.loads(now.stdout)["route"] == "ks_information"
    old = json.loads(before.stdout)
    assert old["route"] == "eu_network"
    assert old["total_budget_sek"] == "10910275.0000"


def test_route_project_rev_reads_a_project_given_as_a_path(repo: Repo) -> None:
    root = repo.top / "data"
    edit(root / PROJECT, "amount: 950000", "amount: 1100000")
    repo.commit("Budgeten reviderad")
    path = str(root / PROJECT)
    result = invoke(
        "route-project", path, "--data", str(root), "--rev", "HEAD~1", "--format", "json"
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["route"] == "eu_network"
    outside = invoke(
        "route-project", str(repo.top / "elsewhere.yaml"), "--data", str(root), "--rev", "HEAD"
    )
    assert outside.exit_code == 1
    assert "finns inte i datamappen" in outside.stderr


def test_route_project_rev_from_options_uses_the_old_organisations(repo: Repo) -> None:
    root = repo.top / "data"
    (root / "organisations" / "kulturnamnden.yaml").unlink()
    repo.commit("Nämnden upphör")
    args = ("route-project", "--budget", "5000000", "--organisation", "kulturnamnden")
    assert invoke(*args, "--data", str(root)).exit_code == 1
    assert invoke(*args, "--data", str(root), "--rev", "HEAD~1").exit_code == 0


def test_a_data_root_renamed_since_the_revision_is_still_read(repo: Repo) -> None:
    repo.git("mv", "data", "poster")
    repo.commit("Byt namn på mappen")
    result = invoke("validate", "--data", str(repo.top / "data"), "--rev", "HEAD~1")
    assert result.exit_code == 0, result.output
    assert "16 poster" in result.stdout


# --- errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize("rev", ["finns-inte", "HEAD~5", "0123456789abcdef", "--all"])
def test_a_revision_that_does_not_exist_exits_1(repo: Repo, rev: str) -> None:
    result = invoke("validate", "--data", str(repo.top / "data"), f"--rev={rev}")
    assert result.exit_code == 1
    assert f"'{rev}'" in result.stderr
    assert "Traceback" not in result.output


def test_a_data_root_outside_git_exits_1(valid_root: Path) -> None:
    for command in (["validate"], ["route-project", "green-transitions"]):
        result = invoke(*command, "--data", str(valid_root), "--rev", "HEAD")
        assert result.exit_code == 1
        assert "ligger inte i ett git-förråd" in result.stderr


def test_a_data_root_missing_at_the_revision_exits_1(tmp_path: Path) -> None:
    repository = Repo(tmp_path)
    (tmp_path / "README.md").write_text("tomt\n", encoding="utf-8")
    repository.commit("Början")
    shutil.copytree(Path(__file__).parent / "fixtures" / "valid", tmp_path / "data")
    repository.commit("Posterna")
    result = invoke("validate", "--data", str(tmp_path / "data"), "--rev", "HEAD~1")
    assert result.exit_code == 1
    assert "finns inte i revisionen HEAD~1" in result.stderr
    readme = invoke("validate", "--data", str(tmp_path / "README.md"), "--rev", "HEAD")
    assert readme.exit_code == 1
    assert "är ingen mapp" in readme.stderr


def test_git_not_installed_exits_1(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = repo.top.parent / "tom-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = invoke("validate", "--data", str(repo.top / "data"), "--rev", "HEAD")
    assert result.exit_code == 1
    assert "git är inte installerat" in result.stderr


def test_library_errors_are_git_errors(repo: Repo) -> None:
    with pytest.raises(GitError) as refused:
        GitReader(repo.top / "data", "ingen-sådan-gren")
    assert isinstance(refused.value, Refused)
    assert refused.value.code == "git-unknown-revision"
    assert refused.value.message == (
        f"revisionen 'ingen-sådan-gren' finns inte i git-förrådet {repo.top} "
        "(ange en tagg, gren, commit-id eller t.ex. HEAD~1)"
    )


@pytest.mark.parametrize(
    ("rev", "code"), [("-x", "git-invalid-revision"), ("HEAD~9", "git-unknown-revision")]
)
def test_a_bad_revision_is_refused_with_its_code(repo: Repo, rev: str, code: str) -> None:
    with pytest.raises(GitError) as refused:
        GitReader(repo.top / "data", rev)
    assert refused.value.code == code


def test_a_bad_revision_has_its_code_in_json(repo: Repo) -> None:
    args = ("validate", "--data", repo.top / "data", "--rev", "HEAD~9", "--format", "json")
    result = invoke(*args)
    assert result.exit_code == 1
    assert json.loads(result.stdout)["refused"]["code"] == "git-unknown-revision"


def test_a_failed_git_command_keeps_what_git_said(repo: Repo) -> None:
    with pytest.raises(GitCommandFailed) as refused:
        run_git(repo.top, "cat-file", "-p", "nope")
    assert refused.value.code == "git-command-failed"
    assert refused.value.detail.startswith("fatal: ")
    detail = refused.value.detail
    assert refused.value.message == f"git kunde inte köra 'git cat-file': \"{detail}\""
    with pytest.raises(GitCommandFailed) as log:
        run_git(repo.top, "log", "ingen-sådan-gren")
    assert log.value.message.startswith('git kunde inte läsa historiken: "fatal: ')


def test_git_s_own_words_are_only_a_quoted_detail(valid_root: Path) -> None:
    """git's text (English or not) comes after a Swedish sentence, in quotation marks."""
    result = invoke("validate", "--data", str(valid_root), "--rev", "HEAD")
    message = result.stderr.strip().removeprefix("intlpolicy: ")
    swedish, _, quoted = message.partition(' (git svarade: "')
    assert swedish == f"datamappen '{valid_root}' ligger inte i ett git-förråd"
    assert quoted.startswith("fatal: ") and quoted.endswith('")')


# --- provenance ---------------------------------------------------------------------------------


def test_provenance_of_a_clean_work_tree(repo: Repo) -> None:
    head = repo.git("rev-parse", "HEAD").strip()[:12]
    assert provenance(repo.top / "data") == Provenance(head, False, date(2024, 5, 1))


def test_provenance_names_the_last_commit_that_changed_the_records(repo: Repo) -> None:
    data_commit = repo.git("rev-parse", "HEAD").strip()[:12]
    (repo.top / "README.md").write_text("bara dokumentation\n", encoding="utf-8")
    repo.commit("Ändra bara README")  # committed 2024-05-02; the records' commit is of 05-01
    assert provenance(repo.top / "data") == Provenance(data_commit, False, date(2024, 5, 1))


def test_provenance_is_dirty_when_the_work_tree_differs_under_the_root(repo: Repo) -> None:
    root = repo.top / "data"
    (repo.top / "README.md").write_text("ändrad utanför dataroten\n", encoding="utf-8")
    assert provenance(root).dirty is False
    edit(root / PROJECT, "amount: 950000", "amount: 1100000")
    assert provenance(root).dirty is True
    repo.commit("Ny budget")
    assert provenance(root).dirty is False
    (root / "projects" / "ny.yaml").write_text("id: ny\n", encoding="utf-8")
    assert provenance(root).dirty is True


def test_provenance_at_a_revision_is_never_dirty(repo: Repo) -> None:
    root = repo.top / "data"
    first = repo.git("rev-parse", "HEAD").strip()[:12]
    edit(root / PROJECT, "amount: 950000", "amount: 1100000")
    repo.commit("Ny budget")
    edit(root / PROJECT, "role: owner", "role: partner")
    assert provenance(root, "HEAD~1") == Provenance(first, False, date(2024, 5, 1))
    with pytest.raises(GitError):
        provenance(root, "finns-inte")


def test_provenance_outside_git_is_none(valid_root: Path, tmp_path: Path) -> None:
    assert provenance(valid_root) == Provenance(None, False)
    Repo(tmp_path)  # a repository without any commit yet
    assert provenance(valid_root) == Provenance(None, False)


# --- the yearly report names the data's commit ----------------------------------------------


def test_annual_report_names_the_commit_and_uncommitted_changes(repo: Repo) -> None:
    root = repo.top / "data"
    commit = repo.git("rev-parse", "HEAD").strip()[:12]
    clean = invoke("annual-report", "--year", "2024", "--data", str(root))
    assert clean.exit_code == 0, clean.output
    assert f"Underlag: registret per 2024-05-01 (version {commit})." in clean.stdout
    edit(root / "twin-cities" / "tallinn.yaml", "since: 1989", "since: 1990")
    dirty = invoke("annual-report", "--year", "2024", "--data", str(root))
    basis = f"registret per 2024-05-01 (version {commit}), med ändringar som inte är incheckade."
    assert basis in dirty.stdout


def test_annual_report_rev_reads_the_old_records_and_names_that_commit(repo: Repo) -> None:
    root = repo.top / "data"
    first = repo.git("rev-parse", "HEAD").strip()[:12]
    report = root / "reports" / "2024" / "kulturnamnden.yaml"
    edit(report, "summary:", "summary: Ny text efter inskickandet.\n_old_summary:")
    repo.commit("Ett fel i redovisningen")
    broken = invoke("annual-report", "--year", "2024", "--data", str(root))
    assert broken.exit_code == 1  # the unknown key stops the report at HEAD
    old = invoke("annual-report", "--year", "2024", "--data", str(root), "--rev", "HEAD~1")
    assert old.exit_code == 0, old.output
    assert f"Underlag: registret per 2024-05-01 (version {first})." in old.stdout
    assert "incheckade" not in old.stdout


def test_annual_report_with_a_bad_revision_exits_1(repo: Repo) -> None:
    result = invoke(
        "annual-report", "--year", "2024", "--data", str(repo.top / "data"), "--rev", "nope"
    )
    assert result.exit_code == 1
    assert "nope" in result.output
    assert "Traceback" not in result.output


# --- a damaged repository --------------------------------------------------------------------


def test_a_blob_missing_from_the_repository_is_a_finding_on_its_file(repo: Repo) -> None:
    object_id = repo.git("rev-parse", f"HEAD:data/{PROJECT}").strip()
    (repo.top / ".git" / "objects" / object_id[:2] / object_id[2:]).unlink()
    root = repo.top / "data"
    result = invoke("validate", "--rev", "HEAD", "--data", str(root), "--format", "json")
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    findings = document["errors"] + document["warnings"]
    assert [(f["file"], f["code"]) for f in findings] == [(f"{root}/{PROJECT}", "read-error")]
    assert "objektet saknas i git-förrådet" in findings[0]["message"]
    assert document["records"] == 16  # every other file is read and checked
    text = invoke("validate", "--rev", "HEAD", "--data", str(root))
    assert "internt fel" not in text.output
    assert f"{PROJECT}:1:1: error read-error" in text.stdout
