"""The informationsärende to kommunstyrelsen, drafted in the form of the city's
tjänsteskrivelse: from a project record, or from the facts given as options.

The text is one template, `informationsarende-text.md.j2` (from *Sammanfattning* to
*Ansvariga*); `informationsarende.md.j2` puts the title and the letterhead above it as
Markdown, `informationsarende.html.j2` as a page for print (the same text, turned into HTML).
`DRAFT_SUFFIXES` maps the --draft file's suffix to the format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from intlpolicy.errors import Refused
from intlpolicy.labels import FOCUS_AREA_NAMES, PROJECT_ROLES
from intlpolicy.reports.route_output import rate_reference
from intlpolicy.routing import RouteAnswer
from intlpolicy.swedish import NO_BREAK_SPACE, format_number, format_sek, swedish_key

MARKDOWN_TEMPLATE: Final = "informationsarende.md.j2"
TEXT_TEMPLATE: Final = "informationsarende-text.md.j2"
HTML_TEMPLATE: Final = "informationsarende.html.j2"

# The --draft file's suffix names the format; each format has its renderer (DRAFT_RENDERERS).
DRAFT_SUFFIXES: Final = {".md": "markdown", ".html": "html", ".pdf": "pdf"}

# The department of Stadskontoret that keeps the policy: the seed's *Beslutet skickas till*.
POLICY_DEPARTMENT: Final = "Stadskontoret, avdelningen för omvärld och näringsliv"
KOMMUNSTYRELSEN: Final = "Kommunstyrelsen"

# Why the routine does not apply, by reason code, for the sentence that says no draft is needed.
NOT_APPLICABLE_WHY = {
    "no_routine_in_force": "ingen version av policyn med rutinen gällde det avgörande datumet",
    "not_eu_funded": "projektet inte söker medel från något av EU:s program eller fonder",
    "not_a_committee": "organisationen inte är en nämnd",
    "not_project_owner": "nämnden är partner, inte projektägare",
}


@dataclass(frozen=True, slots=True)
class DraftDetails:
    """What the case officer adds to the facts: the document's date and diarienummer (free
    text; None until the case is registered) and the meetings of the decision planning."""

    document_date: date
    diary_number: str | None = None
    meeting_date: date | None = None
    ks_meeting_date: date | None = None


class NoDraftNeeded(Refused):
    """The route is not an informationsärende; the message says why no draft is needed."""


def why_no_draft(answer: RouteAnswer) -> NoDraftNeeded | None:
    """Why no informationsärende is drafted for this answer, or None when one is."""
    decision = answer.decision
    if decision.route == "ks_information":
        return None
    code = "no-draft-eu-network" if decision.route == "eu_network" else "no-draft-not-applicable"
    why = NOT_APPLICABLE_WHY.get(decision.reason_code, "")
    return NoDraftNeeded(code, reason_code=decision.reason_code, why=why)


def genitive(name: str) -> str:
    """The Swedish genitive of a name: `Kulturförvaltningen` → `Kulturförvaltningens`; a name
    ending in s, x or z takes no further s; an abbreviation takes a colon (`AB:s`)."""
    if name[-1:].lower() in {"s", "x", "z"}:
        return name
    return f"{name}:s" if name[-1:].isupper() or name[-1:].isdigit() else f"{name}s"


def funding_source(programme: str | None, fund: str | None) -> str | None:
    """`Kreativa Europa (Culture)`, either one alone, or None when neither is known."""
    if programme and fund:
        return f"{programme} ({fund})"
    return programme or fund or None


def recipients(committee: str) -> list[str]:
    """*Beslutet skickas till*: the committee and kommunstyrelsen in alphabetical order (the
    seed's), then the department of Stadskontoret, as the seed's list ends."""
    bodies = sorted({committee, KOMMUNSTYRELSEN}, key=swedish_key)
    return [*bodies, POLICY_DEPARTMENT]


def draft_context(answer: RouteAnswer, details: DraftDetails) -> dict[str, Any]:
    reason = why_no_draft(answer)
    if reason is not None:
        raise reason
    project, organisation, decision = answer.project, answer.organisation, answer.decision
    administration = organisation.administration
    title = project.title if project else None
    application = project.application if project else None
    return {
        "project": project,
        "stated": project is None,  # the facts come from options; nothing is recorded yet
        "title": title,
        "heading": draft_title(answer),
        "organisation": organisation,
        "administration": administration,
        "sender": f"Malmö stad, {administration or organisation.name}",
        "assessment_heading": f"{genitive(administration or 'Förvaltningen')} bedömning",
        "recipients": recipients(organisation.name),
        "decision": decision,
        "policy": decision.policy,
        "budget": answer.facts.total_budget,
        "source": funding_source(project.funding.programme, project.funding.fund)
        if project
        else None,
        "application": application,
        "submitted": application.submitted if application else None,
        "role": PROJECT_ROLES[answer.facts.role],
        "focus_areas": [FOCUS_AREA_NAMES[area] for area in project.focus_areas] if project else [],
        "countries": sorted({partner.country for partner in project.partners}) if project else [],
        "details": details,
        "diary_number": details.diary_number,
        "example": answer.example,
        # The practice rules the route used, labelled: the draft says which words are not
        # the policy's.
        "practice_notes": [answer.practice.labelled(code) for code in decision.assumptions],
        "near_percent": answer.practice.number("near-threshold", "percent"),
        "whole_project": "total-budget-whole-project" in decision.assumptions,
        "rate_reference": _rate_reference(answer),
    }


def _rate_reference(answer: RouteAnswer) -> str | None:
    """The rate's source and date as the text output shows them (no date when none was
    given); None for a budget in SEK."""
    rate = answer.facts.total_budget.exchange_rate
    if rate is None:
        return None
    return rate_reference(rate.source or "källa ej angiven", answer.facts.rate_date)


def render_draft_markdown(answer: RouteAnswer, details: DraftDetails, root: Path | None) -> str:
    from intlpolicy.reports.markdown_text import markdown_environment
    from intlpolicy.reports.templating import environment, render_template

    env = markdown_environment(environment(root))  # record text stays text
    return render_template(env, MARKDOWN_TEMPLATE, draft_context(answer, details))


def render_draft_html(answer: RouteAnswer, details: DraftDetails, root: Path | None) -> str:
    """The same text as the Markdown (rendered from the same template, turned into HTML by
    markdown-it with raw HTML off), on a page for print: A4, the letterhead, page numbers."""
    from markdown_it import MarkdownIt
    from markupsafe import Markup

    from intlpolicy.reports.markdown_text import markdown_environment
    from intlpolicy.reports.templating import environment, render_template

    context = draft_context(answer, details)
    text_env = markdown_environment(environment(root))

    # On paper an amount never breaks over two lines: `15 687 000 kr` keeps together.
    # (Markup: the Markdown escaping would make the no-break spaces plain ones again; a number
    # we formatted holds nothing to escape.)
    def sek(value: Decimal) -> Markup:
        return Markup(format_sek(value, space=NO_BREAK_SPACE))

    def number(value: Decimal, strip: bool = True) -> Markup:
        return Markup(format_number(value, space=NO_BREAK_SPACE, strip=strip))

    text_env.filters.update(sek=sek, number=number)
    text = render_template(text_env, TEXT_TEMPLATE, context)
    body = MarkdownIt("commonmark", {"html": False}).render(text)
    page = environment(root, autoescape=True)
    return render_template(page, HTML_TEMPLATE, {**context, "body": Markup(body)})


def draft_title(answer: RouteAnswer) -> str:
    """The document's title (the PDF's properties)."""
    project = answer.project
    return "Information om ansökan om EU-medel för projektet " + (
        project.title if project else "[projektets namn]"
    )


def render_draft_pdf(answer: RouteAnswer, details: DraftDetails, root: Path | None) -> bytes:
    """The HTML draft printed on A4 by WeasyPrint (reports/pdf.py); the document's date is the
    PDF's, so the same facts and options give the same bytes."""
    from intlpolicy.reports.pdf import html_to_pdf

    html = render_draft_html(answer, details, root)
    return html_to_pdf(html, title=draft_title(answer), created=details.document_date)


# A renderer: the answer, the case officer's details and the data root (whose templates/
# folder beside it overrides a packaged template) in, the document out.
DraftRenderer = Callable[[RouteAnswer, DraftDetails, Path | None], str | bytes]
DRAFT_RENDERERS: Final[dict[str, DraftRenderer]] = {
    "markdown": render_draft_markdown,
    "html": render_draft_html,
    "pdf": render_draft_pdf,
}
