"""Exit codes, in one place."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # clean (warnings allowed), routed, rendered
    FINDINGS = 1  # errors in the records (or warnings with --strict), bad input
    USAGE = 2  # wrong options, missing data root
    INTERRUPTED = 130  # Ctrl-C


EXIT_CODES_HELP = (
    "Exit codes: 0 ok (warnings allowed), 1 findings or bad input "
    "(warnings too with --strict), 2 usage error."
)
