"""Running git: one command at a time, in a given folder, with git's errors as refusals."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any, Final

from intlpolicy.errors import Refused
from intlpolicy.swedish import os_cause

# Git exports these to hooks, and they point every git command at one repository whatever
# `-C` says. Here the data root decides the repository (validate runs in pre-commit hooks).
_LOCATING_VARIABLES = frozenset(
    {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_PREFIX"}
)


class GitError(Refused):
    """Git could not give what was asked: no git, no repository, no such revision or folder."""


# What a git command was doing, as a refusal says it: "git kunde inte läsa historiken".
ACTIONS: Final[dict[str, str]] = {
    "log": "läsa historiken",
    "ls-tree": "läsa filerna i revisionen",
    "rev-parse": "tolka revisionen",
    "status": "läsa arbetskopians status",
}


class GitCommandFailed(GitError):
    """A git command exited non-zero; `detail` is the first line git wrote on stderr, which
    the Swedish message quotes (git's own words may be English)."""

    def __init__(self, detail: str, action: str, **params: Any) -> None:
        super().__init__("git-command-failed", detail=detail, action=action, **params)
        self.detail = detail


def git_environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _LOCATING_VARIABLES}
    # `git status` would otherwise refresh and rewrite the index as a side effect.
    env["GIT_OPTIONAL_LOCKS"] = "0"
    return env


def git_command(cwd: Path, args: list[str]) -> list[str]:
    return ["git", "-C", str(cwd), "--literal-pathspecs", "--no-pager", *args]


def run_git(cwd: Path, *args: str, action: str | None = None) -> bytes:
    """The standard output of one git command run in `cwd`. `action` says what it does, for
    the refusal when it fails (default: by the git command, from ACTIONS)."""
    try:
        done = subprocess.run(
            git_command(cwd, list(args)), capture_output=True, env=git_environment(), check=False
        )
    except FileNotFoundError:
        raise GitError("git-not-installed") from None
    except OSError as exc:
        raise GitError("git-not-started", reason=os_cause(exc)) from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
        command = args[0] if args else ""
        raise GitCommandFailed(
            lines[0] if lines else f"git avslutades med kod {done.returncode}",
            action or ACTIONS.get(command, f"köra 'git {command}'"),
        )
    return done.stdout
