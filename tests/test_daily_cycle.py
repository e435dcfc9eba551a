"""The README's daily cycle runs as shown: `validate`, the hint, the fixing command and
`validate` again, one after the other on one copy of data/, each printing the lines the
README shows (`…` stands for lines left out)."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from conftest import REPO_DATA, invoke

README = Path(__file__).resolve().parent.parent / "README.md"
SECTION = "### The daily cycle"


def cycle() -> list[tuple[str, list[str]]]:
    """The `$ command` lines of the section's console block, each with the lines shown."""
    text = README.read_text(encoding="utf-8").split(SECTION, 1)[1]
    block = re.search(r"```console\n(.*?)```", text, re.S)
    assert block is not None, "the daily cycle has no console block"
    steps: list[tuple[str, list[str]]] = []
    for line in block.group(1).splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    return steps


def test_the_cycle_is_validate_fix_validate() -> None:
    commands = [shlex.split(command)[1] for command, _ in cycle()]
    assert commands == ["validate", "contact", "validate"]


def test_the_daily_cycle_prints_what_the_readme_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(REPO_DATA, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    outputs = []
    for command, shown in cycle():
        result = invoke(*shlex.split(command)[1:])
        assert result.exit_code == 0, result.output
        printed = result.stdout.splitlines() + result.stderr.splitlines()
        expected = [line for line in shown if line != "…"]
        at = 0
        for line in expected:  # in the order shown, with any lines between them
            assert line in printed[at:], f"`{command}` did not print {line!r}"
            at = printed.index(line, at) + 1
        if "…" not in shown:
            assert printed == expected
        outputs.append(result.stdout)
    first, _, last = outputs
    fixed = "valnamnden.yaml:9:1: warning contact-missing"
    assert fixed in first
    assert fixed not in last
