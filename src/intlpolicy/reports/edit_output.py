"""What the fixing commands print: the diff of the change on stdout (a patch as `diff -u`
writes it), and on stderr, in Swedish, what happened to the file and what follows from it
(the route that a new exchange rate changes, a notice other than the one the routine asks)."""

from __future__ import annotations

import shlex
from datetime import date
from typing import Protocol

from intlpolicy.checks.fixes import record_notice
from intlpolicy.labels import ROUTE_NAMES, ROUTE_TITLES
from intlpolicy.reports.findings_output import Rendered
from intlpolicy.routing import RouteDecision
from intlpolicy.text import printable
from intlpolicy.vocabulary import Route


class EditOutcome(Protocol):
    """The part of a service's edit result the output needs (`services.edits.EditResult`)."""

    @property
    def shown(self) -> str: ...
    @property
    def diff(self) -> str: ...
    @property
    def changed(self) -> bool: ...
    @property
    def written(self) -> bool: ...


class NoticeLike(Protocol):
    @property
    def date(self) -> date: ...


def status_line(edit: EditOutcome) -> str:
    shown = printable(edit.shown)
    if not edit.changed:
        return f"Ingen ändring: {shown} har redan de uppgifterna."
    if not edit.written:
        return (
            f"Provkörning (--dry-run): {shown} ändrades inte; ovan är ändringen som skulle göras."
        )
    return f"Ändrat: {shown}"


def render_edit(edit: EditOutcome, notes: tuple[str, ...] = ()) -> Rendered:
    lines = [status_line(edit), *notes]
    return Rendered(printable_diff(edit.diff), "".join(f"{line}\n" for line in lines))


def printable_diff(diff: str) -> str:
    """The diff, each line with control characters shown escaped (a record's text cannot
    reach the terminal raw)."""
    return "".join(printable(line.rstrip("\n")) + "\n" for line in diff.splitlines())


def submitted_notes(previous: date | None, day: date) -> tuple[str, ...]:
    """A note when `report-submit` replaces the day a report already had."""
    if previous is None or previous == day:
        return ()
    return (
        f"Obs: redovisningen hade redan dagen {previous.isoformat()} som inlämningsdag; "
        f"den ersätts av {day.isoformat()}.",
    )


def replaced_notice_notes(previous: NoticeLike | None, given: NoticeLike) -> tuple[str, ...]:
    """A note when `notice` replaces a notice of the same kind that said something else."""
    if previous is None or previous == given:
        return ()
    return (f"Obs: projektet hade redan {_notice_text(previous)}; den ersätts.",)


def _notice_text(notice: NoticeLike) -> str:
    number = getattr(notice, "diary_number", None)
    return f"en anmälan {notice.date.isoformat()}" + (f" ({number})" if number else "")


def notice_notes(recorded: Route, required: Route | None) -> tuple[str, ...]:
    """A note when the notice recorded is not the one the routine asks of the project."""
    if required == recorded:
        return ()
    if required is None:
        return ("Obs: rutinen för EU-medel gäller inte för projektet; ingen anmälan krävs.",)
    return (
        f"Obs: enligt rutinen krävs {ROUTE_NAMES[required]} för projektet, inte "
        f"{ROUTE_NAMES[recorded]}.",
    )


def route_notes(
    project: str, before: RouteDecision, after: RouteDecision, data: str | None = None
) -> tuple[str, ...]:
    """The route before and after a new exchange rate; when it changes and the notice the
    new route requires is missing, the command that records it (with the `--data` that
    `rate` was given, `data`)."""
    if before.route == after.route:
        return (f"Vägen är oförändrad: {ROUTE_TITLES[after.route]}.",)
    notes = [f"Vägen ändras: {ROUTE_TITLES[before.route]} → {ROUTE_TITLES[after.route]}."]
    notice = after.notice
    if notice is not None and notice.state == "missing":
        fix = record_notice(project, notice.required)
        if fix is not None:
            fix += "" if data is None else f" --data {shlex.quote(data)}"
            notes.append(f"Anmälan saknas för den nya vägen; registrera den: {fix}")
    return tuple(notes)
