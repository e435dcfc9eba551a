"""The informationsärende to kommunstyrelsen, drafted from a project record (Markdown)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from intlpolicy.errors import Refused
from intlpolicy.labels import FOCUS_AREA_NAMES, PROJECT_ROLES
from intlpolicy.reports.markdown_text import markdown_environment
from intlpolicy.reports.templating import environment, render_template
from intlpolicy.routing import RouteAnswer

DRAFT_TEMPLATE = "informationsarende.md.j2"

# Why the routine does not apply, by reason code, for the sentence that says no draft is needed.
NOT_APPLICABLE_WHY = {
    "no_routine_in_force": "ingen version av policyn med rutinen gällde det avgörande datumet",
    "not_eu_funded": "projektet inte söker medel från något av EU:s program eller fonder",
    "not_a_committee": "organisationen inte är en nämnd",
    "not_project_owner": "nämnden är partner, inte projektägare",
}


class NoDraftNeeded(Refused):
    """The route is not an informationsärende (or there is no record to draft from); the
    message says why no draft is needed."""


def why_no_draft(answer: RouteAnswer) -> NoDraftNeeded | None:
    """Why no informationsärende is drafted for this answer, or None when one is."""
    decision = answer.decision
    if answer.project is None:
        return NoDraftNeeded("draft-needs-record")
    if decision.route == "ks_information":
        return None
    code = "no-draft-eu-network" if decision.route == "eu_network" else "no-draft-not-applicable"
    why = NOT_APPLICABLE_WHY.get(decision.reason_code, "")
    return NoDraftNeeded(code, reason_code=decision.reason_code, why=why)


def draft_context(answer: RouteAnswer) -> dict[str, Any]:
    project = answer.project
    decision = answer.decision
    reason = why_no_draft(answer)
    if reason is not None:
        raise reason
    assert project is not None  # why_no_draft said so
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
        # The practice rules the route used, labelled: the draft says which words are not
        # the policy's.
        "practice_notes": [answer.practice.labelled(code) for code in decision.assumptions],
        "near_percent": answer.practice.number("near-threshold", "percent"),
        "whole_project": "total-budget-whole-project" in decision.assumptions,
    }


def render_draft(answer: RouteAnswer, data_root: Path | None) -> str:
    env = markdown_environment(environment(data_root))  # record text stays text
    return render_template(env, DRAFT_TEMPLATE, draft_context(answer))
