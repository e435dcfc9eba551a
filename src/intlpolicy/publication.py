"""The lists the city publishes on its website: international networks and twin cities.

Since the 2024 revision the list of networks and twin cities is no longer an annex of the
policy but a page on the city's website; this module picks that list from the records.

What is published is public by nature: names of networks, cities and the city's own bodies.
Contact persons live in the organisation records and are never read here, so no personal
data can reach a published list. Pure: records in, lists out; the Swedish country names
and the formats are the renderers' (`reports/publish_output.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Final, Literal

from intlpolicy.swedish import swedish_key

if TYPE_CHECKING:  # the command line reads LIST_NAMES without loading the models
    from intlpolicy.loading.records import RecordSet
    from intlpolicy.models import Network, Organisation

ListName = Literal["networks", "twin-cities"]
LIST_NAMES: Final[tuple[ListName, ...]] = ("networks", "twin-cities")


@dataclass(frozen=True, slots=True)
class Participation:
    """One of the city's bodies taking part in a network: its name and role, nothing else."""

    organisation_id: str
    organisation: str  # the organisation's name
    role: str  # member | board | observer | partner
    kind: str  # committee | company | other: a committee's name is lower case mid-sentence


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
    since: int
    agreement: str  # twin_city | special_cooperation


@dataclass(frozen=True, slots=True)
class Publication:
    name: ListName
    items: tuple[PublishedNetwork, ...] | tuple[PublishedTwinCity, ...]


def publication(records: RecordSet, name: ListName, today: date) -> Publication:
    """One published list as it stands on `today`."""
    if name == "networks":
        return Publication(name, tuple(published_networks(records, today)))
    return Publication(name, tuple(published_twin_cities(records)))


def published_networks(records: RecordSet, today: date) -> list[PublishedNetwork]:
    """The networks the city takes part in on `today`, in Swedish alphabetical order.

    A network whose recorded participations have all ended (or not yet begun) is a former
    membership and is left out; one with no participants recorded is listed on its record.
    Only participations recorded with a `source` are named: the list says nothing the
    register cannot back.
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
        Participation(
            p.organisation,
            organisations[p.organisation].name,
            p.role,
            organisations[p.organisation].kind,
        )
        for p in network.participants
        if p.is_sourced and p.covers(today) and p.organisation in organisations
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
            since=city.since,
            agreement=city.agreement,
        )
        for city in records.twin_cities.values()
    ]
    return sorted(cities, key=lambda c: (swedish_key(c.city), c.id))
