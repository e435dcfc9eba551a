"""The Jinja environment: packaged templates, overridable by a `templates/` folder beside the
data root. A missing variable is an error (StrictUndefined), never an empty string."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import jinja2

from intlpolicy.reports.swedish import format_number, format_sek


def packaged_templates() -> Path:
    """Templates inside the installed package; in a checkout, the top-level templates/."""
    installed = Path(str(resources.files("intlpolicy"))) / "templates"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "templates"


def environment(data_root: Path | None, autoescape: bool = False) -> jinja2.Environment:
    folders = []
    if data_root is not None:
        beside = data_root.resolve().parent / "templates"
        if beside.is_dir() and beside != packaged_templates().resolve():
            folders.append(str(beside))
    folders.append(str(packaged_templates()))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["number"] = format_number
    env.filters["sek"] = format_sek
    return env
