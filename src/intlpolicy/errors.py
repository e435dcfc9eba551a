"""The one family of refusals: a command cannot do what was asked, and nothing was changed.

Library code raises a subclass of `Refused`; the command line catches the base once, prints
the message (and any findings that explain it) and exits with the refusal's exit code.
"""

from __future__ import annotations

from collections.abc import Sequence

from intlpolicy.exitcodes import ExitCode
from intlpolicy.findings import Finding


class Refused(Exception):
    """A command cannot do what was asked; nothing was changed.

    `message` says why, in Swedish; `findings` locate the errors in the records when there
    are any. Each library module refuses with its own subclass, and the CLI reports them all
    the same way.
    """

    exit_code: ExitCode = ExitCode.FINDINGS

    def __init__(self, message: str, findings: Sequence[Finding] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.findings: list[Finding] = list(findings or [])
