"""One family of refusals: every refusal is a `Refused` with a code from the one table of
texts, and every raise site names a code that exists, with the parameters its text needs."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import string
from pathlib import Path

import pytest

import intlpolicy
from intlpolicy.errors import MESSAGES, Refused, UnknownId

SOURCE = Path(intlpolicy.__file__).parent
# Problems inside the file and YAML readers that become findings, never refusals of a command;
# and the base of the family itself.
INTERNAL = {"YamlProblem", "NotUnicode", "NotARecordFile", "Refused"}


def _all_modules() -> None:
    for module in pkgutil.walk_packages(intlpolicy.__path__, "intlpolicy."):
        if module.name != "intlpolicy.__main__":  # that one runs the command line
            importlib.import_module(module.name)


def _refusal_classes() -> dict[str, type[Refused]]:
    _all_modules()
    found: dict[str, type[Refused]] = {}
    waiting: list[type[Refused]] = [Refused]
    while waiting:
        cls = waiting.pop()
        found[cls.__name__] = cls
        waiting.extend(cls.__subclasses__())
    return found


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_exception_the_package_defines_is_a_refusal() -> None:
    _all_modules()
    strays = []
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.name not in INTERNAL:
                bases = {ast.unparse(base) for base in node.bases}
                if bases & {"Exception", "ValueError", "RuntimeError", "OSError"}:
                    strays.append(f"{path.relative_to(SOURCE)}: {node.name}")
    assert strays == []


def test_every_raise_names_a_code_of_the_table_with_the_parameters_it_needs() -> None:
    classes = _refusal_classes()
    checked = 0
    problems = []
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            cls = classes.get(node.func.id)
            # Classes with a constructor of their own (UnknownId, GitCommandFailed) give their
            # code themselves; a code held in a variable is chosen among literals nearby.
            if cls is None or cls.__init__ is not Refused.__init__ or not node.args:
                continue
            where = f"{path.relative_to(SOURCE)}:{node.lineno}"
            code = node.args[0]
            if isinstance(code, ast.Name):
                continue
            if not (isinstance(code, ast.Constant) and isinstance(code.value, str)):
                problems.append(f"{where}: the code is not a literal string")
                continue
            if code.value not in MESSAGES:
                problems.append(f"{where}: '{code.value}' is not in errors.MESSAGES")
                continue
            given = {keyword.arg for keyword in node.keywords}
            if None not in given and not _fields(MESSAGES[code.value]) <= given:
                missing = _fields(MESSAGES[code.value]) - given
                problems.append(f"{where}: '{code.value}' needs {sorted(missing)}")
            checked += 1
    assert problems == []
    assert checked > 40  # the scan really found the raise sites


def test_a_code_outside_the_table_is_a_bug_not_a_message() -> None:
    with pytest.raises(KeyError):
        Refused("a message written at the raise site")


def test_a_refusal_reports_its_code_text_and_findings() -> None:
    refused = UnknownId("projektet", "green-transition", ["green-transitions", "blue-cities"])
    assert refused.as_dict() == {
        "code": "unknown-id",
        "message": "projektet 'green-transition' finns inte – menade du 'green-transitions'?",
        "findings": [],
    }
