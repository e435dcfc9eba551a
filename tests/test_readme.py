"""Every `intlpolicy ...` line in the README's ```sh and ```console blocks runs as written, in a
fresh clone, on the embedded data.

The clone is a throw-away git repository in tmp_path with the repository's `data/` and
`templates/` (first commit) and `README.md` (second commit), so `HEAD~1` exists however this
checkout was cloned (CI clones one commit deep), and the examples that write files (`new`,
`--output`) never touch this checkout. Each line runs from the clone's top folder, through the
one `invoke`, after the `git ...` lines above it in the same block (`git tag kf-2025-05`).

Markers, in a line's shell comment:
- `exit N`: the exit code the README states for the line (`# no such tag: exit 1`); else 0.
- `not run: why`: the line is deliberately not run (the test reports it as skipped, with why).
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import Repo, invoke

TOP = Path(__file__).resolve().parent.parent
README = TOP / "README.md"

_FENCE = re.compile(r"^```(\S*)\s*$")
_EXIT = re.compile(r"\bexit (\d+)\b")
_NOT_RUN = re.compile(r"\bnot run: *(.+)$")
_COMMENT = re.compile(r"(?:^|\s)#\s?(.*)$")


@dataclass(frozen=True)
class Example:
    line: int  # 1-based, in the README
    command: str  # as written, without its comment
    before: tuple[str, ...]  # the `git ...` lines above it in the same block
    exit_code: int
    not_run: str  # why the line is not run; "" when it is

    @property
    def id(self) -> str:
        return f"README.md:{self.line}"


def _commands(block: str, line: str) -> list[str]:
    """The commands a line of a block gives: in ```console only `$ ...` lines, in ```sh each
    `&&`-separated part."""
    if block == "console":
        return [line[2:]] if line.startswith("$ ") else []
    return [part.strip() for part in line.split("&&")]


def examples(text: str) -> list[Example]:
    """The intlpolicy lines of the ```sh and ```console blocks of a Markdown text."""
    found: list[Example] = []
    block: str | None = None
    before: list[str] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        number, line = index + 1, lines[index]
        index += 1
        fence = _FENCE.match(line)
        if fence:
            block, before = (fence.group(1), []) if block is None else (None, [])
            continue
        if block not in ("sh", "console"):
            continue
        while line.endswith("\\") and index < len(lines):
            line = line[:-1].rstrip() + " " + lines[index].strip()
            index += 1
        for part in _commands(block, line):
            comment_match = _COMMENT.search(part)
            comment = comment_match.group(1) if comment_match else ""
            command = part[: comment_match.start()].strip() if comment_match else part
            if command.startswith("git "):
                before.append(command)
            elif command.startswith("intlpolicy"):
                stated = _EXIT.search(comment)
                not_run = _NOT_RUN.search(comment)
                found.append(
                    Example(
                        number,
                        command,
                        tuple(before),
                        int(stated.group(1)) if stated else 0,
                        not_run.group(1).strip() if not_run else "",
                    )
                )
    return found


README_EXAMPLES = examples(README.read_text(encoding="utf-8"))


@pytest.fixture
def fresh_clone(tmp_path: Path, git_isolated: None) -> Path:
    top = tmp_path / "intlpolicy"
    top.mkdir()
    repository = Repo(top)
    for folder in ("data", "templates"):
        shutil.copytree(TOP / folder, top / folder)
    repository.commit("Posterna och mallarna")
    shutil.copy(README, top / "README.md")
    repository.commit("README")
    return top


@pytest.mark.parametrize("example", README_EXAMPLES, ids=[e.id for e in README_EXAMPLES])
def test_readme_example_runs_as_written(
    example: Example, fresh_clone: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if example.not_run:
        pytest.skip(f"{example.id} is marked not run: {example.not_run}")
    monkeypatch.chdir(fresh_clone)
    for git_line in example.before:
        subprocess.run(shlex.split(git_line), cwd=fresh_clone, check=True, capture_output=True)
    words = shlex.split(example.command, comments=True)
    result = invoke(*words[1:])
    assert result.exit_code == example.exit_code, (
        f"{example.id}: `{example.command}` exited {result.exit_code}, the README says "
        f"{example.exit_code}\n{result.output}"
    )


def test_the_readme_has_runnable_examples_of_every_command() -> None:
    commands = {shlex.split(e.command)[1] for e in README_EXAMPLES if not e.not_run}
    assert {"validate", "route-project", "annual-report", "publish", "list", "new"} <= commands
    assert {"history"} <= commands
    assert any("--rev" in e.command for e in README_EXAMPLES)


SAMPLE = """\
Text.

```sh
intlpolicy validate --data data && intlpolicy list projects
git tag v1
intlpolicy annual-report --year 2024 \\
    --rev v1                     # as tagged
intlpolicy validate --rev nope   # no such revision: exit 1
intlpolicy --install-completion  # not run: changes the shell's start files
```

```console
$ intlpolicy route-project x
Projekt: x
```

```text
intlpolicy validate
```
"""


def test_the_extractor_finds_lines_exits_and_markers() -> None:
    found = examples(SAMPLE)
    assert [(e.line, e.command, e.exit_code, e.not_run) for e in found] == [
        (4, "intlpolicy validate --data data", 0, ""),
        (4, "intlpolicy list projects", 0, ""),
        (6, "intlpolicy annual-report --year 2024 --rev v1", 0, ""),
        (8, "intlpolicy validate --rev nope", 1, ""),
        (9, "intlpolicy --install-completion", 0, "changes the shell's start files"),
        (13, "intlpolicy route-project x", 0, ""),
    ]
    assert found[2].before == ("git tag v1",)
    assert found[0].before == ()
    assert found[-1].before == ()  # a new block starts without the other block's git lines
