"""`route-project --draft FILE`: the options of the informationsärende draft, checked before
anything is routed (the draft is written by `route_command.write_draft`).

The format follows the file's suffix (`reports.drafts.DRAFT_SUFFIXES`); any other suffix is a
usage error, so Markdown never lands in a file named `.html`.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from intlpolicy.reports.drafts import DraftDetails

DraftOption = Annotated[
    Path | None,
    typer.Option(
        metavar="FIL",
        help="Skriv ett utkast till informationsärende i tjänsteskrivelsens form till den här "
        "filen; filändelsen väljer formatet (.md Markdown, .html för utskrift, .pdf). Bara när "
        "vägen är informationsärende till kommunstyrelsen; går också utan registrerat "
        "projekt (med --budget och --organisation).",
        dir_okay=False,
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Skriv över filen i --draft.")]
DiaryNumberOption = Annotated[
    str | None,
    typer.Option(
        metavar="DIARIENUMMER",
        help="Utkastets diarienummer, som det står i diariet (fri text). Utan det: "
        "'Dnr: ej tilldelat'.",
    ),
]
DocumentDateOption = Annotated[
    str | None,
    typer.Option(
        metavar="ÅÅÅÅ-MM-DD",
        help="Utkastets datum (tjänsteskrivelsens datum).  [standard: i dag]",
    ),
]
MeetingDateOption = Annotated[
    str | None,
    typer.Option(
        metavar="ÅÅÅÅ-MM-DD",
        help="Nämndens sammanträde i utkastets beslutsplanering. Utan det: en rad att fylla i.",
    ),
]
KsMeetingDateOption = Annotated[
    str | None,
    typer.Option(
        metavar="ÅÅÅÅ-MM-DD",
        help="Kommunstyrelsens sammanträde i utkastets beslutsplanering. Utan det: en rad att "
        "fylla i.",
    ),
]


@dataclass(frozen=True, slots=True)
class DraftOptions:
    """The draft's options as typed."""

    target: Path | None
    force: bool
    diary_number: str | None
    document_date: str | None
    meeting_date: str | None
    ks_meeting_date: str | None

    def given_without_target(self) -> list[str]:
        options = {
            "--force": self.force or None,
            "--diary-number": self.diary_number,
            "--document-date": self.document_date,
            "--meeting-date": self.meeting_date,
            "--ks-meeting-date": self.ks_meeting_date,
        }
        return [name for name, value in options.items() if value is not None]

    def check(self, root: Path) -> None:
        """Refuse before any work: options that need --draft, a suffix that names no format,
        a file that is a record or exists (without --force), a date that is none."""
        from intlpolicy.cli.app import guard_output
        from intlpolicy.editing.atomic import WriteRefused
        from intlpolicy.errors import UsageRefused

        if self.target is None:
            if given := self.given_without_target():
                raise UsageRefused("draft-options-without-draft", options=", ".join(given))
            return
        guard_output(self.target, root)  # a record first: that refusal says the most
        if self.format() == "pdf":
            from intlpolicy.reports.pdf import check_pdf_renderer

            check_pdf_renderer()  # before any work: the one line that installs it
        self.details()
        if self.target.exists() and not self.force:
            raise WriteRefused("output-exists", path=self.target)

    def format(self) -> str:
        from intlpolicy.cli.document_options import suffix_format
        from intlpolicy.reports.drafts import DRAFT_SUFFIXES

        assert self.target is not None
        chosen = suffix_format(self.target, DRAFT_SUFFIXES, "--draft")
        assert chosen is not None  # a name without a suffix is refused too
        return chosen

    def details(self) -> "DraftDetails":
        from intlpolicy.cli.app import today
        from intlpolicy.cli.option_values import parse_date
        from intlpolicy.reports.drafts import DraftDetails

        def day(text: str | None, option: str) -> date | None:
            return parse_date(text, option) if text else None

        return DraftDetails(
            document_date=day(self.document_date, "--document-date") or today(),
            diary_number=" ".join(self.diary_number.split()) if self.diary_number else None,
            meeting_date=day(self.meeting_date, "--meeting-date"),
            ks_meeting_date=day(self.ks_meeting_date, "--ks-meeting-date"),
        )
