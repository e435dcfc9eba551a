"""Start-up: the templates' bytecode cache and the console entry point's fast exit change no
output byte and no exit code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO_DATA, TODAY, invoke


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
)


_DAILY_RUN = ("validate", "--no-cache", "--data", str(REPO_DATA))


def test_a_cold_validate_imports_only_what_it_uses() -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "intlpolicy", *_DAILY_RUN],
        capture_output=True,
        text=True,
        env={**os.environ, "INTLPOLICY_TODAY": TODAY.isoformat()},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    imported = {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "pydantic" in imported and "yaml" in imported, "the scan found the imports"
    unwanted = sorted(
        name
        for name in imported
        if name.split(".")[0] in _NOT_FOR_VALIDATE
        or any(name == top or name.startswith(top + ".") for top in _NOT_FOR_VALIDATE)
    )
    assert unwanted == []
    assert "pydantic.plugin._loader" not in imported, "plugin discovery is skipped"
