"""The console entry point (`intlpolicy`, `python -m intlpolicy`).

A `validate` run made again on the same records, in the same place and setting, prints the
output stored by the first (`loading/run_cache.py`) without importing typer, pydantic, PyYAML
or the commands. Else a `validate` run with plain options (--data, --format, --strict,
--no-cache) runs without typer (`cli/validate_run.py`), and any other run starts the command
line (`intlpolicy.cli`). Either way no traceback reaches the user, and the process ends
without the interpreter's slow teardown.
"""

from __future__ import annotations

import atexit
import os
import sys

TYPE_CHECKING = False  # typing itself costs more than the stored run's whole work
if TYPE_CHECKING:
    from collections.abc import Callable

    from intlpolicy.loading.run_cache import Plain, Stored

# As `exitcodes.ExitCode`, whose enum module is not loaded for a stored run.
_FINDINGS = 1
_INTERRUPTED = 130


def run() -> None:
    """Console entry point: the stored result or the command line, then a fast exit."""
    if sys.stderr is None:  # started with stderr closed (`2>&-`): its messages are not wanted
        sys.stderr = os.fdopen(os.open(os.devnull, os.O_WRONLY), "w", encoding="utf-8")
    if sys.stdout is None:
        _stdout_closed()
    try:
        guarded(_command)
    except SystemExit as stop:
        _exit_now(stop.code)


def _stdout_closed() -> None:
    """Started with stdout closed (`>&-`): Python has no stream for it, so the output could
    not be written anywhere. Say so, and do nothing else."""
    import errno

    from intlpolicy.errors import MESSAGES
    from intlpolicy.swedish import os_cause

    cause = os_cause(OSError(errno.EBADF, os.strerror(errno.EBADF)))
    line = MESSAGES["stdout-failed"].format(path="standardutdata", cause=cause)
    sys.stderr.write(f"intlpolicy: {line}\n")
    sys.stderr.flush()
    os._exit(_FINDINGS)


def _command() -> None:
    stored = _stored_result()
    if stored is None:
        plain = _plain_validate()
        if plain is not None:  # no typer needed to read its options
            from intlpolicy.cli.validate_run import run_plain

            run_plain(plain)
        from intlpolicy.cli import main

        main()
        return
    sys.stdout.write(stored.stdout)
    sys.stderr.write(stored.stderr)
    raise SystemExit(stored.exit_code)


def _stored_result() -> Stored | None:
    from intlpolicy.loading import run_cache

    try:
        this = run_cache.this_run(sys.argv[1:])
        key = None if this is None else run_cache.expect(this)
        return None if key is None else run_cache.stored_result(key)
    except Exception:  # the cache is never a reason to fail: run the command
        return None


def _plain_validate() -> Plain | None:
    """A `validate` run with plain options only, unless the shell asks typer to complete a
    word."""
    from intlpolicy.loading import run_cache

    if "_INTLPOLICY_COMPLETE" in os.environ:
        return None
    return run_cache.plain_validate(sys.argv[1:])


def guarded(body: Callable[[], None]) -> None:
    """Run `body`: no traceback reaches the user; ends in SystemExit (or returns)."""
    try:
        try:
            body()
        finally:
            sys.stdout.flush()  # a full or closed stdout fails here, not at exit
    except KeyboardInterrupt:
        sys.stderr.write("intlpolicy: avbrutet\n")
        raise SystemExit(_INTERRUPTED) from None
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); nothing left to say.
        _discard_stdout()
        raise SystemExit(_FINDINGS) from None
    except OSError as exc:
        if exc.filename is not None or os.environ.get("INTLPOLICY_DEBUG"):
            _internal_error(exc)
        # Writing to stdout failed (`> /dev/full`): say where and why, in one line.
        from intlpolicy.editing.atomic import os_cause
        from intlpolicy.errors import MESSAGES

        line = MESSAGES["stdout-failed"].format(path=_stdout_name(), cause=os_cause(exc))
        _discard_stdout()
        sys.stderr.write(f"intlpolicy: {line}\n")
        raise SystemExit(_FINDINGS) from None
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
    raise SystemExit(_FINDINGS) from None


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


def _exit_now(code: int | str | None) -> None:
    """Flush what was written and leave without the interpreter's teardown (freeing every
    object and module one by one costs ~35 ms, longer than the daily run's work). Files the
    command wrote are closed by then; the exit handlers still run (a git process is ended and
    reaped); only stdout and stderr can still hold output."""
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = _FINDINGS if code in (None, 0) else code
    except (OSError, ValueError):
        pass
    try:  # noqa: SIM105 - contextlib is not loaded for a stored run
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    if code is None:
        os._exit(0)
    if isinstance(code, int):
        os._exit(code)
    try:  # SystemExit("text"): printed, exit 1
        sys.stderr.write(f"{code}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(1)
