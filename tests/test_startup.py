"""Start-up: the templates' bytecode cache and the console entry point's fast exit change no
output byte and no exit code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO_DATA, TODAY, edit, invoke
from intlpolicy.cli.app import COMMAND_MODULES


def _report() -> str:
    result = invoke("annual-report", "--year", "2024", "--data", str(REPO_DATA))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_report_is_the_same_from_a_cold_a_warm_and_an_unusable_template_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cold = _report()
    cached = list((tmp_path / "cache" / "intlpolicy" / "templates" / "plain").iterdir())
    assert cached, "the compiled templates are kept in the user's cache folder"
    assert _report() == cold
    for entry in cached:  # a corrupt entry is compiled again, not served
        entry.write_bytes(b"not a jinja bytecode file")
    assert _report() == cold
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # no folder can be made under a file
    assert _report() == cold


def _console(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "INTLPOLICY_TODAY": TODAY.isoformat()}
    return subprocess.run(
        [sys.executable, "-m", "intlpolicy", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_the_console_entry_point_exits_with_the_commands_code_and_all_its_output() -> None:
    in_process = invoke("validate", "--data", str(REPO_DATA))
    console = _console("validate", "--data", str(REPO_DATA))
    assert console.returncode == in_process.exit_code
    assert console.stdout == in_process.stdout
    assert _console("no-such-command").returncode == 2
    typo = _console("valdate")  # a fresh process has loaded no command yet: all are suggested
    assert typo.stderr.endswith("Fel: kommandot 'valdate' finns inte – menade du 'validate'?\n")
    assert _console("--version").stdout == invoke("--version").stdout


# What the daily run must not import (issue 14, point 2): the libraries of other commands,
# the worker pool's multiprocessing below PARALLEL_MIN_FILES files, the round-trip writer,
# and pydantic's plugin discovery (its real loader imports importlib.metadata).
_NOT_FOR_VALIDATE = (
    "jinja2",
    "rich",
    "babel",
    "openpyxl",
    "weasyprint",
    "ruamel",
    "multiprocessing",
    "importlib.metadata",
    "intlpolicy.editing",
    "json",  # only for --format json
)


_DAILY_RUN = ("validate", "--no-cache", "--data", str(REPO_DATA))


def _imported(*args: str) -> set[str]:
    """Every module a fresh `python -m intlpolicy ARGS` imports (by `-X importtime`)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "intlpolicy", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "INTLPOLICY_TODAY": TODAY.isoformat()},
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr[-2000:]
    return {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }


def _among(imported: set[str], unwanted: tuple[str, ...]) -> list[str]:
    """The imported modules that are, or are inside, one of `unwanted`."""
    return sorted(
        name
        for name in imported
        if any(name == top or name.startswith(top + ".") for top in unwanted)
    )


def _other_commands(*run: str) -> tuple[str, ...]:  # none given: every command
    """The modules of every command but `run`: a run imports only its own command's module."""
    return tuple(
        f"intlpolicy.cli.{module}" for name, module in COMMAND_MODULES.items() if name not in run
    )


def test_a_cold_validate_imports_only_what_it_uses() -> None:
    imported = _imported(*_DAILY_RUN)
    assert "pydantic" in imported and "yaml" in imported, "the scan found the imports"
    assert "intlpolicy.cli.validate_run" in imported, "the scan sees the command's module"
    # Its options are plain: the entry point runs it without the command line.
    unwanted = ("typer", "click", "intlpolicy.cli.app", "intlpolicy.cli.validate_command")
    assert _among(imported, _NOT_FOR_VALIDATE + _other_commands() + unwanted) == []
    assert "pydantic.plugin._loader" not in imported, "plugin discovery is skipped"


@pytest.mark.parametrize(
    ("args", "unwanted"),
    [
        (
            ("route-project", "green-transitions"),
            ("ruamel", "jinja2", "weasyprint", "rich", "json"),
        ),
        (("annual-report", "--year", "2024"), ("ruamel", "weasyprint", "rich")),
    ],
)
def test_a_command_imports_neither_the_other_commands_nor_the_round_trip_writer(
    args: tuple[str, ...], unwanted: tuple[str, ...]
) -> None:
    imported = _imported(*args, "--data", str(REPO_DATA))
    assert f"intlpolicy.cli.{COMMAND_MODULES[args[0]]}" in imported
    assert _among(imported, unwanted + _other_commands(args[0])) == []


def test_the_help_lists_every_command_in_order_and_imports_no_models() -> None:
    imported = _imported("--help")
    assert _among(imported, ("pydantic", "yaml", "intlpolicy.models")) == []
    listed = invoke("--help").stdout.split("Kommandon:", 1)[1].split()
    assert [word for word in listed if word in COMMAND_MODULES] == list(COMMAND_MODULES)


def test_every_command_module_is_in_the_table_the_group_loads_from() -> None:
    """A command whose module is missing from `COMMAND_MODULES` would never be loaded."""
    import importlib
    import pkgutil

    import intlpolicy.cli
    from intlpolicy.cli.app import app

    modules = [m.name for m in pkgutil.iter_modules(intlpolicy.cli.__path__)]
    for module in modules:
        importlib.import_module(f"intlpolicy.cli.{module}")
    registered = {info.name or info.callback.__name__ for info in app.registered_commands}  # type: ignore[union-attr]
    registered |= {info.name for info in app.registered_groups if info.name}
    assert registered == set(COMMAND_MODULES)
    assert set(COMMAND_MODULES.values()) <= set(modules)


def _through_typer(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """`intlpolicy ARGS` as the console entry point runs it, but always through typer."""
    script = (
        "import sys\n"
        "from intlpolicy import launch\n"
        "from intlpolicy.cli import main\n"
        "sys.argv[1:] = sys.argv[2:]\n"  # `-c` leaves '-c' and a marker before the words
        "try:\n    launch.guarded(main)\n"
        "except SystemExit as stop:\n    launch._exit_now(stop.code)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script, "--", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "today"),
    [
        (("--no-cache",), TODAY.isoformat()),
        (("--no-cache", "--format", "json", "--strict"), TODAY.isoformat()),
        (("--format=github", "--no-cache"), TODAY.isoformat()),
        (("--no-cache", "--format", "json"), "not-a-day"),  # a refusal, as JSON
        (("--no-cache",), "not-a-day"),  # a refusal, as a line
        (("--no-cache", "--data", "no-such-folder"), TODAY.isoformat()),
        (("--no-cache", "--data", "no-such-folder", "--format", "json"), TODAY.isoformat()),
        (("--no-cache", "--data="), TODAY.isoformat()),  # an empty value
        (("--no-cache", "--data", "--strict"), TODAY.isoformat()),  # a value like an option
        (("--format", "json", "--no-cache", "--format", "text", "--strict"), TODAY.isoformat()),
        (("--format", "json"), TODAY.isoformat()),  # cached: the typer run is a warm one
    ],
)
def test_a_plain_validate_says_without_typer_what_it_says_through_typer(
    valid_root: Path, args: tuple[str, ...], today: str
) -> None:
    """The entry point runs `validate` with plain options without typer; every byte of its
    output and its exit code are those of the same run through typer: the findings (an error
    among them), the formats and the refusals, as text and as JSON."""
    edit(valid_root / "networks" / "eurocities.yaml", "name:", "name: [")  # a YAML error
    env = {**os.environ, "INTLPOLICY_TODAY": today}
    given = any(word.startswith("--data") for word in args)
    words = ("validate", *args) if given else ("validate", "--data", "data", *args)
    plain = subprocess.run(
        [sys.executable, "-m", "intlpolicy", *words],
        capture_output=True,
        text=True,
        env=env,
        cwd=valid_root.parent,
        check=False,
    )
    typed = _through_typer(*words, env=env, cwd=valid_root.parent)
    assert (plain.returncode, plain.stdout, plain.stderr) == (
        typed.returncode,
        typed.stdout,
        typed.stderr,
    )
    assert plain.returncode in (1, 2) and plain.stdout + plain.stderr


def test_the_plain_path_knows_every_format_the_command_knows() -> None:
    from intlpolicy.cli.validate_command import ValidateFormat
    from intlpolicy.loading.run_cache import FORMATS

    assert {choice.value for choice in ValidateFormat} == FORMATS


def _closed(redirect: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`intlpolicy ARGS` started with stdout (`>&-`) or stderr (`2>&-`) closed."""
    command = " ".join([sys.executable, "-m", "intlpolicy", *args, redirect])
    return subprocess.run(
        ["bash", "-c", command],
        capture_output=True,
        text=True,
        env={**os.environ, "INTLPOLICY_TODAY": TODAY.isoformat()},
        check=False,
    )


def test_a_closed_stdout_is_one_swedish_line_and_a_closed_stderr_is_no_error() -> None:
    """Started with stdout closed, nothing can be written: one line says so (no traceback);
    with stderr closed, the run's output still reaches stdout."""
    closed_out = _closed(">&-", "validate", "--no-cache", "--data", str(REPO_DATA))
    assert closed_out.returncode == 1
    assert closed_out.stderr == (
        "intlpolicy: utdata kunde inte skrivas (standardutdata): den är stängd\n"
    )
    closed_err = _closed("2>&-", "validate", "--no-cache", "--data", str(REPO_DATA))
    assert closed_err.returncode == 0
    assert closed_err.stdout == _console("validate", "--no-cache", "--data", str(REPO_DATA)).stdout
    assert " poster, 0 fel, " in closed_err.stdout
