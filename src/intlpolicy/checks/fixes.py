"""The commands that make the fixes the duties' findings ask for: a finding's `fix`.

What the records cannot know (the day a notice was given, a contact's name) is a placeholder
in capitals, the option's metavar in `--help` (DATUM, NAMN), one of `labels.PLACEHOLDERS`: run
as written, the command refuses it (`cli/edit_options.py`: a value that is a placeholder), so a
placeholder never reaches a record. Ids are slugs and years numbers, so only free text (a
rate's source) needs shell quoting.
"""

from __future__ import annotations

import shlex
from dataclasses import replace

from intlpolicy import labels
from intlpolicy.findings import Finding
from intlpolicy.vocabulary import Route

PROGRAM = "intlpolicy"
NAME = labels.PLACEHOLDER_NAME
EMAIL = labels.PLACEHOLDER_EMAIL
DATE = labels.PLACEHOLDER_DATE
DIARY_NUMBER = labels.PLACEHOLDER_DIARY_NUMBER
RATE = labels.PLACEHOLDER_RATE
SOURCE = labels.PLACEHOLDER_SOURCE
PLACEHOLDERS = labels.PLACEHOLDERS  # what each means: said when one is typed or left


def add_contact(organisation: str) -> str:
    return f"{PROGRAM} contact {organisation} --add {NAME} --email {EMAIL} --from {DATE}"


def record_notice(project: str, route: Route) -> str | None:
    if route == "ks_information":
        return (
            f"{PROGRAM} notice {project} --ks-information --date {DATE} "
            f"--diary-number {DIARY_NUMBER}"
        )
    if route == "eu_network":
        return f"{PROGRAM} notice {project} --eu-network --date {DATE}"
    return None


def refresh_rate(project: str, source: str | None, currency: str | None = None) -> str:
    """`currency`: given when the application's amounts are in more than one currency."""
    named = shlex.quote(source) if source is not None else SOURCE
    which = f" --currency {currency}" if currency is not None else ""
    return f"{PROGRAM} rate {project}{which} --rate {RATE} --date {DATE} --source {named}"


def submit_report(organisation: str, year: int) -> str:
    return f"{PROGRAM} report-submit {organisation} --year {year} --date {DATE}"


def new_report(organisation: str, year: int) -> str:
    return f"{PROGRAM} new report --organisation {organisation} --year {year}"


def as_run_from(findings: list[Finding], data: str | None, at_revision: bool) -> list[Finding]:
    """The fixes as commands to run where `validate` ran: with its `--data` when one was
    given (else the command finds the same data root), and none for the records of a git
    revision (`--rev`), whose fix is not an edit of the work tree."""
    if at_revision:
        return [replace(f, fix=None) if f.fix is not None else f for f in findings]
    if data is None:
        return findings
    suffix = f" --data {shlex.quote(data)}"
    return [replace(f, fix=f.fix + suffix) if f.fix is not None else f for f in findings]
