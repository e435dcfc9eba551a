"""The Jinja environment: packaged templates, overridable by a `templates/` folder beside the
data root. A missing variable is an error (StrictUndefined), never an empty string.

Every template, packaged or override, is rendered in Jinja's sandbox: whoever can push a
template to the records repository cannot reach Python's internals (`__globals__`, `os`) and
so cannot run a command; trying is a `template-broken` refusal."""

from __future__ import annotations

import contextlib
import traceback
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox
from jinja2.bccache import Bucket

from intlpolicy.errors import Refused
from intlpolicy.swedish import format_number, format_sek


def packaged_templates() -> Path:
    """Templates inside the installed package; in a checkout, the top-level templates/."""
    installed = Path(str(resources.files("intlpolicy"))) / "templates"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / "templates"


def environment(
    data_root: Path | None, autoescape: bool = False
) -> jinja2.sandbox.SandboxedEnvironment:
    folders = []
    if data_root is not None:
        beside = data_root.resolve().parent / "templates"
        if beside.is_dir() and beside != packaged_templates().resolve():
            folders.append(str(beside))
    folders.append(str(packaged_templates()))
    env = jinja2.sandbox.SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(folders),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=bytecode_cache(autoescape),
    )
    env.filters["number"] = format_number
    env.filters["sek"] = format_sek
    return env


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache of compiled templates, which a failure never reaches: an unwritable,
    vanished or corrupt cache only means compiling the template again. Entries are keyed by
    template name and file, and checked against the template's source, so an edited template
    or an override beside the data root is never served stale code."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a half-written or foreign file: compile instead
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def bytecode_cache(autoescape: bool) -> jinja2.BytecodeCache | None:
    """The compiled templates' cache in the user's cache folder ($XDG_CACHE_HOME/intlpolicy,
    else ~/.cache/intlpolicy), never beside the records; None when it cannot be made. Code
    compiled with autoescaping differs from code without, and Jinja's key is only the
    template's name and file: each setting has a folder of its own."""
    from intlpolicy.loading.cachefiles import cache_folder

    folder = cache_folder("templates", "escaped" if autoescape else "plain")
    return None if folder is None else _QuietBytecodeCache(folder)


class TemplateProblem(Refused):
    """A template cannot be rendered: a syntax error, a missing variable, a missing file.

    The message names the template file and line, since the fault is in the template (often
    an override beside the data root), not in the records or the tool.
    """


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as error:
        where = f"{error.filename or name}, rad {error.lineno}"
        raise TemplateProblem("template-broken", where=where, detail=error.message) from None
    except jinja2.TemplateNotFound as error:
        raise TemplateProblem("template-missing", name=error.name) from None
    except jinja2.TemplateError as error:
        frames = [
            f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".j2")
        ]
        where = f"{frames[-1].filename}, rad {frames[-1].lineno}" if frames else name
        detail = error.message or error
        if isinstance(error, jinja2.exceptions.SecurityError):
            detail = f'mallar körs i en sandlåda och får inte nå Pythons inre ("{detail}")'
        raise TemplateProblem("template-broken", where=where, detail=detail) from None
