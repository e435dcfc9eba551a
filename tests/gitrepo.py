"""A throw-away git repository for tests: fixed authors and dates, no user configuration."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


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
