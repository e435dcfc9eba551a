"""What the fixing commands (`notice`, `contact`, `rate`, `report-submit`) share on the
command line: the record arguments, `--dry-run`, the target of the edit and its output."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from intlpolicy.cli.app import data_root, today

if TYPE_CHECKING:
    from intlpolicy.reports.findings_output import Rendered
    from intlpolicy.services.record_edits import EditTarget


def text_option(name: str, metavar: str, help_text: str) -> Any:
    """An option that takes a text (a name, a date as ÅÅÅÅ-MM-DD), shown by its metavar.
    A value that is a fix's placeholder (NAMN, DATUM: the hint run as written) is refused
    before the command runs, also in a dry run."""

    def not_a_placeholder(value: str | None) -> str | None:
        refuse_placeholder(name, value)
        return value

    return typer.Option(
        name, metavar=metavar, help=help_text, show_default=False, callback=not_a_placeholder
    )


def refuse_placeholder(option: str, value: str | None) -> None:
    """The one check of the values typed to a fixing command: a placeholder of the hints
    (`checks.fixes.PLACEHOLDERS`) is a usage error naming the option and what to write."""
    from intlpolicy.checks.fixes import PLACEHOLDERS
    from intlpolicy.errors import UsageRefused

    if value is not None and value in PLACEHOLDERS:
        what = PLACEHOLDERS[value]
        raise UsageRefused("fix-placeholder", option=option, placeholder=value, what=what)


ProjectArgument = Annotated[
    str,
    typer.Argument(
        metavar="PROJEKT",
        help="Projektets id (t.ex. green-transitions) eller sökvägen till dess fil.",
        show_default=False,
    ),
]
OrganisationArgument = Annotated[
    str,
    typer.Argument(
        metavar="ORGANISATION",
        help="Organisationens id, t.ex. kulturnamnden.",
        show_default=False,
    ),
]
DryRunOption = Annotated[
    bool,
    typer.Option("--dry-run", help="Visa ändringen (som en diff) men skriv ingenting."),
]


def edit_target(data: str | None, dry_run: bool) -> EditTarget:
    from intlpolicy.services.record_edits import EditTarget

    root, shown = data_root(data)
    return EditTarget(root, shown, today(), dry_run)


def show(rendered: Rendered) -> None:
    """The diff on stdout, then what happened on stderr."""
    sys.stdout.write(rendered.stdout)
    sys.stdout.flush()
    sys.stderr.write(rendered.stderr)
