"""The published lists as JSON (for the website's systems) or as an HTML fragment to paste.

JSON is a list of objects whose keys are always present (null when unknown), in a fixed
order. HTML is an escaped `<section>` rendered with templates/networks.html.j2 or
templates/twin-cities.html.j2; a `templates/` folder beside the data root overrides them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

from intlpolicy.labels import AGREEMENTS, PARTICIPANT_ROLES
from intlpolicy.services.publish import (
    ListName,
    Publication,
    PublishedNetwork,
    PublishedTwinCity,
)

TEMPLATES: Final[dict[ListName, str]] = {
    "networks": "networks.html.j2",
    "twin-cities": "twin-cities.html.j2",
}


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
        "country_name": city.country_name,
        "since": city.since,
        "agreement": city.agreement,
        "agreement_title": AGREEMENTS[city.agreement],
    }


def render_json(publication: Publication) -> str:
    documents = [
        network_document(item) if isinstance(item, PublishedNetwork) else twin_city_document(item)
        for item in publication.items
    ]
    return json.dumps(documents, ensure_ascii=False, indent=2) + "\n"


def render_html(publication: Publication, data_root: Path | None) -> str:
    """Raises TemplateProblem when an (overriding) template cannot be rendered."""
    from intlpolicy.reports.templating import environment, render_template

    env = environment(data_root, autoescape=True)
    env.globals.update(role_titles=PARTICIPANT_ROLES, agreement_titles=AGREEMENTS)
    return render_template(env, TEMPLATES[publication.name], {"items": list(publication.items)})


def render_publication(publication: Publication, output_format: str, data_root: Path | None) -> str:
    if output_format == "json":
        return render_json(publication)
    return render_html(publication, data_root)
