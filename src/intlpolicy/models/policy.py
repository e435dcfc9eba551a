"""policy/<id>.yaml: a version of the policy, with the date it came into force."""

from __future__ import annotations

from pydantic import StrictBool, field_validator

from intlpolicy.models.common import (
    SEK,
    Id,
    IsoDate,
    Money,
    SchemaVersion,
    Strict,
    Text,
    Year,
    fail,
)
from intlpolicy.vocabulary import DateBasis, FocusArea


class EuFundingRoutine(Strict):
    threshold: Money

    @field_validator("threshold")
    @classmethod
    def _threshold_in_sek(cls, value: Money) -> Money:
        if value.currency != SEK:
            raise fail("threshold-not-sek", currency=value.currency)
        return value


class Policy(Strict):
    schema_version: SchemaVersion
    example: StrictBool = False
    id: Id
    title: Text
    diary_number: Text
    adopted_by: Id
    adopted: IsoDate
    in_force_from: IsoDate
    # `planned`: the date is the planned meeting day from the decision planning
    # (*planerat datum enligt beslutsplaneringen*), until the city records the adopted one.
    in_force_from_basis: DateBasis = "adopted"
    # The policy's own words the rules rest on, quoted, by key (`ks-information`,
    # `eu-network`, `routine-scope`, `contact-person`, ...): the basis outputs cite.
    sentences: dict[Id, Text] = {}
    focus_areas: list[FocusArea]
    eu_funding_routine: EuFundingRoutine | None = None
    companies_in_eu_network: StrictBool = False
    # The policy's own step: kommunfullmäktige takes note of the compiled report every year
    # (new in 2024; the 2016 version has no such step).
    compiled_report_to_kf: StrictBool = False
    # The first year whose committees' reports the register holds (a fact about the register,
    # kept with the version in force when it started). The earliest one given counts.
    register_from: Year | None = None
    # The sending body on the documents intlpolicy makes (the yearly report, the
    # informationsärende): a fact about the documents, not the policy's words, kept with the
    # version from which it holds. The latest version in force on the document's date that
    # names one counts.
    issuer: Text | None = None

    @field_validator("issuer")
    @classmethod
    def _issuer_on_one_line(cls, value: str | None) -> str | None:
        if value is not None and ("\n" in value.strip() or "\r" in value):
            raise fail("issuer-not-one-line")
        return value
