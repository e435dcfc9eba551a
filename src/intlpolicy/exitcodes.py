"""Exit codes, in one place."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # clean (warnings allowed), routed, rendered
    FINDINGS = 1  # errors in the records (or warnings with --strict), bad input
    USAGE = 2  # wrong options, missing data root
    INTERRUPTED = 130  # Ctrl-C


EXIT_CODES_HELP = (
    "Returkoder: 0 klart (varningar tillåtna), 1 fel i posterna eller felaktiga uppgifter "
    "(med --strict även varningar), 2 fel i kommandoraden."
)
