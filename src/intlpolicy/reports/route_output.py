"""`route-project` output: a few Swedish sentences for a handläggare, or the JSON contract.

`RENDERERS` maps each `--format` name to its renderer; the command's choices are its keys.
The rule's types are imported for type checking only: the command line imports this module
to know the format names, and must not load the models for `--help`.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from datetime import date
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
from intlpolicy.text import printable

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
    "{threshold}, så nämnden ombeds enligt policyn sända ett informationsärende till "
    "kommunstyrelsen.",
    "below_threshold": "Totalbudgeten {total} är under tröskelvärdet {threshold}, så nämnden "
    "informerar genom EU-nätverket.",
}

DATE_SOURCES = {
    "submitted": "dagen då ansökan lämnades",
    "option": "angivet med --date (ett tänkt datum, inte ansökningsdagen)",
    "today": "i dag; ansökan är inte inlämnad",
}

# What a rate given without its date says in place of the date (text output and draft).
RATE_DATE_NOT_GIVEN: Final = "kursens datum inte angivet"

WIDTH: Final = 80
LABEL_WIDTH: Final = 17
_UNBROKEN: Final = re.compile(r"(?<=\d) (?=\d{3}\b|kr\b|%|EUR\b|SEK\b)")
# Practice rules that the text shows in an `Observera` line of their own.
_NOTED: Final = frozenset({"near-threshold", "planned-in-force-date"})


def _field(label: str, text: str) -> list[str]:
    """`Label:  text`, wrapped at 80 columns under the text's first column."""
    head = f"{label + ':' if label else '':<{LABEL_WIDTH}}"
    # A number's groups and its unit stay on one line.
    kept = _UNBROKEN.sub("\u00a0", printable(text))  # escaped first: wrapped as shown
    lines = textwrap.wrap(
        kept,
        WIDTH,
        initial_indent=head,
        subsequent_indent=" " * LABEL_WIDTH,
        break_on_hyphens=False,
        break_long_words=False,
    )
    return [line.replace("\u00a0", " ") for line in lines]


def rate_reference(source: str, rate_date: date | None) -> str:
    """`InforEuro, 2024-09-01`, or the source and that no date was given: a rate given
    without --rate-date is never shown with a date it does not have."""
    if rate_date is None:
        return f"{source}; {RATE_DATE_NOT_GIVEN}"
    return f"{source}, {rate_date.isoformat()}"


def _notice_sentence(notice: NoticeStatus, recorded_project: bool, timing: bool) -> str:
    name, done = capitalised(ROUTE_NAMES[notice.required]), NOTICE_RECORDED[notice.required]
    if not recorded_project:
        # The policy says which notice, not when: the timing is the city's practice, stated
        # once, labelled, in its own line (`Tillämpning`), never reworded here.
        where = "; stadens tillämpning om tidpunkten står nedan" if timing else ""
        return f"Policyn anger inte när anmälan lämnas{where}."
    if notice.state == "missing":
        return f"{name} är inte {done} för projektet (fält: notices.{notice.required})."
    if notice.state == "late":
        return f"{name} {done} {notice.date}, men efter att ansökan lämnades."
    return f"{name} {done} {notice.date}."


def basis_document(answer: RouteAnswer) -> dict[str, Any]:
    """The decisive step's basis: the policy's quoted sentence, or the practice rule."""
    decision = answer.decision
    kind, key = decision.basis
    if kind == "practice":
        assert key is not None
        return {"kind": "practice", "code": key, "text": answer.practice.rules[key].wording()}
    policy = decision.policy
    sentence = policy.sentences.get(key) if policy is not None and key is not None else None
    return {
        "kind": "policy",
        "policy": policy.id if policy is not None else None,
        "sentence_key": key if sentence is not None else None,
        "sentence": sentence,
    }


def assumptions_document(answer: RouteAnswer) -> list[dict[str, str]]:
    rules = answer.practice.rules
    return [{"code": code, "text": rules[code].wording()} for code in answer.decision.assumptions]


def to_json_document(answer: RouteAnswer) -> dict[str, Any]:
    decision = answer.decision
    budget = answer.facts.total_budget
    rate = budget.exchange_rate
    rate_date = answer.facts.rate_date
    conversion = None
    if rate is not None:
        conversion = {
            "currency": budget.currency,
            "amount": _plain(budget.amount),
            "rate": _plain(rate.rate),
            "date": rate_date.isoformat() if rate_date is not None else None,  # None: not given
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
        "basis": basis_document(answer),
        "assumptions": assumptions_document(answer),
    }


def _plain(value: Decimal) -> str:
    """The exact decimal as written, never in scientific notation (`0E-7` -> `0.0000000`)."""
    return format(value, "f")


def render_json(answer: RouteAnswer) -> str:
    import json  # only for this format

    return json.dumps(to_json_document(answer), ensure_ascii=False, indent=2) + "\n"


def render_text(answer: RouteAnswer) -> str:
    decision = answer.decision
    facts = answer.facts
    organisation = answer.organisation
    lines: list[str] = []
    if answer.example:
        lines.append(EXAMPLE_NOTICES["project"])
    if answer.project is not None:
        lines += _field("Projekt", f"{answer.project.title} ({answer.project.id})")
    else:
        lines += _field("Projekt", "(ej registrerat; fakta från kommandoraden)")
    role = PROJECT_ROLES.get(facts.role, facts.role)
    lines += _field("Organisation", f"{organisation.name} ({role})")
    lines += _field("Väg", capitalised(ROUTE_NAMES[decision.route]))
    total = decision.total_budget_sek
    threshold = decision.threshold_sek
    reason = REASONS[decision.reason_code].format(
        day=decision.deciding_date.isoformat(),
        routine_from=decision.routine_from.isoformat() if decision.routine_from else "–",
        organisation=organisation.name,
        total=format_sek(total) if total is not None else "",
        threshold=format_sek(threshold) if threshold is not None else "",
    )
    lines += _field("Skäl", reason)
    lines += _basis_lines(answer)
    lines.extend(_arithmetic(answer))
    policy = decision.policy
    if policy is not None:
        planned = " (planerat datum enligt beslutsplaneringen)"
        lines += _field(
            "Policy",
            f"{policy.title} ({policy.diary_number}), gäller från "
            f"{policy.in_force_from.isoformat()}"
            f"{planned if policy.in_force_from_basis == 'planned' else ''} [{policy.id}]",
        )
    source = DATE_SOURCES[decision.date_source]
    lines += _field("Avgörande datum", f"{decision.deciding_date.isoformat()} – {source}")
    notice = decision.notice
    if notice is not None:
        timing = "notice-before-submission" in decision.assumptions
        sentence = _notice_sentence(notice, answer.project is not None, timing)
        lines += _field("Anmälan", sentence)
    if decision.near_threshold and decision.route != "not_applicable":
        lines += _field("Observera", _near_threshold_advice(answer))
    if decision.planned_boundary is not None:
        lines += _field("Observera", _planned_note(decision.planned_boundary))
    for code in decision.assumptions:
        if code in _NOTED:
            continue
        lines += _field("Tillämpning", answer.practice.labelled(code))
    # A title or a name is record text: control characters shown escaped, never raw.
    return "\n".join(printable(line) for line in lines) + "\n"


def _basis_lines(answer: RouteAnswer) -> list[str]:
    basis = basis_document(answer)
    if basis["kind"] == "practice":
        return _field("Grund", answer.practice.labelled(basis["code"]))
    if basis["sentence"] is None:
        return []
    return _field("Policyns ord", f"»{basis['sentence']}«")


def _planned_note(boundary: date) -> str:
    return (
        f"Rutinen gäller från {boundary.isoformat()}, ett planerat datum enligt "
        "beslutsplaneringen; det antagna datumet är inte registrerat, och det avgörande "
        "datumet ligger nära det (stadens tillämpning, inte policyns ord)."
    )


def _arithmetic(answer: RouteAnswer) -> list[str]:
    """The SEK total as computed, and how it compares with the threshold."""
    total = answer.decision.total_budget_sek
    threshold = answer.decision.threshold_sek
    budget = answer.facts.total_budget
    if total is None:
        return []
    if budget.exchange_rate is not None:
        rate = budget.exchange_rate
        lines = _field(
            "Beräkning",
            f"{format_number(budget.amount)} {budget.currency} × "
            f"{format_number(rate.rate, strip=False)} SEK/{budget.currency} "
            f"({rate_reference(rate.source, answer.facts.rate_date)}) = {format_sek(total)}",
        )
    else:
        lines = _field("Beräkning", f"totalbudget {format_sek(total)} (i SEK, ingen omräkning)")
    if threshold is not None:
        relation = "≥" if total >= threshold else "<"
        lines += _field(
            "", f"{format_sek(total)} {relation} {format_sek(threshold)} (tröskelvärdet)"
        )
    return lines


def _near_threshold_advice(answer: RouteAnswer) -> str:
    rule = answer.practice.rules["near-threshold"]
    percent = rule.parameters.get("percent")
    name = "advice_below" if answer.decision.route == "eu_network" else "advice_above"
    advice = rule.parameters.get(name)
    return (
        f"Totalbudgeten ligger inom {percent} % av tröskelvärdet. En budgetrevidering eller "
        f"en förändrad växelkurs kan ändra vägen{'; ' + str(advice) if advice else ''} "
        "(stadens tillämpning, inte policyns ord)."
    )


RENDERERS: Final[dict[str, Callable[[RouteAnswer], str]]] = {
    "text": render_text,
    "json": render_json,
}
