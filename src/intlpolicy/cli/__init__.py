"""The command line: parse options, call one library function, pick a renderer, exit.

Each command lives in its own module and registers itself on `app`. Heavy imports (the models,
YAML, jinja2, rich tables) happen inside the commands, so that `intlpolicy --help` starts fast.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import types

# Importing a command module registers its command on `app`.
from intlpolicy.cli import (
    annual_report_command,  # noqa: F401
    contact_command,  # noqa: F401
    fmt_command,  # noqa: F401
    history_command,  # noqa: F401
    init_command,  # noqa: F401
    list_command,  # noqa: F401
    migrate_command,  # noqa: F401
    new_command,  # noqa: F401
    notice_command,  # noqa: F401
    publish_command,  # noqa: F401
    rate_command,  # noqa: F401
    report_submit_command,  # noqa: F401
    route_command,  # noqa: F401
    schema_command,  # noqa: F401
    validate_command,  # noqa: F401
)
from intlpolicy.cli.app import app, data_root, today
from intlpolicy.exitcodes import ExitCode

__all__ = ["app", "data_root", "main", "run", "today"]


def main() -> None:
    """Run the command line: no traceback reaches the user; ends in SystemExit."""
    _without_pydantic_plugins()
    try:
        try:
            app(standalone_mode=True)
        finally:
            sys.stdout.flush()  # a full or closed stdout fails here, not at exit
    except KeyboardInterrupt:
        sys.stderr.write("intlpolicy: avbrutet\n")
        raise SystemExit(int(ExitCode.INTERRUPTED)) from None
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); nothing left to say.
        _discard_stdout()
        raise SystemExit(int(ExitCode.FINDINGS)) from None
    except OSError as exc:
        if exc.filename is not None or os.environ.get("INTLPOLICY_DEBUG"):
            _internal_error(exc)
        # Writing to stdout failed (`> /dev/full`): say where and why, in one line.
        from intlpolicy.editing.atomic import os_cause
        from intlpolicy.errors import MESSAGES

        line = MESSAGES["stdout-failed"].format(path=_stdout_name(), cause=os_cause(exc))
        _discard_stdout()
        sys.stderr.write(f"intlpolicy: {line}\n")
        raise SystemExit(int(ExitCode.FINDINGS)) from None
    except Exception as exc:  # a bug, not bad data: say so without a traceback
        _internal_error(exc)


def _internal_error(exc: Exception) -> None:
    if os.environ.get("INTLPOLICY_DEBUG"):
        raise exc
    # Python's own text of the error may be English: only a quoted detail.
    sys.stderr.write(
        f'intlpolicy: internt fel ({type(exc).__name__}: "{exc}"); '
        "kör igen med INTLPOLICY_DEBUG=1 och rapportera felet\n"
    )
    raise SystemExit(int(ExitCode.FINDINGS)) from None


def _discard_stdout() -> None:
    """Point stdout at the null device, so that Python's last flush at exit cannot fail
    again and print an `Exception ignored` message (as the Python documentation advises)."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):
        pass


def _stdout_name() -> str:
    try:
        return os.readlink(f"/proc/self/fd/{sys.stdout.fileno()}")
    except (OSError, ValueError):
        return "standardutdata"


def _without_pydantic_plugins() -> None:
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


def run() -> None:
    """Console entry point (`intlpolicy`, `python -m intlpolicy`): `main`, then a fast exit."""
    try:
        main()
    except SystemExit as stop:
        _exit_now(stop.code)


def _exit_now(code: int | str | None) -> None:
    """Flush what was written and leave without the interpreter's teardown (freeing every
    object and module one by one costs ~35 ms, longer than the daily run's work). Files the
    command wrote are closed by then; the exit handlers still run (a git process is ended and
    reaped); only stdout and stderr can still hold output."""
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = int(ExitCode.FINDINGS) if code in (None, 0) else code
    except (OSError, ValueError):
        pass
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    if code is None:
        os._exit(0)
    if isinstance(code, int):
        os._exit(code)
    with contextlib.suppress(OSError, ValueError):  # SystemExit("text"): printed, exit 1
        sys.stderr.write(f"{code}\n")
        sys.stderr.flush()
    os._exit(1)
