"""The EU funding routine's duties on recorded applications (warnings).

The notice's timing and the exchange rate's age are the city's practice, not the policy's
words: each check applies only while its practice rule (data/practice/) is switched on, takes
its numbers from it, and its message says it is practice.
"""

from __future__ import annotations

from collections.abc import Iterator

from intlpolicy.checks import fixes
from intlpolicy.checks.base import CheckContext, check
from intlpolicy.loading.records import Issue
from intlpolicy.routing import PolicyTied, decide_recorded_project, deciding_date, practice_of


@check
def required_notice_recorded(context: CheckContext) -> Iterator[Issue]:
    records = context.records
    policies = records.policies.values()
    practice = practice_of(records)
    for key, project in records.projects.items():
        application = project.application
        organisation = records.organisations.get(project.organisation)
        if application is None or application.submitted is None or organisation is None:
            continue
        try:
            decision = decide_recorded_project(
                project, organisation, policies, context.today, practice
            )
        except PolicyTied:  # no route can be told; `policy_days_differ` reports the tie
            continue
        notice = decision.notice
        if notice is None:
            continue
        source = records.source("project", key)
        # The route's code; the message table words it.
        params = {"route": notice.required, "submitted": application.submitted.isoformat()}
        if notice.state == "missing":
            fix = fixes.record_notice(key, notice.required)
            yield Issue(source, "notice-missing", params, ("notices",), at_key=True, fix=fix)
        elif notice.state == "late" and notice.date is not None:
            yield Issue(
                source,
                "notice-late",
                {**params, "notice_date": notice.date.isoformat()},
                ("notices", notice.required, "date"),
            )


@check
def exchange_rate_is_recent(context: CheckContext) -> Iterator[Issue]:
    """The rates that describe the application (not those of later payments) are recent,
    and from the expected source."""
    records = context.records
    practice = practice_of(records)
    for key, project in records.projects.items():
        submitted = project.application.submitted if project.application else None
        day, _ = deciding_date(submitted, None, context.today)
        limit = practice.number("rate-max-age", "days", day)
        expected = practice.rule("rate-source", day)
        amounts = project.application_amounts()
        several = len({money.currency for _, money in amounts if money.exchange_rate}) > 1
        source = expected.parameters.get("source") if expected is not None else None
        for field, money in amounts:
            rate = money.exchange_rate
            if rate is None:
                continue
            named = rate.source if source is None else str(source)
            fix = fixes.refresh_rate(key, named, money.currency if several else None)
            days = abs((day - rate.date).days)
            if limit is not None and days > limit:
                yield Issue(
                    records.source("project", key),
                    "rate-stale",
                    {
                        "rate_date": rate.date.isoformat(),
                        "days": days,
                        "deciding": day.isoformat(),
                        "limit": limit,
                    },
                    (field, "exchange_rate", "date"),
                    fix=fix,
                )
            # A placeholder for the source (KÄLLA) has its own finding (loading/placeholders.py).
            if source is not None and rate.source not in (source, *fixes.PLACEHOLDERS):
                yield Issue(
                    records.source("project", key),
                    "rate-source-other",
                    {"source": rate.source, "expected": source},
                    (field, "exchange_rate", "source"),
                    fix=fix,
                )
