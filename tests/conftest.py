"""Shared fixtures and helpers, the only place they live: the environment every test runs in,
the one `cli` runner, git isolation, and a small valid data root that tests copy and then
break on purpose."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

VALID_FIXTURE = Path(__file__).parent / "fixtures" / "valid"
ANNUAL_FIXTURE = Path(__file__).parent / "fixtures" / "annual"
REPO_DATA = Path(__file__).resolve().parent.parent / "data"
GENERATOR = Path(__file__).resolve().parent.parent / "benchmarks" / "generate.py"

# The day every test runs on unless it says otherwise ($INTLPOLICY_TODAY): late in 2026, so
# 2024 and 2025 are finished years for the embedded data and the annual fixture.
TODAY = date(2026, 11, 26)

# A day on which the valid data root has no findings at all, not even warnings: the only
# finished year since its first reports/ folder is 2024, and that year's report is there.
VALID_TODAY = date(2025, 3, 1)


@pytest.fixture(scope="session")
def cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch, cache_home: Path) -> Iterator[None]:
    """Every test runs on TODAY, with no data root, CI flavour or debug switch from outside,
    and caches in a folder of the test run's own, never the user's ~/.cache."""
    monkeypatch.setenv("INTLPOLICY_TODAY", TODAY.isoformat())
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    for name in ("INTLPOLICY_DATA", "GITHUB_ACTIONS", "INTLPOLICY_DEBUG", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    yield


def run_on(monkeypatch: pytest.MonkeyPatch, day: date) -> None:
    """Run the commands of this test as of `day` instead of TODAY."""
    monkeypatch.setenv("INTLPOLICY_TODAY", day.isoformat())


@pytest.fixture
def git_isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No personal or system git configuration, no repository above tmp_path, no git
    variables from a hook that runs the tests."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    for name in (
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_COMMON_DIR",
        "GIT_AUTHOR_DATE",
        "GIT_COMMITTER_DATE",
    ):
        monkeypatch.delenv(name, raising=False)
    yield


@dataclass(frozen=True)
class Cli:
    """The command line, run in-process. An exception the CLI did not turn into an exit is
    raised in the test (never swallowed), and a traceback in the output fails the test."""

    runner: CliRunner

    def __call__(self, *args: str | Path, input: str | None = None, **kwargs: Any) -> Result:
        from intlpolicy.cli.app import app

        result = self.runner.invoke(
            app, [str(arg) for arg in args], input=input, catch_exceptions=False, **kwargs
        )
        assert "Traceback" not in result.stdout, result.stdout
        assert "Traceback" not in result.stderr, result.stderr
        return result


# The one runner: `invoke("validate", "--data", root)`, or the `cli` fixture, which is the same.
invoke = Cli(CliRunner())


def command_group() -> Any:
    """The click group of `intlpolicy` with every command in it. The group imports a command's
    module only when that command is run or listed; this lists them all."""
    import typer.main

    from intlpolicy.cli.app import app

    group: Any = typer.main.get_command(app)
    for name in group.list_commands(None):
        group.get_command(None, name)
    return group


@pytest.fixture
def cli() -> Cli:
    """`cli("validate", "--data", root)` runs intlpolicy and returns click's Result."""
    return invoke


@pytest.fixture
def valid_root(tmp_path: Path) -> Path:
    """A fresh copy of tests/fixtures/valid at `tmp_path / "data"`, safe to modify.

    It holds policy-2016 and policy-2024; the committee `kulturnamnden` (with a current
    EU-network contact), the companies `malmo-stadshus-ab` and `malmo-live-konserthus-ab`
    (whose parent is the former) and `revisorskollegiet` (kind `other`); the EU project
    `green-transitions` (kulturnamnden is owner, 950000 EUR at 11.4845, below the threshold,
    EU-network notice recorded); `reports/2024/kulturnamnden.yaml`; the network `eurocities`;
    and the twin city `tallinn`. Validated on `valid_today` it gives zero findings.
    """
    root = tmp_path / "data"
    shutil.copytree(VALID_FIXTURE, root)
    return root


@pytest.fixture
def annual_root(tmp_path: Path) -> Path:
    """A fresh copy of tests/fixtures/annual (the yearly report's data) at `tmp_path / "data"`."""
    root = tmp_path / "data"
    shutil.copytree(ANNUAL_FIXTURE, root)
    return root


def generated_root(target: Path, count: int, shape: str = "generator") -> Path:
    """A data root of about `count` records written by benchmarks/generate.py at `target`:
    shape `generator` (valid records, no findings) or `findings` (most files carry warnings,
    a few errors; benchmarks/findings_shape.py)."""
    how = ["--check"] if shape == "generator" else ["--shape", shape]
    command = [sys.executable, str(GENERATOR), str(count), str(target), "--seed", "1", *how]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=GENERATOR.parent)
    return target


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A fresh copy of the repository's data/ at `tmp_path / "data"`, safe to edit."""
    root = tmp_path / "data"
    shutil.copytree(REPO_DATA, root)
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under `root` with its bytes: compare two to see that nothing changed."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def valid_today() -> date:
    """The `today` on which `valid_root` validates without errors or warnings."""
    return VALID_TODAY


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the golden files under tests/golden/ from the current output.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when pytest runs with --update-golden: golden tests write instead of compare."""
    return bool(request.config.getoption("--update-golden"))


# --- a throw-away git repository: fixed authors and dates, no user configuration ---


class Repo:
    """A throw-away git repository; every commit gets the next fixed date."""

    def __init__(self, top: Path) -> None:
        self.top = top
        self.commits = 0
        self.git("init", "-q")

    def git(self, *args: str, author: str = "Åsa Berg", stamp: str | None = None) -> str:
        identity = ["-c", f"user.name={author}", "-c", "user.email=registrator@malmo.se"]
        settings = ["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
        env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
        if stamp is not None:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = stamp
        done = subprocess.run(
            ["git", *identity, *settings, *args],
            cwd=self.top,
            check=True,
            capture_output=True,
            env=env,
        )
        return done.stdout.decode("utf-8")

    def commit(self, message: str, author: str = "Åsa Berg") -> str:
        self.commits += 1
        self.git("add", "-A")
        stamp = f"2024-05-{self.commits:02d}T09:00:00+02:00"
        self.git("commit", "-q", "-m", message, author=author, stamp=stamp)
        return self.git("rev-parse", "HEAD").strip()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def tie_policy(root: Path, version: str) -> str:
    """Give the policy version `version` of the data root a twin in force from the same day
    (a copy of its file under the id `<version>-kopia`): from that day on, which version
    applies cannot be told (`policy-same-day`). Returns the twin's id."""
    twin = f"{version}-kopia"
    folder = root / "policy"
    text = (folder / f"{version}.yaml").read_text(encoding="utf-8")
    assert f"\nid: {version}\n" in text, f"no 'id: {version}' line"
    copy = text.replace(f"\nid: {version}\n", f"\nid: {twin}\n", 1)
    (folder / f"{twin}.yaml").write_text(copy, encoding="utf-8")
    return twin


def pdf_pages(document: bytes) -> list[str]:
    """The text of each page of a PDF, as pypdf reads it back (one string per page)."""
    import io

    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(document)).pages]


def pdf_text(document: bytes) -> str:
    """A PDF's text with every run of spaces and line breaks as one space: a phrase reads
    the same wherever the page wrapped it."""
    return " ".join(" ".join(pdf_pages(document)).split())


# --- the fixes' placeholders (checks/fixes.py), run as written --------------------------------

# The fixes `validate` writes for data/'s records, by the functions that write them, with
# their arguments: a word of a fix that is none of its arguments is a placeholder.
FIX_HINTS: list[tuple[str, tuple[Any, ...]]] = [
    ("add_contact", ("valnamnden",)),
    ("record_notice", ("green-transitions", "ks_information")),
    ("record_notice", ("green-transitions", "eu_network")),
    ("refresh_rate", ("green-transitions", None)),
    ("refresh_rate", ("green-transitions", "InforEuro", "EUR")),
    ("submit_report", ("kulturnamnden", 2024)),
]
# What a person writes instead of each placeholder, valid for every fix above on data/.
REAL_VALUES = {
    "NAMN": "Sara Lind",
    "E-POST": "sara.lind@malmo.se",
    "DATUM": "2025-02-13",
    "DIARIENUMMER": "KS-2024-00123",
    "KURS": "11.2050",
    "KÄLLA": "InforEuro",
}


def each_placeholder_of(command: str) -> pytest.MarkDecorator:
    """Parametrize a test's `case` by each placeholder the fixes running `command` write,
    once per option: (option, placeholder, the fix's arguments with that placeholder and
    every other one filled in with its real value). A placeholder with no real value above
    fails the collection."""
    import shlex

    from intlpolicy.checks import fixes

    cases: dict[tuple[str, str], tuple[str, ...]] = {}
    for function, arguments in FIX_HINTS:
        hint = getattr(fixes, function)(*arguments)
        words = shlex.split(hint)[1:]
        if words[0] != command:
            continue
        given = {str(argument) for argument in arguments}
        placeholders = {
            (option, word)
            for option, word in itertools.pairwise(words)
            if option.startswith("--") and not word.startswith("--") and word not in given
        }
        for option, word in sorted(placeholders):
            others = {other for _, other in placeholders} - {word}
            filled = tuple(REAL_VALUES[w] if w in others else w for w in words)
            cases.setdefault((option, word), filled)
    assert cases, f"no fix runs {command}"
    values = [(option, word, args) for (option, word), args in cases.items()]
    return pytest.mark.parametrize("case", values, ids=[f"{o} {w}" for o, w, _ in values])


def assert_placeholder_refused(root: Path, case: tuple[str, str, tuple[str, ...]]) -> None:
    """The fix run with the case's placeholder as written is a usage error naming it, with
    or without --dry-run, and writes nothing; with a real value in its place it works."""
    from intlpolicy.checks.fixes import PLACEHOLDERS

    option, placeholder, args = case
    before = snapshot(root)
    for dry_run in ((), ("--dry-run",)):
        refused = invoke(*args, *dry_run, "--data", root)
        assert refused.exit_code == 2, refused.output
        assert refused.stdout == ""
        assert refused.stderr == (
            f"intlpolicy: {option} {placeholder}: ersätt platshållaren {placeholder} med "
            f"{PLACEHOLDERS[placeholder]}\n"
        )
        assert snapshot(root) == before
    real = [REAL_VALUES[word] if word == placeholder else word for word in args]
    done = invoke(*real, "--data", root)
    assert done.exit_code == 0, done.output
    assert snapshot(root) != before
