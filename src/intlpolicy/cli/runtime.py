"""What every command shares and what needs no typer: the data root, today, how a refusal is
said, and pydantic's plugin discovery switched off.

Kept apart from `cli/app.py` (the typer application) so that a plain `validate` run, which the
console entry point starts without typer (`cli/validate_run.py`), says and does exactly what
the same run through typer does.
"""

from __future__ import annotations

import os
import sys
import types
from contextvars import ContextVar
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from intlpolicy.errors import Refused
    from intlpolicy.loading.git import GitReader

# Set by a command whose output is JSON, so that a refusal is reported as JSON too.
json_refusals: ContextVar[bool] = ContextVar("json_refusals", default=False)


def refusals_as_json(enabled: bool) -> None:
    """Report a refusal of this run as a JSON object on stdout (for `--format json`)."""
    json_refusals.set(enabled)


def report_refusal(refused: Refused) -> None:
    """The findings that explain a refusal, one per line, then its message, on stderr; or,
    for a JSON command, one object `{"ok": false, "refused": {code, message, findings}}` on
    stdout."""
    if json_refusals.get():
        import json

        document = {"ok": False, "refused": refused.as_dict()}
        _say(sys.stdout, json.dumps(document, ensure_ascii=False, indent=2))
        return
    from intlpolicy.reports.findings_output import text_line
    from intlpolicy.text import printable

    for finding in [] if refused.findings_in_message else refused.findings:
        _say(sys.stderr, text_line(finding))
    _say(sys.stderr, f"intlpolicy: {printable(refused.message)}")


def _say(stream: TextIO, line: str) -> None:
    """One line, at once (as typer.echo writes it)."""
    stream.write(line + "\n")
    stream.flush()


def data_root(option: str | None, *, at_revision: bool = False) -> tuple[Path, str]:
    """The data root and the form of it that findings start with: as the user wrote it, or,
    when found from the current folder upwards, relative to the current folder.

    `at_revision`: the root is read from git (`--rev`), so a given one need not exist in the
    work tree.
    """
    from intlpolicy.loading.root import resolve_data_root

    home = os.environ.get("HOME")
    found = resolve_data_root(
        option,
        os.environ.get("INTLPOLICY_DATA"),
        Path.cwd(),
        Path(home) if home else None,
        at_revision=at_revision,
    )
    return found.path, found.shown


def revision_reader(root: Path, shown: str, rev: str | None) -> GitReader | None:
    """The data root's files at `rev` (None without --rev: read the disk).

    Refuses (GitError, with its code) when git cannot give them. The reader's git process
    ends when the reader is dropped, at the latest when the command ends.
    """
    if rev is None:
        return None
    from intlpolicy.loading.git import GitReader

    reader = GitReader(root, rev, shown)
    _say(
        sys.stderr,
        f"Datamappen {shown} läses från git-revisionen {rev} (commit {reader.short_commit}), "
        "inte från arbetskopian.",
    )
    return reader


def today() -> date:
    """Today, or the day named by $INTLPOLICY_TODAY (for reproducible runs and tests)."""
    value = os.environ.get("INTLPOLICY_TODAY")
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        from intlpolicy.errors import UsageRefused

        raise UsageRefused("bad-today", value=value) from None


def without_pydantic_plugins() -> None:
    """No pydantic plugin is used: skip their discovery, which scans every installed package
    and imports `importlib.metadata` (~10 ms) even when switched off by the documented
    PYDANTIC_DISABLE_PLUGINS. A plugin list the user names in that variable is respected."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    name = "pydantic.plugin._loader"
    switched_off = os.environ["PYDANTIC_DISABLE_PLUGINS"] in ("__all__", "1", "true")
    if switched_off and name not in sys.modules:  # pydantic asks it at its first model
        loader = types.ModuleType(name)
        setattr(loader, "get_plugins", lambda: ())  # noqa: B010 - a module built here
        sys.modules[name] = loader
