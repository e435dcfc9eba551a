"""`route-project` output: a few Swedish sentences for a handläggare, or the JSON contract.

`RENDERERS` maps each `--format` name to its renderer; the command's choices are its keys.
The rule's types are imported for type checking only: the command line imports this module
to know the format names, and must not load the models for `--help`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from intlpolicy.labels import (
    EXAMPLE_NOTICES,
    NOTICE_RECORDED,
    PROJECT_ROLES,
    ROUTE_NAMES,
    capitalised,
)
from intlpolicy.swedish import format_number, format_sek

if TYPE_CHECKING:
    from intlpolicy.routing import NoticeStatus, RouteAnswer

REASONS = {
    "no_routine_in_force": "Ingen version av policyn med rutinen för EU-finansiering gällde "
    "den {day} (rutinen gäller från {routine_from}).",
    "not_eu_funded": "Projektet söker inte medel från något EU-program eller någon EU-fond.",
    "not_a_committee": "{organisation} är inte en nämnd; rutinen gäller nämnder som är "
    "projektägare.",
    "not_project_owner": "{organisation} är partner, inte projektägare; rutinen gäller "
    "när nämnden är projektägare.",
    "at_or_above_threshold": "Totalbudgeten {total} är lika med eller över tröskelvärdet "
    "{threshold}, så nämnden ska skicka ett informationsärende till kommunstyrelsen.",
    "below_threshold": "Totalbudgeten {total} är under tröskelvärdet {threshold}, så nämnden "
    "informerar genom EU-nätverket.",
}

DATE_SOURCES = {
    "submitted": "dagen då ansökan lämnades",
    "option": "angiven med --date (ett tänkt datum, inte ansökningsdagen)",
    "today": "i dag; ansökan är inte inlämnad",
}


def _notice_sentence(notice: NoticeStatus, recorded_project: bool) -> str:
    name, done = capitalised(ROUTE_NAMES[notice.required]), NOTICE_RECORDED[notice.required]
    if not recorded_project:
        return f"{name} ska lämnas innan ansökan skickas in."
    if notice.state == "missing":
        return f"{name} är inte {done} i projektets notices."
    if notice.state == "late":
        return f"{name} {done} {notice.date}, men efter att ansökan lämnades."
    return f"{name} {done} {notice.date}."


def to_json_document(answer: RouteAnswer) -> dict[str, Any]:
    decision = answer.decision
    budget = answer.facts.total_budget
    rate = budget.exchange_rate
    conversion = None
    if rate is not None:
        conversion = {
            "currency": budget.currency,
            "amount": _plain(budget.amount),
            "rate": _plain(rate.rate),
            "date": rate.date.isoformat(),
            "source": rate.source,
        }
    notice = None
    if decision.notice is not None:
        notice = {
            "required": decision.notice.required,
            "recorded": decision.notice.recorded,
            "date": decision.notice.date.isoformat() if decision.notice.date else None,
            "before_submission": decision.notice.before_submission,
        }
    total = decision.total_budget_sek
    threshold = decision.threshold_sek
    return {
        "project": answer.facts.project,
        "organisation": answer.facts.organisation,
        "policy": decision.policy.id if decision.policy else None,
        "route": decision.route,
        "reason_code": decision.reason_code,
        "total_budget_sek": _plain(total) if total is not None else None,
        "threshold_sek": _plain(threshold) if threshold is not None else None,
        "conversion": conversion,
        "near_threshold": decision.near_threshold,
        "notice": notice,
        "deciding_date": decision.deciding_date.isoformat(),
        "date_source": decision.date_source,
        "example": answer.example,
    }


def _plain(value: Decimal) -> str:
    """The exact decimal as written, never in scientific notation (`0E-7` -> `0.0000000`)."""
    return format(value, "f")


def render_json(answer: RouteAnswer) -> str:
    return json.dumps(to_json_document(answer), ensure_ascii=False, indent=2) + "\n"


def render_text(answer: RouteAnswer) -> str:
    decision = answer.decision
    facts = answer.facts
    organisation = answer.organisation
    lines: list[str] = []
    if answer.example:
        lines.append(EXAMPLE_NOTICES["project"])
    if answer.project is not None:
        lines.append(f"Projekt:     {answer.project.title} ({answer.project.id})")
    else:
        lines.append("Projekt:     (ej registrerat; fakta från kommandoraden)")
    lines.append(f"Organisation: {organisation.name} ({PROJECT_ROLES.get(facts.role, facts.role)})")
    lines.append(f"Väg:         {capitalised(ROUTE_NAMES[decision.route])}")
    total = decision.total_budget_sek
    threshold = decision.threshold_sek
    reason = REASONS[decision.reason_code].format(
        day=decision.deciding_date.isoformat(),
        routine_from=decision.routine_from.isoformat() if decision.routine_from else "–",
        organisation=organisation.name,
        total=format_sek(total) if total is not None else "",
        threshold=format_sek(threshold) if threshold is not None else "",
    )
    lines.append(f"Skäl:        {reason}")
    lines.extend(_arithmetic(answer))
    policy = decision.policy
    if policy is not None:
        lines.append(
            f"Policy:      {policy.title} ({policy.diary_number}), "
            f"gäller från {policy.in_force_from.isoformat()} [{policy.id}]"
        )
    lines.append(
        f"Beslutsdag:  {decision.deciding_date.isoformat()} – {DATE_SOURCES[decision.date_source]}"
    )
    notice = decision.notice
    if notice is not None:
        lines.append(f"Anmälan:     {_notice_sentence(notice, answer.project is not None)}")
    if decision.near_threshold and decision.route != "not_applicable":
        lines.append(f"Observera:   {_near_threshold_advice(decision.route)}")
    return "\n".join(lines) + "\n"


def _arithmetic(answer: RouteAnswer) -> list[str]:
    """The SEK total as computed, and how it compares with the threshold."""
    total = answer.decision.total_budget_sek
    threshold = answer.decision.threshold_sek
    budget = answer.facts.total_budget
    if total is None:
        return []
    if budget.exchange_rate is not None:
        rate = budget.exchange_rate
        lines = [
            f"Beräkning:   {format_number(budget.amount)} {budget.currency} × "
            f"{format_number(rate.rate, strip=False)} SEK/{budget.currency} "
            f"({rate.source}, {rate.date.isoformat()}) = {format_sek(total)}"
        ]
    else:
        lines = [f"Beräkning:   totalbudget {format_sek(total)} (i SEK, ingen omräkning)"]
    if threshold is not None:
        relation = "≥" if total >= threshold else "<"
        lines.append(
            f"             {format_sek(total)} {relation} {format_sek(threshold)} (tröskelvärdet)"
        )
    return lines


def _near_threshold_advice(route: str) -> str:
    from intlpolicy.routing import NEAR_THRESHOLD_SHARE

    share = format_number(NEAR_THRESHOLD_SHARE * 100)
    advice = (
        "informera gärna kommunstyrelsen även om det inte krävs."
        if route == "eu_network"
        else "en lägre budget kan flytta ärendet till EU-nätverket, men i dag krävs "
        "informationsärendet."
    )
    return (
        f"Totalbudgeten ligger inom {share} % från tröskelvärdet. En "
        f"budgetrevidering eller en förändrad växelkurs kan ändra vägen; {advice}"
    )


RENDERERS: Final[dict[str, Callable[[RouteAnswer], str]]] = {
    "text": render_text,
    "json": render_json,
}
