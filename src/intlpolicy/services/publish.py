"""The lists the city publishes on its website: international networks and twin cities.

Since the 2024 revision the list of networks and twin cities is no longer an annex of the
policy but a page on the city's website; this module builds that list from the records.

What is published is public by nature: names of networks, cities and the city's own bodies.
Contact persons live in the organisation records and are never read here, so no personal
data can reach a published list. Pure apart from `build_publication`, which loads and
validates the data root; nothing prints and nothing exits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final, Literal

from intlpolicy.errors import Refused
from intlpolicy.loading.records import RecordSet
from intlpolicy.loading.store import Reader
from intlpolicy.models import Network, Organisation
from intlpolicy.swedish import swedish_key

ListName = Literal["networks", "twin-cities"]
LIST_NAMES: Final[tuple[ListName, ...]] = ("networks", "twin-cities")


class PublishRefused(Refused):
    """The list cannot be published: the records have errors."""


@dataclass(frozen=True, slots=True)
class Participation:
    """One of the city's bodies taking part in a network: its name and role, nothing else."""

    organisation_id: str
    organisation: str  # the organisation's name
    role: str  # member | board | observer | partner


@dataclass(frozen=True, slots=True)
class PublishedNetwork:
    id: str
    name: str
    url: str | None
    member_since: int | None
    participants: tuple[Participation, ...]


@dataclass(frozen=True, slots=True)
class PublishedTwinCity:
    id: str
    city: str
    country: str  # ISO 3166-1 alpha-2
    country_name: str  # in Swedish
    since: int
    agreement: str  # twin_city | special_cooperation


@dataclass(frozen=True, slots=True)
class Publication:
    name: ListName
    items: tuple[PublishedNetwork, ...] | tuple[PublishedTwinCity, ...]


def published_networks(records: RecordSet, today: date) -> list[PublishedNetwork]:
    """The networks the city takes part in on `today`, in Swedish alphabetical order.

    A network whose recorded participations have all ended (or not yet begun) is a former
    membership and is left out; one with no participants recorded is listed on its record.
    """
    networks = [
        _network(network, records.organisations, today)
        for network in records.networks.values()
        if not network.participants or any(p.covers(today) for p in network.participants)
    ]
    return sorted(networks, key=lambda n: (swedish_key(n.name), n.id))


def _network(
    network: Network, organisations: dict[str, Organisation], today: date
) -> PublishedNetwork:
    participants = {
        Participation(p.organisation, organisations[p.organisation].name, p.role)
        for p in network.participants
        if p.covers(today) and p.organisation in organisations
    }
    return PublishedNetwork(
        id=network.id,
        name=network.name,
        url=network.url,
        member_since=network.member_since,
        participants=tuple(
            sorted(participants, key=lambda p: (swedish_key(p.organisation), p.role))
        ),
    )


def published_twin_cities(records: RecordSet) -> list[PublishedTwinCity]:
    """Twin cities and special cooperation agreements, in Swedish alphabetical order."""
    cities = [
        PublishedTwinCity(
            id=city.id,
            city=city.city,
            country=city.country,
            country_name=country_name(city.country),
            since=city.since,
            agreement=city.agreement,
        )
        for city in records.twin_cities.values()
    ]
    return sorted(cities, key=lambda c: (swedish_key(c.city), c.id))


def country_name(code: str) -> str:
    """`EE` -> `Estland`; the code itself when the locale data has no name for it."""
    from babel import Locale

    name = Locale.parse("sv").territories.get(code)
    return str(name) if name else code


def build_publication(
    root: Path,
    display_root: str,
    name: ListName,
    today: date,
    *,
    reader: Reader | None = None,
) -> Publication:
    """Validate the data root and build one published list; errors in the records refuse it."""
    from intlpolicy.services.validate import validate_data_root

    result = validate_data_root(root, today, display_root, reader)
    if result.errors:
        count = len(result.errors)
        raise PublishRefused(
            f"listan publicerades inte: posterna innehåller {count} fel "
            "(rätta dem, se intlpolicy validate)",
            result.errors,
        )
    if name == "networks":
        return Publication(name, tuple(published_networks(result.records, today)))
    return Publication(name, tuple(published_twin_cities(result.records)))
