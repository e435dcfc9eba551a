"""`intlpolicy contact`: an organisation's contact persons to the EU-nätverket."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from intlpolicy.cli.app import DataOption, app
from intlpolicy.cli.edit_options import (
    DryRunOption,
    OrganisationArgument,
    edit_target,
    show,
    text_option,
)

if TYPE_CHECKING:
    from intlpolicy.errors import UsageRefused
    from intlpolicy.models.organisation import Contact

AddOption = Annotated[
    str | None,
    text_option("--add", "NAMN", "Lägg till en kontaktperson (kräver --email och --from)."),
]
EmailOption = Annotated[str | None, text_option("--email", "E-POST", "Kontaktpersonens e-post.")]
FromOption = Annotated[
    str | None, text_option("--from", "DATUM", "Första dagen som kontaktperson (ÅÅÅÅ-MM-DD).")
]
EndOption = Annotated[
    str | None,
    text_option("--end", "NAMN", "Avsluta den här kontaktpersonens uppdrag (kräver --to)."),
]
ToOption = Annotated[
    str | None, text_option("--to", "DATUM", "Sista dagen som kontaktperson (ÅÅÅÅ-MM-DD).")
]
OPTION_NAMES = {"add": "--add", "email": "--email", "from_": "--from", "to": "--to"}


@app.command("contact")
def contact_command(
    organisation: OrganisationArgument,
    add: AddOption = None,
    email: EmailOption = None,
    from_: FromOption = None,
    end: EndOption = None,
    to: ToOption = None,
    dry_run: DryRunOption = False,
    data: DataOption = None,
) -> None:
    """Lägg till eller avsluta en kontaktperson till EU-nätverket. Varje nämnd ska ha en
    aktuell kontaktperson (utan slutdatum); en ny tar över när den förra har avslutats.

    Kontaktpersonen är en personuppgift: den skrivs i organisationens post men publiceras
    aldrig (publish visar bara organisationer). Returkod 0 när posten är ändrad, 1 vid fel i
    indata eller posterna, 2 vid fel i kommandoraden.
    """
    from intlpolicy.cli.option_values import parse_date
    from intlpolicy.reports.edit_output import render_edit
    from intlpolicy.services.contacts import add_contact, end_contact

    target = edit_target(data, dry_run)
    if end is not None:
        _only("--end", add=add, email=email, from_=from_)
        if to is None:
            raise _missing("--to", "ange sista dagen med --to DATUM")
        result = end_contact(target, organisation, end, parse_date(to, "--to"))
    else:
        result = add_contact(target, organisation, contact_of(add, email, from_, to))
    show(render_edit(result))


def _only(option: str, **others: str | None) -> None:
    given = [OPTION_NAMES[name] for name, value in others.items() if value is not None]
    if given:
        from intlpolicy.errors import UsageRefused

        advice = "lägg till och avsluta med två kommandon"
        options = f"{option} och {given[0]}"
        raise UsageRefused("fix-options-conflict", options=options, advice=advice)


def _missing(option: str, advice: str) -> UsageRefused:
    from intlpolicy.errors import UsageRefused

    return UsageRefused("fix-option-missing", option=option, advice=advice)


def contact_of(name: str | None, email: str | None, day: str | None, to: str | None) -> Contact:
    """The new contact the options give: a name, an e-mail address and a first day."""
    from intlpolicy.cli.option_values import model_from_options, parse_date
    from intlpolicy.models.organisation import Contact

    if name is None:
        advice = "ange --add NAMN (en ny kontaktperson) eller --end NAMN (avsluta en)"
        raise _missing("--add eller --end", advice)
    _only("--add", to=to)
    if email is None or day is None:
        option = "--email" if email is None else "--from"
        raise _missing(option, "en ny kontaktperson anges med --add, --email och --from")
    values = {"name": name, "email": email, "from": parse_date(day, "--from")}
    options = {"name": "--add", "email": "--email", "from": "--from"}
    return model_from_options(Contact, values, options)
