"""The command line: parse options, call one library function, pick a renderer, exit.

Each command lives in its own module and registers itself on `app`. Heavy imports (the models,
YAML, jinja2, rich tables) happen inside the commands, so that `intlpolicy --help` starts fast.
"""

from __future__ import annotations

import os
import sys

# Importing a command module registers its command on `app`.
from intlpolicy.cli import (
    annual_report_command,  # noqa: F401
    history_command,  # noqa: F401
    list_command,  # noqa: F401
    new_command,  # noqa: F401
    publish_command,  # noqa: F401
    route_command,  # noqa: F401
    schema_command,  # noqa: F401
    validate_command,  # noqa: F401
)
from intlpolicy.cli.app import app, data_root, today
from intlpolicy.exitcodes import ExitCode

__all__ = ["app", "data_root", "main", "today"]


def main() -> None:
    """Console entry point: no traceback reaches the user."""
    try:
        app(standalone_mode=True)
    except KeyboardInterrupt:
        sys.stderr.write("intlpolicy: avbrutet\n")
        raise SystemExit(int(ExitCode.INTERRUPTED)) from None
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); nothing left to say.
        sys.stderr.close()
        raise SystemExit(int(ExitCode.FINDINGS)) from None
    except Exception as exc:  # a bug, not bad data: say so without a traceback
        if os.environ.get("INTLPOLICY_DEBUG"):
            raise
        # Python's own text of the error may be English: only a quoted detail.
        sys.stderr.write(
            f'intlpolicy: internt fel ({type(exc).__name__}: "{exc}"); '
            "kör igen med INTLPOLICY_DEBUG=1 och rapportera felet\n"
        )
        raise SystemExit(int(ExitCode.FINDINGS)) from None
