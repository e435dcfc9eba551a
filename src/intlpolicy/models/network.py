"""networks/<id>.yaml: international networks and the city's part in them."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, StrictBool, StrictStr

from intlpolicy.models.common import (
    URL_RE,
    Id,
    OpenPeriod,
    SchemaVersion,
    Strict,
    Text,
    Year,
    fail,
)
from intlpolicy.vocabulary import ParticipantRole


def validate_url(value: Any) -> Any:
    if isinstance(value, str) and not URL_RE.fullmatch(value):
        raise fail("invalid-url", value=value)
    return value


Url = Annotated[StrictStr, AfterValidator(validate_url)]


class Participant(OpenPeriod):
    """One of the city's bodies in the network. Outputs show it only with a `source`: who
    takes part, and in what role, is a fact the register must be able to back."""

    organisation: Id
    role: ParticipantRole
    source: Text | None = None

    @property
    def is_sourced(self) -> bool:
        return self.source is not None


class Network(Strict):
    schema_version: SchemaVersion
    example: StrictBool = False
    id: Id
    name: Text
    url: Url | None = None
    member_since: Year | None = None
    participants: list[Participant] = []
