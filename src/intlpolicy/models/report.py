"""reports/<year>/<organisation>.yaml: a committee's yearly report of its international work."""

from __future__ import annotations

from pydantic import StrictBool, ValidationInfo, field_validator

from intlpolicy.models.common import (
    Country,
    Id,
    IsoDate,
    SchemaVersion,
    Strict,
    Text,
    Year,
    fail,
)
from intlpolicy.vocabulary import ActivityKind, FocusArea


class Activity(Strict):
    title: Text
    focus_area: FocusArea
    kind: ActivityKind
    networks: list[Id] = []
    twin_cities: list[Id] = []
    projects: list[Id] = []
    countries: list[Country] = []
    description: Text | None = None


class Report(Strict):
    schema_version: SchemaVersion
    example: StrictBool = False
    organisation: Id
    year: Year
    submitted: IsoDate | None = None
    summary: Text
    # The committee's explicit statement that it had no international work during the year:
    # a submitted report without activities is a report only with it.
    no_international_work: StrictBool = False
    activities: list[Activity] = []

    @field_validator("activities")
    @classmethod
    def _no_activities_without_work(
        cls, value: list[Activity], info: ValidationInfo
    ) -> list[Activity]:
        if value and info.data.get("no_international_work"):
            raise fail("no-work-with-activities", count=len(value))
        return value

    @property
    def is_submitted(self) -> bool:
        """A report, not a draft: submitted, and with activities or the statement of none."""
        return self.submitted is not None and (bool(self.activities) or self.no_international_work)

    @property
    def key(self) -> str:
        return f"{self.year}/{self.organisation}"
