"""The committees, their yearly reports and activities, and the networks and twin cities the
activities used."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from intlpolicy.compilation.figures import (
    ActivityEntry,
    CommitteeActivities,
    FocusSection,
    LinkUse,
    ReportEntry,
)
from intlpolicy.labels import AGREEMENTS, FOCUS_AREA_TITLES
from intlpolicy.loading.records import RecordSet
from intlpolicy.models import Network, Organisation
from intlpolicy.models.common import FOCUS_AREAS
from intlpolicy.swedish import swedish_key


def name_key(organisation: Organisation) -> str:
    return swedish_key(organisation.name)


def active_committees(organisations: Iterable[Organisation], year: int) -> list[Organisation]:
    """The committees active at some time during the year, in Swedish order."""
    committees = (
        o for o in organisations if o.kind == "committee" and o.active.overlaps_year(year)
    )
    return sorted(committees, key=name_key)


def report_entries(records: RecordSet, year: int, submitted: bool = True) -> list[ReportEntry]:
    """The year's reports of known organisations, in Swedish order of the organisation: the
    submitted ones, or (`submitted=False`) the drafts, which are not reports."""
    organisations = records.organisations
    entries = [
        ReportEntry(organisations[r.organisation], r)
        for r in records.reports.values()
        if r.year == year and r.organisation in organisations and r.is_submitted == submitted
    ]
    return sorted(entries, key=lambda e: name_key(e.organisation))


def of_kind(entries: Iterable[ReportEntry], kind: str) -> list[ReportEntry]:
    return [e for e in entries if e.organisation.kind == kind]


def activity_entries(reports: Iterable[ReportEntry]) -> list[ActivityEntry]:
    return [
        ActivityEntry(e.organisation, a, e.report.example)
        for e in reports
        for a in e.report.activities
    ]


def count_by_focus(activities: Iterable[ActivityEntry]) -> dict[str, int]:
    """The number of activities per focus area, every area present, in the policy's order."""
    by_focus = Counter(a.activity.focus_area for a in activities)
    return {key: by_focus[key] for key in FOCUS_AREAS}


def focus_sections(activities: Sequence[ActivityEntry]) -> list[FocusSection]:
    """One section per focus area: its activities grouped by committee."""
    counts = count_by_focus(activities)
    return [
        FocusSection(
            key,
            FOCUS_AREA_TITLES[key],
            group_by_organisation(a for a in activities if a.activity.focus_area == key),
            counts[key],
        )
        for key in FOCUS_AREAS
    ]


def group_by_organisation(entries: Iterable[ActivityEntry]) -> list[CommitteeActivities]:
    by_org: dict[str, CommitteeActivities] = {}
    for entry in entries:
        group = by_org.setdefault(
            entry.organisation.id, CommitteeActivities(entry.organisation, [])
        )
        group.activities.append(entry.activity)
    return sorted(by_org.values(), key=lambda g: name_key(g.organisation))


def network_uses(
    records: RecordSet, activities: Sequence[ActivityEntry], year: int
) -> list[LinkUse]:
    """The networks the year's activities used, with the city's bodies that were members."""
    uses = []
    for network in records.networks.values():
        used = [a for a in activities if network.id in a.activity.networks]
        if used:
            detail = f"medlem sedan {network.member_since}" if network.member_since else ""
            members = _members(network, records.organisations, year)
            uses.append(
                LinkUse(network.name, network.id, detail, group_by_organisation(used), members)
            )
    return sorted(uses, key=lambda u: swedish_key(u.name))


def twin_city_uses(records: RecordSet, activities: Sequence[ActivityEntry]) -> list[LinkUse]:
    """The twin cities the year's activities used."""
    uses = []
    for city in records.twin_cities.values():
        used = [a for a in activities if city.id in a.activity.twin_cities]
        if used:
            detail = f"{city.country}, {AGREEMENTS[city.agreement]} sedan {city.since}"
            uses.append(LinkUse(city.city, city.id, detail, group_by_organisation(used), []))
    return sorted(uses, key=lambda u: swedish_key(u.name))


def _members(
    network: Network, organisations: dict[str, Organisation], year: int
) -> list[Organisation]:
    members = (
        organisations[p.organisation]
        for p in network.participants
        if p.is_sourced and p.organisation in organisations and p.overlaps_year(year)
    )
    return sorted(members, key=name_key)
