"""The shape docs/architecture.md promises: thin commands and small modules."""

from __future__ import annotations

import ast
from pathlib import Path

import intlpolicy

SOURCE = Path(intlpolicy.__file__).parent
MAX_COMMAND_LINES = 40
MAX_MODULE_LINES = 330  # "about 300"; the data table of country names is exempt
EXEMPT_MODULES = {"models/countries.py"}


def _is_command(function: ast.FunctionDef) -> bool:
    return any(
        isinstance(decorator, ast.Call)
        and isinstance(decorator.func, ast.Attribute)
        and decorator.func.attr == "command"
        for decorator in function.decorator_list
    )


def test_every_command_function_is_thin() -> None:
    commands = {}
    for path in (SOURCE / "cli").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and _is_command(node):
                assert node.end_lineno is not None
                commands[f"{path.name}:{node.name}"] = node.end_lineno - node.lineno + 1
    assert len(commands) >= 12  # the scan found the commands (new has five subcommands)
    too_long = {name: lines for name, lines in commands.items() if lines > MAX_COMMAND_LINES}
    assert too_long == {}


def test_no_module_is_large() -> None:
    sizes = {
        path.relative_to(SOURCE).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in SOURCE.rglob("*.py")
    }
    large = {
        name: lines
        for name, lines in sizes.items()
        if lines > MAX_MODULE_LINES and name not in EXEMPT_MODULES
    }
    assert large == {}


# The loader gives every record one shared empty set of "explicitly given" field names
# (`loading/modelerrors.py: compact`, `loading/model_pickle.py`): pydantic features that read
# it would silently see no field given, or fail. None may be used on a record.
FIELDS_SET_READERS = ("exclude_unset", "model_fields_set", "__pydantic_fields_set__")


def test_nothing_reads_the_records_set_of_given_fields() -> None:
    allowed = {"loading/modelerrors.py", "loading/model_pickle.py"}  # where it is set
    readers = {
        f"{path.relative_to(SOURCE).as_posix()}: {name}"
        for path in SOURCE.rglob("*.py")
        if path.relative_to(SOURCE).as_posix() not in allowed
        for name in FIELDS_SET_READERS
        if name in path.read_text(encoding="utf-8")
    }
    copies_with_update = {
        path.relative_to(SOURCE).as_posix()
        for path in SOURCE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "model_copy"
        and any(keyword.arg == "update" for keyword in node.keywords)
    }
    assert readers == set() and copies_with_update == set()
