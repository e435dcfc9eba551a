"""`intlpolicy notice`: record the notice a committee gave under the EU funding routine."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from intlpolicy.cli.app import DataOption, app
from intlpolicy.cli.edit_options import (
    DryRunOption,
    ProjectArgument,
    edit_target,
    show,
    text_option,
)

if TYPE_CHECKING:
    from intlpolicy.models.project import EuNetworkNotice, KsNotice

DateOption = Annotated[
    str, text_option("--date", "DATUM", "Dagen då informationen lämnades (ÅÅÅÅ-MM-DD).")
]
KsOption = Annotated[
    bool,
    typer.Option(
        "--ks-information",
        help="Informationsärende till kommunstyrelsen (totalbudget 12 miljoner kronor eller "
        "mer); kräver --diary-number.",
    ),
]
EuNetworkOption = Annotated[
    bool,
    typer.Option("--eu-network", help="Information via EU-nätverket (under 12 miljoner kronor)."),
]
DiaryNumberOption = Annotated[
    str | None,
    text_option(
        "--diary-number",
        "DIARIENUMMER",
        "Informationsärendets diarienummer hos kommunstyrelsen, som diariet skriver det.",
    ),
]


@app.command("notice")
def notice_command(
    project: ProjectArgument,
    day: DateOption,
    ks_information: KsOption = False,
    eu_network: EuNetworkOption = False,
    diary_number: DiaryNumberOption = None,
    dry_run: DryRunOption = False,
    data: DataOption = None,
) -> None:
    """Registrera nämndens anmälan enligt rutinen för EU-medel. Anmälan är ett
    informationsärende till kommunstyrelsen eller information via EU-nätverket.

    Uppgiften skrivs i projektets notices och kontrolleras som i validate innan filen
    skrivs; ändringen visas som en diff. Returkod 0 när uppgiften är registrerad (eller
    redan var det), 1 vid fel i indata eller posterna, 2 vid fel i kommandoraden.
    """
    from intlpolicy.cli.option_values import parse_date
    from intlpolicy.reports.edit_output import notice_notes, render_edit, replaced_notice_notes
    from intlpolicy.services.notice import record_notice

    notice = notice_of(ks_information, eu_network, parse_date(day, "--date"), diary_number)
    result = record_notice(edit_target(data, dry_run), project, notice)
    notes = replaced_notice_notes(result.previous, notice)
    show(render_edit(result.edit, notes + notice_notes(result.recorded, result.required)))


def notice_of(
    ks_information: bool, eu_network: bool, day: date, diary_number: str | None
) -> EuNetworkNotice | KsNotice:
    """The notice the options name: exactly one route, a diary number with KS only."""
    from intlpolicy.cli.option_values import model_from_options
    from intlpolicy.errors import UsageRefused
    from intlpolicy.models.project import EuNetworkNotice, KsNotice

    if ks_information == eu_network:
        advice = "ange antingen --ks-information eller --eu-network"
        if ks_information:
            both = "--ks-information och --eu-network"
            raise UsageRefused("fix-options-conflict", options=both, advice=advice)
        raise UsageRefused("fix-option-missing", option="vägen", advice=advice)
    if eu_network:
        if diary_number is not None:
            advice = "information via EU-nätverket har inget diarienummer"
            both = "--diary-number och --eu-network"
            raise UsageRefused("fix-options-conflict", options=both, advice=advice)
        return model_from_options(EuNetworkNotice, {"date": day}, {"date": "--date"})
    if diary_number is None:
        advice = "ett informationsärende registreras med sitt diarienummer hos kommunstyrelsen"
        raise UsageRefused("fix-option-missing", option="--diary-number", advice=advice)
    values = {"date": day, "diary_number": diary_number}
    options = {"date": "--date", "diary_number": "--diary-number"}
    return model_from_options(KsNotice, values, options)
