"""The published lists as JSON (for the website's systems) or as an HTML fragment to paste.

Both formats render the same documents: for each item an object whose keys are always present
(null when unknown), in a fixed order, with the Swedish words for its codes and country. JSON
is the list of them; HTML is an escaped `<section>` rendered with templates/networks.html.j2 or
templates/twin-cities.html.j2 (a `templates/` folder beside the data root overrides them),
whose `items` are these documents. `RENDERERS` is the registry: its names are
`publish --format`'s choices.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from intlpolicy.labels import AGREEMENTS, PARTICIPANT_ROLES, name_in_sentence

if TYPE_CHECKING:
    from intlpolicy.publication import Publication, PublishedNetwork, PublishedTwinCity

PublishRenderer = Callable[["Publication", Path | None], str]

TEMPLATES: Final[dict[str, str]] = {
    "networks": "networks.html.j2",
    "twin-cities": "twin-cities.html.j2",
}


def country_name(code: str) -> str:
    """`EE` -> `Estland`; the code itself when the locale data has no name for it."""
    from babel import Locale

    name = Locale.parse("sv").territories.get(code)
    return str(name) if name else code


def network_document(network: PublishedNetwork) -> dict[str, Any]:
    return {
        "id": network.id,
        "name": network.name,
        "url": network.url,
        "member_since": network.member_since,
        "participants": [
            {
                "organisation": p.organisation,
                "organisation_id": p.organisation_id,
                "role": p.role,
                "role_title": PARTICIPANT_ROLES[p.role],
            }
            for p in network.participants
        ],
    }


def twin_city_document(city: PublishedTwinCity) -> dict[str, Any]:
    return {
        "id": city.id,
        "city": city.city,
        "country": city.country,
        "country_name": country_name(city.country),
        "since": city.since,
        "agreement": city.agreement,
        "agreement_title": AGREEMENTS[city.agreement],
    }


def documents(publication: Publication) -> list[dict[str, Any]]:
    """The list's items as the documents both formats show."""
    document: Callable[[Any], dict[str, Any]] = (
        network_document if publication.name == "networks" else twin_city_document
    )
    return [document(item) for item in publication.items]


def render_json(publication: Publication, data_root: Path | None = None) -> str:
    return json.dumps(documents(publication), ensure_ascii=False, indent=2) + "\n"


def _names_in_sentence(publication: Publication) -> dict[str, str]:
    """Each participating body's name as a sentence writes it, by organisation id."""
    from intlpolicy.publication import PublishedNetwork

    return {
        p.organisation_id: name_in_sentence(p.organisation, p.kind)
        for item in publication.items
        if isinstance(item, PublishedNetwork)
        for p in item.participants
    }


def render_html(publication: Publication, data_root: Path | None) -> str:
    """Raises TemplateProblem when an (overriding) template cannot be rendered."""
    from intlpolicy.reports.templating import environment, render_template

    env = environment(data_root, autoescape=True)
    env.globals.update(
        role_titles=PARTICIPANT_ROLES,
        agreement_titles=AGREEMENTS,
        names_in_sentence=_names_in_sentence(publication),
    )
    return render_template(env, TEMPLATES[publication.name], {"items": documents(publication)})


RENDERERS: Final[dict[str, PublishRenderer]] = {"html": render_html, "json": render_json}
