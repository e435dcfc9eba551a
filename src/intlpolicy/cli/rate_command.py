"""`intlpolicy rate`: refresh the exchange rate of a project's application amounts."""

from __future__ import annotations

from typing import Annotated

from intlpolicy.cli.app import DataOption, app
from intlpolicy.cli.edit_options import (
    DryRunOption,
    ProjectArgument,
    edit_target,
    show,
    text_option,
)

RateOption = Annotated[
    str,
    text_option(
        "--rate",
        "KURS",
        "Växelkursen i SEK per enhet av valutan, exakt som källan anger den (11.2050 eller "
        "11,2050).",
    ),
]
DateOption = Annotated[str, text_option("--date", "DATUM", "Dagen kursen gäller (ÅÅÅÅ-MM-DD).")]
SourceOption = Annotated[
    str, text_option("--source", "KÄLLA", "Var kursen kommer ifrån, t.ex. InforEuro.")
]
CurrencyOption = Annotated[
    str | None,
    text_option(
        "--currency", "VALUTA", "Valutan vars kurs uppdateras, när beloppen är i flera valutor."
    ),
]


@app.command("rate")
def rate_command(
    project: ProjectArgument,
    rate: RateOption,
    day: DateOption,
    source: SourceOption,
    currency: CurrencyOption = None,
    dry_run: DryRunOption = False,
    data: DataOption = None,
) -> None:
    """Uppdatera växelkursen för en ansökan om EU-medel. Kursen skrivs för totalbudgeten,
    EU-bidraget och den egna andelen i den valutan (senare utbetalningar behåller sina kurser).

    Vägen enligt rutinen för EU-medel visas före och efter; ändras den, sägs det (Vägen
    ändras: information via EU-nätverket → informationsärende till KS). En kommentar ovanför
    totalbudgeten som börjar "Totalbudget för hela projektet, alla partner:" skrivs om med den
    nya summan i kronor och den nya vägen; andra kommentarer lämnas orörda. Returkod 0 när
    kursen är uppdaterad, 1 vid fel i indata eller posterna, 2 vid fel i kommandoraden.
    """
    from intlpolicy.cli.option_values import model_from_options, parse_amount, parse_date
    from intlpolicy.models.common import ExchangeRate
    from intlpolicy.reports.edit_output import render_edit, route_notes
    from intlpolicy.services.rate import refresh_rate

    values = {
        "rate": parse_amount(rate, "--rate"),
        "date": parse_date(day, "--date"),
        "source": source,
    }
    options = {"rate": "--rate", "date": "--date", "source": "--source"}
    exchange_rate = model_from_options(ExchangeRate, values, options)
    result = refresh_rate(edit_target(data, dry_run), project, exchange_rate, currency)
    show(render_edit(result.edit, route_notes(result.project, result.before, result.after, data)))
