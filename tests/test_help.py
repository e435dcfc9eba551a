"""Every command and subcommand explains itself: `--help` works and says what it does.

tests/test_cli.py checks the top-level commands' options; this walks the whole tree, the
subcommands of `new` included."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import command_group, invoke


def _tree(command: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    found = [(path, command)]
    for name, sub in getattr(command, "commands", {}).items():
        found += _tree(sub, (*path, name))
    return found


COMMANDS = _tree(command_group())


def _words(text: str) -> str:
    """The text without any whitespace: help is rewrapped, at spaces and after hyphens."""
    return "".join(text.split())


def test_the_tree_has_subcommands() -> None:
    """The walk reaches below the top level (`new project` and its kin)."""
    paths = [path for path, _ in COMMANDS]
    assert ("validate",) in paths
    assert ("new", "project") in paths


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=[" ".join(p) or "intlpolicy" for p, _ in COMMANDS]
)
def test_every_command_has_a_description_in_its_help(path: tuple[str, ...], command: Any) -> None:
    description = (command.help or "").split("\f")[0].strip()
    assert len(description.split()) >= 3, f"{' '.join(path)}: no description"
    result = invoke(*path, "--help")
    assert result.exit_code == 0, result.output
    assert _words(f"Användning: intlpolicy {' '.join(path)}") in _words(result.stdout)
    first_paragraph = description.split("\n\n")[0]
    assert _words(first_paragraph) in _words(result.stdout)
    for name in getattr(command, "commands", {}):
        assert name in result.stdout, f"{name} is missing from the help of its group"


@pytest.mark.parametrize(
    ("path", "command"),
    [(p, c) for p, c in COMMANDS if len(p) > 1],
    ids=[" ".join(p) for p, _ in COMMANDS if len(p) > 1],
)
def test_every_subcommand_option_has_help(path: tuple[str, ...], command: Any) -> None:
    missing = [
        "/".join(param.opts)
        for param in command.params
        if param.param_type_name == "option" and not getattr(param, "help", None)
    ]
    assert missing == [], f"{' '.join(path)}: options without help text: {missing}"
