"""The EU funding routine's duties on recorded applications (warnings)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from intlpolicy.checks.base import CheckContext, check
from intlpolicy.loading.records import Issue
from intlpolicy.routing import decide_recorded_project, deciding_date

# An exchange rate further than this from the deciding date no longer describes the budget.
RATE_MAX_AGE_DAYS: Final = 45


@check
def required_notice_recorded(context: CheckContext) -> Iterator[Issue]:
    records = context.records
    policies = records.policies.values()
    for key, project in records.projects.items():
        application = project.application
        organisation = records.organisations.get(project.organisation)
        if application is None or application.submitted is None or organisation is None:
            continue
        notice = decide_recorded_project(project, organisation, policies, context.today).notice
        if notice is None:
            continue
        source = records.source("project", key)
        # The route's code; the message table words it.
        params = {"route": notice.required, "submitted": application.submitted.isoformat()}
        if notice.state == "missing":
            yield Issue(source, "notice-missing", params, ("notices",), at_key=True)
        elif notice.state == "late" and notice.date is not None:
            yield Issue(
                source,
                "notice-late",
                {**params, "notice_date": notice.date.isoformat()},
                ("notices", notice.required, "date"),
            )


@check
def exchange_rate_is_recent(context: CheckContext) -> Iterator[Issue]:
    """The rates that describe the application (not those of later payments) are recent."""
    records = context.records
    for key, project in records.projects.items():
        submitted = project.application.submitted if project.application else None
        day, _ = deciding_date(submitted, None, context.today)
        for field, money in (
            ("total_budget", project.total_budget),
            ("eu_contribution", project.eu_contribution),
            ("own_budget", project.own_budget),
        ):
            rate = money.exchange_rate if money is not None else None
            if rate is None:
                continue
            days = abs((day - rate.date).days)
            if days > RATE_MAX_AGE_DAYS:
                yield Issue(
                    records.source("project", key),
                    "rate-stale",
                    {
                        "rate_date": rate.date.isoformat(),
                        "days": days,
                        "deciding": day.isoformat(),
                        "limit": RATE_MAX_AGE_DAYS,
                    },
                    (field, "exchange_rate", "date"),
                )
