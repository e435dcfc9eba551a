"""`contact`: an organisation's contact persons to the EU-nätverket, with their periods.

`--add` appends an appointment (`to: null` while it lasts); `--end` gives the current one its
last day. A contact is personal data: it is written to the record and shown in the diff of
the change, and never published (`publish` lists organisations only).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from intlpolicy.editing.node_edits import (
    append_like_siblings,
    block_sequence,
    set_in_model_order,
    update_mapping,
)
from intlpolicy.errors import UnknownId
from intlpolicy.loading.files import display_path
from intlpolicy.loading.selection import load_organisation
from intlpolicy.models import Organisation
from intlpolicy.models.organisation import Contact
from intlpolicy.services.edits import EditResult
from intlpolicy.services.record_edits import (
    EditTarget,
    FixRefused,
    edit_record,
    not_in_future,
    one_line_errors,
)

FIELD = "eu_network_contacts"


def _organisation(target: EditTarget, organisation_id: str) -> tuple[Organisation, Path]:
    organisation = load_organisation(target.root, target.display_root, organisation_id)
    return organisation, target.root / "organisations" / f"{organisation.id}.yaml"


@one_line_errors()
def add_contact(target: EditTarget, organisation_id: str, contact: Contact) -> EditResult:
    """Append `contact`; refused when it starts after today (an appointment is added when it
    begins: a future one would not count as current and would block the one that does), and
    while another appointment is open from before it starts (end that one first: two
    contacts at once overlap)."""
    not_in_future(contact.from_, target.today, "--from")
    organisation, path = _organisation(target, organisation_id)
    for current in organisation.eu_network_contacts:
        if current.to is None and current.from_ <= contact.from_:
            raise FixRefused(
                "contact-current-exists",
                organisation=organisation.name,
                name=current.name,
                since=current.from_.isoformat(),
            )
    item = contact.model_dump(mode="python", by_alias=True)

    def change(data: CommentedMap) -> None:
        contacts = data.get(FIELD)
        if isinstance(contacts, CommentedSeq) and len(contacts):
            append_like_siblings(contacts, item)
        else:  # missing, null or `[]`: a block list, one field a line
            set_in_model_order(data, FIELD, block_sequence([item]), Organisation)

    return edit_record(target, path, change, {FIELD: f"--from {contact.from_.isoformat()}"})


@one_line_errors()
def end_contact(target: EditTarget, organisation_id: str, name: str, to: date) -> EditResult:
    """Give the open appointment of `name` its last day `to`."""
    organisation, path = _organisation(target, organisation_id)
    contacts = organisation.eu_network_contacts
    open_ones = [i for i, c in enumerate(contacts) if c.name == name and c.to is None]
    if not open_ones:
        ended = [c for c in contacts if c.name == name]
        if ended:
            raise FixRefused("contact-already-ended", name=name, to=_last_day(ended))
        current = [c.name for c in contacts if c.to is None]
        raise UnknownId("kontaktpersonen", name, current, f" hos {organisation.name}")
    index = open_ones[0]
    since = contacts[index].from_
    if to < since and since > target.today:  # entered ahead of time (by hand, or before
        # `--add` refused a future start): nothing to end, the entry is to be struck out
        shown = display_path(target.display_root, path.relative_to(target.root).as_posix())
        raise FixRefused("contact-not-started", name=name, since=since.isoformat(), file=shown)
    if to < since:
        raise FixRefused(
            "contact-end-before-start", to=to.isoformat(), since=since.isoformat(), name=name
        )

    def change(data: CommentedMap) -> None:
        update_mapping(data[FIELD][index], {"to": to})

    return edit_record(target, path, change, {FIELD: f"--to {to.isoformat()}"})


def _last_day(contacts: list[Contact]) -> str:
    days = [c.to for c in contacts if c.to is not None]
    return max(days).isoformat() if days else ""
