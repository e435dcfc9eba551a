"""The informationsärende to kommunstyrelsen, drafted from a project record (Markdown)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from intlpolicy.labels import FOCUS_AREA_NAMES, PROJECT_ROLES
from intlpolicy.reports.templating import environment, render_template
from intlpolicy.services.route import RouteAnswer

DRAFT_TEMPLATE = "informationsarende.md.j2"


class NoDraftNeeded(Exception):
    """The route is not an informationsärende; the message says why no draft is needed."""


def draft_context(answer: RouteAnswer) -> dict[str, Any]:
    project = answer.project
    decision = answer.decision
    if project is None:
        raise NoDraftNeeded(
            "ett utkast kräver ett registrerat projekt (ange projektets id eller fil)"
        )
    if decision.route != "ks_information":
        reason = (
            "informationen lämnas via EU-nätverket"
            if decision.route == "eu_network"
            else "rutinen gäller inte för projektet"
        )
        raise NoDraftNeeded(f"inget informationsärende behövs: {reason} ({decision.reason_code})")
    countries = sorted({partner.country for partner in project.partners})
    notice = project.notices.ks_information
    return {
        "project": project,
        "organisation": answer.organisation,
        "decision": decision,
        "policy": decision.policy,
        "role": PROJECT_ROLES[project.role],
        "focus_areas": [FOCUS_AREA_NAMES[area] for area in project.focus_areas],
        "countries": countries,
        "diary_number": notice.diary_number if notice else None,
        "example": project.example,
    }


def render_draft(answer: RouteAnswer, data_root: Path | None) -> str:
    return render_template(environment(data_root), DRAFT_TEMPLATE, draft_context(answer))
