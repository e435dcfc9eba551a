"""projects/<id>.yaml: international projects and EU funding applications."""

from __future__ import annotations

from datetime import date

from pydantic import StrictBool, ValidationInfo, field_validator

from intlpolicy.models.common import (
    Country,
    Id,
    IsoDate,
    Money,
    SchemaVersion,
    Strict,
    Text,
    Year,
    check_end_after_start,
    fail,
)
from intlpolicy.vocabulary import Decision, FocusArea, Role


class Funding(Strict):
    eu: StrictBool
    programme: Text | None = None
    fund: Text | None = None


class Application(Strict):
    submitted: IsoDate | None = None
    decision: Decision = "pending"
    decided: IsoDate | None = None

    @field_validator("decided")
    @classmethod
    def _decided_after_submitted(cls, value: date | None, info: ValidationInfo) -> date | None:
        if value is None:
            return value
        if info.data.get("decision") == "pending":
            raise fail("decided-while-pending")
        submitted = info.data.get("submitted")
        if submitted is not None and value < submitted:
            raise fail(
                "decided-before-submitted",
                decided=value.isoformat(),
                submitted=submitted.isoformat(),
            )
        return value


class ProjectPeriod(Strict):
    start: IsoDate
    end: IsoDate

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, value: date, info: ValidationInfo) -> date:
        check_end_after_start(info.data.get("start"), value)
        return value


class Partner(Strict):
    name: Text
    country: Country


class EuNetworkNotice(Strict):
    date: IsoDate


class KsNotice(Strict):
    date: IsoDate
    diary_number: Text


class Notices(Strict):
    eu_network: EuNetworkNotice | None = None
    ks_information: KsNotice | None = None


class Payment(Money):
    """Money received during a calendar year."""

    year: Year


class Project(Strict):
    schema_version: SchemaVersion
    example: StrictBool = False
    id: Id
    title: Text
    organisation: Id
    role: Role
    funding: Funding
    total_budget: Money
    eu_contribution: Money | None = None
    application: Application | None = None
    period: ProjectPeriod | None = None
    focus_areas: list[FocusArea] = []
    partners: list[Partner] = []
    notices: Notices = Notices()
    own_budget: Money | None = None
    payments: list[Payment] = []

    def application_amounts(self) -> list[tuple[str, Money]]:
        """The amounts that describe the application, by field: those whose exchange rates
        the routine judges (a later payment's rate is not one of them)."""
        fields = (
            ("total_budget", self.total_budget),
            ("eu_contribution", self.eu_contribution),
            ("own_budget", self.own_budget),
        )
        return [(name, money) for name, money in fields if money is not None]

    @field_validator("eu_contribution")
    @classmethod
    def _contribution_within_budget(cls, value: Money | None, info: ValidationInfo) -> Money | None:
        total = info.data.get("total_budget")
        if value is None or total is None or value.currency != total.currency:
            return value
        if value.amount > total.amount:
            raise fail(
                "eu-contribution-exceeds-budget",
                contribution=f"{value.amount} {value.currency}",
                total=f"{total.amount} {total.currency}",
            )
        return value
