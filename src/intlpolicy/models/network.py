"""networks/<id>.yaml: international networks and the city's part in them."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, StrictStr

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
    organisation: Id
    role: ParticipantRole


class Network(Strict):
    schema_version: SchemaVersion
    id: Id
    name: Text
    url: Url | None = None
    member_since: Year | None = None
    participants: list[Participant] = []
