"""twin-cities/<id>.yaml: twin cities (vänorter) and special cooperation agreements."""

from __future__ import annotations

from pydantic import StrictBool

from intlpolicy.models.common import Country, Id, SchemaVersion, Strict, Text, Year
from intlpolicy.vocabulary import Agreement


class TwinCity(Strict):
    schema_version: SchemaVersion
    example: StrictBool = False
    id: Id
    city: Text
    country: Country
    since: Year
    agreement: Agreement
