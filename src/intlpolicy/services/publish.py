"""`publish`: validate the data root, then pick the list the city publishes on its website.

The lists themselves are `intlpolicy.publication` (pure); their formats are
`reports/publish_output.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from intlpolicy.errors import Refused
from intlpolicy.publication import ListName, Publication, publication
from intlpolicy.services.validate import Source, valid_records


class PublishRefused(Refused):
    """The list cannot be published: the records have errors."""


@dataclass(frozen=True, slots=True)
class PublishRequest:
    """What `publish` was asked for: which list, from which records, as of which day."""

    source: Source
    name: ListName
    today: date


def build_publication(request: PublishRequest) -> Publication:
    """One published list; errors in the records refuse it (warnings do not)."""
    result = valid_records(request.source, request.today, PublishRefused, "publish-records-invalid")
    return publication(result.records, request.name, request.today)
