"""organisations/<id>.yaml: committees, companies and other bodies of the city."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from pydantic import Field, StrictBool, ValidationInfo, field_validator

from intlpolicy.models.common import (
    Email,
    Id,
    IsoDate,
    OpenPeriod,
    SchemaVersion,
    Strict,
    Text,
    check_end_after_start,
    covers,
    fail,
)
from intlpolicy.vocabulary import OrganisationKind


class Contact(Strict):
    """An appointment of a contact person to the EU-nätverket; the current one has `to: null`."""

    name: Text
    email: Email
    from_: IsoDate = Field(alias="from")
    to: IsoDate | None = None

    @field_validator("to")
    @classmethod
    def _to_after_from(cls, value: date | None, info: ValidationInfo) -> date | None:
        check_end_after_start(info.data.get("from_"), value)
        return value

    def is_current(self, day: date) -> bool:
        return covers(self.from_, self.to, day)


class Organisation(Strict):
    schema_version: SchemaVersion
    example: StrictBool = False
    id: Id
    name: Text
    kind: OrganisationKind
    administration: Text | None = None
    parent: Id | None = None
    active: OpenPeriod
    eu_network_contacts: list[Contact] = []

    @field_validator("eu_network_contacts")
    @classmethod
    def _no_overlap(cls, contacts: list[Contact]) -> list[Contact]:
        ordered = sorted(contacts, key=lambda contact: contact.from_)
        for earlier, later in pairwise(ordered):
            # A handover on the same day is fine; a contact still open or ending later is not.
            if earlier.to is None or earlier.to > later.from_:
                raise fail("contacts-overlap", first=earlier.name, second=later.name)
        return contacts

    def current_contact(self, day: date) -> Contact | None:
        return next((c for c in self.eu_network_contacts if c.is_current(day)), None)
