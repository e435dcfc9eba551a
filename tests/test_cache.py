"""The caches of `validate` (issue 14, point 3) change no output byte and no exit code.

The per-file cache (loading/record_cache.py) is tested in-process: cold, warm and with the pool
of workers on both shapes of generated data. The whole-run cache (loading/run_cache.py) is
tested through the console entry point in a fresh process run with `-X importtime`, which
shows whether the command ran (typer, pydantic, PyYAML imported) or the stored output was
printed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO_DATA, TODAY, generated_root, invoke
from intlpolicy.loading import cachefiles, files, pool, record_cache, run_cache
from intlpolicy.models import KINDS

# The console entry point, with the tool's version given first (a test can be another
# version), and the margin for files changed just before a run second (a test's files were
# all written just now: 0 trusts them, the default does not).
_LAUNCH = (
    "import sys, intlpolicy; intlpolicy.__version__ = sys.argv.pop(1); "
    "from intlpolicy.loading import run_cache; run_cache.STAT_TRUST_NS = int(sys.argv.pop(1)); "
    "from intlpolicy.launch import run; run()"
)
_LIBRARIES = ("typer", "click", "pydantic", "yaml", "intlpolicy.cli")


class Console:
    """One run of the console entry point: its output, exit code and the modules it imported."""

    def __init__(self, done: subprocess.CompletedProcess[str]) -> None:
        lines = done.stderr.splitlines(keepends=True)
        self.imported = {
            line.rsplit("|", 1)[1].strip() for line in lines if line.startswith("import time:")
        }
        self.stdout = done.stdout
        self.stderr = "".join(line for line in lines if not line.startswith("import time:"))
        self.code = done.returncode

    @property
    def ran(self) -> bool:
        """The command itself ran (it imports typer and the models); else the stored output."""
        return bool(self.imported & set(_LIBRARIES))

    @property
    def output(self) -> tuple[str, str, int]:
        return self.stdout, self.stderr, self.code


def console(
    *args: str,
    cwd: Path | None = None,
    version: str | None = None,
    trust_ns: int = 0,
    **env: str,
) -> Console:
    from intlpolicy import __version__

    launch = [sys.executable, "-X", "importtime", "-c", _LAUNCH]
    command = [*launch, version or __version__, str(trust_ns)]
    done = subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=cwd,
        check=False,
    )
    return Console(done)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own; the path is its `intlpolicy` folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "intlpolicy"


def test_a_repeated_run_prints_the_stored_output_without_the_libraries(
    valid_root: Path, cache: Path
) -> None:
    fresh = console("validate", "--data", str(valid_root))
    assert fresh.ran and fresh.stdout.endswith("0 fel, 1 varning\n")
    again = console("validate", "--data", str(valid_root))
    assert not again.ran, sorted(again.imported & set(_LIBRARIES))
    assert not {"pydantic", "yaml", "typer", "click", "rich"} & again.imported
    assert again.output == fresh.output
    bypassed = console("validate", "--data", str(valid_root), "--no-cache")
    assert bypassed.ran and bypassed.output == fresh.output
    assert list((cache / "runs").iterdir()), "the result is kept in the user's cache folder"
    assert not list(valid_root.rglob(".*")), "nothing is written beside the records"


def _same_size_edit(root: Path, env: dict[str, str], args: list[str]) -> None:
    """One byte of a record changed; size and modification time as before."""
    path = root / "projects" / "green-transitions.yaml"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert "950000" in text
    path.write_text(text.replace("950000", "950001", 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def _touch(root: Path, env: dict[str, str], args: list[str]) -> None:
    path = root / "networks" / "eurocities.yaml"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))


def _new_record(root: Path, env: dict[str, str], args: list[str]) -> None:
    text = (root / "twin-cities" / "tallinn.yaml").read_text(encoding="utf-8")
    (root / "twin-cities" / "riga.yaml").write_text(text, encoding="utf-8")


CHANGES: dict[str, Callable[[Path, dict[str, str], list[str]], None]] = {
    "one byte, same size and time": _same_size_edit,
    "one modification time": _touch,
    "a new file": _new_record,
    "the date": lambda root, env, args: env.update(INTLPOLICY_TODAY="2026-12-24"),
    "the tool's version": lambda root, env, args: env.update(version="9.9.9"),
    "an option": lambda root, env, args: args.append("--strict"),
    "the format": lambda root, env, args: args.extend(["--format", "json"]),
    "the colour setting": lambda root, env, args: env.update(NO_COLOR="1"),
}


@pytest.mark.parametrize("change", CHANGES)
def test_any_change_of_the_key_gives_a_fresh_result(
    change: str, valid_root: Path, cache: Path
) -> None:
    args = ["validate", "--data", str(valid_root)]
    console(*args)
    assert not console(*args).ran, "stored"
    env: dict[str, str] = {}
    CHANGES[change](valid_root, env, args)
    fresh = console(*args, **env)
    assert fresh.ran, f"after a change of {change} the command runs again"
    assert fresh.output == console(*args, "--no-cache", **env).output
    assert not console(*args, **env).ran, "and its result is stored in turn"


def test_a_record_written_by_another_command_gives_a_fresh_result(
    valid_root: Path, cache: Path
) -> None:
    args = ["validate", "--data", str(valid_root)]
    console(*args)
    assert not console(*args).ran
    notice = ["notice", "green-transitions", "--date", "2024-03-01", "--eu-network"]
    assert invoke(*notice, "--data", valid_root).exit_code == 0  # same size, new date
    fresh = console(*args)
    assert fresh.ran and fresh.output == console(*args, "--no-cache").output


def test_the_date_decides_the_duties_and_so_the_output(valid_root: Path, cache: Path) -> None:
    args = ["validate", "--data", str(valid_root)]
    assert console(*args, INTLPOLICY_TODAY="2025-03-01").stdout.endswith(" 0 fel, 0 varningar\n")
    later = console(*args, INTLPOLICY_TODAY=TODAY.isoformat())
    assert later.ran and "report-missing" in later.stdout


def _damage(folder: Path, how: str) -> int:
    damaged = 0
    for entry in folder.rglob("*"):
        if entry.is_file():
            raw = entry.read_bytes()
            if how == "truncated":
                entry.write_bytes(raw[: len(raw) // 2])
            elif how == "flipped":
                entry.write_bytes(raw[:-1] + bytes([raw[-1] ^ 1]))
            else:
                entry.write_bytes(b"not an entry")
            damaged += 1
    return damaged


@pytest.mark.parametrize("how", ["truncated", "flipped", "garbage"])
def test_a_damaged_cache_is_ignored(how: str, valid_root: Path, cache: Path) -> None:
    args = ["validate", "--data", str(valid_root)]
    fresh = console(*args)
    console(*args)
    assert _damage(cache / "runs", how) and _damage(cache / "records", how)
    again = console(*args)
    assert again.ran and again.output == fresh.output
    assert not console(*args).ran, "the entries are written again"
    assert invoke(*args).stdout == fresh.stdout  # the per-file pack, in-process


def test_an_unwritable_cache_changes_nothing(
    valid_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # no folder can be made under a file
    args = ["validate", "--data", str(valid_root)]
    first, second = console(*args), console(*args)
    assert first.ran and second.ran
    assert first.output == second.output == console(*args, "--no-cache").output
    assert invoke(*args).stdout == first.stdout


@pytest.mark.parametrize(
    "doubt",
    ["a hidden temporary file", "a symbolic link", "--rev", "another command"],
)
def test_no_stored_result_where_it_could_be_wrong(
    doubt: str, valid_root: Path, cache: Path
) -> None:
    args = ["validate", "--data", str(valid_root)]
    if doubt == "a hidden temporary file":  # a finding after an hour, whatever the records
        (valid_root / "projects" / ".green-transitions.yaml.abcd1234.tmp").write_text("")
    elif doubt == "a symbolic link":
        (valid_root / "networks" / "link.yaml").symlink_to(valid_root / "networks" / "x")
    elif doubt == "--rev":
        args += ["--rev", "HEAD"]
    else:
        args = ["list", "projects", "--data", str(valid_root)]
    first = console(*args)
    assert console(*args).ran
    assert console(*args).output == first.output


def test_files_written_just_before_a_run_give_no_stored_result(
    valid_root: Path, cache: Path
) -> None:
    """Written within the file system's clock tick of the run, a file could change again
    under the same time stamps: such a run is not kept (git's "racily clean")."""
    args = ["validate", "--data", str(valid_root)]
    first = console(*args, trust_ns=run_cache.STAT_TRUST_NS)
    again = console(*args, trust_ns=run_cache.STAT_TRUST_NS)
    assert first.ran and again.ran and again.output == first.output
    assert not (cache / "runs").exists()


def test_the_data_root_found_from_the_current_folder(valid_root: Path, cache: Path) -> None:
    here = valid_root.parent
    first = console("validate", cwd=here)
    assert first.ran and first.code == 0
    assert not console("validate", cwd=here).ran
    elsewhere = console("validate", cwd=valid_root / "projects")
    assert elsewhere.ran, "another current folder: other paths in the findings"


def test_a_run_whose_records_change_meanwhile_is_not_kept(
    valid_root: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from intlpolicy.services import validate as service

    args = ["validate", "--data", str(valid_root)]
    real = service.validate_data_root

    def edited_meanwhile(*given: Any, **options: Any) -> Any:
        result = real(*given, **options)
        (valid_root / "networks" / "eurocities.yaml").write_text("id: eurocities\n")
        return result

    monkeypatch.setattr(run_cache, "STAT_TRUST_NS", 0)  # the files were written just now
    this = run_cache.this_run(args)
    assert this is not None
    assert run_cache.expect(this) is not None
    invoke(*args)
    assert list((cache / "runs").iterdir()), "an unchanged run is kept"
    for entry in (cache / "runs").iterdir():
        entry.unlink()
    assert run_cache.expect(this) is not None
    monkeypatch.setattr(service, "validate_data_root", edited_meanwhile)
    invoke(*args)
    assert not list((cache / "runs").iterdir()), "changed while it ran: not kept"


def _parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files parsed in this process from now on (the pool's workers are not counted)."""
    parsed: list[str] = []
    parse = pool.parse_source

    def counted(source: Any, *args: Any, **kwargs: Any) -> Any:
        parsed.append(source.rel)
        return parse(source, *args, **kwargs)

    monkeypatch.setattr(pool, "parse_source", counted)
    return parsed


def _outputs(root: Path, *options: str) -> list[str]:
    results = [invoke("validate", "--data", root, "--format", f, *options) for f in _FORMATS]
    return [r.stdout + r.stderr + str(r.exit_code) for r in results]


_FORMATS = ("text", "json", "github")


@pytest.mark.parametrize("shape", ["generator", "findings"])
def test_cold_warm_and_pool_give_the_same_output(
    shape: str, tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = generated_root(tmp_path / "data", 60, shape)
    if shape == "findings":  # errors too: one the parser places, one located in the tree
        (root / "networks" / "trasig.yaml").write_text("id: [\n", encoding="utf-8")
        with sorted(root.glob("organisations/*.yaml"))[-1].open("a", encoding="utf-8") as file:
            file.write("okand_nyckel: 1\n")
    cold = _outputs(root, "--no-cache")
    monkeypatch.setattr(record_cache, "STAT_TRUST_NS", 0)  # trust lstat, as after 2 s
    parsed = _parses(monkeypatch)
    assert _outputs(root) == cold  # fills the cache
    assert len(parsed) >= 60
    parsed.clear()
    assert _outputs(root) == cold
    assert parsed == [], "warm: no file is parsed again"
    changed = sorted(root.glob("projects/*.yaml"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "# ändrad\n", encoding="utf-8")
    assert _outputs(root) == cold
    assert parsed == [changed.relative_to(root).as_posix()], "only the changed file is parsed"
    monkeypatch.setattr(record_cache, "_STRETCH", 300)  # the stored pack copied in many parts
    for edited in sorted(root.glob("*/*.yaml"))[5::20]:  # a few, apart: the copy has gaps
        edited.write_text(edited.read_text(encoding="utf-8") + "# ändrad\n", encoding="utf-8")
    assert _outputs(root) == cold
    parsed.clear()
    assert _outputs(root) == cold
    assert parsed == [], "every entry of the pack made in parts is read back"
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(pool, "_CHUNK", 7)
    monkeypatch.setattr(pool, "worker_count", lambda: 2)  # a pool even on one CPU
    assert _outputs(root, "--no-cache") == cold
    for pack in (cache / "records").iterdir():
        pack.unlink()
    assert _outputs(root) == cold  # the pool's workers hash what they parse
    parsed.clear()
    assert _outputs(root) == cold
    assert parsed == []
    if shape == "findings":
        assert "warning" in cold[0] and "error" in cold[0]


def test_the_records_from_the_cache_are_the_records(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The models of a warm run equal those validated afresh (the annual report and the other
    commands would see the same records), every field and every nested model."""
    from intlpolicy.services.validate import validate_data_root

    cold = validate_data_root(REPO_DATA, TODAY, "data")
    validate_data_root(REPO_DATA, TODAY, "data", cached=True)
    parsed = _parses(monkeypatch)
    warm = validate_data_root(REPO_DATA, TODAY, "data", cached=True)
    assert parsed == []
    assert warm.findings == cold.findings
    for kind in ("policy", "organisation", "project", "report", "network", "twin_city"):
        assert warm.records.by_kind(kind) == cold.records.by_kind(kind), kind
        for key, record in warm.records.by_kind(kind).items():
            assert repr(record) == repr(cold.records.by_kind(kind)[key])
    assert warm.records.known == cold.records.known


def test_a_file_changed_under_the_same_size_and_time_is_parsed_again(
    valid_root: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(record_cache, "STAT_TRUST_NS", 0)
    args = ["validate", "--data", valid_root, "--format", "json"]
    invoke(*args)
    parsed = _parses(monkeypatch)
    assert invoke(*args).stdout and parsed == []
    _same_size_edit(valid_root, {}, [])
    warm = invoke(*args)
    assert parsed == ["projects/green-transitions.yaml"], "its change time moved"
    assert warm.stdout == invoke(*args, "--no-cache").stdout


def test_the_fast_paths_copies_of_the_tools_constants_agree() -> None:
    assert set(run_cache.RECORD_FOLDERS) == {kind.folder for kind in KINDS}
    assert run_cache.RECORD_FOLDERS[0] == "policy"
    assert run_cache.MAX_FILE_BYTES == files.MAX_FILE_BYTES  # copies: pydantic stays unloaded
    assert run_cache.STAT_TRUST_NS == record_cache.STAT_TRUST_NS


def test_the_cache_keeps_its_size(tmp_path: Path) -> None:
    folder = tmp_path / "entries"
    folder.mkdir()
    for number in range(5):
        assert cachefiles.write_entry(str(folder / f"e{number}"), bytes(100))
        os.utime(folder / f"e{number}", (number, number))
    stale = folder / ".e.abcdefgh.tmp"  # left by a writer that was killed
    stale.write_bytes(b"")
    os.utime(stale, (0, 0))
    cachefiles.evict(str(folder), max_entries=3, max_bytes=10_000)
    assert sorted(p.name for p in folder.iterdir()) == ["e2", "e3", "e4"]
    cachefiles.evict(str(folder), max_entries=3, max_bytes=400)
    assert sorted(p.name for p in folder.iterdir()) == ["e3", "e4"]
    assert cachefiles.read_entry(str(folder / "e4"), limit=100) == bytes(100)
    assert cachefiles.read_entry(str(folder / "e4"), limit=99) is None


def test_the_daily_run_on_the_embedded_data_is_stored(cache: Path) -> None:
    first = console("validate", cwd=REPO_DATA.parent)
    again = console("validate", cwd=REPO_DATA.parent)
    assert first.ran and not again.ran and again.output == first.output


def _values(records: Any) -> tuple[list[str], list[Any]]:
    """Every string of the records' fields and every model, nested ones and lists included."""
    from pydantic import BaseModel

    strings: list[str] = []
    models: list[Any] = []
    stack: list[Any] = [r for kind in KINDS for r in records.by_kind(kind.name).values()]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, BaseModel):
            models.append(value)
            stack.extend(value.__dict__.values())
        elif isinstance(value, list):
            stack.extend(value)
    return strings, models


def test_the_records_are_kept_in_little_memory_cold_and_warm(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory at 100 000 records: an organisation's id, a currency, a country is one object
    however many records hold it, and a model's dictionary shares its keys with the other
    models of its class, whether validated afresh or restored from the cache."""
    from intlpolicy.services.validate import validate_data_root

    cold = validate_data_root(REPO_DATA, TODAY, "data", cached=True)
    warm = validate_data_root(REPO_DATA, TODAY, "data", cached=True)
    for result in (cold, warm):
        strings, models = _values(result.records)
        assert len(strings) - len(set(strings)) > 50, "the data repeats its strings"
        assert len({id(s) for s in strings}) == len(set(strings))
        held = sum(sys.getsizeof(model.__dict__) for model in models)
        unshared = sum(sys.getsizeof(dict(model.__dict__)) for model in models)
        assert held < 0.7 * unshared


def test_the_per_file_cache_takes_the_files_lstat_from_the_runs_key_once(
    valid_root: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run's key took every file's lstat before the run: the per-file cache uses those,
    for that run only; a later run in the same process (a library caller's) takes its own,
    so a file changed after the key was made is never served from an old entry."""
    from intlpolicy.services.validate import validate_data_root

    monkeypatch.setattr(record_cache, "STAT_TRUST_NS", 0)
    args = ["validate", "--data", str(valid_root)]
    cold = validate_data_root(valid_root, TODAY, "data").findings
    validate_data_root(valid_root, TODAY, "data", cached=True)  # fills the per-file cache
    this = run_cache.this_run(args)
    assert this is not None and run_cache.expect(this) is not None
    looked_at: list[str] = []
    real_lstat = os.lstat

    def counted(path: Any, *args: Any, **kwargs: Any) -> Any:
        looked_at.append(os.fspath(path))
        return real_lstat(path, *args, **kwargs)

    monkeypatch.setattr(os, "lstat", counted)
    parsed = _parses(monkeypatch)
    assert validate_data_root(valid_root, TODAY, "data", cached=True).findings == cold
    assert parsed == [], "every file served from the cache"
    assert not [path for path in looked_at if path.endswith(".yaml")], "by the key's lstat"
    network = valid_root / "networks" / "eurocities.yaml"
    network.write_text(network.read_text(encoding="utf-8").replace("name:", "name: ["))
    broken = validate_data_root(valid_root, TODAY, "data", cached=True).findings
    assert parsed == ["networks/eurocities.yaml"], "the next run looks at the files again"
    assert [path for path in looked_at if path.endswith(".yaml")], "with its own lstat"
    assert broken == validate_data_root(valid_root, TODAY, "data").findings != cold


def test_a_warm_run_builds_no_schema_of_a_kind_it_does_not_validate(
    cache: Path, tmp_path: Path
) -> None:
    """The models are built on first use (`defer_build`): a run whose records all come from
    the cache builds none of their validators."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from datetime import date\n"
        "from intlpolicy.services.validate import validate_data_root\n"
        "from intlpolicy.models import Organisation, Project\n"
        "validate_data_root(Path(sys.argv[1]), date(2026, 11, 26), 'data', cached=True)\n"
        "print(Organisation.__pydantic_complete__, Project.__pydantic_complete__)\n"
    )
    run = [sys.executable, "-c", script, str(REPO_DATA)]
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    first = subprocess.run(run, capture_output=True, text=True, env=env, check=True)
    again = subprocess.run(run, capture_output=True, text=True, env=env, check=True)
    assert first.stdout.split() == ["True", "True"], "a cold run builds what it validates"
    assert again.stdout.split() == ["False", "False"], again.stderr
